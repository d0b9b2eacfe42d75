"""The user's corrections of a reading, typed into the debrief reminder. Pure.

The user cannot edit the employer's invitation, but can edit the daemon's own debrief
reminder: a ``Company:``, ``Role:`` (or ``Position:``) or ``Contact: Name <address>`` line
there replaces what was read from the invitation, for every action not yet done (drafts
made later, reminders not yet due). The last line of each label wins, as for
``Timeline:``; placeholders (``...``, ``[[...]]``) are ignored.
"""

from __future__ import annotations

import re
from dataclasses import replace

from daemon.model import Interview, Person
from daemon.reading import ExplainRow
from daemon.text import clean_text

_LINE = re.compile(
    r"^[ \t]*(company|role|position|contact)[ \t]*:[ \t]*([^\n]{1,300})$", re.I | re.M
)
_LABEL = {"company": "company", "role": "role", "position": "role", "contact": "contact"}


def parse_corrections(text: str) -> dict[str, str]:
    """``{"company": ..., "role": ..., "contact": ...}`` from a debrief's description."""
    found: dict[str, str] = {}
    for match in _LINE.finditer(text.replace("\r\n", "\n").replace("\r", "\n")):
        value = clean_text(match.group(2)).strip()
        if not value or set(value) <= {".", "…", " "} or "[[" in value:
            continue
        key = _LABEL[match.group(1).lower()]
        if key == "contact" and _person(value) is None:
            continue  # a contact needs an address to write to
        found[key] = value
    return found


def corrected(interview: Interview, fixes: dict[str, str]) -> Interview:
    """The interview with the user's corrections in place of the reading."""
    if not fixes:
        return interview
    contact: Person | None = interview.contact
    if "contact" in fixes:
        contact = _person(fixes["contact"]) or contact
    return replace(
        interview,
        company=fixes.get("company", interview.company),
        role=fixes.get("role", interview.role),
        contact=contact,
    )


def correction_rows(fixes: dict[str, str]) -> tuple[ExplainRow, ...]:
    """What ``plan --explain`` shows for the corrections, after the reading's rows."""
    return tuple(
        ExplainRow(key, value, "you, in the debrief reminder (replaces the reading)")
        for key, value in sorted(fixes.items())
    )


def _person(value: str) -> Person | None:
    """A ``Contact:`` line read as an invite's contact is; those rules load only for one."""
    from daemon.invite_text import parse_person

    return parse_person(value)
