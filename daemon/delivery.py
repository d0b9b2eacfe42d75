"""What an action produces (a reminder, a draft, a call) and for whom.

Its own module because ``status`` needs it to judge the stored actions, and must not load
the planner (and with it the timeline's holiday arithmetic) to do so.
"""

from __future__ import annotations

from dataclasses import dataclass

from daemon.model import OUTREACH_TYPES, ActionType, Interview, OutputKind, Person

_TO_CONTACT: frozenset[str] = OUTREACH_TYPES | {"rejection_thanks"}
_CALL_TYPES: frozenset[str] = frozenset({"check_in_1", "check_in_2"})
_CALENDAR: tuple[OutputKind, ...] = ("calendar",)
_WITH_DRAFT: tuple[OutputKind, ...] = ("calendar", "draft")


@dataclass(frozen=True)
class Delivery:
    """What an action produces and for whom."""

    outputs: tuple[OutputKind, ...]
    to: tuple[Person, ...] = ()
    call: bool = False


def delivery_for(kind: ActionType, interview: Interview) -> Delivery:
    """Outputs and recipients from the rules' "output" and "to" columns.

    A draft needs someone to write to: without interviewers (thank-you) or a contact
    (check-ins, final, rejection thanks) only the reminder remains. A contact who prefers
    the phone gets call reminders for the check-ins instead of drafts (``004``).
    """
    if kind == "thank_you":
        recipients = interview.interviewers
    elif kind in _TO_CONTACT:
        recipients = (interview.contact,) if interview.contact else ()
    else:
        return Delivery(_CALENDAR)
    if kind in _CALL_TYPES and interview.prefers_phone:
        return Delivery(_CALENDAR, recipients, call=True)
    if not recipients:
        return Delivery(_CALENDAR)
    return Delivery(_WITH_DRAFT, recipients)
