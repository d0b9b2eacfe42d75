"""The whole product against a real CalDAV server (Radicale on 127.0.0.1), through the CLI.

The example calendar is loaded into a CalDAV calendar, one resource per event as calendar
apps store them; the same calendar as an ``.ics`` file drives a twin workspace. Both must
give the same plan, the same reminders and the same drafts. Then the user's changes
(edits, moves, cancellations) behave as they do with Google, and sign-in goes through
`auth caldav` with the password in an in-memory keyring.
"""

from __future__ import annotations

import email
import io
import itertools
import json
from collections.abc import Iterator
from datetime import datetime
from email import policy
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import icalendar
import keyring
import pytest

from integrations import secrets
from integrations.caldav.session import CalDAVSession, Collection
from tests.conftest import BASE_CONFIG, EXAMPLE_CALENDAR, Result, run_cli
from tests.fakes.memory_keyring import MemoryKeyring
from tests.fakes.radicale_server import PASSWORD, USER, Radicale

BEFORE = "2026-11-22T09:00:00-05:00"
_names = itertools.count(1)


@pytest.fixture(scope="module")
def server() -> Iterator[Radicale]:
    with Radicale(log_requests=True) as radicale:
        yield radicale


@pytest.fixture
def ring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def resources(ics: bytes) -> dict[str, str]:
    """The calendar as a CalDAV server holds it: one resource per UID (a series and its
    overrides together), each with the time zones."""
    cal = icalendar.Calendar.from_ical(ics)
    zones = list(cal.walk("VTIMEZONE"))
    by_uid: dict[str, Any] = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev["uid"])
        if uid not in by_uid:
            by_uid[uid] = icalendar.Calendar()
            by_uid[uid].add("prodid", "-//the user's calendar app//EN")
            by_uid[uid].add("version", "2.0")
            for zone in zones:
                by_uid[uid].add_component(zone)
        by_uid[uid].add_component(ev)
    return {uid: c.to_ical().decode() for uid, c in by_uid.items()}


class Twins:
    """The same calendar behind CalDAV and behind an ``.ics`` file, in two workspaces."""

    def __init__(
        self,
        root: Path,
        server: Radicale,
        capsys: pytest.CaptureFixture[str],
        url: str | None = None,
        extra: str = "",
    ) -> None:
        n = next(_names)
        self.capsys = capsys
        self.work, self.followups = f"Work {n}", f"Follow-ups {n}"
        self.hands = CalDAVSession(server.url, USER, lambda: PASSWORD)
        self.cal: Collection = self.hands.make_calendar(self.work)
        self.hrefs: dict[str, str] = {}
        for uid, text in resources(EXAMPLE_CALENDAR.read_bytes()).items():
            self.user_puts(uid, text)
        self.dav = root / "dav"
        self.ics = root / "ics"
        for d in (self.dav, self.ics):
            d.mkdir()
        (self.ics / "calendar.ics").write_bytes(EXAMPLE_CALENDAR.read_bytes())
        (self.ics / "config.toml").write_text(BASE_CONFIG)
        (self.dav / "config.toml").write_text(
            BASE_CONFIG.replace(
                '[source]\ntype = "ics"\npath = "calendar.ics"',
                f'[source]\ntype = "caldav"\ncalendars = ["{self.work}"]',
            ).replace(
                '[reminders]\ntype = "ics"\npath = "reminders.ics"',
                f'[reminders]\ntype = "caldav"\ncalendar = "{self.followups}"',
            )
            + f'\n[caldav]\nurl = "{url or server.url}"\nusername = "{USER}"\n{extra}'
        )

    def run(self, which: Path, *args: str) -> Result:
        return run_cli(which / "config.toml", self.capsys, *args)

    def sync(self, which: Path, now: str) -> Result:
        res = self.run(which, "sync", "--now", now)
        assert res.code == 0, res.err
        return res

    def user_puts(self, uid: str, text: str) -> None:
        href = self.hrefs.setdefault(uid, f"{len(self.hrefs):03d}.ics")
        done = self.hands.request(
            "PUT", urljoin(self.cal.url, href), "the user", text, {"Content-Type": "text/calendar"}
        )
        assert done.status in (200, 201, 204)

    def user_changes(self, uid: str, **props: Any) -> None:
        """The user edits the event ``uid`` in both calendars alike."""
        ics = icalendar.Calendar.from_ical((self.ics / "calendar.ics").read_bytes())
        for ev in ics.walk("VEVENT"):
            if str(ev["uid"]) == uid:
                for name, value in props.items():
                    ev.pop(name, None)
                    ev.add(name, value)
        (self.ics / "calendar.ics").write_bytes(ics.to_ical())
        self.user_puts(uid, resources(ics.to_ical())[uid])

    def dav_reminders(self) -> dict[str, Any]:
        """Summary -> VEVENT of every reminder in the follow-ups calendar (none twice)."""
        found = self.hands.find(self.followups)
        assert found is not None
        out: dict[str, Any] = {}
        for res in self.hands.query(found.url, None, None).values():
            for ev in icalendar.Calendar.from_ical(res.text).walk("VEVENT"):
                key = str(ev["X-INTERVIEW-FOLLOWUP-KEY"])
                assert key not in out, "a reminder written twice"
                out[key] = ev
        return out

    def ics_reminders(self) -> dict[str, Any]:
        path = self.ics / "reminders.ics"
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        return {str(ev["X-INTERVIEW-FOLLOWUP-KEY"]): ev for ev in cal.walk("VEVENT")}

    @staticmethod
    def shape(reminders: dict[str, Any]) -> list[tuple[str, str, str]]:
        return sorted(
            (str(ev["summary"]), ev.decoded("dtstart").isoformat(), str(ev.get("rrule", "")))
            for ev in reminders.values()
        )

    @staticmethod
    def drafts(root: Path) -> list[tuple[str, str, str]]:
        out = []
        for file in sorted((root / "drafts").glob("*/*")):
            msg = email.message_from_bytes(file.read_bytes(), policy=policy.default)
            out.append((str(msg["To"]), str(msg["Subject"]), msg.get_content()))
        return sorted(out)


