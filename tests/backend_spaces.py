"""A configured workspace for each backend combination, seen the way its user sees it.

``files`` is the ``.ics`` calendar, an ``.ics`` reminders file and a Maildir; ``google`` is
the fake Google (tests/fakes/google_server.py) through the real client libraries; ``dav`` is
a real Radicale for the calendar and reminders and a real Dovecot for the drafts. Each
workspace holds the user's calendar as one iCalendar document and publishes it where its
backend keeps interviews (a file, one CalDAV resource per event, Google events), and reads
back what the product wrote as plain values, keyed by the product's own key and compared
across backends by what a user sees (titles, times, recipients, subjects).

The end-to-end scenarios (tests/test_end_to_end.py) and the crash tests
(tests/test_crash_backends.py) share these.
"""

from __future__ import annotations

import contextlib
import email
import json
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email import policy
from email.utils import getaddresses
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import icalendar

from tests.conftest import BASE_CONFIG, EXAMPLE_CALENDAR, Result, run_cli

REPO = Path(__file__).resolve().parents[1]
KEY_HEADER = "X-Interview-Followup-Key"
ACCOUNT = "alex@example.com"
FOLLOWUPS = "followups"
QUIET = "0 reminders created, 0 moved, 0 removed; 0 drafts created, 0 removed"


@dataclass(frozen=True, order=True)
class Reminder:
    title: str
    start: str  # the instant, in UTC, as ISO text: equal across backends and zones


@dataclass(frozen=True, order=True)
class Draft:
    to: tuple[tuple[str, str], ...]
    subject: str
    body: str


def instant(value: datetime | date) -> str:
    if isinstance(value, datetime):
        return value.astimezone(ZoneInfo("UTC")).isoformat()
    return value.isoformat()


def draft_of(raw: bytes) -> tuple[str, Draft]:
    """(key, what the user sees) of one draft message."""
    msg = email.message_from_bytes(raw, policy=policy.default)
    body = msg.get_body(("plain",))
    text = body.get_content() if body is not None else ""  # type: ignore[attr-defined]
    to = tuple(getaddresses([str(msg["To"])]))
    return str(msg[KEY_HEADER]), Draft(to, str(msg["Subject"]), text.replace("\r\n", "\n"))


def reminder_of(ev: Any) -> tuple[str, Reminder]:
    return str(ev["X-INTERVIEW-FOLLOWUP-KEY"]), Reminder(
        str(ev["summary"]), instant(ev.decoded("dtstart"))
    )


_GOOGLE_INSERT = re.compile(
    rf"^/(calendar/v3/calendars/{FOLLOWUPS}/events|gmail/v1/users/[^/]+/drafts)$"
)


def _files_in(*folders: Path) -> int:
    """Files (not dot-files) directly in the folders that exist."""
    count = 0
    for folder in folders:
        with contextlib.suppress(FileNotFoundError):
            count += sum(1 for e in os.scandir(folder) if e.is_file() and e.name[0] != ".")
    return count


def file_keyring_env(root: Path) -> dict[str, str]:
    """A child process's keyring: the JSON file tests/fakes/file_keyring.py reads."""
    from tests.fakes.file_keyring import ENV

    return {
        "PYTHON_KEYRING_BACKEND": "tests.fakes.file_keyring.FileKeyring",
        "PYTHONPATH": str(REPO),
        ENV: str(root / "keyring.json"),
    }


