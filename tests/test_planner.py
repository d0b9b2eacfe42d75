"""The plan a user sees for one interview: every row of the rules' section 3, and section 5.

Times are written as the user would read them in ``plan --json`` (ISO with offset).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from daemon.model import Action, History, Interview, Person, Plan, StatedTimeline
from daemon.planner import plan_interview
from daemon.settings import TimelineSettings, UserSettings

NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
JANE = Person("Jane Doe", "jane@acme.com")
BOB = Person("Bob Roe", "bob@acme.com")
SAM = Person("Sam Recruiter", "sam@acme.com")
USER = UserSettings()  # Alex Candidate, America/New_York, US holidays, slot 10:00
RULES = TimelineSettings()
# Before the interview of 1 December 2026: nothing is expired yet.
EARLY = datetime(2026, 11, 30, 12, 0, tzinfo=NY)


def make_interview(
    start: datetime = datetime(2026, 12, 1, 14, 0, tzinfo=NY),
    minutes: int = 60,
    *,
    role: str | None = "Senior Developer",
    interviewers: tuple[Person, ...] = (JANE,),
    contact: Person | None = SAM,
    timeline: str | None = None,
    prefers_phone: bool = False,
) -> Interview:
    """An Acme interview; by default Tuesday 1 December 2026, 14:00-15:00 in New York."""
    return Interview(
        id="ics:calendar.ics/acme-1",
        source_id="ics:calendar.ics",
        uid="acme-1",
        title=f"Interview with Acme - {role}" if role else "Interview with Acme",
        start=start,
        end=start + timedelta(minutes=minutes),
        company="Acme",
        role=role,
        kind="video",
        round=1,
        interviewers=interviewers,
        contact=contact,
        domains=frozenset({"acme.com"}),
        timeline=StatedTimeline(timeline, "description") if timeline else None,
        prefers_phone=prefers_phone,
    )


def plan(
    interview: Interview | None = None,
    history: History | None = None,
    rules: TimelineSettings = RULES,
    user: UserSettings = USER,
    now: datetime = EARLY,
) -> Plan:
    return plan_interview(interview or make_interview(), history or History(), rules, user, now)


def action(p: Plan, kind: str) -> Action:
    (found,) = [a for a in p.actions if a.type == kind]
    return found


def due(p: Plan, kind: str) -> str:
    return action(p, kind).due.isoformat()


def states(p: Plan) -> dict[str, str]:
    return {a.type: a.state for a in p.actions}


# ----------------------------------------------------------------- one test per table row


def test_prep_is_15_minutes_before_the_start_and_lasts_10_minutes() -> None:
    prep = action(plan(), "prep")
    assert prep.due.isoformat() == "2026-12-01T13:45:00-05:00"
    assert prep.duration == timedelta(minutes=10)
    assert (prep.outputs, prep.to, prep.subject, prep.call) == (("calendar",), (), None, False)


def test_debrief_is_15_minutes_after_the_end_and_lasts_30_minutes() -> None:
    debrief = action(plan(), "debrief")
    assert debrief.due.isoformat() == "2026-12-01T15:15:00-05:00"
    assert debrief.duration == timedelta(minutes=30)
    assert (debrief.outputs, debrief.to, debrief.subject) == (("calendar",), (), None)


def test_thank_you_is_an_hour_after_the_end_with_a_draft_per_interviewer() -> None:
    thanks = action(plan(make_interview(interviewers=(JANE, BOB))), "thank_you")
    assert thanks.due.isoformat() == "2026-12-01T16:00:00-05:00"
    assert thanks.outputs == ("calendar", "draft")
    assert thanks.to == (JANE, BOB)
    assert thanks.subject == "Thank you for the Senior Developer interview"
    assert thanks.duration == timedelta(minutes=15)


def test_linkedin_is_the_second_business_day_at_the_slot() -> None:
    linkedin = action(plan(), "linkedin")  # Tuesday -> Thursday
    assert linkedin.due.isoformat() == "2026-12-03T10:00:00-05:00"
    assert (linkedin.outputs, linkedin.to, linkedin.subject) == (("calendar",), (), None)


def test_linkedin_skips_thanksgiving() -> None:
    wednesday = make_interview(datetime(2026, 11, 25, 9, 0, tzinfo=NY))
    assert due(plan(wednesday), "linkedin") == "2026-11-30T10:00:00-05:00"


def test_check_in_1_without_a_timeline_is_10_days_later_on_a_business_day() -> None:
    check = action(plan(), "check_in_1")  # Tuesday 1 Dec + 10 = Friday 11 Dec
    assert check.due.isoformat() == "2026-12-11T10:00:00-05:00"
    assert check.outputs == ("calendar", "draft")
    assert check.to == (SAM,)
    assert check.subject == "Following up on Senior Developer interview - Alex Candidate"
    assert not check.call


def test_check_in_1_default_wait_landing_on_a_weekend_moves_to_monday() -> None:
    thursday = make_interview(datetime(2026, 12, 3, 14, 0, tzinfo=NY))  # +10 = Sunday 13th
    assert due(plan(thursday), "check_in_1") == "2026-12-14T10:00:00-05:00"


def test_check_in_1_with_a_stated_date_is_the_next_business_day_after_it() -> None:
    p = plan(make_interview(timeline="2026-12-08"))
    assert p.stated_timeline is not None and p.stated_timeline.isoformat() == "2026-12-08"
    assert due(p, "check_in_1") == "2026-12-09T10:00:00-05:00"


def test_check_in_1_after_a_stated_christmas_eve_skips_christmas_and_the_weekend() -> None:
    p = plan(make_interview(timeline="Dec 24"))
    assert due(p, "check_in_1") == "2026-12-28T10:00:00-05:00"


def test_check_in_2_is_14_days_after_check_in_1_moved_off_christmas() -> None:
    check = action(plan(), "check_in_2")  # 11 Dec + 14 = Friday 25 Dec -> Monday 28
    assert check.due.isoformat() == "2026-12-28T10:00:00-05:00"
    assert check.outputs == ("calendar", "draft")
    assert check.to == (SAM,)
    assert check.subject == "Following up on Senior Developer interview - Alex Candidate"


def test_final_follow_up_is_the_later_of_30_days_and_check_in_2_plus_7() -> None:
    final = action(plan(), "final_follow_up")  # max(31 Dec, 4 Jan) = Monday 4 January 2027
    assert final.due.isoformat() == "2027-01-04T10:00:00-05:00"
    assert final.to == (SAM,)
    assert final.subject == "Closing the loop on the Senior Developer interview - Alex Candidate"


def test_final_follow_up_30_days_after_wins_over_an_early_check_in_2() -> None:
    rules = replace(
        RULES, check_in_default_days=7, check_in_2_days=7, final_after_check_in_2_days=7
    )
    # check_in_1 Tue 8 Dec, check_in_2 Tue 15 Dec, +7 = 22 Dec < 31 Dec (Thursday).
    assert due(plan(rules=rules), "final_follow_up") == "2026-12-31T10:00:00-05:00"


def test_final_follow_up_30_days_after_lands_on_new_year_and_moves_to_monday() -> None:
    friday = make_interview(datetime(2026, 12, 2, 14, 0, tzinfo=NY))  # +30 = Friday 1 Jan
    rules = replace(RULES, check_in_2_days=7, final_after_check_in_2_days=7)
    assert due(plan(friday, rules=rules), "final_follow_up") == "2027-01-04T10:00:00-05:00"


def test_networking_is_60_days_after_the_final_and_recurs_three_times() -> None:
    networking = action(plan(), "networking")  # 4 Jan + 60 = Friday 5 March 2027
    assert networking.due.isoformat() == "2027-03-05T10:00:00-05:00"
    assert networking.rrule == "FREQ=DAILY;INTERVAL=60;COUNT=3"
    assert (networking.outputs, networking.to, networking.subject) == (("calendar",), (), None)


def test_networking_takes_its_interval_and_count_from_the_settings() -> None:
    rules = replace(RULES, networking_days=30, networking_count=5)
    networking = action(plan(rules=rules), "networking")  # 4 Jan + 30 = Wednesday 3 Feb
    assert networking.due.isoformat() == "2027-02-03T10:00:00-05:00"
    assert networking.rrule == "FREQ=DAILY;INTERVAL=30;COUNT=5"


def test_networking_count_zero_plans_no_networking() -> None:
    p = plan(rules=replace(RULES, networking_count=0))
    assert "networking" not in states(p)


def test_rejection_thanks_only_after_a_recorded_rejection() -> None:
    assert "rejection_thanks" not in states(plan())
    rejected = History(outcome="rejected", outcome_at=datetime(2026, 12, 3, 9, 0, tzinfo=NY))
    thanks = action(plan(history=rejected), "rejection_thanks")
    assert thanks.due.isoformat() == "2026-12-03T10:00:00-05:00"
    assert thanks.outputs == ("calendar", "draft")
    assert thanks.to == (SAM,)
    assert thanks.subject == "Thank you for considering me for the Senior Developer role"


def test_the_plan_lists_actions_in_the_rules_order() -> None:
    rejected = History(outcome="rejected", outcome_at=datetime(2026, 12, 3, 9, 0, tzinfo=NY))
    assert [a.type for a in plan(history=rejected).actions] == [
        "prep",
        "debrief",
        "thank_you",
        "linkedin",
        "check_in_1",
        "check_in_2",
        "final_follow_up",
        "networking",
        "rejection_thanks",
    ]


def test_other_reminders_take_the_configured_length() -> None:
    p = plan(rules=replace(RULES, reminder_length_minutes=20, prep_length_minutes=5))
    assert action(p, "prep").duration == timedelta(minutes=5)
    assert action(p, "linkedin").duration == timedelta(minutes=20)
    assert action(p, "networking").duration == timedelta(minutes=20)


# ------------------------------------------------------------------------------ thank-you


@pytest.mark.parametrize(
    ("ends", "expected"),
    [
        (time(18, 59), "2026-12-01T19:59:00-05:00"),
        (time(19, 0), "2026-12-01T20:00:00-05:00"),
        (time(19, 1), "2026-12-02T09:00:00-05:00"),
        (time(23, 30), "2026-12-02T09:00:00-05:00"),
        (time(6, 30), "2026-12-01T08:00:00-05:00"),
        (time(7, 0), "2026-12-01T08:00:00-05:00"),
        (time(7, 30), "2026-12-01T08:30:00-05:00"),
        (time(0, 15), "2026-12-01T08:00:00-05:00"),
    ],
)
def test_thank_you_edges(ends: time, expected: str) -> None:
    end = datetime(2026, 12, 1, ends.hour, ends.minute, tzinfo=NY)
    interview = make_interview(end - timedelta(minutes=45), 45)
    assert due(plan(interview), "thank_you") == expected


def test_thank_you_follows_the_users_zone_not_the_events() -> None:
    # 15:00-16:00 in London is 10:00-11:00 in New York: thanks at 12:00 New York time.
    london = make_interview(datetime(2026, 12, 1, 15, 0, tzinfo=LONDON))
    thanks = action(plan(london), "thank_you")
    assert thanks.due.isoformat() == "2026-12-01T12:00:00-05:00"
    assert thanks.due.tzinfo == NY


def test_a_london_breakfast_interview_is_thanked_at_8_new_york_time() -> None:
    # Ends 08:30 London = 03:30 New York; +1 h = 04:30, too early: 08:00 the same day.
    london = make_interview(datetime(2026, 12, 1, 7, 30, tzinfo=LONDON))
    assert due(plan(london), "thank_you") == "2026-12-01T08:00:00-05:00"


def test_a_london_evening_interview_ending_after_midnight_in_london() -> None:
    # Ends 00:30 London on 2 Dec = 19:30 on 1 Dec in New York; +1 h = 20:30 > 20:00.
    london = make_interview(datetime(2026, 12, 1, 23, 30, tzinfo=LONDON))
    assert due(plan(london), "thank_you") == "2026-12-02T09:00:00-05:00"


def test_thank_you_is_never_later_than_24_hours_after_the_end() -> None:
    rules = replace(RULES, thank_you_next_day=time(23, 0))
    late = make_interview(datetime(2026, 12, 1, 21, 0, tzinfo=NY))  # ends 22:00
    assert due(plan(late, rules=rules), "thank_you") == "2026-12-02T22:00:00-05:00"


def test_thank_you_without_interviewers_is_a_reminder_only() -> None:
    thanks = action(plan(make_interview(interviewers=())), "thank_you")
    assert (thanks.outputs, thanks.to, thanks.subject) == (("calendar",), (), None)


def test_subjects_leave_out_an_unknown_role() -> None:
    p = plan(make_interview(role=None))
    assert action(p, "thank_you").subject == "Thank you for the interview"
    assert action(p, "check_in_1").subject == "Following up on interview - Alex Candidate"


# ------------------------------------------------------------------- the seeds' examples


def test_told_within_a_week_wait_10_days() -> None:
    # 000: "told you will hear something within a week, wait 10 days to inquire".
    friday = make_interview(datetime(2026, 12, 4, 11, 0, tzinfo=NY), timeline="within a week")
    p = plan(friday)
    assert p.stated_timeline is not None and p.stated_timeline.isoformat() == "2026-12-11"
    assert due(p, "check_in_1") == "2026-12-14T10:00:00-05:00"  # Monday, 10 days later


def test_well_be_in_touch_next_tuesday_wait_until_wednesday() -> None:
    # 001: "We'll be in touch next Tuesday" -> wait until Wednesday.
    friday = make_interview(
        datetime(2026, 12, 4, 11, 0, tzinfo=NY), timeline="We'll be in touch next Tuesday."
    )
    p = plan(friday)
    assert p.stated_timeline is not None and p.stated_timeline.isoformat() == "2026-12-08"
    assert due(p, "check_in_1") == "2026-12-09T10:00:00-05:00"
    assert due(p, "check_in_2") == "2026-12-23T10:00:00-05:00"


def test_one_week_after_policy_adds_seven_days_to_the_stated_date() -> None:
    rules = replace(RULES, stated_policy="one_week_after")
    friday = make_interview(datetime(2026, 12, 4, 11, 0, tzinfo=NY), timeline="next Tuesday")
    assert due(plan(friday, rules=rules), "check_in_1") == "2026-12-15T10:00:00-05:00"


def test_one_week_after_landing_on_christmas_moves_to_monday() -> None:
    rules = replace(RULES, stated_policy="one_week_after")
    p = plan(make_interview(timeline="Dec 18"), rules=rules)
    assert due(p, "check_in_1") == "2026-12-28T10:00:00-05:00"


def test_a_stated_duration_counts_from_the_interview_date() -> None:
    p = plan(make_interview(timeline="2 weeks"))  # 1 Dec + 14 = Tue 15 Dec, +1 business day
    assert due(p, "check_in_1") == "2026-12-16T10:00:00-05:00"


def test_a_stated_date_before_the_interview_counts_as_the_interview_day() -> None:
    p = plan(make_interview(timeline="2026-11-02"))
    assert p.stated_timeline is not None and p.stated_timeline.isoformat() == "2026-11-02"
    assert due(p, "check_in_1") == "2026-12-02T10:00:00-05:00"


def test_the_command_wins_over_the_debrief_which_wins_over_the_description() -> None:
    interview = make_interview(timeline="2026-12-10")
    debrief = History(timeline_debrief="2026-12-14")
    both = History(timeline_debrief="2026-12-14", timeline_command="2026-12-16")
    assert str(plan(interview).stated_timeline) == "2026-12-10"
    assert str(plan(interview, debrief).stated_timeline) == "2026-12-14"
    assert str(plan(interview, both).stated_timeline) == "2026-12-16"
    assert due(plan(interview, both), "check_in_1") == "2026-12-17T10:00:00-05:00"


def test_an_unreadable_command_does_not_hide_a_readable_description() -> None:
    p = plan(make_interview(timeline="Dec 10"), History(timeline_command="soonish"))
    assert str(p.stated_timeline) == "2026-12-10"


def test_nothing_stated_gives_no_stated_timeline() -> None:
    assert plan(make_interview(timeline="we'll see")).stated_timeline is None


# -------------------------------------------------------------------- phone and no contact


def test_a_contact_who_prefers_the_phone_gets_call_reminders_for_the_check_ins() -> None:
    p = plan(make_interview(prefers_phone=True))
    for kind in ("check_in_1", "check_in_2"):
        check = action(p, kind)
        assert (check.outputs, check.to, check.subject, check.call) == (
            ("calendar",),
            (SAM,),
            None,
            True,
        )
    final = action(p, "final_follow_up")
    assert (final.outputs, final.call) == (("calendar", "draft"), False)


def test_without_a_contact_outreach_is_reminders_only() -> None:
    rejected = History(outcome="rejected", outcome_at=datetime(2026, 12, 3, 9, 0, tzinfo=NY))
    p = plan(make_interview(contact=None), rejected)
    for kind in ("check_in_1", "check_in_2", "final_follow_up", "rejection_thanks"):
        found = action(p, kind)
        assert (found.outputs, found.to, found.subject) == (("calendar",), (), None)
    assert action(p, "thank_you").outputs == ("calendar", "draft")


# ------------------------------------------------------------------ statuses and states

OUTREACH = {"check_in_1", "check_in_2", "final_follow_up"}
ALL_BUT_PREP_DEBRIEF = {"thank_you", "linkedin", *OUTREACH, "networking"}
REJECTED_AT = datetime(2026, 12, 3, 9, 0, tzinfo=NY)


@pytest.mark.parametrize(
    ("history", "status", "cancelled"),
    [
        (History(), "active", set()),
        (History(outcome="replied", outcome_at=REJECTED_AT), "replied", OUTREACH),
        (History(replied_at=REJECTED_AT), "replied", OUTREACH),
        (History(outcome="rejected", outcome_at=REJECTED_AT), "rejected", OUTREACH),
        (History(outcome="offer", outcome_at=REJECTED_AT), "offer", ALL_BUT_PREP_DEBRIEF),
        (History(outcome="withdrawn", outcome_at=REJECTED_AT), "withdrawn", ALL_BUT_PREP_DEBRIEF),
        (History(superseded=True), "superseded", {*OUTREACH, "networking"}),
        (
            History(cancelled=True),
            "cancelled",
            {"prep", "debrief", "thank_you", "linkedin", *OUTREACH, "networking"},
        ),
        (
            History(cancelled=True, outcome="offer"),
            "cancelled",
            {"prep", "debrief"} | ALL_BUT_PREP_DEBRIEF,
        ),
        (History(outcome="offer", replied_at=REJECTED_AT), "offer", ALL_BUT_PREP_DEBRIEF),
        (History(replied_at=REJECTED_AT, superseded=True), "replied", {*OUTREACH, "networking"}),
    ],
)
def test_status_and_the_actions_it_cancels(
    history: History, status: str, cancelled: set[str]
) -> None:
    p = plan(history=history)
    assert p.status == status
    assert {kind for kind, state in states(p).items() if state == "cancelled"} == cancelled
    assert {kind for kind, state in states(p).items() if state == "planned"} == (
        set(states(p)) - cancelled
    )


def test_rejection_adds_thanks_and_keeps_networking() -> None:
    p = plan(history=History(outcome="rejected", outcome_at=REJECTED_AT))
    assert states(p)["rejection_thanks"] == "planned"
    assert states(p)["networking"] == "planned"
    assert states(p)["thank_you"] == "planned"


@pytest.mark.parametrize("outcome", ["rejected", "offer", "withdrawn"])
def test_an_outcome_recorded_before_the_interview_calls_the_meeting_off(outcome: str) -> None:
    early = datetime(2026, 11, 30, 11, 0, tzinfo=NY)  # the interview is on 1 December
    p = plan(history=History(outcome=outcome, outcome_at=early))  # type: ignore[arg-type]
    for kind in ("prep", "debrief", "thank_you", "linkedin"):
        assert states(p)[kind] == "cancelled", kind
    if outcome == "rejected":
        assert states(p)["rejection_thanks"] == "planned"
        assert states(p)["networking"] == "planned"


def test_a_reply_recorded_before_the_interview_keeps_the_meeting() -> None:
    early = datetime(2026, 11, 30, 11, 0, tzinfo=NY)
    p = plan(history=History(outcome="replied", outcome_at=early))
    assert states(p)["thank_you"] == states(p)["prep"] == "planned"


def test_cancelled_interview_cancels_rejection_thanks_too() -> None:
    p = plan(history=History(cancelled=True, outcome="rejected", outcome_at=REJECTED_AT))
    assert states(p)["rejection_thanks"] == "cancelled"


def test_done_actions_stay_done_whatever_the_status() -> None:
    done = {"thank_you": datetime(2026, 12, 1, 16, 0, tzinfo=NY)}
    p = plan(history=History(cancelled=True, done=done))
    assert states(p)["thank_you"] == "done"
    assert states(p)["linkedin"] == "cancelled"


def test_user_modified_wins_over_done_and_cancelled() -> None:
    history = History(
        cancelled=True,
        done={"debrief": datetime(2026, 12, 1, 15, 15, tzinfo=NY)},
        user_modified=frozenset({"debrief", "prep"}),
    )
    p = plan(history=history)
    assert states(p)["debrief"] == "user_modified"
    assert states(p)["prep"] == "user_modified"


def test_prep_has_no_grace() -> None:
    at_due = datetime(2026, 12, 1, 13, 45, tzinfo=NY)
    assert states(plan(now=at_due))["prep"] == "planned"
    assert states(plan(now=at_due + timedelta(seconds=1)))["prep"] == "expired"


def test_thank_you_has_48_hours_of_grace() -> None:
    due_at = datetime(2026, 12, 1, 16, 0, tzinfo=NY)
    assert states(plan(now=due_at + timedelta(hours=48)))["thank_you"] == "planned"
    assert states(plan(now=due_at + timedelta(hours=48, seconds=1)))["thank_you"] == "expired"


def test_debrief_has_24_hours_and_check_ins_7_days_of_grace() -> None:
    now = datetime(2026, 12, 18, 10, 0, tzinfo=NY)  # check_in_1 was 11 Dec 10:00: 7 days ago
    s = states(plan(now=now))
    assert s["debrief"] == "expired"
    assert s["linkedin"] == "expired"  # 3 Dec + 7 days
    assert s["check_in_1"] == "planned"
    assert s["check_in_2"] == "planned"
    later = states(plan(now=now + timedelta(minutes=1)))
    assert later["check_in_1"] == "expired"


def test_configured_grace_hours_are_used() -> None:
    rules = replace(RULES, grace_hours={**RULES.grace_hours, "thank_you": 1.0})
    now = datetime(2026, 12, 1, 17, 30, tzinfo=NY)
    assert states(plan(rules=rules, now=now))["thank_you"] == "expired"
    assert states(plan(now=now))["thank_you"] == "planned"


def test_now_in_another_zone_is_the_same_instant() -> None:
    now = datetime(2026, 12, 1, 18, 45, 1, tzinfo=ZoneInfo("UTC"))  # 13:45:01 New York
    assert states(plan(now=now))["prep"] == "expired"


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="now"):
        plan(now=datetime(2026, 12, 1, 12, 0))


# ------------------------------------------------------------------- rejection thanks


@pytest.mark.parametrize(
    ("recorded", "expected"),
    [
        (datetime(2026, 12, 3, 9, 0, tzinfo=NY), "2026-12-03T10:00:00-05:00"),
        (datetime(2026, 12, 3, 11, 0, tzinfo=NY), "2026-12-04T10:00:00-05:00"),
        (datetime(2026, 12, 5, 9, 0, tzinfo=NY), "2026-12-07T10:00:00-05:00"),  # Saturday
        (datetime(2026, 12, 24, 11, 0, tzinfo=NY), "2026-12-28T10:00:00-05:00"),  # Christmas
    ],
)
def test_rejection_thanks_is_the_first_slot_at_or_after_the_recorded_moment(
    recorded: datetime, expected: str
) -> None:
    history = History(outcome="rejected", outcome_at=recorded)
    assert due(plan(history=history), "rejection_thanks") == expected


def test_rejection_thanks_does_not_drift_with_now() -> None:
    history = History(outcome="rejected", outcome_at=datetime(2026, 12, 3, 11, 0, tzinfo=NY))
    first = plan(history=history, now=datetime(2026, 12, 3, 11, 5, tzinfo=NY))
    later = plan(history=history, now=datetime(2026, 12, 9, 11, 5, tzinfo=NY))
    assert action(first, "rejection_thanks").due == action(later, "rejection_thanks").due
    assert action(later, "rejection_thanks").state == "planned"


# -------------------------------------------------------------------- company outreach


def test_outreach_of_another_round_pushes_check_in_1_seven_days_later() -> None:
    other_round = (datetime(2026, 12, 8, 10, 0, tzinfo=NY),)
    p = plan(history=History(company_outreach=other_round))
    assert due(p, "check_in_1") == "2026-12-15T10:00:00-05:00"
    assert due(p, "check_in_2") == "2026-12-29T10:00:00-05:00"
    assert due(p, "final_follow_up") == "2027-01-05T10:00:00-05:00"


def test_outreach_of_another_round_just_after_the_check_in_also_pushes_it() -> None:
    other_round = (datetime(2026, 12, 14, 16, 0, tzinfo=NY),)
    p = plan(history=History(company_outreach=other_round))
    assert due(p, "check_in_1") == "2026-12-21T10:00:00-05:00"


def test_outreach_far_from_the_plan_changes_nothing() -> None:
    other_round = (datetime(2026, 11, 20, 10, 0, tzinfo=NY),)
    assert plan(history=History(company_outreach=other_round)).actions == plan().actions


def test_configured_spacing_is_honoured() -> None:
    rules = replace(RULES, min_outreach_spacing_days=10, check_in_2_days=3)
    p = plan(rules=rules)  # check_in_1 11 Dec; 14 Dec is too close: Monday 21 Dec
    assert due(p, "check_in_2") == "2026-12-21T10:00:00-05:00"
    assert due(p, "final_follow_up") == "2026-12-31T10:00:00-05:00"


def test_spacing_never_drops_below_seven_days() -> None:
    rules = replace(RULES, min_outreach_spacing_days=2, check_in_2_days=1)
    p = plan(rules=rules)  # 11 Dec + 1 = 12 Dec, too close: 18 Dec
    assert due(p, "check_in_2") == "2026-12-18T10:00:00-05:00"


# ------------------------------------------------------------------------- time zones


def test_every_due_is_in_the_users_zone_whatever_the_events() -> None:
    auckland = make_interview(datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("Pacific/Auckland")))
    p = plan(auckland)
    assert all(a.due.tzinfo == NY for a in p.actions)
    # 09:00-10:00 in Auckland on 2 Dec is 15:00-16:00 on 1 Dec in New York.
    assert due(p, "prep") == "2026-12-01T14:45:00-05:00"
    assert due(p, "linkedin") == "2026-12-03T10:00:00-05:00"


def test_a_user_in_london_gets_london_times_and_uk_holidays() -> None:
    user = UserSettings(timezone="Europe/London", holiday_country="GB", holiday_region="ENG")
    p = plan(user=user)  # 14:00-15:00 New York = 19:00-20:00 London
    assert due(p, "thank_you") == "2026-12-02T09:00:00+00:00"
    assert due(p, "check_in_2") == "2026-12-29T10:00:00+00:00"  # 25, 26 (28 observed) closed


def test_day_counted_actions_keep_10_00_across_the_spring_dst_change() -> None:
    interview = make_interview(datetime(2027, 3, 5, 14, 0, tzinfo=NY))  # Friday, EST
    p = plan(interview, now=datetime(2027, 3, 1, 12, 0, tzinfo=NY))
    assert due(p, "prep") == "2027-03-05T13:45:00-05:00"
    assert due(p, "check_in_1") == "2027-03-15T10:00:00-04:00"  # Monday after the change


def test_the_plan_is_deterministic() -> None:
    assert plan() == plan()
