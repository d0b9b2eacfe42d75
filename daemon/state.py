"""SQLite state: interviews, actions, outputs, what the user changed, caches, cycles.

The store is the memory that makes every cycle idempotent: an output is written only when
no row says it exists, and a row is written in the same transaction that records the write's
result. WAL mode and short transactions keep a reader (``status``) from blocking the daemon.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from daemon.codec import interview_from, interview_to
from daemon.model import Debrief, Interview, Person, Reply

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS interviews (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    gone TEXT,
    gone_at TEXT,
    outcome TEXT,
    outcome_at TEXT,
    replied_at TEXT,
    timeline_command TEXT,
    debrief_timeline TEXT,
    debrief_note TEXT,
    status TEXT NOT NULL DEFAULT 'active'
);
CREATE TABLE IF NOT EXISTS actions (
    interview_id TEXT NOT NULL,
    type TEXT NOT NULL,
    state TEXT NOT NULL,
    due TEXT NOT NULL,
    done_at TEXT,
    PRIMARY KEY (interview_id, type)
);
CREATE TABLE IF NOT EXISTS outputs (
    key TEXT PRIMARY KEY,
    interview_id TEXT NOT NULL,
    action TEXT NOT NULL,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL DEFAULT '',
    ref TEXT,
    fingerprint TEXT NOT NULL,
    due TEXT NOT NULL,
    written_at TEXT NOT NULL,
    status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outputs_by_interview ON outputs (interview_id);
CREATE TABLE IF NOT EXISTS cache (name TEXT PRIMARY KEY, fingerprint TEXT, data TEXT);
CREATE TABLE IF NOT EXISTS cursors (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cycles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    ok INTEGER NOT NULL,
    summary TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (interview_id TEXT PRIMARY KEY, data TEXT NOT NULL);
"""

# What the company's replies said (daemon.classify): one row per message and interview it
# answers. No body, only the reading and the headers a threaded answer needs.
_REPLIES_SCHEMA = """
CREATE TABLE IF NOT EXISTS replies (
    ref TEXT NOT NULL,
    interview_id TEXT NOT NULL,
    received TEXT NOT NULL,
    category TEXT NOT NULL,
    cue TEXT NOT NULL,
    sender_name TEXT,
    sender_email TEXT NOT NULL,
    read_at TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    message_id TEXT,
    refs TEXT,
    thread_id TEXT,
    new_date TEXT,
    until TEXT,
    asked TEXT,
    PRIMARY KEY (ref, interview_id)
);
"""

# Output statuses: ours and as we wrote it / the user changed it / the user removed it /
# we removed it (cancelled plan).
LIVE, USER_MODIFIED, USER_DELETED, REMOVED = "live", "user_modified", "user_deleted", "removed"


# Columns newer than a store may be: added on open (see ``add_column``).
_ADDED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("interviews", "missing_since", "TEXT"),  # first good read that lacked it (unconfirmed)
    ("interviews", "key_base", "TEXT"),  # the id its output keys were made from, if older
    ("outputs", "moved_to", "TEXT"),  # where the user moved a reminder of ours
    ("interviews", "debrief", "TEXT"),  # the debrief reminder's lines, JSON (issue 9)
    ("outputs", "open_places", "TEXT"),  # a draft's [[...]] places when written, JSON
)


def upgrade(db: sqlite3.Connection) -> None:
    """Tables and columns added since a store was made, then ids of older versions."""
    db.executescript(_REPLIES_SCHEMA)
    for table, column, decl in _ADDED_COLUMNS:
        add_column(db, table, column, decl)
    migrate_legacy_ids(db)


def add_column(db: sqlite3.Connection, table: str, column: str, decl: str) -> None:
    """Add ``column`` unless it is there: idempotent, so upgrades written independently
    (and a store opened by two versions in turn) compose."""
    present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
    if column not in present:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")


def legacy_ics_id(old: str) -> str | None:
    """``ics:<file name>/<UID>...`` (before the id stopped depending on the file's name)
    -> ``ics/<UID>...``; None for an id that is not such an old one."""
    if not old.startswith("ics:") or "/" not in old:
        return None
    return "ics/" + old.split("/", 1)[1]


