"""In-memory backends: the smallest implementations of the ports that pass the contract.

They are the reference a new backend is read against (what each method must do, nothing
more), and show the contract asks for nothing a real store cannot give.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from email.utils import parseaddr

from daemon.model import Person, SourceEvent
from daemon.ports import (
    DraftSpec,
    DraftStore,
    EventSource,
    ExistingDraft,
    FoundReply,
    ReminderSpec,
    ReminderStore,
    ReplyQuery,
    ReplyWatcher,
    SourceRead,
)


@dataclass
class Calendar:
    """A calendar server's content: events by uid, and a change counter for cursors."""

    events: dict[str, SourceEvent] = field(default_factory=dict)
    generation: int = 0  # bumped to invalidate every cursor handed out
    changes: list[str] = field(default_factory=list)  # uid per change, in order


class MemorySource(EventSource):
    """Reads only the changes since its cursor, like a server with sync tokens."""

    def __init__(self, cal: Calendar, cursors: dict[str, object]) -> None:
        self.cal = cal
        self.cursors = cursors
        self._pending: dict[str, object] = {}

    def read(self) -> SourceRead:
        cursor = self.cursors.get("memory")
        known: dict[str, SourceEvent] = {}
        if isinstance(cursor, tuple) and cursor[0] == self.cal.generation:
            known = dict(cursor[2])
            for uid in self.cal.changes[cursor[1] :]:
                known.pop(uid, None)
                if uid in self.cal.events:
                    known[uid] = self.cal.events[uid]
        else:  # no cursor, or an expired one: a full read
            known = dict(self.cal.events)
        self._pending = {"memory": (self.cal.generation, len(self.cal.changes), known)}
        return SourceRead(tuple(known.values()))

    def commit(self) -> None:
        self.cursors.update(self._pending)


class MemoryReminders(ReminderStore):
    def __init__(self, events: dict[str, ReminderSpec]) -> None:
        self.events = events

    def fingerprint(self) -> str | None:
        text = repr(sorted(self.events.items()))
        return hashlib.sha256(text.encode()).hexdigest()

    def snapshot(self) -> dict[str, ReminderSpec]:
        return dict(self.events)

    def apply(self, upserts: list[ReminderSpec], deletes: list[str]) -> None:
        for spec in upserts:
            self.events[spec.key] = spec
        for key in deletes:
            self.events.pop(key, None)


@dataclass
class Mailbox:
    drafts: dict[str, tuple[str, str]] = field(default_factory=dict)  # ref -> (key, body)
    inbox: list[tuple[str, datetime, str]] = field(default_factory=list)  # from, date, subject
    serial: int = 0


def _fp(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()[:32]


class MemoryDrafts(DraftStore):
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    def snapshot(self) -> dict[str, ExistingDraft]:
        return {
            key: ExistingDraft(key, ref, _fp(body)) for ref, (key, body) in self.box.drafts.items()
        }

    def create(self, spec: DraftSpec) -> ExistingDraft:
        self.box.serial += 1
        ref = f"d{self.box.serial}"
        self.box.drafts[ref] = (spec.key, spec.body)
        return ExistingDraft(spec.key, ref, _fp(spec.body))

    def delete(self, ref: str) -> None:
        self.box.drafts.pop(ref, None)


class MemoryReplies(ReplyWatcher):
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    def find(self, queries: list[ReplyQuery]) -> list[FoundReply]:
        found = []
        for n, (sender, when, subject) in enumerate(self.box.inbox):
            name, address = parseaddr(sender)
            ids = tuple(
                q.interview_id
                for q in queries
                if when > q.after
                and (address.lower() in q.senders or address.split("@")[-1] in q.domains)
            )
            if ids:
                found.append(FoundReply(f"m{n}", ids, Person(name, address.lower()), when, subject))
        return sorted(found, key=lambda r: r.received)

    def fetch(self, ref: str) -> bytes | None:
        n = int(ref[1:])
        if n >= len(self.box.inbox):
            return None
        sender, _when, subject = self.box.inbox[n]
        return f"From: {sender}\r\nSubject: {subject}\r\n\r\nThanks\r\n".encode()


def event(uid: str, title: str, start: datetime) -> SourceEvent:
    return SourceEvent(
        source_id="memory", uid=uid, title=title, start=start, end=start + timedelta(hours=1)
    )


def touch(cal: Calendar, uid: str, ev: SourceEvent | None) -> None:
    if ev is None:
        cal.events.pop(uid, None)
    else:
        cal.events[uid] = ev
    cal.changes.append(uid)


def renamed(spec: ReminderSpec, summary: str) -> ReminderSpec:
    return replace(spec, summary=summary)
