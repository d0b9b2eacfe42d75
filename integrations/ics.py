"""An ``.ics`` file as an event source: fast on big calendars, tolerant of broken ones.

Why not ``icalendar.Calendar.from_ical`` on the whole file: a 10,000-event calendar takes
seconds to parse, one bad property anywhere fails the lot, and almost none of those events
can be interviews. So the file is pre-scanned as text:

1. the bytes become UTF-8 bytes, whatever the encoding (BOMs, UTF-16, NULs), but are not
   decoded as a whole: the markup is ASCII, and one ``str`` of a big calendar with
   accented names would take twice its size in memory, several times over while it is
   normalised;
2. ``BEGIN``/``END`` lines cut the bytes into VEVENT and VTIMEZONE blocks, and line
   numbers are counted on the bytes, so they are those of the original file;
3. each block is decoded (stray cp1252 bytes read as such), unfolded and tested alone;
4. a VEVENT block is a candidate only when a keyword (a detection pattern, the tag, our
   own ``X-INTERVIEW-FOLLOWUP-KEY``) occurs anywhere in it, or when the calendar is an
   "every event is an interview" one;
5. each candidate is parsed on its own with icalendar's content-line parser, so a bad
   event is skipped with a warning ("<file>:<line>: skipped event: <reason>") and never
   fails the file. VTIMEZONE blocks are parsed (by icalendar) only when a candidate uses
   a TZID that neither zoneinfo nor the Windows zone table knows.

Choices:
- duplicate UID (same RECURRENCE-ID): the first candidate in the file wins, the others
  are dropped with a warning; ids must be unique and the first is what most clients show;
- missing UID: ``synthetic-`` + a hash of DTSTART and SUMMARY (stable across runs), warned;
- unknown TZID: the user's zone, warned once per TZID and read;
- floating times: the user's zone (X-WR-TIMEZONE is not consulted);
- invalid UTF-8: each invalid byte is read as cp1252 (latin-1 for its 5 holes) and the
  valid UTF-8 around it is kept, so a mostly-UTF-8 file does not turn into mojibake;
- no DTEND: DURATION, else ``None`` (detection applies its default length);
- icalendar is imported inside the functions that need it: a command that reuses the
  stored detection of an unchanged file (``plan`` after a ``sync``) never loads it.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import re
import warnings
import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cached_property
from pathlib import Path

from daemon.addresses import usable
from daemon.model import FIRST_YEAR, LAST_YEAR, Attendee, SourceEvent
from integrations.base import BadInput, EventSource, SourceRead

log = logging.getLogger(__name__)

OWN_KEY = "X-INTERVIEW-FOLLOWUP-KEY"
MAX_BYTES = 256 * 1024 * 1024  # a calendar this big is a mistake, not a calendar
_FOLD = re.compile(r"\n[ \t]")
_EOL = rb"(?:\r\n|\r|\n)"
# A BEGIN/END line of the raw bytes (any line ending; a fold may split it at the colon).
_GAP = rb"(?:[ \t]|" + _EOL + rb"[ \t])*"  # spaces, or a fold, around the colon
_BOUNDARY = re.compile(
    rb"(?:\A|" + _EOL + rb")(BEGIN|END)" + _GAP + rb":" + _GAP
    + rb"([A-Za-z0-9_-]{1,64})[ \t]*(?=[\r\n]|\Z)",
    re.I,
)
_TOP_LEVEL = frozenset({"VCALENDAR", "VEVENT", "VTIMEZONE", "VTODO", "VJOURNAL", "VFREEBUSY"})
_PROP_NAME = re.compile(r"[ \t]*([A-Za-z0-9_-]{1,100})[ \t]*[;:]")
_HEAD = re.compile(r'[^":]*(?:"[^"]*"[^":]*)*:')  # up to the first ':' outside quotes
_PARAM = re.compile(r';[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*("[^"]*"|[^;:]*)')
_DATE_VALUE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?")
_QUICK_UID = re.compile(r"^UID[^:\n]{0,200}:[ \t]*([^\n]{1,1000})$", re.M | re.I)
_QUICK_RECURRENCE = re.compile(r"^RECURRENCE-ID[^\n]{0,300}$", re.M | re.I)
_TZID_LINE = re.compile(r"^TZID[^:\n]{0,200}:([^\n]{0,300})$", re.M | re.I)
_MEETING = re.compile(
    r"(?<![\w-])(?:meet\.google\.com|zoom\.us|zoom\.com|teams\.microsoft\.com|teams\.live\.com|"
    r"webex\.com|whereby\.com|bluejeans\.com|chime\.aws|gotomeeting\.com)",
    re.I,
)
# Characters detection treats as spaces (control, zero-width, bidi) and escaped newlines:
# a phrase split by any of them in the file must still be found by the pre-scan.
_KEYWORD_GAP = r"(?:[\s\-\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|\\[nN])+"
# re.IGNORECASE folds these to ASCII letters, str.lower() does not: fold them by hand.
_LOWER_FIXES = (("ı", "i"), ("ſ", "s"), ("\u0307", ""))
_TEXT_PROPS = frozenset({"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"})
_WANTED = frozenset(
    {
        "UID", "SUMMARY", "DESCRIPTION", "LOCATION", "STATUS", "ORGANIZER", "ATTENDEE",
        "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "RECURRENCE-ID", OWN_KEY,
        "X-GOOGLE-CONFERENCE", "URL", "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    }
)  # fmt: skip
# Property names of RFC 5545/7986/9073 (plus X- names): in a broken, unfolded description,
# a line such as "Timeline: two weeks" is text, not a property called TIMELINE.
_KNOWN_PROPS = frozenset(
    {
        "BEGIN", "END", "CALSCALE", "METHOD", "PRODID", "VERSION", "ATTACH", "CATEGORIES",
        "CLASS", "COMMENT", "DESCRIPTION", "GEO", "LOCATION", "PERCENT-COMPLETE", "PRIORITY",
        "RESOURCES", "STATUS", "SUMMARY", "COMPLETED", "DTEND", "DUE", "DTSTART", "DURATION",
        "FREEBUSY", "TRANSP", "TZID", "TZNAME", "TZOFFSETFROM", "TZOFFSETTO", "TZURL",
        "TZUNTIL", "TZID-ALIAS-OF", "ATTENDEE", "CONTACT", "ORGANIZER", "RECURRENCE-ID",
        "RELATED-TO", "URL", "UID", "EXDATE", "EXRULE", "RDATE", "RRULE", "ACTION", "REPEAT",
        "TRIGGER", "CREATED", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "REQUEST-STATUS", "NAME",
        "REFRESH-INTERVAL", "SOURCE", "COLOR", "IMAGE", "CONFERENCE", "ACKNOWLEDGED",
        "PROXIMITY", "LOCATION-TYPE", "PARTICIPANT-TYPE", "CALENDAR-ADDRESS",
        "STYLED-DESCRIPTION", "STRUCTURED-DATA",
    }
)  # fmt: skip
_CONFERENCE_PROPS = ("X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "URL")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CP1252 = tuple(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))
_DECODE_ERRORS = "interview-followup-cp1252"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: an invalid UTF-8 byte is a cp1252 character (latin-1 where
    cp1252 has a hole), so a stray Windows byte costs one character, not the file."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_CP1252[b] for b in bad), error.end


codecs.register_error(_DECODE_ERRORS, _cp1252_fallback)


class _EventError(ValueError):
    """One event cannot be understood; the message is the reason shown to the user."""


# ---------------------------------------------------------------- bytes -> text


def as_utf8(data: bytes) -> tuple[bytes, list[str]]:
    """The file as UTF-8 bytes, and warnings for what had to be guessed or repaired.

    BOMs decide first (UTF-32/UTF-16/UTF-8); UTF-16 without a BOM is recognised by its
    NUL bytes (both are rare, and re-encoded whole); then UTF-8, whose invalid bytes are
    read as cp1252 when each block is decoded. NULs and stray BOMs are removed. The text
    stays bytes (one byte a character for the markup) until a block is wanted: a 14 MB
    calendar with accented names would take 28 MB and more as one ``str``.
    """
    notes: list[str] = []
    for bom, codec in _BOMS:
        if data.startswith(bom) and codec != "utf-8":
            data = data[len(bom) :].decode(codec, errors="replace").encode("utf-8")
            break
    else:
        sniffed = _sniff_utf16(data.removeprefix(codecs.BOM_UTF8))
        if sniffed:
            notes.append(f"no byte-order mark, read as {sniffed}")
            text = data.removeprefix(codecs.BOM_UTF8).decode(sniffed, errors="replace")
            data = text.encode("utf-8")
        elif not _valid_utf8(data):
            notes.append("not valid UTF-8; the invalid bytes were read as cp1252")
    if b"\x00" in data:
        notes.append(f"{data.count(0)} NUL byte(s) removed")
        data = data.replace(b"\x00", b"")
    if codecs.BOM_UTF8 in data:
        data = data.replace(codecs.BOM_UTF8, b"")
    return data, notes


def _valid_utf8(data: bytes, chunk: int = 1 << 20) -> bool:
    """Checked a megabyte at a time, so no copy of the whole file is ever made."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), chunk):
            decoder.decode(view[start : start + chunk])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _sniff_utf16(data: bytes) -> str | None:
    sample = data[:512]
    if len(sample) < 8 or sample.count(0) < len(sample) // 3:
        return None
    return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"


