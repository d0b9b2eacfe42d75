"""Idle cost and punctuality of the daemon (`interview-followup run`), as a real process.

usage: python bench/bench_daemon.py [--idle 20] [--runs 5]

1. Idle CPU: after READY=1, the CPU time (utime + stime from /proc/<pid>/stat) the daemon
   uses over ``--idle`` seconds, with systemd's watchdog on as the unit sets it
   (WatchdogSec=2min: a ping every 60 s). Target: close to zero (no busy loop).
2. Idle RSS: VmRSS from /proc/<pid>/status after the idle period. Target: < 80 MB.
3. Stop: seconds from SIGTERM to the process's exit (code 0), when idle. Target: < 1 s.
4. Due-to-draft delay: a calendar whose interview ended a moment ago, with
   ``thank_you_delay_minutes = 1``, so the thank-you is due a few seconds after the
   daemon is ready; the delay is real wall-clock time from the due instant to the draft
   files being in the Maildir. Target: < 2 s. Repeated ``--runs`` times.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench_core import CONFIG  # run as a script: bench/ is on sys.path

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).with_name("interview-followup")

PUNCTUAL = """
[timeline]
thank_you_delay_minutes = 1
thank_you_earliest = "00:00"
thank_you_latest = "23:59"
"""


class Notify:
    """The datagram socket systemd would bind for a Type=notify unit."""

    def __init__(self) -> None:
        self.name = f"ifu-bench-{uuid.uuid4().hex[:8]}"
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(b"\0" + self.name.encode())

    def wait_ready(self, timeout: float = 60) -> None:
        self.sock.settimeout(timeout)
        while b"READY=1" not in self.sock.recv(4096):
            pass


def start(
    work: Path, extra_env: dict[str, str], now: str | None = None
) -> tuple[subprocess.Popen[bytes], Notify]:
    notify = Notify()
    env = {**os.environ, "NOTIFY_SOCKET": "@" + notify.name, **extra_env}
    env.pop("INTERVIEW_FOLLOWUP_NOW", None)
    args = [str(EXE), "--config", str(work / "config.toml"), "run"]
    if now:
        args += ["--now", now]
    log = (work / "daemon.log").open("ab")
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=log, env=env)
    return proc, notify


def stop(proc: subprocess.Popen[bytes]) -> float:
    """SIGTERM; seconds until the process is gone (exit 0 required)."""
    started = time.monotonic()
    proc.terminate()
    if proc.wait(60) != 0:
        raise SystemExit(f"daemon exited {proc.returncode}")
    return time.monotonic() - started


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def idle(seconds: float) -> tuple[float, float, float, float]:
    """(CPU seconds over the idle period, its share of one core in %, RSS in MB, seconds
    from SIGTERM to exit)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "config.toml").write_text(CONFIG)
        (work / "calendar.ics").write_bytes((ROOT / "examples" / "calendar.ics").read_bytes())
        # 30 Nov noon: the example's first action is 25 hours away.
        proc, notify = start(work, {"WATCHDOG_USEC": "120000000"}, now="2026-11-30T12:00:00-05:00")
        try:
            notify.wait_ready()
            time.sleep(1)  # let the first cycle's garbage settle
            before = cpu_seconds(proc.pid)
            time.sleep(seconds)
            used = cpu_seconds(proc.pid) - before
            rss = rss_mb(proc.pid)
        finally:
            stopped = stop(proc)
    return used, 100 * used / seconds, rss, stopped


def calendar_ending(end: datetime) -> str:
    start = end - timedelta(hours=1)
    fmt = "%Y%m%dT%H%M%SZ"
    return "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//interview-followup//bench//EN",
            "BEGIN:VEVENT",
            "UID:bench-latency@example.com",
            "DTSTAMP:20260101T000000Z",
            f"DTSTART:{start.strftime(fmt)}",
            f"DTEND:{end.strftime(fmt)}",
            "SUMMARY:Interview with Acme - Senior Developer",
            "ORGANIZER;CN=Sam Recruiter:mailto:sam@acme.com",
            "ATTENDEE;CN=Jane Doe;PARTSTAT=ACCEPTED:mailto:jane@acme.com",
            "ATTENDEE;CN=Raj Patel;PARTSTAT=ACCEPTED:mailto:raj@acme.com",
            "ATTENDEE;CN=Bench User;PARTSTAT=ACCEPTED:mailto:me@example.com",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )


def drafts(work: Path) -> int:
    cur = work / "drafts" / "cur"
    return len(os.listdir(cur)) if cur.exists() else 0


def latency_once(lead: float) -> float:
    """Seconds from the thank-you's due instant to both drafts being in the Maildir."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "config.toml").write_text(CONFIG + PUNCTUAL)
        due = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=lead)
        (work / "calendar.ics").write_text(calendar_ending(due - timedelta(minutes=1)))
        proc, notify = start(work, {})
        try:
            notify.wait_ready()
            if drafts(work):
                raise SystemExit("the draft was made before its due time")
            while drafts(work) < 2:
                if time.time() > due.timestamp() + 30:
                    raise SystemExit("no draft 30 s after its due time")
                time.sleep(0.001)
            return time.time() - due.timestamp()
        finally:
            stop(proc)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--idle", type=float, default=20.0, help="idle seconds to measure")
    ap.add_argument("--runs", type=int, default=5, help="due-to-draft measurements")
    args = ap.parse_args()

    used, share, rss, stopped = idle(args.idle)
    print(f"idle CPU over {args.idle:g} s: {used:.3f} s ({share:.3f}% of one core)")
    print(f"idle RSS: {rss:.1f} MB")
    print(f"SIGTERM -> exit 0 when idle: {stopped:.3f} s")
    delays = [latency_once(lead=4.0) for _ in range(args.runs)]
    print(
        f"due -> draft delay over {args.runs} runs: median {statistics.median(delays):.3f} s,"
        f" max {max(delays):.3f} s"
    )


if __name__ == "__main__":
    main()
