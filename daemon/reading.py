"""What a reading of the calendar is, and what every cycle asks of it.

The result of detection (``Detection``, ``ExplainRow``) and the company rules a cycle
applies to stored readings (``same_company``, ``superseded_by``), apart from the rules
that produce a reading: a cycle on an unchanged calendar reuses the stored reading and
needs none of the title, invite-text and people rules (``detect`` loads them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from daemon.model import Cancellation, Interview, Skip

# Bumped when the reading of an unchanged event changes, so a cached detection is redone.
READING_VERSION = 2


@dataclass(frozen=True)
class Detection:
    """What ``detect`` found in one batch of events."""

    interviews: tuple[Interview, ...]  # sorted by start
    skipped: tuple[Skip, ...]
    cancellations: tuple[Cancellation, ...]


@dataclass(frozen=True)
class ExplainRow:
    """One line of ``plan --explain``: a field, its value, where it came from.

    Kept as plain rows so other readings (reply classification cues) can append theirs.
    """

    field: str
    value: str
    source: str


_LEGAL_FORM = re.compile(
    r"[ \t,]+(?:inc|llc|ltd|limited|gmbh|ag|sa|sas|bv|nv|plc|corp|corporation|co|company)\.?$",
    re.I,
)


def company_key(interview: Interview) -> str | None:
    """The company name compared case-insensitively and without its legal form
    ("Acme" is "Acme Corporation")."""
    if not interview.company:
        return None
    return _LEGAL_FORM.sub("", interview.company.strip()).casefold() or None


def same_company(a: Interview, b: Interview) -> bool:
    """Same name (case-insensitive); a shared company domain only when a name is unknown
    (one staffing agency books interviews at many companies); unknown never matches."""
    key_a, key_b = company_key(a), company_key(b)
    if key_a is not None and key_b is not None:
        return key_a == key_b
    return bool(a.domains & b.domains)


def superseded_by(interviews: Sequence[Interview]) -> dict[str, str]:
    """Earlier round id -> id of the next later interview with the same company.

    "Next" (the first later one, not the last) gives a chain r1 -> r2 -> r3, so each
    round points at the one that replaced it.
    """
    ordered = sorted(interviews, key=lambda iv: (iv.start, iv.id))
    result: dict[str, str] = {}
    for i, earlier in enumerate(ordered):
        for later in ordered[i + 1 :]:
            if later.start > earlier.start and same_company(earlier, later):
                result[earlier.id] = later.id
                break
    return result
