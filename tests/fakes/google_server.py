"""A local fake of Google Calendar v3, Gmail v1 and the OAuth token endpoint.

It serves Google's real routes and error shapes on ``127.0.0.1`` (port 0), so tests and
benchmarks drive the adapters through the real ``googleapiclient``/``google-auth``/``httplib2``
stack and can count every HTTP request. Nothing here reaches the internet.

How googleapiclient 2.202 (static discovery) reaches it, for ``root = fake.root``:

* ``build(name, version, client_options={"api_endpoint": E})`` replaces discovery's
  ``rootUrl + servicePath`` with ``E`` and appends each method's ``path`` to it. Calendar's
  servicePath is ``calendar/v3/`` and its paths are ``calendars/{calendarId}/events...``, so
  ``E = f"{root}calendar/v3/"``. Gmail's servicePath is empty and its paths carry the prefix
  (``gmail/v1/users/{userId}/drafts``), so ``E = root`` (``f"{root}gmail/v1/"`` would give
  ``/gmail/v1/gmail/v1/...``).
* ``service.new_batch_http_request()`` ignores ``api_endpoint``: it posts to discovery's
  ``rootUrl + batchPath`` (Google's hosts). Use
  ``BatchHttpRequest(batch_uri=f"{root}batch/calendar/v3")`` / ``f"{root}batch/gmail/v1"``.
* Media uploads (``media_body``) use discovery's upload path on the real host: the fake has no
  upload route; send Gmail drafts as JSON ``message.raw``.

What is served (unknown query parameters are rejected with 400, like Google's front end):

* ``POST /token``: ``grant_type=refresh_token`` (and ``authorization_code`` for codes made with
  :meth:`FakeGoogle.add_auth_code`); unknown or revoked refresh tokens get
  ``400 {"error": "invalid_grant", ...}``.
* Calendar ``events.list/insert/get/patch/update/delete``. Sync tokens: ``nextSyncToken`` on the
  last page only; a ``syncToken`` list returns every change since (cancelled events included,
  in their short form); ``syncToken`` with ``timeMin/timeMax/q/privateExtendedProperty/...`` is
  a 400; a token older than :meth:`FakeGoogle.invalidate_sync_tokens` is a 410
  ``fullSyncRequired``. Client-chosen ids must be base32hex, 5-1024 characters; a taken id
  (deleted events included) is a 409 ``duplicate``; deleting a deleted event is a 410
  ``deleted``. ``singleEvents=true`` expands ``RRULE:FREQ=DAILY|WEEKLY`` with ``INTERVAL``,
  ``COUNT``, ``UNTIL`` (other rules are returned as the master only).
* Gmail ``drafts.create/list/get/update/delete`` (``message.threadId`` puts a draft in an
  existing thread; an unknown thread is a 404), ``messages.list/get`` (``format=full`` gives
  the MIME tree as ``payload.parts``, ``raw`` the message as received) and ``threads.get``.
  ``drafts.get`` has no ``metadataHeaders`` (as in the real API): format ``metadata``
  returns every header.
  ``messages.list`` ``q`` subset: ``from:V``, ``to:V``, ``after:EPOCH``, ``before:EPOCH``,
  ``in:anywhere|inbox|drafts|sent|spam|trash``, ``label:V``, ``rfc822msgid:V``, ``-term``,
  ``OR``, parentheses and implicit AND; anything else is a 400. ``from:`` with an address
  matches that address; ``from:@d`` or ``from:d`` matches domain ``d`` and its subdomains.
* Batches: ``POST /batch/calendar/v3`` (<= 1000 parts) and ``/batch/gmail/v1`` (<= 100), in the
  multipart/mixed shape ``BatchHttpRequest`` sends; each part answers with its own status.
* Scopes are enforced per method (e.g. ``messages.list`` needs ``gmail.readonly``; with
  ``gmail.metadata`` a ``q`` is refused) and every API call needs a known Bearer token.

Fault injection: :meth:`FakeGoogle.inject` (a seeded probability, per route or everywhere,
optionally also inside batches) and :meth:`FakeGoogle.queue` (forced one-shot responses).
Every HTTP request is recorded in :attr:`FakeGoogle.requests`, every API call (batch parts
included) in :attr:`FakeGoogle.calls`.
"""

from __future__ import annotations

import base64
import copy
import email.utils
import http
import itertools
import json
import random
import re
import sys
import threading
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.message import Message
from email.parser import BytesParser, Parser
from email.policy import compat32
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SCOPE_CAL = "https://www.googleapis.com/auth/calendar"
SCOPE_CAL_EVENTS = "https://www.googleapis.com/auth/calendar.events"
SCOPE_CAL_RO = "https://www.googleapis.com/auth/calendar.readonly"
SCOPE_CAL_EVENTS_RO = "https://www.googleapis.com/auth/calendar.events.readonly"
SCOPE_MAIL = "https://mail.google.com/"
SCOPE_COMPOSE = "https://www.googleapis.com/auth/gmail.compose"
SCOPE_MODIFY = "https://www.googleapis.com/auth/gmail.modify"
SCOPE_READONLY = "https://www.googleapis.com/auth/gmail.readonly"
SCOPE_METADATA = "https://www.googleapis.com/auth/gmail.metadata"
DEFAULT_SCOPES = (SCOPE_CAL_EVENTS, SCOPE_COMPOSE, SCOPE_READONLY)

FAULT_KINDS = frozenset(
    {"429", "403rate", "500", "503", "drop", "drop_after", "410sync", "invalid_grant"}
)
_COMMON_PARAMS = frozenset({"alt", "fields", "prettyPrint", "quotaUser", "key", "userIp"})
_BASE32HEX = re.compile(r"[0-9a-v]{5,1024}")
_MAX_PARTS = {"calendar": 1000, "gmail": 100}
_SYNC_EXCLUSIVE = (
    "iCalUID",
    "orderBy",
    "privateExtendedProperty",
    "q",
    "sharedExtendedProperty",
    "timeMin",
    "timeMax",
    "updatedMin",
)


# ---------------------------------------------------------------------------------------------
# Records, responses, errors


@dataclass(frozen=True)
class Recorded:
    """One HTTP request (or one part of a batch) as the fake saw it."""

    method: str
    path: str
    query: dict[str, list[str]]
    body_size: int
    status: int  # 0 = connection dropped without an answer
    batch_parts: int = 0  # for a batch request: how many parts it carried
    fault: str | None = None  # the injected fault that hit it, if any
    response_size: int = 0  # bytes of the answer's body (0 when dropped)
    in_batch: bool = False  # a part of a batch


@dataclass
class _Resp:
    status: int
    body: Any = None  # dict -> JSON; bytes -> as is; None -> empty
    headers: dict[str, str] = field(default_factory=dict)

    def payload(self) -> tuple[bytes, str]:
        if self.body is None:
            return b"", ""
        if isinstance(self.body, bytes):
            return self.body, self.headers.get("Content-Type", "application/octet-stream")
        return json.dumps(self.body).encode(), "application/json; charset=UTF-8"


_DROP = object()  # sentinel: close the connection without answering

_STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ALREADY_EXISTS",
    410: "FAILED_PRECONDITION",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}


def gerror(code: int, reason: str, message: str, domain: str = "global") -> _Resp:
    """Google's JSON error body: ``{"error": {code, message, errors: [{reason}], status}}``."""
    body = {
        "error": {
            "code": code,
            "message": message,
            "errors": [{"domain": domain, "reason": reason, "message": message}],
            "status": _STATUS_NAMES.get(code, "UNKNOWN"),
        }
    }
    return _Resp(code, body)


class _Fail(Exception):
    """Raised inside a handler to answer with a Google error."""

    def __init__(self, resp: _Resp) -> None:
        super().__init__(resp.status)
        self.resp = resp


def _bad(message: str, reason: str = "invalid") -> _Fail:
    return _Fail(gerror(400, reason, message))