def migrate_legacy_ids(db: sqlite3.Connection) -> None:
    """Rename old ``ics:<file name>/...`` interview ids, keeping every output key as it was
    (``key_base``), so an upgrade writes nothing twice. When a rename under the old scheme
    left two rows for one event, the one seen last is kept and the other is dropped (its
    outputs stay recorded under the old id, so they are never written again)."""
    rows = db.execute(
        "SELECT id, data FROM interviews WHERE id LIKE 'ics:%' ORDER BY gone IS NULL, last_seen"
    ).fetchall()
    if not rows:
        return
    winners = {legacy_ics_id(old) or old: (old, data) for old, data in rows}
    db.execute("BEGIN IMMEDIATE")
    try:
        for old, _data in rows:
            if winners[legacy_ics_id(old) or old][0] != old:
                db.execute("DELETE FROM interviews WHERE id=?", (old,))
                db.execute("DELETE FROM actions WHERE interview_id=?", (old,))
        for new, (old, data) in winners.items():
            if new != old:
                _rename_interview(db, old, new, data)
        db.execute("DELETE FROM cache WHERE name='source'")  # cached reads hold old ids
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _rename_interview(db: sqlite3.Connection, old: str, new: str, data: str) -> None:
    try:
        decoded = json.loads(data)
        decoded["id"] = new
        decoded["source_id"] = "ics"
        data = json.dumps(decoded, sort_keys=True)
    except (ValueError, TypeError):
        pass
    db.execute("DELETE FROM interviews WHERE id=?", (new,))
    db.execute("DELETE FROM actions WHERE interview_id=?", (new,))
    db.execute(
        "UPDATE interviews SET id=?, data=?, key_base=COALESCE(key_base, ?) WHERE id=?",
        (new, data, old, old),
    )
    db.execute("UPDATE actions SET interview_id=? WHERE interview_id=?", (new, old))
    db.execute("UPDATE outputs SET interview_id=? WHERE interview_id=?", (new, old))


def _needs_upgrade(db: sqlite3.Connection) -> bool:
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "replies" not in tables:
        return True
    for table, column, _decl in _ADDED_COLUMNS:
        if column not in {row[1] for row in db.execute(f"PRAGMA table_info({table})")}:
            return True
    legacy = db.execute("SELECT 1 FROM interviews WHERE id LIKE 'ics:%' LIMIT 1").fetchone()
    return legacy is not None


def _upgraded_copy(db: sqlite3.Connection) -> sqlite3.Connection:
    """An older store opened read-only (``plan``): upgraded in memory, the file untouched."""
    copy = sqlite3.connect(":memory:", isolation_level=None)
    db.backup(copy)
    db.close()
    upgrade(copy)
    return copy


class StateError(Exception):
    """The state store cannot be opened or used; one line for the user."""


class StateAccessError(StateError):
    """The store's place cannot be written (read-only file or folder, a folder in its
    place): fixed by the user through ``[state] path`` or permissions, so the CLI reports it
    as a config problem naming that key."""


# The store holds names and addresses: private to the user. The file is always ours; its
# folder is tightened only when nothing but our files is in it (we made it), never a
# folder of the user's that merely holds a store they pointed at.
FILE_MODE, FOLDER_MODE = 0o600, 0o700
_COMPANIONS = ("", "-wal", "-shm", "-journal", ".lock")


def private_folder(path: Path) -> None:
    """Create the store's folder private to the user, or tighten one that holds nothing
    but this store (which a version without this check made world-readable)."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        return
    ours = {path.name + suffix for suffix in _COMPANIONS}
    if set(os.listdir(folder)) <= ours and stat.S_IMODE(folder.stat().st_mode) & 0o077:
        folder.chmod(FOLDER_MODE)


def _private_files(path: Path) -> None:
    """The store and its companions 0600; SQLite gives new -wal/-shm files its mode."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    for suffix in _COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists() and stat.S_IMODE(companion.stat().st_mode) & 0o077:
            companion.chmod(FILE_MODE)


