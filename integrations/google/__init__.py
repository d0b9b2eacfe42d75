"""Google Calendar and Gmail backends.

``auth`` (OAuth installed-app flow, token in keyring), ``client`` (services, batches, retries,
error translation), ``calendar`` (source and reminders), ``gmail`` (drafts and replies).
This module only declares the backends; the Google client is imported when an adapter is
made, so ``--help`` and ``status`` stay fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from daemon.backends import Account, AuthOptions, Backend, Key, Wiring
from daemon.settings import Settings

_CLIENTS: dict[tuple[object, str], Any] = {}


def client_for(settings: Settings) -> Any:
    """One client per account and root, shared by every adapter: one token, one refresh."""
    from integrations.google.client import GoogleClient

    root = settings.google.get("api_root")
    account = str(settings.google.get("account", ""))
    key = (root, account)
    if key not in _CLIENTS:
        _CLIENTS[key] = GoogleClient(None if root is None else str(root), account)
    return _CLIENTS[key]


def _calendars(settings: Settings) -> list[str]:
    value = settings.source.get("calendars", ["primary"])
    return [str(c) for c in value] if isinstance(value, list) else ["primary"]


def _uses_calendar(settings: Settings) -> bool:
    return "google" in (settings.source.get("type"), settings.reminders.get("type"))


def _uses_gmail(settings: Settings) -> bool:
    return settings.drafts.get("type") == "gmail"


def reply_detection(settings: Settings) -> bool:
    """On by default, but only when the drafts live in Gmail (the mailbox we can read)."""
    return _uses_gmail(settings) and bool(settings.google.get("reply_detection", True))


class GoogleAccount(Account):
    name = "google"
    keys = (
        Key("account", required=True),
        Key("client_secrets", "path"),
        Key("api_root", "url"),
        Key("reply_detection", "bool", default=True),
    )

    def check(self, settings: Settings) -> str:
        """One small read per configured Google API, with the stored token."""
        client = client_for(settings)
        answered = []
        if _uses_calendar(settings):
            cal = str(settings.reminders.get("calendar") or _calendars(settings)[0])
            events = client.calendar().events().list(calendarId=cal, maxResults=1)
            client.execute(events, what=f"reading calendar {cal}", idempotent=True)
            answered.append(f"Calendar ({cal})")
        if _uses_gmail(settings):
            drafts = client.gmail().users().drafts().list(userId="me", maxResults=1)
            client.execute(drafts, what="listing Gmail drafts", idempotent=True)
            answered.append("Gmail")
        account = settings.google.get("account")
        return f"the token for {account} works; {' and '.join(answered)} answered"

    def authorize(self, settings: Settings, options: AuthOptions) -> str:
        """The installed-app flow; the token goes to the keyring under ``[google] account``."""
        from daemon.backends import NotAvailable
        from integrations.google import auth

        account = settings.google.get("account")
        secrets = settings.google.get("client_secrets")
        where = f"{settings.config_path}: [google]"
        if not account:
            raise NotAvailable(f"{where} account: is required (the token is stored under it)")
        if not secrets:
            raise NotAvailable(f"{where} client_secrets: is required for `auth google`")
        scopes = auth.scopes_for(
            calendar=_uses_calendar(settings) or not _uses_gmail(settings),
            drafts=_uses_gmail(settings),
            replies=reply_detection(settings),
        )
        auth.authorize(Path(str(secrets)), str(account), scopes, no_browser=options.no_browser)
        return f"stored the Google token for {account} in the keyring; scopes: {' '.join(scopes)}"


class GoogleSourceBackend(Backend):
    role = "source"
    type = "google"
    account = "google"
    keys = (
        Key("calendars", "str_list", default=["primary"]),
        Key("interview_calendars", "str_list", default=[]),
    )

    def source_ids(self, settings: Settings) -> frozenset[str]:
        return frozenset(f"google:{c}" for c in _calendars(settings))

    def make(self, settings: Settings, wiring: Wiring) -> Any:
        from integrations.google.calendar import GoogleCalendarSource

        client = client_for(settings)
        interview_calendars = settings.source.get("interview_calendars", [])
        return GoogleCalendarSource(
            client.api_root,
            _calendars(settings),
            client.account,
            cursor_store=wiring.cursors,
            client=client,
            all_interviews=[str(c) for c in interview_calendars]
            if isinstance(interview_calendars, list)
            else (),
        )

    def check(self, settings: Settings) -> str:
        return "Google calendars " + ", ".join(_calendars(settings))


class GoogleRemindersBackend(Backend):
    role = "reminders"
    type = "google"
    account = "google"
    keys = (Key("calendar", default="primary"),)

    def make(self, settings: Settings, wiring: Wiring) -> Any:
        from integrations.google.calendar import GoogleCalendarSource, GoogleReminders

        client = client_for(settings)
        calendar = str(settings.reminders.get("calendar", "primary"))
        source = wiring.source
        shared = isinstance(source, GoogleCalendarSource) and calendar in source.calendars
        return GoogleReminders(
            client.api_root,
            calendar,
            client.account,
            client=client,
            time_zone=settings.user.timezone,
            reader=source if shared else None,
            cursor_store=wiring.cursors,
        )

    def check(self, settings: Settings) -> str:
        return f"Google calendar {settings.reminders.get('calendar', 'primary')}"


class GmailBackend(Backend):
    role = "drafts"
    type = "gmail"
    account = "google"

    def make(self, settings: Settings, wiring: Wiring) -> Any:
        from integrations.google.gmail import GmailDrafts

        client = client_for(settings)
        if wiring.clock is None:
            return GmailDrafts(client.api_root, client.account, client=client)
        return GmailDrafts(client.api_root, client.account, client=client, clock=wiring.clock)

    def check(self, settings: Settings) -> str:
        return f"Gmail drafts of {settings.google.get('account')}"

    def replies(self, settings: Settings) -> Any:
        if not reply_detection(settings):
            return None
        from integrations.google.gmail import GmailReplies

        client = client_for(settings)
        return GmailReplies(client.api_root, client.account, client=client)
