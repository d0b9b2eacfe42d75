"""Backends as plug-ins: the table from a config ``type`` to the adapter that serves it.

Each backend declares its config keys (types, defaults), builds its adapter, says what
``doctor`` checks and which command fixes its credentials; a section shared by a
provider's backends (``[google]``, ``[caldav]``, ``[imap]``) is declared once, as an
``Account``. Adding a backend is one module in ``integrations`` and one line per role in
``BACKENDS``. The table names modules as strings, imported only when a config uses them:
``--help`` and ``status`` never load a network stack, and the core never imports
``integrations`` (the adapters import the core's ports, not the other way round).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from daemon.errors import AdapterError

if TYPE_CHECKING:  # `status` and the config need the table, not the ports' dataclasses
    from daemon.ports import DraftStore, EventSource, ReminderStore, ReplyWatcher
    from daemon.settings import Settings

APP = "interview-followup"

Role = Literal["source", "reminders", "drafts"]
ROLES: tuple[Role, ...] = ("source", "reminders", "drafts")

# role -> type -> "module:class" of its Backend
BACKENDS: dict[Role, dict[str, str]] = {
    "source": {
        "ics": "integrations.local:IcsSourceBackend",
        "google": "integrations.google:GoogleSourceBackend",
        "caldav": "integrations.caldav:CalDAVSourceBackend",
    },
    "reminders": {
        "ics": "integrations.local:IcsRemindersBackend",
        "google": "integrations.google:GoogleRemindersBackend",
        "caldav": "integrations.caldav:CalDAVRemindersBackend",
    },
    "drafts": {
        "maildir": "integrations.local:MaildirBackend",
        "gmail": "integrations.google:GmailBackend",
        "imap": "integrations.imap:ImapDraftsBackend",
    },
}
# section name -> "module:class" of its Account
ACCOUNTS: dict[str, str] = {
    "google": "integrations.google:GoogleAccount",
    "caldav": "integrations.caldav:CalDAVAccount",
    "imap": "integrations.imap:ImapAccount",
}
DEFAULT_TYPES: dict[Role, str] = {"source": "ics", "reminders": "ics", "drafts": "maildir"}

KeyKind = Literal["str", "path", "bool", "str_list", "url", "int", "command"]


@dataclass(frozen=True)
class Key:
    """One config key of a backend or an account section, as ``config`` checks it.

    ``path`` is resolved against the config file's folder; ``url`` must be http(s) and
    gets a trailing slash; ``command`` is an argument list (``password_command``).
    ``default`` is filled in when the key is absent (None: it stays absent).
    """

    name: str
    kind: KeyKind = "str"
    default: object = None
    required: bool = False
    choices: tuple[str, ...] = ()


class KeyProblem(ValueError):
    """A value a backend refuses for a reason its type cannot say (``key`` names it)."""

    def __init__(self, key: str, what: str) -> None:
        super().__init__(what)
        self.key = key


class NotAvailable(AdapterError):
    """Something the configured backend does not offer (a config problem: exit 2)."""


@dataclass(frozen=True)
class AuthOptions:
    """What ``auth PROVIDER`` was given on the command line."""

    no_browser: bool = False
    password_stdin: bool = False


class Account:
    """A provider's shared section: its keys, sign-in, the fix for an ``AuthError``, and the
    ``doctor`` check that its credentials work and its server answers."""

    name: ClassVar[str] = ""
    keys: ClassVar[tuple[Key, ...]] = ()

    def validate(self, values: dict[str, object]) -> None:
        """Checks across keys, after each key's own (raise KeyProblem)."""

    def auth_hint(self, settings: Settings) -> str:
        return f"run `{APP} auth {self.name}`"

    def check(self, settings: Settings) -> str:
        """One line for ``doctor``; raise to report a problem."""
        return f"[{self.name}] configured"

    def authorize(self, settings: Settings, options: AuthOptions) -> str:
        """Sign in and store the credentials; returns the line to print."""
        raise NotAvailable(f"`auth {self.name}` is not available in this version")