@dataclass(frozen=True)
class InterviewRow:
    interview: Interview
    gone: str | None
    outcome: str | None
    outcome_at: datetime | None
    replied_at: datetime | None
    timeline_command: str | None
    debrief_timeline: str | None
    debrief_note: str | None
    status: str
    first_seen: datetime
    missing_since: datetime | None = None  # lacking from good reads since, not yet gone
    key_base: str | None = None  # the id its output keys come from, when not ``interview.id``
    debrief: Debrief = field(default_factory=Debrief)

    @property
    def keys_from(self) -> str:
        return self.key_base or self.interview.id


@dataclass(frozen=True)
class OutputRow:
    key: str
    interview_id: str
    action: str
    kind: str  # calendar | draft
    recipient: str
    ref: str | None
    fingerprint: str
    due: datetime
    written_at: datetime
    status: str
    moved_to: datetime | None = None  # a reminder the user moved: its new start
    # The [[...]] places the draft held when written (None: not known, an older row or a
    # reminder); emptied when the user edits the draft and it holds none any more.
    open_places: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ActionRow:
    interview_id: str
    type: str
    state: str
    due: datetime
    done_at: datetime | None


def check_writable(path: Path) -> None:
    """StateAccessError unless the existing store at ``path`` takes a write; creates and
    changes nothing (``doctor``)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None, timeout=5)
        try:
            _probe_write(db)
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise _open_error(path, exc) from None


def _probe_write(db: sqlite3.Connection) -> None:
    """A write rolled back: a store that is read-only for us opens and reads fine (even
    ``BEGIN IMMEDIATE`` passes in WAL mode), so find out now, not in a cycle's writes."""
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("INSERT OR REPLACE INTO meta VALUES ('probe', '')")
    finally:
        db.execute("ROLLBACK")


def _open_error(path: Path, exc: sqlite3.Error) -> StateError:
    if _is_access(exc):
        return StateAccessError(f"{path}: cannot be written: {exc}")
    return StateError(f"{path}: cannot open the state store: {exc}")


