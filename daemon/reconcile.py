"""What the plan wants vs what we recorded vs what exists now -> what to write. Pure.

Every decision of a cycle is made here and returned as frozen operations: write, move,
remove, adopt an output found by key that a crash left unrecorded, restore a lost reminders
file, make or remove drafts, and never redo what the user edited or deleted. ``service``
only applies them to the stores and records them, so the decisions are tested without
files or servers and every backend gets the same ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from daemon.keys import output_key
from daemon.model import Action, Plan
from daemon.ports import DraftSpec, ExistingDraft, ReminderSpec
from daemon.state import LIVE, REMOVED, USER_DELETED, USER_MODIFIED, OutputRow


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


# reminders ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WantedReminder:
    """The reminder one action of a plan wants, as it should read now."""

    plan: Plan
    action: Action
    spec: ReminderSpec


@dataclass(frozen=True)
class WriteReminder:
    """Write ``spec``: a new reminder, one of ours moved or reworded, or one restored."""

    wanted: WantedReminder
    moves: bool = False  # it replaces one of ours at another time or with other words
    keeps: OutputRow | None = None  # rewritten after its file was lost: this record stays


@dataclass(frozen=True)
class AdoptReminder:
    """Record ``spec`` without writing: it is there already, exactly as wanted (a crash
    between the write and its record)."""

    wanted: WantedReminder


@dataclass(frozen=True)
class RemoveReminder:
    """Remove a reminder of ours whose action was cancelled before it was due."""

    row: OutputRow


ReminderOp = WriteReminder | AdoptReminder | RemoveReminder


def reminder_operations(
    wanted: Iterable[WantedReminder],
    rows: Mapping[str, OutputRow],
    present: Mapping[str, ReminderSpec] | None,
    *,
    file_lost: bool,
    held: AbstractSet[str],
    now: datetime,
) -> list[ReminderOp]:
    """What to do with each wanted reminder, given what we recorded and what the calendar
    holds now (``present``; None when it was not read, which adopts nothing). ``file_lost``:
    the reminders file itself is gone (so ``present`` is empty); ``held``: interviews
    missing from the calendar but not yet confirmed gone."""
    ops: list[ReminderOp] = []
    for item in wanted:
        row = rows.get(item.spec.key)
        held_now = item.plan.interview.id in held
        op: ReminderOp | None = _reminder_operation(item, row, file_lost, held_now, now)
        if isinstance(op, WriteReminder) and not op.moves and _there(item.spec, present):
            op = AdoptReminder(item)
        if op is not None:
            ops.append(op)
    return ops


def _reminder_operation(
    item: WantedReminder, row: OutputRow | None, file_lost: bool, held: bool, now: datetime
) -> WriteReminder | RemoveReminder | None:
    """Write when planned and absent; move while not yet due; remove when cancelled and not
    yet due; never touch what the user changed or deleted, or what is already past."""
    action = item.action
    if file_lost and row is not None and row.status in (LIVE, USER_MODIFIED):
        # The whole file was deleted, an accident: every reminder it had is written again,
        # past ones and the (edited) debrief too.
        return WriteReminder(item, keeps=row)
    if held:
        return None  # its interview is missing, not yet confirmed gone: leave it as it is
    if row is None:
        return WriteReminder(item) if action.state == "planned" else None
    if row.status == REMOVED:
        # Removed by us (its interview went away, its action was cancelled): back as soon
        # as the action is not cancelled any more.
        return None if action.state == "cancelled" else WriteReminder(item)
    if row.status != LIVE or row.due <= now:
        return None
    if action.state == "cancelled":
        return RemoveReminder(row)
    if action.state == "planned" and reminder_fingerprint(item.spec) != row.fingerprint:
        return WriteReminder(item, moves=True)
    return None


def _there(spec: ReminderSpec, present: Mapping[str, ReminderSpec] | None) -> bool:
    found = None if present is None else present.get(spec.key)
    return found is not None and reminder_fingerprint(found) == reminder_fingerprint(spec)


# drafts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MakeDrafts:
    """Compose the action's drafts and make those not made yet; the action is then done."""

    plan: Plan
    action: Action


@dataclass(frozen=True)
class RemoveDraft:
    """A draft of ours whose interview went away: removed unless the user touched it."""

    row: OutputRow


@dataclass(frozen=True)
class CreateDraft:
    spec: DraftSpec


@dataclass(frozen=True)
class AdoptDraft:
    """Record ``found`` as ``spec``'s draft without writing (a crash between the write and
    its record): made before, so it is neither written again nor counted as created."""

    spec: DraftSpec
    found: ExistingDraft


@dataclass(frozen=True)
class DeleteDraft:
    row: OutputRow
    found: ExistingDraft | None  # None: the mailbox was not read (a dry run), report only


def draft_duties(
    plans: Iterable[Plan],
    rows: Mapping[str, OutputRow],
    *,
    key_bases: Mapping[str, str],
    gone: AbstractSet[str],
    held: AbstractSet[str],
    grace_hours: Mapping[str, float],
    now: datetime,
) -> list[MakeDrafts | RemoveDraft]:
    """Which actions get their drafts now and which drafts go, in plan order.

    A held interview (missing, not yet confirmed gone) is left alone; a gone one loses its
    live drafts; drafts we removed ourselves come back with their interview, whenever that
    is; otherwise a live action gets its drafts in its window, unless the user deleted its
    reminder.
    """
    removed_by_us = {
        (r.interview_id, r.action)
        for r in rows.values()
        if r.kind == "draft" and r.status == REMOVED
    }
    duties: list[MakeDrafts | RemoveDraft] = []
    for plan in plans:
        iid = plan.interview.id
        if iid in held:
            continue
        if iid in gone:
            duties += [
                RemoveDraft(r)
                for r in rows.values()
                if r.interview_id == iid and r.kind == "draft" and r.status == LIVE
            ]
            continue
        for action in plan.actions:
            reminder = rows.get(output_key(key_bases.get(iid, iid), action.type, "calendar"))
            dismissed = reminder is not None and reminder.status == USER_DELETED
            due = wants_drafts(action, dismissed) and draft_window_open(
                action, grace_hours.get(action.type, 0), now
            )
            if (iid, action.type) in removed_by_us or due:
                duties.append(MakeDrafts(plan, action))
    return duties


def unmade(specs: Iterable[DraftSpec], rows: Mapping[str, OutputRow]) -> list[DraftSpec]:
    """Drafts never made, or removed by us: a draft made before is never made again, even
    when the user edited, sent or deleted it."""
    return [s for s in specs if (row := rows.get(s.key)) is None or row.status == REMOVED]


def draft_writes(
    specs: Iterable[DraftSpec], present: Mapping[str, ExistingDraft] | None
) -> list[CreateDraft | AdoptDraft]:
    """Each draft to make: adopted when one of ours is in the mailbox under its key, created
    otherwise (``present`` None: the mailbox was not read, a dry run)."""
    ops: list[CreateDraft | AdoptDraft] = []
    for spec in specs:
        found = None if present is None else present.get(spec.key)
        ops.append(CreateDraft(spec) if found is None else AdoptDraft(spec, found))
    return ops


def draft_removal(
    row: OutputRow, present: Mapping[str, ExistingDraft] | None
) -> DeleteDraft | None:
    """Our draft goes only as we wrote it; edited, sent or deleted by the user, it is theirs
    now (``present`` None: the mailbox was not read, a dry run reports it as removed)."""
    if present is None:
        return DeleteDraft(row, None)
    found = present.get(row.key)
    if found is None or found.fingerprint != row.fingerprint:
        return None
    return DeleteDraft(row, found)


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
