"""Business days, the working-hours slot and the stated-timeline grammar, with real dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from daemon.settings import UserSettings
from daemon.timeline import (
    Duration,
    ExactDate,
    MonthDay,
    Weekday,
    WeekEnd,
    add_business_days,
    at_slot,
    check_holiday_country,
    first_slot_at_or_after,
    is_business_day,
    local_date,
    next_business_day_after,
    next_business_day_on_or_after,
    parse_timeline,
    resolve_timeline,
    wall_time,
)

NY = ZoneInfo("America/New_York")
US = UserSettings()  # America/New_York, US holidays, slot 10:00
FRIDAY_DEC_4 = date(2026, 12, 4)


# ------------------------------------------------------------------------------ grammar


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ISO date: itself
        ("2026-12-08", date(2026, 12, 8)),
        ("Timeline: 2026-12-18.", date(2026, 12, 18)),
        # weekday, with or without next/on/by: first such day strictly after the interview
        ("next Tuesday", date(2026, 12, 8)),
        ("Tuesday", date(2026, 12, 8)),
        ("on Tuesday", date(2026, 12, 8)),
        ("by Fri", date(2026, 12, 11)),
        ("Friday", date(2026, 12, 11)),
        ("next Monday", date(2026, 12, 7)),
        ("wed", date(2026, 12, 9)),
        ("Thurs", date(2026, 12, 10)),
        ("Saturday", date(2026, 12, 5)),
        # month-day: first such date on or after the interview
        ("Dec 4", date(2026, 12, 4)),
        ("Dec 11", date(2026, 12, 11)),
        ("December 11th", date(2026, 12, 11)),
        ("11 Dec", date(2026, 12, 11)),
        ("the 11th of December", date(2026, 12, 11)),
        ("Jan 8", date(2027, 1, 8)),
        ("Dec 3", date(2027, 12, 3)),
        ("Sept. 1", date(2027, 9, 1)),
        ("December 11, 2026", date(2026, 12, 11)),
        # durations: calendar days from the interview's date
        ("within a week", date(2026, 12, 11)),
        ("a week", date(2026, 12, 11)),
        ("one week", date(2026, 12, 11)),
        ("2 weeks", date(2026, 12, 18)),
        ("within two weeks", date(2026, 12, 18)),
        ("10 days", date(2026, 12, 14)),
        ("in 3 days", date(2026, 12, 7)),
        ("1 month", date(2027, 1, 4)),
        ("within a month", date(2027, 1, 4)),
        ("1-2 weeks", date(2026, 12, 18)),
        ("one or two weeks", date(2026, 12, 18)),
        ("a week or two", date(2026, 12, 18)),
        ("a couple of weeks", date(2026, 12, 18)),
        ("a few days", date(2026, 12, 7)),
        ("a fortnight", date(2026, 12, 18)),
        ("48 hours", date(2026, 12, 6)),
        ("tomorrow", date(2026, 12, 5)),
        ("within the next week", date(2026, 12, 11)),
        ("5 business days", date(2026, 12, 11)),
        # the Friday of this / next calendar week
        ("end of the week", date(2026, 12, 4)),
        ("next week", date(2026, 12, 11)),
    ],
)
def test_resolves_every_form_from_friday_4_december(text: str, expected: date) -> None:
    assert resolve_timeline(text, FRIDAY_DEC_4) == expected


def test_next_tuesday_said_on_friday_4_december_means_8_december() -> None:
    assert resolve_timeline("next Tuesday", date(2026, 12, 4)) == date(2026, 12, 8)


def test_a_weekday_named_on_that_weekday_means_the_following_week() -> None:
    assert resolve_timeline("Tuesday", date(2026, 12, 8)) == date(2026, 12, 15)


def test_month_day_on_the_interview_day_is_that_day() -> None:
    assert resolve_timeline("December 4th", date(2026, 12, 4)) == date(2026, 12, 4)


def test_29_february_waits_for_a_leap_year() -> None:
    assert resolve_timeline("Feb 29", date(2026, 3, 1)) == date(2028, 2, 29)


def test_a_month_from_31_january_is_the_end_of_february() -> None:
    assert resolve_timeline("in a month", date(2027, 1, 31)) == date(2027, 2, 28)


@pytest.mark.parametrize(
    "text",
    [
        "Timeline: next Tuesday.",
        "timeline:   NEXT TUESDAY!!",
        "Decision: they said next Tuesday, maybe",
        "We'll be in touch next Tuesday.",
    ],
)
def test_labels_case_and_surrounding_words_are_tolerated(text: str) -> None:
    assert resolve_timeline(text, FRIDAY_DEC_4) == date(2026, 12, 8)


def test_the_most_precise_form_wins() -> None:
    assert resolve_timeline("by Friday, Dec 18", FRIDAY_DEC_4) == date(2026, 12, 18)
    assert resolve_timeline("next week, 2026-12-09", FRIDAY_DEC_4) == date(2026, 12, 9)


def test_may_followed_by_an_amount_is_not_a_date() -> None:
    assert resolve_timeline("They may take 2 weeks", FRIDAY_DEC_4) == date(2026, 12, 18)


@pytest.mark.parametrize(
    "text",
    ["", "soon", "we'll see", "Feb 30", "2026-13-01", "in 100000 days", "9999-12-31", "asap"],
)
def test_unparseable_gives_none(text: str) -> None:
    assert parse_timeline(text) is None
    assert resolve_timeline(text, FRIDAY_DEC_4) is None


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("2026-12-08", ExactDate(date(2026, 12, 8))),
        ("next Tuesday", Weekday(1)),
        ("Dec 4", MonthDay(12, 4)),
        ("within a week", Duration(1, "week")),
        ("10 days", Duration(10, "day")),
        ("3 working days", Duration(3, "business_day")),
        ("next week", WeekEnd(1)),
    ],
)
def test_parse_gives_a_small_value(text: str, parsed: object) -> None:
    assert parse_timeline(text) == parsed


def test_parse_says_whether_it_was_a_duration() -> None:
    within = parse_timeline("within a week")
    tuesday = parse_timeline("next Tuesday")
    assert within is not None and within.is_duration
    assert tuesday is not None and not tuesday.is_duration


def test_business_day_durations_skip_the_users_holidays() -> None:
    # Wednesday 25 November 2026: Thanksgiving (26th) and the weekend do not count.
    assert resolve_timeline("2 business days", date(2026, 11, 25), US) == date(2026, 11, 30)
    assert resolve_timeline("2 business days", date(2026, 11, 25)) == date(2026, 11, 27)


# ------------------------------------------------------------------------ business days


def test_thanksgiving_is_not_a_business_day() -> None:
    assert not is_business_day(date(2026, 11, 26), US)
    assert is_business_day(date(2026, 11, 27), US)
    assert next_business_day_after(date(2026, 11, 25), US) == date(2026, 11, 27)


def test_christmas_2026_on_a_friday_skips_to_monday() -> None:
    assert next_business_day_after(date(2026, 12, 24), US) == date(2026, 12, 28)
    assert next_business_day_on_or_after(date(2026, 12, 25), US) == date(2026, 12, 28)


def test_new_year_2027_skips_to_monday_4_january() -> None:
    assert not is_business_day(date(2027, 1, 1), US)
    assert next_business_day_after(date(2026, 12, 31), US) == date(2027, 1, 4)


def test_weekends_are_not_business_days() -> None:
    assert not is_business_day(date(2026, 12, 5), US)
    assert not is_business_day(date(2026, 12, 6), US)
    assert next_business_day_on_or_after(date(2026, 12, 5), US) == date(2026, 12, 7)
    assert next_business_day_on_or_after(date(2026, 12, 7), US) == date(2026, 12, 7)


def test_add_business_days_counts_after_the_day() -> None:
    # Tuesday 1 December 2026 + 2 business days = Thursday 3 December.
    assert add_business_days(date(2026, 12, 1), 2, US) == date(2026, 12, 3)
    # Wednesday before Thanksgiving + 2 = Monday 30 November.
    assert add_business_days(date(2026, 11, 25), 2, US) == date(2026, 11, 30)
    # 0 moves a Saturday to Monday.
    assert add_business_days(date(2026, 12, 5), 0, US) == date(2026, 12, 7)
    with pytest.raises(ValueError):
        add_business_days(date(2026, 12, 5), -1, US)


def test_scotland_closes_on_2_january_england_does_not() -> None:
    scotland = UserSettings(timezone="Europe/London", holiday_country="GB", holiday_region="SCT")
    england = UserSettings(timezone="Europe/London", holiday_country="GB", holiday_region="ENG")
    assert next_business_day_after(date(2026, 1, 1), scotland) == date(2026, 1, 5)
    assert next_business_day_after(date(2026, 1, 1), england) == date(2026, 1, 2)


def test_epiphany_is_a_holiday_in_bavaria_not_in_berlin() -> None:
    bavaria = UserSettings(timezone="Europe/Berlin", holiday_country="DE", holiday_region="BY")
    berlin = UserSettings(timezone="Europe/Berlin", holiday_country="DE", holiday_region="BE")
    assert not is_business_day(date(2026, 1, 6), bavaria)
    assert is_business_day(date(2026, 1, 6), berlin)


def test_country_codes_are_case_insensitive() -> None:
    assert not is_business_day(date(2026, 11, 26), UserSettings(holiday_country="us"))


@pytest.mark.parametrize(("country", "region"), [("XX", None), ("US", "ZZ")])
def test_unknown_country_or_region_is_a_clear_value_error(country: str, region: str | None) -> None:
    with pytest.raises(ValueError, match="unknown holiday country"):
        check_holiday_country(country, region)
    user = UserSettings(holiday_country=country, holiday_region=region)
    with pytest.raises(ValueError, match=repr(country)):
        is_business_day(date(2026, 12, 1), user)


def test_known_country_passes_the_check() -> None:
    check_holiday_country("de", "BY")


# ------------------------------------------------------------------------ slots and DST


@pytest.mark.parametrize(
    ("day", "offset_hours"),
    [
        (date(2026, 10, 31), -4),  # Saturday, still EDT
        (date(2026, 11, 1), -5),  # Sunday, clocks went back at 02:00
        (date(2026, 11, 2), -5),  # Monday
        (date(2027, 3, 13), -5),  # Saturday, EST
        (date(2027, 3, 14), -4),  # Sunday, clocks went forward at 02:00
        (date(2027, 3, 15), -4),
    ],
)
def test_the_10_00_slot_stays_at_10_00_across_dst_weekends(day: date, offset_hours: int) -> None:
    due = at_slot(day, US)
    assert (due.date(), due.time()) == (day, time(10, 0))
    assert due.utcoffset() == timedelta(hours=offset_hours)
    assert due.tzinfo == NY


def test_business_day_after_the_autumn_dst_weekend_is_at_10_00() -> None:
    monday = next_business_day_after(date(2026, 10, 30), US)
    assert at_slot(monday, US) == datetime(2026, 11, 2, 10, 0, tzinfo=NY)
    assert at_slot(monday, US).isoformat() == "2026-11-02T10:00:00-05:00"


def test_a_slot_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    early = UserSettings(slot=time(2, 30))
    due = at_slot(date(2027, 3, 14), early)
    assert due.isoformat() == "2027-03-14T03:30:00-04:00"


def test_a_slot_in_the_repeated_autumn_hour_is_its_first_occurrence() -> None:
    due = wall_time(date(2026, 11, 1), time(1, 30), NY)
    assert due.isoformat() == "2026-11-01T01:30:00-04:00"


@pytest.mark.parametrize(
    ("recorded", "expected"),
    [
        ("2026-12-03T09:00:00-05:00", "2026-12-03T10:00:00-05:00"),
        ("2026-12-03T10:00:00-05:00", "2026-12-03T10:00:00-05:00"),
        ("2026-12-03T11:00:00-05:00", "2026-12-04T10:00:00-05:00"),
        ("2026-12-05T09:00:00-05:00", "2026-12-07T10:00:00-05:00"),  # Saturday
        ("2026-11-25T11:00:00-05:00", "2026-11-27T10:00:00-05:00"),  # before Thanksgiving
        ("2026-12-03T14:30:00+00:00", "2026-12-03T10:00:00-05:00"),  # 09:30 in New York
    ],
)
def test_first_slot_at_or_after(recorded: str, expected: str) -> None:
    assert first_slot_at_or_after(datetime.fromisoformat(recorded), US).isoformat() == expected


def test_local_date_is_the_users_calendar_date() -> None:
    late_utc = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # 22:00 on 1 December in New York
    assert local_date(late_utc, US) == date(2026, 12, 1)
