"""Calendar events -> interviews (rules, sections 1 and 2). Pure: no I/O, no clock.

Every text this module reads (titles, descriptions, names) comes from an invitation that
anyone can send, so it is treated as hostile: regexes are bounded (no nested unbounded
quantifiers, no lazy scans over whole descriptions), field values are capped and stripped
of control characters before they reach templates, e-mail headers or the state store.

The reading itself lives in small modules: ``titles`` (a title's parts), ``invite_text``
(the description), ``who`` (which addresses are people). Each field is read together with
where it came from, so ``plan --explain`` can show it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from daemon import invite_text, titles
from daemon.addresses import usable
from daemon.model import (
    FIRST_YEAR,
    LAST_YEAR,
    Cancellation,
    Interview,
    Kind,
    Person,
    Skip,
    SourceEvent,
    StatedTimeline,
)
from daemon.reading import (
    READING_VERSION,
    Detection,
    ExplainRow,
    company_key,
    same_company,
    superseded_by,
)
from daemon.settings import DetectionSettings, UserSettings
from daemon.text import FIELD_LIMIT, clean_text, description_text
from daemon.titles import Context, Found
from daemon.who import (
    NotPeople,
    User,
    display_name,
    domain_of,
    is_person,
    is_room,
    is_team_name,
    name_key,
    not_people,
    team_words_removed,
)

__all__ = [
    "ALL_DAY",
    "CANCELLED",
    "DECLINED",
    "FIELD_LIMIT",
    "NOT_INVITED",
    "READING_VERSION",
    "RECURRING",
    "Detection",
    "ExplainRow",
    "clean_text",
    "description_text",
    "detect",
    "explain",
    "phrase_regex",
    "prefilter_keywords",
    "read_title",
    "same_company",
    "superseded_by",
]

TITLE_LIMIT = 300

# Skip reasons, as shown to the user (``plan --json`` "skipped").
DECLINED = "declined"
CANCELLED = "cancelled"
ALL_DAY = "all-day event"
RECURRING = "recurring series"
NOT_INVITED = "not your interview: you are not invited (an interviewer-side event)"
OUT_OF_RANGE = f"date outside the years {FIRST_YEAR}-{LAST_YEAR}"

# Words that say an invitation comes from the hiring side (substrings: "recruit" is in
# "Recruiter", "Recruiting", "recruitment"). Also pre-filter keywords of the .ics reader.
HIRING_WORDS: tuple[str, ...] = ("recruit", "hiring", "talent", "careers")
_HIRING = re.compile("|".join(HIRING_WORDS), re.I)
# An interviewer-side event (debrief, scorecard) that names a candidate.
_INTERVIEWER_SIDE = re.compile(
    r"debrief|scorecard|interview[ \t]kit|feedback|calibration|hiring[ \t]committee|huddle|"
    r"wash[ \t-]?up|round[ \t-]?up",
    re.I,
)
_PHONE_NUMBER = re.compile(r"(?:tel:|phone:?|call:?)?[ \t]{0,3}\+?[\d \t().\-/]{7,40}", re.I)
_URLISH = re.compile(r"https?://|www\.", re.I)
_VIDEO_WORDS = re.compile(
    r"(?<!\w)(?:video|virtual|zoom|google[ \t]meet|microsoft[ \t]teams|teams|webex|hirevue)(?!\w)",
    re.I,
)
_VIRTUAL = re.compile(
    r"(?<!\w)(?:zoom|meet|google meet|teams|microsoft teams|webex|skype|hangouts?|online|"
    r"virtual|remote|video|phone|call|tbd|tba|n/a|none|see[ \t]description|-)(?!\w)",
    re.I,
)
_WORD_FINAL = re.compile(r"(?<!\w)final(?!\w)", re.I)
_WORD_PANEL = re.compile(r"(?<!\w)panel(?!\w)", re.I)
_WORD_PHONE = re.compile(r"(?<!\w)(?:phone|call|screen|telephone|screening)(?!\w)", re.I)
_WORD_ONSITE = re.compile(r"(?<!\w)(?:on[ \t-]?site|in[ \t-]person|office[ \t]visit)(?!\w)", re.I)
_PREFERS_PHONE = re.compile(r"(?:a[ \t]+)?(?:phone|call|telephone)(?!\w)", re.I)
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
_INFLECTION = r"(?:s|es|ed|ing)?"
T = TypeVar("T")


@dataclass(frozen=True)
class _Rules:
    """The detection settings, compiled once."""

    patterns: re.Pattern[str]
    exclusions: re.Pattern[str]
    phrasings: re.Pattern[str]
    kinds: re.Pattern[str]  # patterns and phrasings: what a title's "kind part" says
    tag: re.Pattern[str]
    free_mail: frozenset[str]
    robots: NotPeople
    default_length: timedelta


def phrase_regex(pattern: str) -> str:
    """A pattern as a whole-word, case-insensitive phrase: words may be separated by any
    run of spaces or hyphens, so "on-site" also matches "on site" and "phone  screen"; the
    last word may be inflected ("Final Interviews", "phone screening")."""
    words = [re.escape(w) for w in re.split(r"[\s\-]+", pattern.strip()) if w]
    if not words:
        return "(?!)"
    return r"(?<!\w)" + r"[\s\-]+".join(words) + _INFLECTION + r"(?!\w)"


def _rules(settings: DetectionSettings) -> _Rules:
    """The settings compiled, cached by value (lists from a caller are fine too)."""
    return _compile(
        tuple(settings.patterns),
        tuple(settings.exclusions),
        tuple(settings.phrasings),
        settings.tag,
        tuple(settings.free_mail_domains),
        tuple(settings.not_people),
        settings.default_length_minutes,
    )


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    parts = [phrase_regex(p) for p in patterns if p.strip()]
    return re.compile("|".join(parts) or "(?!)", re.IGNORECASE)


@lru_cache(maxsize=32)
def _compile(
    patterns: tuple[str, ...],
    exclusions: tuple[str, ...],
    phrasings: tuple[str, ...],
    tag: str,
    free_mail: tuple[str, ...],
    robots: tuple[str, ...],
    length_minutes: int,
) -> _Rules:
    return _Rules(
        patterns=_alternation(patterns),
        exclusions=_alternation(exclusions),
        phrasings=_alternation(phrasings),
        kinds=_alternation((*patterns, *phrasings)),
        tag=re.compile(
            rf"(?<!\w){re.escape(tag.strip())}(?!\w)" if tag.strip() else "(?!)", re.IGNORECASE
        ),
        free_mail=frozenset(d.lower() for d in free_mail),
        robots=not_people(robots),
        default_length=timedelta(minutes=max(1, length_minutes)),
    )


def prefilter_keywords(settings: DetectionSettings) -> tuple[str, ...]:
    """Words one of which every event detection could accept contains somewhere: the
    .ics reader parses only blocks that hold one. Patterns and the tag; phrasings need not
    be there ("chat" is in half of a calendar): they count only from the hiring side, which
    is told by the words of a hiring-side invitation and the domains of scheduling tools."""
    domains = [d for d in (e.lstrip("@") for e in settings.not_people) if _is_tool(d)]
    return (*settings.patterns, settings.tag, *HIRING_WORDS, *domains)


def _is_tool(domain: str) -> bool:
    """A not-people domain that says "hiring side" (an ATS, a booking page), as opposed
    to Google's group and resource calendars, which say nothing."""
    return "@" not in domain and not domain.endswith("calendar.google.com")