def unique(pairs: list[tuple[str, Any]], what: str) -> dict[str, Any]:
    """Key -> value; an output present twice fails the test here."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        assert key not in out, f"{what} {key} is there twice"
        out[key] = value
    return out


def config_for(source: str, reminders: str, drafts: str, extra: str = "") -> str:
    """BASE_CONFIG with its three backend tables replaced."""
    text = BASE_CONFIG
    for table, body in (("source", source), ("reminders", reminders), ("drafts", drafts)):
        text = re.sub(rf"\[{table}\]\n(?:[^\[\n][^\n]*\n)*", f"[{table}]\n{body}\n", text)
    return text + extra


class Space(ABC):
    """One workspace: a config, the user's calendar published to its backend, and readers of
    the reminders and drafts it holds."""

    kind = ""
    # Whether the source lists an event cancelled before the product first read it (Google
    # does not: without showDeleted a first read leaves deleted events out).
    lists_early_cancellations = True

    def __init__(self, root: Path, capsys: Any, calendar: bytes | None = None) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.capsys = capsys
        self.config = root / "config.toml"
        self.calendar = icalendar.Calendar.from_ical(calendar or EXAMPLE_CALENDAR.read_bytes())

    # -- the CLI ---------------------------------------------------------------------------

    def run(self, *args: str) -> Result:
        return run_cli(self.config, self.capsys, *args)

    def sync(self, now: str) -> Result:
        res = self.run("sync", "--now", now)
        assert res.code == 0, res.out + res.err
        return res

    def plan(self, now: str) -> Any:
        """``plan --json`` with this backend's interview ids written as ``SOURCE/<uid>``."""
        res = self.run("plan", "--json", "--now", now)
        assert res.code == 0, res.err
        doc = json.loads(self.canonical_ids(res.out))
        doc["skipped"].sort(key=lambda s: s["id"])  # in the order the source lists them
        return doc

    @abstractmethod
    def canonical_ids(self, text: str) -> str:
        """``text`` with this backend's interview ids as ``SOURCE/<uid>``."""

    # -- the user's calendar ---------------------------------------------------------------

    def events(self, uid: str) -> list[Any]:
        return [ev for ev in self.calendar.walk("VEVENT") if str(ev["uid"]) == uid]

    def move(self, uid: str, start: datetime, end: datetime) -> None:
        for ev in self.events(uid):
            for name, value in (("dtstart", start), ("dtend", end)):
                ev.pop(name, None)
                ev.add(name, value)
        self.publish(uid)

    def cancel(self, uid: str) -> None:
        """The user (or the organiser) cancels the interview."""
        for ev in self.events(uid):
            ev.pop("status", None)
            ev.add("status", "CANCELLED")
        self.publish(uid)

    @abstractmethod
    def publish(self, uid: str | None = None) -> None:
        """Put the calendar (one event, or all) where the backend keeps interviews."""

    # -- what the product wrote, as the user sees it ---------------------------------------

    @abstractmethod
    def reminders(self) -> dict[str, Reminder]: ...

    @abstractmethod
    def drafts(self) -> dict[str, Draft]: ...

    # -- for runs in a process of their own (tests/test_crash_backends.py) -------------------

    def env(self) -> dict[str, str]:
        """What a child process needs to find this workspace's credentials."""
        return {}

    @abstractmethod
    def written(self) -> int:
        """Outputs the backend holds, counted where they land (files, the server), cheaply
        enough to poll while a sync writes."""

    def made(self) -> int | None:
        """Outputs ever created at the backend, those since removed included (a copy made
        twice and tidied away counts twice); None where the backend cannot tell."""
        return None

    def close(self) -> None:  # noqa: B027 - most spaces hold nothing open
        """Let go of what the space holds open."""

    @abstractmethod
    def user_retitles_reminder(self, key: str, title: str) -> None: ...

    @abstractmethod
    def user_deletes_reminder(self, key: str) -> None: ...

    @abstractmethod
    def user_edits_draft(self, key: str, old: bytes, new: bytes) -> None:
        """What a mail client does on saving an edited draft."""


