"""What the user types into the debrief reminder after the interview, read back. Pure.

The debrief reminder is the one output meant to be edited: after the interview the user
adds lines such as ``Timeline: next Friday``, ``Note: the billing migration``, ``Note for
Jane: her team's on-call rota``, ``Contact: Sam Lee <sam@acme.com>`` or ``Prefers: phone``.
The last line of each kind wins, so a correction is simply typed again below.
"""

from __future__ import annotations

import re
from dataclasses import replace

from daemon.model import Debrief as Debrief
from daemon.model import Interview, Person
from daemon.names import refers_to

_LINE = re.compile(
    r"^[ \t]*(timeline|decision|note(?:[ \t]+for[ \t]+(?P<who>[^:\n]{1,120}))?|contact|prefers)"
    r"[ \t]*:[ \t]*(?P<value>.{1,300})$",
    re.I | re.M,
)
_EMAIL = re.compile(r"[^\s<>()\"',;:]+@[^\s<>()\"',;:]+\.[A-Za-z]{2,}")
_PHONE_WORDS = frozenset({"phone", "call", "telephone", "a call", "phone call", "calls"})
_MAIL_WORDS = frozenset({"email", "e-mail", "mail", "emails"})


def parse_debrief(text: str) -> Debrief:
    """Every line the daemon understands in the debrief's description."""
    found: dict[str, str] = {}
    notes_for: dict[str, tuple[str, str]] = {}
    for m in _LINE.finditer(text):
        value = " ".join(m.group("value").split())
        if not value or set(value) <= {".", "…", " ", "-", "_"}:
            continue
        field = m.group(1).split()[0].lower()
        if m.group("who"):
            who = " ".join(m.group("who").split())
            notes_for[who.casefold()] = (who, value)
        elif field == "decision":
            found["timeline"] = value
        else:
            found[field] = value
    return Debrief(
        timeline=found.get("timeline"),
        note=found.get("note"),
        notes_for=tuple(notes_for.values()),
        contact=found.get("contact"),
        prefers=_prefers(found.get("prefers")),
    )


def _prefers(text: str | None) -> str | None:
    """``phone``/``a call`` or ``email``; anything else is not understood (None)."""
    if text is None:
        return None
    words = text.strip(" .!").casefold()
    if words in _PHONE_WORDS or words.split(" ")[0] in _PHONE_WORDS:
        return "phone"
    if words in _MAIL_WORDS or words.split(" ")[0] in _MAIL_WORDS:
        return "email"
    return None


def note_for(person: Person, debrief: Debrief) -> str | None:
    """The note meant for ``person``: their own ``Note for X:`` line, else the plain
    ``Note:``. X is their first name, full name (either order) or address."""
    for who, note in debrief.notes_for:
        if refers_to(who, person.name, person.email):
            return note
    return debrief.note


def unmatched_notes(people: tuple[Person, ...], debrief: Debrief) -> list[str]:
    """The X of ``Note for X:`` lines that name nobody in ``people`` (a typo to report)."""
    return [
        who
        for who, _ in debrief.notes_for
        if not any(refers_to(who, p.name, p.email) for p in people)
    ]


def contact_person(line: str, interview: Interview) -> Person | None:
    """``Name <mail>``, ``mail``, or a name or first name of someone at the interview."""
    match = _EMAIL.search(line)
    if match is not None:
        name = line[: match.start()].replace("<", " ").strip(" \t\"'<>,;:-")
        return Person(name or None, match.group(0).lower())
    wanted = line.strip(" \t\"'.,;:")
    people: list[Person] = [
        *interview.interviewers,
        *((interview.contact,) if interview.contact else ()),
    ]
    for person in people:
        if refers_to(wanted, person.name, person.email):
            return person
    return None


def apply_debrief(interview: Interview, debrief: Debrief) -> Interview:
    """The interview as the user corrected it: their contact and how that contact prefers
    to be reached win over what the invitation said."""
    contact = contact_person(debrief.contact, interview) if debrief.contact else None
    prefers = interview.prefers_phone
    if debrief.prefers is not None:
        prefers = debrief.prefers == "phone"
    return replace(interview, contact=contact or interview.contact, prefers_phone=prefers)
