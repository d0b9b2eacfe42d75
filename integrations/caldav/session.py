"""One CalDAV account: discovery, the few requests the adapters make, error translation.

The ``caldav`` library finds the calendar home from the configured URL (server, principal
or home: iCloud answers from ``caldav.icloud.com`` and moves the user to a ``pNN-`` host,
which discovery follows, so no host is hard-coded) and carries the HTTP session with Basic
auth pinned (without it every login costs a 401 round trip, and Radicale a penalty delay).
The requests themselves are the handful RFC 4791 and RFC 6578 define, sent through the
library's client and read with lxml:

- PROPFIND Depth 1 on the home: every calendar with its name, sync token and ctag;
- sync-collection REPORT: hrefs and ETags changed since a token (an idle poll: one request);
- calendar-multiget REPORT: the data of those hrefs, many per request, never one per event;
- calendar-query REPORT with a time range, for servers without sync tokens;
- PUT with ``If-None-Match: *`` (create) or ``If-Match`` (update), DELETE with ``If-Match``.

Every failure becomes one of the ports' errors, and no message carries the password: the
library's URLs hold no credentials, and errors are built here from host, user and status.
"""

from __future__ import annotations

import ipaddress
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from xml.sax.saxutils import escape

from daemon.ports import AdapterError, AuthError, BadInput, CursorExpired, TransientError

log = logging.getLogger(__name__)