def _user(user: UserSettings) -> User:
    addresses = frozenset(a.strip().lower() for a in (user.email, *user.aliases) if a.strip())
    return User(addresses, user.name)


# ---------------------------------------------------------------- detection (section 1)


def _title(event: SourceEvent) -> str:
    return clean_text(event.title, TITLE_LIMIT)


@dataclass(frozen=True)
class _Verdict:
    """Section 1 for one event: an interview (and why), excluded (by what), or neither."""

    interview: bool
    why: str = ""
    excluded_by: str | None = None
    event_type: str | None = None


def _verdict(event: SourceEvent, rules: _Rules, fields: invite_text.Fields, me: User) -> _Verdict:
    """A title pattern, a booking's event type, a hiring-side phrasing, the calendar or
    the tag; an exclusion in the title or the event type vetoes the first three."""
    title = _title(event)
    event_type = clean_text(fields.event or "") or None
    veto = rules.exclusions.search(title) or (
        rules.exclusions.search(event_type) if event_type else None
    )
    hit = rules.patterns.search(title)
    why = f"title says '{hit.group(0)}'" if hit else ""
    if not hit and event_type:
        hit = rules.patterns.search(event_type) or (
            rules.phrasings.search(event_type) if _hiring_side(event, rules, me) else None
        )
        why = f"booking's event type '{event_type}'" if hit else ""
    if not hit and _hiring_side(event, rules, me):
        hit = rules.phrasings.search(title)
        why = f"title says '{hit.group(0)}' and the invite is from the hiring side" if hit else ""
    if hit and veto and not _has_tag(event, rules):
        return _Verdict(False, excluded_by=veto.group(0).lower())
    if hit:
        return _Verdict(True, why, event_type=event_type)
    if event.all_interviews_calendar:
        return _Verdict(True, "calendar where every event is an interview", event_type=event_type)
    if _has_tag(event, rules):
        return _Verdict(True, "description has the tag", event_type=event_type)
    return _Verdict(False)


