"""Crash safety on every backend: ``kill -9`` of a real ``interview-followup sync`` or
daemon (``run``) in the middle of its writes, then a restart, loses nothing and writes
nothing twice.

For each backend combination (tests/backend_spaces.py: ``files``, ``google`` against the
fake, ``dav`` against a real Radicale and a real Dovecot) a workspace gets ten interviews
(60 reminders, 40 drafts over four weeks) and goes through three moments. At each
moment ``sync`` or the daemon (seeded, half each) runs as a process of its own and is
SIGKILLed again and again (seeded: some kills at a random time into the run, most right
after the backend took a random number of new writes, counted where they land: draft
files, the fake's inserts, the servers' own storage; that is the window between a write
and its record), then one run goes to the end. After each moment the reminders and drafts
must be exactly those the ``.ics``/Maildir twin, never killed, has; at the end the state
store must be intact and agree with what the backend holds, and one more sync must write
nothing.

Google's own crash test (tests/test_crash_google.py) kills the daemon inside its batches
and counts every insert; this one is the scenario every backend shares.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.backend_spaces import KINDS, QUIET, FilesSpace, Space, open_space
from tests.daemon_support import EXE, Daemon, NotifySocket, big_calendar

SEED = 20261210
INTERVIEWS = 10
KILLS_PER_MOMENT = 4
MOMENTS = (
    "2026-12-02T20:07:30-05:00",  # every reminder still to come (60), the thank-yous (20)
    "2026-12-11T12:07:30-05:00",  # first check-ins (10)
    "2026-12-28T12:07:30-05:00",  # second check-ins (10)
)
FINISH_WITHIN = 300.0  # a whole sync on a busy machine: generous


@dataclass
class Tally:
    kills: int = 0
    progressed: int = 0  # the killed run had written something
    unrecorded: int = 0  # this kill left something it wrote not yet recorded
    daemons: int = 0  # kills of `run` (the rest were of `sync`)
    by_writes: int = 0
    by_time: int = 0


class Sync:
    """``interview-followup sync --now`` as a process of its own, its output in a file."""

    def __init__(self, space: Space, moment: str) -> None:
        self.log = space.root / f"sync-{time.monotonic_ns()}.log"
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [str(EXE), "--config", str(space.config), "sync", "--now", moment],
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, **space.env()},
            )

    def running(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.running():
            self.proc.kill()
        self.proc.wait(60)

    def finish(self) -> str:
        code = self.proc.wait(FINISH_WITHIN)
        text = self.log.read_text()
        assert code == 0, text
        return text


class Run:
    """The daemon (``interview-followup run --now``) in its first cycle: killed in it, or
    stopped cleanly once it said READY."""

    def __init__(self, space: Space, moment: str) -> None:
        self.sock = NotifySocket()
        self.daemon = Daemon(space.config, moment, self.sock, env=space.env())

    def running(self) -> bool:
        return self.daemon.proc.poll() is None and not self.sock.seen("READY")

    def kill(self) -> None:
        self.daemon.kill()
        self.sock.close()

    def finish(self) -> str:
        if not self.sock.seen("READY"):
            self.sock.wait_for("READY", FINISH_WITHIN)
        assert self.daemon.stop() == 0, self.daemon.log()
        self.sock.close()
        return self.daemon.log()


def _rows(space: Space, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(space.root / "state.sqlite3") as db:
        return [tuple(r) for r in db.execute(sql).fetchall()]


def _recorded(space: Space) -> set[str]:
    if not (space.root / "state.sqlite3").exists():
        return set()
    return {r[0] for r in _rows(space, "SELECT key FROM outputs")}


def _present(space: Space) -> set[str]:
    return set(space.reminders()) | set(space.drafts())


def _to_write(space: Space, twin: Space) -> int:
    """Writes still to come at this moment, as ``space.written()`` counts them."""
    drafts = len(twin.drafts()) - len(space.drafts())
    if isinstance(space, FilesSpace):
        return drafts  # the reminders file is one write, whatever it holds
    return drafts + len(twin.reminders()) - len(space.reminders())


def _kill_once(
    space: Space, moment: str, rng: random.Random, budget: float, remaining: int, t: Tally
) -> bool:
    """One run killed at a random point; False if it finished first. Three kills in ten
    land at a random time into the run (reading, planning, the store); the rest right after
    a random number of new writes, short of the ``remaining`` a finished run makes."""
    before = space.written()
    present = _present(space)
    left = present - _recorded(space)  # unrecorded outputs an earlier kill left
    run: Sync | Run = Sync(space, moment) if rng.random() < 0.5 else Run(space, moment)
    try:
        if remaining < 2 or rng.random() < 0.3:
            t.by_time += 1
            deadline = time.monotonic() + rng.uniform(0, budget)
            while run.running() and time.monotonic() < deadline:
                time.sleep(0.005)
        else:
            t.by_writes += 1
            target = before + rng.randint(1, min(8, remaining - 1))
            deadline = time.monotonic() + FINISH_WITHIN
            while run.running() and space.written() < target and time.monotonic() < deadline:
                time.sleep(0.001)
        if not run.running():
            run.finish()  # it was done: nothing was interrupted
            return False
    finally:
        run.kill()
    t.kills += 1
    t.daemons += isinstance(run, Run)
    now_present = _present(space)
    t.progressed += len(now_present) > len(present)
    t.unrecorded += bool(now_present - _recorded(space) - left)
    return True


@pytest.fixture(params=KINDS)
def pair(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Space, Space]]:
    calendar = big_calendar(INTERVIEWS).encode()
    twin = FilesSpace(tmp_path / "twin", request.getfixturevalue("capsys"), calendar)
    with open_space(request.param, tmp_path / request.param, request, calendar) as space:
        yield space, twin


def test_sigkill_mid_sync_then_a_restart_ends_exact_with_nothing_twice(
    pair: tuple[Space, Space],
) -> None:
    space, twin = pair
    rng = random.Random(SEED)
    tally = Tally()
    budget = 5.0
    for i, moment in enumerate(MOMENTS):
        twin.sync(moment)
        for _ in range(KILLS_PER_MOMENT):
            if not _kill_once(space, moment, rng, budget, _to_write(space, twin), tally):
                break
        started = time.monotonic()
        (Sync if i % 2 == 0 else Run)(space, moment).finish()
        budget = time.monotonic() - started
        # exactly what the never-killed twin has: each once (the readers fail on a key
        # present twice), none lost
        assert sorted(space.reminders().values()) == sorted(twin.reminders().values())
        assert sorted(space.drafts().values()) == sorted(twin.drafts().values())

    with space.capsys.disabled():
        print(f"\n{space.kind} crash test: {tally}")
    assert tally.kills >= 6  # of 12 tries: a run that finished first ends its moment's tries
    assert tally.progressed >= 3  # the kills did land in the middle of writing
    assert tally.unrecorded >= 1  # and between a write and its record
    assert len(space.reminders()) == 6 * INTERVIEWS and len(space.drafts()) == 4 * INTERVIEWS

    # ...and nothing was made twice and tidied away afterwards
    assert space.made() in (None, len(space.reminders()) + len(space.drafts()))

    # the state store is intact and agrees with the backend
    assert _rows(space, "PRAGMA integrity_check") == [("ok",)]
    assert _live(space, "calendar") == set(space.reminders())
    assert _live(space, "draft") == set(space.drafts())
    states = "SELECT type, state FROM actions ORDER BY interview_id, type"
    assert _rows(space, states) == _rows(twin, states)
    assert QUIET in space.sync(MOMENTS[-1]).out


def _live(space: Space, kind: str) -> set[str]:
    """Keys the state store holds as written and not removed."""
    sql = f"SELECT key FROM outputs WHERE status='live' AND kind='{kind}'"
    return {r[0] for r in _rows(space, sql)}