class FilesSpace(Space):
    """``.ics`` calendar, ``.ics`` reminders, Maildir drafts."""

    kind = "files"

    def __init__(self, root: Path, capsys: Any, calendar: bytes | None = None) -> None:
        super().__init__(root, capsys, calendar)
        self.config.write_text(BASE_CONFIG)
        self.publish()

    def canonical_ids(self, text: str) -> str:
        return re.sub(r"(?<![\w./])ics/", "SOURCE/", text)

    def publish(self, uid: str | None = None) -> None:
        (self.root / "calendar.ics").write_bytes(self.calendar.to_ical())

    def _reminders_cal(self) -> Any:
        path = self.root / "reminders.ics"
        if not path.exists():
            return icalendar.Calendar()
        return icalendar.Calendar.from_ical(path.read_bytes())

    def reminders(self) -> dict[str, Reminder]:
        return unique([reminder_of(ev) for ev in self._reminders_cal().walk("VEVENT")], "reminder")

    def _draft_files(self) -> dict[str, Path]:
        # new/ and cur/ only, as every Maildir reader: tmp/ holds deliveries in progress, and
        # a kill between a delivery's link into new/ and its unlink leaves a copy there.
        files = sorted(f for sub in ("new", "cur") for f in (self.root / "drafts" / sub).glob("*"))
        return unique([(draft_of(f.read_bytes())[0], f) for f in files if f.is_file()], "draft")

    def drafts(self) -> dict[str, Draft]:
        return {k: draft_of(f.read_bytes())[1] for k, f in self._draft_files().items()}

    def written(self) -> int:
        """Draft files (the reminders file is replaced whole, in one rename)."""
        return _files_in(*(self.root / "drafts" / sub for sub in ("cur", "new")))

    def _rewrite_reminders(self, key: str, change: Any) -> None:
        cal = self._reminders_cal()
        [ev] = [e for e in cal.walk("VEVENT") if str(e["X-INTERVIEW-FOLLOWUP-KEY"]) == key]
        change(cal, ev)
        (self.root / "reminders.ics").write_bytes(cal.to_ical())

    def user_retitles_reminder(self, key: str, title: str) -> None:
        def retitle(cal: Any, ev: Any) -> None:
            ev["summary"] = icalendar.vText(title)

        self._rewrite_reminders(key, retitle)

    def user_deletes_reminder(self, key: str) -> None:
        self._rewrite_reminders(key, lambda cal, ev: cal.subcomponents.remove(ev))

    def user_edits_draft(self, key: str, old: bytes, new: bytes) -> None:
        file = self._draft_files()[key]
        file.write_bytes(file.read_bytes().replace(old, new))


# -- Google ---------------------------------------------------------------------------------

GOOGLE_CONFIG = f"""
[google]
account = "{ACCOUNT}"
api_root = "{{root}}"
"""
_PARTSTAT = {"ACCEPTED": "accepted", "DECLINED": "declined", "TENTATIVE": "tentative"}


def google_id(uid: str) -> str:
    """A Google event id for an iCalendar UID (base32hex, as Google requires)."""
    import base64

    return base64.b32hexencode(uid.encode()).decode().rstrip("=").lower()


def _when(value: datetime | date, tzid: str | None) -> dict[str, str]:
    if isinstance(value, datetime):
        out = {"dateTime": value.isoformat()}
        return {**out, "timeZone": tzid} if tzid else out
    return {"date": value.isoformat()}


def _mail(value: Any) -> str:
    return str(value).removeprefix("mailto:").removeprefix("MAILTO:").lower()


def google_event(ev: Any) -> dict[str, Any]:
    """One VEVENT as Google Calendar holds it, as a calendar app would have stored it."""
    uid = str(ev["uid"])
    tzid = ev["dtstart"].params.get("TZID")
    body: dict[str, Any] = {
        "id": google_id(uid),
        "iCalUID": uid,
        "summary": str(ev.get("summary", "")),
        "start": _when(ev.decoded("dtstart"), tzid),
        "end": _when(ev.decoded("dtend"), tzid),
        "status": "confirmed",
    }
    for name in ("description", "location"):
        if name in ev:
            body[name] = str(ev[name])
    if "rrule" in ev:
        body["recurrence"] = ["RRULE:" + ev["rrule"].to_ical().decode()]
    organizer = ev.get("organizer")
    if organizer is not None:
        body["organizer"] = {"email": _mail(organizer)}
        if organizer.params.get("CN"):
            body["organizer"]["displayName"] = str(organizer.params["CN"])
    people = ev.get("attendee", [])
    for person in people if isinstance(people, list) else [people]:
        entry: dict[str, Any] = {
            "email": _mail(person),
            "responseStatus": _PARTSTAT.get(str(person.params.get("PARTSTAT")), "needsAction"),
        }
        if person.params.get("CN"):
            entry["displayName"] = str(person.params["CN"])
        if person.params.get("CUTYPE") in ("ROOM", "RESOURCE"):
            entry["resource"] = True
        if entry["email"] == ACCOUNT:
            entry["self"] = True
        if organizer is not None and entry["email"] == _mail(organizer):
            entry["organizer"] = True
        body.setdefault("attendees", []).append(entry)
    return body


