"""The single-instance lock: one writer of a state store at a time.

``fcntl.flock`` on ``<state path>.lock`` rather than a PID file: the kernel drops the lock
when its holder dies (``kill -9``, a crash, a reboot), so a stale file can never block a
restart, and nobody has to guess whether a PID is still ours. The holder writes
``"<pid> <command>"`` into the file so a second process can say who holds it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

APP = "interview-followup"
# A reader (``status``, ``doctor``) probes with a shared lock for a few microseconds; a
# process taking the lock retries this long so such a probe never makes it fail.
PROBE_SLACK = 0.3
_STEP = 0.05


def lock_path(state_path: Path) -> Path:
    return state_path.with_name(state_path.name + ".lock")


@dataclass(frozen=True)
class Holder:
    """Who holds the lock: ``pid`` is None when the file could not be read in time."""

    pid: int | None
    command: str
    path: Path

    def describe(self) -> str:
        pid = "pid unknown" if self.pid is None else f"pid {self.pid}"
        return f"another {APP} {self.command} ({pid}) holds {self.path}"


class LockBusy(Exception):
    """Another process holds the lock; the message names it."""

    def __init__(self, holder: Holder) -> None:
        super().__init__(holder.describe())
        self.holder = holder


class LockError(Exception):
    """The lock file cannot be created or opened (permissions, read-only disk)."""


def _read_holder(fd: int, path: Path) -> Holder:
    try:
        raw = os.pread(fd, 200, 0).decode("ascii", "replace").split()
    except OSError:
        raw = []
    pid = int(raw[0]) if raw and raw[0].isdigit() else None
    return Holder(pid, raw[1] if len(raw) > 1 else "process", path)


class InstanceLock:
    """Exclusive lock for one command (``run`` or ``sync``) on one state store."""

    def __init__(self, state_path: Path, command: str) -> None:
        self.path = lock_path(state_path)
        self.command = command
        self._fd: int | None = None

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, waiting up to ``wait`` seconds (plus a probe's slack); else
        raise LockBusy naming the holder."""
        fd = self._open()
        deadline = time.monotonic() + max(wait, PROBE_SLACK)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read_holder(fd, self.path)
                    os.close(fd)
                    raise LockBusy(holder) from None
                time.sleep(_STEP)
        self._fd = fd
        self._write_owner(fd)

    def _open(self) -> int:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise LockError(f"{self.path}: cannot open the lock file: {exc.strerror}") from None

    def _write_owner(self, fd: int) -> None:
        """Overwrite then truncate, so a reader never sees an empty file in between."""
        data = f"{os.getpid()} {self.command}\n".encode()
        try:
            os.pwrite(fd, data, 0)
            os.ftruncate(fd, len(data))
        except OSError as exc:  # a full disk must not stop us: the lock itself is held
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def holder(state_path: Path) -> Holder | None:
    """Who holds the lock now, or None; never creates the file and never blocks.

    A shared probe fails only against an exclusive holder, and is dropped at once."""
    path = lock_path(state_path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_holder(fd, path)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)
