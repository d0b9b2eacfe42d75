"""What a reply from the company means for the follow-up: rules, not a model, no network.

The order is the one a careful reader follows. Reports about the candidate's own message
first (a bounce quotes the thank-you unmarked). Then headers, because an autoresponder says
what it is there (RFC 3834 ``Auto-Submitted``, ``X-Autoreply``, ``Precedence``, Exchange's
markers, an "Automatic reply:" subject) whatever its text says ("unfortunately I am out of
the office"). Then the words the sender wrote (``mail_text``): quoted text, signatures and
legal footers are cut off first, so a reply that quotes the candidate's own "I know you are
meeting other candidates" is not read as a rejection; a message forwarded from the
company's side ("passing along Priya's note below") is read with it. Phrases
(``reply_phrases`` and one module of broad families per language) are grouped by category;
when several categories hit, the more consequential one wins (a rejection that mentions
"an offer" and "a call" is still a rejection). When no phrase matches, a few sentence
shapes are read last (a regretful "no" about the application, a rejection's farewell, a
proposed time, "no decision yet"). A message a machine sent that says nothing about the
application is ``noise``: when in doubt, the reading that changes least.

Pure: bytes in, a ``Reading`` out; nothing is stored, nothing is logged from the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal, cast, get_args

from daemon import machine_signs as signs
from daemon import reply_phrases as phrases
from daemon.base_forms import base_forms
from daemon.mail_text import Mail, flowed, forwarded_text, own_text, parse_mail
from daemon.reply_dates import date_in, return_date
from daemon.reply_phrases import (
    ASKING,
    ASKS,
    AVAILABILITY,
    FOLDED_PATTERN,
    FOLDED_RULES,
    HYPOTHETICAL,
    PATTERN,
    REQUESTING,
    RULES,
    STATUS,
    TIMED,
    WEAK_NEXT,
    fold,
)

__all__ = [
    "CATEGORIES",
    "NOT_A_REPLY",
    "Category",
    "Mail",
    "Reading",
    "classify",
    "classify_bytes",
    "date_in",
    "own_text",
    "parse_mail",
]

Category = Literal[
    "rejection",
    "next_round",
    "offer",
    "info_request",
    "delay",
    "acknowledgement",
    "auto_reply",
    "noise",
    "unknown",
]
CATEGORIES: tuple[Category, ...] = get_args(Category)  # in the order above
# Categories that are not an answer from a person: they change nothing in the plan.
NOT_A_REPLY: frozenset[str] = frozenset({"auto_reply", "noise"})


@dataclass(frozen=True)
class Reading:
    """What one message says for the follow-up, and the cue that decided it.

    ``new_date``: the decision date a ``delay`` or ``acknowledgement`` gives. ``until``: an
    out-of-office's return date (it holds the next check-in). ``asked``: what an
    ``info_request`` asks for, from a fixed vocabulary (never the sender's own words).
    """

    category: Category
    cue: str
    new_date: date | None = None
    until: date | None = None
    asked: str | None = None


# --------------------------------------------------------------------- auto-replies, noise


def _auto_reply_cue(mail: Mail, words: str) -> str | None:
    """The header or subject that says an autoresponder wrote this, if any (``words``: what
    the sender wrote, for the Exchange markers that count only with an out-of-office text)."""
    h = mail.headers
    auto = h.get("auto-submitted", "").lower()
    if auto.startswith("auto-replied"):
        return f"header Auto-Submitted: {auto}"
    for name in ("x-autoreply", "x-autorespond", "x-auto-reply", "x-autoresponse"):
        if name in h and h[name].strip().lower() not in ("no", "false", "0"):
            return f"header {name}: {h[name][:40]}"
    if h.get("precedence", "").lower().strip() == "auto_reply":
        return "header Precedence: auto_reply"
    if "x-otrs-loop" in h or "x-zammad-loop" in h:
        return "a ticket system's automatic answer (header X-OTRS-Loop)"
    if signs.AUTO_SUBJECT.match(mail.subject):
        return f"subject {mail.subject[:60]!r}"
    exchange = "x-ms-exchange-inbox-rules-loop" in h or "x-auto-response-suppress" in h
    if exchange and _away_not_footer(words):
        return "Exchange auto-reply headers and an out-of-office text"
    if auto.startswith("auto-") and _away_not_footer(words):
        return f"header Auto-Submitted: {auto} and an out-of-office text"
    return None


def _away_not_footer(words: str) -> bool:
    """An out-of-office text beyond a notification's "this mailbox is not monitored"."""
    return any(not signs.NO_REPLY_FOOTER.search(m.group(0)) for m in signs.AWAY.finditer(words))


def _bulk_cue(mail: Mail) -> str | None:
    """The header or sender that says this went to a list, not to the candidate."""
    h = mail.headers
    if "list-unsubscribe" in h or "list-id" in h:
        return "header List-Unsubscribe" if "list-unsubscribe" in h else "header List-Id"
    precedence = h.get("precedence", "").lower().strip()
    if precedence in ("bulk", "list", "junk"):
        return f"header Precedence: {precedence}"
    if signs.BULK_SENDER.match(mail.sender):
        return f"sender {mail.sender}"
    return None


def _report_cue(mail: Mail) -> str | None:
    """A bounce, a read receipt or a calendar reply: about the candidate's message, no answer."""
    if mail.headers.get("content-type", "").lower().startswith("multipart/report"):
        return "a delivery or read report"
    if signs.REPORT_SENDER.match(mail.sender):
        return f"sender {mail.sender}"
    if signs.REPORT_SUBJECT.match(mail.subject):
        return f"subject {mail.subject[:60]!r}"
    return None


def _unsubscribe_cue(words: str) -> str | None:
    """A list's own words ("se désabonner", "manage your alerts"): a person answering an
    application does not offer to unsubscribe the candidate."""
    hit = signs.LIST_TEXT.search(words)
    return f"text {' '.join(hit.group(0).split())!r}" if hit else None


def _machine_sent(mail: Mail) -> bool:
    host = mail.sender.rpartition("@")[2]
    ats = any(host == d or host.endswith("." + d) for d in signs.ATS_DOMAINS)
    auto = mail.headers.get("auto-submitted", "no").lower().strip() != "no"
    return ats or auto or bool(signs.NOREPLY.match(mail.sender))


def _looks_away(words: str, sent: date | None) -> bool:
    """An out-of-office without headers: the writer is away, and says until when or how to
    reach someone else; a scheduling mail ("I'm out next week, could you do Monday?") is
    not one. Without the words for being away, a return date together with a responder's
    line ("until 4 January, for anything urgent write to jobs@...") is one too, unless the
    text also answers (a phrase of any category but a thank-you)."""
    if any(PATTERN[cat].search(words) for cat in ("rejection", "offer", "next_round")):
        return False  # an ATS's "this mailbox is not monitored" under a rejection or offer
    if _lists_what_it_needs(words):
        return False
    signed = bool(signs.AUTO_SIGNS.search(words))
    dated = return_date(words, sent) is not None
    if signs.AWAY.search(words) and not signs.NOISE_TEXT.search(words):
        return signed or dated
    return signed and dated and _only_acknowledges(_hits(words))


# ---------------------------------------------------------------------------- deciding


def classify_bytes(raw: bytes) -> Reading:
    """Read one RFC 5322 message; anything unreadable is ``unknown``, never an error."""
    try:
        mail = parse_mail(raw)
    except Exception:  # the stdlib parser is lenient; this is the last guard
        return Reading("unknown", "the message could not be read")
    return classify(mail)


def classify(mail: Mail) -> Reading:
    """What one message means, in the order of the module docstring."""
    report = _report_cue(mail)
    if report is not None:
        return Reading("noise", report)
    words = flowed(own_text(mail.text))
    auto = _auto_reply_cue(mail, words)
    if auto is not None:
        return Reading("auto_reply", auto, until=return_date(words or mail.text, mail.sent))
    ticket = signs.TICKET_RECEIPT.search(words)
    if ticket and not _consequential(words):
        return Reading(
            "auto_reply", f"a ticket system's receipt: {_first_hit(signs.TICKET_RECEIPT, words)!r}"
        )
    if _looks_away(words, mail.sent):
        away = _first_hit(signs.AWAY, words) or _first_hit(signs.AUTO_SIGNS, words)
        return Reading(
            "auto_reply", f"out-of-office text: {away!r}", until=return_date(words, mail.sent)
        )
    forwarded = flowed(forwarded_text(mail.text, mail.recipients))
    words = "\n".join(x for x in (words, forwarded) if x)
    found = _hits(words) or _hits(_own_subject(mail.subject))
    bulk = _bulk_cue(mail) or _unsubscribe_cue(words)
    about_you = signs.ABOUT_YOU.search(words) or signs.ABOUT_YOU.search(mail.subject)
    if bulk is not None and not (found and about_you):
        return Reading("noise", bulk)
    if _machine_sent(mail) and _only_acknowledges(found) and signs.RECEIPT.search(words):
        return Reading("noise", f"an application receipt: {_first_hit(signs.RECEIPT, words)!r}")
    if not found and _asked(words) and ASKING.search(words):
        found = [("info_request", _first_hit(ASKING, words) or "a request")]
    if "info_request" not in dict(found) and _lists_what_it_needs(words):
        found = [*found, ("info_request", f"asks for {_asked(words)}")]
    if _only_acknowledges(found):
        # a rejection wrapped in thanks: the thanks matched, the "no" may not have
        found = _fallback(words, rejection_only=bool(found)) or found
    if not found:
        quiet = _quiet_cue(mail, words)
        return Reading("noise", quiet) if quiet else Reading("unknown", "no known phrase")
    category, cue = _decide(found, words)
    if category in ("delay", "acknowledgement"):
        return Reading(category, f"text: {cue!r}", new_date=date_in(words, mail.sent))
    if category == "info_request":
        return Reading(category, f"text: {cue!r}", asked=_asked(words))
    return Reading(category, f"text: {cue!r}")


def _quiet_cue(mail: Mail, words: str) -> str | None:
    """Why a message that says nothing known is no answer, if it is not: a machine sent it,
    it reads like a mailing, or it is a seasonal greeting that returns none."""
    if _machine_sent(mail):
        return "sent by a machine, says nothing about the application"
    if signs.NOISE_TEXT.search(words):
        return f"a mailing's words: {_first_hit(signs.NOISE_TEXT, words)!r}"
    if signs.GREETING.search(words) and not signs.RECIPROCAL.search(words):
        return "a seasonal greeting that answers nothing"
    return None


def _hits(text: str) -> list[tuple[Category, str]]:
    """Each category whose phrases the text holds, as written, in base forms or typed
    without accents."""
    base = base_forms(text)
    plain = fold(text)
    return [
        (cast(Category, cat), cue)
        for (cat, rx), (_cat, folded) in zip(RULES, FOLDED_RULES, strict=True)
        if (cue := _first_hit(rx, text) or _first_hit(rx, base) or _first_hit(folded, plain))
    ]


_REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|antw|wg|fwd?|tr|rv|r|sv|vs)\s*(?:\[\d+\])?\s*:", re.I)


