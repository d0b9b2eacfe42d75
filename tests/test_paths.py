"""Where the files go: outputs never on the user's calendar, the state store or in the
Maildir; a folder where a file belongs (or the reverse) named by its key; a symlinked
reminders file written through its link; a private state store that only writers create;
output cut short by a closed pipe."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from daemon import state as state_module
from tests.conftest import Result, Workspace
from tests.daemon_support import EXE, big_calendar

NOW = "2026-12-01T18:00:00-05:00"
LINE_STATES = ("ok ", "problem ", "note ")


def set_path(ws: Workspace, section: str, value: str) -> None:
    """``[section] path = value`` in the workspace's config (the section added if absent)."""
    lines, current, done = [], "", False
    for line in ws.config.read_text().splitlines():
        if line.startswith("["):
            current = line
        if current == f"[{section}]" and line.startswith("path =") and not done:
            line, done = f'path = "{value}"', True
        lines.append(line)
    if not done:
        lines += ["", f"[{section}]", f'path = "{value}"']
    ws.config.write_text("\n".join(lines) + "\n")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def refused(res: Result, *keys: str) -> None:
    assert res.code == 2, res.err
    assert res.err.count("\n") == 1 and "unexpected" not in res.err, res.err
    for key in keys:
        assert key in res.err, res.err


def doctor_lines(ws: Workspace) -> tuple[int, list[str]]:
    """doctor's lines; each must be one check of its own."""
    res = ws.run("doctor", "--now", NOW)
    lines = res.out.splitlines()
    assert all(line.startswith(LINE_STATES) for line in lines), res.out
    assert len(lines) == len({line.split(":")[0] for line in lines}), res.out
    assert "unexpected" not in res.out + res.err
    return res.code, lines


# outputs on the calendar, the state store or in the Maildir --------------------------------


@pytest.mark.parametrize("how", ["same path", "symlink", "roundabout path"])
def test_reminders_on_the_calendar_are_refused_and_the_calendar_untouched(
    ws: Workspace, how: str
) -> None:
    if how == "symlink":
        (ws.root / "link.ics").symlink_to(ws.calendar)
        set_path(ws, "reminders", "link.ics")
    elif how == "roundabout path":
        (ws.root / "sub").mkdir()
        set_path(ws, "reminders", "sub/../calendar.ics")
    else:
        set_path(ws, "reminders", "calendar.ics")
    ws.calendar.chmod(0o644)
    before = ws.calendar.read_bytes()
    res = ws.run("sync", "--now", NOW)
    refused(res, "[reminders] path", "[source] path", str(ws.calendar))
    assert ws.calendar.read_bytes() == before and mode(ws.calendar) == 0o644
    assert not (ws.root / "state.sqlite3").exists()
    code, lines = doctor_lines(ws)
    assert code == 2
    assert any(
        line.startswith("problem  reminders: [reminders] path: is the same file as [source] path")
        for line in lines
    ), lines
    assert ws.calendar.read_bytes() == before


@pytest.mark.parametrize(
    ("section", "value", "keys"),
    [
        ("state", "calendar.ics", ("[state] path", "[source] path")),
        ("reminders", "state.sqlite3", ("[state] path", "[reminders] path")),
        ("reminders", "config.toml", ("[reminders] path", "the config file")),
        ("reminders", "drafts/cur/reminders.ics", ("[drafts] path", "[reminders] path")),
        ("state", "drafts/state.sqlite3", ("[drafts] path", "[state] path")),
        ("drafts", ".", ("[drafts] path", "the config file")),
    ],
)
def test_outputs_never_share_a_place_with_the_calendar_the_store_or_the_maildir(
    ws: Workspace, section: str, value: str, keys: tuple[str, ...]
) -> None:
    set_path(ws, section, value)
    before = {p: p.read_bytes() for p in ws.root.iterdir() if p.is_file()}
    refused(ws.run("sync", "--now", NOW), *keys)
    assert {p: p.read_bytes() for p in ws.root.iterdir() if p.is_file()} == before


# a folder where a file belongs, and the reverse ---------------------------------------------


@pytest.mark.parametrize(
    ("section", "value", "make", "message"),
    [
        ("reminders", "reminders.ics", "folder", "is a folder: name a file in it"),
        ("drafts", "drafts", "file", "is a file, not a folder"),
        ("state", "state.sqlite3", "folder", "is a folder: name a file in it"),
        ("state", "blocker/state.sqlite3", "file blocker", "is a file, so"),
    ],
)
def test_a_path_of_the_wrong_kind_is_exit_2_naming_its_key(
    ws: Workspace, section: str, value: str, make: str, message: str
) -> None:
    set_path(ws, section, value)
    target = ws.root / value
    if make == "folder":
        target.mkdir()
    elif make == "file":
        target.write_text("not a Maildir\n")
    else:
        (ws.root / "blocker").write_text("a file\n")
    for command in (("sync", "--now", NOW), ("plan", "--now", NOW), ("status",)):
        res = ws.run(*command)
        refused(res, f"[{section}] path", message)
    code, lines = doctor_lines(ws)
    assert code == 2
    check = "calendar" if section == "source" else section
    assert any(line.startswith(f"problem  {check}: [{section}] path: ") for line in lines)


def test_doctor_reports_every_path_problem_on_its_own_line(ws: Workspace) -> None:
    set_path(ws, "reminders", "rdir")
    set_path(ws, "drafts", "dfile")
    set_path(ws, "state", "sdir")
    set_path(ws, "templates", "nowhere")
    (ws.root / "rdir").mkdir()
    (ws.root / "dfile").write_text("x\n")
    (ws.root / "sdir").mkdir()
    code, lines = doctor_lines(ws)
    assert code == 2
    problems = [line.split(":")[0] for line in lines if line.startswith("problem")]
    assert problems == [
        "problem  reminders",
        "problem  drafts",
        "problem  state",
        "problem  templates",
    ]
    assert any(line.startswith("ok       calendar: ") for line in lines)


