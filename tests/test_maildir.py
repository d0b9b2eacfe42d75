"""The Maildir draft store against a real temporary Maildir."""

from __future__ import annotations

import mailbox
import os
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from daemon.keys import message_id
from daemon.model import Person
from integrations.base import AdapterError, DraftSpec, DraftStore
from integrations.mail_message import message_fingerprint, render_message
from integrations.maildir import MaildirDrafts

DATE = datetime(2026, 12, 1, 21, 0, tzinfo=UTC)
KEY = "0123456789abcdef0123456789abcdef"
OTHER_KEY = "fedcba9876543210fedcba9876543210"


def spec(
    key: str = KEY, name: str = "Jane Doe", body: str = "Dear Jane,\n\nThanks ✓\n"
) -> DraftSpec:
    return DraftSpec(
        key=key,
        sender=Person("Alex Candidate", "alex@example.com"),
        to=Person(name, "jane@acme.com"),
        subject="Thank you for the Senior Developer interview",
        body=body,
    )


def store(tmp_path: Path) -> MaildirDrafts:
    return MaildirDrafts(tmp_path / "drafts", clock=lambda: DATE)


def files(root: Path, sub: str) -> list[Path]:
    return sorted((root / sub).iterdir())


def parse(raw: bytes) -> EmailMessage:
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(msg, EmailMessage)
    return msg


def test_is_a_draft_store(tmp_path: Path) -> None:
    drafts: DraftStore = store(tmp_path)
    assert drafts.snapshot() == {}
    drafts.create(spec())
    assert {p.name for p in (tmp_path / "drafts").iterdir()} == {"cur", "new", "tmp"}


def test_reading_creates_nothing(tmp_path: Path) -> None:
    """A dry run snapshots and fingerprints the store; it must leave no folder behind."""
    drafts = store(tmp_path)
    assert drafts.snapshot() == {}
    drafts.delete("anything")
    assert drafts.fingerprint() is not None
    assert not (tmp_path / "drafts").exists()


def test_create_writes_a_flagged_draft_into_cur(tmp_path: Path) -> None:
    drafts = store(tmp_path)
    made = drafts.create(spec())
    root = tmp_path / "drafts"
    (file,) = files(root, "cur")
    assert file.name == f"{made.ref}:2,D"
    assert files(root, "new") == [] and files(root, "tmp") == []  # tmp/ then rename
    raw = file.read_bytes()
    assert b"\r\n" not in raw  # local line endings in the file
    assert made.key == KEY
    assert made.fingerprint == message_fingerprint(raw)
    assert raw == render_message(spec(), DATE).replace(b"\r\n", b"\n")


def test_written_file_opens_with_mailbox_and_email_parser(tmp_path: Path) -> None:
    made = store(tmp_path).create(spec(name="Jäne \r\nBcc: evil@x.com"))
    box = mailbox.Maildir(tmp_path / "drafts", factory=None, create=False)
    assert list(box.keys()) == [made.ref]
    message = box[made.ref]
    assert message.get_subdir() == "cur"
    assert message.get_flags() == "D"
    parsed = parse(box.get_bytes(made.ref))
    assert parsed["X-Interview-Followup-Key"] == KEY
    assert parsed["Message-ID"] == message_id(KEY)
    assert len(parsed.get_all("To", [])) == 1 and parsed.get_all("Bcc") is None
    assert parsed["To"].addresses[0].addr_spec == "jane@acme.com"
    assert parsed["Date"].datetime == DATE
    body = parsed.get_content()
    assert isinstance(body, str) and body == "Dear Jane,\n\nThanks ✓\n"


def test_create_date_argument_wins_over_clock(tmp_path: Path) -> None:
    drafts = store(tmp_path)
    other = datetime(2027, 1, 5, 9, 30, tzinfo=UTC)
    made = drafts.create(spec(), date=other)
    raw = (tmp_path / "drafts" / "cur" / f"{made.ref}:2,D").read_bytes()
    assert parse(raw)["Date"].datetime == other


