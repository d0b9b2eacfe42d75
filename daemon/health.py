"""What went wrong in a cycle, in the user's terms, and the command or step that fixes it.

The daemon turns every failure into a ``Problem`` (a state, not a crash) and keeps the
current one in the state store, so ``status`` and ``doctor`` can show it from another
process. Messages are built from the adapters' one-line errors, file names and error
numbers only: never from a token, a request or a message body.
"""

from __future__ import annotations

import errno
import sqlite3
import traceback
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from daemon.settings import Settings

APP = "interview-followup"
_CACHE_NAME, _CACHE_KEY = "daemon.health", "1"
_DISK_WORDS = ("no space left", "disk quota exceeded", "database or disk is full")
_MAX = 300


@dataclass(frozen=True)
class Problem:
    kind: str  # auth | network | calendar | disk | files | state | internal
    message: str
    fix: str

    def line(self) -> str:
        return f"{self.message} (fix: {self.fix})"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:_MAX]


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return any(word in str(exc).lower() for word in _DISK_WORDS)


def _where(exc: BaseException) -> str:
    """The innermost frame, as ``file:line``: enough to report a bug, no data in it."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "?"
    last = frames[-1]
    return f"{Path(last.filename).name}:{last.lineno}"


def _source_fix(settings: Settings) -> str:
    path = settings.source.get("path")
    if path is not None:
        return f"restore the calendar file {path} or correct [source] path"
    return "check [source] in the config and that the calendar still exists"


def classify(exc: BaseException, settings: Settings) -> Problem:
    """The user-facing state for a failed cycle; the most specific cause wins."""
    from daemon.backends import auth_fix
    from daemon.ports import AdapterError, AuthError, BadInput, TransientError
    from daemon.state import StateError

    if _is_disk_full(exc):
        where = settings.state_path.parent
        return Problem("disk", f"disk full: {_first_line(exc)}", f"free disk space ({where})")
    if isinstance(exc, AuthError):
        return Problem("auth", _first_line(exc), exc.fix or auth_fix(settings))
    if isinstance(exc, TransientError):
        return Problem(
            "network", _first_line(exc), "none needed: it retries; check the network if it lasts"
        )
    if isinstance(exc, BadInput):
        return Problem("calendar", _first_line(exc), _source_fix(settings))
    if isinstance(exc, StateError | sqlite3.Error):
        return Problem("state", f"state store: {_first_line(exc)}", f"run `{APP} doctor`")
    if isinstance(exc, AdapterError):
        fix = f"see the message; `{APP} doctor` checks each part"
        return Problem("files", _first_line(exc), fix)
    if isinstance(exc, OSError):
        name = f"{exc.filename}: " if exc.filename else ""
        why = exc.strerror or type(exc).__name__
        return Problem("files", f"{name}{why}", f"check that path's permissions; `{APP} doctor`")
    return Problem(
        "internal",
        f"unexpected {type(exc).__name__} at {_where(exc)}",
        f"run `{APP} --debug sync` and report the error",
    )


@dataclass(frozen=True)
class Health:
    """The daemon's current trouble, as stored for ``status``: None problem means fine."""

    problem: Problem | None
    since: datetime | None
    failures: int
    retry_at: datetime | None
    pid: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "problem": None if self.problem is None else asdict(self.problem),
            "since": None if self.since is None else self.since.isoformat(),
            "failures": self.failures,
            "retry_at": None if self.retry_at is None else self.retry_at.isoformat(),
            "pid": self.pid,
        }

    @staticmethod
    def from_json(data: Any) -> Health | None:
        try:
            p = data["problem"]
            return Health(
                problem=None if p is None else Problem(p["kind"], p["message"], p["fix"]),
                since=None if data["since"] is None else datetime.fromisoformat(data["since"]),
                failures=int(data["failures"]),
                retry_at=None
                if data["retry_at"] is None
                else datetime.fromisoformat(data["retry_at"]),
                pid=data.get("pid"),
            )
        except (KeyError, TypeError, ValueError):
            return None


def save(store: Any, health: Health) -> None:
    """Inside the caller's transaction: the cache table is the store's key-value corner."""
    store.cache_put(_CACHE_NAME, _CACHE_KEY, health.to_json())


def load(store: Any) -> Health | None:
    return Health.from_json(store.cache_get(_CACHE_NAME, _CACHE_KEY))
