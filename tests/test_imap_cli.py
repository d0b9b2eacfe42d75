"""The product through the CLI with ``[drafts] type = "imap"``, against a real Dovecot.

The source and reminders are the example calendar and an .ics file, as in test_cli.py, so
every difference from the Maildir path is the mailbox's. What a mail client sees is read
with a second, independent IMAP connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from integrations.secrets import SERVICE_NAME
from tests.backend_spaces import IMAP_CONFIG, QUIET, imap_drafts, run_closing_imap
from tests.conftest import BASE_CONFIG, Result, Workspace
from tests.dovecot import Dovecot
from tests.fakes.tcp_proxy import TcpProxy

BEFORE = "2026-11-22T09:00:00-05:00"
ACME_THANKS = "2026-12-01T16:00:00-05:00"  # the Acme thank-you drafts are due
LATER = "2026-12-04T09:30:00-05:00"  # Globex's thank-you too


def imap_config(port: int, user: str, timeout: int = 30) -> str:
    """The example setup with its drafts over IMAP."""
    maildir = '[drafts]\ntype = "maildir"\npath = "drafts"\n'
    head = BASE_CONFIG.replace(maildir, '[drafts]\ntype = "imap"\n')
    return head + IMAP_CONFIG.format(port=port, user=user, timeout=timeout)


class ImapWorkspace(Workspace):
    def __init__(self, root: Path, capsys: Any, server: Dovecot, port: int | None = None):
        super().__init__(root, capsys)
        self.server = server
        self.config.write_text(imap_config(port or server.port, server.user))

    def run(self, *args: str) -> Result:
        return run_closing_imap(self.config, self.capsys, *args)

    def sync(self, now: str) -> Result:
        res = self.run("sync", "--now", now)
        assert res.code == 0, res.err
        return res

    def mailbox(self, folder: str = "Drafts") -> dict[str, bytes]:
        """Key -> raw message of every draft of ours, as a mail client sees the folder;
        fails on a duplicate key."""
        return {key: raw for key, (_, raw) in imap_drafts(self.server, folder).items()}

    def user_edits(self, key: str, old: bytes, new: bytes) -> None:
        """What a mail client does on saving an edited draft: a new message, the old one
        expunged."""
        client: Any = self.server.client()
        client.select_folder("Drafts")
        [uid] = [u for u, a in client.fetch(client.search(), ["BODY.PEEK[]"]).items()
                 if key.encode() in a[b"BODY[]"]]
        raw = client.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"]
        client.append("Drafts", raw.replace(old, new), ["\\Draft"])
        client.delete_messages([uid])
        client.expunge()
        client.logout()

    def user_sends(self, key: str) -> None:
        """Sending moves the draft out of the drafts folder."""
        client: Any = self.server.client()
        client.select_folder("Drafts")
        uids = [u for u, a in client.fetch(client.search(), ["BODY.PEEK[]"]).items()
                if key.encode() in a[b"BODY[]"]]
        client.move(uids, "Sent")
        client.logout()

    def deliver(self, sender: str, when: datetime) -> None:
        raw = f"From: {sender}\r\nTo: alex@example.com\r\nSubject: Re: thanks\r\n\r\nHi\r\n"
        self.server.deliver(raw.encode(), when)


@pytest.fixture
def iws(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], dovecot: Dovecot, memory_keyring: Any
) -> Iterator[ImapWorkspace]:
    memory_keyring.set_password(SERVICE_NAME, f"imap:{dovecot.user}", dovecot.password)
    (tmp_path / "imap").mkdir()
    yield ImapWorkspace(tmp_path / "imap", capsys, dovecot)


def _content(raw: bytes) -> tuple[str, str, str, str]:
    msg = message_from_bytes(raw, policy=policy.default)
    body = msg.get_body(("plain",))
    text = body.get_content() if body is not None else ""
    return (str(msg["To"]), str(msg["Subject"]), str(msg["Message-ID"]), text.replace("\r\n", "\n"))


def test_drafts_are_made_at_their_due_time_flagged_as_drafts(iws: ImapWorkspace) -> None:
    iws.sync(BEFORE)
    iws.sync("2026-12-01T15:59:00-05:00")
    assert iws.mailbox() == {}
    res = iws.sync(ACME_THANKS)
    assert "2 drafts created" in res.out
    client: Any = iws.server.client()
    client.select_folder("Drafts", readonly=True)
    flags = [f for f in client.get_flags(client.search()).values()]
    client.logout()
    assert flags and all(b"\\Draft" in f for f in flags)
    assert len(iws.mailbox()) == 2


def test_edited_and_sent_drafts_are_the_users(iws: ImapWorkspace) -> None:
    iws.sync(BEFORE)
    iws.sync(ACME_THANKS)
    [edited, sent] = sorted(iws.mailbox())
    iws.user_edits(edited, b"[[", b"our talk about [[")
    iws.user_sends(sent)
    res = iws.sync("2026-12-01T17:00:00-05:00")
    assert "0 drafts created" in res.out and "2 changes by you noticed" in res.out
    assert list(iws.mailbox()) == [edited]
    status = iws.run("status", "--json", "--now", "2026-12-01T17:00:00-05:00")
    assert status.code == 0


def test_drafts_appended_but_never_recorded_are_adopted_not_appended_again(
    iws: ImapWorkspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A crash between APPEND and the state store's record: here, a second state store
    that never saw the drafts meets a mailbox that has them."""
    iws.sync(BEFORE)
    iws.sync(ACME_THANKS)
    before = iws.mailbox()
    (tmp_path / "again").mkdir()
    other = ImapWorkspace(tmp_path / "again", capsys, iws.server)
    other.sync(BEFORE)
    res = other.sync(ACME_THANKS)
    assert "0 drafts created" in res.out
    assert other.mailbox() == before


