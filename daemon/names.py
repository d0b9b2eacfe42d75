"""Reading people's names as calendars and address books write them.

A display name is whatever an organizer's tool put in ``CN`` or ``displayName``:
``Rachael Rosen (she/her)``, ``Tyrell, Eldon``, ``Dr. Priya Shah, PhD``, ``Talent
Acquisition``, or nothing but an address. Drafts greet a person by first name, a team
mailbox neutrally, and must never guess: a name this module is unsure of comes back as
``unknown`` so the draft shows a marker instead. Detection uses the same parsing to read
``Last, First`` attendee names. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

NameKind = Literal["person", "team", "unknown"]

# Words that make a display name or a mailbox a team rather than a person.
_TEAM_WORDS = frozenset(
    {
        "acquisition", "admin", "calendar", "careers", "career", "department", "dept",
        "group", "hiring", "hr", "human", "interviews", "jobs", "noreply", "no-reply",
        "office", "people", "recruiting", "recruitment", "recruiters", "resources",
        "scheduling", "staffing", "support", "talent", "team", "inc", "inc.", "llc", "ltd",
        "gmbh", "corp", "corp.", "company",
    }
)  # fmt: skip
# Mailbox local parts (split on . _ - +) that belong to no single person.
_TEAM_MAILBOXES = _TEAM_WORDS | frozenset(
    {"info", "hello", "contact", "jobs", "ta", "do-not-reply", "donotreply", "mail", "hr"}
)
# Honorifics before a name and letters after it: neither is what a person is called by.
_PREFIXES = frozenset(
    {"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame", "rev", "hon"}
)
_SUFFIXES = frozenset(
    {
        "jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "cpa", "pmp", "esq", "msc",
        "bsc", "ma", "ba", "ms", "cfa", "sphr", "phr", "shrm-cp", "shrm-scp", "rn", "pe",
        "dds", "jd", "ceng", "frsa",
    }
)  # fmt: skip
# Lower-case surname particles: part of the last name, never a first name.
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "la", "le"})
# Job words sometimes appended after a comma or dash ("Jane Doe, Recruiter").
_JOB_WORDS = frozenset(
    {
        "recruiter", "coordinator", "manager", "engineer", "director", "lead", "partner",
        "specialist", "sourcer", "vp", "ceo", "cto", "founder", "head", "president",
        "generalist", "analyst", "consultant", "designer", "developer",
    }
)  # fmt: skip

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}|<[^>]*>")
_PRONOUNS = re.compile(
    r"\b(?:she|he|they|ze|xe|any)\s*/\s*(?:her|hers|him|his|them|theirs|zir|xem|pronouns)"
    r"(?:\s*/\s*(?:hers|his|theirs|them|her|him))?\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")
_SEPARATORS = re.compile(r"\s+[-–—|·•/]\s+|\s*\|\s*")
_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.\-])*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class ParsedName:
    """What a display name says about who is behind an address.

    ``first`` is the name to greet a person by (a nickname in quotes wins), ``full`` the
    name in reading order without pronouns, honorifics or letters (``Eldon Tyrell`` for
    ``Tyrell, Eldon``). For a team, ``full`` is the cleaned display name (may be empty);
    for ``unknown``, ``first`` and ``last`` are empty.
    """

    kind: NameKind
    first: str = ""
    last: str = ""
    full: str = ""


UNKNOWN = ParsedName("unknown")


def parse_name(display: str | None, email: str | None = None) -> ParsedName:
    """Parse ``display`` (the address ``email`` helps to settle ``Last, First``)."""
    local = _local_part(email)
    text = _clean(display)
    if not text or "@" in text:
        return _from_local_part(local)
    nickname = _nickname(text)
    text = _strip_decorations(text)
    segments = [s.strip(" ,;") for s in _SEPARATORS.split(text) if s.strip(" ,;")]
    if not segments:
        return _from_local_part(local)
    if _is_team(segments[0]) or (len(segments[0].split()) == 1 and any(map(_is_team, segments))):
        return ParsedName("team", full=" ".join(segments[0].split()))
    words = _ordered_words(segments[0], local)
    if words is None:
        return ParsedName("unknown", full=segments[0])
    words = _drop_titles(words)
    if not words or not all(_WORD.match(w) for w in words):
        return ParsedName("unknown", full=segments[0])
    words = _fix_case(words)
    first = nickname or words[0]
    if _is_initial(first) or first.lower() in _PARTICLES:
        return ParsedName("unknown", full=" ".join(words))
    return ParsedName("person", first, " ".join(words[1:]), " ".join(words))


def natural_name(display: str | None, email: str | None = None) -> str | None:
    """The name in reading order, cleaned: ``Tyrell, Eldon (he/him)`` -> ``Eldon Tyrell``.

    None when the display name holds no person's name (a team, an address, nothing).
    """
    parsed = parse_name(display, email)
    return parsed.full if parsed.kind == "person" else None


def same_name(a: str | None, b: str | None) -> bool:
    """Whether two display names name the same person, whatever their order or decoration
    (``Candidate, Alex`` and ``Alex Candidate (they/them)``); unknown names never match."""
    left, right = natural_name(a), natural_name(b)
    if not left or not right:
        return False
    return _tokens(left) == _tokens(right)


def refers_to(query: str, display: str | None, email: str) -> bool:
    """Whether ``query`` (typed by the user: a first name, a full name in either order, or
    an address) names the person ``display <email>``; case-insensitive."""
    wanted = " ".join(_clean(query).casefold().split())
    if not wanted:
        return False
    if wanted == email.strip().casefold():
        return True
    parsed = parse_name(display, email)
    names = {parsed.first.casefold(), " ".join(_clean(display).casefold().split())}
    if parsed.kind == "person" and (wanted == parsed.first.casefold() or same_name(query, display)):
        return True
    return wanted in names - {""}


# --------------------------------------------------------------------------- helpers


def _clean(text: str | None) -> str:
    flat = _CONTROL.sub(" ", text or "")
    return " ".join(flat.split()).strip("\"'“”‘’ ")


def _local_part(email: str | None) -> str:
    return (email or "").strip().rpartition("@")[0].casefold()


def _from_local_part(local: str) -> ParsedName:
    """``jane.doe@`` gives Jane Doe; a team mailbox a team; ``jdoe@`` or ``jane@`` unsure."""
    parts = [p for p in re.split(r"[._+\-]", local) if p]
    if not parts:
        return UNKNOWN
    if any(p in _TEAM_MAILBOXES for p in parts) or local in _TEAM_MAILBOXES:
        return ParsedName("team")
    if len(parts) in (2, 3) and all(p.isalpha() for p in parts) and len(parts[0]) > 1:
        words = [p.capitalize() for p in parts]
        return ParsedName("person", words[0], " ".join(words[1:]), " ".join(words))
    return UNKNOWN


def _nickname(text: str) -> str | None:
    """``Robert "Bob" Smith`` and ``Robert (Bob) Smith`` are greeted as Bob."""
    quoted = _QUOTED.search(text)
    if quoted and _WORD.match(quoted.group(1).strip()):
        return _fix_case([quoted.group(1).strip()])[0]
    inner = re.search(r"\S\s+\(([^\W\d_]+)\)\s+\S", text)
    if inner and inner.group(1).lower() not in _PRONOUN_WORDS:
        return _fix_case([inner.group(1)])[0]
    return None


_PRONOUN_WORDS = frozenset({"she", "he", "they", "her", "him", "them", "ze", "xe"})


def _strip_decorations(text: str) -> str:
    """Remove quoted nicknames, bracketed notes and pronouns (inside brackets or not)."""
    text = _QUOTED.sub(" ", text)
    text = _BRACKETS.sub(" ", text)
    text = _PRONOUNS.sub(" ", text)
    return " ".join(text.split())


def _is_team(segment: str) -> bool:
    words = {w.strip(".,").casefold() for w in segment.split()}
    return bool(words & _TEAM_WORDS)


def _ordered_words(segment: str, local: str) -> list[str] | None:
    """The words of a name in reading order; ``Last, First`` turned around.

    Parts after a comma that are letters (PhD) or a job (Recruiter) are dropped. With two
    parts left, ``Last, First`` is certain when the part before the comma is one surname
    (particles aside) or the address confirms it; otherwise None (unsure).
    """
    parts = [p.strip() for p in segment.split(",") if p.strip()]
    parts = [parts[0], *(p for p in parts[1:] if not _is_decoration(p))] if parts else []
    if len(parts) == 1:
        return parts[0].split()
    if len(parts) != 2:
        return None
    before, after = parts[0].split(), parts[1].split()
    surname = [w for w in before if w.casefold() not in _PARTICLES]
    given = after[0].casefold().strip(".")
    if len(surname) <= 1 or (local and local.startswith(given)):
        return after + before
    if local and local.startswith(before[0].casefold()):
        return before  # "Jane Doe, Acme": the address says Jane
    return None


def _is_decoration(part: str) -> bool:
    words = [w.strip(".").casefold() for w in part.split()]
    return all(w in _SUFFIXES or w in _JOB_WORDS for w in words)


def _drop_titles(words: list[str]) -> list[str]:
    out = list(words)
    while out and out[0].strip(".").casefold() in _PREFIXES:
        out.pop(0)
    while out and out[-1].strip(".,").casefold() in _SUFFIXES:
        out.pop()
    return [w.strip(",") for w in out]


def _fix_case(words: list[str]) -> list[str]:
    """``JANE DOE`` and ``jane doe`` read as Jane Doe; mixed case (McDonald) is kept."""
    joined = "".join(words)
    if joined.isupper() or joined.islower():
        return ["-".join(p.capitalize() for p in w.split("-")) for w in words]
    return words


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) <= 1


def _tokens(name: str) -> frozenset[str]:
    return frozenset(name.casefold().split())
