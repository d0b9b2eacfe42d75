"""Who is who in an invitation (rules, section 2, "Who is who"). Pure: no I/O.

Most invitations are sent by machines (an ATS, a booking page, a calendar's notification
service) or by shared mailboxes, and they list rooms as if they were guests. Writing a
thank-you to ``no-reply@greenhouse.io`` or calling "Conf Room 4B" an interviewer is the
kind of mistake a person never makes, so every address is classified here first: the
user, a person, or not a person at all (robot, scheduling tool, group, room, team
mailbox). The list of addresses that are not people is configurable
(``[detection] not_people``); the display-name and room heuristics are built in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache

from daemon.model import Attendee
from daemon.names import natural_name
from daemon.text import clean_text

# Display names of team mailboxes and machines: "Acme Recruiting", "Acme Candidate
# Calendar", "Greenhouse Scheduling", "Talent Acquisition", "Hiring Team".
_TEAM_WORDS = (
    r"recruit\w*|talent(?:[ \t]+acquisition)?|careers?|hiring(?:[ \t]+team)?|"
    r"candidates|candidate[ \t]+(?:calendar|experience|scheduling)|interviews?(?:[ \t]+team)?|"
    r"scheduling|scheduler|schedule|calendar|bookings?|no[-_ ]?reply|do[-_ ]?not[-_ ]?reply|"
    r"notifications?|people(?:[ \t]+(?:ops|operations|team))|human[ \t]+resources|hr|team|"
    r"jobs|staffing|via|notification"
)
_TEAM_NAME = re.compile(rf"(?<![\w-])(?:{_TEAM_WORDS})(?![\w-])", re.I)
_TEAM_LOCAL = re.compile(
    r"recruit|talent|careers|hiring|jobs|interview|scheduling|noreply|no-reply|calendar|booking|"
    r"candidate",
    re.I,
)
_ROOM_NAME = re.compile(
    r"(?<!\w)(?:room|conf(?:erence)?[ \t.]*(?:room|rm)|boardroom|meeting[ \t]+room|"
    r"huddle[ \t]+(?:room|space)|phone[ \t]+booth|auditorium|lobby)(?!\w)"
    r"|\(\s{0,2}\d{1,3}\s{0,2}\)\s{0,2}$|\[\s{0,2}\d{1,3}\s{0,2}\]",
    re.I,
)
_ROOM_LOCAL = re.compile(
    r"^(?:room|conf|confroom|boardroom)(?:\b|\d|[-_.])|[-_.]room(?:[-_.\d]|$)", re.I
)
_SUFFIX = re.compile(r"\s*[\(\[][^()\[\]]{0,80}[\)\]]\s*$")
_LAST_FIRST = re.compile(r"^([^,]{1,80}),\s*([^,]{1,80})$")
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|mx|dr|prof)\.?\s+", re.I)
_INTERNAL_DOMAINS = ("calendar.google.com",)


def display_name(raw: str | None, email: str | None = None) -> str | None:
    """A display name as people write it: ``Doe, Jane`` reads ``Jane Doe``; an address,
    quotes, pronouns and a trailing ``(Contoso)`` or ``[External]`` are not part of it.

    A person's name is read by ``daemon.names`` (shared with the greetings); a team's or
    an unusual name is kept, cleaned, so its words can still name the company.
    """
    name = clean_text(raw or "").strip("\"' ")
    if not name or "@" in name:
        return None
    person = natural_name(name, email)
    if person:
        return clean_text(person)
    for _ in range(2):
        name = _SUFFIX.sub("", name).strip()
    match = _LAST_FIRST.match(name)
    if match and " " not in match.group(1).strip() and match.group(2).strip():
        name = f"{match.group(2).strip()} {match.group(1).strip()}"
    return name or None


def name_key(name: str) -> str:
    """Order-free comparison key: ``Candidate, Alex`` == ``Alex Candidate``."""
    words = re.findall(r"\w+", _HONORIFIC.sub("", name.casefold()))
    return " ".join(sorted(words))


def domain_of(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


@dataclass(frozen=True)
class NotPeople:
    """``[detection] not_people`` compiled: globs on the local part (``noreply*@``), on
    the domain (``greenhouse.io``, also its subdomains) or on the whole address."""

    locals_: tuple[str, ...]
    domains: tuple[str, ...]
    addresses: tuple[str, ...]

    def matches(self, email: str) -> bool:
        email = email.strip().lower()
        local, _, domain = email.rpartition("@")
        if not local:
            return False
        plain = re.sub(r"[-_.]", "", local.partition("+")[0])
        if any(fnmatchcase(plain, g) or fnmatchcase(local, g) for g in self.locals_):
            return True
        if any(domain == d or domain.endswith("." + d) for d in self.domains):
            return True
        return any(fnmatchcase(email, g) for g in self.addresses)

    def is_tool_domain(self, domain: str) -> bool:
        """A scheduling tool's or ATS's domain: never the company's."""
        domain = domain.strip().lower()
        return any(domain == d or domain.endswith("." + d) for d in self.domains)


