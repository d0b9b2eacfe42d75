"""The IMAP drafts and replies adapters against a real Dovecot (tests/dovecot.py).

What a mail client would see is checked with a second, independent IMAP connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from daemon.model import Person
from integrations.base import (
    AdapterError,
    AuthError,
    DraftSpec,
    ReplyQuery,
    TransientError,
    first_replies,
)
from integrations.imap.drafts import ImapDrafts
from integrations.imap.replies import ImapReplies
from integrations.imap.session import ImapSession, ImapSettings
from integrations.mail_message import message_fingerprint, render_message
from tests.dovecot import Dovecot, require_dovecot
from tests.fakes.tcp_proxy import TcpProxy

NOW = datetime(2026, 12, 1, 21, 0, tzinfo=UTC)
ALEX = Person("Alex Candidate", "alex@example.com")


def spec(key: str = "k1", to: str = "jane@acme.com", body: str = "Thank you, [[...]]") -> DraftSpec:
    return DraftSpec(key=key, sender=ALEX, to=Person("Jane Doe", to), subject="Thanks", body=body)


def session(server: Dovecot, port: int | None = None, timeout: float = 30) -> ImapSession:
    settings = ImapSettings(
        host="127.0.0.1",
        port=port or server.port,
        security="none",
        username=server.user,
        timeout=timeout,
    )
    return ImapSession(settings, password=lambda: server.password)


@pytest.fixture
def admin(dovecot: Dovecot) -> Iterator[Any]:
    """The mailbox as a mail client sees it (its own connection)."""
    client = dovecot.client()
    yield client
    client.logout()


def messages(admin: Any, folder: str = "Drafts") -> dict[int, dict[bytes, Any]]:
    admin.select_folder(folder)
    return dict(admin.fetch(admin.search(["NOT", "DELETED"]), ["FLAGS", "BODY.PEEK[]"]))


# -- drafts ------------------------------------------------------------------------------------


def test_create_appends_one_flagged_draft_found_again_by_its_key(
    dovecot: Dovecot, admin: Any
) -> None:
    drafts = ImapDrafts(session(dovecot), clock=lambda: NOW)
    made = drafts.create(spec())
    [(uid, msg)] = messages(admin).items()
    assert b"\\Draft" in msg[b"FLAGS"]
    assert msg[b"BODY[]"] == render_message(spec(), NOW)  # byte for byte, CRLF included
    assert made.ref.endswith(f"/{uid}")
    assert made.fingerprint == message_fingerprint(msg[b"BODY[]"])
    fresh = ImapDrafts(session(dovecot))  # another process: nothing cached
    assert fresh.snapshot() == {"k1": made}


def test_the_folder_flagged_drafts_is_used_whatever_its_name() -> None:
    server = Dovecot(require_dovecot(), drafts="Brouillons").start()  # a French mailbox
    try:
        admin = server.client()
        admin.create_folder("Drafts")  # a plain "Drafts" too, without the flag
        drafts = ImapDrafts(session(server), clock=lambda: NOW)
        drafts.create(spec())
        assert drafts.folder() == "Brouillons"
        assert len(messages(admin, "Brouillons")) == 1
        assert messages(admin, "Drafts") == {}
        admin.logout()
    finally:
        server.cleanup()


def test_a_configured_folder_wins_and_is_made_when_missing(dovecot: Dovecot, admin: Any) -> None:
    drafts = ImapDrafts(session(dovecot), folder="Job/Follow-ups", clock=lambda: NOW)
    assert drafts.snapshot() == {}
    assert not admin.folder_exists("Job/Follow-ups")  # reading creates nothing
    made = drafts.create(spec())
    assert list(drafts.snapshot()) == ["k1"] and made.key == "k1"
    assert len(messages(admin, "Job/Follow-ups")) == 1
    assert messages(admin) == {}


def test_snapshot_ignores_the_users_own_drafts_and_sees_edits(dovecot: Dovecot, admin: Any) -> None:
    drafts = ImapDrafts(session(dovecot), clock=lambda: NOW)
    mine = b"From: alex@example.com\r\nSubject: mine\r\n\r\nmy own\r\n"
    admin.append("Drafts", mine, ["\\Draft"])
    made = drafts.create(spec())
    assert set(drafts.snapshot()) == {"k1"}
    # A client saves an edit: a new message (new UID), the old one expunged.
    [(uid, msg)] = [(u, m) for u, m in messages(admin).items() if b"Followup-Key" in m[b"BODY[]"]]
    admin.append("Drafts", msg[b"BODY[]"].replace(b"Thank you", b"Many thanks"), ["\\Draft"])
    admin.select_folder("Drafts")
    admin.delete_messages([uid])
    admin.expunge()
    edited = drafts.snapshot()["k1"]
    assert edited.ref != made.ref and edited.fingerprint != made.fingerprint


def test_delete_removes_only_that_draft_and_tolerates_a_gone_one(
    dovecot: Dovecot, admin: Any
) -> None:
    drafts = ImapDrafts(session(dovecot), clock=lambda: NOW)
    one = drafts.create(spec("k1"))
    drafts.create(spec("k2", to="sam@acme.com"))
    admin.select_folder("Drafts")
    admin.add_flags(admin.search(), ["\\Flagged"])  # the user's flags stay as they are
    drafts.delete(one.ref)
    drafts.delete(one.ref)  # already gone: fine
    assert set(drafts.snapshot()) == {"k2"}
    assert len(messages(admin)) == 1


def test_identical_copies_of_a_key_are_reduced_to_one(dovecot: Dovecot, admin: Any) -> None:
    raw = render_message(spec(), NOW)
    for _ in range(3):
        admin.append("Drafts", raw, ["\\Draft"])
    admin.append("Drafts", raw.replace(b"Thank you", b"Edited"), ["\\Draft"])  # not a copy
    found = ImapDrafts(session(dovecot)).snapshot()
    assert list(found) == ["k1"] and found["k1"].fingerprint == message_fingerprint(raw)
    assert len(messages(admin)) == 2  # the oldest copy and the different one


def test_uidvalidity_change_means_a_full_reread(dovecot: Dovecot, admin: Any) -> None:
    drafts = ImapDrafts(session(dovecot), clock=lambda: NOW)
    made = drafts.create(spec())
    raw = messages(admin)[int(made.ref.split("/")[1])][b"BODY[]"]
    admin.unselect_folder()
    admin.delete_folder("Drafts")  # e.g. the server's storage was rebuilt
    admin.create_folder("Drafts")
    admin.append("Drafts", b"From: x@y.z\r\nSubject: other\r\n\r\nnot ours\r\n", ["\\Draft"])
    admin.append("Drafts", raw, ["\\Draft"])
    again = drafts.snapshot()["k1"]
    assert again.fingerprint == made.fingerprint and again.ref != made.ref
    drafts.delete(made.ref)  # a ref of the old UIDVALIDITY touches nothing
    assert len(messages(admin)) == 2


def test_fingerprint_changes_with_the_folder_and_only_then(dovecot: Dovecot, admin: Any) -> None:
    drafts = ImapDrafts(session(dovecot), clock=lambda: NOW)
    first = drafts.fingerprint()
    assert drafts.fingerprint() == first
    drafts.create(spec())
    second = drafts.fingerprint()
    assert second != first and drafts.fingerprint() == second
    admin.append("Drafts", b"Subject: mine\r\n\r\nx\r\n", ["\\Draft"])
    assert drafts.fingerprint() != second


def test_one_login_serves_many_calls_and_idle_reads_write_nothing(dovecot: Dovecot) -> None:
    with TcpProxy(dovecot.port) as proxy:
        shared = session(dovecot, port=proxy.port)
        drafts = ImapDrafts(shared, clock=lambda: NOW)
        drafts.create(spec())
        proxy.reset()
        for _ in range(3):
            drafts.fingerprint()
            drafts.snapshot()
        ImapReplies(shared).find([query()])
        assert shared.logins == 1 and proxy.stats.connections == 0
        assert proxy.stats.count("APPEND") == proxy.stats.count("STORE") == 0
        assert proxy.stats.count("FETCH") == 0  # nothing new: everything was cached


def test_a_dead_connection_is_replaced_once(dovecot: Dovecot) -> None:
    shared = session(dovecot)
    drafts = ImapDrafts(shared, clock=lambda: NOW)
    drafts.create(spec())
    shared.client().shutdown()  # the server logged us out while we slept
    assert list(drafts.snapshot()) == ["k1"]
    assert shared.logins == 2


def test_an_append_whose_answer_was_lost_is_adopted_not_repeated(dovecot: Dovecot) -> None:
    with TcpProxy(dovecot.port) as proxy:
        drafts = ImapDrafts(session(dovecot, port=proxy.port), clock=lambda: NOW)
        drafts.folder()
        proxy.inject(1.0, ("drop_after",))
        proxy.only = "APPEND"  # the server saves the draft; its answer never arrives
        made = drafts.create(spec())
        assert proxy.stats.faults == ["drop_after"]
        assert proxy.stats.count("APPEND") == 1
        assert ImapDrafts(session(dovecot)).snapshot() == {"k1": made}


# -- credentials -------------------------------------------------------------------------------


def test_a_refused_password_is_an_auth_error_naming_the_fix_not_the_password(
    dovecot: Dovecot,
) -> None:
    settings = ImapSettings(host="127.0.0.1", port=dovecot.port, security="none",
                            username=dovecot.user)
    wrong = "wrong-secret-42"
    with pytest.raises(AuthError) as caught:
        ImapSession(settings, password=lambda: wrong).client()
    message = str(caught.value)
    assert "auth imap" in message and wrong not in message


def test_an_unreachable_server_is_transient(dovecot: Dovecot) -> None:
    port = dovecot.port
    dovecot.stop()
    with pytest.raises(TransientError, match=f"127.0.0.1:{port}"):
        ImapDrafts(session(dovecot)).snapshot()


def test_cleartext_to_a_remote_host_is_refused_before_connecting() -> None:
    settings = ImapSettings(host="imap.example.com", port=143, security="none", username="a")
    with pytest.raises(AdapterError, match="not loopback"):
        ImapSession(settings, password=lambda: "x").client()


# -- replies -----------------------------------------------------------------------------------


def query(after: datetime = NOW) -> ReplyQuery:
    return ReplyQuery(
        interview_id="ics:cal/acme",
        after=after,
        senders=("sam@acme.com", "jane@acme.com", "pat@gmail.com"),
        domains=("acme.com",),
        user_email="alex@example.com",
    )


def deliver(server: Dovecot, sender: str, when: datetime, subject: str = "Re: interview") -> None:
    mid = "-".join(subject.lower().split())
    raw = (
        f"From: {sender}\r\nTo: alex@example.com\r\nSubject: {subject}\r\n"
        f"Message-ID: <m-{mid}@acme.example>\r\n\r\nHello\r\n"
    )
    server.deliver(raw.encode(), when)


def test_replies_compare_times_on_the_client_and_exclude_the_user(
    dovecot: Dovecot, admin: Any
) -> None:
    watcher = ImapReplies(session(dovecot))
    deliver(dovecot, "Sam <sam@acme.com>", NOW - timedelta(hours=2))  # same day, before the end
    deliver(dovecot, "alex@example.com", NOW + timedelta(hours=1))  # the user's own
    deliver(dovecot, "x@notacme.com", NOW + timedelta(hours=1))  # FROM matches, domain not
    assert watcher.find([query()]) == []
    reply_at = NOW + timedelta(hours=3)
    deliver(dovecot, "HR <hr@jobs.acme.com>", reply_at, "Next steps")  # a company subdomain
    deliver(dovecot, "pat@gmail.com", NOW + timedelta(days=1))  # later than the first
    found = watcher.find([query()])
    assert first_replies(found) == {"ics:cal/acme": reply_at}
    first = found[0]
    assert (first.sender.email, first.sender.name, first.subject) == (
        "hr@jobs.acme.com", "HR", "Next steps"
    )
    assert first.message_id == "<m-next-steps@acme.example>"
    assert watcher.find([query()]) == found  # the same refs every cycle
    raw = watcher.fetch(first.ref)
    assert raw is not None and b"Hello" in raw
    admin.select_folder("INBOX")
    assert b"\\Seen" not in admin.get_flags([int(first.ref.rsplit("/", 1)[1])]).popitem()[1]
    admin.delete_messages([int(first.ref.rsplit("/", 1)[1])])
    admin.expunge()
    assert watcher.fetch(first.ref) is None


def test_replies_search_many_interviews_at_once(dovecot: Dovecot, admin: Any) -> None:
    queries = [
        ReplyQuery(f"ics:cal/{i}", NOW, (f"p{i}@c{i}.example",), (), "alex@example.com")
        for i in range(150)  # more terms than one SEARCH carries
    ]
    deliver(dovecot, "p149@c149.example", NOW + timedelta(minutes=5))
    deliver(dovecot, "p0@c0.example", NOW + timedelta(minutes=6))
    found = first_replies(ImapReplies(session(dovecot)).find(queries))
    assert found == {
        "ics:cal/149": NOW + timedelta(minutes=5),
        "ics:cal/0": NOW + timedelta(minutes=6),
    }


def test_a_reply_in_another_time_zone_is_compared_by_instant(dovecot: Dovecot, admin: Any) -> None:
    tokyo = datetime(2026, 12, 2, 6, 30, tzinfo=ZoneInfo("Asia/Tokyo"))  # 21:30 UTC, Dec 1
    deliver(dovecot, "sam@acme.com", tokyo)
    found = ImapReplies(session(dovecot)).find([query()])
    assert first_replies(found) == {"ics:cal/acme": tokyo}
