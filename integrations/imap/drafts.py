"""Drafts in an IMAP drafts folder (DraftStore); nothing is ever sent.

The folder is the one flagged ``\\Drafts`` (RFC 6154: Gmail's ``[Gmail]/Drafts`` or its
localized name, iCloud's, Fastmail's) unless ``[drafts] folder`` names one; without either,
"Drafts" (made on the first write if missing). Drafts are APPENDed with the ``\\Draft`` and
``\\Seen`` flags and found again by FETCHing our ``X-Interview-Followup-Key`` header of every
message in the folder: SEARCH on a custom header is not indexed everywhere, and a header
fetch of a drafts folder is small.

IMAP messages never change: a client that edits a draft APPENDs a new message (new UID) and
expunges the old one, so what we learnt about a UID is cached while UIDVALIDITY holds, and a
snapshot with nothing new costs an EXAMINE and a SEARCH. An edited draft has a new UID and
no longer our exact content: the core sees a different fingerprint (or no key at all) and
leaves it to the user. A changed UIDVALIDITY means a full re-read.

APPEND is not idempotent: after a lost connection we look for the key before appending
again, and identical copies of one key (an APPEND that landed although its answer was lost)
are removed, keeping the one we recorded.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from daemon.ports import AdapterError, DraftSpec, ExistingDraft, TransientError
from integrations.imap.session import ImapSession
from integrations.mail_message import KEY_HEADER, message_fingerprint, render_message

log = logging.getLogger(__name__)

FALLBACK_FOLDER = "Drafts"
FETCH_CHUNK = 500  # UIDs per FETCH: keeps command lines far below servers' limits
_KEY_ITEM = f"BODY.PEEK[HEADER.FIELDS ({KEY_HEADER.upper()})]"
_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]", re.I)


@dataclass
class _Seen:
    key: str | None
    fingerprint: str | None = None


def _ref(validity: int, uid: int) -> str:
    return f"{validity}/{uid}"


def _chunks(items: list[int], size: int = FETCH_CHUNK) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _header_value(block: bytes) -> str | None:
    """Our key from a ``HEADER.FIELDS`` answer (``Name: value`` lines, maybe folded)."""
    text = block.decode("ascii", "replace").replace("\r\n ", " ").replace("\r\n\t", " ")
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip().lower() == KEY_HEADER.lower() and value.strip():
            return value.strip()
    return None


def _body(answer: dict[bytes, Any], prefix: bytes) -> bytes:
    """The item of a FETCH answer whose name starts with ``prefix`` (servers echo
    ``BODY[HEADER.FIELDS (...)]`` in their own spelling)."""
    for name, value in answer.items():
        if name.upper().startswith(prefix) and isinstance(value, bytes):
            return value
    return b""


class ImapDrafts:
    """DraftStore over the drafts folder of ``session``'s mailbox."""

    def __init__(
        self,
        session: ImapSession,
        folder: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.session = session
        self.configured = folder
        self.clock = clock
        self._folder: str | None = folder
        self._validity: int | None = None
        self._seen: dict[int, _Seen] = {}
        self._created: dict[str, int] = {}  # key -> UID this process appended

    # -- the folder ---------------------------------------------------------------------------

    def folder(self) -> str:
        """The configured folder, else the one flagged \\Drafts, else "Drafts"."""
        if self._folder is None:
            self._folder = self.session.call("looking for the drafts folder", _find_drafts)
        return self._folder

    def _examine(self, client: Any) -> dict[bytes, Any] | None:
        """EXAMINE (read-only: no flag changes, no \\Recent reset) the folder; None when it
        does not exist yet. A new UIDVALIDITY forgets every UID we knew."""
        from imapclient.exceptions import IMAPClientError

        try:
            info: dict[bytes, Any] = client.select_folder(self.folder(), readonly=True)
        except IMAPClientError as exc:
            if _missing(client, self.folder(), exc):
                return None
            raise
        validity = int(info.get(b"UIDVALIDITY", 0))
        if validity != self._validity:
            if self._validity is not None:
                log.info("drafts folder %s: UIDVALIDITY changed, reading it again", self.folder())
            self._validity = validity
            self._seen = {}
            self._created = {}
        return info

    def fingerprint(self) -> str | None:
        """UIDVALIDITY, UIDNEXT, message count (and HIGHESTMODSEQ where offered) of the folder:
        any APPEND, expunge or edit changes it. One EXAMINE, no message read."""

        def status(client: Any) -> str:
            info = self._examine(client)
            if info is None:
                return "missing"
            parts = (b"UIDVALIDITY", b"UIDNEXT", b"EXISTS", b"HIGHESTMODSEQ")
            return "/".join(str(info.get(p, "")) for p in parts)

        self.folder()
        return self.session.call("checking the drafts folder", status)

    # -- snapshot -----------------------------------------------------------------------------

    def snapshot(self) -> dict[str, ExistingDraft]:
        self.folder()
        return self.session.call("reading the drafts folder", self._snapshot)

    def _snapshot(self, client: Any) -> dict[str, ExistingDraft]:
        info = self._examine(client)
        if info is None or not int(info.get(b"EXISTS", 0)):
            self._seen = {}
            return {}
        uids = sorted(int(u) for u in client.search(["NOT", "DELETED"]))
        live = set(uids)
        self._seen = {u: s for u, s in self._seen.items() if u in live}
        self._learn_keys(client, [u for u in uids if u not in self._seen])
        ours = [u for u in uids if self._seen[u].key]
        self._learn_fingerprints(client, [u for u in ours if self._seen[u].fingerprint is None])
        return self._found(client, ours)

    def _learn_keys(self, client: Any, uids: list[int]) -> None:
        for chunk in _chunks(uids):
            answers = client.fetch(chunk, [_KEY_ITEM])
            for uid in chunk:
                answer = answers.get(uid)
                key = None if answer is None else _header_value(_body(answer, b"BODY[HEADER"))
                self._seen[uid] = _Seen(key)

    def _learn_fingerprints(self, client: Any, uids: list[int]) -> None:
        for chunk in _chunks(uids, 50):
            answers = client.fetch(chunk, ["BODY.PEEK[]"])
            for uid in chunk:
                raw = _body(answers.get(uid, {}), b"BODY[")
                if raw:
                    self._seen[uid].fingerprint = message_fingerprint(raw)

    def _found(self, client: Any, ours: list[int]) -> dict[str, ExistingDraft]:
        """One draft per key: the UID we appended in this process, else the oldest. Exact
        copies of it (an APPEND repeated after a lost answer) are removed."""
        assert self._validity is not None
        by_key: dict[str, list[int]] = {}
        for uid in ours:
            seen = self._seen[uid]
            if seen.key and seen.fingerprint:
                by_key.setdefault(seen.key, []).append(uid)
        found: dict[str, ExistingDraft] = {}
        extras: list[int] = []
        for key, copies in by_key.items():
            keep = self._created.get(key)
            keep = keep if keep in copies else min(copies)
            fp = self._seen[keep].fingerprint or ""
            found[key] = ExistingDraft(key=key, ref=_ref(self._validity, keep), fingerprint=fp)
            extras += [u for u in copies if u != keep and self._seen[u].fingerprint == fp]
        if extras:
            log.info("removing %d duplicate draft(s) from %s", len(extras), self.folder())
            self._expunge(client, extras)
        return found

    # -- create / delete ----------------------------------------------------------------------

    def create(self, spec: DraftSpec) -> ExistingDraft:
        """APPEND with \\Draft; after a lost connection, look for the key before trying
        again, so a draft whose APPEND landed is adopted, never appended twice."""
        try:
            raw = render_message(spec, self.clock())
        except ValueError as exc:
            raise AdapterError(f"draft for {spec.to.email!r} not written: {exc}") from exc
        fingerprint = message_fingerprint(raw)
        self.folder()
        try:
            uid = self.session.call(
                "saving a draft", lambda c: self._append(c, raw), repeatable=False
            )
        except TransientError:
            landed = self.snapshot().get(spec.key)  # reconnects; may raise TransientError
            if landed is not None:
                return landed
            uid = self.session.call(
                "saving a draft", lambda c: self._append(c, raw), repeatable=False
            )
        if uid is None:  # no UIDPLUS: find it by its key
            landed = self.snapshot().get(spec.key)
            if landed is None:
                raise AdapterError(f"draft {spec.key} was saved but cannot be found again")
            return landed
        assert self._validity is not None
        self._seen[uid] = _Seen(spec.key, fingerprint)
        self._created[spec.key] = uid
        return ExistingDraft(key=spec.key, ref=_ref(self._validity, uid), fingerprint=fingerprint)

    def _append(self, client: Any, raw: bytes) -> int | None:
        """APPEND and the new UID (UIDPLUS's APPENDUID), or None when the server says none."""
        from imapclient.exceptions import IMAPClientError

        flags = ("\\Draft", "\\Seen")
        when = self.clock()
        try:
            answer = client.append(self.folder(), raw, flags, when)
        except IMAPClientError as exc:
            if not _missing(client, self.folder(), exc):
                raise
            client.create_folder(self.folder())
            answer = client.append(self.folder(), raw, flags, when)
        match = _APPENDUID.search(answer if isinstance(answer, bytes) else b"")
        if match is None:
            return None
        validity, uid = int(match.group(1)), int(match.group(2))
        if validity != self._validity:
            self._validity, self._seen, self._created = validity, {}, {}
        return uid

    def delete(self, ref: str) -> None:
        """Remove one draft of ours; one already gone is not an error. A ref from another
        UIDVALIDITY is left alone: its UID may now name someone else's message."""
        validity, _, uid = ref.partition("/")
        if not uid.isdigit() or not validity.isdigit():
            raise AdapterError(f"draft {ref!r} is not an IMAP draft reference")

        def remove(client: Any) -> None:
            if self._examine(client) is None or int(validity) != self._validity:
                return
            self._expunge(client, [int(uid)])

        self.folder()
        self.session.call("removing a draft", remove)
        self._seen.pop(int(uid), None)
        for key, mine in list(self._created.items()):
            if mine == int(uid):
                del self._created[key]

    def _expunge(self, client: Any, uids: list[int]) -> None:
        """Flag \\Deleted and UID EXPUNGE just those (UIDPLUS); without UIDPLUS the flag
        alone (a plain EXPUNGE would also remove what the user marked deleted)."""
        client.select_folder(self.folder())
        client.add_flags(uids, ["\\Deleted"], silent=True)
        if client.has_capability("UIDPLUS"):
            client.expunge(uids)
        for uid in uids:
            self._seen.pop(uid, None)


def _find_drafts(client: Any) -> str:
    from imapclient.imapclient import DRAFTS

    found = client.find_special_folder(DRAFTS)
    return str(found) if found else FALLBACK_FOLDER


def _missing(client: Any, folder: str, exc: Exception) -> bool:
    """Whether a refused SELECT/APPEND means the folder does not exist."""
    text = str(exc).upper()
    if "NONEXISTENT" in text or "TRYCREATE" in text:
        return True
    return not client.folder_exists(folder)
