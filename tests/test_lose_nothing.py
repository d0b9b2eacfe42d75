"""Ordinary accidents lose nothing and duplicate nothing (issue 8).

Each test is a user's mishap on the example setup: a malformed invitation, an outcome
recorded early, a half-written or renamed calendar, a deleted reminder file, a reminder
moved by hand. Everything runs through the CLI in-process, on real files.
"""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from tests.conftest import Workspace, action

BEFORE = "2026-11-22T09:00:00-05:00"  # before every example interview
AFTER_ACME = "2026-12-01T16:00:00-05:00"  # Acme's panel ended at 15:00; its thank-you is due
ACME = "acme-panel-1@example.com"
JANE_LINE = "ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:jane@acme.com"


def reminder_events(path: Path) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def reminder_keys(path: Path) -> list[str]:
    return [str(e["X-INTERVIEW-FOLLOWUP-KEY"]) for e in reminder_events(path)]


def draft_recipients(ws: Workspace) -> list[str]:
    return sorted(
        line.split(":", 1)[1].strip()
        for f in ws.draft_files()
        for line in f.read_text().splitlines()
        if line.startswith("To:")
    )


# item 5: one bad attendee or event never blocks the others ----------------------------


@pytest.mark.parametrize(
    "bad",
    ["mailto:<jane@acme.com>", "mailto:a@x.com,b@y.com", "mailto:jane@acme.com?bcc=x@evil.com"],
)
def test_a_malformed_attendee_is_skipped_and_the_rest_is_written(
    ws: Workspace, bad: str
) -> None:
    ws.edit_calendar(JANE_LINE, f"ATTENDEE;CN=Jane Doe:{bad}")
    res = ws.run("sync", "--now", AFTER_ACME)
    assert res.code == 0, res.err
    assert "unexpected" not in res.err
    warning = next(line for line in res.err.splitlines() if "skipped attendee" in line)
    assert "calendar.ics:" in warning and warning.split("calendar.ics:")[1][0].isdigit()
    # Raj, the other interviewer, still gets his thank-you; every interview is planned.
    assert draft_recipients(ws) == ["Raj Patel <raj@acme.com>"]
    assert len(reminder_keys(ws.reminders)) >= 5 * 7


def test_an_event_in_year_9999_is_skipped_and_the_rest_is_written(ws: Workspace) -> None:
    ws.edit_calendar(
        "DTSTART;TZID=America/New_York:20261202T093000\r\n"
        "DTEND;TZID=America/New_York:20261202T100000",
        "DTSTART;TZID=America/New_York:99991231T233000\r\n"
        "DTEND;TZID=America/New_York:99991231T235900",
    )
    res = ws.run("sync", "--now", AFTER_ACME)
    assert res.code == 0, res.err
    assert "unexpected" not in res.err
    assert any(
        "calendar.ics:" in line and "skipped event" in line and "9999" in line
        for line in res.err.splitlines()
    )
    assert len(ws.plan(AFTER_ACME)["interviews"]) == 4
    assert draft_recipients(ws) == ["Jane Doe <jane@acme.com>", "Raj Patel <raj@acme.com>"]


# item 7: an outcome recorded before the interview ------------------------------------


def test_a_rejection_recorded_before_the_interview_plans_no_thank_you(ws: Workspace) -> None:
    res = ws.run("outcome", ACME, "rejected", "--now", "2026-11-30T11:00:00-05:00")
    assert res.code == 0, res.err
    acme = ws.interview(AFTER_ACME, ACME)
    assert acme["status"] == "rejected"
    assert action(acme, "thank_you")["state"] == "cancelled"
    assert action(acme, "rejection_thanks")["state"] in ("planned", "expired")
    res = ws.run("sync", "--now", AFTER_ACME)
    assert res.code == 0, res.err
    assert "Jane Doe <jane@acme.com>" not in draft_recipients(ws)
    assert "thank_you of 'Interview with Acme" not in res.out
