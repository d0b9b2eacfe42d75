"""Config ``type`` -> adapter. Imports happen here, lazily, so ``--help`` and ``status`` stay
fast and a Maildir user never imports the Google client."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from daemon.settings import Settings
from integrations.base import AdapterError, DraftStore, EventSource, ReminderStore, ReplyWatcher


class NotAvailable(AdapterError):
    """A configured backend this version does not provide (a config problem: exit 2)."""


def _unavailable(section: str, kind: object) -> NotAvailable:
    return NotAvailable(
        f"[{section}] type = {kind!r} is not available in this version (use 'ics'/'maildir')"
    )


def source_ids(settings: Settings) -> frozenset[str]:
    """The ``source_id`` of every event the configured source can yield."""
    kind = settings.source.get("type")
    if kind == "ics":
        return frozenset({f"ics:{Path(str(settings.source['path'])).name}"})
    if kind == "google":
        return frozenset(f"google:{c}" for c in _calendars(settings))
    return frozenset({str(kind)})


def _calendars(settings: Settings) -> list[str]:
    value = settings.source.get("calendars", ["primary"])
    return [str(c) for c in value] if isinstance(value, list) else ["primary"]


def _google_client(settings: Settings) -> Any:
    """One client per account and root, shared by every adapter: one token, one refresh."""
    from integrations.google.client import GoogleClient

    root = settings.google.get("api_root")
    account = str(settings.google.get("account", ""))
    key = (root, account)
    if key not in _CLIENTS:
        _CLIENTS[key] = GoogleClient(None if root is None else str(root), account)
    return _CLIENTS[key]


_CLIENTS: dict[tuple[object, str], Any] = {}


def probe_google(settings: Settings) -> list[str]:
    """One small read per configured Google API, with the stored token: what `doctor`
    reports as "token works, API reachable". Empty when nothing Google is configured."""
    calendar = "google" in (settings.source.get("type"), settings.reminders.get("type"))
    gmail = settings.drafts.get("type") == "gmail"
    if not (calendar or gmail):
        return []
    client = _google_client(settings)
    answered = []
    if calendar:
        cal = str(settings.reminders.get("calendar") or _calendars(settings)[0])
        events = client.calendar().events().list(calendarId=cal, maxResults=1)
        client.execute(events, what=f"reading calendar {cal}", idempotent=True)
        answered.append(f"Calendar ({cal})")
    if gmail:
        drafts = client.gmail().users().drafts().list(userId="me", maxResults=1)
        client.execute(drafts, what="listing Gmail drafts", idempotent=True)
        answered.append("Gmail")
    return answered


def reply_detection(settings: Settings) -> bool:
    """On by default, but only a mailbox we can read (Gmail) can see replies."""
    return settings.drafts.get("type") == "gmail" and bool(
        settings.google.get("reply_detection", True)
    )


def make_source(settings: Settings, cursors: Any = None) -> EventSource:
    """``cursors``: where an incremental source keeps its sync tokens (get/set by key)."""
    kind = settings.source.get("type")
    if kind == "ics":
        from integrations.ics import IcsSource

        det = settings.detection
        return IcsSource(
            Path(str(settings.source["path"])),
            source_id=next(iter(source_ids(settings))),
            user_tz=settings.user.timezone,
            keywords=(*det.patterns, det.tag),
            all_interviews=bool(settings.source.get("all_interviews", False)),
        )
    if kind == "google":
        from integrations.google.calendar import GoogleCalendarSource

        client = _google_client(settings)
        interview_calendars = settings.source.get("interview_calendars", [])
        return GoogleCalendarSource(
            client.api_root,
            _calendars(settings),
            client.account,
            cursor_store=cursors,
            client=client,
            all_interviews=[str(c) for c in interview_calendars]
            if isinstance(interview_calendars, list)
            else (),
        )
    raise _unavailable("source", kind)


def make_reminders(settings: Settings) -> ReminderStore:
    kind = settings.reminders.get("type")
    if kind == "ics":
        from integrations.ics_reminders import IcsReminders

        return IcsReminders(Path(str(settings.reminders["path"])))
    if kind == "google":
        from integrations.google.calendar import GoogleReminders

        client = _google_client(settings)
        return GoogleReminders(
            client.api_root,
            str(settings.reminders.get("calendar", "primary")),
            client.account,
            client=client,
            time_zone=settings.user.timezone,
        )
    raise _unavailable("reminders", kind)


def make_drafts(settings: Settings, clock: Callable[[], datetime] | None = None) -> DraftStore:
    """``clock`` dates the drafts, so a replay with ``--now`` writes that date."""
    kind = settings.drafts.get("type")
    if kind == "maildir":
        from integrations.maildir import MaildirDrafts

        return MaildirDrafts(Path(str(settings.drafts["path"])), clock=clock)
    if kind == "gmail":
        from integrations.google.gmail import GmailDrafts

        client = _google_client(settings)
        if clock is None:
            return GmailDrafts(client.api_root, client.account, client=client)
        return GmailDrafts(client.api_root, client.account, client=client, clock=clock)
    raise _unavailable("drafts", kind)


def make_replies(settings: Settings) -> ReplyWatcher | None:
    if not reply_detection(settings):
        return None
    from integrations.google.gmail import GmailReplies

    client = _google_client(settings)
    return GmailReplies(client.api_root, client.account, client=client)


def fingerprint_of(store: Any) -> str | None:
    """Adapters may offer a cheap ``fingerprint()`` of their content; None = always look."""
    fn = getattr(store, "fingerprint", None)
    return fn() if callable(fn) else None
