"""``doctor``: check each part a cycle needs and say what to fix, one line each."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from daemon.settings import Settings

OK, FAIL, NOTE = "ok", "problem", "note"
UNIT, TIMER = "interview-followup.service", "interview-followup-sync.timer"


class Problem(Exception):
    """A check failed; the message says what to do (exit 1)."""


class Note(Exception):
    """Worth knowing, not a failure: printed as a note, exit code unchanged."""


def writable_dir(path: Path) -> bool:
    """Whether ``path``, or its nearest existing ancestor, lets us create files."""
    probe = path
    while not probe.exists():
        probe = probe.parent
    return os.access(probe, os.W_OK)


def _check_config(settings: Settings) -> str:
    from daemon.config import check_holidays

    check_holidays(settings)
    return f"{settings.config_path} is valid"


def run(settings: Settings, now: datetime) -> int:
    """Print one line per check; the exit code is that of the first problem found."""
    from daemon import backends

    chosen = backends.configured(settings)
    checks: list[tuple[str, Callable[[], str]]] = [
        ("config", lambda: _check_config(settings)),
        ("calendar", lambda: _check_source(settings, now)),
        ("reminders", lambda: chosen["reminders"].check(settings)),
        ("drafts", lambda: chosen["drafts"].check(settings)),
        *((a.name, partial(a.check, settings)) for a in backends.accounts_in_use(settings)),
        ("state", lambda: _check_state(settings)),
        ("templates", lambda: _check_templates(settings)),
        ("lock", lambda: _check_lock(settings)),
        ("systemd", _check_systemd),
    ]
    first_code = 0
    for name, check in checks:
        try:
            print(f"{OK:8} {name}: {check()}")
        except Note as note:
            print(f"{NOTE:8} {name}: {note}")
        except Problem as problem:
            print(f"{FAIL:8} {name}: {problem}")
            first_code = first_code or 1
        except Exception as exc:
            from daemon.cli import _report

            print(f"{FAIL:8} {name}: ", end="", flush=True)
            code = _report(exc, False)
            first_code = first_code or code
    return first_code


def _check_source(settings: Settings, now: datetime) -> str:
    from daemon import backends
    from daemon.service import evaluate
    from daemon.state import StateStore

    store = StateStore(settings.state_path, readonly=True)
    ev = evaluate(settings, store, backends.make_source(settings), now)
    return (
        f"{backends.configured(settings)['source'].check(settings)}: "
        f"{len(ev.plans)} interviews, {len(ev.skipped)} skipped, {len(ev.warnings)} warnings"
    )


def _check_state(settings: Settings) -> str:
    from daemon.state import StateStore

    store = StateStore(settings.state_path)
    last = store.last_cycle()
    store.close()
    when = f"last cycle {last[0].isoformat(timespec='seconds')}" if last else "no cycle yet"
    return f"{settings.state_path} opens ({when})"


def _check_templates(settings: Settings) -> str:
    from daemon.drafts import load_templates

    templates = load_templates(settings.templates_dir)
    if templates.errors:
        raise ValueError(f"{templates.errors[0]} ({len(templates.errors)} problem(s))")
    return str(settings.templates_dir or "built-in templates")


def _check_lock(settings: Settings) -> str:
    """Who holds the single-instance lock; a lock file we cannot create is a problem."""
    from daemon.lock import holder, lock_path

    held = holder(settings.state_path)
    if held is not None:
        pid = "pid unknown" if held.pid is None else f"pid {held.pid}"
        what = "the daemon is running" if held.command == "run" else "a sync is in progress"
        return f"{lock_path(settings.state_path)} held by `{held.command}` ({pid}): {what}"
    path = lock_path(settings.state_path)
    if not writable_dir(path.parent):
        raise Problem(f"{path.parent}: not writable, so `run` cannot take its lock")
    return f"{path} is free: no daemon running"


def _unit_dir() -> Path:
    xdg = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(xdg) / "systemd" / "user"


def _exec_start(unit: Path) -> str | None:
    """The program of ExecStart= (``%h`` expanded), without prefixes like ``-`` or ``@``."""
    import configparser
    import shlex

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read(unit, encoding="utf-8")
        line = parser.get("Service", "ExecStart", fallback="")
    except (OSError, configparser.Error):
        return None
    words = shlex.split(line.replace("%h", str(Path.home())))
    return words[0].lstrip("-@:+!") if words else None


def _check_systemd() -> str:
    """The user unit: installed, pointing at a program that exists, enabled; and not
    competing with the sync timer for the lock."""
    units = _unit_dir()
    service, timer = units / UNIT, units / TIMER
    if not service.exists() and not timer.exists():
        return f"no user unit in {units} (optional: see docs/service.md)"
    if service.exists():
        program = _exec_start(service)
        if not program or not os.access(program, os.X_OK):
            raise Problem(
                f"{service}: ExecStart program {program!r} is missing: set it to the output"
                " of `command -v interview-followup`, then `systemctl --user daemon-reload`"
            )
    enabled_service = (units / "default.target.wants" / UNIT).exists()
    enabled_timer = (units / "timers.target.wants" / TIMER).exists()
    if enabled_service and enabled_timer:
        raise Note(
            "both the daemon and the sync timer are enabled; they take turns on the lock:"
            f" `systemctl --user disable --now {TIMER}`"
        )
    if enabled_service:
        return f"{UNIT} installed and enabled"
    if enabled_timer:
        return f"{TIMER} installed and enabled"
    raise Note(f"installed in {units} but not enabled: `systemctl --user enable --now {UNIT}`")
