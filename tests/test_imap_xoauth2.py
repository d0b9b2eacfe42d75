"""XOAUTH2 sign-in to IMAP, against a real Dovecot that checks OAuth2 tokens.

Outlook.com and Microsoft 365 refuse passwords over IMAP; the product then signs in with
``[imap] auth = "xoauth2"`` and an access token printed by ``password_command`` (the spec's
"CalDAV and IMAP" section; docs/caldav-imap.md). Here Dovecot's ``oauth2`` passdb validates
each token by POSTing it to an RFC 7662 introspection endpoint: a small HTTP server on
loopback, in this process, that knows one good token and records every token it was asked
about. The account's ordinary password is different from the token, so a login that worked
can only have been an XOAUTH2 one (Dovecot's log names the mechanism too).
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from tests.backend_spaces import run_closing_imap
from tests.conftest import Result, Workspace
from tests.dovecot import Dovecot, require_dovecot
from tests.test_imap_cli import ACME_THANKS, imap_config

GOOD = "ya29.good-access-token-5f1d"  # the shape of a Microsoft or Google access token
EXPIRED = "ya29.expired-access-token-9c2e"


class Introspection:
    """An RFC 7662 token introspection endpoint: ``active`` only for :data:`GOOD`."""

    def __init__(self, user: str) -> None:
        self.user = user
        self.asked: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode())
                token = form.get("token", [""])[0]
                outer.asked.append(token)
                answer = {"active": True, "username": outer.user} if token == GOOD else {
                    "active": False}
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/introspect"

    def __enter__(self) -> Introspection:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(30)


class OAuthWorkspace(Workspace):
    """Drafts over IMAP with XOAUTH2; the token is whatever ``token`` holds."""

    def __init__(self, root: Path, capsys: Any, server: Dovecot) -> None:
        super().__init__(root, capsys)
        self.server = server
        self.token = root / "token"
        self.token.write_text(GOOD)
        self.config.write_text(
            imap_config(server.port, server.user)
            + 'auth = "xoauth2"\n'
            + f'password_command = ["cat", "{self.token}"]\n'
        )

    def run(self, *args: str) -> Result:
        return run_closing_imap(self.config, self.capsys, *args)

    def mailbox(self) -> list[str]:
        """Recipients of the drafts in the mailbox, read with a password login of our own."""
        client: Any = self.server.client()
        try:
            client.select_folder("Drafts", readonly=True)
            found = client.fetch(client.search(), ["BODY.PEEK[]"])
        finally:
            client.logout()
        raws = [a[b"BODY[]"] for a in found.values()]
        return sorted(str(message_from_bytes(r, policy=policy.default)["To"]) for r in raws)


@pytest.fixture
def ows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[OAuthWorkspace]:
    binary = require_dovecot()
    with Introspection("alex@example.com") as endpoint:
        server = Dovecot(binary, introspection_url=endpoint.url).start()
        try:
            space = OAuthWorkspace(tmp_path, capsys, server)
            space.endpoint = endpoint  # type: ignore[attr-defined]
            yield space
        finally:
            server.cleanup()


def _secrets(token: str, user: str) -> list[str]:
    """The token as it could leak: itself, and inside the base64 XOAUTH2 string."""
    sasl = f"user={user}\x01auth=Bearer {token}\x01\x01".encode()
    return [token, base64.b64encode(sasl).decode()]


def test_signs_in_with_xoauth2_and_writes_the_drafts(ows: OAuthWorkspace) -> None:
    res = ows.run("--debug", "sync", "--now", ACME_THANKS)
    assert res.code == 0, res.err
    log = ows.server.log  # before the test's own (password) login to look
    assert "Login: user=<alex@example.com>, method=XOAUTH2" in log
    assert "method=PLAIN" not in log and "method=LOGIN" not in log
    assert ows.endpoint.asked[-1:] == [GOOD]  # type: ignore[attr-defined]
    assert ows.mailbox() == ["Jane Doe <jane@acme.com>", "Raj Patel <raj@acme.com>"]
    for secret in _secrets(GOOD, ows.server.user):
        assert secret not in res.out + res.err  # not even with --debug


def test_a_refused_token_is_exit_4_naming_the_fix_and_never_shown(
    ows: OAuthWorkspace,
) -> None:
    ows.token.write_text(EXPIRED)
    for args in (("sync",), ("--debug", "sync")):
        res = ows.run(*args, "--now", ACME_THANKS)
        assert res.code == 4, res.out + res.err
        assert "--debug" in args or res.err.count("\n") == 1  # one line, naming the fix
        last = res.err.strip().splitlines()[-1]
        assert "refused" in last and "password_command" in last and "access token" in last
        assert "app) password" not in last  # it is a token, not a password, that is wrong
        for secret in _secrets(EXPIRED, ows.server.user):
            assert secret not in res.out + res.err
    assert ows.endpoint.asked == [EXPIRED, EXPIRED]  # type: ignore[attr-defined]
    assert ows.mailbox() == []
    status = ows.run("status", "--now", ACME_THANKS)
    assert EXPIRED not in status.out + status.err
    ows.token.write_text(GOOD)  # a fresh token from the helper: it works again
    assert ows.run("sync", "--now", ACME_THANKS).code == 0
    assert len(ows.mailbox()) == 2
