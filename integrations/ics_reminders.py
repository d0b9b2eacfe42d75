"""Reminders as VEVENTs in a local ``.ics`` file that any calendar app can import.

The file is rewritten whole, atomically (temp file, fsync, rename), and only when something
changed, so a second run leaves it byte-for-byte alone. Components that are not ours, and
ours that the user edited, are carried over untouched: the file may be shared with the user.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from integrations.base import AdapterError, ReminderSpec, ReminderStore

KEY_PROP = "X-INTERVIEW-FOLLOWUP-KEY"
PRODID = "-//interview-followup//reminders//EN"


class IcsReminders(ReminderStore):
    """ReminderStore over one ``.ics`` file."""

    def __init__(self, path: Path, calendar_name: str = "Interview follow-ups") -> None:
        self.path = path
        self.calendar_name = calendar_name

    def fingerprint(self) -> str | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"

    def exists(self) -> bool:
        return self.path.exists()

    def snapshot(self) -> dict[str, ReminderSpec]:
        cal = self._load()
        return {} if cal is None else reminders_in(cal)

    def apply(self, upserts: list[ReminderSpec], deletes: list[str]) -> None:
        if not upserts and not deletes:
            return
        import icalendar

        cal = self._load() or new_calendar(self.calendar_name)
        wanted = {s.key: s for s in upserts}
        drop = set(deletes)
        kept: list[Any] = []
        for comp in cal.subcomponents:
            key = comp.get(KEY_PROP) if comp.name == "VEVENT" else None
            if comp.name == "VTIMEZONE":
                continue  # regenerated below for what is used
            if key is not None and (str(key) in wanted or str(key) in drop):
                continue
            kept.append(comp)
        cal.subcomponents = kept
        for spec in upserts:
            cal.add_component(event_of(spec, icalendar))
        add_timezones(cal)
        self._write(cal.to_ical())

    def _load(self) -> Any | None:
        import icalendar

        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise AdapterError(f"{self.path}: cannot read reminders: {exc.strerror}") from None
        if not data.strip():
            return None
        try:
            return icalendar.Calendar.from_ical(data)
        except Exception as exc:
            raise AdapterError(
                f"{self.path}: reminders file cannot be parsed ({exc}); fix or move it away"
            ) from None

    def _write(self, data: bytes) -> None:
        """Through a symlink, the link's target is replaced, next to itself: the link
        (into a folder a calendar app subscribes to, say) stays a link."""
        target = Path(os.path.realpath(self.path))
        try:
            if target.exists() and target.read_bytes() == data:
                return
            mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else None
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".reminders-", dir=target.parent)
            try:
                if mode is not None:  # keep what the user gave the file (new ones: 0600)
                    os.fchmod(fd, mode)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, target)
                _fsync_dir(target.parent)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise AdapterError(f"{self.path}: cannot write reminders: {exc.strerror}") from None


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def reminders_in(cal: Any) -> dict[str, ReminderSpec]:
    """Our events in a parsed calendar, by key, as read back."""
    out: dict[str, ReminderSpec] = {}
    for ev in cal.walk("VEVENT"):
        key = ev.get(KEY_PROP)
        if key is None:
            continue
        try:
            out[str(key)] = spec_of(str(key), ev)
        except (KeyError, ValueError, TypeError, AttributeError):
            # Our event, mangled beyond reading: count it as edited by the user.
            out[str(key)] = ReminderSpec(str(key), "", "(unreadable)", _EPOCH, _EPOCH)
    return out


def _fsync_dir(path: Path) -> None:
    """Make the rename durable too: after a power cut the state store (synchronous=FULL)
    must not remember reminders that the old file, come back, does not have."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def add_timezones(cal: Any) -> None:
    """VTIMEZONEs for the zones used, spanning only the years the events need (small file)."""
    starts = [ev.decoded("dtstart") for ev in cal.walk("VEVENT") if "dtstart" in ev]
    days = [d.date() if isinstance(d, datetime) else d for d in starts if isinstance(d, date)]
    if not days:
        return
    first = date(min(days).year - 1, 1, 1)
    last = date(max(days).year + 2, 1, 1)  # networking repeats up to ~6 months later
    # A zone icalendar cannot describe: calendar apps still resolve the TZID by name.
    with contextlib.suppress(Exception):
        cal.add_missing_timezones(first_date=first, last_date=last)


def new_calendar(name: str) -> Any:
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def event_of(spec: ReminderSpec, icalendar: Any, uid: str | None = None) -> Any:
    ev = icalendar.Event()
    ev.add("uid", uid or f"{spec.key}@interview-followup")
    ev.add("dtstamp", datetime.now(UTC).replace(microsecond=0))
    ev.add("dtstart", spec.start)
    ev.add("dtend", spec.end)
    ev.add("summary", spec.summary)
    ev.add("description", spec.description)
    ev.add("transp", "TRANSPARENT")
    ev.add("categories", ["Interview follow-up"])
    if spec.rrule:
        ev.add("rrule", _rule_as_planned(icalendar, spec.rrule))
    ev.add(KEY_PROP, spec.key)
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", spec.start - spec.start)  # at the reminder's start
    alarm.add("description", spec.summary)
    ev.add_component(alarm)
    return ev


def _rule_as_planned(icalendar: Any, rule: str) -> Any:
    """The RRULE with its parts in the planner's order (``FREQ=DAILY;INTERVAL=60;COUNT=3``,
    as the rules write it); icalendar would reorder them, which is valid but surprising."""

    class _AsWritten(icalendar.vRecur):  # type: ignore[misc]
        def to_ical(self) -> bytes:
            return rule.encode("ascii")

    return _AsWritten(icalendar.vRecur.from_ical(rule))


def spec_of(key: str, ev: Any) -> ReminderSpec:
    start = ev.decoded("dtstart")
    end = ev.decoded("dtend") if "dtend" in ev else start
    if not isinstance(start, datetime) or not isinstance(end, datetime | date):
        raise ValueError("not a timed event")
    rrule = ev.get("rrule")
    return ReminderSpec(
        key=key,
        summary=str(ev.get("summary", "")),
        description=str(ev.get("description", "")),
        start=start,
        end=end if isinstance(end, datetime) else start,
        rrule=rrule.to_ical().decode() if rrule is not None else None,
    )
