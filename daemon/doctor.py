"""``doctor``: check each part a cycle needs and say what to fix, one line each."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from daemon import paths
from daemon.settings import Settings

OK, FAIL, NOTE = "ok", "problem", "note"
UNIT, TIMER = "interview-followup.service", "interview-followup-sync.timer"


class Problem(Exception):
    """A check failed; the message says what to do. ``code`` is the exit code it stands
    for: 2 for what the config must change (a path), 1 otherwise."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


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


def run(config_path: Path | None, now: datetime) -> int:
    """Print one line per check; the exit code is that of the first problem found."""
    from daemon import backends, config

    try:
        settings = config.load(config_path, check_paths=False)
    except config.ConfigError as exc:
        print(f"{FAIL:8} config: {exc}")
        return 2
    found = paths.problems(settings)
    chosen = backends.configured(settings)

    def paths_first(section: str, check: Callable[[], str]) -> Callable[[], str]:
        """The config's path problem for ``section`` (exit 2) before its own check."""

        def checked() -> str:
            for problem in found:
                if problem.section == section:
                    raise Problem(f"[{section}] path: {problem.what}", 2)
            return check()

        return checked

    checks: list[tuple[str, Callable[[], str]]] = [
        ("config", lambda: _check_config(settings)),
        ("calendar", paths_first("source", lambda: _check_source(settings, now))),
        ("reminders", paths_first("reminders", lambda: chosen["reminders"].check(settings))),
        ("drafts", paths_first("drafts", lambda: chosen["drafts"].check(settings))),
        *((a.name, partial(a.check, settings)) for a in backends.accounts_in_use(settings)),
        ("state", paths_first("state", lambda: _check_state(settings))),
        ("templates", paths_first("templates", lambda: _check_templates(settings))),
        ("unfinished drafts", lambda: _unless_state_problem(found, settings)),
        ("lock", lambda: _check_lock(settings)),
        ("systemd", _check_systemd),
    ]
    first_code = 0
    for name, check in checks:
        status, message, code = _outcome(check)
        print(f"{status:8} {name}: {message}")
        first_code = first_code or code
    return first_code


def _outcome(check: Callable[[], str]) -> tuple[str, str, int]:
    """(status, one line, exit code) of one check; whatever it raises stays on its line."""
    from daemon.cli import describe

    try:
        return OK, check(), 0
    except Note as note:
        return NOTE, str(note), 0
    except Problem as problem:
        return FAIL, str(problem), problem.code
    except PermissionError as exc:  # a backend's place we cannot write: the line names its key
        return FAIL, str(exc), 2
    except Exception as exc:
        code, message = describe(exc)
        return FAIL, message, code


def _reading_store(settings: Settings) -> Any:
    """The store as ``plan`` reads it; an empty one if it cannot be read (the state check
    says why), so the calendar check is about the calendar."""
    from daemon.state import StateError, StateStore

    try:
        return StateStore(settings.state_path, readonly=True)
    except StateError:
        return StateStore(settings.state_path, empty=True)


def _check_source(settings: Settings, now: datetime) -> str:
    from daemon import backends
    from daemon.service import evaluate

    ev = evaluate(settings, _reading_store(settings), backends.make_source(settings), now)
    return (
        f"{backends.configured(settings)['source'].check(settings)}: "
        f"{len(ev.plans)} interviews, {len(ev.skipped)} skipped, {len(ev.warnings)} warnings"
    )


def _check_state(settings: Settings) -> str:
    """Opens the store read-only and probes a write without creating anything: doctor
    must leave no store behind where none was."""
    from daemon.state import StateError, StateStore, check_writable

    path = settings.state_path
    if not path.exists():
        if not writable_dir(path.parent):
            raise Problem(f"[state] path: {path} cannot be created: its folder is not writable", 2)
        return f"{path} does not exist yet: the first sync creates it"
    try:
        check_writable(path)
        store = StateStore(path, readonly=True)
        last = store.last_cycle()
        store.close()
    except StateError as exc:
        raise Problem(f"[state] path: {exc}", 2) from None
    when = f"last cycle {last[0].isoformat(timespec='seconds')}" if last else "no cycle yet"
    return f"{path} opens ({when})"


def _check_templates(settings: Settings) -> str:
    from daemon.drafts import load_templates

    templates = load_templates(settings.templates_dir)
    if templates.errors:
        raise ValueError(f"{templates.errors[0]} ({len(templates.errors)} problem(s))")
    return str(settings.templates_dir or "built-in templates")


def _unless_state_problem(found: list[paths.PathProblem], settings: Settings) -> str:
    """The unfinished drafts, unless the state store's own line already said it is unusable
    (one problem, one line)."""
    if any(problem.section == "state" for problem in found):
        return "not checked: the state store cannot be used (see above)"
    return _check_unfinished(settings)


def _check_unfinished(settings: Settings) -> str:
    """Drafts still holding [[...]] places: worth knowing before pressing send."""
    from daemon.state import StateStore
    from daemon.status import unfinished_drafts, unfinished_lines

    if not settings.state_path.exists():
        return "no drafts yet"
    store = StateStore(settings.state_path, readonly=True)
    try:
        found = unfinished_drafts(store)
    finally:
        store.close()
    if not found:
        return "no draft holds a [[...]] place"
    lines = "\n".join(unfinished_lines(found))
    raise Note(
        f"{len(found)} draft(s) still hold [[...]] places; fill them before sending:\n{lines}"
    )


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
        raise Problem(f"{path.parent}: not writable, so `run` cannot take its lock", 2)
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
