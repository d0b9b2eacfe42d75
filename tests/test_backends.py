"""Backends as plug-ins: the table, the keys each backend declares, and what follows from
them in ``config``, ``doctor`` and the daemon's health (the fix it names)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from daemon import backends, config, health
from daemon.ports import AuthError
from tests.conftest import BASE_CONFIG, ROOT, Workspace

GOOGLE = BASE_CONFIG.replace(
    '[source]\ntype = "ics"\npath = "calendar.ics"',
    '[source]\ntype = "google"\ncalendars = ["primary"]',
) + '\n[google]\naccount = "alex@example.com"\n'


def _load(tmp_path: Path, text: str) -> object:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return config.load(path)


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(config.ConfigError) as info:
        _load(tmp_path, text)
    return str(info.value)


@pytest.mark.parametrize(
    ("role", "kind"), [(r, k) for r, table in backends.BACKENDS.items() for k in table]
)
def test_every_table_line_names_a_backend_of_that_role_and_type(role: str, kind: str) -> None:
    found = backends.backend(role, kind)  # type: ignore[arg-type]
    assert (found.role, found.type) == (role, kind)
    assert found.account is None or found.account in backends.ACCOUNTS
    assert len({k.name for k in found.keys}) == len(found.keys)


def test_the_core_never_imports_integrations() -> None:
    """Imports go one way: the adapters use the core's ports and model, never the reverse."""
    offenders = []
    for path in sorted((ROOT / "daemon").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "integrations"]
    assert offenders == []


def test_status_and_help_load_no_network_stack(ws: Workspace) -> None:
    """`status` on a Google config imports neither the Google client nor caldav."""
    ws.config.write_text(GOOGLE)
    probe = (
        "import sys\nfrom daemon import cli\n"
        "for argv in (['--help'], ['--config', sys.argv[1], 'status']):\n"
        "    try:\n        cli.main(argv)\n    except SystemExit as e:\n"
        "        assert not e.code, e.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('googleapiclient', 'google_auth_oauthlib', 'caldav', 'niquests', 'imapclient'))\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(ws.config)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stdout


def test_a_key_of_another_type_is_named_as_unknown(tmp_path: Path) -> None:
    text = BASE_CONFIG.replace('path = "reminders.ics"', 'path = "reminders.ics"\ncalendar = "x"')
    message = _error(tmp_path, text)
    assert "[reminders] calendar: unknown key 'calendar' with type = 'ics'" in message


def test_declared_defaults_are_filled_in(tmp_path: Path) -> None:
    settings = _load(tmp_path, GOOGLE)
    assert settings.source["calendars"] == ["primary"]  # type: ignore[attr-defined]
    assert settings.source["interview_calendars"] == []  # type: ignore[attr-defined]
    assert settings.google["reply_detection"] is True  # type: ignore[attr-defined]


def test_required_keys_of_a_used_account(tmp_path: Path) -> None:
    message = _error(tmp_path, GOOGLE.replace('account = "alex@example.com"\n', ""))
    assert "[google] account: is required when [source] type = 'google'" in message


def test_an_unused_account_section_is_still_checked(tmp_path: Path) -> None:
    message = _error(tmp_path, BASE_CONFIG + '\n[google]\naccount = "a@b.c"\ncolour = "red"\n')
    assert "[google] colour: unknown key 'colour'" in message
    assert _load(tmp_path, BASE_CONFIG + '\n[google]\nreply_detection = false\n')


def test_an_unknown_type_lists_the_types_there_are(tmp_path: Path) -> None:
    message = _error(tmp_path, BASE_CONFIG.replace('type = "maildir"', 'type = "pigeon"'))
    assert "[drafts] type: must be one of maildir | gmail" in message


def test_an_auth_error_names_the_fix_of_the_backend_in_use(tmp_path: Path) -> None:
    settings = _load(tmp_path, GOOGLE)
    problem = health.classify(AuthError("the token was refused"), settings)  # type: ignore[arg-type]
    assert problem.fix == "run `interview-followup auth google`"
    own = health.classify(AuthError("no password", fix="run `x auth y`"), settings)  # type: ignore[arg-type]
    assert own.fix == "run `x auth y`"
    local = health.classify(AuthError("?"), _load(tmp_path, BASE_CONFIG))  # type: ignore[arg-type]
    assert "auth google" not in local.fix
