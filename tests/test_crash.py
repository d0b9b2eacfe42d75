"""Crash safety on the .ics/Maildir path: the narrowest window, a kill between each write
and its record, made certain instead of hit by chance.

The random SIGKILLs of a real sync or daemon, on every backend, are in
tests/test_crash_backends.py.
"""

from __future__ import annotations

import email
import shutil
import sqlite3
from email import policy
from pathlib import Path

import icalendar
import pytest

from tests.conftest import Workspace
from tests.daemon_support import big_calendar

MOMENT = "2026-12-02T20:07:30-05:00"  # every reminder; thank-yous of 1 and 2 Dec (40 drafts)


def _drafts(ws: Workspace) -> list[tuple[str, str]]:
    """(key, Maildir key) of every message in cur/ and new/."""
    out = []
    for sub in ("cur", "new"):
        for f in sorted((ws.drafts / sub).glob("*")):
            msg = email.message_from_bytes(f.read_bytes(), policy=policy.default)
            out.append((str(msg["X-Interview-Followup-Key"]), f.name.split(":")[0]))
    return out


def _reminders(ws: Workspace) -> list[str]:
    if not ws.reminders.exists():
        return []
    cal = icalendar.Calendar.from_ical(ws.reminders.read_bytes())
    return [str(ev["X-INTERVIEW-FOLLOWUP-KEY"]) for ev in cal.walk("VEVENT")]


def _rows(ws: Workspace, sql: str) -> list[tuple[str, ...]]:
    with sqlite3.connect(ws.root / "state.sqlite3") as db:
        return [tuple(r) for r in db.execute(sql).fetchall()]


def _live(ws: Workspace, kind: str) -> dict[str, str | None]:
    rows = _rows(ws, f"SELECT key, ref FROM outputs WHERE status='live' AND kind='{kind}'")
    return {key: ref for key, ref in rows}


@pytest.fixture
def pair(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Workspace, Workspace]:
    spaces = []
    for name in ("clean", "crash"):
        (tmp_path / name).mkdir()
        ws = Workspace(tmp_path / name, capsys)
        ws.calendar.write_text(big_calendar(30))
        spaces.append(ws)
    return spaces[0], spaces[1]


def test_outputs_written_but_never_recorded_are_adopted_not_written_again(
    pair: tuple[Workspace, Workspace],
) -> None:
    """The narrowest window, made certain instead of hit by chance: every output is on disk
    and none is in the state store, as after a kill between each write and its record."""
    clean, crash = pair
    moment = MOMENT
    assert clean.run("sync", "--now", moment).code == 0
    shutil.copy(clean.reminders, crash.reminders)
    shutil.copytree(clean.drafts, crash.drafts)
    files = sorted(_drafts(crash))
    res = crash.run("sync", "--now", moment)
    assert res.code == 0, res.err
    assert "wrote: 0 reminders created" in res.out and "; 0 drafts created" in res.out
    assert sorted(_drafts(crash)) == files  # the same files, none added
    assert sorted(_reminders(crash)) == sorted(_reminders(clean))
    assert _live(crash, "draft") == dict(files)
    assert set(_live(crash, "calendar")) == set(_reminders(crash))
