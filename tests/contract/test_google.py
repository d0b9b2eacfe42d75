"""The contract on the Google adapters, through the real client libraries against the local
fake (tests/fakes/google_server.py). The user's hands are the fake's ``user_*`` helpers,
which change data the way Google's own apps do, without an API call."""

from __future__ import annotations

import email
import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from email import policy
from typing import Any

import keyring
import pytest

from daemon.ports import DraftStore, EventSource, ReminderStore, ReplyWatcher
from integrations.google import auth
from integrations.google.calendar import (
    KEY_PROPERTY,
    GoogleCalendarSource,
    GoogleReminders,
    MemoryCursorStore,
)
from integrations.google.client import GoogleClient
from integrations.google.gmail import GmailDrafts, GmailReplies
from tests.contract.contracts import (
    CredentialsContract,
    DraftStoreContract,
    EventSourceContract,
    ReminderStoreContract,
    ReplyWatcherContract,
)
from tests.fakes.google_server import FakeGoogle, loopback_only
from tests.fakes.memory_keyring import MemoryKeyring

ACCOUNT = "alex@example.com"
FOLLOWUPS = "followups"


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    loopback_only(monkeypatch)


@pytest.fixture
def fake() -> Iterator[FakeGoogle]:
    with FakeGoogle(account=ACCOUNT, seed=5) as server:
        server.add_calendar(FOLLOWUPS)
        yield server


@pytest.fixture
def client(fake: FakeGoogle) -> Iterator[Callable[[], GoogleClient]]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    ring.set_password(auth.SERVICE_NAME, ACCOUNT, json.dumps(fake.authorized_user_info()))
    yield lambda: GoogleClient(fake.root, ACCOUNT, sleep=lambda _: None, backoff=0.0)
    keyring.set_keyring(previous)


class GoogleWorld:
    """Calendar and Gmail of one account on the fake."""

    def __init__(self, fake: FakeGoogle, client: Callable[[], GoogleClient]) -> None:
        self.fake = fake
        self.client = client
        self.cursors = MemoryCursorStore()

    # calendar source
    def source(self) -> EventSource:
        return GoogleCalendarSource(
            None, ["primary"], ACCOUNT, cursor_store=self.cursors, client=self.client()
        )

    def user_puts(self, uid: str, title: str, start: datetime) -> None:
        when = {
            "summary": title,
            "start": {"dateTime": start.isoformat()},
            "end": {"dateTime": (start + timedelta(hours=1)).isoformat()},
        }
        if self.fake.event("primary", uid) is None:
            self.fake.seed_event("primary", {"id": uid, **when})
        else:
            self.fake.user_update_event("primary", uid, when)

    def user_deletes(self, uid: str) -> None:
        self.fake.user_delete_event("primary", uid)

    def expire_cursor(self) -> None:
        self.fake.invalidate_sync_tokens("primary")

    # reminders
    def store(self) -> Any:
        return GoogleReminders(None, FOLLOWUPS, ACCOUNT, client=self.client())

    def _event_id(self, key: str) -> str:
        for ev in self.fake.events(FOLLOWUPS):
            if ev.get("extendedProperties", {}).get("private", {}).get(KEY_PROPERTY) == key:
                return str(ev["id"])
        raise KeyError(key)

    def user_edits(self, key: str, summary: str) -> None:
        self.fake.user_update_event(FOLLOWUPS, self._event_id(key), {"summary": summary})

    def user_deletes_reminder(self, key: str) -> None:
        self.fake.user_delete_event(FOLLOWUPS, self._event_id(key))

    def count(self) -> int:
        return len(self.fake.events(FOLLOWUPS))


class ReminderWorld(GoogleWorld):
    def user_deletes(self, key: str) -> None:
        self.user_deletes_reminder(key)


class DraftWorld(GoogleWorld):
    def store(self) -> DraftStore:
        return GmailDrafts(None, ACCOUNT, client=self.client())

    def _draft(self, key: str) -> dict[str, Any]:
        return next(
            d for d in self.fake.drafts() if d["headers"].get("x-interview-followup-key") == key
        )

    def user_edits(self, key: str, body: str) -> None:
        found = self._draft(key)
        msg = email.message_from_bytes(found["raw"], policy=policy.default)
        msg.set_content(body)
        self.fake.user_edit_draft(found["id"], msg.as_bytes())

    def user_deletes(self, key: str) -> None:
        self.fake.user_delete_draft(self._draft(key)["id"])

    def count(self) -> int:
        return len(self.fake.drafts())

    def watcher(self) -> ReplyWatcher:
        return GmailReplies(None, ACCOUNT, client=self.client())

    def deliver(self, sender: str, when: datetime, subject: str = "Re: interview") -> None:
        self.fake.add_message(sender, subject=subject, when=when)


class TestGoogleCalendarSource(EventSourceContract, CredentialsContract):
    @pytest.fixture
    def world(self, fake: FakeGoogle, client: Callable[[], GoogleClient]) -> GoogleWorld:
        return GoogleWorld(fake, client)

    @pytest.fixture
    def refused(self, fake: FakeGoogle, client: Callable[[], GoogleClient]) -> Any:
        fake.revoke()
        fake.expire_access_tokens()
        return GoogleWorld(fake, client).source().read


class TestGoogleReminders(ReminderStoreContract, CredentialsContract):
    @pytest.fixture
    def world(self, fake: FakeGoogle, client: Callable[[], GoogleClient]) -> ReminderWorld:
        return ReminderWorld(fake, client)

    @pytest.fixture
    def refused(self, fake: FakeGoogle, client: Callable[[], GoogleClient]) -> Any:
        fake.revoke()
        fake.expire_access_tokens()
        store: ReminderStore = ReminderWorld(fake, client).store()
        return store.snapshot


class TestGmailDrafts(DraftStoreContract, CredentialsContract):
    @pytest.fixture
    def world(self, fake: FakeGoogle, client: Callable[[], GoogleClient]) -> DraftWorld:
        return DraftWorld(fake, client)

    @pytest.fixture
    def refused(self, fake: FakeGoogle, client: Callable[[], GoogleClient]) -> Any:
        fake.revoke()
        fake.expire_access_tokens()
        return DraftWorld(fake, client).store().snapshot


class TestGmailReplies(ReplyWatcherContract):
    @pytest.fixture
    def world(self, fake: FakeGoogle, client: Callable[[], GoogleClient]) -> DraftWorld:
        return DraftWorld(fake, client)
