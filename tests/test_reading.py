"""Reading invites as a person does (issue 7): who is who, booking pages, hiring-side
phrasings, kind cues and where each field came from (``explain``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from daemon.detect import NOT_INVITED, detect, explain
from daemon.model import Attendee, Interview, SourceEvent
from daemon.settings import DetectionSettings, UserSettings
from daemon.who import display_name, is_person, not_people

DET = DetectionSettings()
USER = UserSettings(name="Alex Candidate", email="alex@example.com")
ME = Attendee("alex@example.com", "Alex Candidate")
START = datetime(2026, 12, 1, 15, tzinfo=UTC)
ROBOTS = not_people(DET.not_people)


def event(title: str, **kw: object) -> SourceEvent:
    fields: dict[str, object] = {
        "source_id": "ics:t",
        "uid": f"u-{abs(hash((title, str(sorted(map(str, kw.items()))))))}",
        "title": title,
        "start": START,
        "end": START + timedelta(hours=1),
        "attendees": (ME,),
    }
    fields.update(kw)
    return SourceEvent(**fields)  # type: ignore[arg-type]


def read(ev: SourceEvent, det: DetectionSettings = DET) -> Interview | None:
    found = detect([ev], det, USER).interviews
    return found[0] if found else None


# ---------------------------------------------------------------- who is who


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Doe, Jane", "Jane Doe"),
        ('"Nakamura, Kenji"', "Kenji Nakamura"),
        ("Jane Doe (Contoso)", "Jane Doe"),
        ("Jane Doe [External]", "Jane Doe"),
        ("jane@acme.com", None),
        ("", None),
    ],
)
def test_display_names_read_as_people_write_them(raw: str, name: str | None) -> None:
    assert display_name(raw) == name


@pytest.mark.parametrize(
    "att",
    [
        Attendee("no-reply@greenhouse.io", "Greenhouse"),
        Attendee("sched+123@us.greenhouse-mail.io"),
        Attendee("noreply@myworkday.com", "Workday"),
        Attendee("do-not-reply@acme.com"),
        Attendee("recruiting@acme.com", "Acme Recruiting"),
        Attendee("acme.candidates@gmail.com", "Acme Candidate Calendar"),
        Attendee("c_123@group.calendar.google.com", "Interviewers"),
        Attendee("team@acme.com", "Eng", cutype="GROUP"),
        Attendee("boardroom4b@acme.com", "Boardroom 4B"),
        Attendee("hq3-tahoe@acme.com", "HQ-3-Tahoe (8)"),
        Attendee("confroom1@acme.com"),
    ],
)
def test_robots_tools_groups_rooms_and_team_mailboxes_are_not_people(att: Attendee) -> None:
    assert not is_person(att, ROBOTS)


@pytest.mark.parametrize(
    "att",
    [
        Attendee("jane@acme.com", "Jane Doe"),
        Attendee("dana.ross@acme.com", "Dana Ross, Recruiter"),
        Attendee("kenji.nakamura@acme.co.jp", "Nakamura, Kenji"),
    ],
)
def test_people_are_people(att: Attendee) -> None:
    assert is_person(att, ROBOTS)


def test_not_people_is_configurable() -> None:
    det = replace(DET, not_people=("*@staffing.example", "hr-bot@"))
    robots = not_people(det.not_people)
    assert robots.matches("rita@staffing.example") and robots.matches("hr-bot@acme.com")
    assert not robots.matches("no-reply@greenhouse.io")  # the list replaces the default
    ev = event(
        "Interview with Acme",
        organizer=Attendee("rita@staffing.example", "Rita"),
        attendees=(ME, Attendee("jane@acme.com", "Jane Doe")),
    )
    iv = read(ev, det)
    assert iv is not None and iv.contact is not None and iv.contact.email == "jane@acme.com"


def test_the_user_is_recognised_by_name_too_and_never_a_field() -> None:
    ev = event(
        "Alex Candidate - Interview - Globex",
        organizer=Attendee("talent@globex.com", "Globex Talent"),
        attendees=(Attendee("alex.c@personal.example", "Candidate, Alex"),),
    )
    iv = read(ev)
    assert iv is not None and iv.company == "Globex" and iv.interviewers == ()
    assert iv.contact is None


def test_recruiter_named_with_an_address_is_the_contact_before_the_organizer() -> None:
    ev = event(
        "Phone screen with Acme",
        organizer=Attendee("jane@acme.com", "Jane Doe"),
        description="Your recruiter, Dana Whitfield (dana@acme.com), will guide you.",
    )
    iv = read(ev)
    assert iv is not None and iv.contact is not None
    assert (iv.contact.name, iv.contact.email) == ("Dana Whitfield", "dana@acme.com")


def test_itinerary_people_are_interviewers_without_an_address() -> None:
    ev = event(
        "Onsite interview - Acme",
        organizer=Attendee("no-reply@ashbyhq.com", "Ashby"),
        description="9:00 AM - 9:45 AM EST  Coding with Omar Bennett\n"
        "10:00 AM - 10:45 AM EST  Jane Doe - System design",
        attendees=(ME, Attendee("jane@acme.com", "Jane Doe")),
    )
    iv = read(ev)
    assert iv is not None
    assert [(p.name, p.email) for p in iv.interviewers] == [
        ("Jane Doe", "jane@acme.com"),
        ("Omar Bennett", ""),
    ]
    assert iv.kind == "panel"


# ---------------------------------------------------------------- section 1


def test_booking_page_is_read_by_its_event_type() -> None:
    booked = event(
        "Alex Candidate and Jordan Blake",
        organizer=Attendee("jordan@acme.com", "Jordan Blake"),
        description="Event Name: Hiring Manager Interview\n\nPowered by Calendly.com",
    )
    coaching = replace(
        booked, uid="c", description="Event Name: Interview Coaching Session\nCalendly"
    )
    result = detect([booked, coaching], DET, USER)
    assert [iv.uid for iv in result.interviews] == [booked.uid]
    assert [s.reason for s in result.skipped] == ["excluded by 'coaching'"]
    assert result.interviews[0].company == "Acme"


@pytest.mark.parametrize(
    "organizer",
    [
        Attendee("recruiting@acme.com", "Acme Recruiting"),
        Attendee("no-reply@greenhouse.io", "Greenhouse"),
        Attendee("ben@acme.com", "Ben Miller (Recruiter)"),
    ],
)
def test_phrasings_count_when_the_hiring_side_sends_them(organizer: Attendee) -> None:
    assert read(event("Phone call with Acme", organizer=organizer)) is not None


def test_phrasings_alone_are_not_interviews() -> None:
    assert read(event("Phone call with Mum", organizer=Attendee("mum@home.example"))) is None


def test_an_interviewer_side_debrief_that_does_not_invite_the_user_is_skipped() -> None:
    ev = event(
        "Interview debrief: Alex Candidate",
        organizer=Attendee("jane@acme.com", "Jane Doe"),
        attendees=(Attendee("jane@acme.com"), Attendee("bob@acme.com")),
    )
    result = detect([ev], DET, USER)
    assert result.interviews == () and [s.reason for s in result.skipped] == [NOT_INVITED]


# ---------------------------------------------------------------- kind


@pytest.mark.parametrize(
    ("kw", "kind"),
    [
        ({"conference_url": "https://teams.microsoft.com/l/meetup-join/x"}, "video"),
        ({"description": "Join Webex meeting https://acme.webex.com/meet/x"}, "video"),
        (
            {
                "description": "Join Zoom Meeting\nhttps://zoom.us/j/1\nDial by your location\n"
                "+1 646 558 8656"
            },
            "video",
        ),
        ({"description": "Dial-in: +1 312 555 0199, conference ID 4417#"}, "phone"),
        ({"location": "+1 (425) 555-0123"}, "phone"),
        ({"location": "1 Main St, Springfield"}, "onsite"),
    ],
)
def test_kind_from_everything_the_invite_carries(kw: dict[str, object], kind: str) -> None:
    iv = read(event("Interview with Acme", **kw))
    assert iv is not None and iv.kind == kind


def test_virtual_onsite_is_video() -> None:
    iv = read(event("Virtual onsite with Acme", organizer=Attendee("r@acme.com", "Acme Talent")))
    assert iv is not None and iv.kind == "video"


# ---------------------------------------------------------------- explain


def test_explain_says_where_each_field_came_from() -> None:
    ev = event(
        "Alex Candidate <> Datadog | Technical Screen",
        organizer=Attendee("scheduling@goodtime.io", "GoodTime"),
        attendees=(ME, Attendee("kim@datadoghq.com", "Kim Lee")),
        description="Your recruiter is Dana Ross (dana.ross@datadoghq.com).",
    )
    rows = {r.field: r for r in explain(ev, DET, USER)}
    assert rows["interview"].source == "title says 'Technical Screen'"
    assert rows["company"].value == "Datadog" and "title" in rows["company"].source
    assert rows["contact"].value == "Dana Ross <dana.ross@datadoghq.com>"
    assert "recruiter" in rows["contact"].source
    assert rows["role"].value == "unknown"
    excluded = explain(event("Mock interview"), DET, USER)
    assert [(r.field, r.value, r.source) for r in excluded] == [
        ("interview", "no", "excluded by 'mock interview'")
    ]


def test_a_call_the_user_organizes_is_not_from_the_hiring_side() -> None:
    ev = event(
        "Call with Bridgeline",
        organizer=ME,
        attendees=(ME, Attendee("rita@bridgeline-staffing.com", "Rita Moreno")),
        description="Talk about hiring two engineers for my team.",
    )
    assert read(ev) is None
