"""Crash safety on the Google path: ``kill -9`` at random points of cycles that write
hundreds of reminders (batched Calendar inserts) and Gmail drafts loses nothing and
duplicates nothing.

The same plan as test_crash.py, against the fake Google (tests/fakes/google_server.py)
instead of files. Two fakes get the same primary calendar (30 interviews, each with a
recruiter who organises and two interviewers: 210 reminders and 180 drafts over five
weeks), each with its own workspace, and go through the same six moments. The clean one
runs the daemon to READY and stops it. The crash one starts the daemon at each moment and
SIGKILLs it during its first cycle, again and again (seeded: half the kills at a random
time into the cycle, half right after the fake took a random number of new inserts, the
window between a write and its record; a kill can land in the middle of a batch), then
lets one run finish. The fakes live in this process and outlast every daemon; the token
is in a keyring file the daemon processes share (tests/fakes/file_keyring.py). At the end
both must hold the same outputs, each exactly once, and the crash workspace's state store
must be intact and agree with what is in Google.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from integrations.google import auth
from integrations.google.calendar import KEY_PROPERTY, event_id
from tests.daemon_support import Daemon, NotifySocket, first_cycle
from tests.fakes.file_keyring import ENV as KEYRING_ENV
from tests.fakes.file_keyring import FileKeyring
from tests.fakes.google_server import FakeGoogle, loopback_only
from tests.test_google_cli import ACCOUNT, CONFIG, FOLLOWUPS

REPO = Path(__file__).resolve().parents[1]
SEED = 20261202
KILLS_PER_MOMENT = 6
# Each moment has outputs due (and none due within minutes of it, so a daemon whose clock
# starts there and runs a few seconds decides exactly what the clean run decides). The
# figures: (reminders, drafts) in Google once the moment's cycle is done.
MOMENTS = {
    "2026-12-02T20:07:30-05:00": (210, 60),  # every reminder; thank-yous of 1 and 2 Dec
    "2026-12-04T09:07:30-05:00": (210, 90),  # thank-yous of 3 Dec (30)
    "2026-12-11T12:07:30-05:00": (210, 100),  # first check-ins (10)
    "2026-12-14T12:07:30-05:00": (210, 120),  # first check-ins (20)
    "2026-12-28T12:07:30-05:00": (210, 150),  # second check-ins (30)
    "2027-01-04T12:07:30-05:00": (210, 180),  # final follow-ups (30)
}
_INSERT = re.compile(rf"^/(calendar/v3/calendars/{FOLLOWUPS}/events|gmail/v1/users/[^/]+/drafts)$")

_WROTE = re.compile(
    r"wrote: (?P<reminders>\d+) reminders created, .*; (?P<drafts>\d+) drafts created"
)


def _person(mail: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"email": mail, "displayName": name, "responseStatus": "accepted", **extra}


def big_google_calendar(interviews: int) -> list[dict[str, Any]]:
    """``big_calendar`` as Google events: distinct companies, ten a day from 1 Dec 2026 at
    quarter-hours; the recruiter organises (and is listed, as Google lists organisers), two
    interviewers and the user attend. Each yields seven reminders and six drafts here."""
    out = []
    for i in range(interviews):
        day, slot = 1 + i // 10, i % 10
        hour, minute = 9 + (slot * 45) // 60, (slot * 45) % 60
        company, domain = f"Company{i:02d}", f"company{i:02d}.example"
        start = f"2026-12-{day:02d}T{hour:02d}:{minute:02d}:00-05:00"
        end = f"2026-12-{day:02d}T{hour + 1:02d}:{minute:02d}:00-05:00"
        recruiter = _person(f"rita@{domain}", f"Rita Recruiter{i:02d}")
        out.append(
            {
                "id": f"big{i:03d}",
                "iCalUID": f"big-{i:03d}@example.com",
                "summary": f"Interview with {company} - Engineer",
                "start": {"dateTime": start, "timeZone": "America/New_York"},
                "end": {"dateTime": end, "timeZone": "America/New_York"},
                "organizer": {"email": recruiter["email"], "displayName": recruiter["displayName"]},
                "attendees": [
                    {**recruiter, "organizer": True},
                    _person(f"ann@{domain}", f"Ann Lead{i:02d}"),
                    _person(f"bob@{domain}", f"Bob Peer{i:02d}"),
                    _person(ACCOUNT, "Alex Candidate", self=True),
                ],
            }
        )
    return out


@dataclass
class Space:
    """One fake Google and the workspace of the daemons that talk to it."""

    root: Path
    fake: FakeGoogle

    @property
    def config(self) -> Path:
        return self.root / "config.toml"

    @property
    def env(self) -> dict[str, str]:
        return {
            "PYTHON_KEYRING_BACKEND": "tests.fakes.file_keyring.FileKeyring",
            "PYTHONPATH": str(REPO),
            KEYRING_ENV: str(self.root / "keyring.json"),
        }

    def reminders(self) -> list[dict[str, Any]]:
        return self.fake.events(FOLLOWUPS)

    def reminder_keys(self) -> list[str]:
        return [e["extendedProperties"]["private"][KEY_PROPERTY] for e in self.reminders()]

    def drafts(self) -> list[tuple[str, str]]:
        """(key, draft id) of every draft in the mailbox."""
        return [
            (d["headers"].get("x-interview-followup-key", ""), d["id"]) for d in self.fake.drafts()
        ]

    def present(self) -> set[str]:
        """The keys of every reminder and draft in Google."""
        return {k for k, _ in self.drafts()} | set(self.reminder_keys())

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.root / "state.sqlite3") as db:
            return [tuple(r) for r in db.execute(sql).fetchall()]

    def live(self, kind: str) -> dict[str, str | None]:
        sql = f"SELECT key, ref FROM outputs WHERE status='live' AND kind='{kind}'"
        return {key: ref for key, ref in self.rows(sql)}

    def unrecorded(self) -> set[str]:
        """Keys in Google that the state store has no row for."""
        if not (self.root / "state.sqlite3").exists():
            return self.present()
        return self.present() - {r[0] for r in self.rows("SELECT key FROM outputs")}

    def inserts(self) -> Counter[tuple[str, int]]:
        """Every reminder insert and draft create the fake answered, by (path, status)."""
        return Counter(
            (c.path, c.status)
            for c in list(self.fake.calls)
            if c.method == "POST" and _INSERT.match(c.path)
        )


class InsertWatch:
    """Counts the inserts the fake has taken since it was made, cheaply enough to poll
    while the daemon writes: the fake appends every call (each batch part as it is done)
    to ``calls`` and the watcher reads only what is new."""

    def __init__(self, fake: FakeGoogle) -> None:
        self.fake = fake
        self.seen = len(fake.calls)
        self.by_api: Counter[str] = Counter()

    def poll(self) -> int:
        calls = self.fake.calls
        end = len(calls)
        for c in calls[self.seen : end]:
            if c.method == "POST" and c.status == 200 and (m := _INSERT.match(c.path)):
                self.by_api[m.group(1).split("/")[0]] += 1
        self.seen = end
        return self.by_api.total()


@dataclass
class Tally:
    kills: int = 0
    mid_write: int = 0  # the kill left a reminder or draft it wrote in Google unrecorded
    progressed: int = 0  # the killed run had written something
    by_time: int = 0
    by_inserts: int = 0
    durations: dict[str, float] = field(default_factory=dict)


def _finish(space: Space, moment: str) -> float:
    """A run that completes its first cycle, then a clean stop; the cycle's duration.

    What it says it wrote must be what it wrote: outputs a killed run left unrecorded are
    adopted, neither written again nor counted as created."""
    watch = InsertWatch(space.fake)
    took, log = first_cycle(space.config, moment, space.env)
    assert not re.search(r"^(warning|error):", log, re.M), log
    said = _WROTE.search(log)
    reported = (int(said["reminders"]), int(said["drafts"])) if said else (0, 0)
    watch.poll()
    assert reported == (watch.by_api["calendar"], watch.by_api["gmail"]), log
    return took


def _kill_once(
    space: Space, moment: str, rng: random.Random, budget: float, goal: int, t: Tally
) -> bool:
    """One run killed at a random point of its first cycle; False if it finished first.

    Half the kills land at a random time into the cycle (reading, planning, the snapshots,
    the store); the rest right after the fake took a random number of new inserts, short of
    ``goal``, the outputs a finished cycle leaves."""
    sock = NotifySocket()
    before = space.present()
    remaining = goal - len(before)
    d = Daemon(space.config, moment, sock, env=space.env)
    try:
        watch = InsertWatch(space.fake)
        d.wait_log("info: running; polling every")
        if remaining < 2 or rng.random() < 0.5:
            t.by_time += 1
            time.sleep(rng.uniform(0, budget))
        else:
            t.by_inserts += 1
            target = rng.randint(1, min(8, remaining - 1))
            deadline = time.monotonic() + budget + 5
            while watch.poll() < target and time.monotonic() < deadline:
                time.sleep(0.0002)  # let the fake's threads have the GIL
        d.kill()  # at once: the window after an insert is a millisecond or two
        if sock.seen("READY"):
            return False  # the cycle was over: that kill interrupted nothing
    finally:
        d.kill()
        sock.close()
    t.kills += 1
    t.mid_write += bool(space.unrecorded() - before)  # this run's, not one left before
    t.progressed += len(space.present()) > len(before)
    return True


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Space, Space]]:
    loopback_only(monkeypatch)
    events = big_google_calendar(30)
    with FakeGoogle(account=ACCOUNT, seed=1) as a, FakeGoogle(account=ACCOUNT, seed=2) as b:
        spaces = []
        for name, fake in (("clean", a), ("crash", b)):
            root = tmp_path / name
            root.mkdir()
            fake.add_calendar(FOLLOWUPS)
            fake.seed_events("primary", events)
            ring = FileKeyring(root / "keyring.json")
            ring.set_password(auth.SERVICE_NAME, ACCOUNT, json.dumps(fake.authorized_user_info()))
            (root / "config.toml").write_text(CONFIG.format(root=fake.root))
            spaces.append(Space(root, fake))
        yield spaces[0], spaces[1]


def test_sigkill_at_random_points_on_google_loses_and_duplicates_nothing(
    pair: tuple[Space, Space],
) -> None:
    clean, crash = pair
    rng = random.Random(SEED)
    tally = Tally()
    for moment, (reminders_due, drafts_due) in MOMENTS.items():
        tally.durations[moment] = budget = _finish(clean, moment)
        assert (len(clean.reminders()), len(clean.drafts())) == (reminders_due, drafts_due)
        goal = reminders_due + drafts_due
        for _ in range(KILLS_PER_MOMENT):
            if goal - len(crash.present()) < 2 and tally.kills >= 20:
                break
            if not _kill_once(crash, moment, rng, budget, goal, tally):
                break
        _finish(crash, moment)
        assert sorted(k for k, _ in crash.drafts()) == sorted(k for k, _ in clean.drafts())
        assert sorted(crash.reminder_keys()) == sorted(clean.reminder_keys())

    inserts = crash.inserts()
    print(f"\ngoogle crash test: {tally}\ninserts answered: {dict(inserts)}")
    assert tally.kills >= 20
    assert tally.progressed >= 10  # the kills did land in the middle of writing
    assert tally.mid_write >= 1  # and at least one between a write and its record

    # every due output exists exactly once, and as many as a clean run makes
    drafts, reminders = crash.drafts(), crash.reminder_keys()
    assert [k for k, n in Counter(k for k, _ in drafts).items() if n > 1] == []
    assert [k for k, n in Counter(reminders).items() if n > 1] == []
    assert {k for k, _ in drafts} == {k for k, _ in clean.drafts()}
    assert set(reminders) == set(clean.reminder_keys())
    assert len(drafts) == 180 and len(reminders) == 210
    # ...and none was made twice and tidied away: each draft was created once, each
    # reminder inserted once (a 409 would be a retried insert, harmless but not expected)
    assert inserts[("/gmail/v1/users/me/drafts", 200)] == 180, inserts
    assert inserts[(f"/calendar/v3/calendars/{FOLLOWUPS}/events", 200)] == 210, inserts

    # the state store is intact and agrees with Google
    assert crash.rows("PRAGMA integrity_check") == [("ok",)]
    assert crash.live("draft") == dict(drafts)  # every row's draft id, and no draft unrecorded
    live_reminders = crash.live("calendar")
    assert set(live_reminders) == set(reminders)
    by_id = {e["id"]: e for e in crash.reminders()}
    for key, ref in live_reminders.items():
        assert ref is not None
        found = by_id[event_id(ref)]
        assert found["extendedProperties"]["private"][KEY_PROPERTY] == key
    states = "SELECT interview_id, type, state FROM actions ORDER BY 1, 2"
    assert crash.rows(states) == clean.rows(states)
    cursors = "SELECT key FROM cursors ORDER BY 1"
    # the source calendar's sync token, and the reminders calendar's own
    assert crash.rows(cursors) == clean.rows(cursors) == [
        (f"google-calendar:{FOLLOWUPS}",),
        ("google-calendar:primary",),
    ]