def test_a_reply_in_the_inbox_cancels_the_check_ins(iws: ImapWorkspace) -> None:
    iws.sync(BEFORE)
    end = datetime.fromisoformat("2026-12-01T15:00:00-05:00")
    iws.deliver("Sam <sam@acme.com>", end - timedelta(hours=1))  # before the end: not a reply
    iws.sync("2026-12-02T09:00:00-05:00")
    acme = iws.interview("2026-12-02T09:00:00-05:00", "acme-panel-1@example.com")
    assert acme["status"] == "active"
    iws.deliver("Raj Patel <raj@acme.com>", end + timedelta(days=1))
    iws.sync("2026-12-03T12:00:00-05:00")
    acme = iws.interview("2026-12-03T12:00:00-05:00", "acme-panel-1@example.com")
    assert acme["status"] == "replied"
    assert next(a for a in acme["actions"] if a["type"] == "check_in_1")["state"] == "cancelled"


def test_reply_detection_can_be_turned_off(iws: ImapWorkspace) -> None:
    iws.config.write_text(iws.config.read_text() + "reply_detection = false\n")
    iws.sync(BEFORE)
    iws.deliver("Raj Patel <raj@acme.com>", datetime.fromisoformat("2026-12-02T10:00:00-05:00"))
    iws.sync("2026-12-03T12:00:00-05:00")
    acme = iws.interview("2026-12-03T12:00:00-05:00", "acme-panel-1@example.com")
    assert acme["status"] == "active"


# -- credentials -------------------------------------------------------------------------------


