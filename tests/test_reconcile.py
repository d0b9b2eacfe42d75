"""The reconcile decisions, one row per decision: what we want (the plan), what we recorded
(the state store) and what is there now (the calendar, the mailbox) -> what to write.

No files and no servers: ``daemon.reconcile`` is pure. The service tests (crash, invariants,
lose-nothing) show the same decisions applied to real stores.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from daemon.keys import output_key
from daemon.model import Action, Interview, Person, Plan
from daemon.ports import DraftSpec, ExistingDraft, ReminderSpec
from daemon.reconcile import (
    AdoptDraft,
    AdoptReminder,
    CreateDraft,
    DeleteDraft,
    MakeDrafts,
    RemoveDraft,
    RemoveReminder,
    WantedReminder,
    WriteReminder,
    draft_duties,
    draft_removal,
    draft_writes,
    reminder_fingerprint,
    reminder_operations,
    unmade,
)
from daemon.state import LIVE, REMOVED, USER_DELETED, USER_MODIFIED, OutputRow

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
ME = Person("Alex Candidate", "alex@example.com")
JANE = Person("Jane Doe", "jane@acme.com")


def interview(iid: str = "ics/acme-1") -> Interview:
    return Interview(
        id=iid,
        source_id="ics",
        uid=iid.split("/")[-1],
        title="Interview with Acme",
        start=NOW - timedelta(days=1),
        end=NOW - timedelta(days=1) + timedelta(hours=1),
        company="Acme",
        role=None,
        kind="video",
        round=1,
        interviewers=(JANE,),
        contact=None,
    )


def act(
    type_: Any = "check_in_1", state: Any = "planned", due: timedelta = timedelta(days=2)
) -> Action:
    return Action(type=type_, due=NOW + due, state=state, outputs=("calendar", "draft"))


def plan(*actions: Action, iid: str = "ics/acme-1") -> Plan:
    return Plan(interview(iid), "awaiting", None, actions)


def reminder(key: str = "r1", summary: str = "Check in with Acme") -> ReminderSpec:
    return ReminderSpec(key, summary, "", NOW + timedelta(days=2), NOW + timedelta(days=2, hours=1))


def row(
    key: str = "r1",
    status: str = LIVE,
    *,
    kind: str = "calendar",
    fingerprint: str | None = None,
    due: timedelta = timedelta(days=2),
    iid: str = "ics/acme-1",
    action: str = "check_in_1",
) -> OutputRow:
    return OutputRow(
        key=key,
        interview_id=iid,
        action=action,
        kind=kind,
        recipient="jane@acme.com" if kind == "draft" else "",
        ref=key,
        fingerprint=fingerprint if fingerprint is not None else reminder_fingerprint(reminder()),
        due=NOW + due,
        written_at=NOW - timedelta(days=3),
        status=status,
    )


MOVED = reminder(summary="Check in with Acme (moved)")

PAST = -timedelta(hours=1)
STALE = row(fingerprint="old")  # ours, as the plan had it before it moved
DELETED, EDITED = row(status=USER_DELETED), row(status=USER_MODIFIED, fingerprint="x")
OURS_REMOVED = row(status=REMOVED)

# what we recorded, the action's state, what the calendar holds ("same" as wanted, "other"
# words, None: not read), the reminders file lost / the interview held -> the operation
# fmt: off
REMINDER_CASES = [
    ("new: written", None, "planned", {}, "", "write"),
    ("new, not planned: nothing", None, "done", {}, "", None),
    ("new, expired: nothing", None, "expired", {}, "", None),
    ("there, never recorded (crash): adopted", None, "planned", "same", "", "adopt"),
    ("there with other words: written", None, "planned", "other", "", "write"),
    ("calendar not read: never adopted", None, "planned", None, "", "write"),
    ("recorded, unchanged: nothing", row(), "planned", "same", "", None),
    ("recorded, plan moved it: moved", STALE, "planned", {}, "", "move"),
    ("a move is never adopted", STALE, "planned", "same", "", "move"),
    ("recorded, already due: left", replace(STALE, due=NOW + PAST), "planned", {}, "", None),
    ("cancelled before due: removed", row(), "cancelled", {}, "", "remove"),
    ("cancelled after due: left", row(due=PAST), "cancelled", {}, "", None),
    ("deleted by the user: never again", DELETED, "planned", {}, "", None),
    ("deleted by the user, cancelled: nothing", DELETED, "cancelled", {}, "", None),
    ("edited by the user: theirs", EDITED, "planned", {}, "", None),
    ("removed by us, planned again: back", OURS_REMOVED, "planned", {}, "", "write"),
    ("removed by us, moved by the user: back", OURS_REMOVED, "user_modified", {}, "", "write"),
    ("removed by us, still cancelled: nothing", OURS_REMOVED, "cancelled", {}, "", None),
    ("removed by us, there (crash): adopted", OURS_REMOVED, "planned", "same", "", "adopt"),
    ("file lost: restored", row(), "done", {}, "lost", "restore"),
    ("file lost: edited past one restored", replace(EDITED, due=NOW + PAST), "expired", {},
     "lost", "restore"),
    ("file lost: user-deleted stays deleted", DELETED, "planned", {}, "lost", None),
    ("file lost, never recorded: written", None, "planned", {}, "lost", "write"),
    ("held: left as it is", row(), "cancelled", {}, "held", None),
    ("held, new: not written yet", None, "planned", {}, "held", None),
    ("held, file lost: restored all the same", row(), "planned", {}, "lost held", "restore"),
]
# fmt: on


@pytest.mark.parametrize(
    ("recorded", "state", "there", "flags", "expected"),
    [case[1:] for case in REMINDER_CASES],
    ids=[case[0] for case in REMINDER_CASES],
)
def test_reminder_decision(
    recorded: OutputRow | None, state: Any, there: Any, flags: str, expected: str | None
) -> None:
    wanted = WantedReminder(plan(act(state=state)), act(state=state), reminder())
    present = (
        {"r1": reminder()} if there == "same" else {"r1": MOVED} if there == "other" else there
    )
    ops = reminder_operations(
        [wanted],
        {"r1": recorded} if recorded else {},
        present,
        file_lost="lost" in flags,
        held={"ics/acme-1"} if "held" in flags else set(),
        now=NOW,
    )
    assert [_name(op) for op in ops] == ([expected] if expected else [])
    if expected == "remove":
        assert ops == [RemoveReminder(recorded)]  # type: ignore[arg-type]
    elif expected is not None:
        assert ops[0].wanted == wanted  # type: ignore[union-attr]


def _name(op: object) -> str:
    if isinstance(op, AdoptReminder):
        return "adopt"
    if isinstance(op, RemoveReminder):
        return "remove"
    assert isinstance(op, WriteReminder)
    return "restore" if op.keeps else "move" if op.moves else "write"


def test_a_restored_reminder_keeps_its_record() -> None:
    """After a lost file, an edited reminder is rewritten but stays the user's, moved where
    they put it."""
    edited = replace(row(status=USER_MODIFIED), moved_to=NOW + timedelta(days=5))
    wanted = WantedReminder(plan(act()), act(), reminder())
    (op,) = reminder_operations([wanted], {"r1": edited}, {}, file_lost=True, held=set(), now=NOW)
    assert op == WriteReminder(wanted, keeps=edited)


def test_reminder_operations_keep_plan_order() -> None:
    first = WantedReminder(plan(act()), act(), reminder("a"))
    second = WantedReminder(plan(act(), iid="ics/b"), act(), reminder("b"))
    cancelled = WantedReminder(plan(act(state="cancelled")), act(state="cancelled"), reminder())
    ops = reminder_operations(
        [first, cancelled, second], {"r1": row()}, None, file_lost=False, held=set(), now=NOW
    )
    assert ops == [WriteReminder(first), RemoveReminder(row()), WriteReminder(second)]


# drafts -------------------------------------------------------------------------------

GRACE = {"check_in_1": 48.0, "thank_you": 24.0}
DUE = timedelta(hours=-1)  # an hour ago: inside the window
CAL_KEY = output_key("ics/acme-1", "check_in_1", "calendar")

OURS = row("d1", REMOVED, kind="draft")  # a draft we removed when its interview went away

# the action's state, when it was due, what we recorded -> does it get its drafts now
# fmt: off
DUTY_CASES = [
    ("due an hour ago: made", "planned", DUE, [], True),
    ("not due yet: not yet", "planned", timedelta(hours=1), [], False),
    ("due exactly now: made", "planned", timedelta(0), [], True),
    ("past its grace: never", "planned", -timedelta(hours=49), [], False),
    ("done: not again", "done", DUE, [], False),
    ("cancelled: no", "cancelled", DUE, [], False),
    ("expired: no", "expired", DUE, [], False),
    ("moved by the user: made", "user_modified", DUE, [], True),
    ("reminder deleted by the user: dismissed", "planned", DUE, [row(CAL_KEY, USER_DELETED)],
     False),
    ("reminder edited by the user: made", "planned", DUE, [row(CAL_KEY, USER_MODIFIED)], True),
    ("drafts we removed, interview back: made, window or not", "done", -timedelta(days=30),
     [OURS], True),
    ("another action's removed draft: not this one", "done", DUE,
     [replace(OURS, action="thank_you")], False),
]
# fmt: on


@pytest.mark.parametrize(
    ("state", "due", "recorded", "made"),
    [case[1:] for case in DUTY_CASES],
    ids=[case[0] for case in DUTY_CASES],
)
def test_which_actions_get_drafts(
    state: Any, due: timedelta, recorded: list[OutputRow], made: bool
) -> None:
    a = act(state=state, due=due)
    p = plan(a)
    duties = draft_duties(
        [p],
        {r.key: r for r in recorded},
        key_bases={},
        gone=set(),
        held=set(),
        grace_hours=GRACE,
        now=NOW,
    )
    assert duties == ([MakeDrafts(p, a)] if made else [])


def test_a_dismissed_reminder_is_found_under_the_interviews_old_key_base() -> None:
    """Stores upgraded from older ids keep their keys: the reminder is looked up by them."""
    old = output_key("ics:calendar.ics/acme-1", "check_in_1", "calendar")
    a = act(due=DUE)
    duties = draft_duties(
        [plan(a)],
        {old: row(old, USER_DELETED)},
        key_bases={"ics/acme-1": "ics:calendar.ics/acme-1"},
        gone=set(),
        held=set(),
        grace_hours=GRACE,
        now=NOW,
    )
    assert duties == []


def test_a_gone_interview_loses_its_live_drafts_only() -> None:
    live = row("d1", kind="draft")
    recorded = [
        live,
        row("d2", USER_MODIFIED, kind="draft"),
        row("d3", USER_DELETED, kind="draft"),
        row("d4", REMOVED, kind="draft", action="thank_you"),
        row("r1"),  # its reminder: not a draft
        row("d5", kind="draft", iid="ics/other"),  # another interview's
    ]
    duties = draft_duties(
        [plan(act(due=DUE))],
        {r.key: r for r in recorded},
        key_bases={},
        gone={"ics/acme-1"},
        held=set(),
        grace_hours=GRACE,
        now=NOW,
    )
    assert duties == [RemoveDraft(live)]


def test_a_held_interview_is_left_alone() -> None:
    """Missing from the calendar, not yet confirmed gone: nothing made, nothing removed."""
    duties = draft_duties(
        [plan(act(due=DUE))],
        {"d1": row("d1", kind="draft")},
        key_bases={},
        gone=set(),
        held={"ics/acme-1"},
        grace_hours=GRACE,
        now=NOW,
    )
    assert duties == []


def test_duties_come_in_plan_order() -> None:
    first, second = act(due=DUE), act("thank_you", due=DUE)
    gone_draft = row("d9", kind="draft", iid="ics/gone")
    plans = [plan(first, second), plan(act(due=DUE), iid="ics/gone"), plan(first, iid="ics/c")]
    duties = draft_duties(
        plans,
        {"d9": gone_draft},
        key_bases={},
        gone={"ics/gone"},
        held=set(),
        grace_hours=GRACE,
        now=NOW,
    )
    assert duties == [
        MakeDrafts(plans[0], first),
        MakeDrafts(plans[0], second),
        RemoveDraft(gone_draft),
        MakeDrafts(plans[2], first),
    ]


def draft(key: str) -> DraftSpec:
    return DraftSpec(key, ME, JANE, "Following up", "Hello")


@pytest.mark.parametrize(
    ("status", "made_again"),
    [(None, True), (REMOVED, True), (LIVE, False), (USER_MODIFIED, False), (USER_DELETED, False)],
)
def test_a_draft_made_before_is_never_made_again(status: str | None, made_again: bool) -> None:
    """Only a draft never made, or one we removed ourselves, is made; one the user edited,
    sent or deleted stays as they left it."""
    rows = {} if status is None else {"d1": row("d1", status, kind="draft")}
    assert unmade([draft("d1")], rows) == ([draft("d1")] if made_again else [])


FOUND = ExistingDraft("d1", "ref-1", "fp-1")


@pytest.mark.parametrize(
    ("present", "expected"),
    [
        ({}, CreateDraft(draft("d1"))),
        ({"d2": ExistingDraft("d2", "ref-2", "fp")}, CreateDraft(draft("d1"))),
        ({"d1": FOUND}, AdoptDraft(draft("d1"), FOUND)),  # crash between write and record
        (None, CreateDraft(draft("d1"))),  # a dry run reads no mailbox
    ],
    ids=["absent", "others only", "there unrecorded: adopted", "not read"],
)
def test_create_or_adopt(present: dict[str, ExistingDraft] | None, expected: object) -> None:
    assert draft_writes([draft("d1")], present) == [expected]


@pytest.mark.parametrize(
    ("present", "expected"),
    [
        ({"d1": FOUND}, DeleteDraft(row("d1", kind="draft", fingerprint="fp-1"), FOUND)),
        ({"d1": replace(FOUND, fingerprint="edited")}, None),  # the user's now
        ({}, None),  # sent or deleted by the user
        (None, DeleteDraft(row("d1", kind="draft", fingerprint="fp-1"), None)),  # dry run
    ],
    ids=["untouched: deleted", "edited: kept", "gone already: nothing", "not read: reported"],
)
def test_removing_a_draft(present: dict[str, ExistingDraft] | None, expected: object) -> None:
    assert draft_removal(row("d1", kind="draft", fingerprint="fp-1"), present) == expected
