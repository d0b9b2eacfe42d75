"""The phrases a draft is made of that depend on who reads it and which interview it was.

Pure functions from the domain types to English phrases: the greeting for the reader, the
kind of interview in words, the earlier rounds, "today" or a date, and how to refer to the
interview to someone who was not in it. Every phrase is grammatical whichever value it
holds, and an unknown value is a visible ``[[...]]`` place, never a silent "the role".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from daemon.model import Interview, Kind, Person
from daemon.names import parse_name

NAME_MARKER = "[[name]]"
ROLE_MARKER = "[[role]]"
COMPANY_MARKER = "[[company]]"
TOPIC_MARKER = "[[specific topic you discussed]]"
REVIEW_PREFIX = "review: "  # a note the user typed stays marked until they edit the draft

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")

# The interview as a noun, for someone who was not in it ("my phone screen with Jane").
_KIND_NOUN: dict[Kind | None, str] = {
    "phone": "phone screen",
    "video": "video interview",
    "onsite": "interview",
    "panel": "panel interview",
    "final": "final-round interview",
    None: "interview",
}
# The same, for someone who was there ("our video call on Tuesday").
_SHARED_NOUN: dict[Kind | None, str] = {
    "phone": "phone call",
    "video": "video call",
    "onsite": "meeting",
    "panel": "panel interview",
    "final": "final-round conversation",
    None: "conversation",
}


def marked(text: str) -> str:
    """A place the user must fill: ``[[text]]``; brackets inside cannot close it early."""
    return "[[" + text.replace("[[", "[").replace("]]", "]") + "]]"


def review_note(note: str) -> str:
    """The user's own debrief note, kept visibly marked for a last look before sending:
    a private shorthand ("their nightly batch pipeline") should not go out unread."""
    return marked(REVIEW_PREFIX + note)


def local(moment: datetime, timezone: str) -> datetime:
    """The moment in the user's zone; an unknown zone leaves it as the calendar gave it."""
    try:
        return moment.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return moment


def long_date(day: date) -> str:
    """``Tuesday, December 1``: English whatever the process locale, like the templates."""
    return f"{DAYS[day.weekday()]}, {MONTHS[day.month - 1]} {day.day}"


def short_date(day: date) -> str:
    """``December 1``: for earlier rounds, where the weekday adds nothing."""
    return f"{MONTHS[day.month - 1]} {day.day}"


def relative_day(day: date, today: date | None) -> str:
    """``today``, ``yesterday``, or ``on Tuesday, December 1`` (a thank-you sent the same
    day says "today": ``001`` wants phone screens and final rounds thanked that day)."""
    if today is not None and day == today:
        return "today"
    if today is not None and (today - day).days == 1:
        return "yesterday"
    return f"on {long_date(day)}"


def ordinal(number: int) -> str:
    return _ORDINALS[number - 1] if 1 <= number <= len(_ORDINALS) else f"{number}th"


def kind_noun(kind: Kind | None) -> str:
    return _KIND_NOUN.get(kind, "interview")


def greeting(person: Person, company: str) -> str:
    """``Dear Jane,`` for a person; ``Dear Acme hiring team,`` for a team mailbox;
    ``Dear [[name]],`` when the name cannot be read with confidence."""
    parsed = parse_name(person.name, person.email)
    if parsed.kind == "person" and parsed.first.casefold() != company.casefold():
        return f"Dear {parsed.first},"
    if parsed.kind == "team" or (company and parsed.first.casefold() == company.casefold()):
        return f"Dear {company} hiring team," if company else "Dear hiring team,"
    return f"Dear {NAME_MARKER},"


def first_name(person: Person) -> str:
    parsed = parse_name(person.name, person.email)
    return parsed.first if parsed.kind == "person" else NAME_MARKER


def full_name(person: Person) -> str:
    """The name in reading order; the display name as given when it is not a person's."""
    parsed = parse_name(person.name, person.email)
    return parsed.full if parsed.kind == "person" else (parsed.full or "")


def join_names(names: Sequence[str]) -> str:
    """``Jane``, ``Jane and Bob``, ``Jane, Bob and Priya``."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def people_names(people: Sequence[Person]) -> str:
    """The named people among ``people``, in reading order; unnamed ones are left out."""
    return join_names([full_name(p) for p in people if full_name(p)])


def attended(person: Person, interview: Interview) -> bool:
    """Whether ``person`` was in the interview (an interviewer, by address)."""
    return any(p.email.lower() == person.email.lower() for p in interview.interviewers)


def meeting_phrase(person: Person, interview: Interview, timezone: str) -> str:
    """How a later e-mail refers to the interview: ``our video call on Tuesday,
    December 1`` to someone who was there; to anyone else (an HR organizer, a team
    mailbox) ``my video interview with Jane Doe and Bob Okafor on Tuesday, December 1``."""
    day = long_date(local(interview.start, timezone).date())
    if attended(person, interview):
        return f"our {_SHARED_NOUN.get(interview.kind, 'conversation')} on {day}"
    names = people_names(interview.interviewers)
    with_whom = f" with {names}" if names else ""
    return f"my {kind_noun(interview.kind)}{with_whom} on {day}"


def earlier_rounds(earlier: Sequence[Interview], timezone: str) -> str:
    """``the phone screen with Sam Lee on November 20 and the video interview with Jane
    Doe on November 27``; empty when there were none."""
    parts = []
    for iv in earlier:
        names = people_names(iv.interviewers)
        with_whom = f" with {names}" if names else ""
        day = short_date(local(iv.start, timezone).date())
        parts.append(f"the {kind_noun(iv.kind)}{with_whom} on {day}")
    return join_names(parts)


def round_sentence(interview: Interview, earlier: Sequence[Interview], timezone: str) -> str:
    """One sentence tying a later round to the earlier ones (``001``: build on previous
    rounds rather than repeat them); empty for a first round."""
    before = earlier_rounds(earlier, timezone)
    if before:
        return f"Coming after {before}, this conversation answered the questions I still had."
    if interview.round > 1:
        return (
            f"As a {ordinal(interview.round)} round, this conversation built well on what we"
            " had already covered."
        )
    return ""
