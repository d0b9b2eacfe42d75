"""Google Calendar: the interview source (incremental sync) and the reminder store.

Source: each calendar is read with a sync token, so a poll with nothing changed costs one
request per calendar. The core needs every current event on each cycle, so the adapter keeps
the last known events per calendar next to its token (one JSON value per calendar) and
applies the changes to them. The new values are *pending* until the caller has recorded the
cycle's writes and calls :meth:`GoogleCalendarSource.commit` (or stores
:meth:`~GoogleCalendarSource.pending_cursors` itself): a crash in between replays the same
changes, never loses them.

Reminders: event ids are our keys (32 lower-case hex characters are valid base32hex), so an
insert is idempotent (409 = already there) and every write can be retried and batched. The
reminders calendar is read incrementally too, with the same machinery: when it is also a
source calendar (one ``primary`` for everything, the common set-up) the source's read of
this cycle serves both, so an idle poll costs one request per distinct calendar.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from daemon.model import Attendee, SourceEvent
from integrations.base import (
    BadInput,
    CursorExpired,
    CursorStore,
    EventSource,
    MemoryCursorStore,
    ReminderSpec,
    ReminderStore,
    SourceRead,
)
from integrations.google.client import GoogleClient, status_of

log = logging.getLogger(__name__)

KEY_PROPERTY = "interviewFollowupKey"
# events.list filters on ``name=value`` only: a constant marker on every event we write makes
# "all of ours" one query (the daemon reads incrementally instead; scripts may use it).
OWNER_PROPERTY = "interviewFollowupOwner"
OWNER_VALUE = "interview-followup"
PAGE_SIZE = 2500  # Google's maximum for events.list
CANCELLED_KEEP = timedelta(days=30)  # cancelled events stay in the cache this long after end
_BASE32HEX = re.compile(r"[0-9a-v]{5,1024}")
_PARTSTAT = {
    "accepted": "ACCEPTED",
    "declined": "DECLINED",
    "tentative": "TENTATIVE",
    "needsAction": "NEEDS-ACTION",
}


def cursor_key(calendar_id: str) -> str:
    return f"google-calendar:{calendar_id}"


def _client(
    api_root: str | None, account: str, credentials: Any, client: GoogleClient | None
) -> GoogleClient:
    return client or GoogleClient(api_root, account, credentials)


# ---------------------------------------------------------------------------------------------
# Google event JSON -> SourceEvent


def parse_when(when: dict[str, Any] | None) -> datetime | date | None:
    """A Google start/end: aware datetime (``dateTime``) or date (``date``, all-day)."""
    if not when:
        return None
    if "dateTime" in when:
        moment = datetime.fromisoformat(str(when["dateTime"]))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo(str(when.get("timeZone") or "UTC")))
        return moment
    if "date" in when:
        return date.fromisoformat(str(when["date"]))
    return None


def recurrence_id(original: dict[str, Any] | None) -> str | None:
    """``originalStartTime`` as an iCalendar RECURRENCE-ID value (UTC, or a date)."""
    when = parse_when(original)
    if isinstance(when, datetime):
        return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return when.strftime("%Y%m%d") if when else None


def _person(data: dict[str, Any]) -> Attendee | None:
    mail = str(data.get("email") or "").strip().lower()
    if not mail:
        return None
    resource = bool(data.get("resource"))
    return Attendee(
        email=mail,
        name=data.get("displayName") or None,
        cutype="RESOURCE" if resource else None,
        partstat=_PARTSTAT.get(str(data.get("responseStatus") or "")),
        is_self=bool(data.get("self")),
        resource=resource,
    )


def _conference_url(item: dict[str, Any]) -> str | None:
    for entry in item.get("conferenceData", {}).get("entryPoints", []) or []:
        if entry.get("entryPointType") == "video" and entry.get("uri"):
            return str(entry["uri"])
    return item.get("hangoutLink") or None


def to_source_event(
    source_id: str, item: dict[str, Any], *, all_interviews: bool = False
) -> SourceEvent:
    """One cached Google event as the core's SourceEvent; ValueError if it has no start."""
    start = parse_when(item.get("start")) or parse_when(item.get("originalStartTime"))
    if start is None:
        raise ValueError("event without a start")
    master = item.get("recurringEventId")
    attendees = tuple(a for a in map(_person, item.get("attendees", []) or []) if a)
    return SourceEvent(
        source_id=source_id,
        uid=str(master or item["id"]),
        title=str(item.get("summary") or ""),
        start=start,
        end=parse_when(item.get("end")),
        recurrence_id=recurrence_id(item.get("originalStartTime")) if master else None,
        description=str(item.get("description") or ""),
        location=str(item.get("location") or ""),
        status=str(item.get("status") or "confirmed").upper(),
        organizer=_person(item.get("organizer") or {}),
        attendees=attendees,
        recurring=bool(item.get("recurrence")),
        conference_url=_conference_url(item),
        own_key=(item.get("extendedProperties", {}).get("private", {}) or {}).get(KEY_PROPERTY),
        all_interviews_calendar=all_interviews,
    )