def _not_found() -> _Fail:
    return _Fail(gerror(404, "notFound", "Not Found"))


def _gmail_not_found() -> _Fail:
    """Gmail words its 404 differently from Calendar."""
    return _Fail(gerror(404, "notFound", "Requested entity was not found."))


def _fault_response(kind: str) -> _Resp:
    if kind == "429":
        return gerror(429, "rateLimitExceeded", "Rate Limit Exceeded", "usageLimits")
    if kind == "403rate":
        return gerror(403, "userRateLimitExceeded", "User Rate Limit Exceeded", "usageLimits")
    if kind == "500":
        return gerror(500, "backendError", "Backend Error")
    if kind == "410sync":
        return gerror(
            410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required."
        )
    return gerror(503, "backendError", "The service is currently unavailable.")


# ---------------------------------------------------------------------------------------------
# Faults


@dataclass
class _Rule:
    kinds: tuple[str, ...]
    route: str | None
    probability: float
    remaining: int | None
    parts: bool
    rng: random.Random


def _route_matches(route: str | None, method: str, path: str) -> bool:
    """``None`` = everywhere; ``calendar``/``gmail``/``batch``/``token``; else a regex on
    ``"METHOD /path"``."""
    if route is None:
        return True
    prefixes = {"calendar": "/calendar/", "gmail": "/gmail/", "batch": "/batch", "token": "/token"}
    if route in prefixes:
        return path.startswith(prefixes[route])
    return re.search(route, f"{method} {path}") is not None


def _effect(fault: str | None, resp: object) -> str | None:
    """The fault as recorded: None when the drawn kind did not apply to this route."""
    if fault in ("410sync", "invalid_grant"):
        status = resp.status if isinstance(resp, _Resp) else 0
        return fault if status in (400, 410) else None
    return fault


# ---------------------------------------------------------------------------------------------
# Time helpers


