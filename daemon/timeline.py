"""Calendar arithmetic for the plan: business days, the working-hours slot, stated timelines.

Pure: no clock and no I/O (the ``holidays`` library computes its tables in memory). The
planner counts days on local calendar dates and only then places an action at the slot, so
a daylight-saving change never moves a day-counted action by an hour.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import ClassVar, Literal
from zoneinfo import ZoneInfo

from daemon.settings import UserSettings

# A run of non-business days longer than this means a broken holiday table, not a calendar.
_MAX_CLOSED_RUN = 3660

# --------------------------------------------------------------------------- business days


HolidayKey = tuple[str, str | None, int]  # (country, region, year)

# Holiday tables computed by the ``holidays`` library, or loaded from a cache of them
# (``daemon.holiday_cache``): importing ``holidays`` costs more than a short command does
# in all, so a command that finds its years here never imports it.
_TABLES: dict[HolidayKey, frozenset[date]] = {}


def _holiday_dates(country: str, region: str | None, year: int) -> frozenset[date]:
    """The public holidays (observed days included) of one year, computed once: they
    never change for a given version of the library."""
    key = (country, region, year)
    found = _TABLES.get(key)
    if found is None:
        import holidays  # lazily: see _TABLES

        try:
            table = holidays.country_holidays(country, subdiv=region, years=year)
        except NotImplementedError as exc:
            raise ValueError(_holiday_error(country, region)) from exc
        found = _TABLES[key] = frozenset(table.keys())
    return found


def holiday_tables() -> dict[HolidayKey, frozenset[date]]:
    """Every table known to this process, for the cache to keep."""
    return dict(_TABLES)


def preload_holidays(tables: dict[HolidayKey, frozenset[date]]) -> None:
    """Tables from the cache: the library is not imported for these years."""
    for key, dates in tables.items():
        _TABLES.setdefault(key, dates)


def holidays_known(country: str, region: str | None) -> bool:
    """True when a table of this place is known, so the place was valid when computed."""
    place = (country.strip().upper(), (region or "").strip() or None)
    return any(key[:2] == place for key in _TABLES)


def _holiday_error(country: str, region: str | None) -> str:
    """One line the config layer can show as it is."""
    if region:
        return f"unknown holiday country/region {country!r}/{region!r}"
    return f"unknown holiday country {country!r}"


def _country(user: UserSettings) -> tuple[str, str | None]:
    """``holidays`` wants upper-case country codes; a blank region means none."""
    region = (user.holiday_region or "").strip() or None
    return user.holiday_country.strip().upper(), region


def check_holiday_country(country: str, region: str | None = None) -> None:
    """Raise ValueError (one readable line) when ``holidays`` does not know the place."""
    _holiday_dates(country.strip().upper(), (region or "").strip() or None, 2026)


def is_holiday(d: date, user: UserSettings) -> bool:
    """True on a public holiday of the user's country (and region)."""
    country, region = _country(user)
    return d in _holiday_dates(country, region, d.year)


def is_business_day(d: date, user: UserSettings) -> bool:
    """Monday to Friday and not a public holiday of the configured country/region."""
    return d.weekday() < 5 and not is_holiday(d, user)


def next_business_day_on_or_after(d: date, user: UserSettings) -> date:
    """``d`` itself when it is a business day, else the first business day after it."""
    for offset in range(_MAX_CLOSED_RUN):
        candidate = d + timedelta(days=offset)
        if is_business_day(candidate, user):
            return candidate
    raise ValueError(f"no business day within {_MAX_CLOSED_RUN} days of {d.isoformat()}")


def next_business_day_after(d: date, user: UserSettings) -> date:
    """The first business day strictly after ``d`` ("add one business day")."""
    return next_business_day_on_or_after(d + timedelta(days=1), user)


def add_business_days(d: date, n: int, user: UserSettings) -> date:
    """The ``n``-th business day after ``d`` (``d`` itself never counts).

    ``n == 0`` gives ``d`` moved forward to a business day, so a setting of 0 still lands
    on a working day.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    result = next_business_day_on_or_after(d, user) if n == 0 else d
    for _ in range(n):
        result = next_business_day_after(result, user)
    return result


# ------------------------------------------------------------------------- zones and slots


def user_zone(user: UserSettings) -> ZoneInfo:
    """The user's IANA zone; every due time of a plan is expressed in it."""
    return ZoneInfo(user.timezone)


def local_date(moment: datetime, user: UserSettings) -> date:
    """The calendar date of an aware moment as the user's wall clock shows it."""
    return moment.astimezone(user_zone(user)).date()


def wall_time(d: date, t: time, tz: ZoneInfo) -> datetime:
    """The aware moment a wall clock in ``tz`` shows ``t`` on ``d``.

    A time inside a daylight-saving gap (it never appears on the clock) is moved forward
    by the length of the gap, as calendar applications do: 02:30 on the spring-forward day
    in New York becomes 03:30 EDT. An ambiguous time (the repeated hour in autumn) is its
    first occurrence. The round trip through UTC gives the canonical offset either way.
    """
    return datetime.combine(d, t, tzinfo=tz).astimezone(UTC).astimezone(tz)


