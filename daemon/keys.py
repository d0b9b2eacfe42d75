"""Stable keys for every output, so a retry, a restart or a second run finds what it wrote.

A key is a hash: it is safe in an iCalendar property, an e-mail header, a Message-ID and a
Google event id (lower-case hex is valid base32hex), whatever the event's UID contains.
"""

from __future__ import annotations

import hashlib

from daemon.model import OutputKind


def output_key(interview_id: str, action_type: str, kind: OutputKind, recipient: str = "") -> str:
    raw = "\x1f".join((interview_id, action_type, kind, recipient.lower()))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def message_id(key: str) -> str:
    return f"<{key}@interview-followup.invalid>"
