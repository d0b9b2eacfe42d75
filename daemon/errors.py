"""The errors an adapter may raise, and the only ones the core catches.

Apart from the ports' Protocols so that the backend table, the config and ``status`` can
name them without loading the ports' dataclasses (``daemon.ports`` re-exports them).
"""

from __future__ import annotations


class AdapterError(Exception):
    """Base of every error an adapter may raise; the message is one line for the user."""


class BadInput(AdapterError):
    """A source from which no calendar at all can be read (exit 3)."""


class AuthError(AdapterError):
    """Credentials missing, expired or revoked (exit 4); the message names the fixing command.

    ``fix``: the command that fixes it (``status`` and the daemon's log show it); None lets
    the configured backends' own hint stand.
    """

    def __init__(self, message: str, fix: str | None = None) -> None:
        super().__init__(message)
        self.fix = fix


class TransientError(AdapterError):
    """Network trouble, rate limits, 5xx: try again later, nothing is lost."""


class CursorExpired(AdapterError):
    """An incremental-sync cursor is no longer valid: do a full read."""