class GoogleSpace(Space):
    """Google Calendar (source and reminders) and Gmail, served by the fake."""

    kind = "google"
    lists_early_cancellations = False

    def __init__(self, root: Path, capsys: Any, fake: Any, calendar: bytes | None = None):
        super().__init__(root, capsys, calendar)
        self.fake = fake
        fake.add_calendar(FOLLOWUPS)
        self.config.write_text(
            config_for(
                'type = "google"\ncalendars = ["primary"]',
                f'type = "google"\ncalendar = "{FOLLOWUPS}"',
                'type = "gmail"',
                GOOGLE_CONFIG.format(root=fake.root),
            )
        )
        self.uids = {google_id(str(ev["uid"])): str(ev["uid"]) for ev in self.events_all()}
        self.publish()

    def events_all(self) -> list[Any]:
        return list(self.calendar.walk("VEVENT"))

    def canonical_ids(self, text: str) -> str:
        return re.sub(
            r"google:primary/([0-9a-v]+)",
            lambda m: "SOURCE/" + self.uids.get(m[1], m[1]),
            text,
        )

    def publish(self, uid: str | None = None) -> None:
        for ev in self.events_all():
            if uid is not None and str(ev["uid"]) != uid:
                continue
            body = google_event(ev)
            gid = body["id"]
            if self.fake.event("primary", gid) is None:
                self.fake.seed_event("primary", body)
            else:
                self.fake.user_update_event("primary", gid, body)
            if str(ev.get("status", "")).upper() == "CANCELLED":
                self.fake.user_delete_event("primary", gid)  # how Google keeps a cancellation

    def _events(self) -> list[dict[str, Any]]:
        return [e for e in self.fake.events(FOLLOWUPS) if "extendedProperties" in e]

    @staticmethod
    def _key(event: dict[str, Any]) -> str:
        return str(event["extendedProperties"]["private"]["interviewFollowupKey"])

    def reminders(self) -> dict[str, Reminder]:
        pairs = []
        for e in self._events():
            start = e["start"].get("dateTime") or e["start"]["date"]
            when = datetime.fromisoformat(start) if "T" in start else date.fromisoformat(start)
            pairs.append((self._key(e), Reminder(e["summary"], instant(when))))
        return unique(pairs, "reminder")

    def drafts(self) -> dict[str, Draft]:
        return unique([draft_of(d["raw"]) for d in self.fake.drafts()], "draft")

    def written(self) -> int:
        """Reminder inserts and draft creates the fake has done (batch parts one by one)."""
        return sum(
            1
            for c in list(self.fake.calls)
            if c.method == "POST" and c.status == 200 and _GOOGLE_INSERT.match(c.path)
        )

    def env(self) -> dict[str, str]:
        return file_keyring_env(self.root)

    def made(self) -> int | None:
        return self.written()  # every insert and create the fake answered

    def _event_id(self, key: str) -> str:
        return str(next(e["id"] for e in self._events() if self._key(e) == key))

    def user_retitles_reminder(self, key: str, title: str) -> None:
        self.fake.user_update_event(FOLLOWUPS, self._event_id(key), {"summary": title})

    def user_deletes_reminder(self, key: str) -> None:
        self.fake.user_delete_event(FOLLOWUPS, self._event_id(key))

    def user_edits_draft(self, key: str, old: bytes, new: bytes) -> None:
        [found] = [d for d in self.fake.drafts() if draft_of(d["raw"])[0] == key]
        self.fake.user_edit_draft(found["id"], found["raw"].replace(old, new))


# -- CalDAV and IMAP --------------------------------------------------------------------------


def caldav_resources(calendar: Any) -> dict[str, str]:
    """The calendar (parsed, or its text) as a CalDAV server holds it: one resource per UID
    (a series and its overrides together), each with the time zones."""
    cal = icalendar.Calendar.from_ical(calendar) if isinstance(calendar, bytes) else calendar
    zones = list(cal.walk("VTIMEZONE"))
    by_uid: dict[str, Any] = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev["uid"])
        if uid not in by_uid:
            by_uid[uid] = icalendar.Calendar()
            by_uid[uid].add("prodid", "-//the user's calendar app//EN")
            by_uid[uid].add("version", "2.0")
            for zone in zones:
                by_uid[uid].add_component(zone)
        by_uid[uid].add_component(ev)
    return {uid: c.to_ical().decode() for uid, c in by_uid.items()}


IMAP_CONFIG = """
[imap]
host = "127.0.0.1"
port = {port}
security = "none"
username = "{user}"
timeout = {timeout}
"""
CALDAV_CONFIG = """
[caldav]
url = "{url}"
username = "{user}"
"""


