"""The product end to end, as a user runs it: the example calendar, plan, sync, edits."""

from __future__ import annotations

import email
import os
import subprocess
import sys
from email import policy
from pathlib import Path

import icalendar
import pytest

from tests.conftest import ROOT, Workspace, action

BEFORE = "2026-11-22T09:00:00-05:00"  # before every example interview
ACME = "acme-panel-1@example.com"


def _reminder_keys(path: Path) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["X-INTERVIEW-FOLLOWUP-KEY"]): e for e in cal.walk("VEVENT")}


# plan ------------------------------------------------------------------------------------


def test_plan_json_on_the_example_calendar_follows_the_spec(ws: Workspace) -> None:
    doc = ws.plan("2026-12-01T18:00:00-05:00")
    assert doc["now"] == "2026-12-01T18:00:00-05:00"
    assert doc["timezone"] == "America/New_York"
    titles = {iv["title"] for iv in doc["interviews"]}
    assert titles >= {
        "Interview with Acme - Senior Developer",
        "Phone screen with Initech",
        "Final round - Globex",
        "Hooli: technical screen",
        "Interview with Pied Piper - Backend Engineer",
    }
    assert not titles & {"Mock interview with my career coach", "Interview training", "Dentist"}
    reasons = {s["title"]: s["reason"] for s in doc["skipped"]}
    assert "all-day" in reasons["Interview day"]
    assert reasons["Interview training"] == "excluded by 'interview training'"  # rules, s. 1
    assert "declined" in reasons["Recruiter call with Soylent"]
    assert "Mock interview with my career coach" in reasons

    acme = next(iv for iv in doc["interviews"] if iv["id"].endswith(ACME))
    assert (acme["company"], acme["role"], acme["kind"], acme["round"]) == (
        "Acme",
        "Senior Developer",
        "panel",
        1,
    )
    assert acme["start"] == "2026-12-01T14:00:00-05:00"
    assert acme["stated_timeline"] == "2026-12-08"  # "next Tuesday" said on Tuesday 1 Dec
    assert acme["contact"] == {"name": "Sam Recruiter", "email": "sam@acme.com"}
    assert [p["email"] for p in acme["interviewers"]] == ["jane@acme.com", "raj@acme.com"]
    ty = action(acme, "thank_you")
    assert ty["due"] == "2026-12-01T16:00:00-05:00"
    assert ty["outputs"] == ["calendar", "draft"]
    assert ty["subject"] == "Thank you for the Senior Developer interview"
    assert [p["email"] for p in ty["to"]] == ["jane@acme.com", "raj@acme.com"]
    # stated 8 Dec -> one business day after: Wed 9 Dec at the slot
    assert action(acme, "check_in_1")["due"] == "2026-12-09T10:00:00-05:00"
    assert action(acme, "check_in_1")["subject"] == (
        "Following up on Senior Developer interview - Alex Candidate"
    )


def test_plan_shows_other_zone_and_late_final_round_correctly(ws: Workspace) -> None:
    london = ws.interview(BEFORE, "piedpiper-london@example.com")
    assert london["start"] == "2026-12-07T10:00:00-05:00"  # 15:00 London
    assert london["kind"] == "video"
    globex = ws.interview(BEFORE, "globex-final@example.com")
    assert globex["kind"] == "final"
    # ends 19:30; +1 h is past 20:00 -> 09:00 the next day
    assert action(globex, "thank_you")["due"] == "2026-12-04T09:00:00-05:00"
    assert globex["contact"]["email"] == "mindy@globex.com"
    hooli = ws.interview(BEFORE, "hooli-tech@example.com")
    assert hooli["stated_timeline"] == "2026-12-18"  # within 2 weeks of Fri 4 Dec
    assert action(hooli, "check_in_1")["due"] == "2026-12-21T10:00:00-05:00"