def _block_text(raw: bytes) -> str:
    """One block as text: decoded, one newline style, folds joined."""
    text = raw.decode("utf-8", errors=_DECODE_ERRORS)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _FOLD.sub("", text) if "\n " in text or "\n\t" in text else text


# ---------------------------------------------------------------- text -> blocks


@dataclass
class _Block:
    kind: str  # VEVENT or VTIMEZONE
    start: int  # offset of its BEGIN line in the scanned bytes
    stop: int = -1  # offset after its END line (or where it was cut off)
    complete: bool = True


@dataclass
class _Scan:
    data: bytes  # the file, as UTF-8 (see ``as_utf8``)
    blocks: list[_Block]
    calendars: int
    ended: bool = True  # the last BEGIN/END line is END:VCALENDAR

    def cut_short(self) -> str | None:
        """Why the file looks half-written (a writer still at work), or None."""
        if not self.ended:
            return "it does not end with END:VCALENDAR"
        if any(not block.complete for block in self.blocks):
            return "a component in it has no END line"
        return None

    def block_text(self, block: _Block) -> str:
        return _block_text(self.data[block.start : block.stop])


def _scan(data: bytes) -> _Scan:
    """Cut the file into VEVENT/VTIMEZONE blocks by their BEGIN/END lines.

    A block interrupted by another top-level BEGIN, an END:VCALENDAR or the end of the
    file is kept, marked incomplete, so its event can be reported (and not taken as
    deleted) instead of silently vanishing. Works on the bytes: only the blocks that
    matter are ever decoded.
    """
    blocks: list[_Block] = []
    calendars = 0
    ended = False
    current: _Block | None = None
    for match in _BOUNDARY.finditer(data):
        begin = match.group(1).upper() == b"BEGIN"
        name = match.group(2).upper().decode("ascii")
        ended = not begin and name == "VCALENDAR"
        if current is not None:
            if not begin and name == current.kind:
                current.stop = match.end()
                blocks.append(current)
                current = None
                continue
            if (begin and name in _TOP_LEVEL) or (not begin and name == "VCALENDAR"):
                current.stop, current.complete = match.start(), False
                blocks.append(current)
                current = None
            else:
                continue
        if begin and name == "VCALENDAR":
            calendars += 1
        elif begin and name in ("VEVENT", "VTIMEZONE"):
            current = _Block(name, match.start(1))
    if current is not None:
        current.stop, current.complete = len(data), False
        blocks.append(current)
    return _Scan(data, blocks, calendars, ended)


