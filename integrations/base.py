"""The ports the adapters implement, re-exported from ``daemon.ports`` where the core owns
them (imports go one way: integrations -> daemon)."""

from daemon.ports import (
    AdapterError,
    AuthError,
    BadInput,
    CursorExpired,
    CursorStore,
    DraftSpec,
    DraftStore,
    EventSource,
    ExistingDraft,
    FoundReply,
    MemoryCursorStore,
    ReminderSpec,
    ReminderStore,
    ReplyQuery,
    ReplyWatcher,
    SourceRead,
    TransientError,
    first_replies,
)

__all__ = [
    "AdapterError",
    "AuthError",
    "BadInput",
    "CursorExpired",
    "CursorStore",
    "DraftSpec",
    "DraftStore",
    "EventSource",
    "ExistingDraft",
    "FoundReply",
    "MemoryCursorStore",
    "ReminderSpec",
    "ReminderStore",
    "ReplyQuery",
    "ReplyWatcher",
    "SourceRead",
    "TransientError",
    "first_replies",
]