def test_plan_table_is_readable_and_writes_nothing(ws: Workspace) -> None:
    res = ws.run("plan", "--now", BEFORE)
    assert res.code == 0, res.err
    assert "Interview with Acme - Senior Developer" in res.out
    assert "thank_you" in res.out and "Jane Doe <jane@acme.com>" in res.out
    assert "Not planned:" in res.out
    assert not ws.reminders.exists()
    assert not ws.drafts.exists()
    assert not (ws.root / "state.sqlite3").exists()


# sync ------------------------------------------------------------------------------------


def test_sync_writes_reminders_then_a_second_sync_writes_nothing(ws: Workspace) -> None:
    first = ws.run("sync", "--now", BEFORE)
    assert first.code == 0, first.err
    assert "0 drafts created" in first.out  # nothing is due yet
    keys = _reminder_keys(ws.reminders)
    assert len(keys) >= 5 * 8  # five interviews, eight reminders each
    event = next(iter(keys.values()))
    assert event["TRANSP"] == "TRANSPARENT"
    assert any(c.name == "VALARM" for c in event.subcomponents)
    before = ws.reminders.read_bytes(), ws.reminders.stat().st_mtime_ns

    second = ws.run("sync", "--now", BEFORE)
    assert second.code == 0, second.err
    assert "wrote: 0 reminders created, 0 moved, 0 removed; 0 drafts created" in second.out
    assert (ws.reminders.read_bytes(), ws.reminders.stat().st_mtime_ns) == before


def test_thank_you_drafts_appear_at_their_due_time_one_per_interviewer(ws: Workspace) -> None:
    ws.run("sync", "--now", BEFORE)
    early = ws.run("sync", "--now", "2026-12-01T15:59:00-05:00")
    assert early.code == 0 and ws.draft_files() == []
    res = ws.run("sync", "--now", "2026-12-01T16:00:00-05:00")
    assert res.code == 0, res.err
    files = ws.draft_files()
    assert len(files) == 2
    msgs = [email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]
    assert sorted(str(m["To"]) for m in msgs) == [
        "Jane Doe <jane@acme.com>",
        "Raj Patel <raj@acme.com>",
    ]
    assert all(m["Subject"] == "Thank you for the Senior Developer interview" for m in msgs)
    assert all(m["X-Interview-Followup-Key"] for m in msgs)
    assert ws.interview("2026-12-01T16:00:00-05:00", ACME)["actions"][2]["state"] == "done"
    again = ws.run("sync", "--now", "2026-12-01T17:00:00-05:00")
    assert "0 drafts created" in again.out and len(ws.draft_files()) == 2


def test_reply_recorded_by_command_cancels_check_ins(ws: Workspace) -> None:
    ws.run("sync", "--now", BEFORE)
    n = len(_reminder_keys(ws.reminders))
    res = ws.run("outcome", "acme-panel-1", "replied", "--now", "2026-12-03T09:00:00-05:00")
    assert res.code == 0, res.err
    ws.run("sync", "--now", "2026-12-03T09:00:00-05:00")
    acme = ws.interview("2026-12-03T09:00:00-05:00", ACME)
    assert acme["status"] == "replied"
    states = {a["type"]: a["state"] for a in acme["actions"]}
    assert states["check_in_1"] == states["check_in_2"] == states["final_follow_up"] == "cancelled"
    assert states["networking"] == "planned"
    assert len(_reminder_keys(ws.reminders)) == n - 3


def test_rejection_adds_rejection_thanks_and_keeps_networking(ws: Workspace) -> None:
    # recorded on Saturday 5 Dec -> Monday 7 Dec at 10:00
    res = ws.run("outcome", ACME, "rejected", "--now", "2026-12-05T11:00:00-05:00")
    assert res.code == 0, res.err
    acme = ws.interview("2026-12-05T11:00:00-05:00", ACME)
    assert acme["status"] == "rejected"
    rt = action(acme, "rejection_thanks")
    assert rt["due"] == "2026-12-07T10:00:00-05:00"
    assert rt["subject"] == "Thank you for considering me for the Senior Developer role"
    assert action(acme, "networking")["state"] == "planned"
    # the recorded moment is stored: planning later never drifts
    later = ws.interview("2026-12-20T11:00:00-05:00", ACME)
    assert action(later, "rejection_thanks")["due"] == "2026-12-07T10:00:00-05:00"


