"""Kept for callers of the old name: the backend table lives in ``daemon.backends``."""

from daemon.backends import (
    NotAvailable,
    make_drafts,
    make_reminders,
    make_replies,
    make_source,
    source_ids,
)

__all__ = [
    "NotAvailable",
    "make_drafts",
    "make_reminders",
    "make_replies",
    "make_source",
    "source_ids",
]
