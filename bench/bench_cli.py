"""Start-up cost of the commands people type, as ratios to a bare ``python -c pass``.

usage: python bench/bench_cli.py [--runs 15] [--instructions]

Each command runs as its own process, the installed console script of this venv, on a
private copy of the example set-up, interleaved with ``python -c pass`` so a busy machine
slows both alike. The figure is the best (minimum) wall time of each, as the floor of what
the machine allows, and the ratio of those minima (targets: ``status`` <= 3, ``plan`` on
the example calendar <= 5). ``plan`` is measured warm (after one ``sync``, the everyday
case) and cold (a fresh state store: the calendar is parsed).

``--instructions`` also counts the instructions each command executes, with valgrind's
callgrind (slow, but the count does not depend on how busy the machine is): the same
ratios, free of the noise of a shared 2-core machine.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-12-03T10:00:00-05:00"


from bench_core import CONFIG  # noqa: E402  (run as a script: bench/ is on sys.path)


def setup(work: Path) -> tuple[Path, Path]:
    """The example calendar; one state store synced once (warm), one left cold."""
    shutil.copy(ROOT / "examples" / "calendar.ics", work / "calendar.ics")
    warm, cold = work / "warm.toml", work / "cold.toml"
    warm.write_text(CONFIG.replace("state.sqlite3", "warm.sqlite3"))
    cold.write_text(CONFIG.replace("state.sqlite3", "cold.sqlite3"))
    return warm, cold


def timed(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def instructions(args: list[str]) -> int:
    """Instructions executed by the command (callgrind's "I refs"), whatever the load."""
    res = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True,
    )
    match = re.search(r"I\s+refs:\s+([\d,]+)", res.stderr)
    assert match, res.stderr[-500:]
    return int(match.group(1).replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--instructions", action="store_true", help="count them with valgrind")
    args = ap.parse_args()
    exe = str(Path(sys.executable).with_name("interview-followup"))
    work = Path(tempfile.mkdtemp(prefix="ifu-bench-cli-"))
    warm, cold = setup(work)
    subprocess.run([exe, "--config", str(warm), "sync", "--now", NOW], check=True,
                   stdout=subprocess.DEVNULL)
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "status": [exe, "--config", str(warm), "status", "--now", NOW],
        "plan (warm)": [exe, "--config", str(warm), "plan", "--now", NOW],
        "plan (cold)": [exe, "--config", str(cold), "plan", "--now", NOW],
        "plan --json (warm)": [exe, "--config", str(warm), "plan", "--json", "--now", NOW],
    }
    for cmd in commands.values():  # compile .pyc files, warm the page cache
        timed(cmd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            times[name].append(timed(cmd))
    floor = min(times["python -c pass"])
    print(f"{args.runs} interleaved runs each; best and median wall time; ratio of the bests")
    for name, values in times.items():
        best, median = min(values), statistics.median(values)
        print(f"{name:22} best {best * 1000:6.1f} ms  median {median * 1000:6.1f} ms"
              f"  ratio {best / floor:5.2f}")
    if args.instructions:
        counts = {name: instructions(cmd) for name, cmd in commands.items()}
        base = counts["python -c pass"]
        print("instructions executed (callgrind), ratio to python -c pass")
        for name, count in counts.items():
            print(f"{name:22} {count / 1e6:8.1f} M  ratio {count / base:5.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
