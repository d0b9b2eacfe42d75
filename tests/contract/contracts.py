"""The contract every backend passes, in the manner of vdirsyncer's ``StorageTests``.

One base class per port (EventSource, ReminderStore, DraftStore, ReplyWatcher). A backend's
test module subclasses it (``class TestCalDAVReminders(ReminderStoreContract)``) and gives
the ``world`` fixture: the adapter as a fresh process would make it, and the user's hands
on the same data (their calendar app, their mail client). ``CredentialsContract`` is mixed
in by backends that sign in. The base classes' names do not start with ``Test``: pytest
collects only the subclasses.

What is checked is what the core relies on: idempotent writes, a delete of an unknown key,
a user's edit seen as such, a crash between a write and its record adopted by key (a fresh
adapter finds it and a retry writes no second one), cursor expiry answered with a full
read, and refused credentials raised as ``AuthError``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import icalendar
import pytest

from daemon.model import Person
from daemon.ports import (
    AuthError,
    DraftSpec,
    DraftStore,
    EventSource,
    ReminderSpec,
    ReminderStore,
    ReplyQuery,
    ReplyWatcher,
    first_replies,
)
from daemon.reconcile import reminder_fingerprint

NY = ZoneInfo("America/New_York")
T0 = datetime(2026, 12, 1, 14, 0, tzinfo=NY)


def spec(n: int, *, hours: int = 0, summary: str | None = None) -> ReminderSpec:
    start = T0 + timedelta(days=n, hours=hours)
    return ReminderSpec(
        key=f"{n:032x}",
        summary=summary or f"Send thank-you note {n}",
        description=f"Interview {n}.\nTimeline: ...",
        start=start,
        end=start + timedelta(minutes=15),
    )


def user_calendar(events: dict[str, tuple[str, datetime]]) -> bytes:
    """A calendar as the user's app writes it: uid -> (title, start), one hour each."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//the user's calendar app//EN")
    cal.add("version", "2.0")
    for uid, (title, start) in events.items():
        ev = icalendar.Event()
        ev.add("uid", uid)
        ev.add("summary", title)
        ev.add("dtstart", start)
        ev.add("dtend", start + timedelta(hours=1))
        ev.add("dtstamp", datetime(2026, 11, 1, tzinfo=UTC))
        cal.add_component(ev)
    data: bytes = cal.to_ical()
    return data


def fingerprints(found: dict[str, ReminderSpec]) -> dict[str, str]:
    return {k: reminder_fingerprint(v) for k, v in found.items()}


# -- ReminderStore -----------------------------------------------------------------------------


class ReminderWorld(Protocol):
    def store(self) -> ReminderStore:
        """A fresh adapter on the same calendar, as the next process makes it."""

    def user_edits(self, key: str, summary: str) -> None:
        """The user renames one of our reminders in their calendar app."""

    def user_deletes(self, key: str) -> None: ...

    def count(self) -> int:
        """How many events the calendar holds (ours or not): a second copy would show."""


class ReminderStoreContract:
    @pytest.fixture
    def world(self) -> ReminderWorld:
        raise NotImplementedError

    def test_apply_then_snapshot_round_trips(self, world: ReminderWorld) -> None:
        wanted = [spec(1), spec(2)]
        world.store().apply(wanted, [])
        assert fingerprints(world.store().snapshot()) == fingerprints({s.key: s for s in wanted})

    def test_apply_is_idempotent(self, world: ReminderWorld) -> None:
        store = world.store()
        store.apply([spec(1), spec(2)], [])
        store.apply([spec(1), spec(2)], [])
        world.store().apply([spec(1), spec(2)], [])
        assert world.count() == 2

    def test_a_crash_between_write_and_record_is_adopted_by_key(
        self, world: ReminderWorld
    ) -> None:
        """The process that wrote died before recording: the next one finds the reminder by
        its key, exactly as wanted, and its retry writes no second one."""
        world.store().apply([spec(3)], [])
        fresh = world.store()
        found = fresh.snapshot()
        assert reminder_fingerprint(found[spec(3).key]) == reminder_fingerprint(spec(3))
        fresh.apply([spec(3)], [])
        assert world.count() == 1

    def test_a_retried_write_without_a_snapshot_makes_no_second_one(
        self, world: ReminderWorld
    ) -> None:
        world.store().apply([spec(4)], [])
        world.store().apply([spec(4)], [])  # no snapshot read first
        assert world.count() == 1

    def test_move_replaces_in_place(self, world: ReminderWorld) -> None:
        world.store().apply([spec(1)], [])
        store = world.store()
        store.snapshot()
        store.apply([spec(1, hours=2)], [])
        found = world.store().snapshot()
        assert found[spec(1).key].start == spec(1, hours=2).start
        assert world.count() == 1

    def test_delete(self, world: ReminderWorld) -> None:
        world.store().apply([spec(1), spec(2)], [])
        store = world.store()
        store.snapshot()
        store.apply([], [spec(1).key])
        assert set(world.store().snapshot()) == {spec(2).key}

    def test_delete_of_an_unknown_key_is_no_error(self, world: ReminderWorld) -> None:
        world.store().apply([spec(1)], [])
        store = world.store()
        store.snapshot()
        store.apply([], ["f" * 32])
        world.store().apply([], ["e" * 32])  # without a snapshot either
        assert set(world.store().snapshot()) == {spec(1).key}

    def test_a_user_edit_is_seen_as_such(self, world: ReminderWorld) -> None:
        world.store().apply([spec(1), spec(2)], [])
        world.user_edits(spec(1).key, "Thank-you note: done, called instead")
        found = world.store().snapshot()
        assert found[spec(1).key].summary == "Thank-you note: done, called instead"
        assert reminder_fingerprint(found[spec(1).key]) != reminder_fingerprint(spec(1))
        assert reminder_fingerprint(found[spec(2).key]) == reminder_fingerprint(spec(2))

    def test_a_user_deletion_is_seen_as_such(self, world: ReminderWorld) -> None:
        world.store().apply([spec(1), spec(2)], [])
        world.user_deletes(spec(2).key)
        store = world.store()
        assert set(store.snapshot()) == {spec(1).key}
        assert store.exists()

    def test_fingerprint_moves_with_the_content(self, world: ReminderWorld) -> None:
        """A store with a fingerprint keeps it while nothing changes, and changes it when
        the user edits: the core skips the snapshot only when it is unchanged."""
        store = world.store()
        store.apply([spec(1)], [])
        before = store.fingerprint()
        if before is None:
            assert world.store().fingerprint() is None
            return
        assert world.store().fingerprint() == before
        world.user_edits(spec(1).key, "renamed")
        assert world.store().fingerprint() != before


