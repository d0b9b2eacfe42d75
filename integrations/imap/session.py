"""One IMAP connection shared by the drafts and replies adapters: TLS, login, errors.

The connection is made on first use and kept while it works, so a poll logs in at most once
(none at all while a daemon's connection is still open). A connection found dead (the server
logs idle clients out after 30 minutes or more) is replaced once for a command that is safe
to repeat; APPEND is not, and its caller looks before it tries again.

Every library error becomes one of ``integrations.base``'s: a refused login is an
``AuthError`` naming `auth imap`; a lost or unreachable server a ``TransientError``; a
refused command an ``AdapterError`` with the server's words. The password is never put in a
message: server texts are scrubbed of it, and imapclient's own logger redacts LOGIN.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import re
import socket
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from daemon.ports import AdapterError, AuthError, TransientError

log = logging.getLogger(__name__)

T = TypeVar("T")
DEFAULT_PORTS = {"tls": 993, "starttls": 143, "none": 143}
DEFAULT_TIMEOUT = 60.0  # seconds per network operation
AUTH_FIX = "run `interview-followup auth imap`"
# Microsoft's IMAP hosts refuse passwords ("Basic authentication is disabled").
_MICROSOFT = ("outlook.office365.com", "outlook.office.com", "imap-mail.outlook.com")
_OAUTH_FIX = (
    "Outlook.com and Microsoft 365 refuse passwords over IMAP (Basic authentication is "
    "disabled): set [imap] auth = \"xoauth2\" and a [imap] password_command that prints an "
    "OAuth2 access token (for example mutt's mutt_oauth2.py, or oama)"
)
_OAUTH_SHORT = 'set [imap] auth = "xoauth2" and a password_command printing an OAuth2 token'
# With XOAUTH2 the secret is a short-lived access token: a refusal means the token helper
# gave an expired (or another account's) token, not that a password is wrong.
_TOKEN_FIX = "make [imap] password_command print a fresh OAuth2 access token"



# RFC 5530 codes of a login refused for now, not for the password: try again later.
_BUSY = re.compile(r"\[(UNAVAILABLE|LIMIT|INUSE|SERVERBUG)\]", re.I)


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost: the only hosts a cleartext connection may go to."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ImapSettings:
    host: str
    username: str
    port: int = 993
    security: str = "tls"
    password_command: tuple[str, ...] = ()
    auth: str = "password"
    timeout: float = DEFAULT_TIMEOUT

    @staticmethod
    def from_section(section: Mapping[str, object]) -> ImapSettings:
        """From a validated ``[imap]`` table (config.py checked the types)."""
        security = str(section.get("security", "tls"))
        command = section.get("password_command") or ()
        return ImapSettings(
            host=str(section.get("host", "")),
            username=str(section.get("username", "")),
            port=int(str(section.get("port", DEFAULT_PORTS.get(security, 993)))),
            security=security,
            password_command=tuple(str(c) for c in command)
            if isinstance(command, list | tuple)
            else (),
            auth=str(section.get("auth", "password")),
            timeout=float(str(section.get("timeout", DEFAULT_TIMEOUT))),
        )

    @property
    def where(self) -> str:
        return f"IMAP server {self.host}:{self.port}"

    def password(self) -> str:
        """From ``password_command`` when set, else the keyring's ``imap:{username}``."""
        from integrations import secrets

        return secrets.password("imap", self.username, self.password_command or None)