DAV, CALDAV, CS = "DAV:", "urn:ietf:params:xml:ns:caldav", "http://calendarserver.org/ns/"
_NS = f'xmlns:d="{DAV}" xmlns:c="{CALDAV}" xmlns:cs="{CS}"'
MULTIGET_CHUNK = 200  # hrefs per calendar-multiget REPORT
ATTEMPTS = 3  # per request, on a network fault or a 5xx: every request here is safe to repeat
SYNC_PAGES = 50  # follow-ups of a truncated sync-collection reply (RFC 6578 3.6)
TIMEOUT = 30.0
AUTH_COMMAND = "interview-followup auth caldav"


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _tag(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


@dataclass(frozen=True)
class Collection:
    """A calendar on the server, as the home's PROPFIND lists it."""

    url: str
    name: str
    sync_token: str | None
    ctag: str | None


@dataclass(frozen=True)
class Resource:
    href: str
    etag: str | None
    text: str


@dataclass(frozen=True)
class Changes:
    """A sync-collection answer: what changed (href -> ETag), what went, the new token."""

    changed: dict[str, str | None]
    deleted: frozenset[str]
    token: str | None


@dataclass(frozen=True)
class PutResult:
    ok: bool  # False: a precondition failed (412), the resource is not what we thought
    etag: str | None


class CalDAVSession:
    """The requests one account needs; ``password`` is asked for at the first request."""

    def __init__(
        self,
        url: str,
        username: str,
        password: Callable[[], str],
        *,
        timeout: float = TIMEOUT,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url = url
        self.username = username
        self.host = urlsplit(url).hostname or url
        self._password = password
        self.timeout = timeout
        self.sleep = sleep
        self._client: Any = None
        self._home: str | None = None

    # -- the client ----------------------------------------------------------------------------

    def client(self) -> Any:
        if self._client is None:
            import caldav

            self._client = caldav.DAVClient(
                url=self.url,
                username=self.username,
                password=self._password(),
                auth_type="basic",
                timeout=int(self.timeout),
                enable_rfc6764=False,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def request(
        self,
        method: str,
        url: str,
        what: str,
        body: str = "",
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """One request, tried again after a network fault or a 5xx (every request made here
        is safe to repeat: reads, and writes conditional on an ETag or on absence). Library
        and network errors become the ports' errors; other statuses (404, 412...) are the
        caller's to judge."""

        def once() -> Any:
            response = self.client().request(url, method, body, dict(headers or {}))
            if response.status >= 500:
                raise TransientError(f"{what}: {self.host} answered {response.status}")
            return response

        return self._retrying(once, what)

    def _retrying(self, call: Callable[[], Any], what: str) -> Any:
        for attempt in range(ATTEMPTS):
            try:
                return call()
            except AdapterError as exc:
                failure = exc
            except Exception as exc:
                failure = self.failure(exc, what)
            if not isinstance(failure, TransientError) or attempt == ATTEMPTS - 1:
                raise failure
            log.debug("%s; trying again", failure)
            self.sleep(0.5 * 2**attempt)
        raise AssertionError("unreachable")

    def failure(self, exc: BaseException, what: str) -> AdapterError:
        """The port error for a library or network exception (never its text: it may quote
        a request)."""
        from caldav.lib import error

        if isinstance(exc, error.AuthorizationError):
            if any(p.endswith("valid-sync-token") for p in exc.preconditions):
                return CursorExpired(f"{what}: the sync token expired")
            if exc.status == 403:
                return AdapterError(f"{what}: {self.host} refused access (403 Forbidden)")
            self.close()  # the password is read again next time: `auth caldav` may have run
            fix = f"run `{AUTH_COMMAND}`"
            return AuthError(
                f"{self.host} refused the CalDAV password for {self.username} (use an app "
                f"password where the provider has them): {fix}",
                fix=fix,
            )
        if isinstance(exc, error.RateLimitError):
            return TransientError(f"{what}: {self.host} asks us to slow down; will retry")
        if _is_tls_failure(exc):
            return AdapterError(
                f"{what}: the TLS certificate of {self.host} is not trusted "
                "(check [caldav] url and the system's certificates)"
            )
        if _is_network(exc):
            return TransientError(f"{what}: cannot reach {self.host} ({type(exc).__name__})")
        if isinstance(exc, error.DAVError):
            status = f" ({exc.status})" if exc.status else ""
            return AdapterError(f"{what}: {self.host} refused the request{status}")
        return AdapterError(f"{what}: {type(exc).__name__} talking to {self.host}")

    # -- discovery -----------------------------------------------------------------------------

    def home(self) -> str:
        """The calendar home, found once from the configured URL (RFC 4791 6.2.1)."""
        if self._home is None:
            what = f"finding the calendars of {self.username} at {self.host}"
            principal = self._retrying(lambda: self.client().principal(), what)
            self._home = str(self._retrying(lambda: principal.calendar_home_set.url, what))
        return self._home

    def calendars(self) -> list[Collection]:
        body = (
            f'<?xml version="1.0" encoding="utf-8"?><d:propfind {_NS}><d:prop>'
            "<d:resourcetype/><d:displayname/><d:sync-token/><cs:getctag/>"
            "</d:prop></d:propfind>"
        )
        home = self.home()
        what = f"listing the calendars at {self.host}"
        response = self.request("PROPFIND", home, what, body, {"Depth": "1"})
        if response.status != 207 or response.tree is None:
            raise AdapterError(f"{what}: unexpected answer {response.status}")
        found = []
        for href, props, _status in _responses(response.tree):
            kinds = props.get(_tag(DAV, "resourcetype"))
            if kinds is None or kinds.find(_tag(CALDAV, "calendar")) is None:
                continue
            url = urljoin(home, href)
            name = _text(props.get(_tag(DAV, "displayname"))) or unquote(
                url.rstrip("/").rsplit("/", 1)[-1]
            )
            found.append(
                Collection(
                    url=url,
                    name=name,
                    sync_token=_text(props.get(_tag(DAV, "sync-token"))),
                    ctag=_text(props.get(_tag(CS, "getctag"))),
                )
            )
        return found

    def find(self, wanted: str) -> Collection | None:
        """A calendar by collection URL (absolute or path) or by display name."""
        calendars = self.calendars()
        if "/" in wanted:
            target = urljoin(self.home(), wanted).rstrip("/")
            return next((c for c in calendars if c.url.rstrip("/") == target), None)
        exact = [c for c in calendars if c.name == wanted]
        loose = [c for c in calendars if c.name.casefold() == wanted.casefold()]
        return (exact or loose or [None])[0]

    def make_calendar(self, name: str) -> Collection:
        url = urljoin(self.home(), f"{uuid.uuid4()}/")
        body = (
            f'<?xml version="1.0" encoding="utf-8"?><c:mkcalendar {_NS}><d:set><d:prop>'
            f"<d:displayname>{escape(name)}</d:displayname>"
            '<c:supported-calendar-component-set><c:comp name="VEVENT"/>'
            "</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>"
        )
        what = f"making the calendar {name!r} at {self.host}"
        response = self.request("MKCALENDAR", url, what, body)
        if response.status not in (200, 201):
            raise AdapterError(f"{what}: the server answered {response.status}")
        log.info("made the calendar %r at %s", name, self.host)
        return Collection(url=url, name=name, sync_token=None, ctag=None)

    def state(self, url: str) -> tuple[str | None, str | None]:
        """(sync token, ctag) of one calendar: a Depth 0 PROPFIND."""
        body = (
            f'<?xml version="1.0" encoding="utf-8"?><d:propfind {_NS}><d:prop>'
            "<d:sync-token/><cs:getctag/></d:prop></d:propfind>"
        )
        response = self.request("PROPFIND", url, f"reading {url}", body, {"Depth": "0"})
        if response.status == 404:
            raise BadInput(f"the calendar {url} is gone from {self.host}")
        for _href, props, _status in _responses(response.tree):
            return (
                _text(props.get(_tag(DAV, "sync-token"))),
                _text(props.get(_tag(CS, "getctag"))),
            )
        return None, None

    # -- reading -------------------------------------------------------------------------------

    def sync(self, url: str, token: str | None) -> Changes:
        """sync-collection REPORT (RFC 6578). With a token, only what changed since; an
        expired token raises CursorExpired (403/409 ``valid-sync-token``). Items a server
        lists as deleted on a first sync (no token) are left out."""
        changed: dict[str, str | None] = {}
        deleted: set[str] = set()
        current = token
        for _page in range(SYNC_PAGES):
            body = (
                f'<?xml version="1.0" encoding="utf-8"?><d:sync-collection {_NS}>'
                f"<d:sync-token>{escape(current or '')}</d:sync-token>"
                "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
                "</d:sync-collection>"
            )
            what = f"syncing {url}"
            response = self.request("REPORT", url, what, body, {"Depth": "0"})
            if response.status in (403, 409, 412) and _sync_token_refused(response):
                raise CursorExpired(f"{what}: the sync token expired")
            if response.status == 404:
                raise BadInput(f"the calendar {url} is gone from {self.host}")
            if response.status != 207 or response.tree is None:
                raise AdapterError(f"{what}: unexpected answer {response.status}")
            truncated = False
            for href, props, status in _responses(response.tree):
                full = urljoin(url, href)
                if full.rstrip("/") == url.rstrip("/"):
                    truncated = truncated or status == 507
                elif status == 404:
                    changed.pop(href, None)
                    if token:
                        deleted.add(href)
                else:
                    deleted.discard(href)
                    changed[href] = _text(props.get(_tag(DAV, "getetag")))
            new = _text(response.tree.find(_tag(DAV, "sync-token")))
            current = new or current
            if not truncated:
                break
        return Changes(changed, frozenset(deleted), current)

    def multiget(self, url: str, hrefs: Iterable[str]) -> dict[str, Resource]:
        """The data of many resources, ``MULTIGET_CHUNK`` per REPORT. An href missing from
        the answer (deleted meanwhile) is missing from the result."""
        wanted = list(dict.fromkeys(hrefs))
        out: dict[str, Resource] = {}
        for start in range(0, len(wanted), MULTIGET_CHUNK):
            chunk = wanted[start : start + MULTIGET_CHUNK]
            refs = "".join(f"<d:href>{escape(h)}</d:href>" for h in chunk)
            body = (
                f'<?xml version="1.0" encoding="utf-8"?><c:calendar-multiget {_NS}>'
                f"<d:prop><d:getetag/><c:calendar-data/></d:prop>{refs}</c:calendar-multiget>"
            )
            out.update(self._report_data(url, body, f"reading events of {url}"))
        return out

    def query(self, url: str, start: datetime | None, end: datetime | None) -> dict[str, Resource]:
        """calendar-query REPORT: every VEVENT resource, within [start, end) if given."""
        window = ""
        if start is not None and end is not None:
            window = f'<c:time-range start="{_utc(start)}" end="{_utc(end)}"/>'
        body = (
            f'<?xml version="1.0" encoding="utf-8"?><c:calendar-query {_NS}>'
            "<d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter>"
            f'<c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">{window}'
            "</c:comp-filter></c:comp-filter></c:filter></c:calendar-query>"
        )
        return self._report_data(url, body, f"reading events of {url}")

    def _report_data(self, url: str, body: str, what: str) -> dict[str, Resource]:
        response = self.request("REPORT", url, what, body, {"Depth": "1"})
        if response.status == 404:
            raise BadInput(f"the calendar {url} is gone from {self.host}")
        if response.status != 207 or response.tree is None:
            raise AdapterError(f"{what}: unexpected answer {response.status}")
        out: dict[str, Resource] = {}
        for href, props, status in _responses(response.tree):
            data = props.get(_tag(CALDAV, "calendar-data"))
            if status == 404 or data is None or not (data.text or "").strip():
                continue
            etag = _text(props.get(_tag(DAV, "getetag")))
            out[href] = Resource(href=href, etag=etag, text=data.text or "")
        return out

    # -- writing -------------------------------------------------------------------------------

    def put(self, url: str, text: str, *, etag: str | None, what: str) -> PutResult:
        """Create (``etag`` None: ``If-None-Match: *``) or replace the resource whose ETag is
        ``etag`` (``If-Match``). A failed precondition is an answer, not an error: the
        resource exists already, or someone changed it since we read it."""
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        headers.update({"If-Match": etag} if etag else {"If-None-Match": "*"})
        response = self.request("PUT", url, what, text, headers)
        if response.status == 412:
            return PutResult(False, None)
        if response.status not in (200, 201, 204):
            raise AdapterError(f"{what}: {self.host} refused it ({response.status})")
        return PutResult(True, response.headers.get("ETag"))

    def get(self, url: str, what: str) -> Resource | None:
        response = self.request("GET", url, what)
        if response.status == 404:
            return None
        if response.status != 200:
            raise AdapterError(f"{what}: {self.host} answered {response.status}")
        raw = response._raw
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        return Resource(href=urlsplit(url).path, etag=response.headers.get("ETag"), text=text)

    def delete(self, url: str, etag: str | None, what: str) -> bool:
        """True when gone (now or before); False when it changed since we read it (412)."""
        headers = {"If-Match": etag} if etag else {}
        response = self.request("DELETE", url, what, "", headers)
        if response.status == 412:
            return False
        if response.status not in (200, 204, 404, 410):
            raise AdapterError(f"{what}: {self.host} refused it ({response.status})")
        return True


def _responses(tree: Any) -> Iterable[tuple[str, dict[str, Any], int | None]]:
    """(href, the props found with status 200, the response's own status) per response."""
    if tree is None:
        return
    for resp in tree.iter(_tag(DAV, "response")):
        href = _text(resp.find(_tag(DAV, "href")))
        if not href:
            continue
        props: dict[str, Any] = {}
        for propstat in resp.findall(_tag(DAV, "propstat")):
            if _status(propstat.find(_tag(DAV, "status"))) not in (200, None):
                continue
            for prop in propstat.findall(_tag(DAV, "prop")):
                for child in prop:
                    props[str(child.tag)] = child
        yield href, props, _status(resp.find(_tag(DAV, "status")))


def _status(element: Any) -> int | None:
    text = _text(element)
    parts = text.split() if text else []
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def _text(element: Any) -> str | None:
    if element is None:
        return None
    text = (element.text or "").strip()
    return text or None


def _sync_token_refused(response: Any) -> bool:
    tree = response.tree
    return tree is not None and tree.find(_tag(DAV, "valid-sync-token")) is not None


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _is_network(exc: BaseException) -> bool:
    if isinstance(exc, OSError | TimeoutError):
        return True
    names = {c.__name__ for c in type(exc).__mro__}
    return bool(names & {"ConnectionError", "Timeout", "ReadTimeout", "ConnectTimeout",
                         "ChunkedEncodingError", "ProtocolError", "RemoteDisconnected"})


def _is_tls_failure(exc: BaseException) -> bool:
    return any(c.__name__ in ("SSLError", "SSLCertVerificationError") for c in type(exc).__mro__)
