"""The one HTTP seam of the Google adapters: services, batches, retries, error translation.

Why it looks like this:

* ``build(..., static_discovery=True)`` uses the discovery documents shipped with
  googleapiclient, so nothing is fetched. With ``api_root`` set, Calendar's endpoint is
  ``{api_root}calendar/v3/`` and Gmail's is ``{api_root}`` (its method paths already start
  with ``gmail/v1/``).
* Batches ignore ``api_endpoint``, so they are built with an explicit ``batch_uri``.
* ``httplib2.Http`` is not thread-safe: one ``AuthorizedHttp`` (and one set of services) per
  thread.
* Only idempotent calls are retried here (bounded, exponential backoff with jitter). A Gmail
  ``drafts.create`` is not: its caller looks for the draft before trying again.
* The core sees only ``AuthError``/``TransientError``/``CursorExpired``/``BadInput``.
"""

from __future__ import annotations

import http.client
import json
import logging
import random
import threading
import time
from collections.abc import Callable
from typing import Any, Literal

from integrations.base import AdapterError, AuthError, BadInput, CursorExpired, TransientError
from integrations.google.auth import TokenStore, refresh_failed, rerun_hint

log = logging.getLogger(__name__)

Api = Literal["calendar", "gmail"]
BATCH_LIMIT: dict[str, int] = {"calendar": 1000, "gmail": 100}
BATCH_SIZE: dict[str, int] = {"calendar": 500, "gmail": 50}  # Gmail: > 50 invites 429s
_GOOGLE_BATCH = {
    "calendar": "https://www.googleapis.com/batch/calendar/v3",
    "gmail": "https://gmail.googleapis.com/batch/gmail/v1",
}
_RATE_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"})
_SCOPE_REASONS = frozenset({"insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT"})
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


def endpoints(api_root: str | None) -> dict[str, str | None]:
    """``api_endpoint`` per API (None = discovery's own host) and the batch URIs."""
    if not api_root:
        return {
            "calendar": None,
            "gmail": None,
            **{f"{k}_batch": v for k, v in _GOOGLE_BATCH.items()},
        }
    root = api_root if api_root.endswith("/") else api_root + "/"
    return {
        "calendar": f"{root}calendar/v3/",
        "gmail": root,
        "calendar_batch": f"{root}batch/calendar/v3",
        "gmail_batch": f"{root}batch/gmail/v1",
    }


# ---------------------------------------------------------------------------------------------
# Error classification


def status_of(exc: object) -> int:
    """The HTTP status of an ``HttpError`` (0 for anything else, e.g. a response dict)."""
    resp = getattr(exc, "resp", None)
    return int(getattr(resp, "status", 0) or 0)


def reason_of(exc: BaseException) -> str:
    """The first ``errors[].reason`` (or ``error.status``) of a Google JSON error body."""
    content = getattr(exc, "content", b"") or b""
    try:
        error = json.loads(content).get("error", {})
    except (ValueError, AttributeError):
        return ""
    if not isinstance(error, dict):
        return str(error)
    errors = error.get("errors") or []
    if errors and isinstance(errors[0], dict) and errors[0].get("reason"):
        return str(errors[0]["reason"])
    details = error.get("details") or []
    for detail in details:
        if isinstance(detail, dict) and detail.get("reason"):
            return str(detail["reason"])
    return str(error.get("status", ""))


def _transport_errors() -> tuple[type[BaseException], ...]:
    import google.auth.exceptions
    import httplib2
    from googleapiclient.errors import BatchError

    return (
        OSError,
        http.client.HTTPException,
        httplib2.HttpLib2Error,
        google.auth.exceptions.TransportError,
        BatchError,
    )


def is_retryable(exc: BaseException) -> bool:
    """Rate limits, 5xx and transport failures: the same call may succeed later."""
    from google.auth.exceptions import RefreshError
    from googleapiclient.errors import HttpError

    if isinstance(exc, HttpError):
        status = status_of(exc)
        return status in _RETRY_STATUS or (status == 403 and reason_of(exc) in _RATE_REASONS)
    if isinstance(exc, RefreshError):
        return bool(getattr(exc, "retryable", False))
    return isinstance(exc, _transport_errors())


