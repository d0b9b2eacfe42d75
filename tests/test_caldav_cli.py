"""The product against a real CalDAV server (Radicale on 127.0.0.1), through the CLI: what
only CalDAV has. Sign-in goes through `auth caldav` with the password in an in-memory
keyring, or a password_command; doctor lists the calendars; plain HTTP is refused for a
remote server; an idle poll costs one request per calendar.

The scenarios every backend shares (the example's plan, reminders and drafts as on the
.ics path, edits, moves, cancellations, nothing twice) are in tests/test_end_to_end.py.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import keyring
import pytest

from integrations import secrets
from integrations.caldav.session import CalDAVSession
from tests.backend_spaces import caldav_resources
from tests.conftest import BASE_CONFIG, EXAMPLE_CALENDAR, Result, run_cli
from tests.fakes.memory_keyring import MemoryKeyring
from tests.fakes.radicale_server import PASSWORD, USER, Radicale

BEFORE = "2026-11-22T09:00:00-05:00"
_names = itertools.count(1)


@pytest.fixture(scope="module")
def server() -> Iterator[Radicale]:
    with Radicale(log_requests=True) as radicale:
        yield radicale


@pytest.fixture
def ring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


class CalDavWorkspace:
    """The example calendar in a CalDAV calendar, one resource per event as calendar apps
    store them, and a workspace (``dav``) reading it, with reminders in CalDAV too."""

    def __init__(
        self,
        root: Path,
        server: Radicale,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        n = next(_names)
        self.capsys = capsys
        self.work, self.followups = f"Work {n}", f"Follow-ups {n}"
        hands = CalDAVSession(server.url, USER, lambda: PASSWORD)
        cal = hands.make_calendar(self.work)
        for i, text in enumerate(caldav_resources(EXAMPLE_CALENDAR.read_bytes()).values()):
            href = urljoin(cal.url, f"{i:03d}.ics")
            headers = {"Content-Type": "text/calendar"}
            done = hands.request("PUT", href, "the user", text, headers)
            assert done.status in (200, 201, 204)
        hands.close()
        self.dav = root / "dav"
        self.dav.mkdir()
        (self.dav / "config.toml").write_text(
            BASE_CONFIG.replace(
                '[source]\ntype = "ics"\npath = "calendar.ics"',
                f'[source]\ntype = "caldav"\ncalendars = ["{self.work}"]',
            ).replace(
                '[reminders]\ntype = "ics"\npath = "reminders.ics"',
                f'[reminders]\ntype = "caldav"\ncalendar = "{self.followups}"',
            )
            + f'\n[caldav]\nurl = "{server.url}"\nusername = "{USER}"\n'
        )

    def run(self, which: Path, *args: str) -> Result:
        return run_cli(which / "config.toml", self.capsys, *args)

    def sync(self, which: Path, now: str) -> Result:
        res = self.run(which, "sync", "--now", now)
        assert res.code == 0, res.err
        return res


@pytest.fixture
def cws(
    tmp_path: Path, server: Radicale, ring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> CalDavWorkspace:
    ring.set_password(secrets.SERVICE_NAME, secrets.keyring_user("caldav", USER), PASSWORD)
    return CalDavWorkspace(tmp_path, server, capsys)


def test_auth_caldav_stores_the_password_and_a_wrong_one_is_exit_4(
    cws: CalDavWorkspace, ring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    ring.data.clear()
    res = cws.run(cws.dav, "plan", "--now", BEFORE)
    assert res.code == 4 and "auth caldav" in res.err
    monkeypatch.setattr("sys.stdin", io.StringIO("not it\n"))
    res = cws.run(cws.dav, "auth", "caldav", "--password-stdin")
    assert res.code == 4 and "nothing stored" in res.err
    assert "not it" not in res.out + res.err
    assert ring.data == {}
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    res = cws.run(cws.dav, "auth", "caldav", "--password-stdin")
    assert res.code == 0, res.err
    assert "the server accepted it" in res.out and PASSWORD not in res.out
    assert ring.get_password("interview-followup", f"caldav:{USER}") == PASSWORD
    assert cws.run(cws.dav, "plan", "--now", BEFORE).code == 0


def test_a_password_command_instead_of_the_keyring(
    cws: CalDavWorkspace, ring: MemoryKeyring
) -> None:
    ring.data.clear()
    config = cws.dav / "config.toml"
    config.write_text(
        config.read_text() + f'password_command = ["printf", "%s\\\\n", "{PASSWORD}"]\n'
    )
    assert cws.run(cws.dav, "plan", "--now", BEFORE).code == 0
    config.write_text(config.read_text().replace('"printf"', '"false"'))
    res = cws.run(cws.dav, "plan", "--now", BEFORE)
    assert res.code == 4 and "password_command failed" in res.err


def test_doctor_signs_in_and_lists_the_calendars(cws: CalDavWorkspace) -> None:
    cws.sync(cws.dav, BEFORE)
    res = cws.run(cws.dav, "doctor", "--now", BEFORE)
    line = next(x for x in res.out.splitlines() if x.split()[1:2] == ["caldav:"])
    assert line.startswith("ok") and f"signed in as {USER}" in line
    assert cws.work in line and cws.followups in line


def test_plain_http_is_refused_for_a_remote_server(cws: CalDavWorkspace) -> None:
    config = cws.dav / "config.toml"
    text = config.read_text()
    start = text.index('url = "') + len('url = "')
    end = text.index('"', start)
    config.write_text(text[:start] + "http://caldav.example.com/" + text[end:])
    res = cws.run(cws.dav, "plan", "--now", BEFORE)
    assert res.code == 2 and "[caldav] url: must be https://" in res.err


def test_an_idle_poll_of_the_daemon_is_one_request_per_calendar(
    cws: CalDavWorkspace, server: Radicale
) -> None:
    """The daemon keeps its adapters: a poll where nothing changed asks the source calendar
    what changed (one sync-collection REPORT) and the reminders calendar for its sync token
    (one PROPFIND), and writes nothing."""
    from daemon import cli, config
    from daemon.scheduler import Engine
    from daemon.state import StateStore

    settings = config.load(cws.dav / "config.toml")
    engine = Engine(settings, lambda s: StateStore(s.state_path), cli._adapters)
    t = datetime.fromisoformat(BEFORE)
    assert engine.cycle(t).ok
    seen = len(server.requests())
    assert engine.cycle(t).ok
    idle = server.requests()[seen:]
    assert sorted(m for m, _ in idle) == ["PROPFIND", "REPORT"], idle
    assert len({path for _, path in idle}) == 2  # one each, to two calendars
