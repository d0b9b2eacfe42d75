"""systemd's notify protocol with the standard library: one datagram per message.

``Type=notify`` units get ``$NOTIFY_SOCKET`` (a path, or ``@name`` for the abstract
namespace); ``WatchdogSec=`` adds ``$WATCHDOG_USEC`` (and ``$WATCHDOG_PID``). Outside
systemd there is no socket and every call is a cheap no-op, so the daemon never needs to
know how it was started. A failed send is logged at debug level and otherwise ignored:
the notify channel must never bring the daemon down.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger("interview-followup")


def _address(raw: str) -> str | bytes:
    """``@name`` is the abstract namespace: a leading NUL byte on the wire."""
    if raw.startswith("@"):
        return b"\0" + raw[1:].encode()
    return raw


def watchdog_interval(env: Mapping[str, str], pid: int) -> float | None:
    """Seconds between ``WATCHDOG=1`` pings: half the timeout, as sd_watchdog_enabled(3)
    advises; None when systemd did not ask (or asked another process)."""
    usec = env.get("WATCHDOG_USEC", "")
    owner = env.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    if owner and owner.isdigit() and int(owner) != pid:
        return None
    return int(usec) / 2 / 1_000_000


class Notifier:
    """Sends ``READY=1``, ``STATUS=...``, ``WATCHDOG=1`` and ``STOPPING=1`` to systemd."""

    def __init__(self, env: Mapping[str, str] | None = None, pid: int | None = None) -> None:
        env = os.environ if env is None else env
        pid = os.getpid() if pid is None else pid
        raw = env.get("NOTIFY_SOCKET", "")
        self.address: str | bytes | None = _address(raw) if raw else None
        self.watchdog_seconds = watchdog_interval(env, pid)
        self._last_status: str | None = None

    @property
    def enabled(self) -> bool:
        return self.address is not None

    def send(self, *fields: str) -> bool:
        """One datagram with ``fields`` on separate lines; True when it went out."""
        if self.address is None:
            return False
        payload = "\n".join(fields).encode("utf-8", "replace")
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as s:
                s.connect(self.address)
                s.sendall(payload)
        except OSError as exc:
            log.debug("systemd notify failed: %s", exc)
            return False
        return True

    def ready(self, status: str | None = None) -> bool:
        fields = ["READY=1", f"MAINPID={os.getpid()}"]
        if status:
            fields.append(f"STATUS={_one_line(status)}")
            self._last_status = status
        return self.send(*fields)

    def status(self, text: str) -> bool:
        """Send STATUS= only when it changed: systemd keeps the last one anyway."""
        if text == self._last_status:
            return False
        self._last_status = text
        return self.send(f"STATUS={_one_line(text)}")

    def watchdog(self) -> bool:
        return self.send("WATCHDOG=1")

    def stopping(self) -> bool:
        return self.send("STOPPING=1", "STATUS=stopping")


def _one_line(text: str) -> str:
    return " ".join(text.split())[:400]
