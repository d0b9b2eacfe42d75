"""Reminders as VEVENTs in a CalDAV calendar (made if missing).

Each reminder is one resource whose name and UID are its own: derived from our key and the
calendar, so a retried write lands on the same resource (never a second one) and no UID is
shared with the interview or with another calendar (Fastmail refuses a UID used in two).
Writes are conditional: ``If-None-Match: *`` creates, ``If-Match`` with the ETag we read
replaces or deletes; a 412 means the user changed it meanwhile, and it is left as it is
(the next snapshot shows the change, which the core then respects).

The fingerprint is the calendar's sync token (or ctag): when it is what it was after our
last write, nothing changed and the core reads no snapshot.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from urllib.parse import urljoin

from daemon.ports import ReminderSpec, ReminderStore
from integrations.caldav.session import CalDAVSession, Collection, Resource
from integrations.ics_reminders import add_timezones, event_of, new_calendar, reminders_in

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Known:
    href: str
    etag: str | None
    spec: ReminderSpec


class CalDAVReminders(ReminderStore):
    def __init__(self, session: CalDAVSession, calendar: str) -> None:
        self.session = session
        self.calendar = calendar
        self._cal: Collection | None = None
        self._known: dict[str, _Known] | None = None  # key -> where it is, as last seen

    def _collection(self) -> Collection | None:
        if self._cal is None:
            self._cal = self.session.find(self.calendar)
        return self._cal

    def fingerprint(self) -> str | None:
        cal = self._collection()
        if cal is None:
            return "absent"
        token, ctag = self.session.state(cal.url)
        return token or ctag

    def exists(self) -> bool:
        return self._collection() is not None

    def snapshot(self) -> dict[str, ReminderSpec]:
        cal = self._collection()
        self._known = {}
        if cal is None:
            return {}
        for resource in self.session.query(cal.url, None, None).values():
            for key, spec in _ours(resource).items():
                self._known.setdefault(key, _Known(resource.href, resource.etag, spec))
        return {key: known.spec for key, known in self._known.items()}

    def apply(self, upserts: list[ReminderSpec], deletes: list[str]) -> None:
        if not upserts and not deletes:
            return
        cal = self._collection()
        if cal is None:
            cal = self._cal = self.session.make_calendar(self.calendar)
            self._known = {}
        if self._known is None:
            self.snapshot()  # the ETags the conditional writes need
        known = self._known if self._known is not None else {}
        for spec in upserts:
            if known.get(spec.key) is None or known[spec.key].spec != spec:
                self._put(cal, spec, known)
        for key in deletes:
            self._delete(cal, key, known)

    def _uid(self, cal: Collection, key: str) -> str:
        salt = hashlib.sha256(cal.url.encode()).hexdigest()[:8]
        return f"interview-followup-{key}-{salt}"

    def _put(self, cal: Collection, spec: ReminderSpec, known: dict[str, _Known]) -> None:
        import icalendar

        uid = self._uid(cal, spec.key)
        before = known.get(spec.key)
        href = before.href if before else urljoin(cal.url, f"{uid}.ics")
        body = new_calendar(self.calendar)
        body.add_component(event_of(spec, icalendar, uid=uid))
        add_timezones(body)
        what = f"writing reminder {spec.key} to {self.calendar!r}"
        url = urljoin(cal.url, href)
        etag = before.etag if before else None
        done = self.session.put(url, body.to_ical().decode(), etag=etag, what=what)
        if done.ok:
            known[spec.key] = _Known(href, done.etag, spec)
        elif before is not None:
            log.info("reminder %s was changed in the calendar meanwhile: left as it is", spec.key)
        else:  # it exists already: our own write whose answer was lost, or theirs
            self._adopt(url, spec, known, what)

    def _adopt(self, url: str, spec: ReminderSpec, known: dict[str, _Known], what: str) -> None:
        current = self.session.get(url, what)
        found = _ours(current).get(spec.key) if current is not None else None
        if current is not None and found is not None:
            known[spec.key] = _Known(current.href, current.etag, found)
        if found != spec:
            log.info("reminder %s exists already as someone changed it: left as it is", spec.key)

    def _delete(self, cal: Collection, key: str, known: dict[str, _Known]) -> None:
        before = known.get(key)
        if before is None:
            return  # not there
        what = f"removing reminder {key} from {self.calendar!r}"
        if self.session.delete(urljoin(cal.url, before.href), before.etag, what):
            known.pop(key, None)
        else:
            log.info("reminder %s was changed in the calendar meanwhile: left as it is", key)


def _ours(resource: Resource) -> dict[str, ReminderSpec]:
    """Our reminders in one resource; a resource that cannot be parsed holds none."""
    import icalendar

    try:
        cal = icalendar.Calendar.from_ical(resource.text)
    except Exception:
        log.debug("caldav: an unparsable resource %s skipped", resource.href)
        return {}
    found: dict[str, ReminderSpec] = reminders_in(cal)
    return found
