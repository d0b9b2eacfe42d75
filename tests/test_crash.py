"""Crash safety: ``kill -9`` at random points of cycles that write hundreds of outputs loses
nothing and duplicates nothing.

Two workspaces get the same calendar (30 interviews: 210 reminders and 150 drafts over
five weeks) and go through the same six moments. The clean one runs the daemon to READY
and stops it. The crash one starts the daemon at each moment and SIGKILLs it during its
first cycle, again and again (seeded: half the kills at a random time into the cycle,
half right after a random number of new drafts landed, the window between a write and
its record), then lets one run finish. At the end both must hold the same outputs, each
exactly once, and the crash one's state store must be intact and agree with its files.
"""

from __future__ import annotations

import email
import os
import random
import shutil
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from email import policy
from pathlib import Path

import icalendar
import pytest

from tests.conftest import Workspace
from tests.daemon_support import Daemon, NotifySocket, big_calendar, first_cycle

SEED = 20261201
KILLS_PER_MOMENT = 6
# Each moment has outputs due (and none due within minutes of it, so a daemon whose clock
# starts there and runs a few seconds decides exactly what the clean run decides).
MOMENTS = (
    "2026-12-02T20:07:30-05:00",  # every reminder; thank-yous of 1 and 2 Dec (40 drafts)
    "2026-12-04T09:07:30-05:00",  # thank-yous of 3 Dec (20 drafts)
    "2026-12-11T12:07:30-05:00",  # first check-ins (10)
    "2026-12-14T12:07:30-05:00",  # first check-ins (20)
    "2026-12-28T12:07:30-05:00",  # second check-ins (30)
    "2027-01-04T12:07:30-05:00",  # final follow-ups (30)
)


@dataclass
class Tally:
    kills: int = 0
    mid_write: int = 0  # the kill left a draft or reminder written but not yet recorded
    progressed: int = 0  # the killed run had written something
    durations: dict[str, float] = field(default_factory=dict)


def _drafts(ws: Workspace) -> list[tuple[str, str]]:
    """(key, Maildir key) of every message in cur/ and new/."""
    out = []
    for sub in ("cur", "new"):
        for f in sorted((ws.drafts / sub).glob("*")):
            msg = email.message_from_bytes(f.read_bytes(), policy=policy.default)
            out.append((str(msg["X-Interview-Followup-Key"]), f.name.split(":")[0]))
    return out


def _count(ws: Workspace) -> int:
    """Messages in the Maildir, cheaply: the watcher must be faster than the writer."""
    return sum(
        len(os.listdir(ws.drafts / sub)) for sub in ("cur", "new") if (ws.drafts / sub).exists()
    )


def _reminders(ws: Workspace) -> list[str]:
    if not ws.reminders.exists():
        return []
    cal = icalendar.Calendar.from_ical(ws.reminders.read_bytes())
    return [str(ev["X-INTERVIEW-FOLLOWUP-KEY"]) for ev in cal.walk("VEVENT")]


def _rows(ws: Workspace, sql: str) -> list[tuple[str, ...]]:
    with sqlite3.connect(ws.root / "state.sqlite3") as db:
        return [tuple(r) for r in db.execute(sql).fetchall()]


def _live(ws: Workspace, kind: str) -> dict[str, str | None]:
    rows = _rows(ws, f"SELECT key, ref FROM outputs WHERE status='live' AND kind='{kind}'")
    return {key: ref for key, ref in rows}


def _unrecorded(ws: Workspace) -> int:
    recorded = {r[0] for r in _rows(ws, "SELECT key FROM outputs")}
    files = {k for k, _ in _drafts(ws)} | set(_reminders(ws))
    return len(files - recorded)