class _LineCounter:
    """Line numbers of offsets in the scanned bytes, counted incrementally (in C).

    The line of an offset is one more than the line breaks before it; CRLF, a lone CR
    and LF are one break each.
    """

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0
        self._breaks = 0  # line breaks in data[:_pos]

    def line(self, offset: int) -> int:
        if offset < self._pos:
            self._pos, self._breaks = 0, 0
        data, pos = self._data, self._pos
        self._breaks += (
            data.count(b"\n", pos, offset)
            + data.count(b"\r", pos, offset)
            - data.count(b"\r\n", pos, offset)
        )
        self._pos = offset
        return self._breaks + 1


# ---------------------------------------------------------------- candidates


def _keyword_words(keyword: str) -> list[str]:
    """Words of a keyword, split as detection splits a pattern (spaces and hyphens)."""
    return [w for w in re.split(r"[\s\-]+", keyword.strip()) if w]


@dataclass(frozen=True)
class _Prefilter:
    """Cheap superset of detection: a literal (the longest word of each keyword, found by
    plain substring search, which is fast) and then the keyword phrase itself."""

    literals: tuple[str, ...]
    phrases: re.Pattern[str] | None

    @classmethod
    def build(cls, keywords: tuple[str, ...]) -> _Prefilter:
        word_lists = [_keyword_words(k) for k in keywords]
        word_lists = [w for w in word_lists if w]
        literals = {max(words, key=len).lower() for words in word_lists}
        phrases = [_KEYWORD_GAP.join(re.escape(w) for w in words) for words in word_lists]
        compiled = re.compile("|".join(phrases), re.IGNORECASE) if phrases else None
        return cls(tuple(sorted(literals)), compiled)

    def matches(self, block: str) -> bool:
        lower = block.lower()
        if not lower.isascii():
            for char, ascii_char in _LOWER_FIXES:
                if char in lower:
                    lower = lower.replace(char, ascii_char)
        if OWN_KEY.lower() in lower:
            return True
        if self.phrases is None or not any(lit in lower for lit in self.literals):
            return False
        return self.phrases.search(block) is not None


