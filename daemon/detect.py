"""Calendar events -> interviews (rules, sections 1 and 2). Pure: no I/O, no clock.

Every text this module reads (titles, descriptions, names) comes from an invitation that
anyone can send, so it is treated as hostile: regexes are bounded (no nested unbounded
quantifiers, no lazy scans over whole descriptions), field values are capped and stripped
of control characters before they reach templates, e-mail headers or the state store.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from daemon.addresses import usable
from daemon.model import (
    FIRST_YEAR,
    LAST_YEAR,
    Attendee,
    Cancellation,
    Interview,
    Kind,
    Person,
    Skip,
    SourceEvent,
    StatedTimeline,
)
from daemon.settings import DetectionSettings, UserSettings

FIELD_LIMIT = 200  # longest company / role / name / timeline text we keep
TITLE_LIMIT = 300
_LINE_LIMIT = 1000  # a description line longer than this is read only this far

# Skip reasons, as shown to the user (``plan --json`` "skipped").
DECLINED = "declined"
CANCELLED = "cancelled"
ALL_DAY = "all-day event"
RECURRING = "recurring series"
OUT_OF_RANGE = f"date outside the years {FIRST_YEAR}-{LAST_YEAR}"

# C0/C1 controls, zero-width and bidi-control characters: they spoof or break headers.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_SEPARATOR = re.compile(r" [-–—] |: ")
_FIELD = re.compile(
    r"^[ \t>*•\-]{0,10}(company|role|position|contact|round|timeline|decision|prefers)"
    r"[ \t]{0,10}:[ \t]{0,10}([^\n]{0," + str(_LINE_LIMIT) + "})",
    re.IGNORECASE | re.MULTILINE,
)
_HTML_BREAK = re.compile(r"<\s{0,5}(?:br|/p|p|/div|div|/li|li|/tr|tr)\b[^<>]{0,300}>", re.I)
_HTML_TAG = re.compile(
    r"</?\s{0,5}(?:html|head|body|span|b|i|u|em|strong|font|a|ul|ol|table|tbody|td|th|h\d)"
    r"\b[^<>]{0,300}>",
    re.I,
)
_EMAIL = re.compile(r"[^\s<>@,;:\"'()\[\]]{1,64}@[^\s<>@,;:\"'()\[\]]{1,253}")
_VIDEO = re.compile(
    r"(?<![\w-])(?:meet\.google\.com|zoom\.us|zoom\.com|teams\.microsoft\.com|teams\.live\.com)",
    re.I,
)
_PHONE_NUMBER = re.compile(r"(?:tel:|phone:?|call:?)?[ \t]{0,3}\+?[\d \t().\-/]{7,40}", re.I)
_URLISH = re.compile(r"https?://|www\.", re.I)
_VIRTUAL = re.compile(
    r"(?<!\w)(?:zoom|meet|google meet|teams|microsoft teams|webex|skype|hangouts?|online|"
    r"virtual|remote|video|phone|call|tbd|tba|n/a|none)(?!\w)",
    re.I,
)
_WORD_FINAL = re.compile(r"(?<!\w)final(?!\w)", re.I)
_WORD_PANEL = re.compile(r"(?<!\w)panel(?!\w)", re.I)
_WORD_PHONE = re.compile(r"(?<!\w)(?:phone|call|screen|telephone)(?!\w)", re.I)
_PREFERS_PHONE = re.compile(r"(?:a[ \t]+)?(?:phone|call|telephone)(?!\w)", re.I)
_TITLE_PREFIX = re.compile(
    r"^(?:(?:re|fw|fwd|updated|invitation|updated invitation|accepted|tentative|declined|"
    r"canceled|cancelled)[ \t]{0,3}:[ \t]{0,3}){1,5}",
    re.I,
)
_ORDINALS: dict[str, int] = {
    "first": 1, "one": 1, "1st": 1, "second": 2, "two": 2, "2nd": 2,
    "third": 3, "three": 3, "3rd": 3, "fourth": 4, "four": 4, "4th": 4,
    "fifth": 5, "five": 5, "5th": 5, "sixth": 6, "six": 6, "6th": 6,
    "seventh": 7, "seven": 7, "7th": 7, "eighth": 8, "eight": 8, "8th": 8,
    "ninth": 9, "nine": 9, "9th": 9, "tenth": 10, "ten": 10, "10th": 10,
}  # fmt: skip
_ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
)
_NUMBER = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
_TITLE_ROUND = re.compile(
    rf"(?<!\w)(?:(?P<ord>{_ORDINAL})[ \t\-]{{1,3}}(?:round|interview|stage)"
    rf"|round[ \t\-#]{{1,3}}(?P<num>{_NUMBER}))(?!\w)",
    re.I,
)
_ROUND_VALUE = re.compile(rf"^(?:#[ \t]?)?(?P<v>{_ORDINAL}|{_NUMBER})(?!\w)", re.I)
_ROLE_NOISE = re.compile(
    rf"(?<!\w)(?:{_ORDINAL}[ \t\-]{{1,3}}round|round[ \t\-#]{{1,3}}{_NUMBER}|phone|video|"
    r"virtual|panel|final|call|chat|screen|onsite|on-site|zoom|teams|round|the|a|an|and)(?!\w)",
    re.I,
)
_BRACKETED = re.compile(r"\([^()]{0,200}\)|\[[^\[\]]{0,200}\]")
_EDGE_PUNCT = " \t-–—:;,.|/&+*_#()[]{}\"'"
_ARTICLE = re.compile(r"^(?:the|a|an)[ \t]+", re.I)
_ROLE_TAIL = re.compile(r"(?<!\w)(?:role|position)$", re.I)
_INTERNAL_DOMAINS = ("calendar.google.com", "resource.calendar.google.com")


@dataclass(frozen=True)
class Detection:
    """What ``detect`` found in one batch of events."""

    interviews: tuple[Interview, ...]  # sorted by start
    skipped: tuple[Skip, ...]
    cancellations: tuple[Cancellation, ...]


@dataclass(frozen=True)
class _Rules:
    """The detection settings, compiled once."""

    patterns: re.Pattern[str]
    exclusions: re.Pattern[str]
    tag: re.Pattern[str]
    free_mail: frozenset[str]
    default_length: timedelta


def clean_text(text: str, limit: int = FIELD_LIMIT) -> str:
    """One line, no control characters, collapsed spaces, at most ``limit`` characters.

    Values from invitations end up in e-mail headers and templates: a line break there is
    a header injection, a bidi override a spoof.
    """
    flat = " ".join(_CONTROL.sub(" ", text[: limit * 4]).split())
    return flat[:limit].rstrip()


def phrase_regex(pattern: str) -> str:
    """A pattern as a whole-word, case-insensitive phrase: words may be separated by any
    run of spaces or hyphens, so "on-site" also matches "on site" and "phone  screen"."""
    words = [re.escape(w) for w in re.split(r"[\s\-]+", pattern.strip()) if w]
    if not words:
        return "(?!)"
    return r"(?<!\w)" + r"[\s\-]+".join(words) + r"(?!\w)"


def _rules(settings: DetectionSettings) -> _Rules:
    """The settings compiled, cached by value (lists from a caller are fine too)."""
    return _compile(
        tuple(settings.patterns),
        tuple(settings.exclusions),
        settings.tag,
        tuple(settings.free_mail_domains),
        settings.default_length_minutes,
    )


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    parts = [phrase_regex(p) for p in patterns if p.strip()]
    return re.compile("|".join(parts) or "(?!)", re.IGNORECASE)


@lru_cache(maxsize=32)
def _compile(
    patterns: tuple[str, ...],
    exclusions: tuple[str, ...],
    tag: str,
    free_mail: tuple[str, ...],
    length_minutes: int,
) -> _Rules:
    return _Rules(
        patterns=_alternation(patterns),
        exclusions=_alternation(exclusions),
        tag=_alternation([tag]),
        free_mail=frozenset(d.lower() for d in free_mail),
        default_length=timedelta(minutes=max(1, length_minutes)),
    )


def _user_addresses(user: UserSettings) -> frozenset[str]:
    return frozenset(a.strip().lower() for a in (user.email, *user.aliases) if a.strip())


def _domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def _is_user(att: Attendee, addresses: frozenset[str]) -> bool:
    return att.is_self or att.email.strip().lower() in addresses


def _is_room(att: Attendee) -> bool:
    return att.resource or (att.cutype or "").upper() in ("ROOM", "RESOURCE")


# ---------------------------------------------------------------- detection (section 1)


def _title(event: SourceEvent) -> str:
    return clean_text(event.title, TITLE_LIMIT)


def _matches(event: SourceEvent, rules: _Rules) -> bool:
    """Section 1: a title pattern and no exclusion, or the calendar, or the tag."""
    title = _title(event)
    if rules.patterns.search(title) and not rules.exclusions.search(title):
        return True
    return event.all_interviews_calendar or _has_tag(event, rules)


def _excluded_by(title: str, rules: _Rules) -> str | None:
    """The exclusion that vetoed a title that otherwise matches, if that is what happened."""
    if not rules.patterns.search(title):
        return None
    hit = rules.exclusions.search(title)
    return hit.group(0).lower() if hit else None


def _has_tag(event: SourceEvent, rules: _Rules) -> bool:
    return rules.tag.search(event.description) is not None


def _declined(event: SourceEvent, addresses: frozenset[str]) -> bool:
    return any(
        _is_user(a, addresses) and (a.partstat or "").upper() == "DECLINED"
        for a in event.attendees
    )


def _skip_reason(event: SourceEvent, rules: _Rules, addresses: frozenset[str]) -> str | None:
    """Why a matching event is still not an interview, or None when it is one."""
    if event.status.upper() == "CANCELLED":
        return CANCELLED
    if _declined(event, addresses):
        return DECLINED
    if event.all_day:
        return ALL_DAY
    if not FIRST_YEAR <= event.start.year <= LAST_YEAR:
        return OUT_OF_RANGE  # no plan can be computed (Python's dates end in 9999)
    if event.recurring:
        return RECURRING
    if event.recurrence_id and not _has_tag(event, rules):
        return RECURRING
    return None


def detect(
    events: Iterable[SourceEvent], detection: DetectionSettings, user: UserSettings
) -> Detection:
    """Sort events into interviews, skips (with the reason) and cancellations.

    Events that match no rule are ignored without a trace, and so are the daemon's own
    events (``own_key``): reporting a dentist appointment as "skipped" would be noise.
    """
    rules = _rules(detection)
    addresses = _user_addresses(user)
    zone = _zone(user.timezone)
    interviews: list[Interview] = []
    skipped: list[Skip] = []
    cancellations: list[Cancellation] = []
    seen: set[str] = set()
    for event in events:
        if event.own_key or event.interview_id in seen:
            continue  # a repeated id (a source listing an event twice) keeps the first
        title = _title(event)
        if not _matches(event, rules):
            excluded = _excluded_by(title, rules)
            if excluded:  # shown, so a user can see why "Mock interview" is not planned
                seen.add(event.interview_id)
                skipped.append(Skip(event.interview_id, title, f"excluded by '{excluded}'"))
            continue
        seen.add(event.interview_id)
        reason = _skip_reason(event, rules, addresses)
        if reason == CANCELLED:
            cancellations.append(Cancellation(event.interview_id, title))
        if reason is not None:
            skipped.append(Skip(event.interview_id, title, reason))
            continue
        interviews.append(_interview(event, rules, user, addresses, zone))
    return Detection(
        interviews=_number_rounds(interviews),
        skipped=tuple(skipped),
        cancellations=tuple(cancellations),
    )


def _zone(name: str) -> tzinfo:
    """The user's zone, for start times an adapter left naive (should not happen)."""
    try:
        return ZoneInfo(name)
    except Exception:  # unknown or malformed zone name: config validation reports it
        return ZoneInfo("UTC")


