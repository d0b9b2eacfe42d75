"""The plan for one interview: the rules' section 3 (due times) and 5 (states), pure.

``plan_interview`` takes everything it needs as arguments, ``now`` included, and returns
the same plan for the same inputs, so a plan can be replayed at any moment and the
reconciler can compare two runs. Nothing here sends anything: an action only names the
reminder and draft(s) the user will see.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from daemon import replies as reply_rules
from daemon.delivery import delivery_for
from daemon.model import (
    ACTION_TYPES,
    OUTREACH_TYPES,
    Action,
    ActionState,
    ActionType,
    History,
    Interview,
    Plan,
    Status,
)
from daemon.settings import TimelineSettings, UserSettings
from daemon.subjects import subject_for
from daemon.timeline import (
    add_business_days,
    at_slot,
    first_slot_at_or_after,
    local_date,
    next_business_day_after,
    next_business_day_on_or_after,
    resolve_timeline,
    user_zone,
    wall_time,
)

# The seeds' floor for the gap between two outreach e-mails to one company, whatever the
# configuration says ("space follow-ups at least 1-2 weeks apart").
MIN_OUTREACH_SPACING_DAYS = 7
ONE_WEEK_AFTER_DAYS = 7
THANK_YOU_WITHIN = timedelta(hours=24)

_ALL: frozenset[str] = frozenset(ACTION_TYPES)
_ALL_OUTREACH: frozenset[str] = frozenset(
    {"thank_you", "linkedin", "check_in_1", "check_in_2", "final_follow_up", "networking"}
)
_CANCELLED_BY: dict[str, frozenset[str]] = {
    "replied": OUTREACH_TYPES,
    "rejected": OUTREACH_TYPES,
    "offer": _ALL_OUTREACH,
    "withdrawn": _ALL_OUTREACH,
    "superseded": OUTREACH_TYPES | {"networking"},
    "cancelled": _ALL,
}
_ENDS_PROCESS: frozenset[str] = frozenset({"rejected", "offer", "withdrawn"})
_MEETING_TYPES: frozenset[str] = frozenset({"prep", "debrief", "thank_you", "linkedin"})


def plan_interview(
    interview: Interview,
    history: History,
    timeline: TimelineSettings,
    user: UserSettings,
    now: datetime,
) -> Plan:
    """Every action of the rules for ``interview``, with due times and states at ``now``."""
    _require_aware(now, "now")
    _require_aware(interview.start, "interview.start")
    _require_aware(interview.end, "interview.end")
    stated = stated_timeline(interview, history, user)
    status = plan_status(history)
    cancelled = cancelled_types(history) | called_off_types(interview, history)
    dues = _as_moved(due_times(interview, history, timeline, user, stated), history, user)
    actions = tuple(
        _with_reply(
            _action(kind, due, interview, history, timeline, user, now, cancelled), history, user
        )
        for kind, due in dues.items()
    )
    return Plan(
        interview=interview,
        status=status,
        stated_timeline=stated,
        actions=actions,
        replies=history.replies,
    )


# ------------------------------------------------------------------------ status and states


def plan_status(history: History) -> Status:
    """One word for the plan; the strongest fact wins (a cancelled event beats an outcome)."""
    if history.cancelled:
        return "cancelled"
    if history.outcome is not None:
        return history.outcome
    if history.replied_at is not None:
        return "replied"
    if history.superseded:
        return "superseded"
    return "active"


def cancelled_types(history: History) -> frozenset[str]:
    """The action types that no longer make sense, given every fact the history holds.

    This is the union over all facts, not only the one ``plan_status`` shows: an earlier
    round that is both superseded and replied loses its networking too.
    """
    facts: list[str] = []
    if history.cancelled:
        facts.append("cancelled")
    if history.outcome is not None:
        facts.append(history.outcome)
    if history.replied_at is not None:
        facts.append("replied")
    if history.superseded:
        facts.append("superseded")
    return frozenset().union(*(_CANCELLED_BY[fact] for fact in facts))


def called_off_types(interview: Interview, history: History) -> frozenset[str]:
    """An outcome that ends the process, recorded before the interview ended, means the
    meeting did not take place: nothing that prepares for or follows the meeting itself is
    planned (no thank-you for an interview that never happened)."""
    at = history.outcome_at
    if (
        history.outcome in _ENDS_PROCESS
        and at is not None
        and _instant(at) < _instant(interview.end)
    ):
        return _MEETING_TYPES
    return frozenset()


def action_state(
    kind: ActionType,
    due: datetime,
    history: History,
    timeline: TimelineSettings,
    now: datetime,
    cancelled: frozenset[str],
) -> ActionState:
    """The user's edits win, then what was done, then cancellation, then the grace period."""
    if kind in history.user_modified:
        return "user_modified"
    if kind in history.done:
        return "done"
    if kind in cancelled:
        return "cancelled"
    grace = timedelta(hours=timeline.grace_hours.get(kind, 0.0))
    if now.astimezone(UTC) > due.astimezone(UTC) + grace:
        return "expired"
    return "planned"


# ---------------------------------------------------------------------------- due times


