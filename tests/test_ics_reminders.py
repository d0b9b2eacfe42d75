"""The .ics reminder file: what a calendar app imports, and what we read back from it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from daemon.reconcile import reminder_fingerprint
from integrations.base import AdapterError, ReminderSpec
from integrations.ics_reminders import IcsReminders

NY = ZoneInfo("America/New_York")


def spec(key: str = "k1", rrule: str | None = None, **kw: object) -> ReminderSpec:
    start = datetime(2026, 12, 1, 16, tzinfo=NY)
    values: dict[str, object] = {
        "key": key,
        "summary": "Thank-you notes: Acme (Senior Developer)",
        "description": "Drafts waiting for: Jane Doe <jane@acme.com>\n- one, two; three\\",
        "start": start,
        "end": start + timedelta(minutes=15),
        "rrule": rrule,
    }
    values.update(kw)
    return ReminderSpec(**values)  # type: ignore[arg-type]


def test_round_trip_keeps_the_fingerprint(tmp_path: Path) -> None:
    store = IcsReminders(tmp_path / "r.ics")
    wanted = spec(rrule="FREQ=DAILY;INTERVAL=60;COUNT=3")
    store.apply([wanted], [])
    [(key, back)] = store.snapshot().items()
    assert key == "k1"
    assert reminder_fingerprint(back) == reminder_fingerprint(wanted)


def test_an_event_a_calendar_app_can_import(tmp_path: Path) -> None:
    path = tmp_path / "r.ics"
    IcsReminders(path).apply([spec(rrule="FREQ=DAILY;INTERVAL=60;COUNT=3")], [])
    text = path.read_text()
    assert "RRULE:FREQ=DAILY;INTERVAL=60;COUNT=3" in text.replace("\r\n", "\n")
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    [event] = cal.walk("VEVENT")
    assert event["TRANSP"] == "TRANSPARENT"
    assert str(event["X-INTERVIEW-FOLLOWUP-KEY"]) == "k1"
    [alarm] = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    occurrences = recurring_ical_events.of(cal).between(datetime(2026, 1, 1), datetime(2028, 1, 1))
    starts = [o.decoded("dtstart") for o in occurrences]
    assert [s.isoformat() for s in starts] == [
        "2026-12-01T16:00:00-05:00",
        "2027-01-30T16:00:00-05:00",
        "2027-03-31T16:00:00-04:00",  # later occurrences keep the local time across DST
    ]


def test_other_events_in_the_file_are_kept_and_nothing_rewritten_needlessly(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.ics"
    cal = icalendar.Calendar()
    cal.add("prodid", "-//someone//EN")
    cal.add("version", "2.0")
    mine = icalendar.Event()
    mine.add("uid", "user-own@example.com")
    mine.add("summary", "Lunch")
    mine.add("dtstart", datetime(2026, 12, 2, 12, tzinfo=NY))
    cal.add_component(mine)
    path.write_bytes(cal.to_ical())
    store = IcsReminders(path)
    store.apply([spec("a"), spec("b")], [])
    store.apply([], ["a"])
    after = icalendar.Calendar.from_ical(path.read_bytes())
    assert sorted(str(e["UID"]) for e in after.walk("VEVENT")) == [
        "b@interview-followup",
        "user-own@example.com",
    ]
    before = path.read_bytes(), path.stat().st_mtime_ns
    store.apply([], [])  # nothing to do: the file is not touched
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_no_temporary_files_are_left_and_a_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    path = tmp_path / "r.ics"
    store = IcsReminders(path)
    store.apply([spec("a")], [])
    old = path.read_bytes()

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(AdapterError, match="No space left"):
        store.apply([spec("b")], [])
    assert path.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["r.ics"]


def test_a_broken_reminders_file_is_a_clear_error_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "r.ics"
    path.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:nonsense\n")
    with pytest.raises(AdapterError, match="cannot be parsed") as caught:
        IcsReminders(path).snapshot()
    assert str(path) in str(caught.value)
    assert path.read_text().startswith("BEGIN:VCALENDAR\nBEGIN:VEVENT")
