"""What the company's replies mean for one plan (the rules' section 5), pure.

The classifier says what one message is; this says what the messages of one interview do
together: which one counts as the answer, which outcome it records, which decision date
and which out-of-office hold apply, what an information request asks for. The planner and
the reports read only these functions, so a reply means the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from daemon.model import Outcome, Reply

# A message from a person that is an answer: the check-ins stop ("replied").
ANSWERS: frozenset[str] = frozenset({"rejection", "offer", "next_round", "info_request", "unknown"})
# A message that leaves the routine running: nothing is cancelled.
KEEPS_GOING: frozenset[str] = frozenset({"auto_reply", "noise", "delay", "acknowledgement"})
_OUTCOME_OF: dict[str, Outcome] = {"rejection": "rejected", "offer": "offer"}


def is_answer(category: str) -> bool:
    return category in ANSWERS


def first_answer(replies: Iterable[Reply]) -> Reply | None:
    """The first message that answered (the one that stopped the check-ins)."""
    return next((r for r in replies if is_answer(r.category)), None)


def outcome_of(replies: Iterable[Reply]) -> tuple[Outcome, datetime] | None:
    """The outcome a rejection or an offer records, with the moment it was read."""
    for reply in reversed(tuple(replies)):
        outcome = _OUTCOME_OF.get(reply.category)
        if outcome is not None:
            return outcome, reply.read_at
    return None


def decision_date(replies: Iterable[Reply]) -> date | None:
    """The latest decision date a delay or an acknowledgement gave."""
    dated = [r for r in replies if r.category in ("delay", "acknowledgement") and r.new_date]
    return dated[-1].new_date if dated else None


def away_until(replies: Iterable[Reply]) -> date | None:
    """The latest return date of an out-of-office: the next check-in waits for it."""
    dates = [r.until for r in replies if r.category == "auto_reply" and r.until]
    return max(dates) if dates else None


def information_request(replies: Iterable[Reply]) -> Reply | None:
    """The first information request (its reminder is written once, when it was read)."""
    return next((r for r in replies if r.category == "info_request"), None)


def rejection(replies: Iterable[Reply]) -> Reply | None:
    """The rejection the thank-you answers, in its thread."""
    return next((r for r in reversed(tuple(replies)) if r.category == "rejection"), None)


def reply_subject(reply: Reply) -> str | None:
    """``Re: <their subject>``: Gmail threads a draft only when the subjects match."""
    subject = " ".join(reply.subject.split())
    if not subject:
        return None
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def request_detail(reply: Reply, tz: ZoneInfo) -> str:
    """The line of the information request's reminder: what, who, when."""
    what = reply.asked or "something (open their message to see what)"
    return f"They asked for {what}: {who(reply)}, {reply.received.astimezone(tz):%a %d %b}."


def who(reply: Reply) -> str:
    return reply.sender.name or reply.sender.email


def describe(reply: Reply, company: str | None, tz: ZoneInfo) -> str:
    """``Acme replied 3 Dec: rejection, from Sam Recruiter`` (plus the dates it gave)."""
    when = reply.received.astimezone(tz)
    line = f"{company or 'The company'} replied {when.day} {when:%b}: {reply.category}"
    line += f", from {who(reply)}"
    if reply.new_date:
        line += f"; decision expected {reply.new_date:%a %d %b}"
    if reply.until:
        line += f"; away until {reply.until:%a %d %b}"
    if reply.asked:
        line += f"; asks for {reply.asked}"
    return line
