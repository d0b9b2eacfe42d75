"""OAuth for the Google adapters: scopes, the token store in keyring, the installed-app flow.

The token is the authorized-user JSON of ``Credentials.to_json()``, kept in keyring under
service ``interview-followup`` and user = the account e-mail. Every failure a user can fix
becomes an ``AuthError`` whose message names the fix, because the daemon reports it once and
stops instead of looping on a dead token.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from integrations import secrets
from integrations.base import AuthError, TransientError

SERVICE_NAME = secrets.SERVICE_NAME
AUTH_COMMAND = "interview-followup auth google"
SCOPE_CALENDAR = "https://www.googleapis.com/auth/calendar.events"
SCOPE_COMPOSE = "https://www.googleapis.com/auth/gmail.compose"
SCOPE_READONLY = "https://www.googleapis.com/auth/gmail.readonly"
DEFAULT_PORT = 8080



def scopes_for(*, calendar: bool = True, drafts: bool = True, replies: bool = False) -> list[str]:
    """The fewest scopes for what is configured: ``gmail.readonly`` only for reply detection
    (never ``gmail.metadata``: it refuses the ``q`` search the reply check needs)."""
    scopes = [SCOPE_CALENDAR] if calendar else []
    if drafts:
        scopes.append(SCOPE_COMPOSE)
    if replies:
        scopes.append(SCOPE_READONLY)
    return scopes


def rerun_hint(account: str) -> str:
    return f"run `{AUTH_COMMAND}` again to sign in as {account}"


def refresh_failed(exc: Exception, account: str) -> TransientError | AuthError:
    """A failed token refresh: ``invalid_grant`` and friends need the user; 5xx do not."""
    if getattr(exc, "retryable", False):
        return TransientError(f"Google token refresh failed for {account}, will retry: {exc}")
    return AuthError(
        f"Google refused the stored token for {account} (expired or revoked; an OAuth app in "
        f"'Testing' issues tokens that expire after 7 days): {rerun_hint(account)}"
    )


# ---------------------------------------------------------------------------------------------
# Token store


def check_backend(backend: Any) -> None:
    """Refuse a keyring that cannot keep the token, or would keep it in plaintext."""
    secrets.check_backend(backend, "the Google token")


class TokenStore:
    """The authorized-user JSON in keyring (service ``interview-followup``, user = account)."""

    def __init__(self, account: str, service: str = SERVICE_NAME) -> None:
        if not account:
            raise AuthError("[google] account is not set: the token store needs the e-mail")
        self.account = account
        self.service = service

    def _call(self, what: str, fn: Callable[[Any], Any]) -> Any:
        return secrets.keyring_call(what, "the Google token", fn)

    def load_json(self) -> str | None:
        text = self._call("read", lambda kr: kr.get_password(self.service, self.account))
        return None if text is None else str(text)

    def save(self, credentials: Any) -> None:
        text = credentials.to_json()
        self._call("write", lambda kr: kr.set_password(self.service, self.account, text))

    def load(self) -> Any:
        """The stored credentials; AuthError naming the auth command when there are none."""
        text = self.load_json()
        if not text:
            raise AuthError(f"no Google token stored for {self.account}: run `{AUTH_COMMAND}`")
        try:
            return credentials_from_json(text)
        except ValueError as exc:
            raise AuthError(
                f"the stored Google token for {self.account} is unreadable: "
                f"{rerun_hint(self.account)}"
            ) from exc


def credentials_from_json(text: str) -> Any:
    """``Credentials`` from ``to_json()`` output, keeping what google-auth would drop.

    ``from_authorized_user_info`` always sets Google's token endpoint, and ``with_token_uri``
    copies without ``expiry``: both are put back so a stored ``token_uri`` (a proxy, the test
    fake) is honoured and a still-valid access token is used without a refresh.
    """
    from google.oauth2.credentials import Credentials

    info = json.loads(text)
    if not isinstance(info, dict):
        raise ValueError("not a JSON object")
    loaded = Credentials.from_authorized_user_info(info)  # type: ignore[no-untyped-call]
    creds = loaded.with_token_uri(info["token_uri"]) if info.get("token_uri") else loaded
    creds.expiry = loaded.expiry
    return creds


# ---------------------------------------------------------------------------------------------
# The installed-app flow

NO_BROWSER_PROMPT = """\
Open this URL in a browser on any machine and allow access:

    {url}

Google then redirects the browser to http://localhost:%(port)d/ ; that must reach this
process. On a server without a browser, forward the port from the machine with the browser:

    ssh -L %(port)d:localhost:%(port)d server

then open the URL there. Waiting for the redirect on port %(port)d..."""


def authorize(
    client_secrets: Path,
    account: str,
    scopes: Sequence[str],
    *,
    no_browser: bool = False,
    port: int | None = None,
    store: TokenStore | None = None,
    flow_factory: Any = None,
) -> Any:
    """Run the installed-app flow and store the token; returns the credentials.

    With ``no_browser`` the URL is printed (with the SSH port-forwarding recipe) and a fixed
    port is used so the forward can be set up in advance.
    """
    store = store or TokenStore(account)
    # fail before the user clicks through Google
    check_backend(secrets.keyring_module().get_keyring())
    if not client_secrets.is_file():
        raise AuthError(
            f"client secrets file not found: {client_secrets} (download the OAuth client "
            "of type 'Desktop app' from Google Cloud Console and set [google] client_secrets)"
        )
    if flow_factory is None:
        from google_auth_oauthlib.flow import InstalledAppFlow

        flow_factory = InstalledAppFlow.from_client_secrets_file
    flow = flow_factory(str(client_secrets), scopes=list(scopes))
    port = port if port is not None else (DEFAULT_PORT if no_browser else 0)
    options: dict[str, Any] = {"access_type": "offline", "prompt": "consent", "login_hint": account}
    if no_browser:
        options["authorization_prompt_message"] = NO_BROWSER_PROMPT % {"port": port}
    try:
        creds = flow.run_local_server(port=port, open_browser=not no_browser, **options)
    except OSError as exc:
        raise AuthError(
            f"cannot listen on localhost:{port} for Google's redirect ({exc}); "
            "pass another port or free this one"
        ) from exc
    except Exception as exc:  # oauthlib/requests errors: the flow did not complete
        raise AuthError(f"Google sign-in did not complete: {exc}") from exc
    store.save(creds)
    return creds
