"""Shared fixtures: a private copy of the example setup, and the CLI run in-process.

The CLI runs through ``daemon.cli.main`` exactly as the console script does (argument
parsing, logging, exit codes); only the process boundary is skipped, for speed. A few tests
in test_cli.py also run the installed script as a subprocess to cover that boundary.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from daemon import cli

# CI replays the same examples on every run, so a red build is one a developer can repeat;
# a developer's own runs explore new ones (and keep what fails in .hypothesis/).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_CALENDAR = ROOT / "examples" / "calendar.ics"

BASE_CONFIG = """\
[user]
name = "Alex Candidate"
email = "alex@example.com"
phone = "+1 555 0100"
timezone = "America/New_York"
holiday_country = "US"
slot = "10:00"

[source]
type = "ics"
path = "calendar.ics"

[reminders]
type = "ics"
path = "reminders.ics"

[drafts]
type = "maildir"
path = "drafts"

[state]
path = "state.sqlite3"
"""


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run_cli(config: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """The console script in-process: its exit code and what it printed."""
    capsys.readouterr()
    try:
        cli.main(["--config", str(config), *args])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


class Workspace:
    """A directory with a config, a calendar, and the outputs the CLI writes there."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.root = root
        self.capsys = capsys
        self.config = root / "config.toml"
        self.calendar = root / "calendar.ics"
        self.reminders = root / "reminders.ics"
        self.drafts = root / "drafts"
        self.config.write_text(BASE_CONFIG)
        shutil.copy(EXAMPLE_CALENDAR, self.calendar)

    def run(self, *args: str) -> Result:
        return run_cli(self.config, self.capsys, *args)

    def plan(self, now: str) -> Any:
        res = self.run("plan", "--json", "--now", now)
        assert res.code == 0, res.err
        return res.json()

    def interview(self, now: str, uid: str) -> Any:
        for iv in self.plan(now)["interviews"]:
            if iv["id"].endswith("/" + uid):
                return iv
        raise AssertionError(f"{uid} not planned")

    def draft_files(self) -> list[Path]:
        return sorted(p for sub in ("cur", "new") for p in (self.drafts / sub).glob("*"))

    def edit_calendar(self, old: str, new: str) -> None:
        text = self.calendar.read_bytes().decode("utf-8")  # keep CRLF as it is
        assert old in text, old
        self.calendar.write_bytes(text.replace(old, new).encode("utf-8"))


@pytest.fixture
def ws(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Workspace:
    return Workspace(tmp_path, capsys)


def action(iv: Any, type_: str) -> Any:
    return next(a for a in iv["actions"] if a["type"] == type_)


# -- real servers started by the tests --------------------------------------------------------


@pytest.fixture
def dovecot() -> Iterator[Any]:
    """A fresh Dovecot for one test (see tests/dovecot.py); skipped, loudly, without it."""
    from tests.dovecot import Dovecot, require_dovecot

    server = Dovecot(require_dovecot()).start()
    try:
        yield server
    finally:
        server.cleanup()


@pytest.fixture(scope="module")
def radicale() -> Iterator[Any]:
    """A Radicale for the module's tests (see tests/fakes/radicale_server.py); each test
    makes calendars of its own in it."""
    from tests.fakes.radicale_server import Radicale

    with Radicale() as server:
        yield server


@pytest.fixture
def memory_keyring() -> Iterator[Any]:
    """An in-memory keyring for the test, the machine's own restored afterwards."""
    import keyring

    from tests.fakes.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(previous)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say loudly which tests did not run because a server is missing, and why: a skipped
    test is not a passed one."""
    reasons: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else ""
        if "is not installed" in str(reason):
            text = str(reason).removeprefix("Skipped: ")
            reasons[text] = reasons.get(text, 0) + 1
    for reason, count in reasons.items():
        terminalreporter.write_sep("!", f"{count} tests SKIPPED: {reason}", red=True, bold=True)