def test_default_clock_is_used_without_one(tmp_path: Path) -> None:
    made = MaildirDrafts(tmp_path / "d").create(spec())
    raw = (tmp_path / "d" / "cur" / f"{made.ref}:2,D").read_bytes()
    assert parse(raw)["Date"].datetime.tzinfo is not None


def test_snapshot_finds_drafts_by_key(tmp_path: Path) -> None:
    drafts = store(tmp_path)
    first = drafts.create(spec())
    second = drafts.create(spec(OTHER_KEY, name="Bob"))
    assert drafts.snapshot() == {KEY: first, OTHER_KEY: second}
    # A fresh instance (after a restart) sees the same.
    assert store(tmp_path).snapshot() == {KEY: first, OTHER_KEY: second}


def test_snapshot_ignores_foreign_messages(tmp_path: Path) -> None:
    drafts = store(tmp_path)
    made = drafts.create(spec())
    box = mailbox.Maildir(tmp_path / "drafts", factory=None)
    box.add(b"From: someone@x.com\nSubject: not ours\n\nhello\n")
    box.add(b"X-Interview-Followup-Key:   \nSubject: empty key\n\nhello\n")
    box.add(b"Subject: huge\n" + b"X-Filler: " + b"a" * 300_000 + b"\n\nbody\n")
    (tmp_path / "drafts" / "cur" / ".hidden").write_bytes(b"X-Interview-Followup-Key: zz\n\n")
    assert drafts.snapshot() == {KEY: made}


def test_key_header_in_body_does_not_count(tmp_path: Path) -> None:
    drafts = store(tmp_path)
    box = mailbox.Maildir(tmp_path / "drafts", factory=None)
    box.add(b"Subject: quoted\n\nX-Interview-Followup-Key: " + KEY.encode() + b"\n")
    assert drafts.snapshot() == {}


def test_draft_moved_to_new_is_still_found(tmp_path: Path) -> None:
    drafts = store(tmp_path)
    made = drafts.create(spec())
    root = tmp_path / "drafts"
    os.rename(root / "cur" / f"{made.ref}:2,D", root / "new" / made.ref)
    assert drafts.snapshot() == {KEY: made}
    drafts.delete(made.ref)
    assert files(root, "new") == [] and drafts.snapshot() == {}


def test_draft_with_changed_flags_is_still_found(tmp_path: Path) -> None:
    drafts = store(tmp_path)
    made = drafts.create(spec())
    root = tmp_path / "drafts"
    os.rename(root / "cur" / f"{made.ref}:2,D", root / "cur" / f"{made.ref}:2,DFS")
    assert drafts.snapshot() == {KEY: made}


def test_trashed_draft_counts_as_deleted(tmp_path: Path) -> None:
    drafts = store(tmp_path)
    made = drafts.create(spec())
    root = tmp_path / "drafts"
    os.rename(root / "cur" / f"{made.ref}:2,D", root / "cur" / f"{made.ref}:2,DT")
    assert drafts.snapshot() == {}


def test_edited_body_changes_fingerprint(tmp_path: Path) -> None:
    drafts = store(tmp_path)
    made = drafts.create(spec())
    file = tmp_path / "drafts" / "cur" / f"{made.ref}:2,D"
    raw = file.read_bytes()
    # A client re-saving with CRLF line endings is not an edit.
    file.write_bytes(raw.replace(b"\n", b"\r\n"))
    assert drafts.snapshot()[KEY].fingerprint == made.fingerprint
    # The user typing into the body is.
    message = parse(raw)
    message.set_content("Dear Jane,\n\nThanks a lot for your time.\n", charset="utf-8")
    file.write_bytes(message.as_bytes())
    after = drafts.snapshot()[KEY]
    assert after.ref == made.ref and after.fingerprint != made.fingerprint


def test_edited_subject_changes_fingerprint(tmp_path: Path) -> None:
    drafts = store(tmp_path)
    made = drafts.create(spec())
    file = tmp_path / "drafts" / "cur" / f"{made.ref}:2,D"
    file.write_bytes(file.read_bytes().replace(b"Senior Developer", b"Lead Developer"))
    assert drafts.snapshot()[KEY].fingerprint != made.fingerprint


