"""The README's first command, ``interview-followup demo``, shows the product at work on
whatever date a newcomer tries it, in a folder of its own."""

from __future__ import annotations

import email
import os
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from email import policy
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

from daemon import cli, config, demo
from daemon.keys import output_key
from tests.conftest import ROOT, Result


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    capsys.readouterr()
    try:
        cli.main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return Result(code, out.out, out.err)


def plan(capsys: pytest.CaptureFixture[str], folder: Path, now: str) -> Any:
    res = run(capsys, "--config", str(folder / demo.CONFIG), "plan", "--json", "--now", now)
    assert res.code == 0, res.err
    return res.json()


def draft_keys(folder: Path) -> list[str]:
    keys = []
    for path in sorted((folder / "drafts" / "cur").glob("*")):
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        keys.append(str(msg["X-Interview-Followup-Key"]))
    return keys


def made(doc: Any, action: str) -> set[str]:
    """The draft keys the plan says ``action`` has made (one per recipient), over every
    interview."""
    return {
        output_key(iv["id"], action, "draft", person["email"])
        for iv in doc["interviews"]
        for a in iv["actions"]
        if a["type"] == action and a["state"] == "done" and "draft" in a["outputs"]
        for person in a["to"]
    }


def reminder_keys(folder: Path) -> set[str]:
    cal = icalendar.Calendar.from_ical((folder / "reminders.ics").read_bytes())
    return {str(e["X-INTERVIEW-FOLLOWUP-KEY"]) for e in cal.walk("VEVENT")}


def coming(doc: Any, now: str) -> set[str]:
    """Reminder keys of the prep and debrief actions planned after ``now``."""
    return {
        output_key(iv["id"], a["type"], "calendar")
        for iv in doc["interviews"]
        for a in iv["actions"]
        if a["type"] in ("prep", "debrief")
        and a["state"] == "planned"
        and datetime.fromisoformat(a["due"]) > datetime.fromisoformat(now)
    }


@pytest.mark.parametrize(
    "now",
    ["2027-03-01T10:00:00-05:00", "2031-07-04T23:30:00-04:00", "2044-12-25T00:15:00-05:00"],
)
def test_the_first_command_shows_drafts_and_reminders_whatever_the_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], now: str
) -> None:
    folder = tmp_path / "demo"
    res = run(capsys, "demo", str(folder), "--now", now)
    assert res.code == 0, res.err
    doc = plan(capsys, folder, now)
    keys = set(draft_keys(folder))
    thank_you, check_in = made(doc, "thank_you"), made(doc, "check_in_1")
    assert thank_you and thank_you <= keys, "no thank-you draft"
    assert check_in and check_in <= keys, "no check-in draft"
    ahead = coming(doc, now)
    assert len(ahead) >= 4 and ahead <= reminder_keys(folder), "no prep or debrief planned"
    for shown in ("Thank you", str(folder / "drafts"), str(folder / "reminders.ics"), "status"):
        assert shown in res.out


def test_the_readme_command_writes_into_a_folder_of_its_own_and_nothing_of_the_user(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    user_config = home / "config.toml"
    home.mkdir()
    user_config.write_text("# the user's own config\n")
    env = dict(
        os.environ,
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "cfg"),
        INTERVIEW_FOLLOWUP_CONFIG=str(user_config),
        INTERVIEW_FOLLOWUP_NOW="2029-05-15T09:00:00-04:00",
    )
    exe = Path(sys.executable).with_name("interview-followup")
    res = subprocess.run(
        [str(exe), "demo"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert res.returncode == 0, res.stderr
    folder = tmp_path / demo.DEFAULT_FOLDER
    assert (folder / "state.sqlite3").exists() and draft_keys(folder)
    assert sorted(p.name for p in home.iterdir()) == ["config.toml"]
    assert user_config.read_text() == "# the user's own config\n"
    assert "Traceback" not in res.stderr


def test_a_second_run_starts_afresh_and_a_foreign_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "demo"
    assert run(capsys, "demo", str(folder), "--now", "2027-03-01T10:00:00-05:00").code == 0
    first = draft_keys(folder)
    (folder / "notes.txt").write_text("mine")
    res = run(capsys, "demo", str(folder), "--now", "2028-03-01T10:00:00-05:00")
    assert res.code == 0, res.err
    assert len(draft_keys(folder)) == len(first)  # the old drafts went with the old calendar
    assert (folder / "notes.txt").read_text() == "mine"  # not the demo's: left alone

    foreign = tmp_path / "papers"
    foreign.mkdir()
    (foreign / "cv.pdf").write_text("cv")
    res = run(capsys, "demo", str(foreign))
    assert res.code == 2 and "not a demo folder" in res.err
    assert sorted(p.name for p in foreign.iterdir()) == ["cv.pdf"]


def test_the_demo_runs_on_the_settings_of_config_example_toml(tmp_path: Path) -> None:
    example = config.load(ROOT / "config.example.toml")
    mine = config.load(
        demo.prepare(tmp_path / "demo", datetime.fromisoformat("2027-03-01T10:00:00-05:00"))
    )
    assert mine.state_path == (tmp_path / "demo" / "state.sqlite3").resolve()
    assert (
        replace(
            mine,
            config_path=example.config_path,
            state_path=example.state_path,
            source={**mine.source, "path": example.source["path"]},
            reminders={**mine.reminders, "path": example.reminders["path"]},
            drafts={**mine.drafts, "path": example.drafts["path"]},
        )
        == example
    )


def test_the_calendar_is_the_same_for_the_same_date() -> None:
    tz = ZoneInfo(demo.TIMEZONE)
    day = datetime.fromisoformat("2030-02-11T08:00:00-05:00").date()
    assert demo.calendar(day, tz) == demo.calendar(day, tz)
    assert b"20300210T140000" in demo.calendar(day, tz)  # the panel interview, yesterday