def run_closing_imap(config: Path, capsys: Any, *args: str) -> Result:
    """One CLI run in this process; its IMAP connection closes with it, as when the process
    ends."""
    from integrations.imap import close_sessions

    try:
        return run_cli(config, capsys, *args)
    finally:
        close_sessions()


def imap_drafts(server: Any, folder: str = "Drafts") -> dict[str, tuple[int, bytes]]:
    """Key -> (UID, raw message) of every draft of ours, as a mail client sees the folder;
    fails on a key present twice."""
    client: Any = server.client()
    try:
        client.select_folder(folder, readonly=True)
        answers = client.fetch(client.search(["NOT", "DELETED"]), ["BODY.PEEK[]"])
    finally:
        client.logout()
    raws = [(uid, a[b"BODY[]"]) for uid, a in answers.items()]
    return unique([(draft_of(raw)[0], (uid, raw)) for uid, raw in raws if _has_key(raw)], "draft")


def _has_key(raw: bytes) -> bool:
    return email.message_from_bytes(raw, policy=policy.default)[KEY_HEADER] is not None


class DavSpace(Space):
    """Interviews and reminders in a real Radicale, drafts in a real Dovecot. Each space
    makes calendars of its own, so one Radicale can serve many tests."""

    kind = "dav"
    _made = 0

    def __init__(
        self, root: Path, capsys: Any, radicale: Any, dovecot: Any, calendar: bytes | None = None
    ) -> None:
        from integrations.caldav.session import CalDAVSession
        from tests.fakes.radicale_server import PASSWORD, USER

        super().__init__(root, capsys, calendar)
        DavSpace._made += 1
        self.work, self.followups = f"Work {DavSpace._made}", f"Follow-ups {DavSpace._made}"
        self.radicale, self.dovecot = radicale, dovecot
        self.hands = CalDAVSession(radicale.url, USER, lambda: PASSWORD)
        self.cal_url = self.hands.make_calendar(self.work).url
        self.hrefs: dict[str, str] = {}
        self.write_config(dovecot.port)
        self.publish()

    def write_config(self, imap_port: int, url: str | None = None, timeout: int = 30) -> None:
        """The servers at these addresses (a fault proxy's, say), ``timeout`` seconds for
        each network operation on both."""
        from tests.fakes.radicale_server import USER

        self.config.write_text(
            config_for(
                f'type = "caldav"\ncalendars = ["{self.work}"]',
                f'type = "caldav"\ncalendar = "{self.followups}"',
                'type = "imap"',
                CALDAV_CONFIG.format(url=url or self.radicale.url, user=USER)
                + f"timeout = {timeout}\n"
                + IMAP_CONFIG.format(port=imap_port, user=self.dovecot.user, timeout=timeout),
            )
        )

    def close(self) -> None:
        self.hands.close()

    def run(self, *args: str) -> Result:
        return run_closing_imap(self.config, self.capsys, *args)

    def canonical_ids(self, text: str) -> str:
        return text.replace(f"caldav:{self.work}/", "SOURCE/")

    def publish(self, uid: str | None = None) -> None:
        for one, text in caldav_resources(self.calendar).items():
            if uid is None or one == uid:
                href = self.hrefs.setdefault(one, f"{len(self.hrefs):03d}.ics")
                self._put(urljoin(self.cal_url, href), text)

    def _put(self, url: str, text: str) -> None:
        done = self.hands.request(
            "PUT", url, "the user", text, {"Content-Type": "text/calendar"}
        )
        assert done.status in (200, 201, 204), done.status

    def _resources(self) -> dict[str, Any]:
        found = self.hands.find(self.followups)
        return {} if found is None else {
            urljoin(found.url, href): res
            for href, res in self.hands.query(found.url, None, None).items()
        }

    def reminders(self) -> dict[str, Reminder]:
        pairs = []
        for res in self._resources().values():
            pairs += [reminder_of(ev) for ev in icalendar.Calendar.from_ical(res.text).walk(
                "VEVENT")]
        return unique(pairs, "reminder")

    def _resource_of(self, key: str) -> tuple[str, str]:
        for url, res in self._resources().items():
            if f"X-INTERVIEW-FOLLOWUP-KEY:{key}" in res.text.replace("\r\n ", ""):
                return url, res.text
        raise AssertionError(f"no reminder {key}")

    def user_retitles_reminder(self, key: str, title: str) -> None:
        url, text = self._resource_of(key)
        cal = icalendar.Calendar.from_ical(text)
        for ev in cal.walk("VEVENT"):
            ev["summary"] = icalendar.vText(title)
        self._put(url, cal.to_ical().decode())

    def user_deletes_reminder(self, key: str) -> None:
        url, _ = self._resource_of(key)
        done = self.hands.request("DELETE", url, "the user")
        assert done.status in (200, 204), done.status

    def _mailbox(self) -> dict[str, tuple[int, bytes]]:
        return imap_drafts(self.dovecot)

    def drafts(self) -> dict[str, Draft]:
        return {key: draft_of(raw)[1] for key, (_, raw) in self._mailbox().items()}

    def written(self) -> int:
        """Resources in the server's calendar folders (the user's events included) and
        messages in the Drafts Maildir, as the two servers store them."""
        from tests.fakes.radicale_server import USER

        home = self.radicale.root / "collections" / "collection-root" / USER
        folders = [d for d in home.iterdir() if d.is_dir() and not d.name.startswith(".")]
        maildir = self.dovecot.root / "home" / self.dovecot.user / "Maildir" / ".Drafts"
        return _files_in(*folders, maildir / "cur", maildir / "new")

    def made(self) -> int | None:
        """Reminders (each has one resource name, from its key: a second copy cannot be
        made) and every message ever appended to Drafts (UIDs are never reused)."""
        client: Any = self.dovecot.client()
        try:
            status = client.folder_status("Drafts", [b"UIDNEXT"])
        finally:
            client.logout()
        return len(self.reminders()) + int(status[b"UIDNEXT"]) - 1

    def env(self) -> dict[str, str]:
        return file_keyring_env(self.root)

    def user_edits_draft(self, key: str, old: bytes, new: bytes) -> None:
        """A new message, the old one expunged: its UID and exact bytes are gone."""
        uid, raw = self._mailbox()[key]
        client: Any = self.dovecot.client()
        try:
            client.select_folder("Drafts")
            client.append("Drafts", raw.replace(old, new), ["\\Draft"])
            client.delete_messages([uid])
            client.expunge()
        finally:
            client.logout()


