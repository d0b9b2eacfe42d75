"""``doctor``: check each part a cycle needs and say what to fix, one line each."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from daemon.settings import Settings

OK, FAIL = "ok", "problem"


def _writable_dir(path: Path) -> bool:
    probe = path
    while not probe.exists():
        probe = probe.parent
    return os.access(probe, os.W_OK)


def run(settings: Settings, now: datetime) -> int:
    """Print one line per check; the exit code is that of the first problem found."""
    checks: list[tuple[str, Callable[[], str]]] = [
        ("config", lambda: f"{settings.config_path} is valid"),
        ("calendar", lambda: _check_source(settings, now)),
        ("reminders", lambda: _check_output(settings.reminders, "reminders")),
        ("drafts", lambda: _check_output(settings.drafts, "drafts")),
        ("state", lambda: _check_state(settings)),
        ("templates", lambda: _check_templates(settings)),
    ]
    first_code = 0
    for name, check in checks:
        try:
            print(f"{OK:8} {name}: {check()}")
        except Exception as exc:
            from daemon.cli import _report

            print(f"{FAIL:8} {name}: ", end="", flush=True)
            code = _report(exc, False)
            first_code = first_code or code
    return first_code


def _check_source(settings: Settings, now: datetime) -> str:
    from daemon.service import evaluate
    from daemon.state import StateStore
    from integrations.registry import make_source

    store = StateStore(settings.state_path, readonly=True)
    ev = evaluate(settings, store, make_source(settings), now)
    return (
        f"{settings.source.get('path', settings.source.get('type'))}: "
        f"{len(ev.plans)} interviews, {len(ev.skipped)} skipped, {len(ev.warnings)} warnings"
    )


def _check_output(section: dict[str, object], name: str) -> str:
    path = section.get("path")
    if path is None:
        return f"type {section.get('type')}"
    p = Path(str(path))
    if not _writable_dir(p if p.is_dir() else p.parent):
        raise PermissionError(f"{p}: not writable: fix the permissions or change [{name}] path")
    return f"{p} is writable"


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