def at_slot(d: date, user: UserSettings) -> datetime:
    """The working-hours slot (``user.slot``, default 10:00) on ``d`` in the user's zone."""
    return wall_time(d, user.slot, user_zone(user))


def first_slot_at_or_after(moment: datetime, user: UserSettings) -> datetime:
    """The first slot on a business day that is not earlier than ``moment``."""
    day = next_business_day_on_or_after(local_date(moment, user), user)
    due = at_slot(day, user)
    if due.astimezone(UTC) < moment.astimezone(UTC):
        due = at_slot(next_business_day_after(day, user), user)
    return due


# ------------------------------------------------------------------------ stated timelines

IsBusinessDay = Callable[[date], bool]


def _weekdays_only(d: date) -> bool:
    """Business days without a holiday table: Monday to Friday."""
    return d.weekday() < 5


@dataclass(frozen=True)
class ExactDate:
    """An ISO date (``2026-12-08``) or a month-day with a year (``Dec 8, 2026``)."""

    day: date
    is_duration: ClassVar[bool] = False

    def resolve(self, on: date, business: IsBusinessDay = _weekdays_only) -> date:
        return self.day


@dataclass(frozen=True)
class Weekday:
    """``next Tuesday``, ``Friday``, ``by Fri``: the first such day strictly after ``on``."""

    weekday: int  # Monday == 0
    is_duration: ClassVar[bool] = False

    def resolve(self, on: date, business: IsBusinessDay = _weekdays_only) -> date:
        return on + timedelta(days=(self.weekday - on.weekday() - 1) % 7 + 1)


@dataclass(frozen=True)
class MonthDay:
    """``Dec 4``, ``4th December``: the first such date on or after ``on``."""

    month: int
    day: int
    is_duration: ClassVar[bool] = False

    def resolve(self, on: date, business: IsBusinessDay = _weekdays_only) -> date:
        for year in range(on.year, on.year + 9):  # 29 February comes back within 8 years
            if self.day <= calendar.monthrange(year, self.month)[1]:
                candidate = date(year, self.month, self.day)
                if candidate >= on:
                    return candidate
        raise ValueError(f"no {self.month}-{self.day} after {on}")  # unreachable once parsed


@dataclass(frozen=True)
class WeekEnd:
    """``end of the week`` (0) / ``next week`` (1): the Friday of that calendar week."""

    weeks_ahead: int
    is_duration: ClassVar[bool] = False

    def resolve(self, on: date, business: IsBusinessDay = _weekdays_only) -> date:
        friday = on + timedelta(days=4 - on.weekday() + 7 * self.weeks_ahead)
        return friday if friday >= on else friday + timedelta(days=7)


DurationUnit = Literal["day", "week", "month", "business_day"]


@dataclass(frozen=True)
class Duration:
    """``within a week``, ``2 weeks``, ``10 days``, ``a month``, ``5 business days``.

    Days and weeks are calendar days; a month is a calendar month (4 Dec -> 4 Jan, and
    31 Jan -> 28/29 Feb); business days skip what ``business`` says is closed.
    """

    amount: int
    unit: DurationUnit
    is_duration: ClassVar[bool] = True

    def resolve(self, on: date, business: IsBusinessDay = _weekdays_only) -> date:
        if self.unit == "day":
            return on + timedelta(days=self.amount)
        if self.unit == "week":
            return on + timedelta(weeks=self.amount)
        if self.unit == "month":
            return _add_months(on, self.amount)
        return _add_open_days(on, self.amount, business)


ParsedTimeline = ExactDate | Weekday | MonthDay | WeekEnd | Duration


def _add_months(d: date, months: int) -> date:
    """Same day-of-month ``months`` later, clamped to the month's last day."""
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _add_open_days(d: date, n: int, business: IsBusinessDay) -> date:
    """The ``n``-th day after ``d`` on which ``business`` is true."""
    result = d
    for _ in range(n):
        result += timedelta(days=1)
        while not business(result):
            result += timedelta(days=1)
    return result


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "couple": 2, "a couple": 2, "a couple of": 2, "couple of": 2, "few": 3, "a few": 3,
}  # fmt: skip
_UNITS: dict[str, DurationUnit] = {"day": "day", "week": "week", "month": "month"}
_YEARS = (2000, 2199)
# Larger amounts are typos, and would overflow ``date`` arithmetic.
_MAX_DAYS = 3660

_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4})\b)?"
# "may 2 weeks" is not the 2nd of May: a day number must not be an amount of time.
_NOT_AMOUNT = r"(?!\s*(?:-|to|or)?\s*\d*\s*(?:business\s+|working\s+)?(?:day|week|month|hour))"
_NUM = (
    r"\d+|a\s+couple(?:\s+of)?|couple(?:\s+of)?|a\s+few|few|an?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
)

