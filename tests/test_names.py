"""Display names as calendars write them: who is greeted, and by which name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daemon.names import natural_name, parse_name, refers_to, same_name


@pytest.mark.parametrize(
    ("display", "email", "first", "full"),
    [
        ("Priya Shah", "priya@acme.com", "Priya", "Priya Shah"),
        ("Rachael Rosen (she/her)", "rr@tyrell.com", "Rachael", "Rachael Rosen"),
        ("Rachael Rosen she/her", None, "Rachael", "Rachael Rosen"),
        ("Rachael Rosen [They/Them/Theirs]", None, "Rachael", "Rachael Rosen"),
        ("Tyrell, Eldon", "eldon@tyrell.com", "Eldon", "Eldon Tyrell"),
        ("Tyrell, Eldon (he/him)", None, "Eldon", "Eldon Tyrell"),
        ("van der Berg, Anna", None, "Anna", "Anna van der Berg"),
        ("Garcia Lopez, Maria", "maria.garcia@acme.com", "Maria", "Maria Garcia Lopez"),
        ("Dr. Priya Shah, PhD", None, "Priya", "Priya Shah"),
        ("Ms Jane Doe", None, "Jane", "Jane Doe"),
        ("Jane Doe, Recruiter", None, "Jane", "Jane Doe"),
        ("Jane Doe - Senior Recruiter | Acme", None, "Jane", "Jane Doe"),
        ("Jane Doe, Acme", "jane.doe@acme.com", "Jane", "Jane Doe"),
        ('Robert "Bob" Smith', None, "Bob", "Robert Smith"),
        ("Robert (Bob) Smith", None, "Bob", "Robert Smith"),
        ("JANE DOE", None, "Jane", "Jane Doe"),
        ("jane doe", None, "Jane", "Jane Doe"),
        ("Ian McDonald", None, "Ian", "Ian McDonald"),
        ("Jean-Luc O'Brien", None, "Jean-Luc", "Jean-Luc O'Brien"),
        ("Zoë Ångström", None, "Zoë", "Zoë Ångström"),
        ("Priya", None, "Priya", "Priya"),
        ('"Priya Shah"', None, "Priya", "Priya Shah"),
        (None, "jane.doe@acme.com", "Jane", "Jane Doe"),
        ("jane.doe@acme.com", "jane.doe@acme.com", "Jane", "Jane Doe"),
    ],
)
def test_person_names(display: str | None, email: str | None, first: str, full: str) -> None:
    parsed = parse_name(display, email)
    assert (parsed.kind, parsed.first, parsed.full) == ("person", first, full)


@pytest.mark.parametrize(
    ("display", "email"),
    [
        ("Talent Acquisition", "ta@acme.com"),
        ("Acme Recruiting", "jobs@acme.com"),
        ("Hiring Team", None),
        ("Acme - Talent Acquisition", None),
        ("Acme Corp", None),
        (None, "recruiting@acme.com"),
        (None, "careers@acme.com"),
        (None, "no-reply@acme.com"),
        ("", "talent.team@acme.com"),
    ],
)
def test_team_mailboxes(display: str | None, email: str | None) -> None:
    parsed = parse_name(display, email)
    assert parsed.kind == "team" and parsed.first == ""


@pytest.mark.parametrize(
    ("display", "email"),
    [
        (None, "jdoe@acme.com"),  # one token: Jdoe is no name
        (None, "priya@acme.com"),  # could be a first name, could be a handle
        ("J. Doe", None),  # an initial is not something to greet by
        ("Jane Doe, Acme", None),  # Doe, Jane Acme? or Jane Doe of Acme? unsure
        ("R2-D2 Unit 7", None),
        ("", ""),
        (None, None),
        ("(she/her)", None),
    ],
)
def test_unsure_names_are_unknown(display: str | None, email: str | None) -> None:
    parsed = parse_name(display, email)
    assert parsed.kind == "unknown" and parsed.first == ""


def test_natural_name_turns_last_first_around() -> None:
    assert natural_name("Tyrell, Eldon") == "Eldon Tyrell"
    assert natural_name("Candidate, Alex (they/them)") == "Alex Candidate"
    assert natural_name("Talent Acquisition") is None
    assert natural_name(None) is None


def test_same_name_ignores_order_and_decoration() -> None:
    assert same_name("Candidate, Alex", "Alex Candidate (they/them)")
    assert same_name("ALEX CANDIDATE", "Alex Candidate")
    assert not same_name("Alex Candidate", "Alex Other")
    assert not same_name(None, None)
    assert not same_name("Talent Acquisition", "Talent Acquisition")


@pytest.mark.parametrize(
    "query", ["jane", "JANE", "Jane Doe", "doe, jane", "jane.doe@acme.com", " Jane  Doe "]
)
def test_refers_to_first_full_or_address(query: str) -> None:
    assert refers_to(query, "Doe, Jane (she/her)", "jane.doe@acme.com")


@pytest.mark.parametrize("query", ["", "Bob", "Doe", "jane@acme.com", "Jane Smith"])
def test_refers_to_nobody_else(query: str) -> None:
    assert not refers_to(query, "Jane Doe", "jane.doe@acme.com")


def test_refers_to_a_team_by_its_display_name() -> None:
    assert refers_to("talent acquisition", "Talent Acquisition", "ta@acme.com")


@given(st.text(max_size=80), st.one_of(st.none(), st.emails()))
def test_any_text_parses_to_a_clean_name(display: str, email: str | None) -> None:
    parsed = parse_name(display, email)
    assert parsed.kind in {"person", "team", "unknown"}
    for value in (parsed.first, parsed.last, parsed.full):
        assert value == value.strip() and "\n" not in value and "\r" not in value
    if parsed.kind == "person":
        assert parsed.first and "(" not in parsed.full and "@" not in parsed.first