def _interview_id(source_id: str, eid: str, item: dict[str, Any]) -> str:
    """The id the core would have given the event (``SourceEvent.interview_id``)."""
    master = item.get("recurringEventId")
    if not master:
        return f"{source_id}/{eid}"
    try:
        rid = recurrence_id(item.get("originalStartTime"))
    except (ValueError, TypeError):
        rid = None
    return f"{source_id}/{master}@{rid}" if rid else f"{source_id}/{master}"


_KEEP = (
    "id",
    "status",
    "summary",
    "description",
    "location",
    "start",
    "end",
    "recurrence",
    "recurringEventId",
    "originalStartTime",
    "hangoutLink",
    "updated",
)
_PERSON_KEYS = ("email", "displayName", "self", "resource", "responseStatus")


def trim(item: dict[str, Any]) -> dict[str, Any]:
    """Only what ``to_source_event`` reads: the cache of 5,000 events stays small."""
    out = {k: item[k] for k in _KEEP if k in item}
    if item.get("organizer"):
        out["organizer"] = {k: v for k, v in item["organizer"].items() if k in _PERSON_KEYS}
    if item.get("attendees"):
        out["attendees"] = [
            {k: v for k, v in a.items() if k in _PERSON_KEYS} for a in item["attendees"]
        ]
    private = item.get("extendedProperties", {}).get("private", {})
    if KEY_PROPERTY in private:
        out["extendedProperties"] = {"private": {KEY_PROPERTY: private[KEY_PROPERTY]}}
    points = item.get("conferenceData", {}).get("entryPoints")
    if points:
        out["conferenceData"] = {
            "entryPoints": [
                {"entryPointType": p.get("entryPointType"), "uri": p.get("uri")} for p in points
            ]
        }
    return out


