"""Whatever happens to the calendar file and the outputs, in any order, nothing is lost,
doubled or overwritten (issue 8).

A hypothesis state machine plays a user and their tools against one state store: interviews
are added, moved, cancelled and deleted; the calendar file is cut short, emptied, renamed and
restored; reminders and drafts are edited and deleted, the reminder file too; outcomes are
recorded; time passes; and the real CLI syncs, in-process, on real files. After every step:

- no output exists twice (one reminder per interview and action, one draft per recipient);
- no output the user did not remove is missing after a sync while its interview is in the
  last good read of the calendar (and its action is not cancelled);
- nothing the user edited is ever overwritten.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from pathlib import Path

import icalendar
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from daemon import cli
from tests.conftest import BASE_CONFIG

UIDS = ("acme", "globex", "initech", "hooli")  # one company each: no round supersedes another
START = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)
KEY = "X-INTERVIEW-FOLLOWUP-KEY"
EVENT = re.compile(r"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", re.S)


def _event(uid: str, start: datetime, cancelled: bool) -> str:
    end = start + timedelta(hours=1)
    domain = f"{uid}.com"
    return (
        "BEGIN:VEVENT\r\n"
        f"UID:{uid}@example.com\r\n"
        f"DTSTAMP:20261101T000000Z\r\n"
        f"DTSTART:{start:%Y%m%dT%H%M%SZ}\r\n"
        f"DTEND:{end:%Y%m%dT%H%M%SZ}\r\n"
        f"SUMMARY:Interview with {uid.capitalize()} - Engineer\r\n"
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}\r\n"
        f"ORGANIZER;CN=Sam Recruiter:mailto:sam@{domain}\r\n"
        f"ATTENDEE;CN=Jane Doe:mailto:jane@{domain}\r\n"
        f"ATTENDEE;CN=Raj Patel:mailto:raj@{domain}\r\n"
        "ATTENDEE;CN=Alex Candidate:mailto:alex@example.com\r\n"
        "END:VEVENT\r\n"
    )


def _calendar(events: dict[str, tuple[datetime, bool]]) -> str:
    body = "".join(_event(uid, start, cancelled) for uid, (start, cancelled) in events.items())
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//stateful//EN\r\n{body}END:VCALENDAR\r\n"
    )


class Accidents(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="lose-nothing-"))
        self.calendar = self.root / "calendar.ics"
        self.config = self.root / "config.toml"
        self.config.write_text(BASE_CONFIG)
        self.reminders = self.root / "reminders.ics"
        self.drafts = self.root / "drafts"
        self.now = START - timedelta(days=2)
        self.events: dict[str, tuple[datetime, bool]] = {}  # what the calendar should hold
        self.file_ok = True  # False while the file is cut short
        self.last_good: set[str] = set()  # uids the last good read held (not cancelled)
        self.written: dict[str, tuple[str, str]] = {}  # our output key -> (uid, action)
        self.user_removed: set[str] = set()
        self.edited_reminders: dict[str, str] = {}  # key -> the summary the user typed
        self.edited_drafts: dict[str, bytes] = {}  # key -> the draft as the user left it
        self.cancelled_actions: set[tuple[str, str]] = set()  # (uid, action) per last plan
        self.edits = 0
        self.events_before_empty: dict[str, tuple[datetime, bool]] = {}

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    # helpers ----------------------------------------------------------------------------

    def cli(self, *args: str) -> tuple[int, str]:
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            try:
                cli.main(["--config", str(self.config), *args, "--now", self.now.isoformat()])
                code = 0
            except SystemExit as exc:
                code = int(exc.code or 0)
        return code, out.getvalue()

    def write_calendar(self) -> None:
        self.calendar.write_bytes(_calendar(self.events).encode())
        self.file_ok = True

    def our_reminders(self) -> list[icalendar.Event]:
        if not self.reminders.exists():
            return []
        cal = icalendar.Calendar.from_ical(self.reminders.read_bytes())
        return [e for e in cal.walk("VEVENT") if KEY in e]

    def our_drafts(self) -> dict[Path, str]:
        found = {}
        for sub in ("cur", "new"):
            for path in sorted((self.drafts / sub).glob("*")):
                key = message_from_bytes(path.read_bytes()).get("X-Interview-Followup-Key")
                if key:
                    found[path] = str(key)
        return found

    def output_rows(self) -> dict[str, tuple[str, str, str, str]]:
        """key -> (uid, action, kind, recipient), from the state store."""
        db = sqlite3.connect(self.root / "state.sqlite3")
        try:
            rows = db.execute("SELECT key, interview_id, action, kind, recipient FROM outputs")
            return {k: (iid.split("/", 1)[1].split("@")[0], a, kd, r) for k, iid, a, kd, r in rows}
        finally:
            db.close()

    # the calendar ----------------------------------------------------------------------

    @initialize()
    def first_sync(self) -> None:
        self.events = {"acme": (START, False), "globex": (START + timedelta(days=1), False)}
        self.write_calendar()
        self.sync()

    @rule(uid=st.sampled_from(UIDS), hours=st.integers(-48, 120))
    def add_or_move_interview(self, uid: str, hours: int) -> None:
        self.events[uid] = (START + timedelta(hours=hours), False)
        self.write_calendar()

    @precondition(lambda self: bool(self.events))
    @rule(data=st.data())
    def cancel_interview(self, data: st.DataObject) -> None:
        uid = data.draw(st.sampled_from(sorted(self.events)))
        self.events[uid] = (self.events[uid][0], True)
        self.write_calendar()

    @precondition(lambda self: bool(self.events))
    @rule(data=st.data())
    def delete_interview(self, data: st.DataObject) -> None:
        del self.events[data.draw(st.sampled_from(sorted(self.events)))]
        self.write_calendar()

    @rule(fraction=st.floats(0.05, 0.95))
    def truncate_calendar(self, fraction: float) -> None:
        text = _calendar(self.events)
        self.calendar.write_bytes(text[: int(len(text) * fraction)].encode())
        self.file_ok = False

    @rule()
    def empty_calendar(self) -> None:
        self.calendar.write_bytes(_calendar({}).encode())
        self.file_ok = True  # a valid calendar: it counts as a good read of nothing
        self.events_before_empty = dict(self.events)
        self.events = {}

    @rule(name=st.sampled_from(["calendar.ics", "export.ics", "Calendar (1).ics"]))
    def rename_calendar(self, name: str) -> None:
        target = self.root / name
        if target != self.calendar:
            self.calendar.rename(target)
            text = self.config.read_text().replace(f'"{self.calendar.name}"', f'"{name}"')
            self.config.write_text(text)
            self.calendar = target

    @rule()
    def restore_calendar(self) -> None:
        self.events = self.events_before_empty or self.events
        self.events_before_empty = {}
        self.write_calendar()

    # the outputs -----------------------------------------------------------------------

    @precondition(lambda self: bool(self.our_reminders()))
    @rule(data=st.data())
    def edit_reminder(self, data: st.DataObject) -> None:
        events = self.our_reminders()
        pick = data.draw(st.integers(0, len(events) - 1))
        key = str(events[pick][KEY])
        self.edits += 1
        summary = f"My own words {self.edits}"
        summary_line = re.compile(r"^SUMMARY:.*\r\n(?: .*\r\n)*", re.M)  # with its folds

        def edit(event: re.Match[str]) -> str:
            if f"{KEY}:{key}\r\n" not in event.group(0):
                return event.group(0)
            return summary_line.sub(f"SUMMARY:{summary}\r\n", event.group(0))

        text = EVENT.sub(edit, self.reminders.read_bytes().decode())
        self.reminders.write_bytes(text.encode())
        self.edited_reminders[key] = summary

    @precondition(lambda self: bool(self.our_reminders()))
    @rule(data=st.data())
    def delete_reminder(self, data: st.DataObject) -> None:
        events = self.our_reminders()
        key = str(events[data.draw(st.integers(0, len(events) - 1))][KEY])
        text = EVENT.sub(
            lambda m: "" if f"{KEY}:{key}\r\n" in m.group(0) else m.group(0),
            self.reminders.read_bytes().decode(),
        )
        self.reminders.write_bytes(text.encode())
        self.user_removed.add(key)
        self.edited_reminders.pop(key, None)

    @rule()
    def delete_reminder_file(self) -> None:
        """An accident, not a decision: everything in it is to come back, edits aside."""
        self.reminders.unlink(missing_ok=True)
        self.edited_reminders.clear()

    @precondition(lambda self: bool(self.our_drafts()))
    @rule(data=st.data(), delete=st.booleans())
    def touch_draft(self, data: st.DataObject, delete: bool) -> None:
        drafts = self.our_drafts()
        path = data.draw(st.sampled_from(sorted(drafts)))
        key = drafts[path]
        if delete:
            path.unlink()
            self.user_removed.add(key)
            self.edited_drafts.pop(key, None)
        else:
            self.edits += 1
            content = path.read_bytes() + f"\r\nP.S. my own words {self.edits}\r\n".encode()
            path.write_bytes(content)
            self.edited_drafts[key] = content

    @rule(uid=st.sampled_from(UIDS), outcome=st.sampled_from(["rejected", "offer", "replied"]))
    def record_outcome(self, uid: str, outcome: str) -> None:
        self.cli("outcome", f"{uid}@example.com", outcome)

    @rule(minutes=st.sampled_from([3, 11, 90, 600, 1500]))
    def advance_time(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)

    @rule()
    def sync(self) -> None:
        code, out = self.cli("sync")
        if code == 3:  # the spec's exit for a file from which no calendar at all can be read
            assert b"BEGIN:VCALENDAR\r\n" not in self.calendar.read_bytes(), out
            present = {str(e[KEY]) for e in self.our_reminders()}
            self.check_nothing_missing(present | set(self.our_drafts().values()))
            return
        assert code == 0, out
        if self.file_ok:
            self.last_good = {uid for uid, (_s, cancelled) in self.events.items() if not cancelled}
        code, plan = self.cli("plan", "--json")
        assert code == 0
        self.cancelled_actions = {
            (iv["id"].split("/", 1)[1].split("@")[0], a["type"])
            for iv in json.loads(plan)["interviews"]
            for a in iv["actions"]
            if a["state"] == "cancelled"
        }
        rows = self.output_rows()
        present = {str(e[KEY]) for e in self.our_reminders()} | set(self.our_drafts().values())
        for key in present:
            uid, action, _kind, _to = rows[key]
            self.written[key] = (uid, action)
        self.check_nothing_missing(present)

    def check_nothing_missing(self, present: set[str]) -> None:
        for key, (uid, action) in self.written.items():
            if key in self.user_removed or uid not in self.last_good:
                continue
            if (uid, action) in self.cancelled_actions:
                continue
            assert key in present, f"{action} output of {uid} lost ({key})"

    # invariants after every step --------------------------------------------------------

    @invariant()
    def no_output_twice(self) -> None:
        rows = self.output_rows()
        keys = [str(e[KEY]) for e in self.our_reminders()]
        assert len(keys) == len(set(keys)), "a reminder written twice"
        reminders = [rows[k][:2] for k in keys if k in rows]
        assert len(reminders) == len(set(reminders)), "two reminders for one action"
        drafts = list(self.our_drafts().values())
        assert len(drafts) == len(set(drafts)), "a draft written twice"
        identities = [rows[k] for k in drafts if k in rows]
        assert len(identities) == len(set(identities)), "two drafts for one recipient"

    @invariant()
    def user_edits_stand(self) -> None:
        summaries = {str(e[KEY]): str(e.get("SUMMARY")) for e in self.our_reminders()}
        for key, summary in self.edited_reminders.items():
            assert summaries.get(key) == summary, f"your edit of reminder {key} was overwritten"
        by_key = {key: path for path, key in self.our_drafts().items()}
        for key, content in self.edited_drafts.items():
            assert key in by_key, f"your edited draft {key} disappeared"
            assert by_key[key].read_bytes() == content, f"your edited draft {key} was rewritten"


Accidents.TestCase.settings = settings(
    max_examples=8,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_accidents_lose_nothing = Accidents.TestCase
