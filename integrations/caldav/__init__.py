"""CalDAV backends (iCloud, Fastmail, Nextcloud, Radicale...): interview source and reminders.

``session`` (discovery, requests, errors), ``source`` (incremental reads), ``reminders``
(conditional writes). This module only declares the backends and the ``[caldav]`` account;
the ``caldav`` library is imported when an adapter is made, so ``--help`` and ``status``
stay fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from daemon.backends import Account, AuthOptions, Backend, Key, KeyProblem, NotAvailable, Wiring
from daemon.settings import Settings

PROVIDER = "caldav"
DEFAULT_REMINDERS = "Interview follow-ups"


def _section(settings: Settings) -> dict[str, object]:
    return settings.accounts.get(PROVIDER, {})


def session_for(settings: Settings, password: str | None = None) -> Any:
    """A session for the configured account, shared by the source and the reminders made
    from the same settings (one discovery). The password is read at its first request, and
    again after the server refused it, so a new `auth caldav` is picked up."""
    from integrations import secrets
    from integrations.caldav.session import CalDAVSession

    section = _section(settings)
    url, username = str(section["url"]), str(section["username"])
    command = section.get("password_command")
    argv = [str(a) for a in command] if isinstance(command, list) else None
    timeout = float(str(section.get("timeout", 30)))
    if password is not None:
        return CalDAVSession(url, username, lambda: password, timeout=timeout)
    if _LAST and _LAST[0] is settings:
        return _LAST[1]
    made = CalDAVSession(
        url, username, lambda: secrets.password(PROVIDER, username, argv), timeout=timeout
    )
    _LAST[:] = [settings, made]
    return made


_LAST: list[Any] = []  # [settings, session]: the last session made, for the same settings


class CalDAVAccount(Account):
    name = PROVIDER
    keys = (
        Key("url", "url", required=True),
        Key("username", required=True),
        Key("password_command", "command"),
        Key("timeout", "int", default=30),  # seconds one request may take
    )

    def validate(self, values: dict[str, object]) -> None:
        from integrations.caldav.session import is_loopback

        if values.get("timeout") == 0:
            raise KeyProblem("timeout", "must be >= 1 (seconds)")
        url = values.get("url")
        if isinstance(url, str) and url.startswith("http://") and not is_loopback(url):
            raise KeyProblem("url", "must be https:// (http:// only for a server on this machine)")

    def check(self, settings: Settings) -> str:
        session = session_for(settings)
        names = ", ".join(repr(c.name) for c in session.calendars()) or "none yet"
        return f"signed in as {session.username} at {session.host}; calendars: {names}"

    def authorize(self, settings: Settings, options: AuthOptions) -> str:
        """Ask for the app password (no echo, or one line of standard input), check it with
        the server, and store it in the keyring as ``caldav:{username}``."""
        from daemon.ports import AuthError, TransientError
        from integrations import secrets

        section = _section(settings)
        if not section.get("username") or not section.get("url"):
            raise NotAvailable(
                f"{settings.config_path}: [caldav] url and username are needed for `auth caldav`"
            )
        username, host = str(section["username"]), urlsplit(str(section["url"])).hostname
        secret = secrets.ask_password(
            f"CalDAV app password for {username} at {host}: ", options.password_stdin
        )
        note = "the server accepted it"
        try:
            session_for(settings, password=secret).calendars()
        except AuthError:
            raise AuthError(
                f"{host} refused that password for {username}: nothing stored (iCloud and "
                "Fastmail need an app password, not the account's own)",
                fix="run `interview-followup auth caldav` again",
            ) from None
        except TransientError as exc:
            note = f"not checked: {exc}"
        secrets.store_password(PROVIDER, username, secret)
        return f"stored the CalDAV password for {username} in the keyring ({note})"


def _parser(settings: Settings) -> Any:
    from daemon.detect import prefilter_keywords
    from integrations.ics import IcsSource

    det = settings.detection

    def make(name: str, source_id: str) -> IcsSource:
        return IcsSource(
            Path("caldav"),
            source_id=source_id,
            user_tz=settings.user.timezone,
            keywords=prefilter_keywords(det),
            name=name or "caldav",
        )

    return make


def _wanted(settings: Settings) -> list[str] | None:
    value = settings.source.get("calendars")
    return [str(c) for c in value] if isinstance(value, list) else None


class CalDAVSourceBackend(Backend):
    role = "source"
    type = PROVIDER
    account = PROVIDER
    keys = (Key("calendars", "str_list"),)

    def source_ids(self, settings: Settings) -> frozenset[str]:
        wanted = _wanted(settings)
        return frozenset(f"caldav:{c}" for c in wanted) if wanted else frozenset({"caldav:*"})

    def make(self, settings: Settings, wiring: Wiring) -> Any:
        from integrations.caldav.source import CalDAVSource

        exclude = None
        if settings.reminders.get("type") == PROVIDER:
            exclude = str(settings.reminders.get("calendar", DEFAULT_REMINDERS))
        return CalDAVSource(
            session_for(settings),
            _wanted(settings),
            _parser(settings),
            wiring.cursors,
            exclude=exclude,
        )

    def check(self, settings: Settings) -> str:
        wanted = _wanted(settings)
        return "CalDAV calendars " + (", ".join(wanted) if wanted else "(all)")


class CalDAVRemindersBackend(Backend):
    role = "reminders"
    type = PROVIDER
    account = PROVIDER
    keys = (Key("calendar", default=DEFAULT_REMINDERS),)

    def make(self, settings: Settings, wiring: Wiring) -> Any:
        from integrations.caldav.reminders import CalDAVReminders

        return CalDAVReminders(session_for(settings), str(settings.reminders["calendar"]))

    def check(self, settings: Settings) -> str:
        return f"CalDAV calendar {settings.reminders['calendar']!r}"