def test_timeline_command_moves_the_first_check_in(ws: Workspace) -> None:
    res = ws.run("timeline", "initech-screen", "Dec 11", "--now", BEFORE)
    assert res.code == 0, res.err
    initech = ws.interview(BEFORE, "initech-screen@example.com")
    assert initech["stated_timeline"] == "2026-12-11"
    assert action(initech, "check_in_1")["due"] == "2026-12-14T10:00:00-05:00"
    bad = ws.run("timeline", "initech-screen", "whenever", "--now", BEFORE)
    assert bad.code == 2 and "cannot read the timeline" in bad.err


def test_debrief_reminder_timeline_and_note_are_used(ws: Workspace) -> None:
    ws.run("sync", "--now", BEFORE)
    cal = icalendar.Calendar.from_ical(ws.reminders.read_bytes())
    for e in cal.walk("VEVENT"):
        if "debrief" in str(e["SUMMARY"]).lower() and "Initech" in str(e["SUMMARY"]):
            e["DESCRIPTION"] = icalendar.vText(
                str(e["DESCRIPTION"]) + "\nTimeline: Dec 10\nNote: their move to dbt"
            )
    ws.reminders.write_bytes(cal.to_ical())
    ws.run("sync", "--now", "2026-12-02T10:50:00-05:00")
    initech = ws.interview("2026-12-02T10:50:00-05:00", "initech-screen@example.com")
    assert initech["stated_timeline"] == "2026-12-10"
    assert action(initech, "check_in_1")["due"] == "2026-12-11T10:00:00-05:00"
    assert action(initech, "debrief")["state"] == "user_modified"
    ws.run("sync", "--now", "2026-12-02T11:00:00-05:00")  # thank-you due 11:00
    msgs = [
        email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in ws.draft_files()
    ]
    [draft] = [m for m in msgs if m["To"].addresses[0].addr_spec == "peter@initech.com"]
    assert "their move to dbt" in draft.get_content()


def test_first_run_long_after_marks_stale_actions_expired(ws: Workspace) -> None:
    # 3 days after the Acme interview: thank-you (48 h grace) is stale, linkedin is not
    now = "2026-12-04T17:00:00-05:00"
    res = ws.run("sync", "--now", now)
    assert res.code == 0, res.err
    acme = ws.interview(now, ACME)
    states = {a["type"]: a["state"] for a in acme["actions"]}
    assert states["prep"] == "expired" and states["thank_you"] == "expired"
    assert states["debrief"] == "expired"
    assert states["linkedin"] == "done"  # due Thu 3 Dec 10:00, within 7 days
    assert not any("Acme" in str(m) for m in ws.draft_files())


def test_next_round_supersedes_the_earlier_round(ws: Workspace) -> None:
    extra = (
        "BEGIN:VEVENT\r\nUID:acme-round-2@example.com\r\nDTSTAMP:20261120T120000Z\r\n"
        "DTSTART;TZID=America/New_York:20261215T140000\r\n"
        "DTEND;TZID=America/New_York:20261215T150000\r\n"
        "SUMMARY:Second round interview - Acme\r\n"
        "ORGANIZER;CN=Sam Recruiter:mailto:sam@acme.com\r\nEND:VEVENT\r\nEND:VCALENDAR"
    )
    ws.edit_calendar("END:VCALENDAR", extra)
    doc = ws.plan(BEFORE)
    acme1 = next(iv for iv in doc["interviews"] if iv["id"].endswith(ACME))
    acme2 = next(iv for iv in doc["interviews"] if iv["id"].endswith("acme-round-2@example.com"))
    assert acme1["status"] == "superseded" and acme2["round"] == 2
    assert action(acme1, "check_in_1")["state"] == "cancelled"
    assert action(acme1, "thank_you")["state"] == "planned"