def _hiring_side(event: SourceEvent, rules: _Rules, me: User) -> bool:
    """Sent by a recruiter, a "Hiring Team"/"Recruiting" mailbox or a scheduling tool, or
    speaking of recruiting or hiring; never an event the user organizes (a hiring manager's
    own "call with the agency about hiring" is not their interview)."""
    if event.organizer is not None and me.is_attendee(event.organizer):
        return False
    people = [event.organizer, *event.attendees] if event.organizer else list(event.attendees)
    for person in people:
        if person is None:
            continue
        domain = domain_of(person.email)
        if (_is_tool(domain) and rules.robots.is_tool_domain(domain)) or _HIRING.search(
            person.email
        ):
            return True
        if person.name and _HIRING.search(person.name):
            return True
    return _HIRING.search(event.description[:20000]) is not None


def _has_tag(event: SourceEvent, rules: _Rules) -> bool:
    return rules.tag.search(event.description) is not None


def _declined(event: SourceEvent, user: User) -> bool:
    return any(
        user.is_attendee(a) and (a.partstat or "").upper() == "DECLINED" for a in event.attendees
    )


def _not_invited(event: SourceEvent, user: User, rules: _Rules) -> bool:
    """An interviewer-side event (a debrief naming the candidate) that has guests, none of
    them the user: it is on the user's calendar only by accident (a shared calendar)."""
    guests = [a for a in event.attendees if not is_room(a)]
    if not guests or any(user.is_attendee(a) for a in guests):
        return False
    if event.organizer is not None and user.is_attendee(event.organizer):
        return False
    text = f"{event.title}\n{event.description[:20000]}"
    return _INTERVIEWER_SIDE.search(text) is not None


def _skip_reason(event: SourceEvent, rules: _Rules, user: User) -> str | None:
    """Why a matching event is still not an interview, or None when it is one."""
    if event.status.upper() == "CANCELLED":
        return CANCELLED
    if _declined(event, user):
        return DECLINED
    if event.all_day:
        return ALL_DAY
    if not FIRST_YEAR <= event.start.year <= LAST_YEAR:
        return OUT_OF_RANGE  # no plan can be computed (Python's dates end in 9999)
    if event.recurring:
        return RECURRING
    if event.recurrence_id and not _has_tag(event, rules):
        return RECURRING
    if _not_invited(event, user, rules):
        return NOT_INVITED
    return None