# -- EventSource -------------------------------------------------------------------------------


class SourceWorld(Protocol):
    def source(self) -> EventSource:
        """A fresh adapter sharing the cursor store, as the next process makes it."""

    def user_puts(self, uid: str, title: str, start: datetime) -> None:
        """The user creates or changes an event (one hour long) in their calendar."""

    def user_deletes(self, uid: str) -> None: ...

    def expire_cursor(self) -> None:
        """Make the stored incremental cursor invalid, as a server does after a while."""


def _titles(source: EventSource, commit: bool = True) -> dict[str, datetime]:
    read = source.read()
    if commit:
        source.commit()
    return {
        e.title: e.start
        for e in read.events
        if e.status != "CANCELLED" and isinstance(e.start, datetime)
    }


class EventSourceContract:
    @pytest.fixture
    def world(self) -> SourceWorld:
        raise NotImplementedError

    def test_reads_interviews_with_stable_ids(self, world: SourceWorld) -> None:
        world.user_puts("a1", "Interview with Acme", T0)
        world.user_puts("b1", "Lunch with Sam", T0 + timedelta(hours=3))
        first = world.source().read()
        again = world.source().read()
        ids = {e.interview_id for e in first.events if e.title == "Interview with Acme"}
        assert len(ids) == 1
        assert ids == {e.interview_id for e in again.events if e.title == "Interview with Acme"}

    def test_changes_and_deletions_are_seen_incrementally(self, world: SourceWorld) -> None:
        world.user_puts("a1", "Interview with Acme", T0)
        world.user_puts("a2", "Interview with Initech", T0 + timedelta(days=1))
        assert set(_titles(world.source())) >= {"Interview with Acme", "Interview with Initech"}
        world.user_puts("a1", "Interview with Acme", T0 + timedelta(hours=2))
        world.user_deletes("a2")
        world.user_puts("a3", "Interview with Globex", T0 + timedelta(days=2))
        now = _titles(world.source())
        assert now.get("Interview with Acme") == T0 + timedelta(hours=2)
        assert "Interview with Initech" not in now
        assert "Interview with Globex" in now

    def test_an_uncommitted_read_is_read_again(self, world: SourceWorld) -> None:
        """Cursors are saved only on commit: a crash after a read replays its changes."""
        world.user_puts("a1", "Interview with Acme", T0)
        _titles(world.source())
        world.user_puts("a1", "Interview with Acme", T0 + timedelta(hours=1))
        _titles(world.source(), commit=False)  # the process dies before committing
        assert _titles(world.source()).get("Interview with Acme") == T0 + timedelta(hours=1)

    def test_an_expired_cursor_means_a_full_read(self, world: SourceWorld) -> None:
        world.user_puts("a1", "Interview with Acme", T0)
        world.user_puts("a2", "Interview with Initech", T0 + timedelta(days=1))
        _titles(world.source())
        world.expire_cursor()
        world.user_deletes("a2")
        world.user_puts("a1", "Interview with Acme", T0 + timedelta(hours=3))
        now = _titles(world.source())
        assert now.get("Interview with Acme") == T0 + timedelta(hours=3)
        assert "Interview with Initech" not in now


# -- DraftStore --------------------------------------------------------------------------------


