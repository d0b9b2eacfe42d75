"""Reading an invitation's description (rules, section 2). Pure.

Scheduling tools write the facts a person needs into the description: labelled lines
(``Company:``, ``Event Name:``, ``What:``), sentences ("you are scheduled to interview with
Stripe for the Senior Backend Engineer role"), the recruiter with an address ("Your
recruiter is Dana Ross (dana.ross@datadoghq.com)") and an itinerary naming the
interviewers. Regexes are bounded (descriptions are hostile input) and read line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from daemon.model import Attendee, Person
from daemon.text import FIELD_LIMIT, clean_text, description_text
from daemon.titles import (
    Context,
    Found,
    is_job_title,
    is_person,
    looks_like_company,
    matches_org,
    role_phrase,
    tidy,
)
from daemon.who import NotPeople, User, display_name
from daemon.who import is_person as is_person_address

_LINE_LIMIT = 1000  # a description line longer than this is read only this far
_LABELS: dict[str, str] = {
    "company": "company",
    "employer": "company",
    "organization": "company",
    "organisation": "company",
    "role": "role",
    "position": "role",
    "job title": "role",
    "job": "role",
    "contact": "contact",
    "round": "round",
    "timeline": "timeline",
    "decision": "timeline",
    "prefers": "prefers",
    "event name": "event",
    "event type": "event",
    "what": "event",
    "service": "event",
    "meeting type": "event",
    "interview type": "event",
    "recruiter": "recruiter",
    "coordinator": "recruiter",
    "recruiting coordinator": "recruiter",
    "point of contact": "recruiter",
    "interviewers": "interviewers",
    "you will meet": "interviewers",
    "you'll meet": "interviewers",
    "you will meet with": "interviewers",
    "you'll meet with": "interviewers",
    "you will be meeting with": "interviewers",
    "you'll be meeting with": "interviewers",
    "interviewer": "interviewers",
    "interview panel": "interviewers",
    "panel": "interviewers",
    "host": "host",
}
_FIELD = re.compile(
    r"^[ \t>*•\-]{0,10}("
    + "|".join(sorted(map(re.escape, _LABELS), key=len, reverse=True))
    + r")[ \t]{0,10}(?:\([^()\n]{0,40}\))?[ \t]{0,10}:[ \t]{0,10}([^\n]{0,"
    + str(_LINE_LIMIT)
    + "})",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"(?:mailto:)?([^\s<>@,;:\"'()\[\]]{1,64}@[^\s<>@,;:\"'()\[\]]{1,253})", re.I)
_NAME = r"[A-Z][\w'’.-]{0,30}(?:[ \t]+(?:[A-Z][\w'’.-]{0,30}|van|von|de|der|da|di|del|la|le)){1,3}"
_CO = r"[A-Z0-9][\w&'’.-]{0,40}(?:[ \t]+(?:[A-Z0-9][\w&'’.-]{0,40}|&|of|and|for)){0,4}"
_COMPANY_PHRASES = (
    re.compile(
        rf"\b(?:interview(?:ing)?|meet(?:ing)?|speak(?:ing)?|chat(?:ting)?|conversation|"
        rf"call|talk(?:ing)?|screen(?:ing)?)[ \t]+with[ \t]+(?:the[ \t]+)?(?P<c>{_CO})"
    ),
    re.compile(rf"\b(?:role|position|opening|opportunity|job|team)[ \t]+at[ \t]+(?P<c>{_CO})"),
    re.compile(
        rf"\binterest[ \t]+in[ \t]+(?:joining[ \t]+|working[ \t]+(?:at|for)[ \t]+)?(?P<c>{_CO})"
    ),
    re.compile(rf"\bon[ \t]+behalf[ \t]+of[ \t]+(?P<c>{_CO})"),
    re.compile(
        rf"\b(?:[Ww]elcome|[Tt]hank[ \t]+you[ \t]+for[ \t]+applying)[ \t]+to[ \t]+(?P<c>{_CO})"
    ),
    re.compile(rf"\bhere[ \t]+at[ \t]+(?P<c>{_CO})"),
)
_ROLE_WORDS = (
    r"(?!(?:for|with|at|to|on)\b)[A-Za-z0-9][\w/&+.,'’-]{0,30}"
    r"(?:[ \t]+(?!(?:for|with|at|to|on)\b)[\w/&+.,()'’-]{1,30}){0,8}?"
)
_ROLE_PHRASES = (
    re.compile(
        rf"\b(?:for|about|on|regarding)[ \t]+(?:the|our|a|an|your)[ \t]+(?P<r>{_ROLE_WORDS})[ \t]+"
        r"(?:role|position|opening|opportunity|job|vacancy|onsite|on-site|interviews?|loop)\b",
        re.I,
    ),
    re.compile(
        rf"\b(?:role|position|post)[ \t]+of[ \t]+(?P<r>{_ROLE_WORDS})"
        r"(?=[ \t]+(?:at|with)\b|[.,;\n]|$)",
        re.I,
    ),
    re.compile(
        rf"\binterview(?:ing)?[ \t]+for[ \t]+(?:the[ \t]+)?(?P<r>{_ROLE_WORDS})"
        r"(?=[ \t]+(?:at|with|role|position)\b|[.,;\n]|$)",
        re.I,
    ),
)
_CONTACT_CUE = re.compile(
    r"recruit\w*|coordinator|point[ \t]+of[ \t]+contact|talent[ \t]+partner|sourcer|"
    r"questions|reach[ \t]+out|contact|get[ \t]+in[ \t]+touch|hiring[ \t]+manager",
    re.I,
)
_NAME_BEFORE = re.compile(rf"(?P<n>{_NAME})[ \t,]*(?:\(|<|\[|at[ \t]|-[ \t]|–[ \t]|:[ \t]|$)")
_TIME = r"\d{1,2}(?::\d{2})?[ \t]?(?:[AaPp]\.?[Mm]\.?)?"
_ITINERARY_LINE = re.compile(
    rf"^[ \t>*•\-]{{0,6}}{_TIME}[ \t]*(?:-|–|—|to)[ \t]*{_TIME}(?:[ \t]+[A-Z]{{2,4}}(?![a-z]))?"
    r"[ \t]*[:|\-–—]?[ \t]*(?P<rest>[^\n]{1,300})",
    re.M,
)
_WITH_NAME = re.compile(rf"\bwith[ \t]+(?P<n>{_NAME})")
_LEAD_NAME = re.compile(rf"^(?P<n>{_NAME})(?=[ \t]*(?:[,(|\-–—]|$))")
_VIDEO_CUES = re.compile(
    r"(?<![\w-])(?:meet\.google\.com|zoom\.us|zoom\.com|zoomgov\.com|teams\.microsoft\.com|"
    r"teams\.live\.com|webex\.com|whereby\.com|bluejeans\.com|chime\.aws|gotomeeting\.com|"
    r"cal\.com/video|daily\.co|around\.co|"
    r"gotomeet\.me|meet\.jit\.si|join[ \t]+zoom[ \t]+meeting|join[ \t]+with[ \t]+google[ \t]+meet|"
    r"microsoft[ \t]+teams[ \t]+meeting|join[ \t]+(?:the[ \t]+)?(?:webex|teams|zoom)[ \t]+meeting|"
    r"video[ \t]+call[ \t]+link|video[ \t]+interview|virtual[ \t]+onsite)",
    re.I,
)
_DIAL_IN = re.compile(
    r"(?:dial[ \t-]?in|call[ \t]+(?:in|me|you)|will[ \t]+call[ \t]+you|phone[ \t]+number|"
    r"tel:|conference[ \t]+id|passcode)[^\n]{0,80}?\+?\d[\d \t().\-]{6,20}\d",
    re.I,
)


@dataclass(frozen=True)
class Fields:
    """The labelled lines of a description (first of each label wins), cleaned."""

    company: str | None = None
    role: str | None = None
    contact: str | None = None
    round: str | None = None
    timeline: str | None = None
    prefers: str | None = None
    event: str | None = None
    recruiter: str | None = None
    interviewers: str | None = None
    host: str | None = None


def fields(description: str) -> Fields:
    """Labelled lines; only lines with a colon are tried, so a million blank lines cost
    one split."""
    found: dict[str, str] = {}
    for line in description_text(description).split("\n"):
        if ":" not in line:
            continue
        match = _FIELD.match(line[: _LINE_LIMIT + 100])
        if match is None:
            continue
        key = _LABELS[match.group(1).lower()]
        value = clean_text(match.group(2)).strip("*_ ")
        if value and key not in found:
            found[key] = value
    return Fields(**found)


_TEXT_LIMIT = 20000  # sentences and itineraries are read in the first 20,000 characters


def lines(description: str) -> list[str]:
    """The description's non-blank lines, each at most ``_LINE_LIMIT`` long."""
    text = description_text(description[: _TEXT_LIMIT * 2])[:_TEXT_LIMIT]
    return [ln[:_LINE_LIMIT] for ln in text.split("\n") if ln.strip()]