class Backend:
    """One ``type`` of one role ([source], [reminders] or [drafts])."""

    role: ClassVar[Role]
    type: ClassVar[str]
    keys: ClassVar[tuple[Key, ...]] = ()
    account: ClassVar[str | None] = None  # the Account section it needs

    def validate(self, values: dict[str, object]) -> None:
        """Checks across keys, after each key's own (raise KeyProblem)."""

    def make(self, settings: Settings, wiring: Wiring) -> Any:
        """The adapter: an EventSource, ReminderStore or DraftStore."""
        raise NotImplementedError

    def check(self, settings: Settings) -> str:
        """One line for ``doctor`` (without a network request: the Account's check makes
        those); raise to report a problem."""
        return f"type {self.type}"

    def source_ids(self, settings: Settings) -> frozenset[str]:
        """Source backends: the ``source_id`` of every event the source can yield."""
        return frozenset({self.type})

    def replies(self, settings: Settings) -> ReplyWatcher | None:
        """Draft backends: who watches the inbox for replies (None: no reply detection)."""
        return None


@dataclass(frozen=True)
class Wiring:
    """What the core hands a backend besides the settings."""

    cursors: Any = None  # where an incremental source keeps its sync tokens (get/set by key)
    source: Any = None  # the cycle's source: its read serves reminders in the same calendar
    clock: Callable[[], datetime] | None = None  # dates drafts, so a replay writes that date


_LOADED: dict[str, Any] = {}


def _load(target: str) -> Any:
    if target not in _LOADED:
        module, _, attr = target.partition(":")
        _LOADED[target] = getattr(importlib.import_module(module), attr)()
    return _LOADED[target]


def types(role: Role) -> tuple[str, ...]:
    return tuple(BACKENDS[role])


def backend(role: Role, kind: str) -> Backend:
    """The backend for ``[role] type = kind``; KeyError when there is none."""
    found: Backend = _load(BACKENDS[role][kind])
    return found


def account(name: str) -> Account:
    found: Account = _load(ACCOUNTS[name])
    return found


def configured(settings: Settings) -> dict[Role, Backend]:
    """The backend of each role, as the (validated) settings choose them."""
    sections: dict[Role, dict[str, object]] = {
        "source": settings.source,
        "reminders": settings.reminders,
        "drafts": settings.drafts,
    }
    return {
        role: backend(role, str(sections[role].get("type", DEFAULT_TYPES[role]))) for role in ROLES
    }


def accounts_in_use(settings: Settings) -> list[Account]:
    names = dict.fromkeys(b.account for b in configured(settings).values() if b.account)
    return [account(name) for name in names if name is not None]


def auth_fix(settings: Settings) -> str:
    """The command(s) that fix an AuthError that did not name its own fix."""
    hints = [a.auth_hint(settings) for a in accounts_in_use(settings)]
    return "; ".join(hints) if hints else f"run `{APP} doctor`"


def source_ids(settings: Settings) -> frozenset[str]:
    """Ids ending in ``*`` stand for every id that starts with the rest (a source that
    reads every calendar of an account cannot name them without asking the server)."""
    return configured(settings)["source"].source_ids(settings)


def from_source(source_id: str, ids: frozenset[str]) -> bool:
    """Whether ``source_id`` is one the configured source yields (see ``source_ids``)."""
    return source_id in ids or any(i.endswith("*") and source_id.startswith(i[:-1]) for i in ids)


def make_source(settings: Settings, cursors: Any = None) -> EventSource:
    made: EventSource = configured(settings)["source"].make(settings, Wiring(cursors=cursors))
    return made


def make_reminders(
    settings: Settings, cursors: Any = None, source: EventSource | None = None
) -> ReminderStore:
    """``cursors``: where an incremental reminders calendar keeps its sync token; ``source``:
    the cycle's source, whose read serves the reminders when they share a calendar."""
    wiring = Wiring(cursors=cursors, source=source)
    made: ReminderStore = configured(settings)["reminders"].make(settings, wiring)
    return made


def make_drafts(settings: Settings, clock: Callable[[], datetime] | None = None) -> DraftStore:
    made: DraftStore = configured(settings)["drafts"].make(settings, Wiring(clock=clock))
    return made


def make_replies(settings: Settings) -> ReplyWatcher | None:
    return configured(settings)["drafts"].replies(settings)
