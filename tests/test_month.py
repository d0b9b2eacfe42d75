"""A month in a minute: the daemon's decisions driven through five weeks of virtual time.

``Engine`` is the daemon without its clock: the loop below wakes it exactly as the real
service would (the first cycle at start, a poll job on its interval, one date job per
planned due time re-derived from the state store after every cycle, a retry while
degraded), but jumps from one wake-up to the next instead of waiting. Meanwhile the user
moves two interviews, records a reply and a rejection. Every action must fire once, at
its due time (in the first cycle at or after it), and memory must stay flat.
"""

from __future__ import annotations

import bisect
import email
import gc
import pathlib
import sqlite3
import tracemalloc
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from email import policy
from typing import Any

import icalendar

from daemon import cli, config
from daemon.keys import output_key
from daemon.scheduler import Engine
from daemon.state import StateStore
from integrations import registry
from tests.conftest import Workspace

START = datetime.fromisoformat("2026-11-25T08:00:00-05:00")
END = datetime.fromisoformat("2027-01-01T00:00:00-05:00")
POLL = timedelta(minutes=60)
WARM = datetime.fromisoformat("2026-12-02T00:00:00-05:00")  # memory baseline after this
MEMORY_BOUND = 256 * 1024


@dataclass
class FakeClock:
    t: datetime

    def now(self) -> datetime:
        return self.t


def _events(ws: Workspace) -> list[tuple[datetime, Callable[[], None]]]:
    """What the user does during the month, at the moment they do it."""

    def move(old: str, new: str) -> Callable[[], None]:
        return lambda: ws.edit_calendar(old, new)

    def outcome(uid: str, what: str, when: str) -> Callable[[], None]:
        def record() -> None:
            res = ws.run("outcome", uid, what, "--now", when)
            assert res.code == 0, res.err

        return record

    at = datetime.fromisoformat
    return [
        # Initech's phone screen moves from 2 Dec 09:30 to 3 Dec 13:00 (a week ahead).
        (
            at("2026-11-26T12:00:00-05:00"),
            move(
                "DTSTART;TZID=America/New_York:20261202T093000\r\n"
                "DTEND;TZID=America/New_York:20261202T100000",
                "DTSTART;TZID=America/New_York:20261203T130000\r\n"
                "DTEND;TZID=America/New_York:20261203T133000",
            ),
        ),
        # Hooli's screen moves from 4 Dec 10:00 to 4 Dec 15:00, the same morning.
        (
            at("2026-12-04T08:20:00-05:00"),
            move(
                "DTSTART;TZID=America/New_York:20261204T100000\r\n"
                "DTEND;TZID=America/New_York:20261204T110000",
                "DTSTART;TZID=America/New_York:20261204T150000\r\n"
                "DTEND;TZID=America/New_York:20261204T160000",
            ),
        ),
        (
            at("2026-12-05T11:10:00-05:00"),
            outcome("acme-panel-1", "replied", "2026-12-05T11:10:00-05:00"),
        ),
        (
            at("2026-12-10T15:20:00-05:00"),
            outcome("hooli-tech", "rejected", "2026-12-10T15:20:00-05:00"),
        ),
    ]


def _engine(ws: Workspace, clock: FakeClock) -> Engine:
    ws.config.write_text(
        ws.config.read_text() + f"\n[daemon]\npoll_minutes = {POLL.seconds // 60}\n"
    )

    def adapters(settings: Any, store: Any) -> Any:
        real = cli._adapters(settings, store)
        return replace(real, drafts=registry.make_drafts(settings, clock=clock.now))

    return Engine(config.load(ws.config), lambda s: StateStore(s.state_path), adapters)


def _month(ws: Workspace) -> tuple[array[float], int, int]:
    """Run the month; the cycle times (as timestamps) and traced memory at WARM and END."""
    clock = FakeClock(START)
    engine = _engine(ws, clock)
    events = _events(ws)
    cycles: array[float] = array("d")
    next_poll, retry = START, None
    warm_memory = 0
    while True:
        last = clock.t
        dues = engine.due_times(last, limit=1)
        wake = min([next_poll, *dues, *([retry] if retry else [])])
        if wake > END:
            break
        while events and events[0][0] <= wake:
            events.pop(0)[1]()
        if not warm_memory and wake >= WARM:
            warm_memory = _traced()
        clock.t = wake
        outcome = engine.cycle(wake)
        assert outcome.ok, outcome.summary
        cycles.append(wake.timestamp())
        while next_poll <= wake:
            next_poll += POLL
        retry = None if outcome.retry_in is None else wake + timedelta(seconds=outcome.retry_in)
    assert not events, "every user action happened"
    return cycles, warm_memory, _traced()