# ---------------------------------------------------------------- extraction (section 2)


@dataclass(frozen=True)
class _Fields:
    """The labelled lines of a description (first of each label wins), cleaned."""

    company: str | None = None
    role: str | None = None
    contact: str | None = None
    round: str | None = None
    timeline: str | None = None
    prefers: str | None = None


_LABELS = {
    "company": "company",
    "role": "role",
    "position": "role",
    "contact": "contact",
    "round": "round",
    "timeline": "timeline",
    "decision": "timeline",
    "prefers": "prefers",
}


def description_text(description: str) -> str:
    """Plain text of a description; Google sends HTML (``<br>``), so break lines there.

    Only known tags are removed, so ``Contact: Sam <sam@acme.com>`` keeps its address.
    """
    text = description.replace("\r\n", "\n").replace("\r", "\n")
    if "<" in text:
        text = _HTML_TAG.sub("", _HTML_BREAK.sub("\n", text))
        if "&" in text:
            text = html.unescape(text)
    return text


def _fields(description: str) -> _Fields:
    found: dict[str, str] = {}
    for match in _FIELD.finditer(description_text(description)):
        key = _LABELS[match.group(1).lower()]
        if key in found:
            continue
        value = clean_text(match.group(2)).strip("*_ ")
        if value:
            found[key] = value
        if len(found) == len(set(_LABELS.values())):
            break
    return _Fields(**found)


