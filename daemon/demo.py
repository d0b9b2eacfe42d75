"""``demo``: the product at work on any date, in a folder of its own.

The shipped ``examples/calendar.ics`` has fixed dates, so a newcomer trying it months later
sees every action ``expired`` and nothing made. The demo calendar is generated from the
date instead: an interview yesterday (its thank-you drafts are made at once), one two weeks
back whose stated decision date has passed (its check-in draft is made), and interviews to
come (their prep, debrief and thank-you reminders are planned). The folder holds its own
config, with the settings of ``config.example.toml`` and its state next to it, so the demo
never reads or writes the user's own config or state store.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from daemon.settings import Settings

PROGRAM = "interview-followup"
DEFAULT_FOLDER = Path(f"{PROGRAM}-demo")
MARKER = ".interview-followup-demo"
CONFIG, CALENDAR, STATE = "config.toml", "calendar.ics", "state.sqlite3"
# Everything the demo writes; a second run removes these and nothing else.
_OWN = (
    CONFIG,
    CALENDAR,
    "reminders.ics",
    "drafts",
    STATE,
    f"{STATE}-wal",
    f"{STATE}-shm",
    f"{STATE}.lock",
    MARKER,
)

# The user of config.example.toml: the demo runs on the same settings (a test compares them).
USER_NAME, USER_EMAIL, TIMEZONE = "Alex Candidate", "alex@example.com", "America/New_York"

_CONFIG_TEXT = """\
# interview-followup demo: the settings of config.example.toml, on a calendar generated
# for {today}. Everything it writes stays in this folder (state included).
# Try: interview-followup --config {config} status

[user]
name = "{name}"
email = "{email}"
phone = "+1 555 0100"
timezone = "{tz}"
holiday_country = "US"
slot = "10:00"

[source]
type = "ics"
path = "{calendar}"

[reminders]
type = "ics"
path = "reminders.ics"

[drafts]
type = "maildir"
path = "drafts"

