"""What the user reads: ``plan --json`` exactly as interfaces.md gives it, and the tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from daemon.codec import person_to
from daemon.model import Action, Plan, Reply, Skip
from daemon.progress import LABELS, Progress, Step, of_plan
from daemon.replies import describe
from daemon.settings import DEFAULT_GRACE_HOURS

if TYPE_CHECKING:  # detection's modules compile many patterns: status never needs them
    from daemon.reading import ExplainRow

_STATE_MARK = {
    "planned": "planned",
    "done": "done",
    "expired": "expired",
    "cancelled": "cancelled",
    "user_modified": "changed by you",
}


def fmt_time(dt: datetime, tz: ZoneInfo) -> str:
    """``YYYY-MM-DDTHH:MM:SS±HH:MM`` in the configured zone, with its offset on that date."""
    return dt.astimezone(tz).isoformat(timespec="seconds")


def plan_json(
    now: datetime,
    tz_name: str,
    plans: tuple[Plan, ...],
    skipped: tuple[Skip, ...],
    grace_hours: Mapping[str, float] = DEFAULT_GRACE_HOURS,
) -> Any:
    tz = ZoneInfo(tz_name)
    return {
        "now": fmt_time(now, tz),
        "timezone": tz_name,
        "interviews": [
            {**_interview_json(p, tz), **progress_json(of_plan(p, now, grace_hours), tz)}
            for p in plans
        ],
        "skipped": [{"id": s.id, "title": s.title, "reason": s.reason} for s in skipped],
    }


def _interview_json(plan: Plan, tz: ZoneInfo) -> dict[str, Any]:
    iv = plan.interview
    return {
        "id": iv.id,
        "title": iv.title,
        "company": iv.company,
        "role": iv.role,
        "kind": iv.kind,
        "round": iv.round,
        "start": fmt_time(iv.start, tz),
        "end": fmt_time(iv.end, tz),
        "interviewers": [person_to(p) for p in iv.interviewers],
        "contact": person_to(iv.contact),
        "stated_timeline": plan.stated_timeline.isoformat() if plan.stated_timeline else None,
        "status": plan.status,
        "actions": [_action_json(a, tz) for a in plan.actions],
        "replies": [reply_json(r, tz) for r in plan.replies],
    }


def reply_json(reply: Reply, tz: ZoneInfo) -> dict[str, Any]:
    """A reply as read: never its text, only what it means and who sent it when."""
    return {
        "received": fmt_time(reply.received, tz),
        "from": person_to(reply.sender),
        "category": reply.category,
        "new_date": reply.new_date.isoformat() if reply.new_date else None,
        "away_until": reply.until.isoformat() if reply.until else None,
        "asked": reply.asked,
    }


def progress_json(where: Progress, tz: ZoneInfo) -> dict[str, Any]:
    """``stage``, ``next_action`` and ``due_now``: the same keys in ``plan`` and ``status``."""
    return {
        "stage": where.stage,
        "next_action": _step_json(where.next, tz),
        "due_now": [_step_json(s, tz) for s in where.overdue],
    }


def _step_json(step: Step | None, tz: ZoneInfo) -> dict[str, str] | None:
    return None if step is None else {"type": step.type, "due": fmt_time(step.due, tz)}


def _action_json(a: Action, tz: ZoneInfo) -> dict[str, Any]:
    return {
        "type": a.type,
        "due": fmt_time(a.due, tz),
        "state": a.state,
        "outputs": list(a.outputs),
        "to": [person_to(p) for p in a.to],
        "subject": a.subject,
    }


def plan_table(
    now: datetime,
    tz_name: str,
    plans: tuple[Plan, ...],
    skipped: tuple[Skip, ...],
    grace_hours: Mapping[str, float] = DEFAULT_GRACE_HOURS,
) -> str:
    tz = ZoneInfo(tz_name)
    lines = [f"Follow-up plan as of {now.astimezone(tz):%a %Y-%m-%d %H:%M} ({tz_name})", ""]
    if not plans:
        lines.append("No interviews found in the calendar.")
    for plan in plans:
        lines.extend(_interview_block(plan, tz))
        lines.append(_progress_line(of_plan(plan, now, grace_hours), tz))
        lines.append("")
    if skipped:
        lines.append("Not planned:")
        lines.extend(f"  {_clip(s.title, 60):60}  {s.reason}" for s in skipped)
    return "\n".join(lines).rstrip() + "\n"


def _interview_block(plan: Plan, tz: ZoneInfo) -> list[str]:
    iv = plan.interview
    start, end = iv.start.astimezone(tz), iv.end.astimezone(tz)
    facts = [
        iv.company or "company unknown",
        iv.role or "role unknown",
        iv.kind or "kind unknown",
        f"round {iv.round}",
    ]
    head = [
        f"{_clip(iv.title, 70)}  [{plan.status}]",
        f"  {' · '.join(facts)}  {start:%a %Y-%m-%d %H:%M}-{end:%H:%M}",
        f"  id: {iv.id}",
    ]
    who = []
    if iv.contact:
        who.append(f"contact {_person(iv.contact.name, iv.contact.email)}")
    if plan.stated_timeline:
        who.append(f"decision expected {plan.stated_timeline:%a %Y-%m-%d}")
    if who:
        head.append("  " + "; ".join(who))
    head.extend(f"  {describe(r, iv.company, tz)}" for r in plan.replies)
    for a in plan.actions:
        due = a.due.astimezone(tz)
        extra = ""
        if a.to:
            what = "call" if a.call else "draft" if "draft" in a.outputs else "for"
            extra = f"{what} to " + ", ".join(_person(p.name, p.email) for p in a.to)
        head.append(
            f"    {a.type:17} {due:%a %Y-%m-%d %H:%M}  {_STATE_MARK[a.state]:14} {extra}".rstrip()
        )
    return head


def _progress_line(where: Progress, tz: ZoneInfo) -> str:
    """The same stage and next action as ``status`` shows (daemon/progress.py)."""
    nxt = where.next
    after = "nothing planned" if nxt is None else f"{LABELS[nxt.type]} {_at(nxt.due, tz)}"
    due = "".join(f"; due now: {LABELS[s.type]} (next sync)" for s in where.overdue)
    return f"  stage: {where.stage}; next: {after}{due}"


def _at(moment: datetime, tz: ZoneInfo) -> str:
    return f"{moment.astimezone(tz):%a %Y-%m-%d %H:%M}"


def _person(name: str | None, email: str) -> str:
    return f"{_clip(name, 40)} <{email}>" if name else email


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def explain_table(interview_id: str, title: str, rows: Sequence[ExplainRow]) -> str:
    """``plan --explain``: one line per field, its value and where it was read."""
    lines = [f"{_clip(title, 70)}", f"  id: {interview_id}", ""]
    width = max((len(r.field) for r in rows), default=5)
    value_width = min(40, max((len(r.value) for r in rows), default=5))
    lines += [
        f"  {r.field:{width}}  {_clip(r.value, 40):{value_width}}  from: {r.source}" for r in rows
    ]
    return "\n".join(lines) + "\n"


_EFFECT = {
    "rejection": "records the outcome rejected: check-ins stop, a thank-you answers in its thread",
    "offer": "records the outcome offer: every outreach not yet done stops",
    "next_round": "the company answered: check-ins stop until the next interview",
    "info_request": "the company answered: check-ins stop, a reminder says what they asked",
    "unknown": "a person answered: check-ins stop",
    "delay": "changes nothing but the decision date, when it gives one",
    "acknowledgement": "changes nothing but the decision date, when it gives one",
    "auto_reply": "not an answer: nothing changes; a return date holds the next check-in",
    "noise": "not an answer: nothing changes",
}


def explain_replies(replies: Sequence[Reply], company: str | None, tz_name: str) -> str:
    """``plan --explain``: each reply, the cue that decided its category, and what it did."""
    tz = ZoneInfo(tz_name)
    if not replies:
        return "\nReplies: none read (with a Maildir, `outcome ID replied` records one)\n"
    lines = ["Replies:"]
    for r in replies:
        lines.append(f"  {describe(r, company, tz)}")
        lines.append(f"    cue: {_clip(r.cue, 100)}")
        lines.append(f"    effect: {_EFFECT.get(r.category, r.category)}")
    lines.append(
        "  Disagree? `interview-followup outcome ID replied|rejected|offer|withdrawn` wins."
    )
    return "\n" + "\n".join(lines) + "\n"
