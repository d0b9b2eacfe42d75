"""Typed settings with the rules' defaults. Pure: ``config.py`` fills them from TOML.

Every number of the rules lives here so a user can change it in ``[timeline]``; the planner
and detector take these objects as arguments and never read a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Literal

StatedPolicy = Literal["next_business_day", "one_week_after"]

DEFAULT_PATTERNS: tuple[str, ...] = (
    "interview",
    "phone screen",
    "screening call",
    "recruiter call",
    "technical screen",
    "onsite",
    "on-site",
    "final round",
    "hiring manager",
    "entretien",
    "vorstellungsgespräch",
    "entrevista",
    "colloquio",
    "sollicitatiegesprek",
)
DEFAULT_EXCLUSIONS: tuple[str, ...] = (
    "mock interview",
    "interview prep",
    "practice",
    "interview training",
    "interviewer training",
    "coaching",
)
# Common phrasings of an interview that count only when the invite comes from the hiring
# side (a recruiter, a "Hiring Team" or "Recruiting" organizer, a scheduling tool).
DEFAULT_PHRASINGS: tuple[str, ...] = (
    "call",
    "phone call",
    "call with",
    "chat with",
    "intro call",
    "introductory call",
    "recruiter chat",
    "hiring manager chat",
    "screen",
    "screening",
    "virtual onsite",
    "meet the team",
    "technical assessment",
    "case study",
    "coding challenge",
    "pair programming",
    "system design",
    "take-home review",
    "culture fit",
    "conversation with",
    "meeting with",
    "chat",
    "intro",
    "introduction",
    "portfolio review",
    "presentation",
    "assessment",
)
# Addresses that are never a person, an interviewer, the contact or the company: globs on
# the local part ("noreply*@"), domains (and their subdomains) or whole addresses.
DEFAULT_NOT_PEOPLE: tuple[str, ...] = (
    "noreply*@",
    "donotreply*@",
    "notification*@",
    "mailerdaemon@",
    "calendar*@",
    "scheduling*@",
    "scheduler*@",
    "invite@",
    "invites@",
    "invitations@",
    "bookings@",
    "booking@",
    "recruiting@",
    "recruitment@",
    "recruiters@",
    "recruiter@",
    "talent@",
    "talentacquisition@",
    "ta@",
    "careers@",
    "jobs@",
    "hiring@",
    "hr@",
    "people@",
    "interviews@",
    "interview@",
    "candidates@",
    "greenhouse.io",
    "greenhouse-mail.io",
    "lever.co",
    "hire.lever.co",
    "ashbyhq.com",
    "ashby.io",
    "goodtime.io",
    "gem.com",
    "calendly.com",
    "cal.com",
    "myworkday.com",
    "workday.com",
    "icims.com",
    "workablemail.com",
    "workable.com",
    "teamtailor.com",
    "teamtailor-mail.com",
    "hirevue.com",
    "smartrecruiters.com",
    "jobvite.com",
    "bamboohr.com",
    "recruitee.com",
    "breezy.hr",
    "jazzhr.com",
    "paradox.ai",
    "modernloop.io",
    "prelude.co",
    "group.calendar.google.com",
    "resource.calendar.google.com",
)
DEFAULT_FREE_MAIL: tuple[str, ...] = (
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.com",
    "zoho.com",
    "yandex.com",
    "yandex.ru",
    "fastmail.com",
    "hey.com",
    "qq.com",
    "163.com",
)
DEFAULT_GRACE_HOURS: dict[str, float] = {
    "prep": 0,
    "debrief": 24,
    "thank_you": 48,
    "linkedin": 168,
    "check_in_1": 168,
    "check_in_2": 168,
    "final_follow_up": 168,
    "networking": 168,
    "rejection_thanks": 168,
    "info_request": 168,
}


@dataclass(frozen=True)
class UserSettings:
    name: str = "Alex Candidate"
    email: str = "alex@example.com"
    phone: str = ""
    timezone: str = "America/New_York"
    holiday_country: str = "US"
    holiday_region: str | None = None
    slot: time = time(10, 0)
    # Other addresses of the user (aliases): never interviewers, never the company.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class DetectionSettings:
    patterns: tuple[str, ...] = DEFAULT_PATTERNS
    exclusions: tuple[str, ...] = DEFAULT_EXCLUSIONS
    tag: str = "#interview"
    free_mail_domains: tuple[str, ...] = DEFAULT_FREE_MAIL
    phrasings: tuple[str, ...] = DEFAULT_PHRASINGS
    not_people: tuple[str, ...] = DEFAULT_NOT_PEOPLE
    # Length assumed for an interview event that has neither an end nor a duration.
    default_length_minutes: int = 60


@dataclass(frozen=True)
class TimelineSettings:
    """Every number of the rules' section 3; names say which row they belong to."""

    prep_minutes_before: int = 15
    prep_length_minutes: int = 10
    debrief_minutes_after: int = 15
    debrief_length_minutes: int = 30
    reminder_length_minutes: int = 15
    thank_you_delay_minutes: int = 60
    thank_you_latest: time = time(20, 0)
    thank_you_earliest: time = time(8, 0)
    thank_you_next_day: time = time(9, 0)
    linkedin_business_days: int = 2
    check_in_default_days: int = 10
    stated_policy: StatedPolicy = "next_business_day"
    check_in_2_days: int = 14
    final_min_days: int = 30
    final_after_check_in_2_days: int = 7
    networking_days: int = 60
    networking_count: int = 3
    min_outreach_spacing_days: int = 7
    grace_hours: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_GRACE_HOURS))

    def __hash__(self) -> int:  # dict field: hash by value for caching keys
        return hash(tuple(sorted(self.grace_hours.items())))


@dataclass(frozen=True)
class Settings:
    """The whole configuration, resolved: paths are absolute."""

    config_path: Path
    user: UserSettings = UserSettings()
    detection: DetectionSettings = DetectionSettings()
    timeline: TimelineSettings = field(default_factory=TimelineSettings)
    source: dict[str, object] = field(default_factory=dict)
    reminders: dict[str, object] = field(default_factory=dict)
    drafts: dict[str, object] = field(default_factory=dict)
    google: dict[str, object] = field(default_factory=dict)
    # every account section in use or present ([google], [caldav], [imap]), checked
    accounts: dict[str, dict[str, object]] = field(default_factory=dict)
    templates_dir: Path | None = None
    poll_minutes: float = 5.0
    state_path: Path = Path("state.sqlite3")
