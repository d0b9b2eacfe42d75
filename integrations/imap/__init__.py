"""IMAP backend for any mailbox that is not Gmail's API (iCloud, Fastmail, a Nextcloud
user's mail host, a university's server): drafts (DraftStore) and reply detection
(ReplyWatcher) over one connection.

``session`` (connection, TLS, login, error translation), ``drafts``, ``replies``. This
module only declares the ``imap`` drafts backend and the ``[imap]`` account; imapclient is
imported when a connection is made, so ``--help`` and ``status`` stay fast.
"""

from __future__ import annotations

import atexit
from typing import Any

from daemon.backends import Account, AuthOptions, Backend, Key, KeyProblem, NotAvailable, Wiring
from daemon.settings import Settings

PROVIDER = "imap"
SECURITY = ("tls", "starttls", "none")
MECHANISMS = ("password", "xoauth2")

_SESSIONS: dict[Any, Any] = {}


def _section(settings: Settings) -> dict[str, object]:
    return settings.accounts.get(PROVIDER, {})


def session_for(settings: Settings) -> Any:
    """One connection per server and user, shared by the drafts and the replies adapters
    (one login per process, none per poll while it stays open); logged out at exit."""
    from integrations.imap.session import ImapSession, ImapSettings

    wanted = ImapSettings.from_section(_section(settings))
    if wanted not in _SESSIONS:
        if not _SESSIONS:
            atexit.register(close_sessions)
        _SESSIONS[wanted] = ImapSession(wanted)
    return _SESSIONS[wanted]


def close_sessions() -> None:
    """Log out of every IMAP server (a process that is done with its mailboxes)."""
    while _SESSIONS:
        _SESSIONS.popitem()[1].close()


class ImapAccount(Account):
    name = PROVIDER
    keys = (
        Key("host", required=True),
        Key("port", "int"),  # absent: 993 for "tls", 143 otherwise
        Key("security", default="tls", choices=SECURITY),
        Key("username", required=True),
        Key("password_command", "command"),
        Key("reply_detection", "bool", default=True),
        Key("auth", default="password", choices=MECHANISMS),
        Key("timeout", "int", default=60),
    )

    def validate(self, values: dict[str, object]) -> None:
        from integrations.imap.session import is_loopback

        port = values.get("port")
        if isinstance(port, int) and not 0 < port < 65536:
            raise KeyProblem("port", "must be a port number (1-65535)")
        timeout = values.get("timeout")
        if isinstance(timeout, int) and timeout < 1:
            raise KeyProblem("timeout", "must be a number of seconds >= 1")
        host = values.get("host")
        if values.get("security") == "none" and isinstance(host, str) and not is_loopback(host):
            raise KeyProblem(
                "security",
                "'none' (no encryption) is only allowed for a loopback host such as"
                " 127.0.0.1: use 'tls' or 'starttls'",
            )

    def check(self, settings: Settings) -> str:
        """Logs in and finds the drafts folder: what `doctor` reports."""
        from integrations.imap.drafts import ImapDrafts

        session = session_for(settings)
        folder = ImapDrafts(session, _folder(settings)).folder()
        s = session.settings
        return f"signed in as {s.username} at {s.host}:{s.port} ({s.security}); drafts: {folder!r}"

    def authorize(self, settings: Settings, options: AuthOptions) -> str:
        """Ask for the app password (no echo, or one line of standard input), check it
        with one login, store it in the keyring as ``imap:{username}``. A refused password
        is not stored; an unreachable server does not stop the storing."""
        from daemon.ports import TransientError
        from integrations import secrets
        from integrations.imap.session import ImapSession, ImapSettings

        section = _section(settings)
        if not section.get("host") or not section.get("username"):
            raise NotAvailable(
                f"{settings.config_path}: [imap] host and username are needed for `auth imap`"
            )
        imap = ImapSettings.from_section(section)
        secret = secrets.ask_password(
            f"IMAP app password for {imap.username} at {imap.host}: ", options.password_stdin
        )
        session = ImapSession(imap, password=lambda: secret)
        note = "the server accepted it"
        try:
            session.client()
        except TransientError as exc:
            note = f"not checked: {exc}"
        finally:
            session.close()
        secrets.store_password(PROVIDER, imap.username, secret)
        return f"stored the IMAP password for {imap.username} in the keyring ({note})"


def _folder(settings: Settings) -> str | None:
    folder = settings.drafts.get("folder")
    return None if folder is None else str(folder)


class ImapDraftsBackend(Backend):
    role = "drafts"
    type = PROVIDER
    account = PROVIDER
    keys = (Key("folder"),)  # absent: the folder flagged \Drafts, else "Drafts"

    def make(self, settings: Settings, wiring: Wiring) -> Any:
        from integrations.imap.drafts import ImapDrafts

        if wiring.clock is None:
            return ImapDrafts(session_for(settings), _folder(settings))
        return ImapDrafts(session_for(settings), _folder(settings), clock=wiring.clock)

    def check(self, settings: Settings) -> str:
        return f"IMAP drafts folder {_folder(settings) or '(the one flagged Drafts)'}"

    def replies(self, settings: Settings) -> Any:
        if not _section(settings).get("reply_detection", True):
            return None
        from integrations.imap.replies import ImapReplies

        return ImapReplies(session_for(settings))