_LABEL_RE = re.compile(r"^\s*(?:timeline|decision)\s*:\s*")
_THE_RE = re.compile(r"\b(within|in|over)\s+the\s+(?:next\s+|coming\s+)?(day|week|month)\b")
_ISO_RE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_MONTH_DAY_RES = (
    re.compile(rf"\b{_MON}\s+(?:the\s+)?{_DAY}\b{_NOT_AMOUNT}{_YEAR}"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}(?![a-z]){_YEAR}"),
)
_WEEKDAY_RE = re.compile(
    r"\b(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|saturday|sunday)\b"
)
_DURATION_RE = re.compile(
    rf"\b(?P<n>{_NUM})(?:\s*(?:-|–|to|or)\s*(?P<m>{_NUM}))?\s+"
    r"(?P<biz>(?:business|working)\s+)?(?P<unit>hour|day|week|month)s?\b"
    rf"(?:\s+or\s+(?P<m2>{_NUM})\b)?"
)
_FORTNIGHT_RE = re.compile(r"\b(?:a\s+)?fortnight\b")
_TOMORROW_RE = re.compile(r"\btomorrow\b")
_WEEK_END_RE = re.compile(
    r"\b(?:(?P<end>end\s+of\s+(?:the\s+|this\s+)?week)|(?P<next>next\s+week))\b"
)


def parse_timeline(text: str) -> ParsedTimeline | None:
    """Read what the employer said about their decision; None when nothing is understood.

    Case-insensitive, and tolerant of a ``Timeline:``/``Decision:`` label and of words or
    punctuation around the phrase. When a text holds several forms the most precise wins:
    ISO date, month-day, weekday, duration, then ``end of the week``/``next week``.
    """
    clean = _THE_RE.sub(r"\1 a \2", _LABEL_RE.sub("", text.lower()))
    for reader in (_iso, _month_day, _weekday, _duration, _week_end):
        found = reader(clean)
        if found is not None:
            return found
    return None


def resolve_timeline(
    text: str, interview_date: date, user: UserSettings | None = None
) -> date | None:
    """The date a stated timeline means for an interview held on ``interview_date``.

    ``user`` supplies the holiday table for ``N business days``; without it only weekends
    are skipped. None when the text is not understood.
    """
    parsed = parse_timeline(text)
    if parsed is None:
        return None
    business: IsBusinessDay = _weekdays_only
    if user is not None:
        business = _business_of(user)
    return parsed.resolve(interview_date, business)


def _business_of(user: UserSettings) -> IsBusinessDay:
    """``is_business_day`` bound to one user, for ``Duration.resolve``."""

    def check(d: date) -> bool:
        return is_business_day(d, user)

    return check


def _iso(text: str) -> ExactDate | None:
    for match in _ISO_RE.finditer(text):
        day = _safe_date(int(match[1]), int(match[2]), int(match[3]))
        if day is not None:
            return ExactDate(day)
    return None


def _month_day(text: str) -> ExactDate | MonthDay | None:
    for pattern in _MONTH_DAY_RES:
        for match in pattern.finditer(text):
            month, day = _MONTHS[match["mon"][:3]], int(match["day"])
            if not 1 <= day <= calendar.monthrange(2024, month)[1]:  # 2024: 29 Feb exists
                continue
            if match["year"]:
                exact = _safe_date(int(match["year"]), month, day)
                if exact is not None:
                    return ExactDate(exact)
                continue
            return MonthDay(month, day)
    return None


def _weekday(text: str) -> Weekday | None:
    match = _WEEKDAY_RE.search(text)
    return Weekday(_WEEKDAYS[match["wd"][:3]]) if match else None


def _duration(text: str) -> Duration | None:
    match = _DURATION_RE.search(text)
    if match is None:
        return _fortnight_or_tomorrow(text)
    upper = match["m2"] or match["m"] or match["n"]  # "1-2 weeks": wait for the later end
    amount = _number(upper)
    unit = match["unit"]
    if unit == "hour":
        return _bounded(Duration(math.ceil(amount / 24), "day"))
    if match["biz"] and unit == "day":
        return _bounded(Duration(amount, "business_day"))
    return _bounded(Duration(amount, _UNITS[unit]))


def _fortnight_or_tomorrow(text: str) -> Duration | None:
    if _FORTNIGHT_RE.search(text):
        return Duration(2, "week")
    if _TOMORROW_RE.search(text):
        return Duration(1, "day")
    return None


def _week_end(text: str) -> WeekEnd | None:
    match = _WEEK_END_RE.search(text)
    if match is None:
        return None
    return WeekEnd(0 if match["end"] else 1)


def _number(word: str) -> int:
    word = re.sub(r"\s+", " ", word)
    return int(word) if word.isdigit() else _NUMBERS[word]


def _bounded(duration: Duration) -> Duration | None:
    """Reject amounts no employer means (and that ``date`` cannot hold)."""
    per_unit = {"day": 1, "business_day": 2, "week": 7, "month": 31}[duration.unit]
    return duration if duration.amount * per_unit <= _MAX_DAYS else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    """A real date in a plausible range (a year like 9999 would overflow the plan)."""
    if not _YEARS[0] <= year <= _YEARS[1]:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