# ---------------------------------------------------------------- one block -> properties


@dataclass
class _Props:
    """The top-level properties of one VEVENT we care about, as raw content lines."""

    lines: dict[str, list[str]] = field(default_factory=dict)
    repaired: int = 0  # lines that were not content lines (joined or dropped)

    def first(self, name: str) -> str | None:
        found = self.lines.get(name)
        return found[0] if found else None


def _props(block: str) -> _Props:
    """Collect wanted properties, skipping sub-components (VALARM) and blank lines.

    A line that is no content line at all is most often a description that a broken
    exporter did not fold: it is joined to the text property before it.
    """
    props = _Props()
    depth = 0
    last: str | None = None
    for line in block.split("\n")[1:]:
        if not line.strip():
            continue
        match = _PROP_NAME.match(line)
        name = match.group(1).upper() if match else ""
        if match is None or (last in _TEXT_PROPS and not _is_property(name)):
            props.repaired += 1
            if depth == 0 and last in _TEXT_PROPS and last in props.lines:
                props.lines[last][-1] += "\\n" + line
            continue
        if name in ("BEGIN", "END"):
            if name == "END" and depth == 0:
                break
            depth += 1 if name == "BEGIN" else -1
            continue
        if depth == 0:
            last = name
            if name in _WANTED:
                props.lines.setdefault(name, []).append(line)
    return props


def _is_property(name: str) -> bool:
    return name in _KNOWN_PROPS or name.startswith("X-")


