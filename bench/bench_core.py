"""Speed and memory of the embedded default, measured against its floor in one run.

usage: python bench/bench_core.py [--events 10000] [--interviews 200] [--repeat 5]

1. ``plan`` on a generated calendar vs ``icalendar.Calendar.from_ical`` alone on the same
   bytes (the naive approach is 1.0x; the target is <= 0.2x). Best of N for both, same run.
2. A second ``sync`` on an unchanged calendar: how many times icalendar parsed anything,
   and the cycle's wall time (target: no parsing, < 0.1 s).
3. Peak resident memory of the ``plan`` command as a separate process (target < 200 MB).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CONFIG = """\
[user]
name = "Bench User"
email = "me@example.com"
timezone = "America/New_York"
holiday_country = "US"

[source]
type = "ics"
path = "calendar.ics"

[reminders]
type = "ics"
path = "reminders.ics"

[drafts]
type = "maildir"
path = "drafts"

[state]
path = "state.sqlite3"
"""


def best(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return min(times)


def peak_rss_mb(work: Path, now: datetime) -> float:
    """Peak RSS of the real ``plan --json`` process on a cold state (nothing cached)."""
    import os

    cold = work / "cold.toml"
    cold.write_text(CONFIG.replace("state.sqlite3", "cold.sqlite3"))
    exe = Path(sys.executable).with_name("interview-followup")
    args = [str(exe), "--config", str(cold), "plan", "--json", "--now", now.isoformat()]
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(args, stdout=null, stderr=null)
        _, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return usage.ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--interviews", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    import icalendar

    from daemon import config, service
    from daemon.state import StateStore
    from integrations import registry

    work = Path(tempfile.mkdtemp(prefix="ifu-bench-"))
    cal = work / "calendar.ics"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "gen_calendar.py"),
            str(cal),
            "--events",
            str(args.events),
            "--interviews",
            str(args.interviews),
            "--seed",
            "1",
        ],
        check=True,
    )
    (work / "config.toml").write_text(CONFIG)
    settings = config.load(work / "config.toml")
    data = cal.read_bytes()
    now = datetime.fromisoformat("2026-11-22T09:00:00-05:00")

    # First, while this process is small: Linux carries a parent's peak RSS into a forked
    # child's ru_maxrss, so measuring after the big parse below would report ours.
    peak_mb = peak_rss_mb(work, now)
    floor = best(lambda: icalendar.Calendar.from_ical(data), args.repeat)

    def plan_once() -> None:
        store = StateStore(work / "none.sqlite3", readonly=True)  # no cache: a full read
        ev = service.evaluate(settings, store, registry.make_source(settings), now)
        assert len(ev.plans) >= args.interviews * 0.9, len(ev.plans)

    ours = best(plan_once, args.repeat)

    # second sync on an unchanged file
    store = StateStore(settings.state_path)
    adapters = service.Adapters(
        registry.make_source(settings),
        registry.make_reminders(settings),
        registry.make_drafts(settings),
    )
    service.run_cycle(settings, store, adapters, now, dry_run=False)
    parses = {"n": 0}
    real = icalendar.Calendar.from_ical

    def counting(*a: object, **k: object) -> object:
        parses["n"] += 1
        return real(*a, **k)  # type: ignore[arg-type]

    icalendar.Calendar.from_ical = counting  # type: ignore[method-assign]
    t0 = time.perf_counter()
    _, rep = service.run_cycle(settings, store, adapters, now, dry_run=False)
    second = time.perf_counter() - t0
    icalendar.Calendar.from_ical = real  # type: ignore[method-assign]

    size_mb = len(data) / 1e6
    print(f"calendar: {args.events} events, {args.interviews} interviews, {size_mb:.1f} MB")
    print(f"icalendar.Calendar.from_ical alone: {floor * 1000:.0f} ms (best of {args.repeat})")
    print(f"plan (read + detect + plan):        {ours * 1000:.0f} ms (best of {args.repeat})")
    print(f"ratio plan / from_ical:             {ours / floor:.3f}  (target <= 0.2)")
    print(
        f"second sync, unchanged: {second * 1000:.1f} ms, icalendar parses: {parses['n']},"
        f" {rep.summary()}  (target: 0 parses, < 100 ms)"
    )
    print(f"peak RSS of `plan --json` process:  {peak_mb:.0f} MB  (target < 200 MB)")


if __name__ == "__main__":
    main()
