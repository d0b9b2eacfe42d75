"""Which found message answers which interview: the same rule for every mailbox.

Mail searches only narrow (Gmail's ``from:`` and IMAP's FROM match substrings, IMAP's SINCE
has no time of day), so every watcher decides here, on the client: from one of the query's
senders or a host in its domains, after the interview's end, not from the user.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from daemon.ports import ReplyQuery


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def in_domains(address: str, domains: Iterable[str]) -> bool:
    """``jane@acme.com`` and ``hr@jobs.acme.com`` are in ``acme.com``; ``x@notacme.com`` not."""
    host = address.rpartition("@")[2].lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def search_terms(queries: list[ReplyQuery]) -> tuple[list[str], list[str]]:
    """(addresses, domains) to search for; an address inside a searched domain is left out
    (the domain covers it)."""
    domains = sorted({d.lower().lstrip("@") for q in queries for d in q.domains if d})
    every = {s.lower() for q in queries for s in q.senders if s}
    return sorted(s for s in every if not in_domains(s, domains)), domains


def answers(q: ReplyQuery, sender: str, when: datetime) -> bool:
    """Whether a message from ``sender`` (lower-case) received ``when`` answers ``q``."""
    if not sender or sender == q.user_email.lower() or when <= aware(q.after):
        return False
    senders = {s.lower() for s in q.senders}
    return sender in senders or in_domains(sender, (d.lower().lstrip("@") for d in q.domains))