def _split(line: str) -> tuple[dict[str, str], str]:
    """(parameters, raw value) of a content line; parameter values joined with ','.

    icalendar's parser reads the parameters (quoting, RFC 6868); when it refuses them
    (``DTSTART;;VALUE=...``), a simple ``;KEY=VALUE`` reading is the fallback.
    """
    match = _HEAD.match(line)
    if match is not None:
        head, value = line[: match.end() - 1], line[match.end() :]
    else:  # unbalanced quotes (DTSTART;TZID="Zone:2020..."): read it without them
        head, _, value = line.replace('"', "").partition(":")
        if not value:
            raise _EventError(f"malformed line {line[:60]!r}")
    if ";" not in head:
        return {}, value
    from icalendar.parser import Contentline  # lazily: see the module docstring

    try:
        params = Contentline(head + ":").parts()[1]  # type: ignore[no-untyped-call]
        items = [(str(k), v) for k, v in params.items()]
    except ValueError:
        items = [(k, v.strip('"')) for k, v in _PARAM.findall(head[head.index(";") :])]
    return {k.upper(): ",".join(v) if isinstance(v, list) else str(v) for k, v in items}, value


def _unescape(value: str) -> str:
    """RFC 5545 text escapes (``\\n``, ``\\,``...) undone, by icalendar's own rules."""
    if "\\" not in value:
        return value
    from icalendar.parser import unescape_backslash

    return str(unescape_backslash(value))


def _text(line: str | None) -> str:
    return _unescape(_split(line)[1]).strip() if line else ""


def _quick_uid(block: str) -> str | None:
    match = _QUICK_UID.search(block)
    uid = _unescape(match.group(1)).strip() if match else ""
    return uid or None


# ---------------------------------------------------------------- the source


class IcsSource(EventSource):
    """EventSource over one ``.ics`` file (see the module docstring for the choices)."""

    def __init__(
        self,
        path: Path,
        *,
        source_id: str,
        user_tz: str,
        keywords: tuple[str, ...] | Callable[[], tuple[str, ...]],
        all_interviews: bool = False,
        name: str | None = None,
    ) -> None:
        """``keywords`` may be a function: an unchanged calendar is never read, and the
        detection rules that give the words are then never loaded (``plan`` stays quick)."""
        self.path = Path(path)
        self.name = name or str(self.path)  # what warnings call it
        self.source_id = source_id
        self.user_tz = user_tz
        self.user_zone: tzinfo = zoneinfo.ZoneInfo(user_tz)
        self.all_interviews = all_interviews
        self._keywords = keywords

    @cached_property
    def prefilter(self) -> _Prefilter:
        words = self._keywords() if callable(self._keywords) else self._keywords
        return _Prefilter.build(words)

    def fingerprint(self) -> str | None:
        """size:mtime_ns:inode; None when the file is missing (or cannot be stat'ed)."""
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"

    def read(self) -> SourceRead:
        """Read the file; BadInput (one line naming the file) when no calendar is in it."""
        try:
            data, notes = self._load()
            return _Read(self, data, notes).run()
        except BadInput:
            raise
        except Exception as exc:  # a bug or a surprise: still one line, still exit 3
            log.debug("reading %s failed", self.path, exc_info=True)
            raise BadInput(f"{self.path}: cannot be read: {_reason(exc)}") from exc

    def parse(self, text: str) -> SourceRead:
        """Calendar text that came from elsewhere (a CalDAV server's resources, one
        VCALENDAR each, concatenated), read exactly as a file's text is."""
        data, notes = as_utf8(text.encode("utf-8", errors="replace"))
        return _Read(self, data, notes).run()

    def may_matter(self, text: str) -> bool:
        """Cheap test whether a resource may hold an interview, a cancelled one or one of
        our own events: what a cache may leave out without changing the result."""
        return self.all_interviews or self.prefilter.matches(text)

    def _load(self) -> tuple[bytes, list[str]]:
        try:
            size = os.stat(self.path).st_size
            if size > MAX_BYTES:
                raise BadInput(f"{self.path}: too large ({size} bytes, limit {MAX_BYTES})")
            data = self.path.read_bytes()
        except FileNotFoundError as exc:
            raise BadInput(f"{self.path}: no such file") from exc
        except IsADirectoryError as exc:
            raise BadInput(f"{self.path}: is a directory, not a calendar file") from exc
        except OSError as exc:
            raise BadInput(f"{self.path}: cannot be read: {exc.strerror or exc}") from exc
        if not data or data.isspace():  # no stripped copy of a big file
            raise BadInput(f"{self.path}: empty file, no calendar in it")
        data, notes = as_utf8(data)
        if not data or data.isspace():  # no stripped copy of a big file
            raise BadInput(f"{self.path}: empty file, no calendar in it")
        return data, notes


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


