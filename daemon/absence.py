"""Which known interviews have left the calendar, and which only seem to have. Pure.

A calendar app rewriting its file, a sync tool mid-download, a failed export: one read can
lack interviews that still exist. Acting on it would remove the user's reminders and drafts
for nothing, so an interview missing from a read is only *held* (planned as it was, nothing
written for it) until a second good read, at least ``confirm_minutes`` after the first,
still lacks it. A cancelled event (``STATUS:CANCELLED``, or a deletion a sync token
reports, which reaches us as a cancelled event) is an explicit act and counts at once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from daemon.state import InterviewRow

CANCELLED, DELETED = "cancelled", "deleted"


@dataclass(frozen=True)
class Absence:
    gone: dict[str, str]  # interview id -> CANCELLED | DELETED: its plan is cancelled
    held: frozenset[str]  # missing but not confirmed: kept as it was, nothing written for it
    newly_missing: frozenset[str]  # held, first lacking from a good read: start its clock
    warning: str | None = None  # one line when a read loses most upcoming interviews


def absence(
    current: Collection[str],
    cancelled: Collection[str],
    rows: Mapping[str, InterviewRow],
    of_source: Callable[[str], bool],
    unreadable: Collection[str],
    *,
    now: datetime,
    confirm_minutes: int,
    complete: bool,
) -> Absence:
    """Sort the known interviews of this source (``of_source`` says which) that the read
    lacks.

    ``complete`` is False for a half-written source: nothing it lacks is ever taken as
    deleted, and no confirmation clock starts.
    """
    confirm = timedelta(minutes=confirm_minutes)
    gone: dict[str, str] = {}
    held: set[str] = set()
    newly: set[str] = set()
    for iid, row in rows.items():
        if iid in current or not of_source(row.interview.source_id):
            continue
        if iid in cancelled or row.gone == CANCELLED:
            gone[iid] = CANCELLED
        elif row.gone is not None:
            gone[iid] = DELETED  # confirmed before: stays gone until it comes back
        elif not complete or iid in unreadable:
            held.add(iid)
        elif row.missing_since is not None and now - row.missing_since >= confirm:
            gone[iid] = DELETED
        else:
            held.add(iid)
            if row.missing_since is None:
                newly.add(iid)
    warning = _mass_loss(rows, of_source, current, held - set(unreadable), now, confirm_minutes)
    return Absence(gone, frozenset(held), frozenset(newly), warning if complete else None)


def _mass_loss(
    rows: Mapping[str, InterviewRow],
    of_source: Callable[[str], bool],
    current: Collection[str],
    missing: set[str],
    now: datetime,
    confirm_minutes: int,
) -> str | None:
    """More than half of the known upcoming interviews missing at once is more likely a
    broken export than a cleared diary: say so, once per read."""
    upcoming = {
        iid
        for iid, row in rows.items()
        if row.gone is None and of_source(row.interview.source_id) and row.interview.start > now
    }
    lost = upcoming & missing
    if not lost or 2 * len(lost) <= len(upcoming):
        return None
    return (
        f"the calendar lacks {len(lost)} of the {len(upcoming)} upcoming interviews"
        f" ({len(upcoming & set(current))} still there): nothing is removed unless a read"
        f" at least {confirm_minutes} minutes later still lacks them"
    )