def _rfc3339(moment: datetime) -> str:
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def _parse_time(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise _bad(f"Invalid value: {value}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _when_to_dt(when: dict[str, Any] | None) -> datetime | None:
    """A start/end object as a UTC instant (all-day dates at UTC midnight)."""
    if not when:
        return None
    if "dateTime" in when:
        return _parse_time(when["dateTime"])
    if "date" in when:
        d = date.fromisoformat(when["date"])
        return datetime(d.year, d.month, d.day, tzinfo=UTC)
    return None


def _b64url_decode(text: str) -> bytes:
    text = text.strip()
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# ---------------------------------------------------------------------------------------------
# Gmail search (a documented subset)

Predicate = Callable[["_Msg"], bool]
_QTOKEN = re.compile(
    r'\s*(?:(?P<lp>\()|(?P<rp>\))|(?P<term>-?[A-Za-z0-9]+:(?:"[^"]*"|[^\s()]+))'
    r"|(?P<neg>-)(?=\()|(?P<word>[^\s()]+))"
)


def _domain_match(addr: str, domain: str) -> bool:
    host = addr.rpartition("@")[2]
    return host == domain or host.endswith("." + domain)


def _addr_match(header: str, value: str) -> bool:
    value = value.lower()
    for _, addr in email.utils.getaddresses([header]):
        addr = addr.lower()
        if value.startswith("@"):
            if _domain_match(addr, value[1:]):
                return True
        elif "@" in value:
            if addr == value:
                return True
        elif _domain_match(addr, value) or addr.partition("@")[0] == value:
            return True
    return False


def _term(op: str, value: str) -> Predicate:
    value = value.strip('"')
    if op in ("from", "to"):
        header = "From" if op == "from" else "To"
        return lambda m: _addr_match(m.header(header), value)
    if op in ("after", "before"):
        if not value.isdigit():
            raise _bad(
                f"Invalid query: {op}:{value} (the fake takes epoch seconds)", "invalidArgument"
            )
        limit = int(value) * 1000
        if op == "after":
            return lambda m: m.internal_ms >= limit
        return lambda m: m.internal_ms < limit
    if op == "in":
        where = value.lower()
        labels = {
            "inbox": "INBOX",
            "drafts": "DRAFT",
            "draft": "DRAFT",
            "sent": "SENT",
            "spam": "SPAM",
            "trash": "TRASH",
        }
        if where == "anywhere":
            return lambda m: True
        if where not in labels:
            raise _bad(f"Invalid query: in:{value}", "invalidArgument")
        return lambda m: labels[where] in m.labels
    if op == "label":
        return lambda m: value.upper() in m.labels
    if op == "rfc822msgid":
        return lambda m: m.header("Message-ID").strip("<> ") == value.strip("<>")
    raise _bad(f"Invalid query: unknown operator {op}:", "invalidArgument")


def compile_query(q: str) -> tuple[Predicate, bool]:
    """Parse the subset; returns the predicate and whether spam/trash were asked for."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    q = q.strip()
    while pos < len(q):
        m = _QTOKEN.match(q, pos)
        if m is None or m.end() == pos:
            raise _bad(f"Invalid query near {q[pos:]!r}", "invalidArgument")
        pos = m.end()
        kind = m.lastgroup or ""
        tokens.append((kind, m.group(kind)))
    wide = bool(re.search(r"\bin:(anywhere|spam|trash)\b", q))
    it = _Tokens(tokens)
    pred = it.parse_or()
    if it.peek() is not None:
        raise _bad("Invalid query: unbalanced parentheses", "invalidArgument")
    return pred, wide


class _Tokens:
    """A tiny recursive-descent parser: or := and (OR and)*; and := unary+; unary := -unary |
    ( or ) | term."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse_or(self) -> Predicate:
        parts = [self.parse_and()]
        while (tok := self.peek()) is not None and tok == ("word", "OR"):
            self.take()
            parts.append(self.parse_and())
        return parts[0] if len(parts) == 1 else (lambda m: any(p(m) for p in parts))

    def parse_and(self) -> Predicate:
        parts: list[Predicate] = []
        while (tok := self.peek()) is not None and tok[0] != "rp" and tok != ("word", "OR"):
            parts.append(self.parse_unary())
        if not parts:
            raise _bad("Invalid query: empty expression", "invalidArgument")
        return parts[0] if len(parts) == 1 else (lambda m: all(p(m) for p in parts))

    def parse_unary(self) -> Predicate:
        kind, text = self.take()
        if kind == "neg":
            inner = self.parse_unary()
            return lambda m: not inner(m)
        if kind == "lp":
            inner = self.parse_or()
            if self.peek() is None or self.take()[0] != "rp":
                raise _bad("Invalid query: unbalanced parentheses", "invalidArgument")
            return inner
        if kind == "term":
            neg = text.startswith("-")
            op, _, value = text.lstrip("-").partition(":")
            pred = _term(op.lower(), value)
            return (lambda m: not pred(m)) if neg else pred
        raise _bad(f"Invalid query: unsupported word {text!r}", "invalidArgument")


# ---------------------------------------------------------------------------------------------
# Stores


@dataclass
class _Cal:
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    seq: dict[str, int] = field(default_factory=dict)
    generation: int = 0  # bumped by invalidate_sync_tokens: older tokens answer 410


@dataclass
class _Msg:
    id: str
    thread_id: str
    labels: set[str]
    raw: bytes
    internal_ms: int
    _headers: Message | None = None

    def headers(self) -> Message:
        if self._headers is None:
            self._headers = BytesParser(policy=compat32).parsebytes(self.raw, headersonly=True)
        return self._headers

    def header(self, name: str) -> str:
        return str(self.headers().get(name, ""))

    def resource(self, fmt: str, wanted: list[str] | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "threadId": self.thread_id,
            "labelIds": sorted(self.labels),
        }
        if fmt == "minimal":
            return out
        out.update(
            snippet="",
            sizeEstimate=len(self.raw),
            historyId="1",
            internalDate=str(self.internal_ms),
        )
        if fmt == "raw":
            out["raw"] = base64.urlsafe_b64encode(self.raw).decode()
            return out
        items = list(self.headers().items())
        if wanted:
            lower = {w.lower() for w in wanted}
            items = [(k, v) for k, v in items if k.lower() in lower]
        payload: dict[str, Any] = {
            "partId": "",
            "mimeType": self.headers().get_content_type(),
            "filename": "",
            "headers": [{"name": k, "value": str(v)} for k, v in items],
        }
        if fmt == "full":
            payload.update(_part(BytesParser(policy=compat32).parsebytes(self.raw), ""))
            payload["headers"] = [{"name": k, "value": str(v)} for k, v in items]
        out["payload"] = payload
        return out


def _part(part: Message, part_id: str) -> dict[str, Any]:
    """Gmail's ``MessagePart`` for ``format=full``: multiparts carry ``parts`` (ids "0",
    "0.1", ...), leaves carry their decoded body as base64url ``data``."""
    out: dict[str, Any] = {
        "partId": part_id,
        "mimeType": part.get_content_type(),
        "filename": part.get_filename() or "",
        "headers": [{"name": k, "value": str(v)} for k, v in part.items()],
    }
    if part.is_multipart():
        children = part.get_payload()
        assert isinstance(children, list)
        prefix = f"{part_id}." if part_id else ""
        out["body"] = {"size": 0}
        out["parts"] = [_part(child, f"{prefix}{i}") for i, child in enumerate(children)]
        return out
    decoded = part.get_payload(decode=True)
    body = decoded if isinstance(decoded, bytes) else b""
    out["body"] = {"size": len(body), "data": base64.urlsafe_b64encode(body).decode()}
    return out


@dataclass
class _Token:
    scopes: frozenset[str]
    refresh_token: str | None


# ---------------------------------------------------------------------------------------------
# The server


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that goes away mid-request (a killed daemon) is normal here."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FakeGoogle:
    """The fake: start it, point the clients at :attr:`root`, seed data, inspect records."""

    def __init__(
        self,
        *,
        account: str = "alex@example.com",
        seed: int = 0,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.account = account
        self.clock = clock or (lambda: datetime.now(UTC))
        self._rng = random.Random(seed)
        self._lock = threading.RLock()
        self._seq = itertools.count(1)
        self._last_seq = 0
        self._cals: dict[str, _Cal] = {"primary": _Cal()}
        self._msgs: dict[str, _Msg] = {}
        self._drafts: dict[str, str] = {}  # draft id -> message id
        self._refresh: dict[str, frozenset[str]] = {}
        self._revoked: set[str] = set()
        self._codes: dict[str, str] = {}
        self._tokens: dict[str, _Token] = {}
        self._rules: list[_Rule] = []
        self._queue: list[tuple[str, str | None]] = []
        self.requests: list[Recorded] = []
        self.calls: list[Recorded] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle ---------------------------------------------------------------------------

    def start(self) -> FakeGoogle:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.block_on_close = False
        server.fake = self  # type: ignore[attr-defined]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.05,), name="fake-google", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeGoogle:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def root(self) -> str:
        assert self._server is not None, "start() the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/"

    @property
    def token_uri(self) -> str:
        return f"{self.root}token"

    # -- OAuth helpers ------------------------------------------------------------------------

    def add_refresh_token(
        self, refresh_token: str = "rt-test", scopes: Iterable[str] = DEFAULT_SCOPES
    ) -> str:
        with self._lock:
            self._refresh[refresh_token] = frozenset(scopes)
            self._revoked.discard(refresh_token)
        return refresh_token

    def revoke(self, refresh_token: str = "rt-test") -> None:
        """Later refreshes with this token answer ``invalid_grant``."""
        with self._lock:
            self._revoked.add(refresh_token)

    def add_auth_code(
        self, code: str, refresh_token: str = "rt-test", scopes: Iterable[str] = DEFAULT_SCOPES
    ) -> None:
        self.add_refresh_token(refresh_token, scopes)
        with self._lock:
            self._codes[code] = refresh_token

    def issue_access_token(
        self, scopes: Iterable[str] = DEFAULT_SCOPES, refresh_token: str | None = None
    ) -> str:
        with self._lock:
            token = f"ya29.fake-{self._rng.getrandbits(48):012x}"
            self._tokens[token] = _Token(frozenset(scopes), refresh_token)
            return token

    def expire_access_tokens(self) -> None:
        """Every access token handed out so far now answers 401 (clients must refresh)."""
        with self._lock:
            self._tokens.clear()

    def authorized_user_info(
        self, refresh_token: str = "rt-test", scopes: Iterable[str] = DEFAULT_SCOPES
    ) -> dict[str, Any]:
        """What ``Credentials.to_json()`` would hold, for a refresh token the fake knows."""
        self.add_refresh_token(refresh_token, scopes)
        return {
            "refresh_token": refresh_token,
            "client_id": "fake-client.apps",
            "client_secret": "fake-secret",
            "token_uri": self.token_uri,
            "scopes": list(scopes),
            "account": self.account,
        }

    def credentials(self, refresh_token: str = "rt-test", scopes: Iterable[str] = DEFAULT_SCOPES):
        """``google.oauth2.credentials.Credentials`` with ``token_uri`` at this fake."""
        from google.oauth2.credentials import Credentials

        info = self.authorized_user_info(refresh_token, scopes)
        return Credentials(
            None,
            refresh_token=refresh_token,
            token_uri=info["token_uri"],
            client_id=info["client_id"],
            client_secret=info["client_secret"],
            scopes=list(scopes),
        )

    # -- Calendar helpers ---------------------------------------------------------------------

    def add_calendar(self, calendar_id: str) -> None:
        with self._lock:
            self._cals.setdefault(calendar_id, _Cal())

    def seed_event(self, calendar_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Store an event as the user's calendar app would (no API call, no record)."""
        with self._lock:
            self.add_calendar(calendar_id)
            return self._store_new(self._cals[calendar_id], calendar_id, dict(body))

    def seed_events(self, calendar_id: str, bodies: Iterable[dict[str, Any]]) -> None:
        for body in bodies:
            self.seed_event(calendar_id, body)

    def user_update_event(self, calendar_id: str, event_id: str, changes: dict[str, Any]) -> None:
        """The user edits an event in their calendar app (``None`` removes a field)."""
        with self._lock:
            cal = self._cals[calendar_id]
            _merge(cal.events[event_id], changes)
            self._touch(cal, event_id)

    def user_delete_event(self, calendar_id: str, event_id: str) -> None:
        with self._lock:
            cal = self._cals[calendar_id]
            cal.events[event_id]["status"] = "cancelled"
            self._touch(cal, event_id)

    def event(self, calendar_id: str, event_id: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._cals.get(calendar_id, _Cal()).events.get(event_id)
            return copy.deepcopy(found) if found else None

    def events(
        self, calendar_id: str = "primary", *, include_deleted: bool = False
    ) -> list[dict[str, Any]]:
        with self._lock:
            cal = self._cals.get(calendar_id, _Cal())
            return [
                copy.deepcopy(e)
                for e in cal.events.values()
                if include_deleted or e.get("status") != "cancelled"
            ]

    def invalidate_sync_tokens(self, calendar_id: str = "primary") -> None:
        """Every sync token handed out so far for this calendar now answers 410."""
        with self._lock:
            self._cals[calendar_id].generation += 1

    # -- Gmail helpers ------------------------------------------------------------------------

    def add_message(
        self,
        sender: str,
        to: str | None = None,
        subject: str = "Re: interview",
        body: str = "Thanks!",
        when: datetime | None = None,
        labels: Iterable[str] = ("INBOX", "UNREAD"),
    ) -> str:
        """An incoming (or, with ``labels=("SENT",)``, outgoing) message in the mailbox."""
        when = when or self.clock()
        raw = (
            f"From: {sender}\r\nTo: {to or self.account}\r\nSubject: {subject}\r\n"
            f"Date: {email.utils.format_datetime(when)}\r\n"
            f"Message-ID: <{self._rng.getrandbits(64):x}@example.net>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
        ).encode()
        with self._lock:
            return self._new_message(raw, set(labels), int(when.timestamp() * 1000)).id

    def add_raw_message(
        self,
        raw: bytes,
        when: datetime | None = None,
        labels: Iterable[str] = ("INBOX", "UNREAD"),
        thread_id: str | None = None,
    ) -> tuple[str, str]:
        """A whole RFC 5322 message as received (any headers, MIME parts), optionally in an
        existing thread; ``internalDate`` is ``when``, else its Date header. Returns
        (message id, thread id)."""
        if when is None:
            head = BytesParser(policy=compat32).parsebytes(raw, headersonly=True)
            when = email.utils.parsedate_to_datetime(str(head["Date"]))
        with self._lock:
            msg = self._new_message(raw, set(labels), int(when.timestamp() * 1000), thread_id)
            return msg.id, msg.thread_id

    def thread_of(self, message_id: str) -> str:
        with self._lock:
            return self._msgs[message_id].thread_id

    def drafts(self) -> list[dict[str, Any]]:
        """Every draft: ``{"id", "message_id", "headers": {lower name: value}, "raw"}``."""
        with self._lock:
            out = []
            for did, mid in self._drafts.items():
                msg = self._msgs[mid]
                heads = {k.lower(): str(v) for k, v in msg.headers().items()}
                out.append(
                    {
                        "id": did,
                        "message_id": mid,
                        "thread_id": msg.thread_id,
                        "headers": heads,
                        "raw": msg.raw,
                    }
                )
            return out

    def user_edit_draft(self, draft_id: str, raw: bytes) -> None:
        """The user edits a draft: Gmail stores a new message under the same draft id."""
        with self._lock:
            old = self._msgs.pop(self._drafts[draft_id])
            self._drafts[draft_id] = self._new_message(
                raw, {"DRAFT"}, self._now_ms(), old.thread_id
            ).id

    def user_delete_draft(self, draft_id: str) -> None:
        with self._lock:
            self._msgs.pop(self._drafts.pop(draft_id), None)

    # -- faults and records -------------------------------------------------------------------

    def inject(
        self,
        kinds: str | Iterable[str],
        *,
        route: str | None = None,
        probability: float = 1.0,
        count: int | None = None,
        parts: bool = False,
        seed: int = 0,
    ) -> None:
        """Fail matching requests: each one, with ``probability`` (a seeded RNG), answers with
        one of ``kinds`` until ``count`` faults were served. ``parts=True`` applies the rule to
        the parts inside batches too (a dropped part answers 503; ``drop_after`` does the work
        and then answers 503)."""
        kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
        unknown = set(kinds) - FAULT_KINDS
        if unknown:
            raise ValueError(f"unknown fault kinds: {sorted(unknown)}")
        with self._lock:
            self._rules.append(_Rule(kinds, route, probability, count, parts, random.Random(seed)))

    def queue(self, kind: str, route: str | None = None) -> None:
        """The next request matching ``route`` answers with ``kind`` (FIFO, one shot)."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind: {kind}")
        with self._lock:
            self._queue.append((kind, route))

    def clear_faults(self) -> None:
        with self._lock:
            self._rules.clear()
            self._queue.clear()

    def reset_records(self) -> None:
        with self._lock:
            self.requests.clear()
            self.calls.clear()

    def count(self, path_prefix: str = "/", method: str | None = None) -> int:
        """HTTP requests whose path starts with ``path_prefix`` (a batch counts once)."""
        with self._lock:
            return sum(
                1
                for r in self.requests
                if r.path.startswith(path_prefix) and (method is None or r.method == method)
            )

    def api_requests(self) -> int:
        """HTTP requests to the APIs (batches count once; token refreshes excluded)."""
        return sum(1 for r in self.requests if not r.path.startswith("/token"))

    # -- dispatch (called by the handler threads) ---------------------------------------------

    def _pick_fault(self, method: str, path: str, in_batch: bool) -> str | None:
        for i, (kind, route) in enumerate(self._queue):
            if _route_matches(route, method, path) and (not in_batch or route is not None):
                del self._queue[i]
                return kind
        for rule in self._rules:
            if in_batch and not rule.parts:
                continue
            if rule.remaining == 0 or not _route_matches(rule.route, method, path):
                continue
            if rule.rng.random() < rule.probability:
                if rule.remaining is not None:
                    rule.remaining -= 1
                return rule.rng.choice(rule.kinds)
        return None

    def handle(self, method: str, target: str, headers: Message, body: bytes) -> _Resp | object:
        parsed = urllib.parse.urlsplit(target)
        path, query = parsed.path, urllib.parse.parse_qs(parsed.query, keep_blank_values=True)
        with self._lock:
            fault = self._pick_fault(method, path, in_batch=False)
            resp = self._outer(method, path, query, headers, body, fault)
            dropped = not isinstance(resp, _Resp) or fault == "drop_after"
            status = 0 if not isinstance(resp, _Resp) or dropped else resp.status
            parts = self._last_parts if path.startswith("/batch") else 0
            size = len(resp.payload()[0]) if isinstance(resp, _Resp) and not dropped else 0
            rec = Recorded(
                method, path, query, len(body), status, parts, _effect(fault, resp), size
            )
            self.requests.append(rec)
            if not path.startswith(("/batch", "/token")):
                self.calls.append(rec)
            return _DROP if fault == "drop_after" else resp

    def _outer(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: Message,
        body: bytes,
        fault: str | None,
    ) -> _Resp | object:
        self._last_parts = 0
        if fault == "drop":
            return _DROP
        if path == "/token":
            return self._token(body, fault)
        if fault in ("429", "403rate", "500", "503"):
            return _fault_response(fault)
        scopes = self._auth(headers.get("Authorization"))
        if scopes is None:
            return _unauthenticated()
        if path.startswith("/batch"):
            return self._batch(path, headers, body, scopes)
        return self._api(method, path, query, body, scopes, fault)

    def _auth(self, header: str | None) -> frozenset[str] | None:
        if not header or not header.startswith("Bearer "):
            return None
        token = self._tokens.get(header[7:].strip())
        return token.scopes if token else None

    def _api(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        body: bytes,
        scopes: frozenset[str],
        fault: str | None,
    ) -> _Resp:
        try:
            handler, args, allowed, needs = _route(method, path)
            unknown = set(query) - allowed - _COMMON_PARAMS
            if unknown:
                name = sorted(unknown)[0]
                raise _bad(
                    f'Unknown name "{name}": Cannot bind query parameter.', "invalidArgument"
                )
            if not scopes & needs:
                raise _Fail(
                    gerror(
                        403,
                        "insufficientPermissions",
                        "Request had insufficient authentication scopes.",
                    )
                )
            if fault == "410sync" and "syncToken" in query:
                return _fault_response("410sync")
            return handler(self, args, query, body, scopes)
        except _Fail as exc:
            return exc.resp

    # -- OAuth -------------------------------------------------------------------------------

    def _token(self, body: bytes, fault: str | None) -> _Resp:
        form = urllib.parse.parse_qs(body.decode(), keep_blank_values=True)
        grant = form.get("grant_type", [""])[0]
        if fault in ("500", "503", "429"):
            return _Resp(int(fault), {"error": "internal_failure"})
        if grant == "authorization_code":
            rt = self._codes.pop(form.get("code", [""])[0], None)
        elif grant == "refresh_token":
            rt = form.get("refresh_token", [""])[0]
        else:
            return _Resp(400, {"error": "unsupported_grant_type"})
        if fault == "invalid_grant" or rt is None or rt not in self._refresh or rt in self._revoked:
            return _Resp(
                400,
                {
                    "error": "invalid_grant",
                    "error_description": "Token has been expired or revoked.",
                },
            )
        scopes = self._refresh[rt]
        body_out = {
            "access_token": self.issue_access_token(scopes, rt),
            "expires_in": 3599,
            "scope": " ".join(sorted(scopes)),
            "token_type": "Bearer",
        }
        if grant == "authorization_code":
            body_out["refresh_token"] = rt
        return _Resp(200, body_out)

    # -- batch ------------------------------------------------------------------------------

    def _batch(self, path: str, headers: Message, body: bytes, scopes: frozenset[str]) -> _Resp:
        api = {"/batch/calendar/v3": "calendar", "/batch/gmail/v1": "gmail"}.get(path)
        ctype = headers.get("Content-Type", "")
        if api is None:
            return gerror(404, "notFound", f"No batch endpoint at {path}")
        if not ctype.startswith("multipart/mixed"):
            return gerror(400, "invalid", "Batch requests must be multipart/mixed")
        msg = BytesParser(policy=compat32).parsebytes(
            b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + body
        )
        parts = msg.get_payload()
        if not isinstance(parts, list) or not parts:
            return gerror(400, "invalid", "Empty batch")
        self._last_parts = len(parts)
        if len(parts) > _MAX_PARTS[api]:
            return gerror(400, "invalid", f"A batch may hold at most {_MAX_PARTS[api]} calls")
        boundary = f"batch_{self._rng.getrandbits(64):016x}"
        out = []
        for part in parts:
            assert isinstance(part, Message)
            answer = self._batch_part(api, part, scopes)
            # RFC 5322 unfolding: BatchHttpRequest's generator folds long Content-IDs.
            content_id = re.sub(r"\r?\n(?=[ \t])", "", str(part.get("Content-ID", "<>")))[1:-1]
            out.append(
                f"--{boundary}\r\nContent-Type: application/http\r\n"
                f"Content-ID: <response-{content_id}>\r\n\r\n"
                f"{answer}\r\n"
            )
        out.append(f"--{boundary}--\r\n")
        return _Resp(
            200, "".join(out).encode(), {"Content-Type": f"multipart/mixed; boundary={boundary}"}
        )

    def _batch_part(self, api: str, part: Message, outer: frozenset[str]) -> str:
        text = part.get_payload()
        assert isinstance(text, str)
        request_line, _, rest = text.partition("\n")
        inner = Parser(policy=compat32).parsestr(rest)
        method, target, _ = request_line.strip().split(" ", 2)
        parsed = urllib.parse.urlsplit(target)
        path, query = parsed.path, urllib.parse.parse_qs(parsed.query, keep_blank_values=True)
        raw_body = inner.get_payload()
        data = raw_body.encode() if isinstance(raw_body, str) else b""
        fault = self._pick_fault(method, path, in_batch=True)
        scopes = self._auth(inner.get("Authorization")) if inner.get("Authorization") else outer
        if fault in ("429", "403rate", "500", "503", "drop"):
            resp = _fault_response("503" if fault == "drop" else fault)
        elif scopes is None:
            resp = _unauthenticated()
        elif not path.startswith(f"/{api}/"):
            resp = gerror(400, "invalid", f"{path} cannot be sent to the {api} batch endpoint")
        else:
            resp = self._api(method, path, query, data, scopes, fault)
            if fault == "drop_after":
                resp = _fault_response("503")
        effect = _effect(fault, resp)
        payload, ctype = resp.payload()
        self.calls.append(
            Recorded(method, path, query, len(data), resp.status, 0, effect, len(payload), True)
        )
        phrase = http.HTTPStatus(resp.status).phrase
        head = f"HTTP/1.1 {resp.status} {phrase}\r\n"
        if ctype:
            head += f"Content-Type: {ctype}\r\n"
        head += f"Content-Length: {len(payload)}\r\n\r\n"
        return head + payload.decode()

    # -- Calendar internals -----------------------------------------------------------------

    def _next_seq(self) -> int:
        self._last_seq = next(self._seq)
        return self._last_seq

    def _now_ms(self) -> int:
        return int(self.clock().timestamp() * 1000)

    def _touch(self, cal: _Cal, event_id: str) -> dict[str, Any]:
        seq = self._next_seq()
        cal.seq[event_id] = seq
        ev = cal.events[event_id]
        ev["etag"] = f'"{seq:016d}"'
        ev["updated"] = _rfc3339(self.clock())
        return ev

    def _store_new(self, cal: _Cal, calendar_id: str, body: dict[str, Any]) -> dict[str, Any]:
        eid = body.get("id") or "".join(
            self._rng.choice("0123456789abcdefghijklmnopqrstuv") for _ in range(26)
        )
        now = _rfc3339(self.clock())
        me = {"email": self.account, "self": True}
        event = {
            "kind": "calendar#event",
            "id": eid,
            "status": "confirmed",
            "htmlLink": f"https://www.google.com/calendar/event?eid={eid}",
            "created": now,
            "iCalUID": f"{eid}@google.com",
            "sequence": 0,
            "creator": me,
            "organizer": me,
            "reminders": {"useDefault": True},
            "eventType": "default",
        }
        event.update(copy.deepcopy(body))
        event["id"] = eid
        cal.events[eid] = event
        return copy.deepcopy(self._touch(cal, eid))

    def _new_message(
        self, raw: bytes, labels: set[str], internal_ms: int, thread_id: str | None = None
    ) -> _Msg:
        mid = f"{self._rng.getrandbits(60):015x}"
        msg = _Msg(mid, thread_id or mid, labels, raw, internal_ms)
        self._msgs[mid] = msg
        return msg

    def _cal(self, calendar_id: str) -> _Cal:
        cal = self._cals.get(calendar_id)
        if cal is None:
            raise _not_found()
        return cal


# ---------------------------------------------------------------------------------------------
# Calendar handlers


def _unauthenticated() -> _Resp:
    return gerror(
        401,
        "authError",
        "Request had invalid authentication credentials. Expected OAuth 2 access "
        "token, login cookie or other valid authentication credential.",
    )


def _merge(target: dict[str, Any], changes: dict[str, Any]) -> None:
    """PATCH semantics: objects merge, lists and scalars replace, ``None`` removes."""
    for key, value in changes.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def _one(query: dict[str, list[str]], name: str, default: str | None = None) -> str | None:
    values = query.get(name)
    return values[-1] if values else default


def _flag(query: dict[str, list[str]], name: str) -> bool:
    return (_one(query, name, "false") or "false").lower() == "true"


def _check_times(body: dict[str, Any]) -> None:
    for name in ("start", "end"):
        when = body.get(name)
        if not isinstance(when, dict) or not ({"date", "dateTime"} & set(when)):
            raise _bad(f"Missing {name} time.", "required")
        if "dateTime" in when:
            try:
                moment = datetime.fromisoformat(str(when["dateTime"]))
            except ValueError as exc:
                raise _bad(f"Invalid {name} time.") from exc
            floating = moment.tzinfo is None or body.get("recurrence")
            if floating and not when.get("timeZone"):
                raise _bad(f"Missing time zone definition for {name} time.", "required")
    start, end = _when_to_dt(body["start"]), _when_to_dt(body["end"])
    if start and end and end < start:
        raise _bad("The specified time range is empty.", "timeRangeEmpty")


def _short_cancelled(ev: dict[str, Any]) -> dict[str, Any]:
    """How Google lists a deleted event: id and status (and the instance it replaced)."""
    out: dict[str, Any] = {k: ev[k] for k in ("kind", "etag", "id", "status", "updated") if k in ev}
    for key in ("recurringEventId", "originalStartTime"):
        if key in ev:
            out[key] = ev[key]
    return out


_FREQ = {"DAILY": timedelta(days=1), "WEEKLY": timedelta(weeks=1)}


def _instances(master: dict[str, Any]) -> list[dict[str, Any]] | None:
    """Expand the supported RRULE subset; None when the rule is outside it."""
    rules = [r[6:] for r in master.get("recurrence", []) if r.startswith("RRULE:")]
    if len(rules) != 1:
        return None
    parts = dict(p.split("=", 1) for p in rules[0].split(";") if "=" in p)
    if parts.get("FREQ") not in _FREQ or set(parts) - {"FREQ", "INTERVAL", "COUNT", "UNTIL"}:
        return None
    step = _FREQ[parts["FREQ"]] * int(parts.get("INTERVAL", "1"))
    count = int(parts.get("COUNT", "730"))
    until = None
    if "UNTIL" in parts:
        u = parts["UNTIL"].rstrip("Z")
        until = datetime.strptime(u[:8], "%Y%m%d").replace(tzinfo=UTC) + timedelta(days=1)
    all_day = "date" in master["start"]
    start = _when_to_dt(master["start"])
    end = _when_to_dt(master["end"])
    assert start is not None and end is not None
    out = []
    for i in range(min(count, 730)):
        s = start + step * i
        if until and s >= until:
            break
        suffix = s.strftime("%Y%m%d") if all_day else s.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        inst = {k: copy.deepcopy(v) for k, v in master.items() if k != "recurrence"}
        inst["id"] = f"{master['id']}_{suffix}"
        inst["recurringEventId"] = master["id"]
        tz = master["start"].get("timeZone")
        if all_day:
            inst["start"] = {"date": s.date().isoformat()}
            inst["end"] = {"date": (s + (end - start)).date().isoformat()}
        else:
            inst["start"] = {"dateTime": s.isoformat(), **({"timeZone": tz} if tz else {})}
            inst["end"] = {
                "dateTime": (s + (end - start)).isoformat(),
                **({"timeZone": tz} if tz else {}),
            }
        inst["originalStartTime"] = copy.deepcopy(inst["start"])
        out.append(inst)
    return out


def _expand(cal: _Cal, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """singleEvents=true: masters become their instances; stored overrides win."""
    out = []
    for ev in items:
        if not ev.get("recurrence"):
            out.append(ev)
            continue
        generated = _instances(ev)
        if generated is None:
            out.append(ev)
            continue
        for inst in generated:
            override = cal.events.get(inst["id"])
            if override is None:
                out.append(
                    inst if ev.get("status") != "cancelled" else {**inst, "status": "cancelled"}
                )
    return out


def _encode_token(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, sort_keys=True).encode()).decode()


def _decode_token(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(_b64url_decode(text))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _list_signature(query: dict[str, list[str]]) -> str:
    keep = {k: v for k, v in query.items() if k not in ("pageToken", "maxResults", "alt")}
    return json.dumps(keep, sort_keys=True)


def _event_filter(query: dict[str, list[str]]) -> Callable[[dict[str, Any]], bool]:
    props = []
    for pair in query.get("privateExtendedProperty", []):
        name, eq, value = pair.partition("=")
        if not eq or not name:
            raise _bad("Invalid extended property constraint: expected propertyName=value.")
        props.append((name, value))
    tmin = _parse_time(v) if (v := _one(query, "timeMin")) else None
    tmax = _parse_time(v) if (v := _one(query, "timeMax")) else None
    updmin = _parse_time(v) if (v := _one(query, "updatedMin")) else None
    text = (_one(query, "q") or "").lower()
    ical = _one(query, "iCalUID")

    def keep(ev: dict[str, Any]) -> bool:
        private = ev.get("extendedProperties", {}).get("private", {})
        if any(private.get(n) != v for n, v in props):
            return False
        if tmin or tmax:  # seeded events may hold anything: parse only when filtering
            try:
                start, end = _when_to_dt(ev.get("start")), _when_to_dt(ev.get("end"))
            except _Fail:
                return False
            if tmin and end and end <= tmin:
                return False
            if tmax and start and start >= tmax:
                return False
        if updmin and _parse_time(ev["updated"]) < updmin:
            return False
        if ical and ev.get("iCalUID") != ical:
            return False
        blob = " ".join(str(ev.get(k, "")) for k in ("summary", "description", "location"))
        return not text or text in blob.lower()

    return keep


def _events_list(
    fake: FakeGoogle,
    args: dict[str, str],
    query: dict[str, list[str]],
    body: bytes,
    scopes: frozenset[str],
) -> _Resp:
    cal = fake._cal(args["cal"])
    try:
        size = int(_one(query, "maxResults", "250") or "250")
    except ValueError as exc:
        raise _bad("Invalid value for maxResults") from exc
    if size < 1:
        raise _bad("Invalid value for maxResults")
    size = min(size, 2500)
    sync = _one(query, "syncToken")
    page = _one(query, "pageToken")
    state: dict[str, Any]
    if page is not None:
        decoded = _decode_token(page)
        if decoded is None or decoded.get("sig") != _list_signature(query):
            raise _bad("Invalid page token value.")
        state = decoded
    else:
        state = {"after": "", "start": fake._last_seq, "sig": _list_signature(query)}
    if sync is not None:
        clash = [p for p in _SYNC_EXCLUSIVE if p in query]
        if clash:
            raise _bad(f"Sync token cannot be combined with {clash[0]}.")
        decoded = _decode_token(sync)
        if (
            decoded is None
            or decoded.get("cal") != args["cal"]
            or decoded.get("gen") != cal.generation
        ):
            return _fault_response("410sync")
        since = decoded["seq"]
        pool = [e for eid, e in cal.events.items() if cal.seq[eid] > since]
        show_deleted = True
    else:
        keep = _event_filter(query)
        pool = [e for e in cal.events.values() if keep(e)]
        show_deleted = _flag(query, "showDeleted")
    if _flag(query, "singleEvents"):
        pool = _expand(cal, pool)
    if not show_deleted:
        pool = [e for e in pool if e.get("status") != "cancelled"]
    pool.sort(key=lambda e: e["id"])
    remaining = [e for e in pool if e["id"] > state["after"]]
    items = [
        _short_cancelled(e) if e.get("status") == "cancelled" else copy.deepcopy(e)
        for e in remaining[:size]
    ]
    out: dict[str, Any] = {
        "kind": "calendar#events",
        "etag": f'"{fake._last_seq:016d}"',
        "summary": args["cal"],
        "updated": _rfc3339(fake.clock()),
        "timeZone": "UTC",
        "accessRole": "owner",
        "defaultReminders": [],
        "items": items,
    }
    if len(remaining) > size:
        out["nextPageToken"] = _encode_token({**state, "after": items[-1]["id"]})
    else:
        out["nextSyncToken"] = _encode_token(
            {"cal": args["cal"], "seq": state["start"], "gen": cal.generation}
        )
    return _Resp(200, out)


def _events_insert(
    fake: FakeGoogle,
    args: dict[str, str],
    query: dict[str, list[str]],
    body: bytes,
    scopes: frozenset[str],
) -> _Resp:
    cal = fake._cal(args["cal"])
    data = _json_body(body)
    eid = data.get("id")
    if eid is not None and (not isinstance(eid, str) or not _BASE32HEX.fullmatch(eid)):
        raise _bad("Invalid resource id value.")
    if eid is not None and eid in cal.events:
        raise _Fail(gerror(409, "duplicate", "The requested identifier already exists."))
    _check_times(data)
    return _Resp(200, fake._store_new(cal, args["cal"], data))


def _events_get(
    fake: FakeGoogle,
    args: dict[str, str],
    query: dict[str, list[str]],
    body: bytes,
    scopes: frozenset[str],
) -> _Resp:
    ev = fake._cal(args["cal"]).events.get(args["eid"])
    if ev is None:
        raise _not_found()
    return _Resp(200, copy.deepcopy(ev))


def _events_patch(
    fake: FakeGoogle,
    args: dict[str, str],
    query: dict[str, list[str]],
    body: bytes,
    scopes: frozenset[str],
    *,
    replace: bool = False,
) -> _Resp:
    cal = fake._cal(args["cal"])
    ev = cal.events.get(args["eid"])
    if ev is None:
        raise _not_found()
    data = _json_body(body)
    if data.get("id") not in (None, args["eid"]):
        raise _bad("The event id cannot be changed.")
    keep: dict[str, Any] = {
        k: ev[k]
        for k in (
            "kind",
            "id",
            "created",
            "iCalUID",
            "htmlLink",
            "creator",
            "organizer",
            "sequence",
            "eventType",
        )
        if k in ev
    }
    candidate: dict[str, Any] = copy.deepcopy(keep if replace else ev)
    if replace:
        candidate["status"] = "confirmed"
        candidate.update(copy.deepcopy(data))
    else:
        _merge(candidate, data)
    _check_times(candidate)
    if candidate.get("start") != ev.get("start") or candidate.get("end") != ev.get("end"):
        candidate["sequence"] = int(ev.get("sequence", 0)) + 1
    cal.events[args["eid"]] = candidate
    return _Resp(200, copy.deepcopy(fake._touch(cal, args["eid"])))


def _events_update(
    fake: FakeGoogle,
    args: dict[str, str],
    query: dict[str, list[str]],
    body: bytes,
    scopes: frozenset[str],
) -> _Resp:
    return _events_patch(fake, args, query, body, scopes, replace=True)


def _events_delete(
    fake: FakeGoogle,
    args: dict[str, str],
    query: dict[str, list[str]],
    body: bytes,
    scopes: frozenset[str],
) -> _Resp:
    cal = fake._cal(args["cal"])
    ev = cal.events.get(args["eid"])
    if ev is None:
        raise _not_found()
    if ev.get("status") == "cancelled":
        raise _Fail(gerror(410, "deleted", "Resource has been deleted"))
    ev["status"] = "cancelled"
    fake._touch(cal, args["eid"])
    return _Resp(204)


def _json_body(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body or b"{}")
    except ValueError as exc:
        raise _bad("Invalid JSON payload received.", "parseError") from exc
    if not isinstance(data, dict):
        raise _bad("Invalid JSON payload received.", "parseError")
    return data


# ---------------------------------------------------------------------------------------------
# Gmail handlers


def _user(fake: FakeGoogle, args: dict[str, str]) -> None:
    if args["user"] not in ("me", fake.account):
        raise _Fail(gerror(403, "forbidden", "Delegation denied for " + fake.account))


def _page(
    items: list[Any], query: dict[str, list[str]], default: int, top: int
) -> tuple[list[Any], str | None]:
    try:
        size = min(int(_one(query, "maxResults", str(default)) or default), top)
        start = int(_one(query, "pageToken", "0") or "0")
    except ValueError as exc:
        raise _bad("Invalid page token or size", "invalidArgument") from exc
    chunk = items[start : start + size]
    return chunk, (str(start + size) if start + size < len(items) else None)


def _drafts_create(
    fake: FakeGoogle,
    args: dict[str, str],
    query: dict[str, list[str]],
    body: bytes,
    scopes: frozenset[str],
) -> _Resp:
    _user(fake, args)
    raw_b64 = _json_body(body).get("message", {}).get("raw")
    if not raw_b64:
        raise _bad("Missing draft message", "invalidArgument")
    try:
        raw = _b64url_decode(raw_b64)
    except ValueError as exc:
        raise _bad("Invalid value for ByteString", "invalidArgument") from exc
    thread = _json_body(body).get("message", {}).get("threadId")
    if thread is not None and not any(m.thread_id == thread for m in fake._msgs.values()):
        raise _gmail_not_found()  # Gmail answers 404 for a thread it does not have
    msg = fake._new_message(raw, {"DRAFT"}, fake._now_ms(), thread)
    did = f"r{fake._rng.getrandbits(62):019d}"
    fake._drafts[did] = msg.id
    return _Resp(200, {"id": did, "message": msg.resource("minimal")})


def _drafts_list(
    fake: FakeGoogle,
    args: dict[str, str],
    query: dict[str, list[str]],
    body: bytes,
    scopes: frozenset[str],
) -> _Resp:
    _user(fake, args)
    if "q" in query:
        raise _bad("The fake does not search drafts", "invalidArgument")
    rows = sorted(fake._drafts.items(), key=lambda kv: -fake._msgs[kv[1]].internal_ms)
    chunk, token = _page(rows, query, 100, 500)
    out: dict[str, Any] = {"resultSizeEstimate": len(rows)}
    if chunk:
        out["drafts"] = [
            {"id": d, "message": {"id": m, "threadId": fake._msgs[m].thread_id}} for d, m in chunk
        ]
    if token:
        out["nextPageToken"] = token
    return _Resp(200, out)


def _format(query: dict[str, list[str]]) -> str:
    fmt = _one(query, "format", "full") or "full"
    if fmt not in ("full", "raw", "metadata", "minimal"):
        raise _bad(f"Invalid value at 'format' ({fmt})", "invalidArgument")
    return fmt


def _drafts_get(
    fake: FakeGoogle,
    args: dict[str, str],
    query: dict[str, list[str]],
    body: bytes,
    scopes: frozenset[str],
) -> _Resp:
    _user(fake, args)
    mid = fake._drafts.get(args["id"])
    if mid is None:
        raise _gmail_not_found()
    return _Resp(200, {"id": args["id"], "message": fake._msgs[mid].resource(_format(query))})


def _drafts_update(
    fake: FakeGoogle,
    args: dict[str, str],
    query: dict[str, list[str]],
    body: bytes,
    scopes: frozenset[str],
) -> _Resp:
    _user(fake, args)
    if args["id"] not in fake._drafts:
        raise _gmail_not_found()
    raw_b64 = _json_body(body).get("message", {}).get("raw")
    if not raw_b64:
        raise _bad("Missing draft message", "invalidArgument")
    fake.user_edit_draft(args["id"], _b64url_decode(raw_b64))
    msg = fake._msgs[fake._drafts[args["id"]]]
    return _Resp(200, {"id": args["id"], "message": msg.resource("minimal")})


def _drafts_delete(
    fake: FakeGoogle,
    args: dict[str, str],
    query: dict[str, list[str]],
    body: bytes,
    scopes: frozenset[str],
) -> _Resp:
    _user(fake, args)
    if args["id"] not in fake._drafts:
        raise _gmail_not_found()
    fake.user_delete_draft(args["id"])
    return _Resp(204)


def _metadata_only(scopes: frozenset[str]) -> bool:
    return SCOPE_METADATA in scopes and not scopes & {SCOPE_MAIL, SCOPE_MODIFY, SCOPE_READONLY}


def _messages_list(
    fake: FakeGoogle,
    args: dict[str, str],
    query: dict[str, list[str]],
    body: bytes,
    scopes: frozenset[str],
) -> _Resp:
    _user(fake, args)
    q = _one(query, "q")
    if q and _metadata_only(scopes):
        raise _Fail(gerror(403, "forbidden", "Metadata scope does not support 'q' parameter"))
    pred, wide = compile_query(q) if q else ((lambda m: True), False)
    include_spam = _flag(query, "includeSpamTrash") or wide
    labels = set(query.get("labelIds", []))
    rows = [
        m
        for m in fake._msgs.values()
        if pred(m) and labels <= m.labels and (include_spam or not m.labels & {"SPAM", "TRASH"})
    ]
    rows.sort(key=lambda m: -m.internal_ms)
    chunk, token = _page(rows, query, 100, 500)
    out: dict[str, Any] = {"resultSizeEstimate": len(rows)}
    if chunk:
        out["messages"] = [{"id": m.id, "threadId": m.thread_id} for m in chunk]
    if token:
        out["nextPageToken"] = token
    return _Resp(200, out)


def _messages_get(
    fake: FakeGoogle,
    args: dict[str, str],
    query: dict[str, list[str]],
    body: bytes,
    scopes: frozenset[str],
) -> _Resp:
    _user(fake, args)
    msg = fake._msgs.get(args["id"])
    if msg is None:
        raise _gmail_not_found()
    fmt = _readable_format(query, scopes)
    return _Resp(200, msg.resource(fmt, query.get("metadataHeaders")))


def _readable_format(query: dict[str, list[str]], scopes: frozenset[str]) -> str:
    """The asked format, refused (403) when the token may read metadata only."""
    fmt = _format(query)
    if _metadata_only(scopes) and fmt in ("raw", "full"):
        raise _Fail(gerror(403, "forbidden", "Metadata scope doesn't allow format " + fmt.upper()))
    return fmt


def _threads_get(
    fake: FakeGoogle,
    args: dict[str, str],
    query: dict[str, list[str]],
    body: bytes,
    scopes: frozenset[str],
) -> _Resp:
    """``threads.get``: the thread's messages, oldest first, each in the asked format."""
    _user(fake, args)
    msgs = sorted(
        (m for m in fake._msgs.values() if m.thread_id == args["id"]),
        key=lambda m: m.internal_ms,
    )
    if not msgs:
        raise _gmail_not_found()
    fmt = _readable_format(query, scopes)
    if fmt == "raw":
        raise _bad("Invalid value at 'format' (RAW)", "invalidArgument")  # as Gmail answers
    wanted = query.get("metadataHeaders")
    return _Resp(
        200,
        {"id": args["id"], "historyId": "1", "messages": [m.resource(fmt, wanted) for m in msgs]},
    )


# ---------------------------------------------------------------------------------------------
# Routing table: (method, path regex, handler, allowed query params, scopes that allow it)

_CAL_READ = frozenset({SCOPE_CAL, SCOPE_CAL_EVENTS, SCOPE_CAL_RO, SCOPE_CAL_EVENTS_RO})
_CAL_WRITE = frozenset({SCOPE_CAL, SCOPE_CAL_EVENTS})
_DRAFT_READ = frozenset({SCOPE_MAIL, SCOPE_COMPOSE, SCOPE_MODIFY, SCOPE_READONLY})
_DRAFT_WRITE = frozenset({SCOPE_MAIL, SCOPE_COMPOSE, SCOPE_MODIFY})
_MSG_READ = frozenset({SCOPE_MAIL, SCOPE_MODIFY, SCOPE_READONLY, SCOPE_METADATA})
_EVENTS = r"^/calendar/v3/calendars/(?P<cal>[^/]+)/events"
_DRAFTS = r"^/gmail/v1/users/(?P<user>[^/]+)/drafts"
_MESSAGES = r"^/gmail/v1/users/(?P<user>[^/]+)/messages"
_THREADS = r"^/gmail/v1/users/(?P<user>[^/]+)/threads"
_LIST_PARAMS = {
    "alwaysIncludeEmail",
    "eventTypes",
    "iCalUID",
    "maxAttendees",
    "maxResults",
    "orderBy",
    "pageToken",
    "privateExtendedProperty",
    "q",
    "sharedExtendedProperty",
    "showDeleted",
    "showHiddenInvitations",
    "singleEvents",
    "syncToken",
    "timeMax",
    "timeMin",
    "timeZone",
    "updatedMin",
}
_WRITE_PARAMS = {
    "conferenceDataVersion",
    "maxAttendees",
    "sendNotifications",
    "sendUpdates",
    "supportsAttachments",
    "alwaysIncludeEmail",
    "eventLabelVersion",
}

Handler = Callable[..., _Resp]
_ROUTES: list[tuple[str, re.Pattern[str], Handler, frozenset[str], frozenset[str]]] = [
    (m, re.compile(p + "$"), h, frozenset(a), s)
    for m, p, h, a, s in [
        ("GET", _EVENTS, _events_list, _LIST_PARAMS, _CAL_READ),
        ("POST", _EVENTS, _events_insert, _WRITE_PARAMS, _CAL_WRITE),
        (
            "GET",
            _EVENTS + r"/(?P<eid>[^/]+)",
            _events_get,
            {"alwaysIncludeEmail", "maxAttendees", "timeZone"},
            _CAL_READ,
        ),
        ("PATCH", _EVENTS + r"/(?P<eid>[^/]+)", _events_patch, _WRITE_PARAMS, _CAL_WRITE),
        ("PUT", _EVENTS + r"/(?P<eid>[^/]+)", _events_update, _WRITE_PARAMS, _CAL_WRITE),
        (
            "DELETE",
            _EVENTS + r"/(?P<eid>[^/]+)",
            _events_delete,
            {"sendNotifications", "sendUpdates"},
            _CAL_WRITE,
        ),
        ("POST", _DRAFTS, _drafts_create, set(), _DRAFT_WRITE),
        (
            "GET",
            _DRAFTS,
            _drafts_list,
            {"includeSpamTrash", "maxResults", "pageToken", "q"},
            _DRAFT_READ,
        ),
        ("GET", _DRAFTS + r"/(?P<id>[^/]+)", _drafts_get, {"format"}, _DRAFT_READ),
        ("PUT", _DRAFTS + r"/(?P<id>[^/]+)", _drafts_update, set(), _DRAFT_WRITE),
        ("DELETE", _DRAFTS + r"/(?P<id>[^/]+)", _drafts_delete, set(), _DRAFT_WRITE),
        (
            "GET",
            _MESSAGES,
            _messages_list,
            {"includeSpamTrash", "labelIds", "maxResults", "pageToken", "q"},
            _MSG_READ,
        ),
        (
            "GET",
            _MESSAGES + r"/(?P<id>[^/]+)",
            _messages_get,
            {"format", "metadataHeaders"},
            _MSG_READ,
        ),
        (
            "GET",
            _THREADS + r"/(?P<id>[^/]+)",
            _threads_get,
            {"format", "metadataHeaders"},
            _MSG_READ,
        ),
    ]
]


def _route(
    method: str, path: str
) -> tuple[Handler, dict[str, str], frozenset[str], frozenset[str]]:
    found_path = False
    for m, pattern, handler, allowed, scopes in _ROUTES:
        match = pattern.match(path)
        if match is None:
            continue
        found_path = True
        if m == method:
            args = {k: urllib.parse.unquote(v) for k, v in match.groupdict().items()}
            return handler, args, allowed, scopes
    if found_path:
        raise _Fail(gerror(405, "methodNotAllowed", f"{method} is not allowed on {path}"))
    raise _Fail(gerror(404, "notFound", f"No API route for {method} {path}"))


# ---------------------------------------------------------------------------------------------
# HTTP plumbing


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm
    # against the client's delayed ACK costs ~40 ms per request.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read :attr:`FakeGoogle.requests` instead."""

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        fake: FakeGoogle = self.server.fake  # type: ignore[attr-defined]
        result = fake.handle(self.command, self.path, self.headers, body)
        if result is _DROP or not isinstance(result, _Resp):
            self.close_connection = True
            return
        payload, ctype = result.payload()
        self.send_response(result.status)
        if ctype:
            self.send_header("Content-Type", result.headers.get("Content-Type", ctype))
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve


_LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


def loopback_only(monkeypatch: Any) -> None:
    """Make any non-loopback connect or DNS lookup fail in this test (pytest ``monkeypatch``):
    a client left pointing at Google's hosts errors out instead of reaching the internet."""
    import socket

    real_connect, real_lookup = socket.socket.connect, socket.getaddrinfo

    def connect(sock: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in _LOOPBACK and sock.family != socket.AF_UNIX:
            raise OSError(f"tests may not reach {address!r}")
        return real_connect(sock, address)

    def lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in _LOOPBACK and host is not None:
            raise OSError(f"tests may not resolve {host!r}")
        return real_lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", lookup)


def iter_calls(fake: FakeGoogle, path_prefix: str) -> Iterator[Recorded]:
    """API calls (batch parts included) whose path starts with ``path_prefix``."""
    return (c for c in list(fake.calls) if c.path.startswith(path_prefix))
