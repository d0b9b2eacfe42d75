"""CalDAV calendars as the interview source, read incrementally.

Per calendar, the adapter keeps the resources that may hold an interview (the ``.ics``
reader's cheap keyword test: interviews, cancelled ones and our own events) next to the
server's sync token, as one JSON value in the cursor store. A poll asks what changed since
the token (one sync-collection REPORT), fetches only the changed resources (calendar-multiget,
many per request) and reads the whole set with the ``.ics`` reader, so a CalDAV event is
understood exactly as the same event in a file. A server without sync tokens is asked for
its ctag instead, and read with a date-range calendar-query only when that changed.

New values are pending until the core has recorded the cycle's writes and calls
:meth:`CalDAVSource.commit`: a crash in between replays the same changes, never loses them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from daemon.ports import (
    BadInput,
    CursorExpired,
    CursorStore,
    EventSource,
    MemoryCursorStore,
    SourceRead,
)
from integrations.caldav.session import CalDAVSession, Changes, Collection, Resource
from integrations.ics import IcsSource

log = logging.getLogger(__name__)

# The window a server without sync tokens is read in: long enough back for the longest
# follow-up (networking, months later) and the reply window, and well ahead.
PAST, FUTURE = timedelta(days=400), timedelta(days=730)


def cursor_key(url: str) -> str:
    return f"caldav-calendar:{url}"


class CalDAVSource(EventSource):
    """EventSource over CalDAV calendars (named, or every one but ``exclude``)."""

    def __init__(
        self,
        session: CalDAVSession,
        calendars: list[str] | None,
        parser: Callable[[str, str], IcsSource],
        cursor_store: CursorStore | None = None,
        *,
        exclude: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.session = session
        self.wanted = calendars
        self.parser = parser  # (name, source_id) -> a reader of calendar text
        self.store: CursorStore = (
            cursor_store if cursor_store is not None else MemoryCursorStore()
        )
        self.exclude = exclude
        self.clock = clock
        self._pending: dict[str, str] = {}
        self._found: list[tuple[str, Collection | None]] | None = None

    def commit(self) -> None:
        for key, value in self._pending.items():
            self.store.set(key, value)
        self._pending.clear()

    # -- which calendars -------------------------------------------------------------------------

    def _calendars(self) -> list[tuple[str, Collection | None]]:
        """(the name the events carry, the collection or None if missing), found once."""
        if self._found is None:
            listed = self.session.calendars()
            if self.wanted is None:
                skip = (self.exclude or "").casefold()
                self._found = [(c.name, c) for c in listed if c.name.casefold() != skip]
            else:
                self._found = [(w, self.session.find(w)) for w in self.wanted]
        return self._found

    # -- reading -----------------------------------------------------------------------------------

    def read(self) -> SourceRead:
        self._pending = {}
        events: list[Any] = []
        warnings: list[str] = []
        unreadable: set[str] = set()
        calendars = self._calendars()
        failed = 0
        for name, cal in calendars:
            source_id = f"caldav:{name}"
            try:
                if cal is None:
                    raise BadInput(f"no calendar named {name!r} at {self.session.host}")
                items = self._sync(cal)
            except BadInput as exc:
                failed += 1
                self._found = None  # look for the calendars again next time
                warnings.append(f"{source_id}: {exc}; using the last known events")
                items = self._load(cal.url)[2] if cal is not None else {}
            if items:
                text = "\r\n".join(items[href] for href in sorted(items))
                read = self.parser(source_id, source_id).parse(text)
                events.extend(read.events)
                warnings.extend(read.warnings)
                unreadable |= read.unreadable_ids
        if calendars and failed == len(calendars):
            raise BadInput(f"no CalDAV calendar could be read ({'; '.join(warnings)})")
        return SourceRead(tuple(events), tuple(warnings), frozenset(unreadable))

    def _load(self, url: str) -> tuple[str | None, str | None, dict[str, str], dict[str, str]]:
        """(sync token, ctag, href -> text, href -> ETag) as committed."""
        text = self.store.get(cursor_key(url))
        if not text:
            return None, None, {}, {}
        try:
            data = json.loads(text)
            items = {str(h): str(t) for h, (_e, t) in data["items"].items()}
            etags = {str(h): str(e) for h, (e, _t) in data["items"].items() if e}
            return data.get("token"), data.get("ctag"), items, etags
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("caldav: unreadable sync cache for %s, reading it again", url)
            return None, None, {}, {}

    def _sync(self, cal: Collection) -> dict[str, str]:
        token, ctag, items, etags = self._load(cal.url)
        if cal.sync_token is not None:
            changes = self._changes(cal.url, token)
            if changes is None:  # expired: start again from nothing
                token, items, etags = None, {}, {}
                changes = self.session.sync(cal.url, None)
            items, etags = self._apply(cal.url, changes, items, etags)
            self._stage(cal.url, changes.token, None, items, etags)
            return items
        _, now_ctag = self.session.state(cal.url)
        if now_ctag is None or now_ctag != ctag or token != "ctag":
            now = self.clock()
            found = self.session.query(cal.url, now - PAST, now + FUTURE)
            keep = self._keep(found.values())
            items = {h: r.text for h, r in keep.items()}
            etags = {h: r.etag or "" for h, r in keep.items()}
        self._stage(cal.url, "ctag", now_ctag, items, etags)
        return items

    def _changes(self, url: str, token: str | None) -> Changes | None:
        try:
            return self.session.sync(url, token)
        except CursorExpired:
            log.info("caldav: the sync token of %s expired, reading the calendar again", url)
            return None

    def _apply(
        self, url: str, changes: Changes, items: dict[str, str], etags: dict[str, str]
    ) -> tuple[dict[str, str], dict[str, str]]:
        items, etags = dict(items), dict(etags)
        for href in changes.deleted:
            items.pop(href, None)
            etags.pop(href, None)
        fetch = [h for h, e in changes.changed.items() if e is None or etags.get(h) != e]
        got = self.session.multiget(url, fetch) if fetch else {}
        kept = self._keep(got.values())
        for href in fetch:
            items.pop(href, None)
            etags.pop(href, None)
            if href in kept:
                items[href] = kept[href].text
                etags[href] = kept[href].etag or ""
        return items, etags

    def _keep(self, resources: Any) -> dict[str, Resource]:
        """Only what may matter is kept (and so cached): the reader's cheap keyword test."""
        probe = self.parser("", "")
        return {r.href: r for r in resources if probe.may_matter(r.text)}

    def _stage(
        self,
        url: str,
        token: str | None,
        ctag: str | None,
        items: dict[str, str],
        etags: dict[str, str],
    ) -> None:
        data = {
            "v": 1,
            "token": token,
            "ctag": ctag,
            "items": {h: [etags.get(h, ""), t] for h, t in sorted(items.items())},
        }
        self._pending[cursor_key(url)] = json.dumps(data, separators=(",", ":"))
