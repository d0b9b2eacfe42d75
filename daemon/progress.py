"""Where an interview stands and what comes next: the one answer ``plan`` and ``status`` give.

``plan`` has fresh action states from the calendar; ``status`` has the states the last cycle
stored. Both reduce them to ``Step``s and ask ``progress`` at the same ``now``, so they
cannot disagree: a step whose time has passed is never "next" (the next cycle makes it, or
its grace has run out), a draft is "drafted", never "sent" (nothing here can know that), and
an interview whose time has come is no longer "coming up". Pure: no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from daemon.model import ACTION_TYPES, Action, Plan
from daemon.state import LIVE, USER_MODIFIED, OutputRow

# Short names a job seeker uses, for one-line displays.
LABELS: Mapping[str, str] = {
    "prep": "prep",
    "debrief": "debrief",
    "thank_you": "thank-you",
    "linkedin": "LinkedIn",
    "check_in_1": "check-in",
    "check_in_2": "check-in 2",
    "final_follow_up": "closing note",
    "networking": "networking",
    "rejection_thanks": "thanks",
}
# After the interview, the furthest of these that was made names the stage.
_MILESTONES = ("final_follow_up", "check_in_2", "check_in_1", "thank_you")
_STATUS_STAGE: Mapping[str, str] = {
    "replied": "they replied",
    "rejected": "rejected",
    "offer": "offer",
    "withdrawn": "withdrawn",
    "superseded": "next round set",
    "cancelled": "cancelled",
}
_MADE = ("done", "user_modified")


@dataclass(frozen=True)
class Step:
    """One action as either source knows it. ``drafted``: its output includes a draft."""

    type: str
    due: datetime
    state: str
    drafted: bool = False


@dataclass(frozen=True)
class Progress:
    stage: str
    next: Step | None  # the first step still to come after ``now``
    overdue: tuple[Step, ...]  # due, not made yet, still in grace: the next cycle makes them


def progress(
    status: str,
    start: datetime,
    end: datetime,
    steps: Iterable[Step],
    now: datetime,
    grace_hours: Mapping[str, float],
) -> Progress:
    order: dict[str, int] = {t: i for i, t in enumerate(ACTION_TYPES)}
    steps = sorted(steps, key=lambda s: (_utc(s.due), order.get(s.type, len(order))))
    planned = [s for s in steps if s.state == "planned"]
    ahead = [s for s in planned if _utc(s.due) > _utc(now)]
    overdue = tuple(
        s
        for s in planned
        if _utc(s.due) <= _utc(now) <= _utc(s.due) + timedelta(hours=grace_hours.get(s.type, 0))
    )
    return Progress(_stage(status, start, end, steps, now), ahead[0] if ahead else None, overdue)


def _stage(status: str, start: datetime, end: datetime, steps: list[Step], now: datetime) -> str:
    if status != "active":
        return _STATUS_STAGE.get(status, status)
    if _utc(now) < _utc(start):
        return "interview to come"
    if _utc(now) < _utc(end):
        return "interview now"
    made = {s.type: s for s in steps if s.state in _MADE}
    for kind in _MILESTONES:
        if kind in made:
            how = "drafted" if made[kind].drafted else "reminded"
            return f"{LABELS[kind]} {how}"
    return "interviewed"


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def of_plan(plan: Plan, now: datetime, grace_hours: Mapping[str, float]) -> Progress:
    """``progress`` for a fresh plan, as ``plan`` prints it."""
    steps = (Step(a.type, a.due, a.state, "draft" in a.outputs) for a in plan.actions)
    iv = plan.interview
    return progress(plan.status, iv.start, iv.end, steps, now, grace_hours)


def reminder_only_done(action: Action, row: OutputRow | None, now: datetime) -> bool:
    """A reminder-only action is done once its reminder exists and its time has come."""
    return (
        action.outputs == ("calendar",)
        and action.state in ("planned", "expired")
        and row is not None
        and row.status in (LIVE, USER_MODIFIED)
        and action.due <= now
    )