def draft(n: int) -> DraftSpec:
    return DraftSpec(
        key=f"{n:032x}",
        sender=Person("Alex Candidate", "alex@example.com"),
        to=Person("Jane Doe", f"jane{n}@acme.example"),
        subject=f"Thank you for the interview {n}",
        body=f"Dear Jane,\n\nThank you ({n}).\n\nAlex\n",
    )


class DraftWorld(Protocol):
    def store(self) -> DraftStore: ...

    def user_edits(self, key: str, body: str) -> None:
        """The user rewrites the body of one of our drafts in their mail client."""

    def user_deletes(self, key: str) -> None: ...

    def count(self) -> int:
        """Drafts in the mailbox, ours or not."""


class DraftStoreContract:
    @pytest.fixture
    def world(self) -> DraftWorld:
        raise NotImplementedError

    def test_create_then_snapshot(self, world: DraftWorld) -> None:
        made = world.store().create(draft(1))
        found = world.store().snapshot()
        assert set(found) == {draft(1).key}
        assert found[draft(1).key].fingerprint == made.fingerprint

    def test_a_crash_between_write_and_record_is_adopted_by_key(self, world: DraftWorld) -> None:
        made = world.store().create(draft(2))
        found = world.store().snapshot()[draft(2).key]  # the next process finds it
        assert found.fingerprint == made.fingerprint
        assert world.count() == 1

    def test_delete_and_delete_of_what_is_gone(self, world: DraftWorld) -> None:
        made = world.store().create(draft(1))
        world.store().create(draft(2))
        store = world.store()
        store.snapshot()
        store.delete(made.ref)
        store.delete(made.ref)  # already gone: no error
        assert set(world.store().snapshot()) == {draft(2).key}

    def test_a_user_edit_is_seen_as_such(self, world: DraftWorld) -> None:
        made = world.store().create(draft(1))
        other = world.store().create(draft(2))
        world.user_edits(draft(1).key, "Dear Jane,\n\nI rewrote this myself.\n")
        found = world.store().snapshot()
        assert found[draft(1).key].fingerprint != made.fingerprint
        assert found[draft(2).key].fingerprint == other.fingerprint

    def test_a_user_deletion_is_seen_as_such(self, world: DraftWorld) -> None:
        world.store().create(draft(1))
        world.store().create(draft(2))
        world.user_deletes(draft(1).key)
        assert set(world.store().snapshot()) == {draft(2).key}


# -- ReplyWatcher ------------------------------------------------------------------------------


class ReplyWorld(Protocol):
    def watcher(self) -> ReplyWatcher: ...

    def deliver(self, sender: str, when: datetime, subject: str = "Re: interview") -> None:
        """A message arrives in the inbox."""


END = T0 + timedelta(hours=1)


def query(iid: str = "acme-1") -> ReplyQuery:
    return ReplyQuery(
        interview_id=iid,
        after=END,
        senders=("sam@acme.example",),
        domains=("acme.example",),
        user_email="alex@example.com",
    )


class ReplyWatcherContract:
    @pytest.fixture
    def world(self) -> ReplyWorld:
        raise NotImplementedError

    def test_a_reply_after_the_interview_is_found_with_its_time(self, world: ReplyWorld) -> None:
        world.deliver("Sam Recruiter <sam@acme.example>", END + timedelta(days=2), "Re: next")
        watcher = world.watcher()
        found = watcher.find([query()])
        assert [r.interview_ids for r in found] == [("acme-1",)]
        assert found[0].sender.email == "sam@acme.example"
        assert abs(first_replies(found)["acme-1"] - (END + timedelta(days=2))) < timedelta(
            minutes=1
        )
        raw = watcher.fetch(found[0].ref)
        assert raw is not None and b"Re: next" in raw
        assert [r.ref for r in world.watcher().find([query()])] == [found[0].ref]  # stable

    def test_anyone_at_the_company_domain_counts(self, world: ReplyWorld) -> None:
        world.deliver("hr@acme.example", END + timedelta(days=1))
        assert first_replies(world.watcher().find([query()])).keys() == {"acme-1"}

    def test_mail_before_the_end_or_from_elsewhere_does_not(self, world: ReplyWorld) -> None:
        world.deliver("sam@acme.example", END - timedelta(hours=3))
        world.deliver("news@elsewhere.example", END + timedelta(days=1))
        assert world.watcher().find([query()]) == []


# -- credentials -------------------------------------------------------------------------------


class CredentialsContract:
    """For backends that sign in: refused credentials are an AuthError naming the fix, and
    no error message carries the secret."""

    secret = "correct horse battery"

    @pytest.fixture
    def refused(self) -> Any:
        """A zero-argument callable doing one read with wrong credentials."""
        raise NotImplementedError

    def test_refused_credentials_are_an_auth_error(self, refused: Any) -> None:
        with pytest.raises(AuthError) as info:
            refused()
        assert "auth" in str(info.value)
        assert self.secret not in str(info.value)