def detect(
    events: Iterable[SourceEvent], detection: DetectionSettings, user: UserSettings
) -> Detection:
    """Sort events into interviews, skips (with the reason) and cancellations.

    Events that match no rule are ignored without a trace, and so are the daemon's own
    events (``own_key``): reporting a dentist appointment as "skipped" would be noise.
    """
    rules = _rules(detection)
    me = _user(user)
    zone = _zone(user.timezone)
    interviews: list[Interview] = []
    skipped: list[Skip] = []
    cancellations: list[Cancellation] = []
    seen: set[str] = set()
    for event in events:
        if event.own_key or event.interview_id in seen:
            continue  # a repeated id (a source listing an event twice) keeps the first
        title = _title(event)
        fields = invite_text.fields(event.description)
        verdict = _verdict(event, rules, fields, me)
        if not verdict.interview:
            if verdict.excluded_by:  # shown, so a user can see why "Mock interview" is not planned
                seen.add(event.interview_id)
                skipped.append(
                    Skip(event.interview_id, title, f"excluded by '{verdict.excluded_by}'")
                )
            continue
        seen.add(event.interview_id)
        reason = _skip_reason(event, rules, me)
        if reason == CANCELLED:
            cancellations.append(Cancellation(event.interview_id, title))
        if reason is not None:
            skipped.append(Skip(event.interview_id, title, reason))
            continue
        interviews.append(_read(event, rules, me, zone, verdict, fields).interview)
    return Detection(
        interviews=_number_rounds(interviews),
        skipped=tuple(skipped),
        cancellations=tuple(cancellations),
    )


def explain(
    event: SourceEvent, detection: DetectionSettings, user: UserSettings
) -> tuple[ExplainRow, ...]:
    """Where each field of one event's reading came from (``plan --explain``)."""
    rules = _rules(detection)
    me = _user(user)
    fields = invite_text.fields(event.description)
    verdict = _verdict(event, rules, fields, me)
    if not verdict.interview:
        why = f"excluded by '{verdict.excluded_by}'" if verdict.excluded_by else "no rule matched"
        return (ExplainRow("interview", "no", why),)
    reason = _skip_reason(event, rules, me)
    if reason is not None:
        return (ExplainRow("interview", "no", reason),)
    return _read(event, rules, me, _zone(user.timezone), verdict, fields).rows


def _zone(name: str) -> tzinfo:
    """The user's zone, for start times an adapter left naive (should not happen)."""
    try:
        return ZoneInfo(name)
    except Exception:  # unknown or malformed zone name: config validation reports it
        return ZoneInfo("UTC")


# ---------------------------------------------------------------- extraction (section 2)


@dataclass(frozen=True)
class _Reading:
    interview: Interview
    rows: tuple[ExplainRow, ...]


@dataclass(frozen=True)
class _Parties:
    """Who is in the invitation, sorted by what they are."""

    interviewers: tuple[Person, ...]
    organizer: Person | None  # the organizer when a person (not the user, not a robot)
    domains: tuple[str, ...]  # company domains, most common first
    org_names: tuple[str, ...]  # team mailboxes' names without the team words
    names: tuple[str, ...]  # every display name, where a domain's spelling may be found


def _read(
    event: SourceEvent,
    rules: _Rules,
    me: User,
    zone: tzinfo,
    verdict: _Verdict,
    fields: invite_text.Fields,
) -> _Reading:
    rows = [ExplainRow("interview", "yes", verdict.why)]
    parties = _parties(event, rules, me)
    desc = description_text(event.description)
    title = _title(event)
    ctx = Context(
        user_name=me.name,
        domains=parties.domains,
        org_names=parties.org_names,
        people=tuple(p.name for p in parties.interviewers if p.name)
        + ((parties.organizer.name,) if parties.organizer and parties.organizer.name else ()),
        texts=(title, desc[:8000], clean_text(event.location), *parties.names),
    )
    itinerary = invite_text.itinerary_people(desc, fields.interviewers, ctx)
    interviewers = _with_itinerary(parties.interviewers, itinerary, me)
    contact = _contact(fields, event, desc, parties, interviewers, rules, me)
    if not parties.domains and contact is not None:
        # Only robots on the invite: the recruiter named in it says whose interview it is.
        parties = replace(parties, domains=tuple(_company_domain(contact.value.email, rules, me)))
    ctx = replace(ctx, people=ctx.people + tuple(itinerary), domains=parties.domains)
    title_read = titles.read(title, rules.kinds, ctx)
    type_read = titles.read(verdict.event_type or "", rules.kinds, ctx)
    company = _company(fields, desc, ctx, title_read, type_read, parties)
    role = _role(fields, desc, ctx, title_read, type_read)
    kind = _kind(event, title, verdict.event_type or "", desc, interviewers)
    start = _aware(event.start, zone)
    explicit = _explicit_round(fields.round, title)
    rows += [
        ExplainRow("company", company.value if company else "unknown", _src(company)),
        ExplainRow("role", role.value if role else "unknown", _src(role)),
        ExplainRow("kind", kind.value if kind else "unknown", _src(kind)),
        ExplainRow("contact", _person(contact.value if contact else None), _src(contact)),
    ]
    rows += [ExplainRow("interviewer", _person(p), _interviewer_src(p)) for p in interviewers]
    interview = Interview(
        id=event.interview_id,
        source_id=event.source_id,
        uid=event.uid,
        title=title,
        start=start,
        end=_end(event, start, rules.default_length, zone),
        company=company.value if company else None,
        role=role.value if role else None,
        kind=kind.value if kind else None,
        round=explicit or 0,  # 0: numbered across the batch by _number_rounds
        interviewers=interviewers,
        contact=contact.value if contact else None,
        domains=frozenset(parties.domains),
        timeline=StatedTimeline(fields.timeline, "description") if fields.timeline else None,
        prefers_phone=bool(fields.prefers and _PREFERS_PHONE.match(fields.prefers)),
        explicit_round=explicit is not None,
        recurrence_id=event.recurrence_id,
        location=clean_text(event.location),
    )
    return _Reading(interview, tuple(rows))