def company_phrase(text: str, ctx: Context) -> Found | None:
    """ "interview with Acme", "the role at Acme", "on behalf of Acme": first one that
    names a company (a named person is not one)."""
    fallback: Found | None = None
    for line in lines(text):
        for pattern in _COMPANY_PHRASES:
            for match in pattern.finditer(line):
                value = _trim_company(match.group("c"))
                if not value or is_person(value, ctx) or not looks_like_company(value, ctx):
                    continue
                found = Found(value, f"description: '{clean_text(match.group(0), 80)}'")
                if matches_org(value, ctx):
                    return found
                fallback = fallback or found
    return fallback


def _trim_company(text: str) -> str | None:
    words = re.split(r"(?<=[a-z]{2})\.[ \t]", text, maxsplit=1)[0].split()
    while words and words[-1].lower() in ("for", "and", "of", "&", "team", "the"):
        words.pop()
    return tidy(" ".join(words))


def role_in(text: str, ctx: Context) -> Found | None:
    """ "for the Senior Backend Engineer role", "the position of Data Scientist"."""
    for line in lines(text):
        for pattern in _ROLE_PHRASES:
            for match in pattern.finditer(line):
                role = role_phrase(match.group("r"))
                if role and is_job_title(role) and not is_person(role, ctx):
                    return Found(role, f"description: '{clean_text(match.group(0), 80)}'")
    return None