def test_delete_is_idempotent(tmp_path: Path) -> None:
    drafts = store(tmp_path)
    made = drafts.create(spec())
    kept = drafts.create(spec(OTHER_KEY))
    drafts.delete(made.ref)
    assert drafts.snapshot() == {OTHER_KEY: kept}
    drafts.delete(made.ref)  # already gone
    drafts.delete("never-existed")
    drafts.delete("../../etc/passwd")
    assert drafts.snapshot() == {OTHER_KEY: kept}


def test_delete_of_file_removed_behind_our_back(tmp_path: Path) -> None:
    drafts = store(tmp_path)
    made = drafts.create(spec())
    drafts.snapshot()
    (tmp_path / "drafts" / "cur" / f"{made.ref}:2,D").unlink()
    drafts.delete(made.ref)
    assert drafts.snapshot() == {}


def test_existing_empty_folder_gets_its_subfolders(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    drafts = store(tmp_path)
    made = drafts.create(spec())
    assert drafts.snapshot() == {KEY: made}


def test_nested_path_is_created(tmp_path: Path) -> None:
    drafts = MaildirDrafts(tmp_path / "a" / "b" / "drafts", clock=lambda: DATE)
    made = drafts.create(spec())
    assert drafts.snapshot() == {KEY: made}


def test_path_under_a_file_raises_adapter_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    drafts = MaildirDrafts(blocker / "drafts", clock=lambda: DATE)
    with pytest.raises(AdapterError) as caught:
        drafts.create(spec())
    message = str(caught.value)
    assert str(blocker / "drafts") in message and "\n" not in message


@pytest.mark.parametrize("operation", ["snapshot", "create", "delete"])
def test_path_that_is_a_file_raises_adapter_error(tmp_path: Path, operation: str) -> None:
    target = tmp_path / "drafts"
    target.write_text("oops", encoding="utf-8")
    drafts = MaildirDrafts(target, clock=lambda: DATE)
    with pytest.raises(AdapterError) as caught:
        if operation == "snapshot":
            drafts.snapshot()
        elif operation == "create":
            drafts.create(spec())
        else:
            drafts.delete("x")
    message = str(caught.value)
    assert str(target) in message and "\n" not in message


def test_read_only_folder_raises_adapter_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # CI runs as root, for whom chmod cannot make a folder unwritable: the refusal the
    # kernel would give is injected at the one call that writes the message.
    import errno
    import mailbox

    drafts = store(tmp_path)
    drafts.snapshot()

    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(mailbox.Maildir, "add", refuse)
    with pytest.raises(AdapterError, match="cannot be written"):
        drafts.create(spec())


def test_unusable_address_raises_adapter_error_and_leaves_nothing(tmp_path: Path) -> None:
    drafts = store(tmp_path)
    to = Person("J", "a@b.c, evil@x.com")
    bad = DraftSpec(KEY, Person("A", "alex@example.com"), to, "s", "b")
    with pytest.raises(AdapterError, match="not written"):
        drafts.create(bad)
    assert drafts.snapshot() == {}
    assert not (tmp_path / "drafts").exists()  # refused before anything was touched
    drafts.create(spec())
    with pytest.raises(AdapterError):
        drafts.create(bad)
    root = tmp_path / "drafts"
    assert len(files(root, "cur")) == 1 and files(root, "tmp") == []


def test_cheap_fingerprint_follows_changes(tmp_path: Path) -> None:
    drafts = store(tmp_path)
    empty = drafts.fingerprint()
    assert empty is not None and empty == drafts.fingerprint()
    made = drafts.create(spec())
    created = drafts.fingerprint()
    assert created != empty
    root = tmp_path / "drafts"
    os.rename(root / "cur" / f"{made.ref}:2,D", root / "cur" / f"{made.ref}:2,DS")
    assert drafts.fingerprint() != created
    drafts.delete(made.ref)
    assert drafts.fingerprint() == empty


def test_never_sends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import smtplib

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a draft store must never open an SMTP connection")

    monkeypatch.setattr(smtplib.SMTP, "__init__", refuse)
    drafts = store(tmp_path)
    drafts.delete(drafts.create(spec()).ref)