def _interview(
    event: SourceEvent,
    rules: _Rules,
    user: UserSettings,
    addresses: frozenset[str],
    zone: tzinfo,
) -> Interview:
    fields = _fields(event.description)
    title = _title(event)
    domains = _company_domains(event, rules, addresses)
    title_company, title_role = read_title(title, rules.patterns, domains)
    company = fields.company or title_company or _company_from_domains(domains)
    interviewers = _interviewers(event, addresses)
    start = _aware(event.start, zone)
    explicit = _explicit_round(fields.round, title)
    return Interview(
        id=event.interview_id,
        source_id=event.source_id,
        uid=event.uid,
        title=title,
        start=start,
        end=_end(event, start, rules.default_length, zone),
        company=company,
        role=fields.role or title_role,
        kind=_kind(event, title, interviewers),
        round=explicit or 0,  # 0: numbered across the batch by _number_rounds
        interviewers=interviewers,
        contact=_contact(fields.contact, event, interviewers, addresses),
        domains=frozenset(domains),
        timeline=StatedTimeline(fields.timeline, "description") if fields.timeline else None,
        prefers_phone=bool(fields.prefers and _PREFERS_PHONE.match(fields.prefers)),
        explicit_round=explicit is not None,
        recurrence_id=event.recurrence_id,
        location=clean_text(event.location),
    )


