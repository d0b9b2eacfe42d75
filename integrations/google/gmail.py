"""Gmail: drafts (DraftStore) and reply detection (ReplyWatcher).

Drafts are found again by reading our ``X-Interview-Followup-Key`` header back, not by
Message-ID (Gmail does not document keeping a client-set one) and not by remembering draft
ids (a crash between ``drafts.create`` and recording it would otherwise make a second
draft). httplib2 silently re-sends a POST after a dropped connection, so the same draft can
land twice: identical copies of one key are removed. Messages never change in Gmail (an
edited draft is a new message id), so what was learnt about a message id is cached and a
snapshot with nothing new costs one ``drafts.list``.
"""

from __future__ import annotations

import base64
import email.utils
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from daemon.model import Person
from integrations.base import (
    DraftSpec,
    ExistingDraft,
    FoundReply,
    ReplyQuery,
    TransientError,
)
from integrations.google.client import GoogleClient, status_of
from integrations.mail_message import KEY_HEADER, message_fingerprint, render_message
from integrations.reply_match import answers, aware, search_terms

log = logging.getLogger(__name__)

LIST_PAGE = 500  # Gmail's maximum for drafts.list / messages.list
QUERY_LIMIT = 1500  # characters per search; above it the terms are split into more searches
CREATE_ATTEMPTS = 3


def _client(
    api_root: str | None, account: str, credentials: Any, client: GoogleClient | None
) -> GoogleClient:
    return client or GoogleClient(api_root, account, credentials)


def _headers(message: dict[str, Any]) -> dict[str, str]:
    heads = message.get("payload", {}).get("headers", []) or []
    return {str(h.get("name", "")).lower(): str(h.get("value", "")) for h in heads}


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class _Seen:
    """What one draft message told us (message ids are immutable in Gmail)."""

    key: str | None
    internal_ms: int
    fingerprint: str | None = None