# -- a space of each kind, with its credentials -----------------------------------------------

KINDS = ("files", "google", "dav")


@contextlib.contextmanager
def open_space(
    kind: str, root: Path, request: Any, calendar: bytes | None = None
) -> Iterator[Space]:
    """A workspace of ``kind`` for the test ``request`` belongs to: its servers come from
    the test's fixtures (``dovecot``, ``radicale``), its secrets go in the test's in-memory
    keyring (for CLI runs in the test process) and in ``root/keyring.json`` (for runs in a
    process of their own)."""
    from tests.fakes.file_keyring import FileKeyring

    capsys = request.getfixturevalue("capsys")
    rings = [request.getfixturevalue("memory_keyring"), FileKeyring(root / "keyring.json")]
    root.mkdir(parents=True, exist_ok=True)

    def store(service: str, user: str, secret: str) -> None:
        for ring in rings:
            ring.set_password(service, user, secret)

    if kind == "files":
        yield FilesSpace(root, capsys, calendar)
    elif kind == "google":
        from integrations.google import auth
        from tests.fakes.google_server import FakeGoogle, loopback_only

        loopback_only(request.getfixturevalue("monkeypatch"))
        with FakeGoogle(account=ACCOUNT, seed=7) as fake:
            store(auth.SERVICE_NAME, ACCOUNT, json.dumps(fake.authorized_user_info()))
            yield GoogleSpace(root, capsys, fake, calendar)
    elif kind == "dav":
        from integrations import secrets
        from tests.fakes.radicale_server import PASSWORD, USER

        dovecot = request.getfixturevalue("dovecot")
        store(secrets.SERVICE_NAME, f"caldav:{USER}", PASSWORD)
        store(secrets.SERVICE_NAME, f"imap:{dovecot.user}", dovecot.password)
        space = DavSpace(root, capsys, request.getfixturevalue("radicale"), dovecot, calendar)
        try:
            yield space
        finally:
            space.close()
    else:
        raise ValueError(kind)