# a read-only state store ---------------------------------------------------------------


def make_read_only(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Mode 0444. Root writes such a file anyway, and CI runs as root: there, what SQLite
    does when the kernel refuses O_RDWR (it opens the file read-only) is done for it."""
    path.chmod(0o444)
    if not os.access(path, os.W_OK):
        return
    connect = sqlite3.connect

    def read_only(database: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        name = str(database).removeprefix("file:").split("?")[0]
        if Path(name) != path:
            return connect(database, *args, **kwargs)  # type: ignore[arg-type]
        kwargs["uri"] = True
        return connect(f"file:{name}?mode=ro", *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(state_module.sqlite3, "connect", read_only)


def test_a_read_only_state_store_is_exit_2_naming_the_key(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ws.run("sync", "--now", "2026-11-30T12:00:00-05:00").code == 0
    store = ws.root / "state.sqlite3"
    make_read_only(store, monkeypatch)
    reminders = ws.reminders.read_bytes()
    res = ws.run("sync", "--now", NOW)
    refused(res, "[state] path", str(store), "cannot be written")
    assert ws.reminders.read_bytes() == reminders
    refused(ws.run("outcome", "acme-panel-1", "offer", "--now", NOW), "[state] path")
    assert ws.run("plan", "--now", NOW).code == 0  # reading needs no write
    code, lines = doctor_lines(ws)
    assert code == 2
    assert any(line.startswith("problem  state: [state] path: ") for line in lines), lines


# the state store: private, and made only by what writes ------------------------------------


def test_the_state_store_is_private_in_a_private_folder(ws: Workspace) -> None:
    set_path(ws, "state", "data/state.sqlite3")
    assert ws.run("sync", "--now", NOW).code == 0
    folder = ws.root / "data"
    assert mode(folder) == 0o700
    files = list(folder.iterdir())
    assert ws.root / "data" / "state.sqlite3" in files
    assert all(mode(f) == 0o600 for f in files), {f.name: oct(mode(f)) for f in files}


def test_an_open_store_made_by_an_older_version_is_tightened(ws: Workspace) -> None:
    """A folder that holds nothing but the store is ours: 0700. A folder of the user's
    that also holds other things keeps its mode; the store in it becomes 0600."""
    set_path(ws, "state", "data/state.sqlite3")
    folder = ws.root / "data"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    old = folder / "state.sqlite3"
    sqlite3.connect(old).close()
    old.chmod(0o644)
    (folder / "state.sqlite3.lock").write_text("")
    assert ws.run("sync", "--now", NOW).code == 0
    assert mode(folder) == 0o700 and mode(old) == 0o600
    assert mode(folder / "state.sqlite3.lock") == 0o600
    ws.root.chmod(0o755)
    set_path(ws, "state", "state.sqlite3")
    shared = ws.root / "state.sqlite3"
    sqlite3.connect(shared).close()
    shared.chmod(0o644)
    assert ws.run("sync", "--now", NOW).code == 0
    assert mode(shared) == 0o600 and mode(ws.root) == 0o755


def test_dry_run_and_doctor_create_no_state_store(ws: Workspace) -> None:
    set_path(ws, "state", "data/state.sqlite3")
    res = ws.run("sync", "--dry-run", "--now", NOW)
    assert res.code == 0, res.err
    assert "would create reminder" in res.out
    code, lines = doctor_lines(ws)
    assert code == 0, lines
    assert any("does not exist yet: the first sync creates it" in line for line in lines)
    assert not (ws.root / "data").exists()
    assert sorted(p.name for p in ws.root.iterdir()) == ["calendar.ics", "config.toml"]


# a symlinked reminders file ------------------------------------------------------------


def test_a_symlinked_reminders_file_is_written_through_its_link(ws: Workspace) -> None:
    cloud = ws.root / "cloud"
    cloud.mkdir()
    target = cloud / "followups.ics"
    ws.reminders.symlink_to(Path("cloud") / "followups.ics")  # relative, as users make them
    assert ws.run("sync", "--now", "2026-11-30T12:00:00-05:00").code == 0
    assert ws.reminders.is_symlink() and target.is_file()
    assert target.read_bytes().count(b"BEGIN:VEVENT") > 10
    target.chmod(0o644)  # as the user set it for the app that subscribes
    ws.edit_calendar(":20261201T140000", ":20261201T130000")  # Acme an hour earlier
    assert ws.run("sync", "--now", "2026-11-30T12:05:00-05:00").code == 0
    assert ws.reminders.is_symlink() and os.readlink(ws.reminders) == "cloud/followups.ics"
    assert b":20261201T124500" in target.read_bytes()  # its prep reminder moved along
    assert mode(target) == 0o644
    assert sorted(p.name for p in cloud.iterdir()) == ["followups.ics"]  # no temp file left
    assert ws.run("sync", "--now", "2026-11-30T12:06:00-05:00").out.startswith("wrote: 0")


# a closed pipe ---------------------------------------------------------------------------


def test_plan_into_a_pipe_closed_early_is_quiet(ws: Workspace) -> None:
    """``plan --json | head``: no error message; the exit code is the shell's for a
    program stopped by SIGPIPE (128 + 13), which ``set -o pipefail`` expects."""
    ws.calendar.write_text(big_calendar(40))
    proc = subprocess.Popen(
        [str(EXE), "--config", str(ws.config), "plan", "--json", "--now", NOW],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().strip() == b"{"
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 141
    assert err == "", err