class GmailDrafts:
    """DraftStore in the user's Gmail drafts (never sends)."""

    def __init__(
        self,
        api_root: str | None,
        account: str,
        credentials: Any = None,
        *,
        client: GoogleClient | None = None,
        user_id: str = "me",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.client = _client(api_root, account, credentials, client)
        self.user_id = user_id
        self.clock = clock
        self._seen: dict[str, _Seen] = {}  # message id -> what we learnt
        self._created: dict[str, str] = {}  # key -> draft id this process created

    def fingerprint(self) -> str | None:
        return None

    def _drafts(self) -> Any:
        return self.client.gmail().users().drafts()

    # -- snapshot -----------------------------------------------------------------------------

    def snapshot(self) -> dict[str, ExistingDraft]:
        listed = self._list()
        self._learn([(d, m) for d, m in listed if m not in self._seen], "metadata")
        ours = [(d, m) for d, m in listed if m in self._seen and self._seen[m].key]
        self._learn([(d, m) for d, m in ours if self._seen[m].fingerprint is None], "raw")
        live = {m for _, m in listed}
        self._seen = {m: s for m, s in self._seen.items() if m in live}
        by_key: dict[str, list[tuple[str, str]]] = {}
        for d, m in ours:
            seen = self._seen.get(m)
            if seen and seen.key and seen.fingerprint:
                by_key.setdefault(seen.key, []).append((d, m))
        found: dict[str, ExistingDraft] = {}
        extras: list[str] = []
        for key, copies in by_key.items():
            keep = self._keeper(key, copies)
            fp = self._seen[keep[1]].fingerprint or ""
            found[key] = ExistingDraft(key=key, ref=keep[0], fingerprint=fp)
            extras += [d for d, m in copies if (d, m) != keep and self._seen[m].fingerprint == fp]
        if extras:
            log.info("removing %d duplicate Gmail draft(s)", len(extras))
            self._delete_many(extras)
        return found

    def _list(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        page: str | None = None
        while True:
            params: dict[str, Any] = {"userId": self.user_id, "maxResults": LIST_PAGE}
            if page:
                params["pageToken"] = page
            data = self.client.execute(
                self._drafts().list(**params), what="listing Gmail drafts", idempotent=True
            )
            out += [(d["id"], d["message"]["id"]) for d in data.get("drafts", []) or []]
            page = data.get("nextPageToken")
            if not page:
                return out

    def _learn(self, drafts: list[tuple[str, str]], fmt: str) -> None:
        """``metadata``: which drafts are ours (our header); ``raw``: their fingerprints."""
        if not drafts:
            return
        calls = {d: self._drafts().get(userId=self.user_id, id=d, format=fmt) for d, _ in drafts}
        answers = self.client.batch("gmail", calls, what="reading Gmail drafts")
        for d, m in drafts:
            answer = answers.get(d)
            if status_of(answer) == 404 or answer is None:
                continue  # deleted since the listing
            if status_of(answer):
                raise self.client.failure(answer, "reading Gmail drafts")
            message = answer.get("message", {})
            if message.get("id") != m:
                continue  # edited since the listing: the next snapshot sees the new message
            if fmt == "metadata":
                key = _headers(message).get(KEY_HEADER.lower()) or None
                self._seen[m] = _Seen(key, int(message.get("internalDate") or 0))
            elif m in self._seen:
                self._seen[m].fingerprint = message_fingerprint(_b64decode(message["raw"]))

    def _keeper(self, key: str, copies: list[tuple[str, str]]) -> tuple[str, str]:
        """The copy we created in this process (its id was returned and recorded), else the
        oldest."""
        mine = self._created.get(key)
        for copy in copies:
            if copy[0] == mine:
                return copy
        return min(copies, key=lambda c: (self._seen[c[1]].internal_ms, c[0]))

    def _delete_many(self, draft_ids: list[str]) -> None:
        calls = {d: self._drafts().delete(userId=self.user_id, id=d) for d in draft_ids}
        answers = self.client.batch("gmail", calls, what="removing duplicate Gmail drafts")
        for answer in answers.values():
            if status_of(answer) not in (0, 404):
                raise self.client.failure(answer, "removing duplicate Gmail drafts")

    # -- create / delete ----------------------------------------------------------------------

    def create(self, spec: DraftSpec) -> ExistingDraft:
        """drafts.create with JSON ``message.raw`` (media uploads ignore ``api_root``). It is
        not idempotent, so after a failure we look for the draft before sending it again."""
        raw = render_message(spec, self.clock())
        fingerprint = message_fingerprint(raw)
        message: dict[str, Any] = {"raw": base64.urlsafe_b64encode(raw).decode("ascii")}
        if spec.thread_id:
            message["threadId"] = spec.thread_id  # an answer in their conversation
        body = {"message": message}
        for attempt in range(CREATE_ATTEMPTS):
            try:
                created = self.client.execute(
                    self._drafts().create(userId=self.user_id, body=body),
                    what="creating a Gmail draft",
                    idempotent=False,
                )
                break
            except TransientError:
                landed = self.snapshot().get(spec.key)
                if landed is not None:
                    return landed
                if attempt + 1 == CREATE_ATTEMPTS:
                    raise
                self.client.pause(attempt)
        draft_id, message_id = created["id"], created["message"]["id"]
        self._seen[message_id] = _Seen(spec.key, int(self.clock().timestamp() * 1000), fingerprint)
        self._created[spec.key] = draft_id
        return ExistingDraft(key=spec.key, ref=draft_id, fingerprint=fingerprint)

    def delete(self, ref: str) -> None:
        self.client.execute(
            self._drafts().delete(userId=self.user_id, id=ref),
            what="deleting a Gmail draft",
            idempotent=True,
            tolerate=frozenset({404}),
        )
        for key, draft_id in list(self._created.items()):
            if draft_id == ref:
                del self._created[key]


# ---------------------------------------------------------------------------------------------
# Replies


def build_queries(queries: list[ReplyQuery]) -> list[str]:
    """One Gmail search covering every query: (from any sender or domain) after the earliest
    end, not from the user. Split only if it would grow past ``QUERY_LIMIT`` characters."""
    senders, domains = search_terms(queries)
    terms = [f"from:{s}" for s in senders] + [f"from:{d}" for d in domains]
    if not terms:
        return []
    after = int(min(aware(q.after) for q in queries).timestamp())
    users = sorted({q.user_email.lower() for q in queries if q.user_email})
    tail = f" after:{after}" + "".join(f" -from:{u}" for u in users)
    out: list[str] = []
    group: list[str] = []
    for term in terms:
        if group and len(" OR ".join([*group, term])) + len(tail) + 2 > QUERY_LIMIT:
            out.append(f"({' OR '.join(group)}){tail}")
            group = []
        group.append(term)
    out.append(f"({' OR '.join(group)}){tail}")
    return out


_FOUND_HEADERS = ["From", "Subject", "Message-ID", "References"]


@dataclass(frozen=True)
class _Meta:
    """What ``format=metadata`` told us about one message (Gmail messages never change)."""

    sender: Person
    internal_ms: int
    subject: str
    message_id: str | None
    references: str | None
    thread_id: str | None


class GmailReplies:
    """ReplyWatcher: one ``messages.list`` search per cycle for every interview at once;
    headers (``format=metadata``) for new matches; the body (``format=raw``) only when the
    core asks for it."""

    def __init__(
        self,
        api_root: str | None,
        account: str,
        credentials: Any = None,
        *,
        client: GoogleClient | None = None,
        user_id: str = "me",
    ) -> None:
        self.client = _client(api_root, account, credentials, client)
        self.user_id = user_id
        self._seen: dict[str, _Meta] = {}  # message id -> its headers

    def find(self, queries: list[ReplyQuery]) -> list[FoundReply]:
        found: list[str] = []
        for search in build_queries(queries):
            found += self._search(search)
        self._learn([m for m in dict.fromkeys(found) if m not in self._seen])
        out: list[FoundReply] = []
        for mid in dict.fromkeys(found):
            meta = self._seen.get(mid)
            if meta is None:
                continue
            when = datetime.fromtimestamp(meta.internal_ms / 1000, UTC)
            ids = tuple(
                q.interview_id for q in queries if answers(q, meta.sender.email, when)
            )
            if ids:
                out.append(
                    FoundReply(
                        ref=mid,
                        interview_ids=ids,
                        sender=meta.sender,
                        received=when,
                        subject=meta.subject,
                        message_id=meta.message_id,
                        references=meta.references,
                        thread_id=meta.thread_id,
                    )
                )
        return sorted(out, key=lambda r: (r.received, r.ref))

    def fetch(self, ref: str) -> bytes | None:
        """``messages.get format=raw``: the message as sent, decoded in memory only."""
        request = self._messages().get(userId=self.user_id, id=ref, format="raw")
        answer = self.client.execute(
            request, what="reading a Gmail reply", idempotent=True, tolerate=frozenset({404})
        )
        raw = answer.get("raw") if isinstance(answer, dict) else None
        return _b64decode(raw) if raw else None

    def _messages(self) -> Any:
        return self.client.gmail().users().messages()

    def _search(self, query: str) -> list[str]:
        out: list[str] = []
        page: str | None = None
        while True:
            params: dict[str, Any] = {"userId": self.user_id, "q": query, "maxResults": LIST_PAGE}
            if page:
                params["pageToken"] = page
            data = self.client.execute(
                self._messages().list(**params),
                what="searching Gmail for replies",
                idempotent=True,
            )
            out += [m["id"] for m in data.get("messages", []) or []]
            page = data.get("nextPageToken")
            if not page:
                return out

    def _learn(self, message_ids: list[str]) -> None:
        """Headers and arrival time of new messages (batched ``format=metadata``)."""
        if not message_ids:
            return
        calls = {
            m: self._messages().get(
                userId=self.user_id, id=m, format="metadata", metadataHeaders=_FOUND_HEADERS
            )
            for m in message_ids
        }
        answers = self.client.batch("gmail", calls, what="reading Gmail replies")
        for mid, answer in answers.items():
            if status_of(answer) == 404:
                continue
            if status_of(answer):
                raise self.client.failure(answer, "reading Gmail replies")
            self._seen[mid] = _meta_of(answer)


def _meta_of(answer: dict[str, Any]) -> _Meta:
    heads = _headers(answer)
    name, address = email.utils.parseaddr(heads.get("from", ""))
    return _Meta(
        sender=Person(_one_line(name) or None, address.lower()),
        internal_ms=int(answer.get("internalDate") or 0),
        subject=_one_line(heads.get("subject", "")),
        message_id=heads.get("message-id", "").strip() or None,
        references=_one_line(heads.get("references", "")) or None,
        thread_id=answer.get("threadId"),
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())