def _kill_once(
    ws: Workspace, moment: str, rng: random.Random, budget: float, goal: int, t: Tally
) -> bool:
    """One run killed at a random point of its first cycle; False if it finished first.

    Three kills in ten land at a random time into the cycle (reading, planning, the
    reminders file, the store); the rest right after a random number of new drafts
    landed, short of ``goal``, the draft count a finished cycle reaches."""
    sock = NotifySocket()
    before = len(_drafts(ws)) + len(_reminders(ws))
    remaining = goal - len(_drafts(ws))
    d = Daemon(ws.config, moment, sock)
    try:
        d.wait_log("info: running; polling every")
        if remaining < 2 or rng.random() < 0.3:
            time.sleep(rng.uniform(0, budget))
        else:
            target = goal - remaining + rng.randint(1, min(6, remaining - 1))
            deadline = time.monotonic() + budget + 5
            while _count(ws) < target and time.monotonic() < deadline:
                pass
        if sock.seen("READY"):
            assert d.stop() == 0
            return False
        d.kill()
    finally:
        d.kill()
        sock.close()
    t.kills += 1
    t.mid_write += _unrecorded(ws) > 0
    t.progressed += len(_drafts(ws)) + len(_reminders(ws)) > before
    return True


@pytest.fixture
def pair(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Workspace, Workspace]:
    spaces = []
    for name in ("clean", "crash"):
        (tmp_path / name).mkdir()
        ws = Workspace(tmp_path / name, capsys)
        ws.calendar.write_text(big_calendar(30))
        spaces.append(ws)
    return spaces[0], spaces[1]


def test_sigkill_at_random_points_loses_and_duplicates_nothing(
    pair: tuple[Workspace, Workspace],
) -> None:
    clean, crash = pair
    rng = random.Random(SEED)
    tally = Tally()
    for moment in MOMENTS:
        budget, _ = first_cycle(clean.config, moment)
        tally.durations[moment] = budget
        goal = len(_drafts(clean))
        for _ in range(KILLS_PER_MOMENT):
            if goal - len(_drafts(crash)) < 2 and tally.kills >= 20:
                break
            if not _kill_once(crash, moment, rng, budget, goal, tally):
                break
        first_cycle(crash.config, moment)
        assert sorted(k for k, _ in _drafts(crash)) == sorted(k for k, _ in _drafts(clean))

    print(f"\ncrash test: {tally}")
    assert tally.kills >= 20
    assert tally.progressed >= 10  # the kills did land in the middle of writing

    # every due output exists exactly once, and as many as a clean run makes
    drafts, reminders = _drafts(crash), _reminders(crash)
    assert [k for k, n in Counter(k for k, _ in drafts).items() if n > 1] == []
    assert [k for k, n in Counter(reminders).items() if n > 1] == []
    assert {k for k, _ in drafts} == {k for k, _ in _drafts(clean)}
    assert set(reminders) == set(_reminders(clean))
    assert len(drafts) == 150 and len(reminders) == 210

    # the state store is intact and agrees with the files
    assert _rows(crash, "PRAGMA integrity_check") == [("ok",)]
    live_drafts = _live(crash, "draft")
    assert live_drafts == {k: ref for k, ref in drafts}  # every row's file, and no file unrecorded
    assert set(_live(crash, "calendar")) == set(reminders)
    states = "SELECT interview_id, type, state FROM actions ORDER BY 1, 2"
    assert _rows(crash, states) == _rows(clean, states)


def test_outputs_written_but_never_recorded_are_adopted_not_written_again(
    pair: tuple[Workspace, Workspace],
) -> None:
    """The narrowest window, made certain instead of hit by chance: every output is on disk
    and none is in the state store, as after a kill between each write and its record."""
    clean, crash = pair
    moment = MOMENTS[0]
    assert clean.run("sync", "--now", moment).code == 0
    shutil.copy(clean.reminders, crash.reminders)
    shutil.copytree(clean.drafts, crash.drafts)
    files = sorted(_drafts(crash))
    res = crash.run("sync", "--now", moment)
    assert res.code == 0, res.err
    assert "wrote: 0 reminders created" in res.out and "; 0 drafts created" in res.out
    assert sorted(_drafts(crash)) == files  # the same files, none added
    assert sorted(_reminders(crash)) == sorted(_reminders(clean))
    assert _live(crash, "draft") == dict(files)
    assert set(_live(crash, "calendar")) == set(_reminders(crash))
