"""Drafts written to a local Maildir, the offline default of ``[drafts] type = "maildir"``.

Each draft is one file in ``cur/`` with the Maildir flag ``D`` (draft), which is how mail
clients reading a Maildir (mutt, neomutt, aerc, Evolution, Dovecot serving it over IMAP)
show a message as a draft; point ``[drafts] path`` at your client's drafts folder (for a
Maildir++ tree, ``~/Maildir/.Drafts``) to see them among your own drafts. Nothing is ever
sent: this adapter only writes, lists and removes files.

Writes go through ``mailbox.Maildir``, which writes to ``tmp/`` and then links or renames
into place, so a crash never leaves half a draft where a client can see it.
"""

from __future__ import annotations

import hashlib
import mailbox
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from pathlib import Path
from typing import BinaryIO

from integrations.base import AdapterError, DraftSpec, DraftStore, ExistingDraft
from integrations.mail_message import (
    KEY_HEADER,
    message_fingerprint,
    message_places,
    render_message,
)

HEADER_LIMIT = 256 * 1024  # a header block larger than this is not one of ours
_SUBDIRS = ("tmp", "new", "cur")


def _now() -> datetime:
    return datetime.now(UTC)


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


class MaildirDrafts(DraftStore):
    """A DraftStore over the Maildir at ``path`` (created, with cur/new/tmp, on first use).

    ``clock`` gives the Date of drafts whose ``create`` call names none; the real clock is
    only the fallback, so a replayed run (``--now``) can pass its own.
    """

    def __init__(self, path: Path, clock: Callable[[], datetime] | None = None) -> None:
        self.path = Path(path)
        self._clock = clock or _now

    # ----------------------------------------------------------------- helpers

    def _box(self) -> mailbox.Maildir:
        """Open the Maildir for writing, creating it (and any missing cur/new/tmp) private
        to the user. Only ``create`` calls this: reading never creates anything, so a dry
        run leaves no folder behind."""
        try:
            for sub in _SUBDIRS:
                (self.path / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
            return mailbox.Maildir(self.path, factory=None, create=False)
        except OSError as exc:
            raise AdapterError(f"drafts folder {self.path} cannot be created: {_why(exc)}") from exc

    def _check_folder(self) -> bool:
        """True when the Maildir exists; False when it does not yet (nothing of ours there);
        AdapterError when the path is something else, such as a file."""
        if not self.path.exists() and not self.path.is_symlink():
            return False
        if not self.path.is_dir():
            raise AdapterError(f"drafts folder {self.path} is not a folder")
        return True

    def _entries(self) -> Iterator[tuple[str, str, Path]]:
        """(maildir key, flags, file) for each message in new/ and cur/, wherever the user
        or a client moved it; the key is the file name up to the ``:2,`` info part."""
        colon = mailbox.Maildir.colon
        for sub in ("new", "cur"):
            try:
                names = sorted(os.listdir(self.path / sub))
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise AdapterError(
                    f"drafts folder {self.path} cannot be read: {_why(exc)}"
                ) from exc
            for name in names:
                if name.startswith("."):
                    continue
                key, _, info = name.partition(colon)
                flags = info[2:] if info.startswith("2,") else ""
                yield key, flags, self.path / sub / name

    @staticmethod
    def _our_key(file: Path) -> str | None:
        """Our key header, read from the header block only (cheap: no body is read)."""
        try:
            with file.open("rb") as fh:
                head = _read_header_block(fh)
        except OSError:
            return None  # vanished or unreadable: not something we can manage
        value = BytesHeaderParser(policy=policy.default).parsebytes(head).get(KEY_HEADER)
        key = str(value).strip() if value is not None else ""
        return key or None

    # ----------------------------------------------------------------- protocol

    def snapshot(self) -> dict[str, ExistingDraft]:
        """Every draft of ours, keyed by its ``X-Interview-Followup-Key`` header.

        A draft moved between new/ and cur/ or whose flags changed is still found (same
        Maildir key); one flagged ``T`` (trashed by a client, awaiting expunge) counts as
        deleted. If the user duplicated a draft, the first file by name wins.
        """
        found: dict[str, ExistingDraft] = {}
        if not self._check_folder():
            return found
        for ref, flags, file in self._entries():
            if "T" in flags:
                continue
            key = self._our_key(file)
            if key is None or key in found:
                continue
            try:
                raw = file.read_bytes()
            except OSError:
                continue
            found[key] = ExistingDraft(
                key=key,
                ref=ref,
                fingerprint=message_fingerprint(raw),
                open_places=message_places(raw),
            )
        return found

    def create(self, spec: DraftSpec, date: datetime | None = None) -> ExistingDraft:
        """Write the draft into cur/ with flag D, atomically; never sends anything."""
        try:
            raw = render_message(spec, date or self._clock())
        except ValueError as exc:
            raise AdapterError(f"draft for {spec.to.email!r} not written: {exc}") from exc
        raw = raw.replace(b"\r\n", b"\n")  # Maildir files use the local line ending
        message = mailbox.MaildirMessage(_parse(raw))
        message.set_subdir("cur")
        message.set_flags("D")
        box = self._box()
        try:
            ref = box.add(message)
            _sync(self.path / "cur", ref + box.colon + message.get_info())
        except OSError as exc:
            raise AdapterError(f"drafts folder {self.path} cannot be written: {_why(exc)}") from exc
        return ExistingDraft(
            key=spec.key,
            ref=ref,
            fingerprint=message_fingerprint(raw),
            open_places=message_places(raw),
        )

    def delete(self, ref: str) -> None:
        """Remove the draft ``ref`` (a Maildir key); one already gone is not an error."""
        if not self._check_folder():
            return
        try:
            mailbox.Maildir(self.path, factory=None, create=False).remove(ref)
        except (KeyError, FileNotFoundError):
            return
        except OSError as exc:
            raise AdapterError(
                f"draft {ref} in {self.path} cannot be removed: {_why(exc)}"
            ) from exc

    def fingerprint(self) -> str | None:
        """A cheap identity of the folder (names, sizes, mtimes): equal means unchanged."""
        digest = hashlib.sha256()
        try:
            for _, _, file in self._entries():
                st = file.stat()
                digest.update(
                    f"{file.parent.name}/{file.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode()
                )
        except (AdapterError, OSError):
            return None
        return digest.hexdigest()[:32]


def _sync(folder: Path, name: str) -> None:
    """fsync the new draft and its folder (``mailbox`` does neither): the state store
    records the draft as made right after this, so it must survive a power cut too."""
    for path, flags in ((folder / name, os.O_RDONLY), (folder, os.O_RDONLY | os.O_DIRECTORY)):
        fd = os.open(path, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _parse(raw: bytes) -> EmailMessage:
    """Parse so that re-serialising writes the rendered headers back exactly as they are."""
    msg = BytesParser(policy=policy.default.clone(refold_source="none")).parsebytes(raw)
    assert isinstance(msg, EmailMessage)
    return msg


def _read_header_block(fh: BinaryIO) -> bytes:
    """Lines up to the first empty one, bounded so a huge file costs no more than that."""
    lines: list[bytes] = []
    size = 0
    while size < HEADER_LIMIT:
        line = fh.readline(HEADER_LIMIT)
        if not line or line in (b"\n", b"\r\n"):
            break
        lines.append(line)
        size += len(line)
    return b"".join(lines)
