"""The contract on the CalDAV adapters against a real Radicale started on 127.0.0.1.

The user's hands are plain HTTP requests to the same server, as their calendar app makes
them (unconditional PUT and DELETE). Sync tokens live one second on this server
(``max_sync_token_age``), so a token can be made to expire for real.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import icalendar
import pytest

from daemon.ports import EventSource, MemoryCursorStore, ReminderStore
from integrations.caldav.reminders import CalDAVReminders
from integrations.caldav.session import CalDAVSession, Collection
from integrations.caldav.source import CalDAVSource
from integrations.ics import IcsSource
from integrations.ics_reminders import KEY_PROP
from tests.contract.contracts import (
    CredentialsContract,
    EventSourceContract,
    ReminderStoreContract,
    user_calendar,
)
from tests.fakes.radicale_server import PASSWORD, USER, Radicale

TOKEN_AGE = 1  # seconds a sync token lives on the test server
_names = itertools.count(1)


@pytest.fixture(scope="module")
def server() -> Iterator[Radicale]:
    with Radicale(max_sync_token_age=TOKEN_AGE) as radicale:
        yield radicale


def session(server: Radicale, password: str = PASSWORD) -> CalDAVSession:
    return CalDAVSession(server.url, USER, lambda: password)


def parser(name: str, source_id: str) -> IcsSource:
    return IcsSource(
        Path("caldav"),
        source_id=source_id,
        user_tz="America/New_York",
        keywords=("interview",),
        name=name or "caldav",
    )


def vcalendar(uid: str, title: str, start: datetime) -> str:
    return user_calendar({uid: (title, start)}).decode()


class CalDAVWorld:
    """One calendar of the test user, fresh per test, and the user's own requests."""

    def __init__(self, server: Radicale) -> None:
        self.server = server
        self.name = f"Work {next(_names)}"
        self.hands = session(server)
        self.cal: Collection = self.hands.make_calendar(self.name)
        self.cursors = MemoryCursorStore()

    def _put(self, href: str, text: str) -> None:
        url = urljoin(self.cal.url, href)
        done = self.hands.request("PUT", url, "the user", text, {"Content-Type": "text/calendar"})
        assert done.status in (200, 201, 204), done.status

    def _delete(self, href: str) -> None:
        url = urljoin(self.cal.url, href)
        assert self.hands.request("DELETE", url, "the user").status in (200, 204)

    # source
    def source(self) -> EventSource:
        return CalDAVSource(session(self.server), [self.name], parser, self.cursors)

    def user_puts(self, uid: str, title: str, start: datetime) -> None:
        self._put(f"{uid}.ics", vcalendar(uid, title, start))

    def user_deletes(self, uid: str) -> None:
        self._delete(f"{uid}.ics")

    def expire_cursor(self) -> None:
        """Let the token age past the server's limit, then have another client sync after a
        change: Radicale drops expired tokens when it makes a new one."""
        time.sleep(TOKEN_AGE + 1.1)
        self._put("other-client.ics", vcalendar("other-client", "Dentist", datetime.now(UTC)))
        self.hands.sync(self.cal.url, None)

    # reminders
    def store(self) -> ReminderStore:
        return CalDAVReminders(session(self.server), self.name)

    def _ours(self, key: str) -> tuple[str, Any]:
        for href, res in self.hands.query(self.cal.url, None, None).items():
            cal = icalendar.Calendar.from_ical(res.text)
            if any(str(ev.get(KEY_PROP)) == key for ev in cal.walk("VEVENT")):
                return href, cal
        raise KeyError(key)

    def user_edits(self, key: str, summary: str) -> None:
        href, cal = self._ours(key)
        for ev in cal.walk("VEVENT"):
            ev["summary"] = icalendar.vText(summary)
        self._put(href, cal.to_ical().decode())

    def count(self) -> int:
        return len(self.hands.query(self.cal.url, None, None))


class ReminderWorld(CalDAVWorld):
    def user_deletes(self, key: str) -> None:
        self._delete(self._ours(key)[0])


class TestCalDAVSource(EventSourceContract, CredentialsContract):
    secret = PASSWORD

    @pytest.fixture
    def world(self, server: Radicale) -> CalDAVWorld:
        return CalDAVWorld(server)

    @pytest.fixture
    def refused(self, server: Radicale) -> Any:
        world = CalDAVWorld(server)
        return CalDAVSource(session(server, "wrong"), [world.name], parser).read

    def test_the_expired_token_was_met_and_answered_with_a_full_read(
        self, world: CalDAVWorld, caplog: pytest.LogCaptureFixture
    ) -> None:
        """The contract's expiry test passes either way; here the server really refused."""
        world.user_puts("a1", "Interview with Acme", datetime(2026, 12, 1, 19, tzinfo=UTC))
        first = world.source()
        first.read()
        first.commit()
        world.expire_cursor()
        with caplog.at_level(logging.INFO, logger="integrations.caldav.source"):
            titles = {e.title for e in world.source().read().events}
        assert titles == {"Interview with Acme"}
        assert "sync token" in caplog.text and "expired" in caplog.text


class TestCalDAVReminders(ReminderStoreContract, CredentialsContract):
    secret = PASSWORD

    @pytest.fixture
    def world(self, server: Radicale) -> ReminderWorld:
        return ReminderWorld(server)

    @pytest.fixture
    def refused(self, server: Radicale) -> Any:
        world = ReminderWorld(server)
        return CalDAVReminders(session(server, "wrong"), world.name).snapshot
