"""Reply detection in the IMAP inbox (ReplyWatcher, ``[imap] reply_detection``).

One UID SEARCH per cycle for every awaited interview at once: FROM any interviewer, contact
or company domain, SINCE the earliest interview's day, NOT FROM the user. IMAP's FROM is a
substring match and SINCE a date without a time, so the search only narrows: sender, domain
and arrival time (INTERNALDATE, the server's, in its own offset) are compared by
``reply_match``. What a UID told us (headers only) is cached while the inbox's UIDVALIDITY
holds: messages never change. A found message's ref is ``folder/UIDVALIDITY/UID``.
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy
from email.parser import BytesHeaderParser
from typing import Any

from daemon.model import Person
from daemon.ports import FoundReply, ReplyQuery
from integrations.imap.session import ImapSession
from integrations.reply_match import answers, aware, search_terms

INBOX = "INBOX"
TERMS_PER_SEARCH = 60  # FROM terms per SEARCH: short command lines for strict servers
_HEADERS = "BODY.PEEK[HEADER.FIELDS (FROM SUBJECT MESSAGE-ID REFERENCES)]"


@dataclass(frozen=True)
class _Headers:
    """What reply detection knows of one inbox message: headers only, never the body."""

    sender: Person
    received: datetime  # aware
    subject: str
    message_id: str | None
    references: str | None


def criteria(terms: list[str], since: datetime, users: list[str]) -> list[Any]:
    """``OR OR FROM a FROM b FROM c SINCE d NOT FROM u``: IMAP's OR takes two keys, so
    n terms need n-1 ORs in front. SINCE starts a day early: it compares dates in the
    server's time zone, which need not be ours."""
    out: list[Any] = ["OR"] * (len(terms) - 1)
    for term in terms:
        out += ["FROM", term]
    out += ["SINCE", (since - timedelta(days=1)).date()]
    for user in users:
        out += ["NOT", "FROM", user]
    return out


class ImapReplies:
    """ReplyWatcher over the inbox of ``session``'s mailbox."""

    def __init__(self, session: ImapSession, folder: str = INBOX) -> None:
        self.session = session
        self.folder = folder
        self._validity: int | None = None
        self._seen: dict[int, _Headers | None] = {}

    def find(self, queries: list[ReplyQuery]) -> list[FoundReply]:
        """Every inbox message answering one of ``queries``, oldest first."""
        senders, domains = search_terms(queries)
        terms = senders + domains
        if not terms:
            return []
        since = min(aware(q.after) for q in queries)
        users = sorted({q.user_email.lower() for q in queries if q.user_email})
        uids = self.session.call(
            "searching the inbox for replies", lambda c: self._search(c, terms, since, users)
        )
        out: list[FoundReply] = []
        for uid in uids:
            heads = self._seen.get(uid)
            if heads is None:
                continue
            ids = tuple(
                q.interview_id for q in queries if answers(q, heads.sender.email, heads.received)
            )
            if ids:
                out.append(
                    FoundReply(
                        ref=f"{self.folder}/{self._validity}/{uid}",
                        interview_ids=ids,
                        sender=heads.sender,
                        received=heads.received,
                        subject=heads.subject,
                        message_id=heads.message_id,
                        references=heads.references,
                    )
                )
        return sorted(out, key=lambda r: (r.received, r.ref))

    def fetch(self, ref: str) -> bytes | None:
        """The whole message (BODY.PEEK: it stays unread), or None when it is gone or the
        inbox's UIDVALIDITY changed since it was found."""
        folder, validity, uid = _parse_ref(ref)
        if uid is None:
            return None

        def read(client: Any) -> bytes | None:
            info = client.select_folder(folder, readonly=True)
            if int(info.get(b"UIDVALIDITY", 0)) != validity:
                return None
            raw = client.fetch([uid], ["BODY.PEEK[]"]).get(uid, {}).get(b"BODY[]")
            return raw if isinstance(raw, bytes) else None

        return self.session.call("reading a reply", read)

    def _search(
        self, client: Any, terms: list[str], since: datetime, users: list[str]
    ) -> list[int]:
        info = client.select_folder(self.folder, readonly=True)
        validity = int(info.get(b"UIDVALIDITY", 0))
        if validity != self._validity:
            self._validity, self._seen = validity, {}
        uids: set[int] = set()
        for i in range(0, len(terms), TERMS_PER_SEARCH):
            group = terms[i : i + TERMS_PER_SEARCH]
            uids.update(int(u) for u in client.search(criteria(group, since, users)))
        self._learn(client, sorted(u for u in uids if u not in self._seen))
        return sorted(uids)

    def _learn(self, client: Any, uids: list[int]) -> None:
        if not uids:
            return
        answers_ = client.fetch(uids, ["INTERNALDATE", _HEADERS])
        for uid in uids:
            answer = answers_.get(uid)
            self._seen[uid] = None if answer is None else _headers(answer)


def _parse_ref(ref: str) -> tuple[str, int, int | None]:
    folder, _, rest = ref.rpartition("/")
    folder, _, validity = folder.rpartition("/")
    if not (validity.isdigit() and rest.isdigit() and folder):
        return folder, 0, None
    return folder, int(validity), int(rest)


def _headers(answer: dict[bytes, Any]) -> _Headers | None:
    received = answer.get(b"INTERNALDATE")
    if not isinstance(received, datetime):
        return None
    block = next((v for k, v in answer.items() if k.upper().startswith(b"BODY[HEADER")), b"")
    heads = BytesHeaderParser(policy=policy.default).parsebytes(block or b"")
    name, address = email.utils.parseaddr(str(heads.get("From", "")))
    return _Headers(
        sender=Person(name or None, address.lower()),
        received=aware(received),
        subject=" ".join(str(heads.get("Subject", "")).split()),
        message_id=str(heads.get("Message-ID", "")).strip() or None,
        references=" ".join(str(heads.get("References", "")).split()) or None,
    )