class _Read:
    """The state of one read: warnings, zones resolved so far, ids seen."""

    def __init__(self, source: IcsSource, data: bytes, notes: list[str]) -> None:
        self.src = source
        self.name = source.name
        self.scan = _scan(data)
        self.lines = _LineCounter(self.scan.data)
        self.warnings: list[str] = [f"{self.name}: {note}" for note in notes]
        self.unreadable: set[str] = set()
        self.seen: dict[tuple[str, str | None], int] = {}
        self.zones: dict[str, tzinfo] = {}
        self.vtimezones: dict[str, _Block] = {}

    def run(self) -> SourceRead:
        if self.scan.calendars == 0:
            raise BadInput(f"{self.name}: not an iCalendar file (no BEGIN:VCALENDAR)")
        for block in self.scan.blocks:
            if block.kind == "VTIMEZONE":
                self._remember_timezone(block)
        events = [ev for ev in self._events() if ev is not None]
        cut = self.scan.cut_short()
        if cut is not None:
            self.warnings.append(
                f"{self.name}: incomplete calendar ({cut}): it may still be being written;"
                " the last complete read is kept and nothing is removed"
            )
        for line in self.warnings:
            log.debug("%s", line)
        return SourceRead(
            tuple(events), tuple(self.warnings), frozenset(self.unreadable), cut is None
        )

    def _remember_timezone(self, block: _Block) -> None:
        match = _TZID_LINE.search(self.scan.block_text(block))
        if match is not None:
            self.vtimezones.setdefault(_tz_key(match.group(1)), block)

    def _events(self) -> Iterator[SourceEvent | None]:
        for block in self.scan.blocks:
            if block.kind != "VEVENT":
                continue
            text = self.scan.block_text(block)
            if not block.complete:
                self._skip(block, text, "unterminated VEVENT (no END:VEVENT)")
            elif self.src.may_matter(text):
                yield self._convert(block, text)

    def warn(self, line: int | None, message: str) -> None:
        where = f"{self.name}:{line}" if line else self.name
        self.warnings.append(f"{where}: {message}")

    def _skip(self, block: _Block, text: str, reason: str) -> None:
        self.warn(self.lines.line(block.start), f"skipped event: {reason}")
        uid = _quick_uid(text)
        if uid is not None:
            self.unreadable.add(f"{self.src.source_id}/{uid}{self._quick_recurrence(text)}")

    def _quick_recurrence(self, text: str) -> str:
        match = _QUICK_RECURRENCE.search(text)
        if match is None:
            return ""
        try:
            return "@" + _iso(self._when(match.group(0), 0))
        except Exception:
            return ""

    def _convert(self, block: _Block, text: str) -> SourceEvent | None:
        try:
            return self._event(text, self.lines.line(block.start))
        except Exception as exc:
            self._skip(block, text, _reason(exc))
            return None

    # ---- one event

    def _event(self, text: str, line: int) -> SourceEvent | None:
        props = _props(text)
        if props.repaired:
            self.warn(
                line,
                f"{props.repaired} line(s) without a property name "
                "(joined to the text before them, or ignored)",
            )
        start_line = props.first("DTSTART")
        if start_line is None:
            raise _EventError("no DTSTART")
        start = self._when(start_line, line)
        recurrence = props.first("RECURRENCE-ID")
        recurrence_id = _iso(self._when(recurrence, line)) if recurrence else None
        uid = self._uid(props, start_line, line)
        if not self._first_of(uid, recurrence_id, line):
            return None
        return SourceEvent(
            source_id=self.src.source_id,
            uid=uid,
            title=_text(props.first("SUMMARY")),
            start=start,
            end=self._end(props, start, line),
            recurrence_id=recurrence_id,
            description=_text(props.first("DESCRIPTION")),
            location=_text(props.first("LOCATION")),
            status=_text(props.first("STATUS")).upper() or "CONFIRMED",
            organizer=self._attendee(props.first("ORGANIZER"), line),
            attendees=self._attendees(props.lines.get("ATTENDEE", []), line),
            recurring=recurrence_id is None and _has_value(props, "RRULE", "RDATE"),
            conference_url=_conference(props),
            own_key=_text(props.first(OWN_KEY)) or None,
            all_interviews_calendar=self.src.all_interviews,
            line=line,
        )

    def _attendees(self, lines: list[str], line: int) -> tuple[Attendee, ...]:
        return tuple(a for a in (self._attendee(raw, line) for raw in lines) if a)

    def _attendee(self, content_line: str | None, line: int) -> Attendee | None:
        """An attendee whose address is not one plain address (``<a@b>``, ``a@x,b@y``,
        ``a@b?bcc=...``) is dropped with a warning: no draft can go to it, and the rest of
        the event (and of the calendar) is still planned."""
        attendee = _attendee(content_line)
        if attendee is None or usable(attendee.email):
            return attendee
        self.warn(line, f"skipped attendee {attendee.email[:80]!r}: not one plain e-mail address")
        return None

    def _uid(self, props: _Props, start_line: str, line: int) -> str:
        uid = _text(props.first("UID"))
        if uid:
            return uid
        seed = f"{_split(start_line)[1].strip()}\x1f{_text(props.first('SUMMARY'))}"
        uid = "synthetic-" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:24]
        self.warn(line, f"event has no UID; using {uid}")
        return uid

    def _first_of(self, uid: str, recurrence_id: str | None, line: int) -> bool:
        """Keep the first event of a UID (and RECURRENCE-ID); warn about the others."""
        first = self.seen.setdefault((uid, recurrence_id), line)
        if first != line:
            self.warn(line, f"skipped event: duplicate UID {uid[:80]!r} (first at line {first})")
        return first == line

    def _end(self, props: _Props, start: datetime | date, line: int) -> datetime | date | None:
        """DTEND, else DTSTART + DURATION, else None; a bad or backwards end is None."""
        try:
            end = self._raw_end(props, start, line)
        except Exception as exc:
            self.warn(line, f"end of event ignored: {_reason(exc)}")
            return None
        if end is None:
            return None
        if isinstance(end, datetime) != isinstance(start, datetime):
            self.warn(line, "DTEND and DTSTART differ in type (date vs date-time); end ignored")
            return None
        if _before(end, start):
            self.warn(line, "event ends before it starts; end ignored")
            return None
        return end

    def _raw_end(self, props: _Props, start: datetime | date, line: int) -> datetime | date | None:
        end_line = props.first("DTEND")
        if end_line is not None:
            return self._when(end_line, line)
        duration_line = props.first("DURATION")
        if duration_line is None:
            return None
        delta = _duration(_split(duration_line)[1].strip())
        if isinstance(start, datetime):
            return start + delta
        return start + timedelta(days=delta.days)

    # ---- dates and zones

    def _when(self, content_line: str, line: int) -> datetime | date:
        """A DATE or DATE-TIME value: aware, in its TZID, UTC ('Z') or the user's zone."""
        params, raw = _split(content_line)
        value = raw.strip()
        match = _DATE_VALUE.fullmatch(value)
        if match is None:
            raise _EventError(f"invalid date {value[:40]!r}")
        y, mo, d, h, mi, s, utc = match.groups()
        if not FIRST_YEAR <= int(y) <= LAST_YEAR:
            raise _EventError(f"date {value[:40]!r} is out of range ({FIRST_YEAR}-{LAST_YEAR})")
        try:
            if h is None:
                return date(int(y), int(mo), int(d))
            when = datetime(int(y), int(mo), int(d), int(h), int(mi), min(int(s), 59))
        except ValueError as exc:
            raise _EventError(f"invalid date {value[:40]!r}") from exc
        if utc:
            return when.replace(tzinfo=UTC)
        tzid = params.get("TZID", "")
        return when.replace(tzinfo=self._zone(tzid, line) if tzid else self.src.user_zone)

    def _zone(self, tzid: str, line: int) -> tzinfo:
        """zoneinfo, then Windows names, then the file's VTIMEZONE, then vendor-prefixed
        ids (``/mozilla.org/.../Europe/Berlin``), else the user's zone (warned once)."""
        key = _tz_key(tzid)
        zone = self.zones.get(key)
        if zone is None:
            zone = _known_zone(key) or self._file_zone(key) or _prefixed_zone(key)
            if zone is None:
                zone = self.src.user_zone
                self.warn(line, f"unknown time zone {key[:80]!r}; using {self.src.user_tz}")
            self.zones[key] = zone
        return zone

    def _file_zone(self, key: str) -> tzinfo | None:
        block = self.vtimezones.get(key)
        if block is None:
            return None
        from icalendar import Timezone
        from icalendar.timezone import tzp

        try:
            with warnings.catch_warnings(record=True):
                component = Timezone.from_ical(self.scan.block_text(block))
                if not isinstance(component, Timezone):
                    raise _EventError("not a VTIMEZONE")
                zone: tzinfo = component.to_tz(tzp, lookup_tzid=False)
            return zone
        except Exception as exc:
            line = self.lines.line(block.start)
            self.warn(line, f"time zone {key[:80]!r} cannot be read: {_reason(exc)}")
            return None