def _aware(value: datetime | date, zone: tzinfo) -> datetime:
    if not isinstance(value, datetime):  # not reached: all-day events are skipped
        value = datetime(value.year, value.month, value.day)
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def _end(event: SourceEvent, start: datetime, default: timedelta, zone: tzinfo) -> datetime:
    """The event's end, or start + the default length when it has none (or a bad one)."""
    end = event.end
    if isinstance(end, datetime):
        aware = _aware(end, zone)
        if aware > start:
            return aware
    return start + default


# ---- title


def read_title(
    title: str, patterns: re.Pattern[str], domains: Sequence[str] = ()
) -> tuple[str | None, str | None]:
    """(company, role) read from a title, as the rules' "Reading a title" describes.

    Split at " - ", " – ", " — " or ": "; the part containing a detection pattern is the
    kind part; "at X" / "with X" in it name the company ("at" wins when both appear, as in
    "Interview with Jane at Acme"), "for Y" the role. Otherwise the company is the first
    other part and the role what is left of the kind part, or else another part. A title
    without a kind part (found by tag or calendar) gives nothing: "Lunch - Bob" is not a
    company. One refinement: a leftover equal to a company domain's label ("Acme
    interview" sent from acme.com) is the company, not the role.
    """
    title = _TITLE_PREFIX.sub("", title)
    parts = [p.strip() for p in _SEPARATOR.split(title) if p.strip()]
    kind_index = next((i for i, p in enumerate(parts) if patterns.search(p)), None)
    if kind_index is None:
        return None, None
    phrases, rest = _phrases(parts[kind_index])
    others = [p for i, p in enumerate(parts) if i != kind_index]
    company = phrases.get("at") or phrases.get("with")
    if company is None and others:
        company = others.pop(0)
    leftover = _role_leftover(patterns.sub(" ", rest))
    if company is None and leftover and leftover.lower() in {_label(d) for d in domains}:
        company, leftover = leftover, None
    role = _role_phrase(phrases.get("for")) or leftover or (others[0] if others else None)
    return _value(company), _value(role)


