"""Desired outputs vs recorded outputs vs what exists now -> what to write. Pure.

Kept apart from ``service`` so the decisions (move, leave, remove, never recreate) can be
tested without files, and so every backend gets the same decisions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from daemon.model import Action, Plan
from daemon.ports import ExistingDraft, ReminderSpec
from daemon.state import LIVE, USER_DELETED, USER_MODIFIED, OutputRow


def reminder_fingerprint(spec: ReminderSpec) -> str:
    """What the user could change in a calendar app; equal before and after a round trip."""
    rrule = ";".join(sorted(spec.rrule.upper().split(";"))) if spec.rrule else ""
    parts = (
        spec.summary.strip(),
        "\n".join(line.rstrip() for line in spec.description.replace("\r\n", "\n").split("\n")),
        spec.start.astimezone(UTC).isoformat(),
        spec.end.astimezone(UTC).isoformat(),
        rrule,
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def observe_reminders(
    rows: Mapping[str, OutputRow], now_present: Mapping[str, ReminderSpec]
) -> dict[str, str]:
    """Live calendar outputs the user changed since we wrote them -> their new status."""
    changes: dict[str, str] = {}
    for key, row in rows.items():
        if row.kind != "calendar" or row.status != LIVE:
            continue
        spec = now_present.get(key)
        if spec is None:
            changes[key] = USER_DELETED
        elif reminder_fingerprint(spec) != row.fingerprint:
            changes[key] = USER_MODIFIED
    return changes


def observe_moves(
    rows: Mapping[str, OutputRow], now_present: Mapping[str, ReminderSpec]
) -> dict[str, datetime]:
    """Reminders of ours the user moved to another start since we last looked -> where.

    Both untouched and already edited reminders count: a second move is followed too. An
    event of ours too mangled to read comes back at the epoch, which is no move.
    """
    moves: dict[str, datetime] = {}
    for key, row in rows.items():
        spec = now_present.get(key)
        if row.kind != "calendar" or row.status not in (LIVE, USER_MODIFIED) or spec is None:
            continue
        start = spec.start.astimezone(UTC)
        if start > _EPOCH and start != (row.moved_to or row.due).astimezone(UTC):
            moves[key] = spec.start
    return moves


def observe_drafts(
    rows: Mapping[str, OutputRow], now_present: Mapping[str, ExistingDraft]
) -> dict[str, str]:
    """Live drafts the user edited, sent, deleted or moved away -> their new status."""
    changes: dict[str, str] = {}
    for key, row in rows.items():
        if row.kind != "draft" or row.status != LIVE:
            continue
        found = now_present.get(key)
        if found is None:
            changes[key] = USER_DELETED
        elif found.fingerprint != row.fingerprint:
            changes[key] = USER_MODIFIED
    return changes


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ReminderDecision:
    upsert: ReminderSpec | None = None
    delete: bool = False


def decide_reminder(
    action: Action, desired: ReminderSpec, row: OutputRow | None, now: datetime
) -> ReminderDecision:
    """Write when planned and absent; move while not yet due; remove when cancelled and not
    yet due; never touch what the user changed or what is already in the past."""
    if row is None:
        return ReminderDecision(upsert=desired if action.state == "planned" else None)
    if row.status != LIVE or row.due <= now:
        return ReminderDecision()
    if action.state == "cancelled":
        return ReminderDecision(delete=True)
    if action.state == "planned" and reminder_fingerprint(desired) != row.fingerprint:
        return ReminderDecision(upsert=desired)
    return ReminderDecision()


def draft_window_open(action: Action, grace_hours: float, now: datetime) -> bool:
    """A draft is made at its due time, not earlier, and not after its grace."""
    return action.due <= now <= action.due + timedelta(hours=grace_hours)


def wants_drafts(action: Action, dismissed: bool) -> bool:
    """Drafts are made for a live action whose reminder the user did not delete."""
    return (
        "draft" in action.outputs
        and action.state in ("planned", "user_modified")
        and (not dismissed)
    )


def plan_keys(plan: Plan) -> set[str]:
    return {a.type for a in plan.actions}
