"""The contract on the IMAP adapters against a real Dovecot started by the test
(tests/dovecot.py). The user's hands are a second IMAP connection doing what a mail client
does: saving an edited draft as a new message and expunging the old one, deleting, and the
server delivering mail to the inbox."""

from __future__ import annotations

import email
from datetime import datetime
from email import policy
from typing import Any

import pytest

from daemon.ports import DraftStore, ReplyWatcher
from integrations.imap.drafts import ImapDrafts
from integrations.imap.replies import ImapReplies
from integrations.imap.session import ImapSession, ImapSettings
from tests.contract.contracts import CredentialsContract, DraftStoreContract, ReplyWatcherContract
from tests.dovecot import Dovecot


def _session(server: Dovecot, password: str | None = None) -> ImapSession:
    settings = ImapSettings(
        host="127.0.0.1", port=server.port, security="none", username=server.user
    )
    return ImapSession(settings, password=lambda: password or server.password)


class ImapWorld:
    """Adapters as a fresh process makes them (a new session each time), and the user."""

    def __init__(self, server: Dovecot) -> None:
        self.server = server
        self.hands: Any = server.client()

    def store(self) -> DraftStore:
        return ImapDrafts(_session(self.server))

    def _ours(self, key: str) -> tuple[int, bytes]:
        self.hands.select_folder("Drafts")
        for uid, answer in self.hands.fetch(self.hands.search(), ["BODY.PEEK[]"]).items():
            if key.encode() in answer[b"BODY[]"]:
                return uid, answer[b"BODY[]"]
        raise AssertionError(f"no draft {key}")

    def user_edits(self, key: str, body: str) -> None:
        uid, raw = self._ours(key)
        msg = email.message_from_bytes(raw, policy=policy.default)
        msg.set_content(body)
        self.hands.append("Drafts", msg.as_bytes(), ["\\Draft"])
        self.hands.delete_messages([uid])
        self.hands.expunge()

    def user_deletes(self, key: str) -> None:
        uid, _ = self._ours(key)
        self.hands.delete_messages([uid])
        self.hands.expunge()

    def count(self) -> int:
        self.hands.select_folder("Drafts")
        return len(self.hands.search())

    def watcher(self) -> ReplyWatcher:
        return ImapReplies(_session(self.server))

    def deliver(self, sender: str, when: datetime, subject: str = "Re: interview") -> None:
        raw = f"From: {sender}\r\nTo: alex@example.com\r\nSubject: {subject}\r\n\r\nHi\r\n"
        self.server.deliver(raw.encode(), when)


class TestImapDrafts(DraftStoreContract, CredentialsContract):
    @pytest.fixture
    def world(self, dovecot: Dovecot) -> ImapWorld:
        return ImapWorld(dovecot)

    @pytest.fixture
    def refused(self, dovecot: Dovecot) -> Any:
        return ImapDrafts(_session(dovecot, password=self.secret)).snapshot


class TestImapReplies(ReplyWatcherContract, CredentialsContract):
    @pytest.fixture
    def world(self, dovecot: Dovecot) -> ImapWorld:
        return ImapWorld(dovecot)

    @pytest.fixture
    def refused(self, dovecot: Dovecot) -> Any:
        from tests.contract.contracts import query

        watcher = ImapReplies(_session(dovecot, password=self.secret))
        return lambda: watcher.find([query()])