@lru_cache(maxsize=16)
def not_people(entries: tuple[str, ...]) -> NotPeople:
    locals_: list[str] = []
    domains: list[str] = []
    addresses: list[str] = []
    for raw in entries:
        entry = raw.strip().lower()
        if not entry:
            continue
        if entry.endswith("@"):
            locals_.append(re.sub(r"[-_.]", "", entry[:-1]) or entry[:-1])
        elif entry.startswith("@"):
            domains.append(entry[1:])
        elif "@" in entry:
            addresses.append(entry)
        else:
            domains.append(entry)
    return NotPeople(tuple(locals_), tuple(domains), tuple(addresses))


@dataclass(frozen=True)
class User:
    """How to recognise the user: addresses and name (any order, ``Last, First`` too)."""

    addresses: frozenset[str]
    name: str

    @property
    def key(self) -> str:
        return name_key(self.name)

    def is_address(self, email: str) -> bool:
        return email.strip().lower() in self.addresses

    def is_attendee(self, att: Attendee) -> bool:
        if att.is_self or self.is_address(att.email):
            return True
        name = display_name(att.name)
        return bool(name and self.key and name_key(name) == self.key)


def is_room(att: Attendee) -> bool:
    """Rooms and resources, also when a calendar lists them as plain attendees."""
    if att.resource or (att.cutype or "").upper() in ("ROOM", "RESOURCE"):
        return True
    if domain_of(att.email).endswith("resource.calendar.google.com"):
        return True
    local = att.email.rpartition("@")[0]
    return bool(_ROOM_LOCAL.search(local) or (att.name and _ROOM_NAME.search(att.name)))


def is_team_name(name: str | None, email: str = "") -> bool:
    """ "Acme Recruiting", "Hiring Team", "Candidate Calendar": a mailbox, not a person.

    "Dana Ross, Recruiter" <dana.ross@acme.com> is a person: a word left of the name is
    in the address."""
    if not name or not _TEAM_NAME.search(name):
        return False
    local = email.rpartition("@")[0].lower()
    if not local or _TEAM_LOCAL.search(local):
        return True
    left = re.findall(r"\w{2,}", team_words_removed(name).lower())
    return not any(w in local for w in left)


def team_words_removed(name: str) -> str:
    """ "Acme Recruiting Team" -> "Acme": what is left of a team mailbox's name."""
    left = _TEAM_NAME.sub(" ", name)
    return " ".join(left.replace("|", " ").split()).strip(" -–—:|,&/")


def is_person(att: Attendee, robots: NotPeople) -> bool:
    """An address a person reads: not a robot, a tool, a group, a room or a team box."""
    email = att.email.strip().lower()
    if "@" not in email or "." not in domain_of(email):
        return False
    if (att.cutype or "").upper() == "GROUP" or domain_of(email).endswith(_INTERNAL_DOMAINS):
        return False
    if robots.matches(email) or is_room(att):
        return False
    return not is_team_name(att.name, email)
