"""Reminder texts that close the loop: what to do, for whom, and the commands to run."""

from __future__ import annotations

import re
import shlex
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from daemon.debrief import Debrief, parse_debrief
from daemon.drafts import DraftContext
from daemon.model import ACTION_TYPES, Action, ActionType, Interview, OutputKind, Person
from daemon.reminders import CONNECTION_NOTE_LIMIT, connection_note, reminder_text
from daemon.settings import UserSettings

TZ = ZoneInfo("America/New_York")
START = datetime(2026, 12, 1, 14, 0, tzinfo=TZ)
USER = UserSettings(
    name="Alex Candidate", email="alex@example.com", phone="+1 555 0100", timezone=str(TZ)
)
JANE = Person("Doe, Jane", "jane@acme.com")
RAJ = Person("Raj Patel", "raj@acme.com")
SAM = Person("Sam Recruiter", "sam@acme.com")
IV = Interview(
    id="ics:calendar.ics/acme panel@example.com",
    source_id="ics:calendar.ics",
    uid="acme panel@example.com",
    title="Interview with Acme - Senior Developer",
    start=START,
    end=START + timedelta(hours=1),
    company="Acme",
    role="Senior Developer",
    kind="panel",
    round=1,
    interviewers=(JANE, RAJ),
    contact=SAM,
)
DRAFTING = {"thank_you", "check_in_1", "check_in_2", "final_follow_up", "rejection_thanks"}


def act(type_: ActionType, to: tuple[Person, ...] = (), call: bool = False) -> Action:
    outputs: tuple[OutputKind, ...] = ("calendar",)
    if type_ in DRAFTING and not call:
        outputs = ("calendar", "draft")
    return Action(type=type_, due=START, state="planned", outputs=outputs, to=to, call=call)


@pytest.mark.parametrize("type_", ACTION_TYPES)
def test_every_reminder_prints_the_id_and_the_commands(type_: ActionType) -> None:
    _, text = reminder_text(act(type_, (SAM,)), IV, USER)
    quoted = shlex.quote(IV.id)
    assert f"Interview id: {IV.id}" in text
    assert f"interview-followup outcome {quoted} rejected" in text
    assert f'interview-followup timeline {quoted} "next Friday"' in text
    assert f"interview-followup outcome {quoted} replied" in text
    # The command works as printed: the shell gives back the id in one piece.
    line = next(x for x in text.splitlines() if "outcome" in x and "rejected" in x)
    words = shlex.split(line.split(":", 1)[1].split("(")[0])
    assert words == ["interview-followup", "outcome", IV.id, "rejected"]


@pytest.mark.parametrize("type_", ["check_in_1", "check_in_2"])
def test_call_reminder_has_a_script_and_no_draft_talk(type_: ActionType) -> None:
    summary, text = reminder_text(act(type_, (SAM,), call=True), IV, USER)
    assert summary.startswith("Call to check in")
    assert "Call Sam Recruiter <sam@acme.com>." in text
    assert '"Hello Sam, this is Alex Candidate. I interviewed for the Senior Developer role' in text
    assert "still very interested" in text and "+1 555 0100" in text
    lowered = text.lower()
    assert "draft marks" not in lowered and "no draft was written" not in lowered
    assert "where the draft" not in lowered and "drafts waiting" not in lowered


def test_linkedin_reminder_drafts_a_short_personal_note_per_interviewer() -> None:
    debrief = parse_debrief("Note for Jane: her team's on-call rota\nNote: the payments API")
    _, text = reminder_text(act("linkedin"), IV, USER, DraftContext(debrief=debrief))
    assert "Only if they welcomed a connection" in text
    jane = next(line for line in text.splitlines() if line.startswith("  to Doe, Jane"))
    raj = next(line for line in text.splitlines() if line.startswith("  to Raj Patel"))
    assert "Hello Jane," in jane and "on-call rota" in jane and "panel interview" in jane
    assert "Hello Raj," in raj and "payments API" in raj
    note = connection_note(JANE, IV, DraftContext(debrief=debrief))
    assert len(note) <= CONNECTION_NOTE_LIMIT


def test_connection_note_stays_within_300_characters() -> None:
    long = Debrief(note="the migration " * 60)
    note = connection_note(JANE, IV, DraftContext(debrief=long))
    assert len(note) <= CONNECTION_NOTE_LIMIT and note.endswith("stay in touch.")
    plain = connection_note(Person(None, "x@acme.com"), IV, DraftContext())
    assert plain.startswith("Hello, thank you for the panel interview for the Senior Developer")


@pytest.mark.parametrize(
    ("type_", "items"),
    [
        ("prep", ["point of contact", "LinkedIn connection", "prefer to be contacted"]),
        ("thank_you", ["Proofread", "handwritten) note", "[[review: ...]]"]),
        ("check_in_1", ["Proofread", "HR", "Keep applying"]),
        ("check_in_2", ["Proofread", "Keep applying", "update or a link"]),
        ("final_follow_up", ["Proofread", "still open"]),
        ("rejection_thanks", ["Proofread", "Never argue"]),
        ("linkedin", ["welcomed", "personal note"]),
    ],
)
def test_checklists_carry_what_the_articles_discuss(type_: ActionType, items: list[str]) -> None:
    _, text = reminder_text(act(type_, (SAM,)), IV, USER)
    for item in items:
        assert item in text, item


def test_debrief_invites_every_line_the_daemon_reads_and_none_of_its_own_is_read() -> None:
    _, text = reminder_text(act("debrief"), IV, USER)
    for word in ("Timeline:", "Note:", "Note for", "Contact:", "Prefers:"):
        assert word in text
    assert parse_debrief(text) == Debrief()
    for line in text.splitlines():
        assert not re.match(r"\s*(timeline|decision|note|contact|prefers)\b", line, re.I), line
