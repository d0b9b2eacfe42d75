"""The contract on the local backends: an ``.ics`` file as source and as reminder store, a
Maildir for drafts. The user's hands are their calendar app rewriting the file and their
mail client rewriting a message file."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email import policy
from pathlib import Path

import icalendar
import pytest

from daemon.ports import DraftStore, EventSource, ReminderStore
from integrations.ics import IcsSource
from integrations.ics_reminders import KEY_PROP, IcsReminders
from integrations.maildir import MaildirDrafts
from tests.contract.contracts import (
    DraftStoreContract,
    EventSourceContract,
    ReminderStoreContract,
    user_calendar,
)


class IcsSourceWorld:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.events: dict[str, tuple[str, datetime]] = {}

    def source(self) -> EventSource:
        return IcsSource(
            self.path, source_id="ics:cal.ics", user_tz="America/New_York", keywords=("interview",)
        )

    def _write(self) -> None:
        self.path.write_bytes(user_calendar(self.events))

    def user_puts(self, uid: str, title: str, start: datetime) -> None:
        self.events[uid] = (title, start)
        self._write()

    def user_deletes(self, uid: str) -> None:
        del self.events[uid]
        self._write()

    def expire_cursor(self) -> None:
        """A file has no cursor: every read is a full read."""


class IcsRemindersWorld:
    def __init__(self, path: Path) -> None:
        self.path = path

    def store(self) -> ReminderStore:
        return IcsReminders(self.path)

    def _rewrite(self, key: str, summary: str | None) -> None:
        cal = icalendar.Calendar.from_ical(self.path.read_bytes())
        kept = []
        for comp in cal.subcomponents:
            if comp.name == "VEVENT" and str(comp.get(KEY_PROP)) == key:
                if summary is None:
                    continue
                comp["summary"] = icalendar.vText(summary)
            kept.append(comp)
        cal.subcomponents = kept
        self.path.write_bytes(cal.to_ical())

    def user_edits(self, key: str, summary: str) -> None:
        self._rewrite(key, summary)

    def user_deletes(self, key: str) -> None:
        self._rewrite(key, None)

    def count(self) -> int:
        return len(icalendar.Calendar.from_ical(self.path.read_bytes()).walk("VEVENT"))


class MaildirWorld:
    def __init__(self, path: Path) -> None:
        self.path = path

    def store(self) -> DraftStore:
        return MaildirDrafts(self.path, clock=lambda: datetime(2026, 12, 1, 16, tzinfo=UTC))

    def _file(self, key: str) -> Path:
        for file in sorted(self.path.glob("*/*")):
            msg = email.message_from_bytes(file.read_bytes(), policy=policy.default)
            if msg["X-Interview-Followup-Key"] == key:
                return file
        raise KeyError(key)

    def user_edits(self, key: str, body: str) -> None:
        file = self._file(key)
        msg = email.message_from_bytes(file.read_bytes(), policy=policy.default)
        msg.set_content(body)
        file.write_bytes(msg.as_bytes())

    def user_deletes(self, key: str) -> None:
        self._file(key).unlink()

    def count(self) -> int:
        return len([f for f in self.path.glob("*/*") if f.parent.name in ("cur", "new")])


class TestIcsSource(EventSourceContract):
    @pytest.fixture
    def world(self, tmp_path: Path) -> IcsSourceWorld:
        return IcsSourceWorld(tmp_path / "cal.ics")


class TestIcsReminders(ReminderStoreContract):
    @pytest.fixture
    def world(self, tmp_path: Path) -> IcsRemindersWorld:
        return IcsRemindersWorld(tmp_path / "reminders.ics")


class TestMaildirDrafts(DraftStoreContract):
    @pytest.fixture
    def world(self, tmp_path: Path) -> MaildirWorld:
        return MaildirWorld(tmp_path / "drafts")