def _traced() -> int:
    """Bytes allocated by Python code now, leaving out pathlib's calls to ``sys.intern``:
    the interpreter-wide intern table grows in one-off steps (a dict resize) whenever a
    new file name is seen, which is bounded by the files, not by time."""
    gc.collect()
    snap = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, pathlib.__file__)])
    return sum(stat.size for stat in snap.statistics("filename"))


def _first_cycle_at_or_after(cycles: array[float], moment: datetime) -> float:
    i = bisect.bisect_left(cycles, moment.timestamp())
    assert i < len(cycles), f"no cycle after {moment}"
    return cycles[i]


def test_a_month_of_cycles_fires_every_action_once_on_time_with_flat_memory(
    ws: Workspace,
) -> None:
    tracemalloc.start()
    try:
        cycles, warm, end = _month(ws)
    finally:
        tracemalloc.stop()
    print(f"\nmonth: {len(cycles)} cycles; traced memory {warm} -> {end} bytes")
    assert end - warm < MEMORY_BOUND, f"memory grew {end - warm} bytes over the month"
    polls = (END - START) // POLL + 1
    assert polls < len(cycles) < polls + 60  # the date jobs, and no busy loop

    db = sqlite3.connect(ws.root / "state.sqlite3")
    actions = {
        (iid.split("/")[-1].split("@")[0], t): (state, datetime.fromisoformat(due), done_at)
        for iid, t, state, due, done_at in db.execute(
            "SELECT interview_id, type, state, due, done_at FROM actions"
        )
    }
    # Every action done in the month was done in the first cycle at or after its due time,
    # and that cycle was at its due time exactly: a date job woke the daemon for it.
    done = {k: v for k, v in actions.items() if v[0] == "done"}
    assert len(done) >= 25
    late = [k for k, (state, due, _) in actions.items() if state != "done" and due <= END]
    assert all(actions[k][0] == "cancelled" for k in late), late  # none missed or expired
    for key, (_, due, done_at) in done.items():
        at = datetime.fromisoformat(done_at).timestamp()
        assert at == _first_cycle_at_or_after(cycles, due), key
        assert at == due.timestamp(), (key, due, done_at)

    # Every draft exists once, was written at its action's due time, and only for actions
    # that are done.
    drafts = [
        email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in ws.draft_files()
    ]
    keys = Counter(str(m["X-Interview-Followup-Key"]) for m in drafts)
    assert [k for k, n in keys.items() if n > 1] == []
    rows = db.execute(
        "SELECT interview_id, action, due, written_at FROM outputs WHERE kind='draft'"
    ).fetchall()
    assert len(rows) == len(drafts) == len(keys)
    for iid, type_, due, written in rows:
        assert written == due, (iid, type_)
        assert actions[(iid.split("/")[-1].split("@")[0], type_)][0] == "done"

    # What the user did shows: moved thank-yous at their new times, the reply and the
    # rejection cancel the check-ins, the rejection brings its thanks.
    assert actions[("initech-screen", "thank_you")][1].isoformat() == "2026-12-03T14:30:00-05:00"
    assert actions[("hooli-tech", "thank_you")][1].isoformat() == "2026-12-04T17:00:00-05:00"
    for t in ("check_in_1", "check_in_2", "final_follow_up"):
        assert actions[("acme-panel-1", t)][0] == "cancelled"
        assert actions[("hooli-tech", t)][0] == "cancelled"
    assert actions[("hooli-tech", "rejection_thanks")][0] == "done"
    assert actions[("acme-panel-1", "thank_you")][0] == "done"
    assert actions[("globex-final", "check_in_1")][0] == "done"

    # One reminder per action, the moved ones at their new time.
    cal = icalendar.Calendar.from_ical(ws.reminders.read_bytes())
    reminders = Counter(str(e["X-INTERVIEW-FOLLOWUP-KEY"]) for e in cal.walk("VEVENT"))
    assert [k for k, n in reminders.items() if n > 1] == []
    starts = {str(e["X-INTERVIEW-FOLLOWUP-KEY"]): e.decoded("dtstart") for e in cal.walk("VEVENT")}
    initech = next(i for (i,) in db.execute("SELECT id FROM interviews") if "initech" in i)
    moved = starts[output_key(initech, "thank_you", "calendar")]
    assert moved.isoformat() == "2026-12-03T14:30:00-05:00"