@pytest.fixture
def twins(
    tmp_path: Path, server: Radicale, ring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> Twins:
    ring.set_password(secrets.SERVICE_NAME, secrets.keyring_user("caldav", USER), PASSWORD)
    return Twins(tmp_path, server, capsys)


def _plan(twins: Twins, which: Path, now: str, source_id: str) -> Any:
    res = twins.run(which, "plan", "--json", "--now", now)
    assert res.code == 0, res.err
    doc = json.loads(res.out.replace(f'"{source_id}/', '"SOURCE/'))
    doc["skipped"].sort(key=lambda s: s["id"])  # in the order the source lists them
    return doc


def test_the_example_gives_the_same_plan_reminders_and_drafts(twins: Twins) -> None:
    for now in (BEFORE, "2026-12-02T09:00:00-05:00"):
        assert _plan(twins, twins.dav, now, f"caldav:{twins.work}") == _plan(
            twins, twins.ics, now, "ics:calendar.ics"
        )
    for now in (BEFORE, "2026-12-01T16:00:00-05:00", "2026-12-04T12:00:00-05:00"):
        dav, ics = twins.sync(twins.dav, now), twins.sync(twins.ics, now)
        assert dav.out == ics.out
    assert twins.shape(twins.dav_reminders()) == twins.shape(twins.ics_reminders())
    assert len(twins.dav_reminders()) > 20
    assert twins.drafts(twins.dav) == twins.drafts(twins.ics) != []
    again = twins.sync(twins.dav, "2026-12-04T12:00:00-05:00")
    assert "wrote: 0 reminders created, 0 moved, 0 removed; 0 drafts created" in again.out


def test_a_moved_interview_moves_its_reminders_but_not_the_edited_one(twins: Twins) -> None:
    twins.sync(twins.dav, BEFORE)
    twins.sync(twins.ics, BEFORE)
    globex = {k: ev for k, ev in twins.dav_reminders().items() if "Globex" in str(ev["summary"])}
    key, edited = next(iter(globex.items()))
    found = twins.hands.find(twins.followups)
    assert found is not None
    for href, res in twins.hands.query(found.url, None, None).items():
        if key in res.text:
            twins.hands.request(
                "PUT",
                urljoin(found.url, href),
                "the user",
                res.text.replace(str(edited["summary"]), "my own words"),
                {"Content-Type": "text/calendar"},
            )
    ny = ZoneInfo("America/New_York")
    twins.user_changes(
        "globex-final@example.com",
        dtstart=datetime(2026, 12, 10, 17, tzinfo=ny),
        dtend=datetime(2026, 12, 10, 19, 30, tzinfo=ny),
    )
    res = twins.sync(twins.dav, BEFORE)
    assert "1 changes by you noticed" in res.out
    assert "moved" in res.out and " 0 moved" not in res.out
    assert str(twins.dav_reminders()[key]["summary"]) == "my own words"
    ics = twins.sync(twins.ics, BEFORE)
    moved = {line for line in res.out.splitlines() if line.startswith("move ")}
    twin = {line for line in ics.out.splitlines() if line.startswith("move ")}
    assert moved < twin and len(twin - moved) == 1  # the twin's copy was not edited


def test_a_cancelled_interview_removes_its_future_reminders(twins: Twins) -> None:
    twins.sync(twins.dav, BEFORE)
    before = twins.dav_reminders()
    twins.user_changes("globex-final@example.com", status="CANCELLED")
    res = twins.sync(twins.dav, BEFORE)
    left = twins.dav_reminders()
    assert not [ev for ev in left.values() if "Globex" in str(ev["summary"])]
    assert len(left) < len(before)
    assert "removed" in res.out


def test_auth_caldav_stores_the_password_and_a_wrong_one_is_exit_4(
    twins: Twins, ring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    ring.data.clear()
    res = twins.run(twins.dav, "plan", "--now", BEFORE)
    assert res.code == 4 and "auth caldav" in res.err
    monkeypatch.setattr("sys.stdin", io.StringIO("not it\n"))
    res = twins.run(twins.dav, "auth", "caldav", "--password-stdin")
    assert res.code == 4 and "nothing stored" in res.err
    assert "not it" not in res.out + res.err
    assert ring.data == {}
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    res = twins.run(twins.dav, "auth", "caldav", "--password-stdin")
    assert res.code == 0, res.err
    assert "the server accepted it" in res.out and PASSWORD not in res.out
    assert ring.get_password("interview-followup", f"caldav:{USER}") == PASSWORD
    assert twins.run(twins.dav, "plan", "--now", BEFORE).code == 0


def test_a_password_command_instead_of_the_keyring(twins: Twins, ring: MemoryKeyring) -> None:
    ring.data.clear()
    config = twins.dav / "config.toml"
    config.write_text(
        config.read_text() + f'password_command = ["printf", "%s\\\\n", "{PASSWORD}"]\n'
    )
    assert twins.run(twins.dav, "plan", "--now", BEFORE).code == 0
    config.write_text(config.read_text().replace('"printf"', '"false"'))
    res = twins.run(twins.dav, "plan", "--now", BEFORE)
    assert res.code == 4 and "password_command failed" in res.err


def test_doctor_signs_in_and_lists_the_calendars(twins: Twins) -> None:
    twins.sync(twins.dav, BEFORE)
    res = twins.run(twins.dav, "doctor", "--now", BEFORE)
    line = next(x for x in res.out.splitlines() if x.split()[1:2] == ["caldav:"])
    assert line.startswith("ok") and f"signed in as {USER}" in line
    assert twins.work in line and twins.followups in line


def test_plain_http_is_refused_for_a_remote_server(twins: Twins) -> None:
    config = twins.dav / "config.toml"
    text = config.read_text()
    start = text.index('url = "') + len('url = "')
    end = text.index('"', start)
    config.write_text(text[:start] + "http://caldav.example.com/" + text[end:])
    res = twins.run(twins.dav, "plan", "--now", BEFORE)
    assert res.code == 2 and "[caldav] url: must be https://" in res.err


def test_an_idle_poll_of_the_daemon_is_one_request_per_calendar(
    twins: Twins, server: Radicale
) -> None:
    """The daemon keeps its adapters: a poll where nothing changed asks the source calendar
    what changed (one sync-collection REPORT) and the reminders calendar for its sync token
    (one PROPFIND), and writes nothing."""
    from daemon import cli, config
    from daemon.scheduler import Engine
    from daemon.state import StateStore

    settings = config.load(twins.dav / "config.toml")
    engine = Engine(settings, lambda s: StateStore(s.state_path), cli._adapters)
    t = datetime.fromisoformat(BEFORE)
    assert engine.cycle(t).ok
    seen = len(server.requests())
    assert engine.cycle(t).ok
    idle = server.requests()[seen:]
    assert sorted(m for m, _ in idle) == ["PROPFIND", "REPORT"], idle
    assert len({path for _, path in idle}) == 2  # one each, to two calendars
