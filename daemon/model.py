"""The domain: what a calendar event becomes, and what the planner returns.

Frozen dataclasses only, no I/O: every module of the core (detect, timeline, planner, drafts)
speaks these types, and adapters translate their library's objects into them at the edge so
the core never sees an ``icalendar`` component or a Google JSON dict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

ActionType = Literal[
    "prep",
    "debrief",
    "thank_you",
    "linkedin",
    "check_in_1",
    "check_in_2",
    "final_follow_up",
    "networking",
    "rejection_thanks",
    "info_request",
]
ACTION_TYPES: tuple[ActionType, ...] = (
    "prep",
    "debrief",
    "thank_you",
    "linkedin",
    "check_in_1",
    "check_in_2",
    "final_follow_up",
    "networking",
    "rejection_thanks",
    "info_request",
)
# Outreach to the company that follows the thank-you: spaced >= 7 days, at most three.
OUTREACH_TYPES: frozenset[str] = frozenset({"check_in_1", "check_in_2", "final_follow_up"})

ActionState = Literal["planned", "done", "expired", "cancelled", "user_modified"]
Status = Literal["active", "replied", "rejected", "offer", "withdrawn", "superseded", "cancelled"]
Outcome = Literal["rejected", "offer", "withdrawn", "replied"]
OUTCOMES: tuple[Outcome, ...] = ("rejected", "offer", "withdrawn", "replied")
Kind = Literal["final", "panel", "phone", "video", "onsite"]
OutputKind = Literal["calendar", "draft"]
# Interviews are planned between these years; a date outside is a typo or a placeholder
# (``99991231``), and a plan reaching months past it would overflow Python's dates.
FIRST_YEAR, LAST_YEAR = 1900, 2999
TimelineOrigin = Literal["command", "debrief", "description"]


@dataclass(frozen=True)
class Person:
    """Someone we write to or about. ``email`` is lower-cased; ``name`` may be unknown."""

    name: str | None
    email: str

    def label(self) -> str:
        return self.name or self.email


@dataclass(frozen=True)
class Attendee:
    """An attendee as the source reported it, before the user, rooms and decliners are removed."""

    email: str
    name: str | None = None
    cutype: str | None = None  # INDIVIDUAL / ROOM / RESOURCE / GROUP (upper-case) or None
    partstat: str | None = None  # ACCEPTED / DECLINED / ... (upper-case) or None
    is_self: bool = False  # Google's ``self`` flag
    resource: bool = False  # Google's ``resource`` flag


@dataclass(frozen=True)
class SourceEvent:
    """One event as read from a source, normalised so detection is source-agnostic.

    ``start``/``end`` are timezone-aware datetimes (floating times already placed in the
    user's zone by the adapter) or plain dates for all-day events. ``end`` is ``None`` when
    the event had neither an end nor a duration.
    """

    source_id: str  # the configured source, e.g. "ics" or "google:primary"
    uid: str
    title: str
    start: datetime | date
    end: datetime | date | None
    recurrence_id: str | None = None  # set on overrides of a recurring series
    description: str = ""
    location: str = ""
    status: str = "CONFIRMED"  # CONFIRMED / TENTATIVE / CANCELLED (upper-case)
    organizer: Attendee | None = None
    attendees: tuple[Attendee, ...] = ()
    recurring: bool = False  # a series master (RRULE/RDATE), never an interview
    conference_url: str | None = None  # Google conferenceData entry point, if any
    own_key: str | None = None  # our X-INTERVIEW-FOLLOWUP-KEY / interviewFollowupKey
    all_interviews_calendar: bool = False  # the user said every event here is an interview
    line: int | None = None  # where the event starts in its file, for messages

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def interview_id(self) -> str:
        """Stable across runs: source id + UID (+ recurrence id)."""
        base = f"{self.source_id}/{self.uid}"
        return f"{base}@{self.recurrence_id}" if self.recurrence_id else base


@dataclass(frozen=True)
class StatedTimeline:
    """What the employer said about their decision, as typed, plus where it was found."""

    text: str
    origin: TimelineOrigin


@dataclass(frozen=True)
class Interview:
    """An event recognised as an interview, with everything the planner and drafts need."""

    id: str
    source_id: str
    uid: str
    title: str
    start: datetime  # aware
    end: datetime  # aware; start + default length when the event had no end
    company: str | None
    role: str | None
    kind: Kind | None
    round: int
    interviewers: tuple[Person, ...]
    contact: Person | None
    domains: frozenset[str] = frozenset()  # company e-mail domains (next rounds, replies)
    timeline: StatedTimeline | None = None  # from the description (``Timeline:``/``Decision:``)
    prefers_phone: bool = False  # a ``Prefers: phone`` line
    explicit_round: bool = False  # round came from a ``Round:`` line or the title
    recurrence_id: str | None = None
    location: str = ""


@dataclass(frozen=True)
class Skip:
    """An event that looked relevant but is not planned, with the reason shown to the user."""

    id: str
    title: str
    reason: str


@dataclass(frozen=True)
class Cancellation:
    """A cancelled event: it plans nothing but cancels the plan of the same id, if any."""

    id: str
    title: str


@dataclass(frozen=True)
class Reply:
    """A message from the company's side after the interview, as the classifier read it.

    Only what the plan and the user need is kept: the category (``daemon.classify``), the
    cue that decided it, the dates it gave, and the headers a threaded answer needs. The
    body was read in memory and is never stored.
    """

    ref: str  # the reply watcher's handle (a Gmail message id)
    received: datetime
    category: str
    cue: str
    sender: Person
    read_at: datetime  # when the daemon read it: an information request's reminder is due then
    subject: str = ""
    message_id: str | None = None
    references: str | None = None
    thread_id: str | None = None
    new_date: date | None = None  # the decision date a delay or acknowledgement gives
    until: date | None = None  # an out-of-office's return date
    asked: str | None = None  # what an information request asks for


@dataclass(frozen=True)
class History:
    """What the state store knows about one interview, fed to the pure planner.

    ``done``: action type -> the moment its output(s) were made (drafts created, or the
    reminder written and due). ``user_modified``: action types whose output the user edited
    or deleted. ``timeline_*`` are the stated timelines from the command and the debrief
    reminder; ``note`` is the ``Note:`` line typed into the debrief reminder.
    """

    outcome: Outcome | None = None
    outcome_at: datetime | None = None
    replied_at: datetime | None = None
    superseded: bool = False
    cancelled: bool = False
    done: dict[str, datetime] = field(default_factory=dict)
    user_modified: frozenset[str] = frozenset()
    timeline_command: str | None = None
    timeline_debrief: str | None = None
    note: str | None = None
    # Due times of outreach already done for the same company by other rounds.
    company_outreach: tuple[datetime, ...] = ()
    # Reminders the user moved in the calendar: action type -> its new start. The action
    # (and its draft) is due there: the user's edits win.
    moved: dict[str, datetime] = field(default_factory=dict)
    replies: tuple[Reply, ...] = ()  # oldest first


@dataclass(frozen=True)
class Action:
    """One step of a plan. ``due`` is aware, in the user's time zone."""

    type: ActionType
    due: datetime
    state: ActionState
    outputs: tuple[OutputKind, ...]
    to: tuple[Person, ...] = ()
    subject: str | None = None
    duration: timedelta = timedelta(minutes=15)  # length of the calendar reminder
    rrule: str | None = None  # networking: FREQ=DAILY;INTERVAL=60;COUNT=3
    call: bool = False  # the contact prefers phone: a "call" reminder, no draft
    detail: str | None = None  # a line for the reminder (what an information request asks)


@dataclass(frozen=True)
class Plan:
    """The planner's answer for one interview."""

    interview: Interview
    status: Status
    stated_timeline: date | None
    actions: tuple[Action, ...]
    replies: tuple[Reply, ...] = ()  # what the company sent, as read (oldest first)


@dataclass(frozen=True)
class Debrief:
    """What the user typed into the debrief reminder (``debrief.parse_debrief``).

    ``notes_for`` keeps each ``Note for X:`` as (X as typed, note).
    """

    timeline: str | None = None
    note: str | None = None
    notes_for: tuple[tuple[str, str], ...] = ()
    contact: str | None = None  # the ``Contact:`` line as typed
    prefers: str | None = None  # "phone" or "email"