def stated_timeline(interview: Interview, history: History, user: UserSettings) -> date | None:
    """The employer's stated date: the command, then what their latest reply said, then the
    debrief reminder, then the event.

    The first text that can be understood wins, so a typo in a later place never hides a
    good timeline given in an earlier one. Relative words count from the interview's date
    (the local date of its end); a reply's date was already resolved against its own Date.
    """
    on = local_date(interview.end, user)
    command = (
        resolve_timeline(history.timeline_command, on, user) if history.timeline_command else None
    )
    if command is not None:
        return command
    from_reply = reply_rules.decision_date(history.replies)
    if from_reply is not None:
        return from_reply
    texts = (
        history.timeline_debrief,
        interview.timeline.text if interview.timeline else None,
    )
    for text in texts:
        if text:
            resolved = resolve_timeline(text, on, user)
            if resolved is not None:
                return resolved
    return None


def due_times(
    interview: Interview,
    history: History,
    timeline: TimelineSettings,
    user: UserSettings,
    stated: date | None,
) -> dict[ActionType, datetime]:
    """The due time of every action the plan holds, in the rules' order, in the user's zone."""
    tz = user_zone(user)
    end_day = local_date(interview.end, user)
    dues: dict[ActionType, datetime] = {
        "prep": _shift(interview.start, -timeline.prep_minutes_before, tz),
        "debrief": _shift(interview.end, timeline.debrief_minutes_after, tz),
        "thank_you": thank_you_due(interview.end, timeline, tz),
        "linkedin": at_slot(_linkedin_date(end_day, timeline, user), user),
    }
    taken = tuple(local_date(moment, user) for moment in history.company_outreach)
    after_thanks = local_date(dues["thank_you"], user) + timedelta(days=1)
    first, second, final = outreach_dates(
        end_day, stated, timeline, user, taken, after_thanks, _hold(history, user)
    )
    dues["check_in_1"] = at_slot(first, user)
    dues["check_in_2"] = at_slot(second, user)
    dues["final_follow_up"] = at_slot(final, user)
    if timeline.networking_count > 0:
        dues["networking"] = at_slot(_networking_date(final, timeline, user), user)
    if history.outcome == "rejected":
        dues["rejection_thanks"] = first_slot_at_or_after(history.outcome_at or interview.end, user)
    request = reply_rules.information_request(history.replies)
    if request is not None:
        dues["info_request"] = request.read_at.astimezone(tz)
    return dues


def _hold(history: History, user: UserSettings) -> tuple[int, date] | None:
    """An out-of-office holds the next outreach not yet done until one business day after
    its return date: (index of that outreach among the three, the first day it may be)."""
    until = reply_rules.away_until(history.replies)
    if until is None:
        return None
    for index, kind in enumerate(("check_in_1", "check_in_2", "final_follow_up")):
        if kind not in history.done:
            return index, next_business_day_after(until, user)
    return None


def thank_you_due(end: datetime, timeline: TimelineSettings, tz: ZoneInfo) -> datetime:
    """``end`` + delay, not before the earliest hour, if that is still the same day by the
    latest hour; else the next calendar day's morning time; never later than ``end`` + 24 h.

    Same-day thanks matter for phone screens and final rounds (``001``); the 24-hour cap keeps
    the promise of the rules even when the configured times would break it.
    """
    day = end.astimezone(tz).date()
    due = max(
        _shift(end, timeline.thank_you_delay_minutes, tz),
        wall_time(day, timeline.thank_you_earliest, tz),
        key=_instant,
    )
    if due.date() != day or due.time() > timeline.thank_you_latest:
        due = wall_time(day + timedelta(days=1), timeline.thank_you_next_day, tz)
    return min(due, (end.astimezone(UTC) + THANK_YOU_WITHIN).astimezone(tz), key=_instant)


def outreach_dates(
    end_day: date,
    stated: date | None,
    timeline: TimelineSettings,
    user: UserSettings,
    taken: tuple[date, ...] = (),
    not_before: date | None = None,
    hold: tuple[int, date] | None = None,
) -> tuple[date, date, date]:
    """The dates of check_in_1, check_in_2 and final_follow_up.

    Each is placed by its rule, then pushed until it is far enough from every other
    outreach to the company (``taken``: other rounds' outreach already done, and the
    earlier ones of this plan). ``not_before`` (the day after the thank-you) keeps the
    outreach on a later day than the thank-you whatever the settings; with the defaults it
    binds only for a timeline stated as the interview day itself after a late interview.
    ``hold`` (an out-of-office's return) keeps one outreach, and those after it, from
    falling before a given day.
    """
    floors = [not_before, None, None]
    if hold is not None:
        floors[hold[0]] = max(d for d in (floors[hold[0]], hold[1]) if d is not None)
    spacing = max(MIN_OUTREACH_SPACING_DAYS, timeline.min_outreach_spacing_days)
    first_base = _floor(_check_in_1_base(end_day, stated, timeline, user), floors[0])
    first = _spaced(first_base, taken, spacing, user)
    second_base = _floor(first + timedelta(days=timeline.check_in_2_days), floors[1])
    second = _spaced(second_base, (*taken, first), spacing, user)
    final_base = max(
        end_day + timedelta(days=timeline.final_min_days),
        second + timedelta(days=timeline.final_after_check_in_2_days),
    )
    final = _spaced(_floor(final_base, floors[2]), (*taken, first, second), spacing, user)
    return first, second, final