def test_dry_run_writes_nothing(ws: Workspace) -> None:
    res = ws.run("sync", "--dry-run", "--now", "2026-12-01T16:00:00-05:00")
    assert res.code == 0, res.err
    assert "would create reminder" in res.out and "would create draft" in res.out
    assert not ws.reminders.exists() and not ws.drafts.exists()


def test_status_after_sync(ws: Workspace) -> None:
    ws.run("sync", "--now", BEFORE)
    res = ws.run("status", "--json", "--now", BEFORE)
    assert res.code == 0, res.err
    doc = res.json()
    assert doc["last_cycle"]["ok"] is True
    acme = next(iv for iv in doc["interviews"] if iv["id"].endswith(ACME))
    assert acme["next_action"] == {"type": "prep", "due": "2026-12-01T13:45:00-05:00"}
    table = ws.run("status", "--now", BEFORE)
    row = next(x for x in table.out.splitlines() if x.startswith("Acme · Senior Developer"))
    assert "interview to come" in row and "prep Tue 01 Dec 13:45" in row


# errors ----------------------------------------------------------------------------------


def test_bad_config_is_one_line_exit_2_naming_key_and_file(ws: Workspace) -> None:
    ws.config.write_text(ws.config.read_text().replace('slot = "10:00"', 'slot = "ten"'))
    res = ws.run("plan")
    assert res.code == 2
    assert res.err.count("\n") == 1 and "[user] slot" in res.err and "config.toml" in res.err
    ws.config.write_text(ws.config.read_text() + "\n[user2]\nx = 1\n")
    assert "user2" in ws.run("plan").err


def test_unreadable_or_missing_calendar_is_exit_3_naming_the_file(ws: Workspace) -> None:
    ws.calendar.write_text("this is not a calendar\n")
    res = ws.run("plan")
    assert res.code == 3 and "calendar.ics" in res.err and "Traceback" not in res.err
    ws.calendar.unlink()
    res = ws.run("sync", "--now", BEFORE)
    assert res.code == 3 and "calendar.ics" in res.err


def test_a_bad_event_is_skipped_with_a_warning_and_the_rest_planned(ws: Workspace) -> None:
    ws.edit_calendar(
        "BEGIN:VEVENT\r\nUID:initech-screen@example.com",
        "BEGIN:VEVENT\r\nUID:broken@example.com\r\nSUMMARY:Interview broken\r\n"
        "DTSTART:2026-13-45T99\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:initech-screen@example.com",
    )
    res = ws.run("plan", "--json", "--now", BEFORE)
    assert res.code == 0, res.err
    assert "calendar.ics" in res.err and "warning" in res.err
    assert len(res.json()["interviews"]) == 5