def _tz_key(tzid: str) -> str:
    return _unescape(tzid).strip().strip('"').strip()


def _duration(value: str) -> timedelta:
    from icalendar.prop import vDuration

    delta = vDuration.from_ical(value)  # type: ignore[no-untyped-call]
    if not isinstance(delta, timedelta):
        raise _EventError(f"invalid DURATION {value[:40]!r}")
    return delta


def _zoneinfo(name: str) -> tzinfo | None:
    if not name or len(name) > 200:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except Exception:  # not found, invalid key, a directory, an absolute path...
        return None


def _known_zone(key: str) -> tzinfo | None:
    zone = _zoneinfo(key)
    if zone is None:
        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

        zone = _zoneinfo(WINDOWS_TO_OLSON.get(key, ""))
    return zone


def _prefixed_zone(key: str) -> tzinfo | None:
    parts = key.strip("/").split("/")
    for i in range(1, len(parts)):
        zone = _zoneinfo("/".join(parts[i:]))
        if zone is not None:
            return zone
    return None


def _before(end: datetime | date, start: datetime | date) -> bool:
    return end < start  # same type: checked by the caller


def _iso(value: datetime | date) -> str:
    """Recurrence ids in UTC, so the same occurrence has the same id whatever its zone."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value.isoformat()


def _has_value(props: _Props, *names: str) -> bool:
    return any(_split(line)[1].strip() for name in names for line in props.lines.get(name, []))


def _attendee(line: str | None) -> Attendee | None:
    """ORGANIZER/ATTENDEE -> Attendee; None when no e-mail address can be found."""
    if line is None:
        return None
    params, value = _split(line)
    email = value.strip().strip('"').strip()
    if email.lower().startswith("mailto:"):
        email = email[7:].strip()
    if "@" not in email and "@" in params.get("EMAIL", ""):
        email = params["EMAIL"].strip().strip('"')
    if "@" not in email or len(email) > 320:
        return None
    name = params.get("CN", "").strip().strip('"').strip()
    return Attendee(
        email=email.lower(),
        name=name or None,
        cutype=params.get("CUTYPE", "").strip().upper() or None,
        partstat=params.get("PARTSTAT", "").strip().upper() or None,
    )


def _conference(props: _Props) -> str | None:
    for name in _CONFERENCE_PROPS:
        for line in props.lines.get(name, []):
            value = _split(line)[1].strip()
            if _MEETING.search(value[:2000]):
                return value[:2000]
    return None
