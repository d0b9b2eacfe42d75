"""Config values that must stop the program before it writes anything: who the user is,
numbers outside their bounds, holiday regions, the templates folder, the example's state.

Each bad value is exit 2 with one line naming the file and the ``[section] key``; nothing
is written, and nothing says "unexpected"."""

from __future__ import annotations

import re
import shutil
from dataclasses import fields
from pathlib import Path

import pytest

from daemon import config
from daemon.settings import DetectionSettings, TimelineSettings
from tests.conftest import ROOT, Result, Workspace, run_cli

NOW = "2026-12-01T18:00:00-05:00"


def refused(ws: Workspace, res: Result, key: str) -> None:
    """Exit 2, one line naming the config file and the key, and nothing written."""
    assert res.code == 2, res.err
    assert res.err.count("\n") == 1, res.err
    assert res.err.startswith(f"error: {ws.config}: {key}:"), res.err
    assert "unexpected" not in res.err
    assert not ws.reminders.exists() and not ws.drafts.exists()


def set_line(ws: Workspace, old: str, new: str) -> None:
    text = ws.config.read_text()
    assert old in text, old
    ws.config.write_text(text.replace(old, new))


# who the user is -------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["name", "email"])
def test_user_name_and_email_are_required(ws: Workspace, key: str) -> None:
    """No built-in stand-in: drafts would be signed by someone else, or thank the user."""
    line = next(x for x in ws.config.read_text().splitlines() if x.startswith(f"{key} ="))
    set_line(ws, line + "\n", "")
    res = ws.run("sync", "--now", NOW)
    refused(ws, res, f"[user] {key}")
    assert "is required" in res.err


def test_a_config_without_a_user_section_is_refused(ws: Workspace) -> None:
    text = ws.config.read_text()
    user, rest = text.split("\n\n", 1)
    assert user.startswith("[user]")
    ws.config.write_text(rest)
    refused(ws, ws.run("sync", "--now", NOW), "[user] name")


@pytest.mark.parametrize(
    "email", ["alex at example.com", "alex@example.com, boss@example.com", "al ex@example.com"]
)
def test_an_unusable_user_email_is_refused_at_once(ws: Workspace, email: str) -> None:
    set_line(ws, 'email = "alex@example.com"', f'email = "{email}"')
    res = ws.run("sync", "--now", NOW)
    refused(ws, res, "[user] email")
    assert "not a usable e-mail address" in res.err


# numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "setting", "key"),
    [
        ("daemon", "poll_minutes = nan", "[daemon] poll_minutes"),
        ("daemon", "poll_minutes = inf", "[daemon] poll_minutes"),
        ("daemon", "poll_minutes = -1", "[daemon] poll_minutes"),
        ("daemon", "poll_minutes = 0", "[daemon] poll_minutes"),
        ("daemon", "poll_minutes = 1e300", "[daemon] poll_minutes"),
        ("timeline", "networking_count = 100000", "[timeline] networking_count"),
        ("timeline", "networking_count = -1", "[timeline] networking_count"),
        ("timeline", "check_in_default_days = -3", "[timeline] check_in_default_days"),
        ("timeline", "check_in_2_days = 99999999999", "[timeline] check_in_2_days"),
        ("timeline", "networking_days = 3650000", "[timeline] networking_days"),
        ("timeline", "min_outreach_spacing_days = 3", "[timeline] min_outreach_spacing_days"),
        ("timeline", "thank_you_delay_minutes = 100000", "[timeline] thank_you_delay_minutes"),
        ("timeline", "grace_hours = { thank_you = nan }", "[timeline] grace_hours.thank_you"),
        ("timeline", "grace_hours = { debrief = inf }", "[timeline] grace_hours.debrief"),
        ("timeline", "grace_hours = { linkedin = -1 }", "[timeline] grace_hours.linkedin"),
        ("detection", "default_length_minutes = 0", "[detection] default_length_minutes"),
        ("detection", "default_length_minutes = 1e9", "[detection] default_length_minutes"),
    ],
)
def test_numbers_outside_their_bounds_are_refused(
    ws: Workspace, section: str, setting: str, key: str
) -> None:
    ws.config.write_text(ws.config.read_text() + f"\n[{section}]\n{setting}\n")
    res = ws.run("sync", "--now", NOW)
    refused(ws, res, key)
    assert re.search(r"must be a (whole )?number from \S+ to \S+", res.err), res.err