def _is_access(exc: sqlite3.Error) -> bool:
    """Errors that the store's place causes, not its content."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    return primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM) or (
        primary is None and ("readonly" in str(exc) or "unable to open" in str(exc))
    )


def _debrief_to(debrief: Debrief) -> str:
    return json.dumps(
        {
            "timeline": debrief.timeline,
            "note": debrief.note,
            "notes_for": [list(pair) for pair in debrief.notes_for],
            "contact": debrief.contact,
            "prefers": debrief.prefers,
        },
        sort_keys=True,
    )


def _debrief_from(text: str | None) -> Debrief:
    """The stored debrief; an unreadable one counts as nothing typed yet."""
    if not text:
        return Debrief()
    try:
        data = json.loads(text)
        return Debrief(
            timeline=data.get("timeline"),
            note=data.get("note"),
            notes_for=tuple((str(w), str(n)) for w, n in data.get("notes_for", [])),
            contact=data.get("contact"),
            prefers=data.get("prefers"),
        )
    except (ValueError, TypeError, AttributeError):
        return Debrief()


def _places_from(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    try:
        return tuple(str(p) for p in json.loads(text))
    except (ValueError, TypeError):
        return None


def _dt(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


class StateStore:
    """One SQLite file. ``readonly`` opens without creating (``plan`` writes nothing)."""

    def __init__(self, path: Path, *, readonly: bool = False, empty: bool = False) -> None:
        """``empty``: read-only and in memory whatever is at ``path`` (nothing known yet)."""
        self.path = path
        self.readonly = readonly or empty
        try:
            if self.readonly:
                if path.exists() and not empty:
                    uri = f"file:{path}?mode=ro"
                    self._db = sqlite3.connect(uri, uri=True, isolation_level=None)
                    if _needs_upgrade(self._db):
                        self._db = _upgraded_copy(self._db)
                else:
                    self._db = sqlite3.connect(":memory:", isolation_level=None)
                    self._db.executescript(_SCHEMA)
                    upgrade(self._db)
            else:
                self._open_for_writing(path)
        except sqlite3.Error as exc:
            raise _open_error(path, exc) from None
        except OSError as exc:
            why = exc.strerror or str(exc)
            raise StateAccessError(f"{path}: cannot create the state store: {why}") from None

    def _open_for_writing(self, path: Path) -> None:
        """Private files (see ``private_folder``), WAL, the schema, and a write probe."""
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
        private_folder(path)
        _private_files(path)
        self._db = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        self._db.executescript(_REPLIES_SCHEMA)
        self._check_version()
        upgrade(self._db)
        _probe_write(self._db)

    def _check_version(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row is None:
            self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) > SCHEMA_VERSION:
            raise StateError(
                f"{self.path}: written by a newer version (schema {row[0]}); upgrade first"
            )

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing: a crash inside leaves the store as it was before."""
        if self.readonly:
            yield
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _write(self, sql: str, args: tuple[Any, ...]) -> None:
        if not self.readonly:
            self._db.execute(sql, args)

    # interviews -------------------------------------------------------------------------

    def interviews(self) -> dict[str, InterviewRow]:
        rows = self._db.execute(
            "SELECT id, data, gone, outcome, outcome_at, replied_at, timeline_command,"
            " debrief_timeline, debrief_note, status, first_seen, missing_since, key_base,"
            " debrief FROM interviews"
        ).fetchall()
        out: dict[str, InterviewRow] = {}
        for r in rows:
            try:
                iv = interview_from(json.loads(r[1]))
            except (ValueError, KeyError, TypeError):
                continue
            out[r[0]] = InterviewRow(
                interview=iv,
                gone=r[2],
                outcome=r[3],
                outcome_at=_dt(r[4]),
                replied_at=_dt(r[5]),
                timeline_command=r[6],
                debrief_timeline=r[7],
                debrief_note=r[8],
                status=r[9],
                first_seen=datetime.fromisoformat(r[10]),
                missing_since=_dt(r[11]),
                key_base=r[12],
                debrief=_debrief_from(r[13]) if r[13] else Debrief(timeline=r[7], note=r[8]),
            )
        return out

    def save_interview(self, iv: Interview, now: datetime) -> None:
        data = json.dumps(interview_to(iv), sort_keys=True)
        self._write(
            "INSERT INTO interviews (id, data, first_seen, last_seen) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET data=excluded.data, last_seen=excluded.last_seen,"
            " gone=NULL, gone_at=NULL, missing_since=NULL",
            (iv.id, data, now.isoformat(), now.isoformat()),
        )

    def mark_gone(self, interview_id: str, reason: str, now: datetime) -> None:
        self._write(
            "UPDATE interviews SET gone=?, gone_at=? WHERE id=? AND gone IS NULL",
            (reason, now.isoformat(), interview_id),
        )

    def mark_missing(self, interview_id: str, now: datetime) -> None:
        """A good read lacks it: the clock of its confirmation starts (once)."""
        self._write(
            "UPDATE interviews SET missing_since=? WHERE id=? AND missing_since IS NULL",
            (now.isoformat(), interview_id),
        )

    def set_status(self, interview_id: str, status: str) -> None:
        self._write("UPDATE interviews SET status=? WHERE id=?", (status, interview_id))

    def set_outcome(self, interview_id: str, outcome: str, at: datetime) -> None:
        self._write(
            "UPDATE interviews SET outcome=?, outcome_at=? WHERE id=?",
            (outcome, at.isoformat(), interview_id),
        )

    def set_replied(self, interview_id: str, at: datetime) -> None:
        self._write(
            "UPDATE interviews SET replied_at=? WHERE id=? AND replied_at IS NULL",
            (at.isoformat(), interview_id),
        )

    def set_timeline_command(self, interview_id: str, text: str) -> None:
        self._write("UPDATE interviews SET timeline_command=? WHERE id=?", (text, interview_id))

    def set_debrief(self, interview_id: str, debrief: Debrief) -> None:
        self._write(
            "UPDATE interviews SET debrief_timeline=?, debrief_note=?, debrief=? WHERE id=?",
            (debrief.timeline, debrief.note, _debrief_to(debrief), interview_id),
        )

    # replies ----------------------------------------------------------------------------

    def replies(self) -> dict[str, tuple[Reply, ...]]:
        """Interview id -> the replies read for it, oldest first."""
        try:
            rows = self._db.execute(
                "SELECT interview_id, ref, received, category, cue, sender_name, sender_email,"
                " read_at, subject, message_id, refs, thread_id, new_date, until, asked"
                " FROM replies ORDER BY received, ref"
            ).fetchall()
        except sqlite3.OperationalError:  # a read-only store written before replies existed
            return {}
        out: dict[str, list[Reply]] = {}
        for r in rows:
            out.setdefault(r[0], []).append(
                Reply(
                    ref=r[1],
                    received=datetime.fromisoformat(r[2]),
                    category=r[3],
                    cue=r[4],
                    sender=Person(r[5], r[6]),
                    read_at=datetime.fromisoformat(r[7]),
                    subject=r[8],
                    message_id=r[9],
                    references=r[10],
                    thread_id=r[11],
                    new_date=_day(r[12]),
                    until=_day(r[13]),
                    asked=r[14],
                )
            )
        return {iid: tuple(replies) for iid, replies in out.items()}

    def reply_refs(self) -> set[str]:
        """The messages already read (each is fetched and classified once)."""
        try:
            return {r[0] for r in self._db.execute("SELECT DISTINCT ref FROM replies")}
        except sqlite3.OperationalError:
            return set()

    def save_reply(self, interview_id: str, reply: Reply) -> None:
        self._write(
            "INSERT OR IGNORE INTO replies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                reply.ref,
                interview_id,
                reply.received.isoformat(),
                reply.category,
                reply.cue,
                reply.sender.name,
                reply.sender.email,
                reply.read_at.isoformat(),
                reply.subject,
                reply.message_id,
                reply.references,
                reply.thread_id,
                None if reply.new_date is None else reply.new_date.isoformat(),
                None if reply.until is None else reply.until.isoformat(),
                reply.asked,
            ),
        )

    # actions ----------------------------------------------------------------------------

    def actions(self) -> dict[tuple[str, str], ActionRow]:
        rows = self._db.execute(
            "SELECT interview_id, type, state, due, done_at FROM actions"
        ).fetchall()
        return {
            (r[0], r[1]): ActionRow(r[0], r[1], r[2], datetime.fromisoformat(r[3]), _dt(r[4]))
            for r in rows
        }

    def save_action(
        self, interview_id: str, type_: str, state: str, due: datetime, done_at: datetime | None
    ) -> None:
        self._write(
            "INSERT INTO actions VALUES (?, ?, ?, ?, ?) ON CONFLICT(interview_id, type)"
            " DO UPDATE SET state=excluded.state, due=excluded.due,"
            " done_at=COALESCE(actions.done_at, excluded.done_at)",
            (
                interview_id,
                type_,
                state,
                due.isoformat(),
                None if done_at is None else done_at.isoformat(),
            ),
        )

    # outputs ----------------------------------------------------------------------------

    def outputs(self) -> dict[str, OutputRow]:
        rows = self._db.execute(
            "SELECT key, interview_id, action, kind, recipient, ref, fingerprint, due,"
            " written_at, status, moved_to, open_places FROM outputs"
        ).fetchall()
        return {
            r[0]: OutputRow(
                key=r[0],
                interview_id=r[1],
                action=r[2],
                kind=r[3],
                recipient=r[4],
                ref=r[5],
                fingerprint=r[6],
                due=datetime.fromisoformat(r[7]),
                written_at=datetime.fromisoformat(r[8]),
                status=r[9],
                moved_to=_dt(r[10]),
                open_places=_places_from(r[11]),
            )
            for r in rows
        }

    def save_output(self, row: OutputRow) -> None:
        self._write(
            "INSERT OR REPLACE INTO outputs (key, interview_id, action, kind, recipient, ref,"
            " fingerprint, due, written_at, status, moved_to, open_places)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row.key,
                row.interview_id,
                row.action,
                row.kind,
                row.recipient,
                row.ref,
                row.fingerprint,
                row.due.isoformat(),
                row.written_at.isoformat(),
                row.status,
                None if row.moved_to is None else row.moved_to.isoformat(),
                None if row.open_places is None else json.dumps(list(row.open_places)),
            ),
        )

    def set_open_places(self, key: str, places: tuple[str, ...]) -> None:
        """What a draft still holds after the user edited it."""
        self._write("UPDATE outputs SET open_places=? WHERE key=?", (json.dumps(places), key))

    def set_output_status(self, key: str, status: str) -> None:
        self._write("UPDATE outputs SET status=? WHERE key=?", (status, key))

    def set_output_moved(self, key: str, start: datetime) -> None:
        self._write("UPDATE outputs SET moved_to=? WHERE key=?", (start.isoformat(), key))

    # corrections typed into the debrief reminder ----------------------------------------

    def corrections(self) -> dict[str, dict[str, str]]:
        """Interview id -> the ``Company:``/``Role:``/``Contact:`` lines the user typed."""
        try:
            rows = self._db.execute("SELECT interview_id, data FROM corrections").fetchall()
        except sqlite3.OperationalError:  # a read-only store written by an older version
            return {}
        out: dict[str, dict[str, str]] = {}
        for iid, data in rows:
            try:
                value = json.loads(data)
            except ValueError:
                continue
            if isinstance(value, dict):
                out[str(iid)] = {str(k): str(v) for k, v in value.items()}
        return out

    def set_corrections(self, interview_id: str, data: dict[str, str]) -> None:
        self._write(
            "INSERT OR REPLACE INTO corrections VALUES (?, ?)",
            (interview_id, json.dumps(data, sort_keys=True)),
        )

    # caches and cycles ------------------------------------------------------------------

    def cache_get(self, name: str, fingerprint: str) -> Any | None:
        return self._cached("name=? AND fingerprint=?", (name, fingerprint))

    def cache_last(self, name: str) -> Any | None:
        """The last entry cached under ``name``, whatever its fingerprint."""
        return self._cached("name=?", (name,))

    def _cached(self, where: str, args: tuple[str, ...]) -> Any | None:
        row = self._db.execute(f"SELECT data FROM cache WHERE {where}", args).fetchone()
        if row is None:
            return None
        try:
            return json.loads(row[0])
        except ValueError:
            return None

    def cache_put(self, name: str, fingerprint: str, data: Any) -> None:
        self._write(
            "INSERT OR REPLACE INTO cache VALUES (?, ?, ?)",
            (name, fingerprint, json.dumps(data, sort_keys=True)),
        )

    def get(self, key: str) -> str | None:
        """Incremental-sync cursors (Google sync tokens with their event cache)."""
        row = self._db.execute("SELECT value FROM cursors WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set(self, key: str, value: str) -> None:
        self._write("INSERT OR REPLACE INTO cursors VALUES (?, ?)", (key, value))

    def set_output_ref(self, key: str, ref: str) -> None:
        self._write("UPDATE outputs SET ref=? WHERE key=?", (ref, key))

    def record_cycle(self, at: datetime, ok: bool, summary: str) -> None:
        self._write(
            "INSERT INTO cycles (at, ok, summary) VALUES (?, ?, ?)",
            (at.isoformat(), int(ok), summary),
        )
        self._write("DELETE FROM cycles WHERE id <= (SELECT MAX(id) FROM cycles) - 200", ())

    def last_cycle(self) -> tuple[datetime, bool, str] | None:
        row = self._db.execute(
            "SELECT at, ok, summary FROM cycles ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return None if row is None else (datetime.fromisoformat(row[0]), bool(row[1]), row[2])
