"""Properties of every plan, whatever the interview, the zones, the clock and the settings."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daemon.model import ACTION_TYPES, OUTCOMES, OUTREACH_TYPES, History, Interview, Person, Plan
from daemon.planner import plan_interview
from daemon.settings import DEFAULT_GRACE_HOURS, TimelineSettings, UserSettings
from daemon.timeline import is_business_day, local_date
from tests.test_planner import JANE, SAM, make_interview

ZONES = (
    "America/New_York",
    "America/Los_Angeles",
    "America/St_Johns",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Pacific/Auckland",
    "Australia/Lord_Howe",
    "UTC",
)
PLACES = (("US", None), ("GB", "SCT"), ("DE", "BY"), ("NZ", None), ("CA", "NL"), ("IN", None))
DAY_COUNTED = frozenset(
    {"linkedin", "check_in_1", "check_in_2", "final_follow_up", "networking", "rejection_thanks"}
)
TIMELINES = (
    None,
    "next Tuesday",
    "Friday",
    "by Fri",
    "Dec 4",
    "4 January",
    "Feb 29",
    "2026-12-08",
    "2027-06-30",
    "2026-01-01",
    "within a week",
    "2 weeks",
    "10 days",
    "1 month",
    "1-2 weeks",
    "3 business days",
    "tomorrow",
    "next week",
    "end of the week",
    "soon",
)
PROFILE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

instants = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)
zones = st.sampled_from(ZONES).map(ZoneInfo)
# Working hours kept out of the small hours, where daylight-saving gaps sit in these zones.
day_times = st.times(min_value=time(5, 0), max_value=time(23, 0)).map(
    lambda t: t.replace(second=0, microsecond=0)
)


@st.composite
def users(draw: st.DrawFn) -> UserSettings:
    country, region = draw(st.sampled_from(PLACES))
    return UserSettings(
        timezone=draw(st.sampled_from(ZONES)),
        holiday_country=country,
        holiday_region=region,
        slot=draw(st.times(min_value=time(6, 0), max_value=time(18, 0))).replace(
            second=0, microsecond=0
        ),
    )


@st.composite
def rules(draw: st.DrawFn) -> TimelineSettings:
    """Any settings the config layer accepts (integers >= 0, any sane times)."""
    days = st.integers(min_value=0, max_value=60)
    earliest = draw(day_times)
    return TimelineSettings(
        prep_minutes_before=draw(st.integers(0, 120)),
        debrief_minutes_after=draw(st.integers(0, 120)),
        thank_you_delay_minutes=draw(st.integers(0, 36 * 60)),
        thank_you_earliest=earliest,
        thank_you_latest=draw(day_times),
        thank_you_next_day=draw(day_times),
        linkedin_business_days=draw(st.integers(0, 10)),
        check_in_default_days=draw(days),
        stated_policy=draw(st.sampled_from(["next_business_day", "one_week_after"])),
        check_in_2_days=draw(days),
        final_min_days=draw(days),
        final_after_check_in_2_days=draw(days),
        networking_days=draw(st.integers(0, 120)),
        networking_count=draw(st.integers(0, 5)),
        min_outreach_spacing_days=draw(st.integers(0, 30)),
        grace_hours={k: draw(st.floats(0, 400)) for k in DEFAULT_GRACE_HOURS},
    )


@st.composite
def interviews(draw: st.DrawFn) -> Interview:
    start = draw(instants).astimezone(draw(zones))
    panel = draw(st.sampled_from([(), (JANE,), (JANE, Person(None, "bob@acme.com"))]))
    return make_interview(
        start,
        draw(st.integers(5, 300)),
        interviewers=panel,
        contact=draw(st.sampled_from([SAM, None])),
        timeline=draw(st.sampled_from(TIMELINES)),
        prefers_phone=draw(st.booleans()),
        role=draw(st.sampled_from(["Senior Developer", None])),
    )


@st.composite
def histories(draw: st.DrawFn, interview: Interview) -> History:
    around = st.timedeltas(min_value=timedelta(days=-60), max_value=timedelta(days=120))
    outcome = draw(st.sampled_from([None, *OUTCOMES]))
    moment = interview.end.astimezone(UTC) + draw(around)
    subset = st.frozensets(st.sampled_from(ACTION_TYPES))
    return History(
        outcome=outcome,
        outcome_at=moment if outcome else None,
        replied_at=draw(st.sampled_from([None, moment])),
        superseded=draw(st.booleans()),
        cancelled=draw(st.booleans()),
        done={kind: moment for kind in draw(subset)},
        user_modified=draw(subset),
        timeline_command=draw(st.sampled_from(TIMELINES)),
        timeline_debrief=draw(st.sampled_from(TIMELINES)),
        company_outreach=tuple(
            interview.end.astimezone(UTC) + delta for delta in draw(st.lists(around, max_size=3))
        ),
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[Interview, History, TimelineSettings, UserSettings, datetime]:
    interview = draw(interviews())
    history = draw(st.one_of(st.just(History()), histories(interview)))
    return interview, history, draw(rules()), draw(users()), draw(instants).astimezone(draw(zones))


Case = tuple[Interview, History, TimelineSettings, UserSettings, datetime]


def run(case: Case) -> Plan:
    return plan_interview(*case)


def dues(plan: Plan) -> dict[str, datetime]:
    return {a.type: a.due for a in plan.actions}


@PROFILE
@given(cases())
def test_every_due_is_aware_and_in_the_users_zone(case: Case) -> None:
    user = case[3]
    zone = ZoneInfo(user.timezone)
    for act in run(case).actions:
        assert act.due.tzinfo == zone
        canonical = act.due.astimezone(UTC).astimezone(zone)
        assert act.due.utcoffset() == canonical.utcoffset()
        assert act.due.replace(tzinfo=None) == canonical.replace(tzinfo=None)


@PROFILE
@given(cases())
def test_thank_you_follows_its_rule_and_comes_within_24_hours(case: Case) -> None:
    interview, _, rules_, user, _ = case
    zone = ZoneInfo(user.timezone)
    end = interview.end.astimezone(zone)
    due = dues(run(case))["thank_you"]
    elapsed = due.astimezone(UTC) - end.astimezone(UTC)
    assert timedelta(0) <= elapsed <= timedelta(hours=24)
    candidate = (
        end.astimezone(UTC) + timedelta(minutes=rules_.thank_you_delay_minutes)
    ).astimezone(zone)
    same_day = due.date() == end.date()
    in_window = rules_.thank_you_earliest <= due.time() <= rules_.thank_you_latest
    next_morning = due.date() == end.date() + timedelta(days=1) and (
        due.time() == rules_.thank_you_next_day
    )
    capped = elapsed == timedelta(hours=24)
    # The same day inside the window, the next morning, or the 24-hour cap: nothing else.
    assert (same_day and in_window) or next_morning or capped
    if same_day:  # never before the earliest hour, and no later than the delayed end
        assert due.time() >= rules_.thank_you_earliest
        assert due.astimezone(UTC) >= candidate.astimezone(UTC)
    fits = candidate.date() == end.date() and (
        rules_.thank_you_earliest <= candidate.time() <= rules_.thank_you_latest
    )
    if fits:
        assert due == candidate


@PROFILE
@given(cases())
def test_thank_you_by_default_is_between_8_and_20_or_9_the_next_morning(case: Case) -> None:
    interview, history, _, user, now = case
    due = dues(plan_interview(interview, history, TimelineSettings(), user, now))["thank_you"]
    local_end = interview.end.astimezone(ZoneInfo(user.timezone))
    if due.date() == local_end.date():
        assert time(8, 0) <= due.time() <= time(20, 0)
        assert local_end.time() <= time(19, 0) or local_end.time() < time(7, 0)
    else:
        assert due.time() == time(9, 0) and due.date() == local_end.date() + timedelta(days=1)


@PROFILE
@given(cases())
def test_outreach_is_spaced_from_every_other_outreach_to_the_company(case: Case) -> None:
    _, history, rules_, user, _ = case
    plan = run(case)
    spacing = max(7, rules_.min_outreach_spacing_days)
    mine = [local_date(a.due, user) for a in plan.actions if a.type in OUTREACH_TYPES]
    theirs = [local_date(moment, user) for moment in history.company_outreach]
    assert mine == sorted(mine)
    for a, b in combinations(mine, 2):
        assert abs((b - a).days) >= spacing
    for a in mine:
        for b in theirs:
            assert abs((b - a).days) >= spacing


@PROFILE
@given(cases())
def test_at_most_three_outreach_actions_follow_the_thank_you(case: Case) -> None:
    plan = run(case)
    outreach = [a for a in plan.actions if a.type in OUTREACH_TYPES]
    assert len(outreach) <= 3
    assert sum("draft" in a.outputs for a in outreach) <= 3
    thanks = dues(plan)["thank_you"]
    for act in outreach:  # outreach follows the thank-you, on a later day
        assert local_date(act.due, case[3]) > local_date(thanks, case[3])


@PROFILE
@given(cases())
def test_day_counted_actions_are_on_business_days_at_the_slot(case: Case) -> None:
    user = case[3]
    for act in run(case).actions:
        if act.type in DAY_COUNTED:
            assert is_business_day(act.due.date(), user), act
            assert act.due.time() == user.slot, act


@PROFILE
@given(cases())
def test_the_plan_is_deterministic(case: Case) -> None:
    assert run(case) == run(case)


@PROFILE
@given(cases())
def test_states_follow_the_history(case: Case) -> None:
    _, history, rules_, _, now = case
    plan = run(case)
    kinds = [a.type for a in plan.actions]
    assert kinds == [k for k in ACTION_TYPES if k in kinds]
    assert ("rejection_thanks" in kinds) == (history.outcome == "rejected")
    assert ("networking" in kinds) == (rules_.networking_count > 0)
    for act in plan.actions:
        if act.type in history.user_modified:
            assert act.state == "user_modified"
        elif act.type in history.done:
            assert act.state == "done"
        elif history.cancelled:
            assert act.state == "cancelled"
        elif act.state in ("planned", "expired"):
            grace = timedelta(hours=rules_.grace_hours[act.type])
            late = now.astimezone(UTC) > act.due.astimezone(UTC) + grace
            assert (act.state == "expired") == late


@PROFILE
@given(cases())
def test_nothing_is_ever_sent_only_drafts_and_reminders(case: Case) -> None:
    for act in run(case).actions:
        assert set(act.outputs) <= {"calendar", "draft"}
        assert "calendar" in act.outputs
        assert ("draft" in act.outputs) == (act.subject is not None)
        if "draft" in act.outputs:
            assert act.to and not act.call


def test_day_counted_actions_keep_the_slot_on_the_new_zealand_dst_sunday() -> None:
    user = UserSettings(timezone="Pacific/Auckland", holiday_country="NZ")
    interview = make_interview(datetime(2026, 9, 17, 10, 0, tzinfo=ZoneInfo("Pacific/Auckland")))
    plan = plan_interview(
        interview, History(), TimelineSettings(), user, datetime(2026, 9, 1, tzinfo=UTC)
    )
    # 17 Sep + 10 = Sunday 27 Sep (clocks go forward) -> Monday 28 at 10:00 NZDT.
    assert dues(plan)["check_in_1"].isoformat() == "2026-09-28T10:00:00+13:00"
    assert dues(plan)["prep"].isoformat() == "2026-09-17T09:45:00+12:00"