class ImapSession:
    """A lazily opened, reused, logged-in ``IMAPClient``.

    ``logins`` counts successful logins (the cost benchmark reads it; so do tests).
    """

    def __init__(self, settings: ImapSettings, password: Callable[[], str] | None = None):
        self.settings = settings
        self._password = password or settings.password
        self._client: Any = None
        self.logins = 0

    # -- connection ---------------------------------------------------------------------------

    def client(self) -> Any:
        if self._client is None:
            self._client = self._open()
        return self._client

    def _open(self) -> Any:
        from imapclient import IMAPClient
        from imapclient.exceptions import IMAPClientError, LoginError

        s = self.settings
        if s.security == "none" and not is_loopback(s.host):
            raise AdapterError(f"[imap] security = \"none\" is refused for {s.host}: not loopback")
        context = ssl.create_default_context()
        try:
            client = IMAPClient(
                s.host, s.port, ssl=s.security == "tls", ssl_context=context, timeout=s.timeout
            )
            if s.security == "starttls":
                client.starttls(context)
        except ssl.SSLCertVerificationError as exc:
            raise AdapterError(
                f"{s.where}: its certificate is not trusted ({exc.verify_message})"
            ) from None
        except ssl.SSLError as exc:
            raise AdapterError(
                f"{s.where}: TLS failed ({exc.reason}); is [imap] security right for port "
                f"{s.port}? (993 is \"tls\", 143 is \"starttls\")"
            ) from None
        except (OSError, EOFError) as exc:
            raise TransientError(f"cannot reach {s.where}: {_why(exc)}") from None
        except IMAPClientError as exc:
            raise AdapterError(f"{s.where}: {_text(exc)}") from None
        client.normalise_times = False  # aware datetimes for INTERNALDATE
        secret = self._password()
        try:
            if s.auth == "xoauth2":
                client.oauth2_login(s.username, secret)
            else:
                client.login(s.username, secret)
        except LoginError as exc:
            _close_quietly(client)
            text = _text(exc).replace(secret, "***")
            if _lost(exc):
                raise TransientError(f"{s.where}: connection lost while logging in") from None
            if _BUSY.search(text):
                raise TransientError(f"{s.where} cannot log in now: {text}") from None
            raise self._refused(text) from None
        except (OSError, EOFError, IMAPClientError) as exc:
            _close_quietly(client)
            text = _why(exc).replace(secret, "***")
            raise TransientError(f"{s.where}: connection lost while logging in: {text}") from None
        self.logins += 1
        return client

    def _refused(self, server_text: str) -> AuthError:
        """The refusal, naming its fix: Microsoft's hosts need OAuth2, not a password."""
        s = self.settings
        said = f"{s.where} refused the login for {s.username} ({server_text})"
        microsoft = s.host.lower() in _MICROSOFT or s.host.lower().endswith(".outlook.com")
        if s.auth == "xoauth2":
            return AuthError(
                f"{said}: the OAuth2 access token was refused (expired, revoked or for another"
                f" account): {_TOKEN_FIX}",
                fix=_TOKEN_FIX,
            )
        if microsoft or "basic auth" in server_text.lower():
            return AuthError(f"{said}: {_OAUTH_FIX}", fix=_OAUTH_SHORT)
        return AuthError(
            f"{said}: check the (app) password and run `interview-followup auth imap`, or fix"
            " [imap] password_command",
            fix=AUTH_FIX,
        )

    def close(self) -> None:
        """Log out politely; used when a process is done with the mailbox."""
        client, self._client = self._client, None
        if client is not None:
            try:
                client.logout()
            except Exception:  # a dead connection has nothing left to say
                _close_quietly(client)

    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            _close_quietly(client)

    # -- commands -----------------------------------------------------------------------------

    def call(self, what: str, fn: Callable[[Any], T], *, repeatable: bool = True) -> T:
        """``fn(client)``, translating errors. A lost connection is replaced and ``fn``
        tried once more when ``repeatable``; otherwise TransientError at once."""
        from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

        for attempt in (0, 1):
            client = self.client()
            try:
                return fn(client)
            except (IMAPClientAbortError, OSError, EOFError) as exc:
                self._drop()
                if not repeatable or attempt:
                    raise TransientError(
                        f"{self.settings.where}: connection lost while {what}: {_why(exc)}"
                    ) from None
                log.debug("IMAP connection lost while %s; reconnecting", what)
            except IMAPClientError as exc:
                raise AdapterError(f"{self.settings.where} refused {what}: {_text(exc)}") from None
        raise AssertionError("unreachable")


def _lost(exc: BaseException) -> bool:
    """imapclient reports a connection lost during LOGIN as a LoginError too: the cause
    (an abort or a socket error) tells it from a refusal."""
    from imapclient.exceptions import IMAPClientAbortError

    cause = exc.__cause__ or exc.__context__
    return isinstance(cause, IMAPClientAbortError | OSError | EOFError)


def _close_quietly(client: Any) -> None:
    with contextlib.suppress(Exception):
        client.shutdown()


def _why(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout | TimeoutError):
        return "timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return _text(exc) or type(exc).__name__


def _text(exc: BaseException) -> str:
    """The server's words, one line, without the b'...' of imaplib's bytes."""
    text = str(exc)
    if len(text) > 3 and text[:2] in ("b'", 'b"') and text[-1] == text[1]:
        text = text[2:-1]
    return " ".join(text.split())[:300]