def apply_changes(
    known: dict[str, dict[str, Any]], changes: Iterable[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Incremental results onto the cache. A deletion arrives as ``{id, status:cancelled}``:
    the cached copy keeps its title and times so the core can cancel the right plan."""
    merged = dict(known)
    for item in changes:
        eid = item["id"]
        if item.get("status") != "cancelled":
            merged[eid] = trim(item)
        elif eid in merged:
            merged[eid] = {**merged[eid], "status": "cancelled"}
        elif item.get("originalStartTime"):  # a cancelled occurrence of a series
            merged[eid] = trim(item)
    return merged


def _prune(items: dict[str, dict[str, Any]], now: datetime) -> dict[str, dict[str, Any]]:
    """Drop cancelled events that ended long ago: they can no longer cancel anything."""

    def stale(item: dict[str, Any]) -> bool:
        if item.get("status") != "cancelled":
            return False
        when = parse_when(item.get("end")) or parse_when(item.get("originalStartTime"))
        if isinstance(when, datetime):
            return when < now - CANCELLED_KEEP
        return isinstance(when, date) and when < (now - CANCELLED_KEEP).date()

    return {k: v for k, v in items.items() if not stale(v)}


# ---------------------------------------------------------------------------------------------
# The source


class GoogleCalendarSource(EventSource):
    """EventSource over one or more Google calendars, read incrementally with sync tokens."""

    def __init__(
        self,
        api_root: str | None,
        calendars: Iterable[str],
        account: str,
        credentials: Any = None,
        cursor_store: CursorStore | None = None,
        *,
        client: GoogleClient | None = None,
        all_interviews: Iterable[str] = (),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.calendars = list(dict.fromkeys(calendars))
        if not self.calendars:
            raise BadInput("[source] calendars is empty: name at least one Google calendar id")
        self.client = _client(api_root, account, credentials, client)
        self.store: CursorStore = cursor_store if cursor_store is not None else MemoryCursorStore()
        self.all_interviews = frozenset(all_interviews)
        self.clock = clock
        self._pending: dict[str, str] = {}
        # calendar -> (committed JSON, token, events): a poll does not re-parse 5,000 events
        self._memo: dict[str, tuple[str, str | None, dict[str, dict[str, Any]]]] = {}
        # calendar -> its events as read in this cycle (until commit): the reminders of a
        # calendar that is also a source are taken from here, not read a second time
        self._fresh: dict[str, dict[str, dict[str, Any]]] = {}

    def pending_cursors(self) -> dict[str, str]:
        """Store key -> value to save once the cycle's writes are recorded."""
        return dict(self._pending)

    def commit(self) -> None:
        """Save the pending cursors to the cursor store (call after recording the cycle)."""
        for key, value in self._pending.items():
            self.store.set(key, value)
        self._pending.clear()
        self._fresh.clear()

    def current(self, cal: str) -> dict[str, dict[str, Any]]:
        """The events of ``cal`` as of this cycle: from this cycle's read when there was
        one, else read now (one incremental request, committed with the others)."""
        if cal not in self._fresh:
            self._sync(cal)
        return self._fresh[cal]

    def written(self, cal: str) -> None:
        """``cal`` was written to: this cycle's view of it is stale, read it again if asked."""
        self._fresh.pop(cal, None)

    def read(self) -> SourceRead:
        self._pending = {}
        events: list[SourceEvent] = []
        warnings: list[str] = []
        unreadable: set[str] = set()
        failed = 0
        for cal in self.calendars:
            try:
                items = self._sync(cal)
            except BadInput as exc:
                failed += 1
                warnings.append(f"google:{cal}: {exc}; using the last known events")
                items = self._load(cal)[1]
            self._convert(cal, items, events, warnings, unreadable)
        if failed == len(self.calendars):
            raise BadInput(f"no Google calendar could be read ({'; '.join(warnings)})")
        return SourceRead(tuple(events), tuple(warnings), frozenset(unreadable))

    def _convert(
        self,
        cal: str,
        items: dict[str, dict[str, Any]],
        events: list[SourceEvent],
        warnings: list[str],
        unreadable: set[str],
    ) -> None:
        source_id = f"google:{cal}"
        for eid in sorted(items):
            try:
                events.append(
                    to_source_event(
                        source_id, items[eid], all_interviews=cal in self.all_interviews
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                warnings.append(f"{source_id}: event {eid} skipped: {exc}")
                unreadable.add(_interview_id(source_id, eid, items[eid]))

    # -- sync -----------------------------------------------------------------------------------

    def _load(self, cal: str) -> tuple[str | None, dict[str, dict[str, Any]]]:
        """The committed token and events; parsed once per committed value (the memo)."""
        text = self.store.get(cursor_key(cal))
        if not text:
            return None, {}
        memo = self._memo.get(cal)
        if memo is not None and memo[0] == text:
            return memo[1], memo[2]
        try:
            data = json.loads(text)
            token, events = data.get("token"), dict(data.get("events") or {})
        except (ValueError, AttributeError, TypeError):
            log.warning("google:%s: unreadable sync cache, doing a full read", cal)
            return None, {}
        self._memo[cal] = (text, token, events)
        return token, events

    def _sync(self, cal: str) -> dict[str, dict[str, Any]]:
        token, known = self._load(cal)
        merged: dict[str, dict[str, Any]] | None = None
        if token:
            try:
                changes, new_token = self._list(cal, token)
                merged = apply_changes(known, changes)
            except CursorExpired:
                log.info("google:%s: sync token expired, reading the calendar again", cal)
        if merged is None:
            changes, new_token = self._list(cal, None)
            merged = apply_changes({}, changes)
        merged = _prune(merged, self.clock())
        text = json.dumps(
            {"events": merged, "token": new_token, "v": 1}, separators=(",", ":"), sort_keys=True
        )
        self._pending[cursor_key(cal)] = text
        self._memo[cal] = (text, new_token, merged)  # valid once the caller commits it
        self._fresh[cal] = merged
        return merged

    def _list(self, cal: str, sync_token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        """Every page of one events.list; ``nextSyncToken`` comes with the last page."""
        items: list[dict[str, Any]] = []
        page: str | None = None
        while True:
            params: dict[str, Any] = {
                "calendarId": cal,
                "maxResults": PAGE_SIZE,
                "singleEvents": False,
            }
            if sync_token:
                params["syncToken"] = sync_token
            if page:
                params["pageToken"] = page
            request = self.client.calendar().events().list(**params)
            data = self.client.execute(request, what=f"reading calendar {cal}", idempotent=True)
            items.extend(data.get("items", []))
            page = data.get("nextPageToken")
            if not page:
                return items, data.get("nextSyncToken")


# ---------------------------------------------------------------------------------------------
# Reminders


def event_id(key: str) -> str:
    """Our key is already valid base32hex; anything else is hashed into a valid id."""
    return key if _BASE32HEX.fullmatch(key) else hashlib.sha256(key.encode()).hexdigest()[:32]


def _when(moment: datetime, zone: str | None) -> dict[str, str]:
    name = zone or getattr(moment.tzinfo, "key", None)
    if name:
        return {"dateTime": moment.isoformat(), "timeZone": str(name)}
    return {"dateTime": moment.astimezone(UTC).isoformat(), "timeZone": "UTC"}


def spec_from_event(item: dict[str, Any]) -> ReminderSpec | None:
    """An event of ours read back as a ReminderSpec (None if it is not ours or has no times)."""
    key = (item.get("extendedProperties", {}).get("private", {}) or {}).get(KEY_PROPERTY)
    start, end = parse_when(item.get("start")), parse_when(item.get("end"))
    if not key or not isinstance(start, datetime) or not isinstance(end, datetime):
        return None
    rules = [r[6:] for r in item.get("recurrence", []) or [] if r.startswith("RRULE:")]
    return ReminderSpec(
        key=str(key),
        summary=str(item.get("summary") or ""),
        description=str(item.get("description") or ""),
        start=start,
        end=end,
        rrule=rules[0] if rules else None,
    )


class GoogleReminders(ReminderStore):
    """ReminderStore on one Google calendar; every write is batched and retry-safe.

    ``reader`` reads the calendar incrementally: the source itself when the reminders live
    in one of its calendars, else a reader of this calendar alone, with its own sync token
    in ``cursor_store``. Our events are those carrying our key; a user's deletion arrives
    as a cancelled event, an edit as a changed one, within one poll either way.
    """

    def __init__(
        self,
        api_root: str | None,
        calendar: str,
        account: str,
        credentials: Any = None,
        *,
        client: GoogleClient | None = None,
        time_zone: str | None = None,
        reader: GoogleCalendarSource | None = None,
        cursor_store: CursorStore | None = None,
    ) -> None:
        self.calendar = calendar
        self.client = _client(api_root, account, credentials, client)
        self.time_zone = time_zone
        self.reader = reader or GoogleCalendarSource(
            api_root, [calendar], account, cursor_store=cursor_store, client=self.client
        )
        self._known: dict[str, ReminderSpec] = {}

    def commit(self) -> None:
        """Save the reader's sync token (after the cycle's writes are recorded)."""
        self.reader.commit()

    def body(self, spec: ReminderSpec) -> dict[str, Any]:
        out: dict[str, Any] = {
            "summary": spec.summary,
            "description": spec.description,
            "start": _when(spec.start, self.time_zone),
            "end": _when(spec.end, self.time_zone),
            "recurrence": [f"RRULE:{spec.rrule}"] if spec.rrule else [],
            "extendedProperties": {
                "private": {KEY_PROPERTY: spec.key, OWNER_PROPERTY: OWNER_VALUE}
            },
            "reminders": {"useDefault": False, "overrides": [{"method": "popup", "minutes": 0}]},
            "transparency": "transparent",
        }
        return out

    def snapshot(self) -> dict[str, ReminderSpec]:
        """Our live events, from this cycle's incremental read of the calendar."""
        found: dict[str, ReminderSpec] = {}
        for item in self.reader.current(self.calendar).values():
            spec = spec_from_event(item) if item.get("status") != "cancelled" else None
            if spec is not None:
                found[spec.key] = spec
        self._known = dict(found)
        return found

    def apply(self, upserts: list[ReminderSpec], deletes: list[str]) -> None:
        """Round 1: insert unknown keys, patch known ones, delete. Round 2: a 409 means the id
        exists (maybe deleted): read it. Round 3: patch it to match, ``confirmed`` again."""
        wanted = {s.key: s for s in upserts if self._known.get(s.key) != s}
        events = self.client.calendar().events()
        first: dict[str, Any] = {}
        for key, spec in wanted.items():
            if key in self._known:
                first[key] = events.patch(
                    calendarId=self.calendar, eventId=event_id(key), body=self.body(spec)
                )
            else:
                first[key] = events.insert(
                    calendarId=self.calendar, body={"id": event_id(key), **self.body(spec)}
                )
        for key in deletes:
            first[f"delete:{key}"] = events.delete(calendarId=self.calendar, eventId=event_id(key))
        self.reader.written(self.calendar)
        results = self._batch(first)
        conflicts = [k for k in wanted if status_of(results.get(k)) == 409]
        missing = [k for k in wanted if status_of(results.get(k)) == 404]
        self._raise_unexpected(results, ok={409, 404, 410})
        self._resolve(wanted, conflicts, missing)
        for key in deletes:
            self._known.pop(key, None)
        for key, spec in wanted.items():
            self._known[key] = spec

    def _resolve(
        self, wanted: dict[str, ReminderSpec], conflicts: list[str], missing: list[str]
    ) -> None:
        """Ids that exist although we did not know them (a retried insert, a deleted event),
        and known ids that vanished (purged): make them match ``wanted``."""
        events = self.client.calendar().events()
        second: dict[str, Any] = {
            k: events.get(calendarId=self.calendar, eventId=event_id(k)) for k in conflicts
        }
        for key in missing:
            second[f"insert:{key}"] = events.insert(
                calendarId=self.calendar, body={"id": event_id(key), **self.body(wanted[key])}
            )
        got = self._batch(second)
        self._raise_unexpected(got, ok=set())
        third: dict[str, Any] = {}
        for key in conflicts:
            current = got[key]
            if current.get("status") == "cancelled" or spec_from_event(current) != wanted[key]:
                body = {**self.body(wanted[key]), "status": "confirmed"}
                third[key] = events.patch(
                    calendarId=self.calendar, eventId=event_id(key), body=body
                )
        self._raise_unexpected(self._batch(third), ok=set())

    def _batch(self, calls: dict[str, Any]) -> dict[str, Any]:
        if not calls:
            return {}
        return self.client.batch(
            "calendar", calls, what=f"writing reminders to calendar {self.calendar}"
        )

    def _raise_unexpected(self, results: dict[str, Any], ok: set[int]) -> None:
        """Deletes may find the event gone (404/410); any other failure stops the cycle."""
        for key, value in results.items():
            status = status_of(value)
            if not status:
                continue
            if key.startswith("delete:") and status in (404, 410):
                continue
            if status in ok and not key.startswith("delete:"):
                continue
            raise self.client.failure(value, f"writing reminder {key}")
