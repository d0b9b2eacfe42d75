"""Run a command while busy loops keep the cores busy: the tests on a loaded machine.

usage: python bench/under_load.py [--busy N] [--runs 3] [--limit 900] -- COMMAND ...

Starts N busy-loop processes (default: one per core), runs COMMAND ``--runs`` times one
after the other, prints each run's exit code and wall time, then stops the loops. Each loop
also ends by itself after ``--limit`` seconds, so nothing keeps burning if this script is
killed. Example (the README's test command for the daemon, three times):

    .venv/bin/python bench/under_load.py -- .venv/bin/python -m pytest -q tests/test_daemon.py
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

SPIN = "import time\nend = time.monotonic() + {limit}\nwhile time.monotonic() < end: pass\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--busy", type=int, default=os.cpu_count() or 2, help="busy loops")
    ap.add_argument("--runs", type=int, default=3, help="times to run the command")
    ap.add_argument("--limit", type=float, default=900.0, help="seconds a loop lives at most")
    ap.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND ...")
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        ap.error("no command given")
    spin = SPIN.format(limit=args.limit)
    loops = [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(args.busy)]
    codes = []
    try:
        for run in range(1, args.runs + 1):
            started = time.monotonic()
            code = subprocess.run(command, check=False).returncode
            took = time.monotonic() - started
            codes.append(code)
            print(f"run {run}: exit {code} in {took:.1f} s with {args.busy} busy loops", flush=True)
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()
    print(f"{codes.count(0)} of {len(codes)} runs passed")
    return 0 if all(code == 0 for code in codes) else 1


if __name__ == "__main__":
    sys.exit(main())
