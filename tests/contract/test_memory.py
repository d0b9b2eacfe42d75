"""The contract on the in-memory reference backends."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pytest

from daemon.ports import DraftStore, EventSource, ReminderSpec, ReminderStore, ReplyWatcher
from tests.contract import memory
from tests.contract.contracts import (
    DraftStoreContract,
    EventSourceContract,
    ReminderStoreContract,
    ReplyWatcherContract,
)


@dataclass
class SourceWorld:
    cal: memory.Calendar = field(default_factory=memory.Calendar)
    cursors: dict[str, object] = field(default_factory=dict)

    def source(self) -> EventSource:
        return memory.MemorySource(self.cal, self.cursors)

    def user_puts(self, uid: str, title: str, start: datetime) -> None:
        memory.touch(self.cal, uid, memory.event(uid, title, start))

    def user_deletes(self, uid: str) -> None:
        memory.touch(self.cal, uid, None)

    def expire_cursor(self) -> None:
        self.cal.generation += 1


@dataclass
class ReminderWorld:
    events: dict[str, ReminderSpec] = field(default_factory=dict)

    def store(self) -> ReminderStore:
        return memory.MemoryReminders(self.events)

    def user_edits(self, key: str, summary: str) -> None:
        self.events[key] = memory.renamed(self.events[key], summary)

    def user_deletes(self, key: str) -> None:
        del self.events[key]

    def count(self) -> int:
        return len(self.events)


@dataclass
class MailWorld:
    box: memory.Mailbox = field(default_factory=memory.Mailbox)

    def store(self) -> DraftStore:
        return memory.MemoryDrafts(self.box)

    def _ref(self, key: str) -> str:
        return next(ref for ref, (k, _b) in self.box.drafts.items() if k == key)

    def user_edits(self, key: str, body: str) -> None:
        self.box.drafts[self._ref(key)] = (key, body)

    def user_deletes(self, key: str) -> None:
        del self.box.drafts[self._ref(key)]

    def count(self) -> int:
        return len(self.box.drafts)

    def watcher(self) -> ReplyWatcher:
        return memory.MemoryReplies(self.box)

    def deliver(self, sender: str, when: datetime, subject: str = "Re: interview") -> None:
        self.box.inbox.append((sender, when, subject))


class TestMemorySource(EventSourceContract):
    @pytest.fixture
    def world(self) -> SourceWorld:
        return SourceWorld()


class TestMemoryReminders(ReminderStoreContract):
    @pytest.fixture
    def world(self) -> ReminderWorld:
        return ReminderWorld()


class TestMemoryDrafts(DraftStoreContract):
    @pytest.fixture
    def world(self) -> MailWorld:
        return MailWorld()


class TestMemoryReplies(ReplyWatcherContract):
    @pytest.fixture
    def world(self) -> MailWorld:
        return MailWorld()