def test_installed_script_runs_the_readme_quick_start() -> None:
    exe = Path(sys.executable).with_name("interview-followup")
    env = dict(os.environ, XDG_DATA_HOME=str(ROOT / "build" / "xdg-test"))
    res = subprocess.run(
        [str(exe), "--config", str(ROOT / "config.example.toml"), "plan", "--now", BEFORE],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    assert "Interview with Acme - Senior Developer" in res.stdout
    assert "Traceback" not in res.stderr


def test_library_warnings_are_logged_on_one_line_not_printed_raw(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import warnings

    from daemon import cli

    cli._setup_logging(debug=False)
    warnings.warn("something odd\nin a library", UserWarning, stacklevel=1)
    assert capsys.readouterr().err == ""
    cli._setup_logging(debug=True)
    warnings.warn("something odd\nin a library", UserWarning, stacklevel=1)
    err = capsys.readouterr().err
    assert (
        err.count("\n") == 1 and "library warning: UserWarning: something odd in a library" in err
    )


def test_hostile_invite_text_cannot_add_or_break_a_header(ws: Workspace) -> None:
    evil = (
        "BEGIN:VEVENT\r\nUID:evil@example.com\r\nDTSTAMP:20261120T120000Z\r\n"
        "DTSTART;TZID=America/New_York:20261202T130000\r\n"
        "DTEND;TZID=America/New_York:20261202T140000\r\n"
        "SUMMARY:Interview with Evil\\nBcc: all@evil.example - Role"
        "\\r\\nX-Y: z \u202e\U0001f600\r\n"
        "DESCRIPTION:Role: ${user_name} {role} $$\\nContact: Mallory\\nBcc: m@evil.example"
        " <mallory@evil.example>\r\n"
        'ATTENDEE;CN="Eve^nBcc: spy@evil.example ' + "x" * 3000 + '":mailto:eve@evil.example\r\n'
        "ATTENDEE;CN=Alex Candidate:mailto:alex@example.com\r\n"
        "END:VEVENT\r\nEND:VCALENDAR"
    )
    ws.edit_calendar("END:VCALENDAR", evil)
    res = ws.run("sync", "--now", "2026-12-02T15:00:00-05:00")
    assert res.code == 0, res.err
    msgs = [
        email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in ws.draft_files()
    ]
    evil_drafts = [m for m in msgs if "evil.example" in str(m["To"])]
    assert len(evil_drafts) == 1
    raw = ws.draft_files()[[*msgs].index(evil_drafts[0])].read_bytes()
    headers = raw.split(b"\n\n", 1)[0].decode("ascii")
    names = [line.split(":", 1)[0].lower() for line in headers.splitlines() if line[:1].strip()]
    assert "bcc" not in names and "x-y" not in names
    assert names.count("to") == 1 and names.count("subject") == 1
    assert all(len(line) <= 998 for line in headers.splitlines())
    assert evil_drafts[0]["To"].addresses[0].addr_spec == "eve@evil.example"
    reminders = icalendar.Calendar.from_ical(ws.reminders.read_bytes())
    assert any("Evil" in str(e["SUMMARY"]) for e in reminders.walk("VEVENT"))


def test_company_role_contact_typed_in_the_debrief_correct_what_is_not_done(
    ws: Workspace,
) -> None:
    ws.run("sync", "--now", BEFORE)
    cal = icalendar.Calendar.from_ical(ws.reminders.read_bytes())
    for e in cal.walk("VEVENT"):
        if "debrief" in str(e["SUMMARY"]).lower() and "Initech" in str(e["SUMMARY"]):
            e["DESCRIPTION"] = icalendar.vText(
                str(e["DESCRIPTION"])
                + "\nCompany: Initech Labs\nRole: Staff Data Engineer"
                + "\nContact: Joanna Lee <joanna@initech.com>"
            )
    ws.reminders.write_bytes(cal.to_ical())
    now = "2026-12-02T10:50:00-05:00"
    assert ws.run("sync", "--now", now).code == 0
    initech = ws.interview(now, "initech-screen@example.com")
    assert (initech["company"], initech["role"]) == ("Initech Labs", "Staff Data Engineer")
    assert initech["contact"] == {"name": "Joanna Lee", "email": "joanna@initech.com"}
    assert action(initech, "check_in_1")["to"] == [initech["contact"]]
    subject = action(initech, "thank_you")["subject"]
    assert subject == "Thank you for the Staff Data Engineer interview"
    res = ws.run("plan", "--explain", "initech-screen", "--now", now)
    assert res.code == 0, res.err
    assert "Initech Labs" in res.out and "debrief reminder" in res.out


def test_plan_explain_shows_where_each_field_came_from(ws: Workspace) -> None:
    res = ws.run("plan", "--explain", "initech-screen", "--json", "--now", BEFORE)
    assert res.code == 0, res.err
    doc = res.json()
    rows = {r["field"]: r for r in doc["rows"]}
    assert doc["title"] == "Phone screen with Initech"
    assert rows["company"]["value"] == "Initech" and rows["company"]["source"].startswith("title")
    assert rows["kind"]["value"] == "phone"
    text = ws.run("plan", "--explain", "initech-screen", "--now", BEFORE)
    assert "company" in text.out and "from: title" in text.out
    missing = ws.run("plan", "--explain", "no-such-event", "--now", BEFORE)
    assert missing.code == 2 and "no event with id" in missing.err