[state]
path = "{state}"
"""


class DemoError(Exception):
    """The folder cannot be used for the demo; one line for the user (exit 2)."""


@dataclass(frozen=True)
class _Event:
    """One demo event, placed relative to today: ``days`` from today at ``at`` local."""

    uid: str
    title: str
    days: int
    at: time
    minutes: int
    organizer: tuple[str, str]
    attendees: tuple[tuple[str, str], ...]
    description: str = ""
    location: str = ""


def _events(today: date) -> tuple[_Event, ...]:
    """The demo's calendar. The check-in interview states a decision date a week ago, so the
    check-in (the next business day after it, at most four days later even across a
    weekend and a holiday) falls between six and three days ago: due, and inside its
    7-day grace, whatever today is."""
    decided = (today - timedelta(days=7)).isoformat()
    return (
        _Event(
            "demo-acme-panel@example.com",
            "Interview with Acme - Senior Developer",
            -1,
            time(14, 0),
            60,
            ("Sam Recruiter", "sam@acme.com"),
            (("Jane Doe", "jane@acme.com"), ("Raj Patel", "raj@acme.com")),
            "Panel interview with the platform team.\nTimeline: within 2 weeks",
            "Acme Corp, 200 Park Ave, New York",
        ),
        _Event(
            "demo-hooli-screen@example.com",
            "Hooli: technical screen",
            -14,
            time(10, 0),
            60,
            ("Gavin Belson", "gavin@hooli.com"),
            (("Gavin Belson", "gavin@hooli.com"),),
            f"Role: Backend Engineer\nJoin: https://meet.google.com/abc-defg-hij\n"
            f"Timeline: {decided}",
        ),
        _Event(
            "demo-initech-phone@example.com",
            "Phone screen with Initech",
            1,
            time(9, 30),
            30,
            ("Peter Gibbons", "peter@initech.com"),
            (("Peter Gibbons", "peter@initech.com"),),
            "Role: Data Analyst\nThey will call you.",
            "+1 555 0142",
        ),
        _Event(
            "demo-globex-final@example.com",
            "Final round - Globex",
            3,
            time(17, 0),
            150,
            ("Hank Scorpio", "hank@globex.com"),
            (("Hank Scorpio", "hank@globex.com"), ("Mindy Tan", "mindy@globex.com")),
            "Role: Product Manager\nContact: Mindy Tan <mindy@globex.com>",
            "Globex HQ, 1 Cypress Creek Rd",
        ),
        _Event(
            "demo-mock@example.com",
            "Mock interview with my career coach",
            2,
            time(18, 0),
            60,
            ("Alex Candidate", USER_EMAIL),
            (),
        ),
    )


def calendar(today: date, tz: ZoneInfo) -> bytes:
    """The demo calendar for ``today``: the same bytes for the same date."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//interview-followup//demo calendar//EN")
    cal.add("version", "2.0")
    stamp = datetime.combine(today, time(0, 0), tzinfo=ZoneInfo("UTC"))
    for e in _events(today):
        start = datetime.combine(_day(today, e.days), e.at, tzinfo=tz)
        ev = icalendar.Event()
        ev.add("uid", e.uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", start)
        ev.add("dtend", start + timedelta(minutes=e.minutes))
        ev.add("summary", e.title)
        if e.description:
            ev.add("description", e.description)
        if e.location:
            ev.add("location", e.location)
        ev.add("organizer", _address(*e.organizer))
        for name, email in (*e.attendees, (USER_NAME, USER_EMAIL)):
            ev.add("attendee", _address(name, email, partstat="ACCEPTED"))
        cal.add_component(ev)
    return bytes(cal.to_ical())


def _day(today: date, days: int) -> date:
    """Interviews to come fall on weekdays; past ones keep their distance from today, which
    is what puts their drafts inside the rules' grace."""
    day = today + timedelta(days=days)
    while days > 0 and day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _address(name: str, email: str, **params: str) -> icalendar.vCalAddress:
    addr = icalendar.vCalAddress(f"mailto:{email}")
    addr.params["cn"] = name
    for key, value in params.items():
        addr.params[key] = value
    return addr


def prepare(folder: Path, now: datetime) -> Path:
    """Write the demo's calendar and config into ``folder`` (made fresh on every run) and
    return the config's path. A folder that holds anything but a previous demo is refused:
    the demo never overwrites what it did not write."""
    folder = folder.expanduser()
    _clear(folder)
    tz = ZoneInfo(TIMEZONE)
    today = now.astimezone(tz).date()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text("written by `interview-followup demo`\n", encoding="utf-8")
    (folder / CALENDAR).write_bytes(calendar(today, tz))
    config = folder / CONFIG
    config.write_text(
        _CONFIG_TEXT.format(
            today=today.isoformat(),
            config=config,
            name=USER_NAME,
            email=USER_EMAIL,
            tz=TIMEZONE,
            calendar=CALENDAR,
            state=STATE,
        ),
        encoding="utf-8",
    )
    return config


def _clear(folder: Path) -> None:
    if not folder.exists():
        return
    if not folder.is_dir():
        raise DemoError(f"{folder}: not a folder; give the demo a folder of its own")
    entries = {p.name for p in folder.iterdir()}
    if not entries:
        return
    if MARKER not in entries:
        raise DemoError(
            f"{folder}: not empty and not a demo folder; give the demo a folder of its own"
        )
    for name in _OWN:
        path = folder / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def where_to_look(settings: Settings, program: str, config: Path) -> str:
    """The demo's outputs by path, each draft by recipient and subject, and what to try
    (with the program and config path as the user typed them, so they can be pasted)."""
    from email.parser import BytesHeaderParser

    reminders = Path(str(settings.reminders["path"]))
    drafts = Path(str(settings.drafts["path"]))
    count = reminders.read_bytes().count(b"BEGIN:VEVENT") if reminders.exists() else 0
    made = sorted((drafts / "cur").glob("*")) if (drafts / "cur").is_dir() else []
    lines = [
        f"Calendar (made for today):  {settings.source['path']}",
        f"Reminders ({count}), import or subscribe:  {reminders}",
        f"Drafts ({len(made)}), a Maildir your mail client opens:  {drafts}",
    ]
    parser = BytesHeaderParser()
    for path in made:
        with path.open("rb") as fh:
            head = parser.parse(fh)
        lines.append(f"  to {head.get('To', '?')}: {head.get('Subject', '?')}")
    lines += [
        f"Config and state, apart from yours:  {settings.config_path}",
        "",
        "Then try, on the demo's own config:",
        f"  {program} --config {config} status",
        f"  {program} --config {config} plan --now 2030-01-07T10:00:00-05:00",
    ]
    return "\n".join(lines) + "\n"