def _own_subject(subject: str) -> str:
    """The subject, when the sender wrote it: an ATS's "Invitation to a second interview"
    says what a bare "see the link below" does not; "Re: ..." is the candidate's own."""
    return "" if _REPLY_SUBJECT.match(subject) else subject


def _first_hit(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return " ".join(match.group(0).split())[:80] if match else None


_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


def _fallback(words: str, rejection_only: bool = False) -> list[tuple[Category, str]]:
    """Shapes read only when no phrase matched: a sentence of regret that says no about the
    application is a rejection; a proposed day or time asked about is a next round; a
    rejection's farewell ("every success in your search", "keep your CV on file"), in a
    message that asks nothing, is a rejection; "no decision yet", and thanks with news to
    come ("more soon"), an acknowledgement. After a bare thank-you (``rejection_only``)
    only the two rejection shapes are read."""
    for sentence in _SENTENCES.split(words):
        regret = phrases.REGRET.search(sentence)
        if (
            regret
            and phrases.NEGATION.search(sentence)
            and phrases.APPLIED_FOR.search(sentence)
            and phrases.DECIDER.search(sentence)
            and not phrases.TIMING.search(sentence)
        ):
            return [("rejection", f"a regretful no about the application ({regret.group(0)!r})")]
    farewell = phrases.FAREWELL.search(words)
    if farewell and "?" not in words:
        return [("rejection", f"a rejection's farewell ({' '.join(farewell.group(0).split())!r})")]
    if rejection_only:
        return []
    for sentence in _SENTENCES.split(words):
        if "?" in sentence and phrases.PROPOSED_TIME.search(sentence):
            return [("next_round", "a proposed day or time, asked about")]
    for sentence in _SENTENCES.split(words):
        if phrases.NOT_YET.search(sentence) and phrases.DECISION.search(sentence):
            return [("acknowledgement", "no decision yet")]
    if phrases.THANKS.search(words) and phrases.NEWS_TO_COME.search(words):
        return [("acknowledgement", "thanks, and news to come")]
    return []


def _consequential(words: str) -> bool:
    """Whether the text says something about the application that an autoresponder never
    says: a rejection, an offer, a next round or a request."""
    return any(
        PATTERN[cat].search(words) for cat in ("rejection", "offer", "next_round", "info_request")
    )


def _only_acknowledges(found: list[tuple[Category, str]]) -> bool:
    return all(cat == "acknowledgement" for cat, _cue in found)


# A request only in form: "let us know", "please" (what a "could you send the deck?" is not).
_POLITE = re.compile(r"(?:please|let (?:me|us) know|bitte|merci de|por favor)\b.*", re.I)

# The more consequential reading first: a rejection that mentions an offer is a rejection,
# an offer that asks for a start date is an offer.
_PRECEDENCE: tuple[Category, ...] = (
    "rejection",
    "offer",
    "next_round",
    "info_request",
    "delay",
    "acknowledgement",
)


def _decide(found: list[tuple[Category, str]], words: str) -> tuple[Category, str]:
    """The most consequential category wins; a timing phrase beats a bare thank-you."""
    got = dict(found)
    asked = _asked(words) or ""
    if "info_request" in got and "next_round" in got:
        if asked == ASKS[-1][0]:
            got.pop("info_request")  # "send us your availability" is scheduling
        elif (asked and _next_only_asks_availability(words)) or _lists_what_it_needs(words):
            got.pop("next_round")  # a list of things to send, before any next round
    if (
        "next_round" in got
        and _next_is_weak(words)
        and {"info_request", "delay", "acknowledgement"} & got.keys()
    ):
        got.pop("next_round")  # "... about next steps by Tuesday": the timing is the news
    if "delay" in got and _delay_is_status(words):
        got.pop("delay")  # "no decision yet, I'll be in touch by Friday": nothing is late
        got.setdefault("acknowledgement", "no decision yet")
    for cat in ("rejection", "next_round"):
        if cat in got and "delay" in got and TIMED.search(_sentence_of(got[cat], words)):
            got.pop(cat)  # "I'm afraid I have to let you know it will take longer"
    if "offer" in got and _hypothetical(got["offer"], words):
        got.pop("offer")  # "before we can make you an offer, we need ..."
    if not got:
        return "unknown", "no known phrase"
    if (
        "info_request" in got
        and not asked
        and len(got) > 1
        and _POLITE.fullmatch(got["info_request"])
    ):
        got.pop("info_request")  # a polite "let us know" inside another message
    for cat in _PRECEDENCE:
        if got.get(cat):
            return cat, str(got[cat])
    raise AssertionError("no category found")  # pragma: no cover


def _matches(pattern: re.Pattern[str], words: str) -> list[str]:
    return [" ".join(m.group(0).split()) for m in pattern.finditer(words)]


def _next_is_weak(words: str) -> bool:
    """Whether the text names a next step only in passing ("as we move into the final
    stage", "about next steps"), with nothing that schedules anything."""
    return all(WEAK_NEXT.fullmatch(hit) for hit in _matches(PATTERN["next_round"], words))


def _delay_is_status(words: str) -> bool:
    """Whether the only news is that nothing is decided yet: a delay says the decision
    comes later than planned (longer, pushed, paused); "no decision yet" alone is a status."""
    plain = fold(words)
    hits = [
        *_matches(PATTERN["delay"], words),
        *_matches(PATTERN["delay"], base_forms(words)),
        *_matches(FOLDED_PATTERN["delay"], plain),
    ]
    return bool(hits) and all(STATUS.fullmatch(fold(hit)) for hit in hits)


def _next_only_asks_availability(words: str) -> bool:
    return all(AVAILABILITY.search(hit) for hit in _matches(PATTERN["next_round"], words))


def _hypothetical(cue: str, words: str) -> bool:
    """Whether the sentence that names the offer makes it, before naming it, a condition of
    something else ("before we can make you an offer")."""
    sentence = _sentence_of(cue, words)
    head = sentence[: sentence.lower().find(cue.lower()) + len(cue)]
    return bool(HYPOTHETICAL.search(head))


def _sentence_of(cue: str, words: str) -> str:
    """The sentence a cue was read in; empty when it was read in another form (base forms,
    without accents), where its place in the text is not known."""
    at = words.lower().find(cue.lower())
    if at < 0 or not cue:
        return ""
    start = max(words.rfind(".", 0, at), words.rfind("\n", 0, at)) + 1
    ends = [i for i in (words.find(".", at + len(cue)), words.find("\n", at + len(cue))) if i >= 0]
    return words[start : min(ends, default=len(words))]


def _asked(words: str) -> str | None:
    """Up to three labels of what is asked for, in the vocabulary's order."""
    return ", ".join(_asked_labels(words)[:3]) or None


def _asked_labels(words: str) -> list[str]:
    return [label for label, pattern in ASKS if pattern.search(words)]


def _lists_what_it_needs(words: str) -> bool:
    """A request by its content: two or more of the things employers ask for (salary,
    notice period, references, documents...) with a word of asking, in any phrasing
    ("waeren wir froh um zwei Angaben", "necesito que me confirmes un par de cosas")."""
    wanted = [label for label in _asked_labels(words) if label != ASKS[-1][0]]
    return len(wanted) >= 2 and bool(REQUESTING.search(words))
