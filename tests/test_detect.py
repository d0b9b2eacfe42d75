"""detect(): the rules' sections 1 (what is an interview) and 2 (what is extracted)."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daemon.detect import (
    ALL_DAY,
    CANCELLED,
    DECLINED,
    RECURRING,
    Detection,
    _rules,
    clean_text,
    detect,
    read_title,
    superseded_by,
)
from daemon.model import Attendee, Interview, Person, SourceEvent, StatedTimeline
from daemon.settings import DetectionSettings, UserSettings

DET = DetectionSettings()
USER = UserSettings(email="alex@example.com", aliases=("Alex.Candidate@Gmail.com",))
START = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
ME = Attendee("alex@example.com", "Alex Candidate", partstat="ACCEPTED")
JANE = Attendee("jane@acme.com", "Jane Doe", partstat="ACCEPTED")
BOB = Attendee("bob@acme.com", "Bob Roe", partstat="ACCEPTED")
SAM = Attendee("sam@acme.com", "Sam Recruiter")


def event(title: str = "Interview", **kw: object) -> SourceEvent:
    fields: dict[str, object] = {
        "source_id": "ics:test",
        "uid": f"uid-{abs(hash((title, tuple(sorted(map(str, kw.items()))))))}",
        "title": title,
        "start": START,
        "end": START + timedelta(hours=1),
    }
    fields.update(kw)
    return SourceEvent(**fields)  # type: ignore[arg-type]


def run(*events: SourceEvent, det: DetectionSettings = DET, user: UserSettings = USER) -> Detection:
    return detect(events, det, user)


def one(ev: SourceEvent, **kw: object) -> Interview:
    found = run(ev, **kw).interviews  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- section 1


@pytest.mark.parametrize(
    "title",
    [
        "Interview",
        "interview",
        "INTERVIEW with Acme",
        "Phone screen",
        "phone-screen with Acme",
        "Phone   screen",
        "Screening call - Acme",
        "Recruiter call",
        "Technical screen",
        "Onsite",
        "On-site at Globex",
        "on site at Globex",
        "Final round - Globex",
        "Hiring manager chat",
        "Acme: interview.",
        "(Interview) Acme",
    ],
)
def test_title_patterns_match(title: str) -> None:
    assert len(run(event(title)).interviews) == 1


@pytest.mark.parametrize(
    "title",
    [
        "Preinterview chat",  # whole words only
        "Finals round up",
        "Dentist",
        "Screen phone",  # a phrase keeps its word order
    ],
)
def test_non_matching_titles_are_ignored_silently(title: str) -> None:
    result = run(event(title))
    assert result == Detection((), (), ())


@pytest.mark.parametrize(
    "title",
    ["Mock interview with Sam", "Interview prep", "interview-prep: Acme", "Interview practice"],
)
def test_exclusions_win(title: str) -> None:
    result = run(event(title))
    assert result.interviews == () and result.cancellations == ()
    [skip] = result.skipped  # listed, so the user sees why it is not planned
    assert skip.reason.startswith("excluded by '")


def test_configured_patterns_and_exclusions() -> None:
    det = DetectionSettings(patterns=("entretien", "coffee chat"), exclusions=("info",))
    assert len(run(event("Entretien - Acme"), det=det).interviews) == 1
    assert len(run(event("Coffee  chat with Bob"), det=det).interviews) == 1
    assert not run(event("Interview with Acme"), det=det).interviews
    assert not run(event("Entretien info"), det=det).interviews


def test_all_interviews_calendar() -> None:
    assert len(run(event("Chat with Bob", all_interviews_calendar=True)).interviews) == 1


@pytest.mark.parametrize(
    "title",
    ["Final Interviews with Globex", "Video Editor interviews", "Phone screening - Acme"],
)
def test_plural_and_inflected_forms_match(title: str) -> None:
    assert len(run(event(title)).interviews) == 1


def test_tag_in_description() -> None:
    assert len(run(event("Chat with Bob", description="see you\n#interview")).interviews) == 1
    assert len(run(event("Chat", description="#INTERVIEW")).interviews) == 1
    assert not run(event("Chat", description="#interviews are fun")).interviews
    assert not run(event("Chat", description="interview")).interviews


def test_tag_beats_exclusion() -> None:
    assert len(run(event("Mock interview", description="#interview")).interviews) == 1


def test_own_events_are_ignored_without_a_trace() -> None:
    result = run(event("Debrief: Interview with Acme", own_key="k1", status="CANCELLED"))
    assert result == Detection((), (), ())


@pytest.mark.parametrize(
    "me",
    [
        Attendee("alex@example.com", partstat="DECLINED"),
        Attendee("ALEX@EXAMPLE.COM", partstat="declined"),
        Attendee("alex.candidate@gmail.com", partstat="DECLINED"),  # an alias
        Attendee("alex@work.example", partstat="DECLINED", is_self=True),
    ],
)
def test_declined_by_the_user(me: Attendee) -> None:
    ev = event("Interview with Acme", attendees=(JANE, me))
    result = run(ev)
    assert not result.interviews
    assert [(s.id, s.reason) for s in result.skipped] == [(ev.interview_id, DECLINED)]
    assert not result.cancellations


def test_declined_by_someone_else_is_still_an_interview() -> None:
    other = Attendee("bob@acme.com", partstat="DECLINED")
    assert len(run(event("Interview", attendees=(other, ME))).interviews) == 1


def test_cancelled_gives_a_cancellation_and_a_skip() -> None:
    ev = event("Interview with Acme", status="CANCELLED")
    result = run(ev)
    assert not result.interviews
    assert [(c.id, c.title) for c in result.cancellations] == [(ev.interview_id, ev.title)]
    assert [s.reason for s in result.skipped] == [CANCELLED]


def test_all_day_event_is_skipped() -> None:
    result = run(event("Onsite at Globex", start=date(2026, 12, 1), end=date(2026, 12, 2)))
    assert [s.reason for s in result.skipped] == [ALL_DAY]


def test_recurring_series_is_skipped() -> None:
    result = run(event("Weekly interview sync", recurring=True))
    assert [s.reason for s in result.skipped] == [RECURRING]


def test_override_needs_the_tag() -> None:
    plain = event("Weekly interview sync", recurrence_id="2026-12-08T09:00:00+00:00")
    tagged = event(
        "Weekly sync", recurrence_id="2026-12-15T09:00:00+00:00", description="#interview"
    )
    result = run(plain, tagged)
    assert [s.reason for s in result.skipped] == [RECURRING]
    assert [iv.id for iv in result.interviews] == [tagged.interview_id]
    assert result.interviews[0].recurrence_id == "2026-12-15T09:00:00+00:00"
    assert result.interviews[0].id.endswith("@2026-12-15T09:00:00+00:00")


def test_dentist_in_an_interview_calendar_is_not_skipped_but_all_day_is() -> None:
    result = run(event("Dentist", start=date(2026, 12, 1), end=None, all_interviews_calendar=True))
    assert [s.reason for s in result.skipped] == [ALL_DAY]


def test_interviews_sorted_by_start_and_ids_unique() -> None:
    late = event("Interview B", start=START + timedelta(days=2), end=None)
    early = event("Interview A")
    result = run(late, early, early)
    assert [iv.title for iv in result.interviews] == ["Interview A", "Interview B"]


# ---------------------------------------------------------------- reading a title


TITLE_TABLE = [
    ("Interview with Acme - Senior Developer", "Acme", "Senior Developer"),
    ("Acme - Senior Developer interview", "Acme", "Senior Developer"),
    ("Interview for Senior Developer at Acme", "Acme", "Senior Developer"),
    ("Acme: phone screen", "Acme", None),
    ("Final round - Globex", "Globex", None),
    ("Phone screen with Initech", "Initech", None),
    ("Technical screen", None, None),
]


@pytest.mark.parametrize(("title", "company", "role"), TITLE_TABLE)
def test_reading_a_title_table(title: str, company: str | None, role: str | None) -> None:
    assert read_title(title, _rules(DET).patterns) == (company, role)
    iv = one(event(title))
    assert (iv.company, iv.role) == (company, role)


def test_technical_screen_company_comes_from_the_domains() -> None:
    iv = one(event("Technical screen", organizer=SAM, attendees=(JANE, ME)))
    assert (iv.company, iv.role) == ("Acme", None)


@pytest.mark.parametrize(
    ("title", "company", "role"),
    [
        ("Interview – Acme — Data Scientist", "Acme", "Data Scientist"),
        ("Interview: Acme - SRE", "Acme", "SRE"),
        ("Interview with Jane at Hooli for the SRE role", "Hooli", "SRE"),
        ("Updated invitation: Phone screen with Initech", "Initech", None),
        ("Second round interview - Acme", "Acme", None),
        ("Dinner - Bob", None, None),  # no kind part (found by tag): nothing from the title
    ],
)
def test_reading_more_titles(title: str, company: str | None, role: str | None) -> None:
    assert read_title(title, _rules(DET).patterns) == (company, role)


def test_leftover_equal_to_the_domain_label_is_the_company() -> None:
    iv = one(event("Acme interview", organizer=SAM))
    assert (iv.company, iv.role) == ("Acme", None)


# ---------------------------------------------------------------- section 2: company, role


def test_company_line_wins_over_title_and_domains() -> None:
    iv = one(event("Interview with Globex", organizer=SAM, description="Company: Initech\n"))
    assert iv.company == "Initech"


def test_company_from_the_most_common_domain() -> None:
    ev = event(
        "Technical screen",
        organizer=Attendee("talent@agency.io"),
        attendees=(JANE, BOB, ME, Attendee("kim@ACME.com"), Attendee("x@agency.io")),
    )
    assert one(ev).company == "Acme"  # acme.com 3 times beats agency.io twice


def test_company_domain_ties_go_to_the_organizer() -> None:
    ev = event("Technical screen", organizer=Attendee("talent@piedpiper.com"), attendees=(JANE,))
    iv = one(ev)
    assert iv.company == "Piedpiper"
    assert iv.domains == frozenset({"piedpiper.com", "acme.com"})


def test_free_mail_and_user_domains_are_not_companies() -> None:
    ev = event(
        "Technical screen",
        organizer=Attendee("someone@gmail.com"),
        attendees=(Attendee("colleague@example.com"), ME, Attendee("x@Yahoo.com")),
    )
    iv = one(ev)
    assert iv.company is None
    assert iv.domains == frozenset()


def test_rooms_and_calendar_internal_addresses_are_not_companies() -> None:
    ev = event(
        "Technical screen",
        organizer=Attendee("c_123@group.calendar.google.com"),
        attendees=(Attendee("room@rooms.example.net", cutype="ROOM"),),
    )
    assert one(ev).company is None


def test_role_lines() -> None:
    assert one(event("Interview with Acme", description="Role: SRE")).role == "SRE"
    assert one(event("Interview with Acme", description="Position: PM\nRole: x")).role == "PM"
    assert one(event("Interview with Acme - Data")).role == "Data"
    assert one(event("Interview with Acme")).role is None


def test_description_html_from_google() -> None:
    desc = "<b>Company:</b> Acme<br>Role: Staff &amp; Principal<br/>Contact: Sam <sam@acme.com>"
    iv = one(event("Interview", description=desc))
    assert (iv.company, iv.role) == ("Acme", "Staff & Principal")
    assert iv.contact == Person("Sam", "sam@acme.com")


# ---------------------------------------------------------------- interviewers, contact


def test_interviewers_remove_user_rooms_decliners_and_duplicates() -> None:
    ev = event(
        "Interview with Acme",
        attendees=(
            JANE,
            Attendee("JANE@acme.com", "Jane again"),
            ME,
            Attendee("alex.candidate@gmail.com"),
            Attendee("me@elsewhere.example", is_self=True),
            Attendee("room1@acme.com", "Room 1", cutype="ROOM"),
            Attendee("beamer@acme.com", "Beamer", cutype="resource"),
            Attendee("c_1@resource.calendar.google.com", "Room 2", resource=True),
            Attendee("bob@acme.com", "Bob", partstat="DECLINED"),
            Attendee("kim@acme.com", "kim@acme.com"),
        ),
    )
    iv = one(ev)
    assert iv.interviewers == (Person("Jane Doe", "jane@acme.com"), Person(None, "kim@acme.com"))


def test_contact_line_with_name_and_address() -> None:
    ev = event("Interview", organizer=SAM, description="Contact: Pat Lee <Pat@Acme.com>")
    assert one(ev).contact == Person("Pat Lee", "pat@acme.com")


def test_contact_line_with_only_a_name_found_among_guests() -> None:
    ev = event("Interview", organizer=SAM, attendees=(JANE,), description="Contact: Jane Doe")
    assert one(ev).contact == Person("Jane Doe", "jane@acme.com")


def test_contact_is_the_organizer_unless_it_is_the_user() -> None:
    assert one(event("Interview", organizer=SAM, attendees=(JANE,))).contact == Person(
        "Sam Recruiter", "sam@acme.com"
    )
    mine = event("Interview", organizer=Attendee("alex@example.com"), attendees=(JANE, ME))
    assert one(mine).contact == Person("Jane Doe", "jane@acme.com")
    assert one(event("Interview", organizer=Attendee("alex@example.com"))).contact is None


# ---------------------------------------------------------------- kind


@pytest.mark.parametrize(
    ("kw", "kind"),
    [
        ({"title": "Final round - Globex", "attendees": (JANE, BOB)}, "final"),
        ({"title": "Interview", "attendees": (JANE, BOB, ME)}, "panel"),
        ({"title": "Panel interview", "attendees": (JANE,)}, "panel"),
        ({"title": "Phone screen with Acme"}, "phone"),
        ({"title": "Recruiter call"}, "phone"),
        ({"title": "Interview", "location": "+1 (555) 010-0199"}, "phone"),
        ({"title": "Interview", "location": "tel:+44 20 7946 0958"}, "phone"),
        ({"title": "Phone screen", "conference_url": "https://meet.google.com/abc"}, "video"),
        ({"title": "Interview", "location": "https://acme.zoom.us/j/123"}, "video"),
        ({"title": "Interview", "description": "Join: https://teams.microsoft.com/l/x"}, "video"),
        ({"title": "Interview", "location": "Acme HQ, 1 Main St, Springfield"}, "onsite"),
        ({"title": "Onsite at Globex", "location": "Globex campus"}, "onsite"),
        ({"title": "Interview", "location": "Zoom"}, None),
        ({"title": "Interview", "location": "TBD"}, None),
        ({"title": "Interview"}, None),
    ],
)
def test_kind(kw: dict[str, object], kind: str | None) -> None:
    assert one(event(**kw)).kind == kind  # type: ignore[arg-type]


# ---------------------------------------------------------------- round, timeline, prefers


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"description": "Round: 3"}, 3),
        ({"description": "Round: second"}, 2),
        ({"description": "Round: 2nd (onsite)"}, 2),
        ({"title": "Second round interview - Acme"}, 2),
        ({"title": "Acme - 2nd interview"}, 2),
        ({"title": "Third round - Acme interview"}, 3),
        ({"title": "3rd round interview at Acme"}, 3),
        ({"title": "Interview at Acme, round 4"}, 4),
        ({"title": "Interview at Acme", "description": "Round: 5", "_title": "Second round"}, 5),
    ],
)
def test_explicit_round(kw: dict[str, object], expected: int) -> None:
    kw = {k: v for k, v in kw.items() if not k.startswith("_")}
    iv = one(event(**{"title": "Interview at Acme", **kw}))  # type: ignore[arg-type]
    assert (iv.round, iv.explicit_round) == (expected, True)


def test_round_counts_earlier_interviews_of_the_same_company() -> None:
    first = event("Interview at Acme", start=START, end=None)
    second = event("Interview at ACME", start=START + timedelta(days=7), end=None)
    third = event("Final round - acme", start=START + timedelta(days=14), end=None)
    other = event("Interview at Globex", start=START + timedelta(days=8), end=None)
    unknown = event("Technical screen", start=START + timedelta(days=9), end=None)
    rounds = {
        iv.title: (iv.round, iv.explicit_round)
        for iv in run(third, other, second, unknown, first).interviews
    }
    assert rounds == {
        "Interview at Acme": (1, False),
        "Interview at ACME": (2, False),
        "Final round - acme": (3, False),
        "Interview at Globex": (1, False),
        "Technical screen": (1, False),
    }


def test_timeline_and_decision_lines() -> None:
    iv = one(event("Interview", description="Notes\nTimeline: within a week\nDecision: Friday"))
    assert iv.timeline == StatedTimeline("within a week", "description")
    iv = one(event("Interview", description="Decision: by Dec 4"))
    assert iv.timeline == StatedTimeline("by Dec 4", "description")
    assert one(event("Interview")).timeline is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Prefers: phone", True), ("prefers: a call", True), ("Prefers: email", False)],
)
def test_prefers_phone(line: str, expected: bool) -> None:
    assert one(event("Interview", description=line)).prefers_phone is expected


# ---------------------------------------------------------------- times


def test_missing_or_bad_end_gets_the_default_length() -> None:
    det = DetectionSettings(default_length_minutes=45)
    no_end = one(event("Interview", end=None), det=det)
    assert no_end.end - no_end.start == timedelta(minutes=45)
    backwards = one(event("Interview", end=START - timedelta(hours=1)), det=det)
    assert backwards.end == START + timedelta(minutes=45)
    date_end = one(event("Interview", end=date(2026, 12, 2)), det=det)
    assert date_end.end == START + timedelta(minutes=45)
    assert one(event("Interview")).end == START + timedelta(hours=1)


def test_naive_times_are_placed_in_the_users_zone() -> None:
    iv = one(event("Interview", start=datetime(2026, 12, 1, 10), end=None))
    assert iv.start.utcoffset() == timedelta(hours=-5)  # America/New_York in December


def test_the_contract_check_event() -> None:
    """The event the shared contract checker uses gives the expected interview."""
    ev = event(
        "Interview with Example Co - Analyst",
        organizer=Attendee("pat@example-co.com", "Pat Recruiter"),
        attendees=(
            Attendee("lee@example-co.com", "Lee Manager", partstat="ACCEPTED"),
            Attendee("robin@example.org", "Robin Example", partstat="ACCEPTED"),
        ),
    )
    iv = one(ev, user=UserSettings(email="robin@example.org"))
    assert (iv.company, iv.role, iv.kind, iv.round) == ("Example Co", "Analyst", None, 1)
    assert iv.interviewers == (Person("Lee Manager", "lee@example-co.com"),)
    assert iv.contact == Person("Pat Recruiter", "pat@example-co.com")
    assert iv.domains == frozenset({"example-co.com"})


# ---------------------------------------------------------------- hostile input


def test_control_characters_and_header_injection_are_removed() -> None:
    desc = (
        "Company: Evil\rBcc: victim@example.com\n"
        "Role: Dev\x00\x1b[31m\u202eloper\u200b\n"
        "Contact: Mallory\u2028X-Header: 1 <m@evil.example>\n"
        "Timeline: soon\x07\x7f"
    )
    ev = event("Interview\r\nBcc: x", description=desc, attendees=(Attendee("a@b.co", "N\na\tme"),))
    iv = one(ev)
    for text in (
        iv.company,
        iv.role,
        iv.title,
        iv.timeline.text if iv.timeline else "",
        iv.interviewers[0].name,
        iv.contact.name if iv.contact else "",
    ):
        assert text is not None
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text), repr(text)
        assert "\u202e" not in text and "\u2028" not in text and "\u200b" not in text
    assert iv.company == "Evil"
    assert iv.contact is not None and iv.contact.email == "m@evil.example"


def test_field_lengths_are_capped() -> None:
    desc = "Company: " + "A" * 5000 + "\nRole: " + "b " * 5000 + "\nTimeline: " + "x" * 999
    iv = one(event("Interview " + "t" * 10_000, description=desc))
    assert iv.company is not None and len(iv.company) <= 200
    assert iv.role is not None and len(iv.role) <= 200
    assert iv.timeline is not None and len(iv.timeline.text) <= 200
    assert len(iv.title) <= 300


@pytest.mark.parametrize(
    "desc",
    [
        " " * 1_000_000 + "Company:",
        "Company:" + " " * 1_000_000 + "x",
        "a" * 1_000_000,
        "Contact: " + "a" * 500_000 + "@",
        "Contact:" + "<" * 100_000 + "@" * 100_000,
        ("Round: " + "9" * 50 + "\n") * 20_000,
        "<br" + " " * 500_000,
        ("<b>" * 100_000) + "#interview",
        "zoom" * 250_000,
        "-" * 1_000_000,
        "\n" * 1_000_000,
    ],
)
def test_hostile_descriptions_are_fast(desc: str) -> None:
    ev = event("Interview " + "with " * 2000, description=desc, location="1" * 100_000)
    started = time.perf_counter()
    run(ev)
    assert time.perf_counter() - started < 2.0


def test_clean_text() -> None:
    assert clean_text("  a\tb\r\nc\x00d\u200be  ") == "a b c d e"
    assert clean_text("x" * 500, 10) == "x" * 10


TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Z", "Cc", "Cf")),
    max_size=300,
)


@settings(max_examples=200, deadline=None)
@given(title=TEXT, description=TEXT, location=TEXT, name=TEXT)
def test_detect_never_raises_and_fields_stay_clean(
    title: str, description: str, location: str, name: str
) -> None:
    ev = event(
        "Interview " + title,
        description=description,
        location=location,
        attendees=(Attendee("x@acme.com", name), Attendee(f"{name[:20]}@x.org"), ME),
        organizer=Attendee("o@acme.com", name),
    )
    iv = one(ev, det=replace(DET, exclusions=()))  # a random title may hold "coaching"
    texts = [iv.title, iv.company or "", iv.role or "", iv.location]
    texts += [p.name or "" for p in iv.interviewers]
    texts += [iv.contact.name or "" if iv.contact else "", iv.timeline.text if iv.timeline else ""]
    for text in texts:
        assert "\n" not in text and "\r" not in text
        assert not any(ord(c) < 32 for c in text)
    assert iv.company is None or 0 < len(iv.company) <= 200
    assert iv.role is None or 0 < len(iv.role) <= 200


# ---------------------------------------------------------------- next rounds


def _iv(
    id_: str, company: str | None, days: int, domains: frozenset[str] = frozenset()
) -> Interview:
    return Interview(
        id=id_, source_id="s", uid=id_, title=id_, start=START + timedelta(days=days),
        end=START + timedelta(days=days, hours=1), company=company, role=None, kind=None,
        round=1, interviewers=(), contact=None, domains=domains,
    )  # fmt: skip


def test_superseded_by_same_company_case_insensitive() -> None:
    r1, r2, r3 = _iv("r1", "Acme", 0), _iv("r2", "ACME", 7), _iv("r3", "acme", 14)
    other = _iv("g", "Globex", 3)
    assert superseded_by([r3, other, r1, r2]) == {"r1": "r2", "r2": "r3"}


def test_superseded_by_shared_domain() -> None:
    a = _iv("a", "Acme", 0, frozenset({"acme.com"}))
    b = _iv("b", "Acme Corporation", 5, frozenset({"acme.com", "talent.io"}))
    assert superseded_by([a, b]) == {"a": "b"}


def test_unknown_company_matches_only_by_a_shared_domain() -> None:
    a, b = _iv("a", None, 0), _iv("b", None, 5)
    c = _iv("c", "Acme", 6, frozenset({"acme.com"}))
    d = replace(_iv("d", None, 7), domains=frozenset({"acme.com"}))
    assert superseded_by([a, b, c, d]) == {"c": "d"}


def test_one_agency_booking_two_companies_supersedes_neither() -> None:
    globex = _iv("g", "Globex", 0, frozenset({"staffing.example"}))
    initech = _iv("i", "Initech", 5, frozenset({"staffing.example"}))
    assert superseded_by([globex, initech]) == {}


def test_same_start_does_not_supersede() -> None:
    assert superseded_by([_iv("a", "Acme", 0), _iv("b", "Acme", 0)]) == {}


def test_an_event_outside_the_plannable_years_is_skipped_from_any_source() -> None:
    far = datetime(9999, 12, 31, 9, 0, tzinfo=UTC)
    found = run(event("Interview with Acme", start=far, end=far + timedelta(minutes=30)))
    assert found.interviews == ()
    assert [s.reason for s in found.skipped] == ["date outside the years 1900-2999"]


def test_an_attendee_with_an_unusable_address_is_no_interviewer() -> None:
    bad = Attendee("<jane@acme.com>", "Jane")
    good = Attendee("raj@acme.com", "Raj")
    iv = one(event("Interview with Acme", attendees=(bad, good)))
    assert [p.email for p in iv.interviewers] == ["raj@acme.com"]