def _phrases(part: str) -> tuple[dict[str, str], str]:
    """Split "X with A for B at C" into {"with": A, "for": B, "at": C} and the rest "X"."""
    phrases: dict[str, list[str]] = {}
    rest: list[str] = []
    current: list[str] = rest
    for word in part.split():
        key = word.lower()
        if key in ("with", "at", "for") and key not in phrases:
            current = phrases.setdefault(key, [])
        else:
            current.append(word)
    joined = {k: " ".join(v) for k, v in phrases.items() if v}
    return joined, " ".join(rest)


def _role_phrase(text: str | None) -> str | None:
    """"for the SRE role" names the role "SRE"."""
    if not text:
        return None
    text = _ROLE_TAIL.sub("", _ARTICLE.sub("", text.strip())).strip(_EDGE_PUNCT)
    return text or None


def _role_leftover(text: str) -> str | None:
    text = _BRACKETED.sub(" ", text)
    text = _ROLE_NOISE.sub(" ", text)
    text = " ".join(text.split()).strip(_EDGE_PUNCT)
    text = _ROLE_TAIL.sub("", text).strip(_EDGE_PUNCT)
    return text if any(c.isalnum() for c in text) else None


def _value(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = clean_text(text).strip(_EDGE_PUNCT)
    return cleaned if any(c.isalnum() for c in cleaned) else None


# ---- people and domains


def _interviewers(event: SourceEvent, addresses: frozenset[str]) -> tuple[Person, ...]:
    """Attendees minus the user, rooms/resources and decliners; one per address."""
    seen: set[str] = set()
    people: list[Person] = []
    for att in event.attendees:
        email = clean_text(att.email, 320).lower()
        if email in seen or _is_user(att, addresses) or _is_room(att) or not usable(email):
            continue
        if (att.partstat or "").upper() == "DECLINED":
            continue
        seen.add(email)
        people.append(Person(_name(att.name), email))
    return tuple(people)


def _name(raw: str | None) -> str | None:
    """A display name; an address used as a name (``CN=jane@acme.com``) is no name."""
    name = clean_text(raw or "").strip("\"' ")
    return name if name and "@" not in name else None


def _company_domains(
    event: SourceEvent, rules: _Rules, addresses: frozenset[str]
) -> list[str]:
    """Company domains, most common first (organizer first on ties, then first seen).

    Free-mail, the user's own domains, rooms and Google's calendar-internal addresses
    (resource and group calendars) say nothing about the company.
    """
    own = {_domain(a) for a in addresses}
    people = [event.organizer] if event.organizer else []
    people += [a for a in event.attendees if not _is_room(a)]
    counts: dict[str, int] = {}
    for person in people:
        if person is None or _is_user(person, addresses):
            continue
        domain = _domain(clean_text(person.email, 320))
        if not domain or "." not in domain or domain in own or domain in rules.free_mail:
            continue
        if domain.endswith(_INTERNAL_DOMAINS):
            continue
        counts[domain] = counts.get(domain, 0) + 1
    # sorted() is stable: on equal counts the organizer's domain, then first seen, wins.
    return sorted(counts, key=lambda d: -counts[d])


def _label(domain: str) -> str:
    return domain.split(".", 1)[0]


def _company_from_domains(domains: Sequence[str]) -> str | None:
    """``piedpiper.com`` gives ``Piedpiper``: the first label, capitalised."""
    if not domains:
        return None
    return _value(_label(domains[0]).capitalize())


def _contact(
    line: str | None,
    event: SourceEvent,
    interviewers: tuple[Person, ...],
    addresses: frozenset[str],
) -> Person | None:
    """A ``Contact:`` line, else the organizer (not the user), else the first interviewer."""
    from_line = _parse_contact(line, event) if line else None
    if from_line is not None:
        return from_line
    org = event.organizer
    if org is not None and not _is_user(org, addresses):
        email = clean_text(org.email, 320).lower()
        if usable(email) and not _domain(email).endswith(_INTERNAL_DOMAINS):
            return Person(_name(org.name), email)
    return interviewers[0] if interviewers else None


def _parse_contact(line: str, event: SourceEvent) -> Person | None:
    """``Name <mail>``, ``<mail>`` or ``mail``; a bare name is looked up among the guests."""
    match = _EMAIL.search(line)
    if match is not None and "." in _domain(match.group(0)):
        name = line[: match.start()].replace("<", " ").strip(_EDGE_PUNCT + "<> ")
        return Person(_name(name), match.group(0).lower())
    wanted = line.strip(_EDGE_PUNCT).lower()
    guests = [event.organizer, *event.attendees] if event.organizer else [*event.attendees]
    for guest in guests:
        if guest is not None and guest.name and clean_text(guest.name).lower() == wanted:
            return Person(_name(guest.name), clean_text(guest.email, 320).lower())
    return None


# ---- kind and round


def _kind(event: SourceEvent, title: str, interviewers: tuple[Person, ...]) -> Kind | None:
    """final > panel > phone (without a video link) > video > onsite; else None."""
    location = clean_text(event.location)
    video = any(
        _VIDEO.search(text) for text in (event.conference_url or "", location, event.description)
    )
    if _WORD_FINAL.search(title):
        return "final"
    if len(interviewers) >= 2 or _WORD_PANEL.search(title):
        return "panel"
    if (_WORD_PHONE.search(title) or _is_phone_number(location)) and not video:
        return "phone"
    if video:
        return "video"
    if _is_physical(location):
        return "onsite"
    return None


def _is_phone_number(location: str) -> bool:
    if not _PHONE_NUMBER.fullmatch(location.strip()):
        return False
    return 7 <= sum(c.isdigit() for c in location) <= 15


def _is_physical(location: str) -> bool:
    """A place you can walk into: not a link, a phone number or "Zoom"/"online"/"TBD"."""
    if not any(c.isalnum() for c in location) or _is_phone_number(location):
        return False
    return not (_URLISH.search(location) or _VIDEO.search(location) or _VIRTUAL.search(location))


def _round_number(word: str) -> int | None:
    value = _ORDINALS.get(word.lower())
    if value is None:
        digits = re.match(r"\d{1,2}", word)
        value = int(digits.group(0)) if digits else None
    return value if value is not None and 1 <= value <= 99 else None


def _explicit_round(line: str | None, title: str) -> int | None:
    """A ``Round:`` line, else "second round" / "2nd interview" / "round 3" in the title."""
    if line:
        match = _ROUND_VALUE.match(line)
        number = _round_number(match.group("v")) if match else None
        if number is not None:
            return number
    match = _TITLE_ROUND.search(title)
    if match is not None:
        return _round_number(match.group("ord") or match.group("num"))
    return None


def _company_key(interview: Interview) -> str | None:
    return interview.company.casefold() if interview.company else None


def _number_rounds(interviews: list[Interview]) -> tuple[Interview, ...]:
    """Sort by start; an interview without an explicit round is round "earlier interviews
    with the same company + 1", counted across this batch (unknown company: round 1)."""
    ordered = sorted(interviews, key=lambda iv: (iv.start, iv.id))
    starts: dict[str, list[datetime]] = {}
    for iv in ordered:
        key = _company_key(iv)
        if key is not None:
            starts.setdefault(key, []).append(iv.start)
    numbered: list[Interview] = []
    for iv in ordered:
        if iv.explicit_round:
            numbered.append(iv)
            continue
        key = _company_key(iv)
        earlier = bisect.bisect_left(starts[key], iv.start) if key is not None else 0
        numbered.append(replace(iv, round=earlier + 1))
    return tuple(numbered)


# ---------------------------------------------------------------- next rounds (section 5)


def same_company(a: Interview, b: Interview) -> bool:
    """Same name (case-insensitive) or a shared company domain; unknown never matches."""
    key_a, key_b = _company_key(a), _company_key(b)
    if key_a is None or key_b is None:
        return False
    return key_a == key_b or bool(a.domains & b.domains)


def superseded_by(interviews: Sequence[Interview]) -> dict[str, str]:
    """Earlier round id -> id of the next later interview with the same company.

    "Next" (the first later one, not the last) gives a chain r1 -> r2 -> r3, so each
    round points at the one that replaced it.
    """
    ordered = sorted(interviews, key=lambda iv: (iv.start, iv.id))
    result: dict[str, str] = {}
    for i, earlier in enumerate(ordered):
        for later in ordered[i + 1 :]:
            if later.start > earlier.start and same_company(earlier, later):
                result[earlier.id] = later.id
                break
    return result