@dataclass(frozen=True)
class _Got(Generic[T]):
    """A value of any type and where it was read."""

    value: T
    source: str


def _src(found: Found | _Got[Kind] | _Got[Person] | None) -> str:
    return found.source if found is not None else "nothing in the invite says"


def _person(p: object) -> str:
    if not isinstance(p, Person):
        return "none"
    return f"{p.name} <{p.email}>" if p.name and p.email else (p.name or p.email)


def _interviewer_src(p: Person) -> str:
    return (
        "named in the description's itinerary (no address: add it)" if not p.email else ("attendee")
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


# ---- title (kept for callers that read a bare title)


def read_title(
    title: str, patterns: re.Pattern[str], domains: Sequence[str] = ()
) -> tuple[str | None, str | None]:
    """(company, role) read from a title alone, as the rules' "Reading a title" says."""
    return titles.read_title(title, patterns, domains)


# ---- company and role


def _company(
    fields: invite_text.Fields,
    desc: str,
    ctx: Context,
    title_read: titles.TitleReading,
    type_read: titles.TitleReading,
    parties: _Parties,
) -> Found | None:
    """The company, as people say it (without "Inc.", "GmbH", "K.K.")."""
    found = _company_found(fields, desc, ctx, title_read, type_read, parties)
    if found is None:
        return None
    name = titles.company_name(found.value)
    return replace(found, value=name) if name else found


def _company_found(
    fields: invite_text.Fields,
    desc: str,
    ctx: Context,
    title_read: titles.TitleReading,
    type_read: titles.TitleReading,
    parties: _Parties,
) -> Found | None:
    """``Company:`` line, a description phrase, the title, the booking's event type, a
    team mailbox's name, the domain (spelled as the invite spells it)."""
    if fields.company:
        return Found(fields.company, "description: 'Company:' line")
    phrase = invite_text.company_phrase(desc, ctx)
    for found in (phrase, title_read.company, type_read.company):
        if found is not None:
            return found
    for name in parties.org_names:
        return Found(name, f"the organizer's name '{name}'")
    if not parties.domains:
        return None
    domain = parties.domains[0]
    spelled = titles.spelling_in(ctx.texts, domain)
    if spelled:
        return Found(clean_text(spelled), f"domain {domain}, spelled as in the invite")
    label = titles.tidy(titles.domain_label(domain).capitalize())
    return Found(label, f"domain {domain} (first label)") if label else None


def _role(
    fields: invite_text.Fields,
    desc: str,
    ctx: Context,
    title_read: titles.TitleReading,
    type_read: titles.TitleReading,
) -> Found | None:
    if fields.role:
        role = titles.role_phrase(fields.role)
        if role:
            return Found(role, "description: 'Role:' line")
    for found in (invite_text.role_in(desc, ctx), title_read.role, type_read.role):
        if found is not None:
            return found
    return None


# ---- people and domains


def _parties(event: SourceEvent, rules: _Rules, me: User) -> _Parties:
    seen: set[str] = set()
    interviewers: list[Person] = []
    for att in event.attendees:
        email = clean_text(att.email, 320).lower()
        if email in seen or me.is_attendee(att) or not is_person(att, rules.robots):
            continue
        if not usable(email):  # "<a@b>", "a@x,b@y", "a@b?bcc=...": no draft can go there
            continue
        if not usable(email):
            continue
        if (att.partstat or "").upper() == "DECLINED":
            continue
        seen.add(email)
        interviewers.append(Person(display_name(att.name, email), email))
    org = event.organizer
    organizer = None
    if (
        org is not None
        and not me.is_attendee(org)
        and is_person(org, rules.robots)
        and usable(clean_text(org.email, 320).lower())
    ):
        organizer = Person(display_name(org.name, org.email), clean_text(org.email, 320).lower())
    everyone = [a for a in (org, *event.attendees) if a is not None]
    org_names: list[str] = []
    for att in everyone:
        if me.is_attendee(att) or rules.robots.is_tool_domain(domain_of(att.email)):
            continue
        if is_team_name(att.name, att.email):
            name = titles.tidy(team_words_removed(display_name(att.name) or ""))
            if name and not titles.is_job_title(name) and name not in org_names:
                org_names.append(name)
    names = tuple(n for n in (display_name(a.name) for a in everyone) if n)
    return _Parties(
        interviewers=tuple(interviewers),
        organizer=organizer,
        domains=tuple(_company_domains(event, rules, me)),
        org_names=tuple(org_names),
        names=names,
    )


def _company_domains(event: SourceEvent, rules: _Rules, me: User) -> list[str]:
    """Company domains, most common first (organizer first on ties, then first seen).

    Free-mail, the user's own domains, rooms, scheduling tools and Google's calendar-internal
    addresses (resource and group calendars) say nothing about the company.
    """
    people = [event.organizer] if event.organizer else []
    people += [a for a in event.attendees if not is_room(a)]
    counts: dict[str, int] = {}
    for person in people:
        if person is None or me.is_attendee(person):
            continue
        for domain in _company_domain(person.email, rules, me):
            counts[domain] = counts.get(domain, 0) + 1
    # sorted() is stable: on equal counts the organizer's domain, then first seen, wins.
    return sorted(counts, key=lambda d: -counts[d])


def _company_domain(email: str, rules: _Rules, me: User) -> list[str]:
    """The address's domain when it can be a company's: not free mail, not the user's,
    not a scheduling tool's or Google's calendar-internal one."""
    domain = domain_of(clean_text(email, 320))
    if not domain or "." not in domain or domain in rules.free_mail:
        return []
    if domain in {domain_of(a) for a in me.addresses} or rules.robots.is_tool_domain(domain):
        return []
    return [] if domain.endswith("calendar.google.com") else [domain]


def _with_itinerary(
    attendees: tuple[Person, ...], itinerary: Sequence[str], me: User
) -> tuple[Person, ...]:
    """Attendees, then people named only in the itinerary (no address to write to)."""
    known = {name_key(p.name) for p in attendees if p.name}
    extra = [
        Person(name, "")
        for name in itinerary
        if name_key(name) not in known and name_key(name) != me.key
    ]
    return attendees + tuple(extra)


def _contact(
    fields: invite_text.Fields,
    event: SourceEvent,
    desc: str,
    parties: _Parties,
    interviewers: tuple[Person, ...],
    rules: _Rules,
    me: User,
) -> _Got[Person] | None:
    """A ``Contact:`` line; a recruiter named with an address in the description; the
    organizer when a person; the first interviewer who has an address."""
    if fields.contact:
        person = _parse_contact(fields.contact, event, rules, me)
        if person is not None:
            return _Got(person, "description: 'Contact:' line")
    recruiter = invite_text.recruiter_in(desc, fields.recruiter, rules.robots, me)
    if recruiter is not None:
        return _Got(recruiter, "description: the recruiter named with an address")
    if parties.organizer is not None:
        return _Got(parties.organizer, "organizer")
    for person in interviewers:
        if person.email:
            return _Got(person, "first interviewer (the organizer is not a person)")
    return None


def _parse_contact(line: str, event: SourceEvent, rules: _Rules, me: User) -> Person | None:
    """``Name <mail>``, ``<mail>`` or ``mail``; a bare name is looked up among the guests."""
    person = invite_text.parse_person(line)
    if person is not None:
        if me.is_address(person.email) or rules.robots.matches(person.email):
            return None
        return person
    wanted = line.strip(" \t<>\"'").lower()
    guests = [event.organizer, *event.attendees] if event.organizer else [*event.attendees]
    for guest in (g for g in guests if g is not None and g.name):
        named = clean_text(guest.name or "").lower() == wanted
        if named and is_person(guest, rules.robots) and not me.is_attendee(guest):
            return Person(display_name(guest.name), clean_text(guest.email, 320).lower())
    return None


# ---- kind and round


def _kind(
    event: SourceEvent,
    title: str,
    event_type: str,
    desc: str,
    interviewers: tuple[Person, ...],
) -> _Got[Kind] | None:
    """final > panel > phone (without a video link) > video > onsite; else None."""
    location = clean_text(event.location)
    words = f"{title} {event_type}"
    video = _video(event, location, desc)
    if _WORD_FINAL.search(words):
        return _Got[Kind]("final", "title says final")
    if len(interviewers) >= 2:
        return _Got[Kind]("panel", f"{len(interviewers)} interviewers")
    if _WORD_PANEL.search(words):
        return _Got[Kind]("panel", "title says panel")
    if video is None:
        if _WORD_PHONE.search(words):
            return _Got[Kind]("phone", "title says phone/call/screen, no video link")
        if _is_phone_number(location):
            return _Got[Kind]("phone", "the location is a phone number")
        if invite_text.has_dial_in(desc):
            return _Got[Kind]("phone", "a dial-in number, no video link")
    if video is None and _VIDEO_WORDS.search(words):
        video = "title says video/virtual"
    if video is not None:
        return _Got[Kind]("video", video)
    if _is_physical(location):
        return _Got[Kind]("onsite", "a physical location")
    if _WORD_ONSITE.search(words):
        return _Got[Kind]("onsite", "title says onsite")
    return None


def _video(event: SourceEvent, location: str, desc: str) -> str | None:
    """Where a video link (or a virtual meeting) shows, if anywhere."""
    if event.conference_url:
        return "conference link (X-GOOGLE-CONFERENCE / Teams / URL)"
    if invite_text.has_video(location):
        return "video link in the location"
    if invite_text.has_video(desc):
        return "join details in the description"
    return None


def _is_phone_number(location: str) -> bool:
    if not _PHONE_NUMBER.fullmatch(location.strip()):
        return False
    return 7 <= sum(c.isdigit() for c in location) <= 15


def _is_physical(location: str) -> bool:
    """A place you can walk into: not a link, a phone number or "Zoom"/"online"/"TBD"."""
    if not any(c.isalnum() for c in location) or _is_phone_number(location):
        return False
    if invite_text.has_video(location):
        return False
    return not (_URLISH.search(location) or _VIRTUAL.search(location))


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


def _number_rounds(interviews: list[Interview]) -> tuple[Interview, ...]:
    """Sort by start; an interview without an explicit round is round "earlier interviews
    with the same company + 1", counted across this batch (unknown company: round 1)."""
    ordered = sorted(interviews, key=lambda iv: (iv.start, iv.id))
    starts: dict[str, list[datetime]] = {}
    for iv in ordered:
        key = company_key(iv)
        if key is not None:
            starts.setdefault(key, []).append(iv.start)
    numbered: list[Interview] = []
    for iv in ordered:
        if iv.explicit_round:
            numbered.append(iv)
            continue
        key = company_key(iv)
        earlier = bisect.bisect_left(starts[key], iv.start) if key is not None else 0
        numbered.append(replace(iv, round=earlier + 1))
    return tuple(numbered)
