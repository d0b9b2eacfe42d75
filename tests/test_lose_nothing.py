"""Ordinary accidents lose nothing and duplicate nothing (issue 8).

Each test is a user's mishap on the example setup: a malformed invitation, an outcome
recorded early, a half-written or renamed calendar, a deleted reminder file, a reminder
moved by hand. Everything runs through the CLI in-process, on real files.
"""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest

from tests.conftest import Workspace, action

BEFORE = "2026-11-22T09:00:00-05:00"  # before every example interview
AFTER_ACME = "2026-12-01T16:00:00-05:00"  # Acme's panel ended at 15:00; its thank-you is due
ACME = "acme-panel-1@example.com"
JANE_LINE = "ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:jane@acme.com"


def raw(path: Path) -> str:
    """A file's text with its CRLF line ends kept."""
    return path.read_bytes().decode("utf-8")


def put(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


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
def test_a_malformed_attendee_is_skipped_and_the_rest_is_written(ws: Workspace, bad: str) -> None:
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


# item 1: a half-written, emptied or briefly incomplete calendar -----------------------

LEGACY = Path(__file__).parent / "corpus" / "legacy_ids"
INITECH = "initech-screen@example.com"


def cut_after(ws: Workspace, events: int) -> None:
    """The calendar as a writer caught midway leaves it: the first ``events`` events."""
    text = raw(ws.calendar)
    cut = 0
    for _ in range(events):
        cut = text.index("END:VEVENT", cut) + len("END:VEVENT\r\n")
    put(ws.calendar, text[:cut] + "BEGIN:VEVENT\r\nUID:half")


def drop_event(ws: Workspace, uid: str) -> str:
    """Remove one event from the calendar; returns the file as it was."""
    text = raw(ws.calendar)
    start = text.index(f"BEGIN:VEVENT\r\nUID:{uid}")
    end = text.index("END:VEVENT\r\n", start) + len("END:VEVENT\r\n")
    put(ws.calendar, text[:start] + text[end:])
    return text


def at(minutes: int, base: str = BEFORE) -> str:
    from datetime import datetime, timedelta

    return (datetime.fromisoformat(base) + timedelta(minutes=minutes)).isoformat()


def statuses(ws: Workspace, now: str) -> dict[str, str]:
    return {iv["id"]: iv["status"] for iv in ws.plan(now)["interviews"]}


@pytest.mark.parametrize("how", ["truncated", "unterminated"])
def test_a_half_written_calendar_removes_nothing(ws: Workspace, how: str) -> None:
    assert ws.run("sync", "--now", AFTER_ACME).code == 0
    keys, drafts = sorted(reminder_keys(ws.reminders)), draft_recipients(ws)
    assert len(drafts) == 2
    if how == "truncated":
        cut_after(ws, 1)
    else:  # one END:VEVENT lost in the middle; the file still ends properly
        ws.edit_calendar("END:VEVENT\r\nBEGIN:VEVENT\r\nUID:initech", "BEGIN:VEVENT\r\nUID:initech")
    for minutes in (0, 30, 60):
        res = ws.run("sync", "--now", at(minutes, AFTER_ACME))
        assert res.code == 0, res.err
        assert "incomplete calendar" in res.err and "nothing is removed" in res.err
        assert "removed" not in res.out.replace("0 removed", "")
    assert sorted(reminder_keys(ws.reminders)) == keys
    assert draft_recipients(ws) == drafts
    assert set(statuses(ws, AFTER_ACME).values()) == {"active"}


@pytest.mark.parametrize("left", [b"", b"BEGIN:VCALEND"])
def test_a_file_cut_before_its_calendar_begins_is_exit_3_and_removes_nothing(
    ws: Workspace, left: bytes
) -> None:
    """Spec: exit 3 for a source from which no calendar at all can be read; a bad read
    never deletes anything, and the next good read changes nothing."""
    assert ws.run("sync", "--now", AFTER_ACME).code == 0
    keys, drafts = sorted(reminder_keys(ws.reminders)), draft_recipients(ws)
    whole = ws.calendar.read_bytes()
    ws.calendar.write_bytes(left)
    res = ws.run("sync", "--now", at(30, AFTER_ACME))
    assert res.code == 3 and str(ws.calendar) in res.err
    assert sorted(reminder_keys(ws.reminders)) == keys and draft_recipients(ws) == drafts
    ws.calendar.write_bytes(whole)
    res = ws.run("sync", "--now", at(60, AFTER_ACME))
    assert res.code == 0 and "removed" not in res.out.replace("0 removed", "")
    assert sorted(reminder_keys(ws.reminders)) == keys and draft_recipients(ws) == drafts


def test_a_vanished_interview_is_removed_only_when_a_later_read_confirms(ws: Workspace) -> None:
    assert ws.run("sync", "--now", BEFORE).code == 0
    before = len(reminder_keys(ws.reminders))
    drop_event(ws, INITECH)
    for minutes in (0, 9):  # the first read that lacks it, and one too soon after
        res = ws.run("sync", "--now", at(minutes))
        assert res.code == 0 and "0 removed" in res.out, res.out
        plan = ws.plan(at(minutes))
        initech = next(iv for iv in plan["interviews"] if iv["id"].endswith(INITECH))
        assert initech["status"] == "active"
        assert "cancelled" not in {a["state"] for a in initech["actions"]}
    res = ws.run("sync", "--now", at(10))
    assert "8 removed" in res.out or "removed" in res.out
    assert len(reminder_keys(ws.reminders)) < before
    assert statuses(ws, at(10))[f"ics/{INITECH}"] == "cancelled"


def test_an_interview_back_before_confirmation_keeps_everything(ws: Workspace) -> None:
    assert ws.run("sync", "--now", BEFORE).code == 0
    keys = sorted(reminder_keys(ws.reminders))
    whole = drop_event(ws, INITECH)
    assert ws.run("sync", "--now", at(0)).code == 0
    put(ws.calendar, whole)
    for minutes in (12, 30):
        res = ws.run("sync", "--now", at(minutes))
        assert "0 reminders created, 0 moved, 0 removed" in res.out, res.out
    assert sorted(reminder_keys(ws.reminders)) == keys


def test_an_emptied_calendar_warns_once_and_outputs_come_back_with_it(ws: Workspace) -> None:
    assert ws.run("sync", "--now", BEFORE).code == 0
    whole = raw(ws.calendar)
    # The user deletes one reminder themselves: that one must stay deleted.
    blocks = raw(ws.reminders).split("BEGIN:VEVENT\r\n")
    put(ws.reminders, "BEGIN:VEVENT\r\n".join(blocks[:1] + blocks[2:]))
    keys = sorted(reminder_keys(ws.reminders))
    put(ws.calendar, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nEND:VCALENDAR\r\n")
    res = ws.run("sync", "--now", at(0))
    assert res.code == 0, res.err
    loss = [line for line in res.err.splitlines() if "upcoming interviews" in line]
    assert len(loss) == 1 and "5 of the 5" in loss[0] and "10 minutes" in loss[0]
    assert sorted(reminder_keys(ws.reminders)) == keys
    res = ws.run("sync", "--now", at(15))  # still empty a quarter of an hour later: gone
    assert len(reminder_keys(ws.reminders)) == 0
    put(ws.calendar, whole)
    res = ws.run("sync", "--now", at(30))
    assert res.code == 0, res.err
    assert sorted(reminder_keys(ws.reminders)) == keys  # all back, but the one the user deleted
    assert set(statuses(ws, at(30)).values()) == {"active"}


def test_drafts_removed_with_a_vanished_interview_come_back_with_it(ws: Workspace) -> None:
    assert ws.run("sync", "--now", AFTER_ACME).code == 0
    assert draft_recipients(ws) == ["Jane Doe <jane@acme.com>", "Raj Patel <raj@acme.com>"]
    jane = next(f for f in ws.draft_files() if "jane@acme.com" in f.read_text())
    jane.write_text(jane.read_text().replace("Thank you", "Many thanks"))  # the user's edit
    whole = drop_event(ws, ACME)
    ws.run("sync", "--now", at(0, AFTER_ACME))
    ws.run("sync", "--now", at(11, AFTER_ACME))
    assert draft_recipients(ws) == ["Jane Doe <jane@acme.com>"]  # the edited one stays
    put(ws.calendar, whole)
    res = ws.run("sync", "--now", at(60, AFTER_ACME))
    assert res.code == 0, res.err
    assert draft_recipients(ws) == ["Jane Doe <jane@acme.com>", "Raj Patel <raj@acme.com>"]
    assert "Many thanks" in jane.read_text()


# item 4: the calendar file renamed, and a store from before the id change -------------


def test_renaming_the_calendar_file_doubles_nothing(ws: Workspace) -> None:
    assert ws.run("sync", "--now", AFTER_ACME).code == 0
    keys, drafts = sorted(reminder_keys(ws.reminders)), draft_recipients(ws)
    ws.calendar.rename(ws.root / "exported.ics")
    ws.config.write_text(ws.config.read_text().replace("calendar.ics", "exported.ics"))
    for minutes in (0, 30):
        res = ws.run("sync", "--now", at(minutes, AFTER_ACME))
        assert res.code == 0, res.err
        assert "0 reminders created, 0 moved, 0 removed; 0 drafts created" in res.out
    assert sorted(reminder_keys(ws.reminders)) == keys
    assert draft_recipients(ws) == drafts
    ids = [iv["id"] for iv in ws.plan(AFTER_ACME)["interviews"]]
    assert len(ids) == len(set(ids)) == 5 and all(i.startswith("ics/") for i in ids)


def load_legacy(ws: Workspace) -> None:
    """What version 0 left after a sync at AFTER_ACME: ids ``ics:calendar.ics/<UID>``."""
    import shutil
    import sqlite3

    db = sqlite3.connect(ws.root / "state.sqlite3")
    db.executescript((LEGACY / "state.sql").read_text())
    db.close()
    shutil.copy(LEGACY / "reminders.ics", ws.reminders)
    shutil.copytree(LEGACY / "drafts", ws.drafts)
    for sub in ("new", "tmp"):
        (ws.drafts / sub).mkdir(exist_ok=True)


def test_an_upgraded_store_keeps_every_output_and_writes_nothing_new(ws: Workspace) -> None:
    load_legacy(ws)
    keys, drafts = sorted(reminder_keys(ws.reminders)), draft_recipients(ws)
    assert len(keys) == 39 and len(drafts) == 2
    plan = ws.plan(AFTER_ACME)  # read-only: the store file is upgraded in memory only
    assert all(iv["id"].startswith("ics/") for iv in plan["interviews"])
    acme = next(iv for iv in plan["interviews"] if iv["id"] == f"ics/{ACME}")
    assert action(acme, "thank_you")["state"] == "done"
    res = ws.run("sync", "--now", AFTER_ACME)
    assert res.code == 0, res.err
    # Nothing is written twice. Reminders not yet due may be rewritten in place (same key)
    # when this version words their checklists differently from the one that wrote them.
    assert "wrote: 0 reminders created" in res.out and "0 removed; 0 drafts created" in res.out
    assert sorted(reminder_keys(ws.reminders)) == keys
    # and the calendar file can now be renamed without doubling anything either
    ws.calendar.rename(ws.root / "exported.ics")
    ws.config.write_text(ws.config.read_text().replace("calendar.ics", "exported.ics"))
    res = ws.run("sync", "--now", at(60, AFTER_ACME))
    assert "0 reminders created, 0 moved, 0 removed; 0 drafts created" in res.out, res.out
    assert sorted(reminder_keys(ws.reminders)) == keys
    assert draft_recipients(ws) == drafts
    assert _progress(ws, "status") == _progress(ws, "plan")  # its keys come from the old ids


def _progress(ws: Workspace, command: str) -> dict[str, object]:
    res = ws.run(command, "--json", "--now", at(600, AFTER_ACME))
    assert res.code == 0, res.err
    fields = ("stage", "next_action", "due_now")
    return {iv["id"]: [iv[f] for f in fields] for iv in json.loads(res.out)["interviews"]}


# item 13: reminders.ics deleted as a whole ---------------------------------------------


def test_a_deleted_reminders_file_is_written_again_whole(ws: Workspace) -> None:
    later = "2026-12-02T12:00:00-05:00"  # Acme's prep and debrief are past
    assert ws.run("sync", "--now", BEFORE).code == 0
    keys = sorted(reminder_keys(ws.reminders))
    ws.reminders.unlink()
    res = ws.run("sync", "--now", later)
    assert res.code == 0, res.err
    assert sorted(reminder_keys(ws.reminders)) == keys
    summaries = [str(e["SUMMARY"]) for e in reminder_events(ws.reminders)]
    assert any("Debrief" in s or "debrief" in s for s in summaries)


# item 14: a reminder moved by the user carries its draft -------------------------------


def test_a_moved_thank_you_reminder_carries_its_drafts_to_the_new_time(ws: Workspace) -> None:
    assert ws.run("sync", "--now", BEFORE).code == 0
    text = raw(ws.reminders)
    # Acme's thank-you is due 1 December 16:00 New York; the user moves it to the 2nd, 10:00.
    old = "DTSTART;TZID=America/New_York:20261201T160000"
    assert text.count(old) == 1, "the thank-you reminder is the only one at 16:00"
    put(
        ws.reminders,
        text.replace(old, "DTSTART;TZID=America/New_York:20261202T100000").replace(
            "DTEND;TZID=America/New_York:20261201T161500",
            "DTEND;TZID=America/New_York:20261202T101500",
        ),
    )
    res = ws.run("sync", "--now", AFTER_ACME)
    assert res.code == 0, res.err
    assert draft_recipients(ws) == []  # not at the planned time
    acme = ws.interview(AFTER_ACME, ACME)
    assert action(acme, "thank_you")["due"] == "2026-12-02T10:00:00-05:00"
    res = ws.run("sync", "--now", "2026-12-02T10:05:00-05:00")
    assert draft_recipients(ws) == ["Jane Doe <jane@acme.com>", "Raj Patel <raj@acme.com>"]
    assert "20261202T100000" in ws.reminders.read_text()  # the user's reminder stays put


# the rule itself, without files ---------------------------------------------------------


def _rows(n: int, missing_since: str | None = None) -> dict[str, object]:
    from dataclasses import replace as dc_replace
    from datetime import datetime

    from daemon.state import InterviewRow
    from tests.test_planner import make_interview

    base = make_interview()
    rows = {}
    for i in range(n):
        iv = dc_replace(base, id=f"ics/u{i}", source_id="ics", uid=f"u{i}")
        rows[iv.id] = InterviewRow(
            iv, None, None, None, None, None, None, None, "active",
            datetime.fromisoformat(BEFORE),
            missing_since=None if missing_since is None else datetime.fromisoformat(missing_since),
        )  # fmt: skip
    return rows


@pytest.mark.parametrize(("present", "warned"), [(2, False), (1, True), (0, True)])
def test_losing_more_than_half_the_upcoming_interviews_is_one_warning(
    present: int, warned: bool
) -> None:
    from datetime import datetime

    from daemon.absence import absence

    rows = _rows(4)
    current = list(rows)[:present]
    found = absence(
        current, (), rows, lambda s: s == "ics", (), now=datetime.fromisoformat(BEFORE),
        confirm_minutes=10, complete=True,
    )  # fmt: skip
    assert found.gone == {}
    assert found.held == frozenset(list(rows)[present:]) == found.newly_missing
    assert (found.warning is not None) == warned
    if warned:
        assert f"lacks {4 - present} of the 4 upcoming" in str(found.warning)


def test_a_missing_interview_is_gone_only_after_confirm_minutes_of_good_reads() -> None:
    from datetime import datetime, timedelta

    from daemon.absence import absence

    rows = _rows(1, missing_since=BEFORE)
    first = datetime.fromisoformat(BEFORE)
    for minutes, complete, gone in ((9, True, False), (10, False, False), (10, True, True)):
        found = absence(
            (), (), rows, lambda s: s == "ics", (), now=first + timedelta(minutes=minutes),
            confirm_minutes=10, complete=complete,
        )  # fmt: skip
        assert bool(found.gone) == gone, (minutes, complete)
    cancelled = absence(
        (), {"ics/u0"}, _rows(1), lambda s: s == "ics", (), now=first,
        confirm_minutes=10, complete=False,
    )  # fmt: skip
    assert cancelled.gone == {"ics/u0": "cancelled"}
