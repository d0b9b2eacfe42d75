"""Helpers for the daemon tests: a real notify socket, the daemon as a real process.

The daemon is run as the installed console script in a subprocess, because what is
tested is process-level behaviour: signals, exit codes, the lock, systemd's datagrams.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import IO

EXE = Path(sys.executable).with_name("interview-followup")


class NotifySocket:
    """A datagram socket bound where ``$NOTIFY_SOCKET`` points, as systemd's would be.

    Abstract namespace (``@name``) by default: no path length limit, nothing to clean."""

    def __init__(self, path: Path | None = None) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        if path is None:
            name = f"interview-followup-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
            self.sock.bind(b"\0" + name.encode())
            self.address = "@" + name
        else:
            self.sock.bind(str(path))
            self.address = str(path)
        self.received: list[dict[str, str]] = []

    def close(self) -> None:
        self.sock.close()

    def _recv(self, timeout: float) -> dict[str, str] | None:
        self.sock.settimeout(max(timeout, 0.001))
        try:
            data = self.sock.recv(4096)
        except TimeoutError:
            return None
        fields = dict(line.split("=", 1) for line in data.decode().splitlines() if "=" in line)
        self.received.append(fields)
        return fields

    def seen(self, key: str) -> bool:
        """Whether any datagram so far (including those waiting now) carried ``key``."""
        while self._recv(0.0005) is not None:
            pass
        return any(key in fields for fields in self.received)

    def wait_for(self, key: str, timeout: float = 60.0) -> dict[str, str]:
        """The next datagram carrying ``key`` (earlier ones are kept in ``received``)."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            fields = self._recv(left)
            if fields is not None and key in fields:
                return fields
        raise AssertionError(f"no {key} from the daemon in {timeout} s: {self.received}")


class Daemon:
    """``interview-followup run`` as a real process, with its stderr in a file."""

    def __init__(
        self,
        config: Path,
        now: str | None = None,
        notify: NotifySocket | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.config = config
        self.log_path = config.parent / f"daemon-{uuid.uuid4().hex[:6]}.log"
        full_env = {k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET",)}
        full_env.pop("INTERVIEW_FOLLOWUP_NOW", None)
        if notify is not None:
            full_env["NOTIFY_SOCKET"] = notify.address
        full_env.update(env or {})
        args = [str(EXE), "--config", str(config), "run"]
        if now is not None:
            args += ["--now", now]
        self._log: IO[bytes] = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            args, stdout=subprocess.DEVNULL, stderr=self._log, env=full_env
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def log(self) -> str:
        return self.log_path.read_text()

    def wait_log(self, text: str, timeout: float = 60.0, count: int = 1) -> str:
        return wait_until(lambda: self.log().count(text) >= count, timeout, self.log)

    def send(self, sig: int) -> None:
        self.proc.send_signal(sig)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        finally:
            self._log.close()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)
        self._log.close()


def first_cycle(config: Path, moment: str, env: dict[str, str] | None = None) -> tuple[float, str]:
    """A run from ``moment`` that completes its first cycle, then a clean stop: how long
    the cycle took (from the start log line to READY) and the run's log."""
    sock = NotifySocket()
    d = Daemon(config, moment, sock, env=env)
    try:
        d.wait_log("info: running; polling every")
        t0 = time.monotonic()
        sock.wait_for("READY", 60)
        took = time.monotonic() - t0
        assert d.stop() == 0, d.log()
    finally:
        d.kill()
        sock.close()
    return took, d.log()


def wait_until(
    cond: Callable[[], bool], timeout: float, describe: Callable[[], str] = lambda: ""
) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return describe()
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout} s: {describe()}")


def run_cli(
    config: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """The console script as a subprocess (for what must cross the process boundary)."""
    full_env = {k: v for k, v in os.environ.items() if k != "NOTIFY_SOCKET"}
    full_env.update(env or {})
    return subprocess.run(
        [str(EXE), "--config", str(config), *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )


def big_calendar(interviews: int, first_day: int = 1) -> str:
    """``interviews`` interviews with distinct companies (so no round supersedes another),
    two interviewers and a recruiter each, ten a day from 1 Dec 2026 at quarter-hours:
    every interview yields eight reminders and up to five drafts over the following weeks.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//interview-followup//test//EN",
        "BEGIN:VTIMEZONE",
        "TZID:America/New_York",
        "BEGIN:STANDARD",
        "DTSTART:19701101T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
        "TZOFFSETFROM:-0400",
        "TZOFFSETTO:-0500",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:19700308T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
        "TZOFFSETFROM:-0500",
        "TZOFFSETTO:-0400",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]
    for i in range(interviews):
        day, slot = first_day + i // 10, i % 10
        hour, minute = 9 + (slot * 45) // 60, (slot * 45) % 60
        company = f"Company{i:02d}"
        domain = f"company{i:02d}.example"
        start = f"202612{day:02d}T{hour:02d}{minute:02d}00"
        end = f"202612{day:02d}T{hour + 1:02d}{minute:02d}00"
        lines += [
            "BEGIN:VEVENT",
            f"UID:big-{i:03d}@example.com",
            "DTSTAMP:20261120T120000Z",
            f"DTSTART;TZID=America/New_York:{start}",
            f"DTEND;TZID=America/New_York:{end}",
            f"SUMMARY:Interview with {company} - Engineer",
            f"ORGANIZER;CN=Rita Recruiter{i:02d}:mailto:rita@{domain}",
            f"ATTENDEE;CN=Ann Lead{i:02d};PARTSTAT=ACCEPTED:mailto:ann@{domain}",
            f"ATTENDEE;CN=Bob Peer{i:02d};PARTSTAT=ACCEPTED:mailto:bob@{domain}",
            "ATTENDEE;CN=Alex Candidate;PARTSTAT=ACCEPTED:mailto:alex@example.com",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
