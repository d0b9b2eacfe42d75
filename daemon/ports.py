"""The narrow seams between the core and the outside world.

The core (service, reconcile) talks only to these Protocols and catches only these errors;
each adapter translates its library's exceptions (``HttpError``, ``OSError``, parse errors)
into them, so a new backend never changes the core. They live in ``daemon`` because the
core owns its ports: ``integrations`` imports them, never the reverse. A Protocol's method
with a body is optional: an adapter that subclasses the Protocol inherits that default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from daemon.errors import AdapterError as AdapterError
from daemon.errors import AuthError as AuthError
from daemon.errors import BadInput as BadInput
from daemon.errors import CursorExpired as CursorExpired
from daemon.errors import TransientError as TransientError
from daemon.model import Person, SourceEvent


class CursorStore(Protocol):
    """Where an incremental source keeps its cursors between processes (the state store)."""

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...


class MemoryCursorStore:
    """A CursorStore in a dict (tests, and runs that must not persist what they read)."""

    def __init__(self) -> None:
        self.data: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.data.get(key)

    def set(self, key: str, value: str) -> None:
        self.data[key] = value


@dataclass(frozen=True)
class SourceRead:
    """What one read of a source gave.

    ``events``: the events that may matter (adapters may leave out events that cannot be
    interviews, as long as cancelled interviews and our own events are kept).
    ``warnings``: one line each, naming the file/calendar and, where known, the line.
    ``unreadable_ids``: ids of events that were present but could not be understood; the
    core must not treat them as deleted.
    ``complete``: False for a source caught half-written (a file that ends inside a
    component or without ``END:VCALENDAR``): the core keeps its last good read and
    removes nothing.
    """

    events: tuple[SourceEvent, ...]
    warnings: tuple[str, ...] = ()
    unreadable_ids: frozenset[str] = frozenset()
    complete: bool = True


class EventSource(Protocol):
    def fingerprint(self) -> str | None:
        """A cheap identity of the source's current content, or None when unknown.

        When it equals the fingerprint of the last read, the core reuses that read's result
        instead of reading again (a second sync on an unchanged file parses nothing).
        """
        return None

    def read(self) -> SourceRead:
        """Read the source; raise BadInput if no calendar at all can be read.

        An incremental source raises CursorExpired only internally: it answers a stale
        cursor with a full read, never with an error the core must handle.
        """
        ...

    def commit(self) -> None:
        """Save the cursors of the last read (sync tokens). The core calls it once the
        cycle's writes are recorded, so a crash in between replays the same changes."""
        return None


@dataclass(frozen=True)
class ReminderSpec:
    """A calendar reminder as the daemon wants it to be."""

    key: str
    summary: str
    description: str
    start: datetime
    end: datetime
    rrule: str | None = None


class ReminderStore(Protocol):
    def fingerprint(self) -> str | None:
        """A cheap identity of the store's content; when it equals the one recorded after
        our last write, nothing changed and no snapshot is read. None: always read."""
        return None

    def exists(self) -> bool:
        """False when the whole store is gone (a deleted reminder file): an accident to
        repair by writing everything again, not a deletion of every reminder by the user."""
        return True

    def commit(self) -> None:
        """Save the cursor of the last snapshot (a calendar read with a sync token), once
        the cycle's writes are recorded, as the source does."""
        return None

    def snapshot(self) -> dict[str, ReminderSpec]:
        """Every reminder of ours that exists now, keyed by its key, as read back."""
        ...

    def apply(self, upserts: list[ReminderSpec], deletes: list[str]) -> None:
        """Create or replace ``upserts`` and remove the keys in ``deletes``, atomically where
        the backend allows; calling it again with the same arguments changes nothing.

        A reminder the user changed after the last snapshot (a server's 412) is left as
        the user made it: the next snapshot shows the change, and the core keeps off it.
        """
        ...


@dataclass(frozen=True)
class DraftSpec:
    """A draft as the daemon wants it: one recipient, plain-text body."""

    key: str
    sender: Person
    to: Person
    subject: str
    body: str
    # An answer in a thread (the thank-you after a rejection): the message it answers.
    in_reply_to: str | None = None  # that message's Message-ID
    references: str | None = None  # its References plus its Message-ID
    thread_id: str | None = None  # Gmail's threadId of the conversation


@dataclass(frozen=True)
class ExistingDraft:
    """A draft of ours found in the mailbox: where it is and a fingerprint of its content."""

    key: str
    ref: str  # backend-specific handle (Maildir file name, Gmail draft id)
    fingerprint: str
    # The [[...]] places its body holds now, when the backend read the body anyway
    # (Maildir); None when it did not (a fingerprint from metadata). Not part of the
    # draft's identity: two reads of one draft are equal with or without it.
    open_places: tuple[str, ...] | None = field(default=None, compare=False)


class DraftStore(Protocol):
    def fingerprint(self) -> str | None:
        """A cheap identity of the mailbox's drafts; None: the snapshot is read only when a
        draft is about to be made or removed (a request spared on every poll)."""
        return None

    def snapshot(self) -> dict[str, ExistingDraft]:
        """Every draft of ours in the mailbox now, keyed by ``X-Interview-Followup-Key``."""
        ...

    def create(self, spec: DraftSpec) -> ExistingDraft:
        """Create the draft; never sends. Returns where it went and its fingerprint."""
        ...

    def delete(self, ref: str) -> None:
        """Remove a draft of ours; a draft already gone is not an error."""
        ...


@dataclass(frozen=True)
class ReplyQuery:
    interview_id: str
    after: datetime
    senders: tuple[str, ...]  # addresses
    domains: tuple[str, ...]
    user_email: str


@dataclass(frozen=True)
class FoundReply:
    """A message that reply detection matched, known by its headers only.

    Nothing here comes from the body: the core decides whether to ``fetch`` the message to
    read what it says. ``ref`` is the watcher's own handle for ``fetch`` (a Gmail message
    id, an IMAP ``folder/UIDVALIDITY/UID``); it must stay the same for the same message
    across cycles, because the core remembers which refs it has already classified.
    """

    ref: str
    interview_ids: tuple[str, ...]  # every query whose senders/domains/after it matches
    sender: Person  # the From address (lower-case) and display name
    received: datetime  # aware: Gmail internalDate, IMAP INTERNALDATE
    subject: str = ""
    message_id: str | None = None  # the RFC 5322 Message-ID, with its angle brackets
    references: str | None = None  # its References header, for a threaded answer
    thread_id: str | None = None  # Gmail threadId; None where the backend has none


class ReplyWatcher(Protocol):
    def find(self, queries: list[ReplyQuery]) -> list[FoundReply]:
        """Messages from each query's senders or domains received after ``after``, not from
        the user, oldest first; headers only (no body is read)."""
        ...

    def fetch(self, ref: str) -> bytes | None:
        """The whole RFC 5322 message of a found reply, for classification, or None when it
        is gone. The core reads it in memory and never stores it."""
        ...


def first_replies(found: list[FoundReply]) -> dict[str, datetime]:
    """Interview id -> time of its earliest found message (the pre-classification view)."""
    out: dict[str, datetime] = {}
    for reply in found:
        for iid in reply.interview_ids:
            if iid not in out or reply.received < out[iid]:
                out[iid] = reply.received
    return out
