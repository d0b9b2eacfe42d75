"""Config ``type`` -> adapter. Imports happen here, lazily, so ``--help`` and ``status`` stay
fast and a Maildir user never imports the Google client."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from daemon.settings import Settings
from integrations.base import AdapterError, DraftStore, EventSource, ReminderStore


class NotAvailable(AdapterError):
    """A configured backend this version does not provide (a config problem: exit 2)."""


def _unavailable(section: str, kind: object) -> NotAvailable:
    return NotAvailable(
        f"[{section}] type = {kind!r} is not available in this version (use 'ics'/'maildir')"
    )


def source_id(settings: Settings) -> str:
    kind = settings.source.get("type")
    if kind == "ics":
        return f"ics:{Path(str(settings.source['path'])).name}"
    return str(kind)


def make_source(settings: Settings) -> EventSource:
    kind = settings.source.get("type")
    if kind == "ics":
        from integrations.ics import IcsSource

        det = settings.detection
        return IcsSource(
            Path(str(settings.source["path"])),
            source_id=source_id(settings),
            user_tz=settings.user.timezone,
            keywords=(*det.patterns, det.tag),
            all_interviews=bool(settings.source.get("all_interviews", False)),
        )
    raise _unavailable("source", kind)


def make_reminders(settings: Settings) -> ReminderStore:
    kind = settings.reminders.get("type")
    if kind == "ics":
        from integrations.ics_reminders import IcsReminders

        return IcsReminders(Path(str(settings.reminders["path"])))
    raise _unavailable("reminders", kind)


def make_drafts(settings: Settings, clock: Callable[[], datetime] | None = None) -> DraftStore:
    """``clock`` dates the drafts, so a replay with ``--now`` writes that date."""
    kind = settings.drafts.get("type")
    if kind == "maildir":
        from integrations.maildir import MaildirDrafts

        return MaildirDrafts(Path(str(settings.drafts["path"])), clock=clock)
    raise _unavailable("drafts", kind)


def fingerprint_of(store: Any) -> str | None:
    """Adapters may offer a cheap ``fingerprint()`` of their content; None = always look."""
    fn = getattr(store, "fingerprint", None)
    return fn() if callable(fn) else None