def test_auth_imap_checks_and_stores_the_password(iws: ImapWorkspace, memory_keyring: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    memory_keyring.data.clear()
    monkeypatch.setattr("sys.stdin", io.StringIO("not-the-password\n"))
    res = iws.run("auth", "imap", "--password-stdin")
    assert res.code == 4 and "auth imap" in res.err and "not-the-password" not in res.err
    assert memory_keyring.data == {}  # a refused password is not kept
    monkeypatch.setattr("sys.stdin", io.StringIO(iws.server.password + "\n"))
    res = iws.run("auth", "imap", "--password-stdin")
    assert res.code == 0, res.err
    assert memory_keyring.data == {(SERVICE_NAME, f"imap:{iws.server.user}"): iws.server.password}
    assert iws.server.password not in res.out + res.err
    iws.sync(ACME_THANKS)
    assert len(iws.mailbox()) == 2


def test_a_missing_or_refused_password_is_exit_4_naming_auth_imap(
    iws: ImapWorkspace, memory_keyring: Any
) -> None:
    memory_keyring.data.clear()
    res = iws.run("sync", "--now", ACME_THANKS)
    assert res.code == 4 and "interview-followup auth imap" in res.err
    assert res.err.count("\n") == 1
    memory_keyring.set_password(SERVICE_NAME, f"imap:{iws.server.user}", "wrong-one-77")
    res = iws.run("--debug", "sync", "--now", ACME_THANKS)
    assert res.code == 4 and "auth imap" in res.err
    assert "wrong-one-77" not in res.err + res.out


def test_no_password_in_any_log_line_even_with_debug(iws: ImapWorkspace) -> None:
    res = iws.run("--debug", "sync", "--now", ACME_THANKS)
    assert res.code == 0, res.err
    assert "LOGIN" in res.err or "imap" in res.err.lower()
    assert iws.server.password not in res.err + res.out


def test_password_command_replaces_the_keyring(iws: ImapWorkspace, memory_keyring: Any) -> None:
    memory_keyring.data.clear()
    script = iws.root / "secret.sh"
    script.write_text(f"#!/bin/sh\necho '{iws.server.password}'\n")
    script.chmod(0o700)
    iws.config.write_text(iws.config.read_text() + f'password_command = ["{script}"]\n')
    iws.sync(ACME_THANKS)
    assert len(iws.mailbox()) == 2
    script.write_text("#!/bin/sh\necho oops >&2\nexit 3\n")
    res = iws.run("sync", "--now", LATER)
    assert res.code == 4 and "password_command" in res.err and "exit status 3" in res.err


def test_cleartext_to_a_remote_host_is_a_config_error(iws: ImapWorkspace) -> None:
    iws.config.write_text(iws.config.read_text().replace('"127.0.0.1"', '"imap.example.com"'))
    res = iws.run("sync", "--now", BEFORE)
    assert res.code == 2 and "[imap] security" in res.err and "loopback" in res.err


def test_imap_drafts_need_a_host_and_a_user(iws: ImapWorkspace) -> None:
    iws.config.write_text(iws.config.read_text().replace('host = "127.0.0.1"\n', ""))
    res = iws.run("plan")
    assert res.code == 2 and "[imap] host" in res.err


# -- faults ------------------------------------------------------------------------------------


def test_random_drops_and_stalls_end_with_exact_drafts_nothing_twice(
    iws: ImapWorkspace, tmp_path: Path
) -> None:
    """Connections dropped before a command, dropped after the server did it (its answer
    lost), or stalled until the client gives up, at random: repeated syncs converge on
    exactly the planned drafts, none twice."""
    with TcpProxy(iws.server.port, seed=5) as proxy:
        iws.config.write_text(imap_config(proxy.port, iws.server.user, timeout=1))
        proxy.inject(0.05)
        failures = 0
        for now in (BEFORE, ACME_THANKS, LATER):
            for _ in range(25):
                res = iws.run("sync", "--now", now)
                if res.code == 0 and QUIET in res.out:
                    break
                assert res.code in (0, 1), res.err  # transient: a one-line error, exit 1
                assert "Traceback" not in res.err
                failures += res.code != 0
        faults = list(proxy.stats.faults)
        proxy.inject(0.0)
        final = iws.run("sync", "--now", LATER)
    assert final.code == 0 and QUIET in final.out, final.out + final.err
    assert len(faults) >= 3 and failures >= 1
    to = sorted(str(message_from_bytes(r, policy=policy.default)["To"])
                for r in iws.mailbox().values())
    assert to == [
        "Hank Scorpio <hank@globex.com>",
        "Jane Doe <jane@acme.com>",
        "Mindy Tan <mindy@globex.com>",
        "Peter Gibbons <peter@initech.com>",
        "Raj Patel <raj@acme.com>",
    ]