def parse_person(line: str) -> Person | None:
    """``Name <mail>``, ``Name (mail)``, ``<mail>`` or ``mail``: a person with an address."""
    match = _EMAIL.search(line)
    if match is None or "." not in match.group(1).rpartition("@")[2]:
        return None
    name = line[: match.start()].replace("<", " ").replace("(", " ")
    name = re.sub(r"(?i)\b(?:mailto|e-?mail|at)\s*:?\s*$", "", name.strip()).strip()
    return Person(display_name(tidy(name)), match.group(1).lower().rstrip("."))


def recruiter_in(text: str, labelled: str | None, robots: NotPeople, user: User) -> Person | None:
    """A recruiter, coordinator or point of contact named with an address in the text."""
    candidates = [labelled] if labelled else []
    for line in lines(text):
        for match in _EMAIL.finditer(line):
            before = line[max(0, match.start() - 160) : match.start()]
            if _CONTACT_CUE.search(before) or _CONTACT_CUE.search(
                line[match.end() : match.end() + 40]
            ):
                candidates.append(_named_before(before) + " <" + match.group(1) + ">")
    for line in candidates:
        person = parse_person(line)
        if person is None or user.is_address(person.email):
            continue
        if is_person_address(Attendee(person.email, person.name), robots):
            return person
    return None


def _named_before(before: str) -> str:
    """The name that stands right before an address ("... is Dana Ross (")."""
    matches = list(_NAME_BEFORE.finditer(before.rstrip(" \t(<[:,-")))
    return matches[-1].group("n") if matches else ""


def itinerary_people(text: str, listed: str | None, ctx: Context) -> list[str]:
    """People named in an itinerary or an ``Interviewers:`` line, without an address."""
    names: list[str] = []
    if listed:
        names += [n.strip() for n in re.split(r",|;|\band\b|&|/", listed)]
    for match in _ITINERARY_LINE.finditer(description_text(text[: _TEXT_LIMIT * 2])[:_TEXT_LIMIT]):
        rest = match.group("rest")
        found = _WITH_NAME.search(rest) or _LEAD_NAME.search(rest)
        if found is None:
            for piece in re.split(r"[|\-–—:]", rest):
                found = _LEAD_NAME.search(piece.strip())
                if found:
                    break
        if found:
            names.append(found.group("n"))
    out: list[str] = []
    for raw in names:
        name = display_name(tidy(re.sub(r"\s*[\(,].*$", "", raw)))
        if not name or len(name.split()) < 2 or is_job_title(name) or looks_like_company(name, ctx):
            continue
        if name.casefold() not in {o.casefold() for o in out}:
            out.append(name[:FIELD_LIMIT])
    return out


def has_video(text: str) -> bool:
    return _VIDEO_CUES.search(text[:50000]) is not None


def has_dial_in(text: str) -> bool:
    return _DIAL_IN.search(text[:50000]) is not None