def translate(exc: BaseException, what: str, account: str) -> AdapterError:
    """One library exception -> one of the core's errors, with a one-line message."""
    from google.auth.exceptions import RefreshError
    from googleapiclient.errors import HttpError

    if isinstance(exc, AdapterError):
        return exc
    if isinstance(exc, RefreshError):
        return refresh_failed(exc, account)
    if isinstance(exc, HttpError):
        return _translate_http(exc, what, account)
    if isinstance(exc, _transport_errors()):
        return TransientError(f"network error while {what}: {exc or type(exc).__name__}")
    return AdapterError(f"unexpected error while {what}: {exc!r}")


def _translate_http(exc: Any, what: str, account: str) -> AdapterError:
    status, reason = status_of(exc), reason_of(exc)
    if status == 401:
        return AuthError(
            f"Google rejected the credentials for {account} while {what}: {rerun_hint(account)}"
        )
    if status == 403 and reason in _SCOPE_REASONS:
        return AuthError(
            f"the Google token for {account} lacks a permission needed for {what}: "
            f"{rerun_hint(account)}"
        )
    if status == 410 and reason in ("fullSyncRequired", "updatedMinTooLongAgo", ""):
        return CursorExpired(f"Google sync token expired while {what}")
    if is_retryable(exc):
        return TransientError(f"Google answered {status} {reason} while {what}; will retry")
    detail = getattr(exc, "reason", "") or reason
    return BadInput(f"Google answered {status} ({detail}) while {what}")


# ---------------------------------------------------------------------------------------------
# The client