def _floor(day: date, floor: date | None) -> date:
    return day if floor is None else max(day, floor)


def _check_in_1_base(
    end_day: date, stated: date | None, timeline: TimelineSettings, user: UserSettings
) -> date:
    """check_in_1 before the spacing rule: after the stated date, or a default wait.

    A stated date before the interview (a typo, an old ISO date) counts as the interview's
    own date, so the first check-in never comes before the interview.
    """
    if stated is None:
        return end_day + timedelta(days=timeline.check_in_default_days)
    base = max(stated, end_day)
    if timeline.stated_policy == "one_week_after":
        return base + timedelta(days=ONE_WEEK_AFTER_DAYS)
    return next_business_day_after(base, user)


def _spaced(candidate: date, taken: tuple[date, ...], spacing: int, user: UserSettings) -> date:
    """``candidate`` on a business day at least ``spacing`` days from every date in ``taken``.

    Only ever pushes later: each step moves past the latest conflicting date, so it ends.
    """
    day = next_business_day_on_or_after(candidate, user)
    while True:
        conflicts = [other for other in taken if abs((day - other).days) < spacing]
        if not conflicts:
            return day
        day = next_business_day_on_or_after(max(conflicts) + timedelta(days=spacing), user)


def _linkedin_date(end_day: date, timeline: TimelineSettings, user: UserSettings) -> date:
    """The second business day after the interview: within the week, while it is fresh."""
    return add_business_days(end_day, timeline.linkedin_business_days, user)


def _networking_date(final: date, timeline: TimelineSettings, user: UserSettings) -> date:
    """The first networking occurrence; the recurrence's later ones are not moved."""
    return next_business_day_on_or_after(final + timedelta(days=timeline.networking_days), user)


def networking_rrule(timeline: TimelineSettings) -> str:
    """``FREQ=DAILY;INTERVAL=60;COUNT=3`` by default; an interval of 0 days would be invalid."""
    interval = max(1, timeline.networking_days)
    return f"FREQ=DAILY;INTERVAL={interval};COUNT={timeline.networking_count}"


def _as_moved(
    dues: dict[ActionType, datetime], history: History, user: UserSettings
) -> dict[ActionType, datetime]:
    """A reminder the user moved takes its action along: due (and drafted) where they put
    it, in their zone; the other actions keep their own times."""
    tz = user_zone(user)
    return {
        kind: history.moved[kind].astimezone(tz) if kind in history.moved else due
        for kind, due in dues.items()
    }


def _instant(moment: datetime) -> datetime:
    """Compare by instant: Python compares two times of one zone by wall clock, fold aside."""
    return moment.astimezone(UTC)


def _shift(moment: datetime, minutes: int, tz: ZoneInfo) -> datetime:
    """``moment`` plus elapsed minutes (through UTC, so a DST change counts as real time)."""
    return (moment.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(tz)


# ------------------------------------------------------------------------------ actions


def _action(
    kind: ActionType,
    due: datetime,
    interview: Interview,
    history: History,
    timeline: TimelineSettings,
    user: UserSettings,
    now: datetime,
    cancelled: frozenset[str],
) -> Action:
    """Put one action together: due time, state, outputs, recipients, subject, length."""
    delivery = delivery_for(kind, interview)
    makes_draft = "draft" in delivery.outputs
    return Action(
        type=kind,
        due=due,
        state=action_state(kind, due, history, timeline, now, cancelled),
        outputs=delivery.outputs,
        to=delivery.to,
        subject=subject_for(kind, interview.role, user.name) if makes_draft else None,
        duration=reminder_length(kind, timeline),
        rrule=networking_rrule(timeline) if kind == "networking" else None,
        call=delivery.call,
    )


def _with_reply(action: Action, history: History, user: UserSettings) -> Action:
    """What a reply adds to an action: the thank-you after a rejection answers in its
    thread (``Re:`` its subject); an information request's reminder says what was asked."""
    if action.type == "rejection_thanks" and action.subject:
        rejection = reply_rules.rejection(history.replies)
        subject = reply_rules.reply_subject(rejection) if rejection else None
        return replace(action, subject=subject or action.subject)
    if action.type == "info_request":
        request = reply_rules.information_request(history.replies)
        if request is not None:
            return replace(action, detail=reply_rules.request_detail(request, user_zone(user)))
    return action


def reminder_length(kind: ActionType, timeline: TimelineSettings) -> timedelta:
    """How long the calendar reminder lasts: prep and debrief have their own lengths."""
    if kind == "prep":
        return timedelta(minutes=timeline.prep_length_minutes)
    if kind == "debrief":
        return timedelta(minutes=timeline.debrief_length_minutes)
    return timedelta(minutes=timeline.reminder_length_minutes)


def _require_aware(moment: datetime, name: str) -> None:
    """A naive time has no meaning across zones; fail loudly instead of guessing."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
