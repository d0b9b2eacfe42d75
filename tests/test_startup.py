"""What each command loads: the commands typed many times a day import only what they use.

Timing belongs in ``bench/bench_cli.py``; these tests check the causes instead (which heavy
libraries a command imports), so they hold on any machine, however busy.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import Workspace

NOW = "2026-12-03T10:00:00-05:00"
HEAVY = ("holidays", "icalendar", "googleapiclient", "google.auth", "apscheduler", "keyring")


def _loaded(config: Path, *args: str, heavy: tuple[str, ...] = HEAVY) -> set[str]:
    """The heavy libraries a command imports, run as its own process."""
    probe = (
        "import sys\n"
        "from daemon import cli\n"
        "try:\n"
        f"    cli.main({['--config', str(config), *args]!r})\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        f"print(' '.join(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert res.returncode == 0, res.stderr
    return set(res.stderr.strip().splitlines()[-1].split()) if res.stderr.strip() else set()


def test_status_outcome_and_timeline_load_no_calendar_parser_holidays_or_google(
    ws: Workspace,
) -> None:
    assert ws.run("sync", "--now", NOW).code == 0
    assert _loaded(ws.config, "status", "--now", NOW) == set()
    assert _loaded(ws.config, "status", "--json", "--now", NOW) == set()
    assert _loaded(ws.config, "outcome", "acme-panel", "offer", "--now", NOW) == set()
    assert _loaded(ws.config, "timeline", "globex-final", "next Friday", "--now", NOW) == set()


def test_plan_after_a_sync_reuses_what_the_sync_read(ws: Workspace) -> None:
    """The detection of the unchanged file and the holiday tables come from the state
    store: neither the calendar parser nor the holidays library is imported."""
    assert ws.run("sync", "--now", NOW).code == 0
    assert _loaded(ws.config, "plan", "--now", NOW) == set()
    assert _loaded(ws.config, "plan", "--json", "--now", NOW) == set()


def test_plan_on_a_cold_state_parses_and_counts_holidays(ws: Workspace) -> None:
    assert {"icalendar", "holidays"} <= _loaded(ws.config, "plan", "--now", NOW)


def test_a_plan_from_cached_holidays_equals_a_fresh_one(ws: Workspace) -> None:
    fresh = ws.plan(NOW)
    assert ws.run("sync", "--now", NOW).code == 0
    cached = ws.plan(NOW)
    assert _dues(cached) == _dues(fresh)


def _dues(doc: dict[str, list[dict[str, list[dict[str, str]]]]]) -> list[tuple[str, str]]:
    return [(a["type"], a["due"]) for iv in doc["interviews"] for a in iv["actions"]]


def test_an_unknown_holiday_country_stops_planning_but_not_status(ws: Workspace) -> None:
    text = ws.config.read_text()
    ws.config.write_text(text.replace('holiday_country = "US"', 'holiday_country = "XX"'))
    res = ws.run("plan", "--now", NOW)
    assert res.code == 2
    assert "[user] holiday_country" in res.err and "XX" in res.err
    assert ws.run("sync", "--now", NOW).code == 2
    assert ws.run("status", "--now", NOW).code == 0


# Our own modules that cost more at import than they give the command (patterns compiled,
# dataclasses made, the e-mail package): measured with callgrind, see bench/README.md.
READER = ("daemon.detect", "daemon.invite_text", "daemon.titles", "daemon.who")
PLANNING = ("daemon.planner", "daemon.timeline", "daemon.reconcile", "daemon.service")
MAIL = ("daemon.drafts", "email.headerregistry", "email.policy", "daemon.ports")


def test_status_loads_neither_the_invite_reader_nor_the_planner_nor_the_mail_writer(
    ws: Workspace,
) -> None:
    """The pipeline screen reads the state store; what a cycle needs stays unloaded."""
    assert ws.run("sync", "--now", NOW).code == 0
    modules = (*READER, *PLANNING, *MAIL)
    assert _loaded(ws.config, "status", "--now", NOW, heavy=modules) == set()


def test_plan_on_an_unchanged_calendar_does_not_load_the_invite_reader(ws: Workspace) -> None:
    """The stored reading stands in; the rules that make one load only when it changed."""
    assert ws.run("sync", "--now", NOW).code == 0
    assert _loaded(ws.config, "plan", "--now", NOW, heavy=READER) == set()
    ws.edit_calendar("Senior Developer", "Staff Developer")
    assert set(READER) <= _loaded(ws.config, "plan", "--now", NOW, heavy=READER)