class GoogleClient:
    """Services and calls for one account. Share one instance between the adapters of a
    process so they share one token (and one refresh)."""

    def __init__(
        self,
        api_root: str | None,
        account: str,
        credentials: Any = None,
        *,
        token_store: TokenStore | None = None,
        timeout: float = 60.0,
        attempts: int = 5,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.api_root = api_root
        self.account = account
        self.urls = endpoints(api_root)
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.sleep = sleep
        self._creds = credentials
        self._store = token_store
        self._saved_token: str | None = getattr(credentials, "token", None)
        self._local = threading.local()
        self._generation = 0  # bumped when the credentials are dropped: threads rebuild
        self._lock = threading.Lock()
        self._rng = random.Random()

    # -- credentials --------------------------------------------------------------------------

    @property
    def store(self) -> TokenStore:
        if self._store is None:
            self._store = TokenStore(self.account)
        return self._store

    def credentials(self) -> Any:
        """Loaded from the token store on first use (not at construction: no I/O there)."""
        with self._lock:
            if self._creds is None:
                self._creds = self.store.load()
                self._saved_token = self._creds.token
            return self._creds

    def _forget_credentials(self) -> None:
        """After Google refused the token, read the store again on the next call: a running
        daemon then picks up the token of a later `auth google` without a restart."""
        with self._lock:
            self._creds = None
            self._saved_token = None
            self._generation += 1

    def failure(self, exc: BaseException, what: str) -> AdapterError:
        err = translate(exc, what, self.account)
        if isinstance(err, AuthError):
            self._forget_credentials()
        return err

    def _save_if_refreshed(self) -> None:
        """google-auth has no refresh hook: after each call, write a new token back."""
        creds = self._creds
        token = getattr(creds, "token", None)
        if creds is None or not token or token == self._saved_token:
            return
        with self._lock:
            if token == self._saved_token:
                return
            self._saved_token = token
        try:
            self.store.save(creds)
        except AdapterError as exc:  # the refresh worked; keep going with it in memory
            log.warning("could not write the refreshed Google token back: %s", exc)

    # -- services (one set per thread) --------------------------------------------------------

    def _http(self) -> Any:
        authed = getattr(self._local, "http", None)
        if authed is None or self._local.generation != self._generation:
            import google_auth_httplib2
            import httplib2

            authed = google_auth_httplib2.AuthorizedHttp(
                self.credentials(), http=httplib2.Http(timeout=self.timeout)
            )
            self._local.http = authed
            self._local.services = {}
            self._local.generation = self._generation
        return authed

    def service(self, api: Api) -> Any:
        http = self._http()
        services: dict[str, Any] = self._local.services
        if api not in services:
            from googleapiclient.discovery import build

            name, version = ("calendar", "v3") if api == "calendar" else ("gmail", "v1")
            endpoint = self.urls[api]
            services[api] = build(
                name,
                version,
                http=http,
                client_options={"api_endpoint": endpoint} if endpoint else None,
                static_discovery=True,
                cache_discovery=False,
            )
        return services[api]

    def calendar(self) -> Any:
        return self.service("calendar")

    def gmail(self) -> Any:
        return self.service("gmail")

    # -- calls --------------------------------------------------------------------------------

    def pause(self, attempt: int, exc: BaseException | None = None) -> None:
        """Exponential backoff with jitter; a ``Retry-After`` header is honoured (<= 60 s)."""
        delay = min(32.0, self.backoff * 2**attempt) * (0.5 + self._rng.random() / 2)
        resp = getattr(exc, "resp", None)
        after = resp.get("retry-after") if isinstance(resp, dict) else None  # httplib2.Response
        if after and str(after).isdigit():
            delay = max(delay, min(float(after), 60.0))
        self.sleep(delay)

    def execute(
        self, request: Any, *, what: str, idempotent: bool, tolerate: frozenset[int] = frozenset()
    ) -> Any:
        """Run one request; retry transient failures only when the call is idempotent.
        A status in ``tolerate`` (e.g. 404 on a delete) returns None instead of raising."""
        for attempt in range(self.attempts):
            try:
                return request.execute(num_retries=0)
            except Exception as exc:  # translated below: the core never sees library errors
                if status_of(exc) in tolerate:
                    return None
                if idempotent and is_retryable(exc) and attempt + 1 < self.attempts:
                    log.debug("retrying %s after %r", what, exc)
                    self.pause(attempt, exc)
                    continue
                raise self.failure(exc, what) from exc
            finally:
                self._save_if_refreshed()
        raise AssertionError("unreachable")

    def batch(self, api: Api, requests: dict[str, Any], *, what: str) -> dict[str, Any]:
        """Send idempotent ``requests`` in batches; returns id -> response dict, or the
        ``HttpError`` of a part that failed for good (404, 409, 410...). Parts failing with
        rate limits or 5xx are sent again (bounded); if some still fail, TransientError."""
        results: dict[str, Any] = {}
        pending = dict(requests)
        last: BaseException | None = None
        for attempt in range(self.attempts):
            if not pending:
                break
            if attempt:
                self.pause(attempt - 1, last)
            retry: dict[str, Any] = {}
            for chunk in _chunks(list(pending), BATCH_SIZE[api]):
                try:
                    answers = self._send_batch(api, {k: pending[k] for k in chunk})
                except Exception as exc:  # the whole batch failed: decide below
                    if not is_retryable(exc):
                        raise self.failure(exc, what) from exc
                    last = exc
                    retry.update({k: pending[k] for k in chunk})
                    continue
                for key, (response, error) in answers.items():
                    if error is not None and is_retryable(error):
                        last = error
                        retry[key] = pending[key]
                    else:
                        results[key] = error if error is not None else response
            pending = retry
        if pending:
            raise TransientError(
                f"{len(pending)} Google calls still failing while {what} ({last!r}); will retry"
            )
        return results

    def _send_batch(self, api: Api, requests: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
        from googleapiclient.http import BatchHttpRequest

        answers: dict[str, tuple[Any, Any]] = {}

        def collect(request_id: str, response: Any, exception: Any) -> None:
            answers[request_id] = (response, exception)

        batch = BatchHttpRequest(callback=collect, batch_uri=self.urls[f"{api}_batch"])
        for key, request in requests.items():
            batch.add(request, request_id=key)
        try:
            batch.execute(http=self._http())
        finally:
            self._save_if_refreshed()
        return answers


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]