def _numeric(cls: type) -> list[str]:
    return [f.name for f in fields(cls) if f.type in ("int", "float")]


def test_every_number_of_the_config_has_documented_bounds(ws: Workspace) -> None:
    """Both ends of each range are accepted and one step outside either is refused, so a
    new number key cannot slip in unbounded."""
    keys = {("timeline", k) for k in _numeric(TimelineSettings)}
    keys |= {("detection", k) for k in _numeric(DetectionSettings)}
    keys |= {("daemon", "poll_minutes"), ("timeline", "grace_hours")}
    assert keys == set(config.LIMITS)
    base = ws.config.read_text()
    for (section, key), (low, high) in config.LIMITS.items():
        step = 1 if float(low).is_integer() and float(high).is_integer() else 0.1
        for value, ok in ((low, True), (high, True), (low - step, False), (high + step, False)):
            shown = f"{value:g}" if key != "poll_minutes" else repr(float(value))
            setting = f"{{ thank_you = {shown} }}" if key == "grace_hours" else shown
            ws.config.write_text(base + f"\n[{section}]\n{key} = {setting}\n")
            if ok:
                config.load(ws.config)
            else:
                with pytest.raises(config.ConfigError, match=rf"\[{section}\] {key}"):
                    config.load(ws.config)


def test_a_reload_with_nan_keeps_the_daemon_polling(ws: Workspace) -> None:
    from daemon.scheduler import Engine
    from daemon.state import StateStore

    engine = Engine(config.load(ws.config), lambda s: StateStore(s.state_path), lambda s, t: None)
    ws.config.write_text(ws.config.read_text() + "\n[daemon]\npoll_minutes = nan\n")
    assert not engine.reload()
    assert engine.settings.poll_minutes == 5


# holidays --------------------------------------------------------------------------------


def test_a_bad_holiday_region_is_named_as_a_region(ws: Workspace) -> None:
    set_line(ws, 'holiday_country = "US"', 'holiday_country = "US"\nholiday_region = "ZZ"')
    res = ws.run("plan", "--now", NOW)
    refused(ws, res, "[user] holiday_region")
    assert "unknown region 'ZZ' of 'US'" in res.err and "NY" in res.err
    set_line(ws, 'holiday_region = "ZZ"', 'holiday_region = "NY"')
    assert ws.run("plan", "--now", NOW).code == 0


def test_a_bad_holiday_country_is_named_as_a_country(ws: Workspace) -> None:
    set_line(ws, 'holiday_country = "US"', 'holiday_country = "ZZ"')
    res = ws.run("plan", "--now", NOW)
    refused(ws, res, "[user] holiday_country")
    assert "unknown country 'ZZ'" in res.err


# templates -------------------------------------------------------------------------------


def test_a_missing_templates_folder_is_refused(ws: Workspace) -> None:
    """The user asked for their own wording: drafts in the built-in one behind their back
    would be wrong, so the config does not start (and doctor says why)."""
    ws.config.write_text(ws.config.read_text() + '\n[templates]\npath = "my-templates"\n')
    res = ws.run("sync", "--now", NOW)
    refused(ws, res, "[templates] path")
    assert f"no such folder {ws.root / 'my-templates'}" in res.err
    doctor = ws.run("doctor", "--now", NOW)
    assert doctor.code == 2
    assert f"problem  templates: [templates] path: no such folder {ws.root}" in doctor.out
    (ws.root / "my-templates").mkdir()
    assert ws.run("sync", "--now", NOW).code == 0


# the example config ----------------------------------------------------------------------


def test_the_example_config_keeps_its_state_next_to_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trying the quick start must not put the example's interviews into the state a real
    config (which keeps the default, under the data directory) uses later."""
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    example = tmp_path / "try" / "config.example.toml"
    (example.parent / "examples").mkdir(parents=True)
    shutil.copy(ROOT / "config.example.toml", example)
    shutil.copy(ROOT / "examples" / "calendar.ics", example.parent / "examples")
    res = run_cli(example, capsys, "sync", "--now", NOW)
    assert res.code == 0, res.err
    assert (example.parent / "state.sqlite3").is_file()
    assert not data.exists()
    real = tmp_path / "real.toml"
    real.write_text(example.read_text().split("\n[state]\n")[0])
    assert config.load(real).state_path == data / "interview-followup" / "state.sqlite3"
