"""Drafts and reminder texts: the rules' section 4, and calendar values treated as data."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daemon.drafts import (
    NAME_MARKER,
    PLACEHOLDERS,
    TEMPLATE_NAMES,
    TOPIC_MARKER,
    Templates,
    compose_drafts,
    display_name,
    header_text,
    load_templates,
    one_line,
    template_problem,
)
from daemon.keys import message_id, output_key
from daemon.model import ACTION_TYPES, Action, ActionType, Interview, Kind, Person
from daemon.reminders import reminder_text
from daemon.settings import UserSettings
from daemon.subjects import subject_for
from integrations.base import DraftSpec
from integrations.mail_message import message_fingerprint, render_message

TZ = ZoneInfo("America/New_York")
START = datetime(2026, 12, 1, 14, 0, tzinfo=TZ)
JANE = Person("Jane Doe", "jane@acme.com")
BOB = Person("Bob Okafor", "bob@acme.com")
SAM = Person("Sam Recruiter", "sam@acme.com")
USER = UserSettings(name="Alex Candidate", email="alex@example.com", phone="+1 555 0100")
NOTE = "your plan to split the billing monolith into event-driven services"
DRAFT_TYPES: tuple[ActionType, ...] = (
    "thank_you",
    "check_in_1",
    "check_in_2",
    "final_follow_up",
    "rejection_thanks",
)
TEMPLATES = load_templates(None)


def interview(
    company: str | None = "Acme", role: str | None = "Senior Developer", kind: Kind | None = None
) -> Interview:
    return Interview(
        id="ics:calendar.ics/uid-1",
        source_id="ics:calendar.ics",
        uid="uid-1",
        title="Interview with Acme - Senior Developer",
        start=START,
        end=START + timedelta(hours=1),
        company=company,
        role=role,
        kind=kind,
        round=1,
        interviewers=(JANE, BOB),
        contact=SAM,
        location="1 Main St",
    )


def action(
    kind: ActionType,
    to: tuple[Person, ...] = (JANE,),
    role: str | None = "Senior Developer",
    user: UserSettings = USER,
    **kw: object,
) -> Action:
    outputs = ("calendar", "draft") if kind in DRAFT_TYPES else ("calendar",)
    fields: dict[str, object] = {
        "type": kind,
        "due": START + timedelta(hours=2),
        "state": "planned",
        "outputs": outputs,
        "to": to,
        "subject": subject_for(kind, role, user.name),
    }
    fields.update(kw)
    return Action(**fields)  # type: ignore[arg-type]


def draft(
    kind: ActionType,
    company: str | None = "Acme",
    role: str | None = "Senior Developer",
    note: str | None = None,
    to: Person = JANE,
    user: UserSettings = USER,
    templates: Templates = TEMPLATES,
) -> DraftSpec:
    specs = compose_drafts(
        action(kind, (to,), role, user), interview(company, role), user, templates, note
    )
    assert len(specs) == 1
    return specs[0]


def words(text: str) -> int:
    return len(text.split())


def sentences(body: str) -> int:
    """Sentences between the greeting and the sign-off."""
    paragraphs = body.split("\n\n")
    middle = " ".join(p for p in paragraphs[1:] if not p.startswith("Best regards"))
    return len(re.findall(r"[.?!](?:\s|$)", middle))


def content(msg: EmailMessage) -> str:
    """The decoded body with the wire's CRLF turned back into newlines."""
    text = msg.get_content()
    assert isinstance(text, str)
    return text.replace("\r\n", "\n")


def parse(raw: bytes) -> EmailMessage:
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(msg, EmailMessage)
    return msg


# ------------------------------------------------------------------ templates


def test_builtin_templates_all_present_and_valid() -> None:
    assert set(TEMPLATES.texts) == set(TEMPLATE_NAMES)
    assert TEMPLATES.errors == ()
    for name in TEMPLATE_NAMES:
        assert template_problem(TEMPLATES.texts[name]) is None, name
        assert TEMPLATES.sources[name] == "built-in"


def test_user_template_overrides_one_file(tmp_path: Path) -> None:
    (tmp_path / "thank_you.txt").write_text(
        "Hi $first_name, thanks from ${user_name} to ${company} about $the_role.\n",
        encoding="utf-8",
    )
    templates = load_templates(tmp_path)
    assert templates.errors == ()
    assert templates.sources["thank_you"] == str(tmp_path / "thank_you.txt")
    assert templates.sources["check_in"] == "built-in"
    body = draft("thank_you", templates=templates).body
    assert body == "Hi Jane, thanks from Alex Candidate to Acme about the Senior Developer role.\n"
    unknown = draft("thank_you", company=None, role=None, templates=templates).body
    assert unknown == (
        "Hi Jane, thanks from Alex Candidate to [[company]] about the [[role]] role.\n"
    )
    # The other types still come from the package.
    assert draft("check_in_1", templates=templates).body == draft("check_in_1").body


def test_user_template_with_crlf_and_bom(tmp_path: Path) -> None:
    (tmp_path / "check_in.txt").write_bytes(b"\xef\xbb\xbfDear $name,\r\nHello.\r\n")
    templates = load_templates(tmp_path)
    assert templates.errors == ()
    assert draft("check_in_1", templates=templates).body == "Dear Jane Doe,\nHello.\n"
    # ``$name`` is the whole name, ``$greeting`` the first-name greeting.


def test_missing_user_folder_falls_back_with_message(tmp_path: Path) -> None:
    templates = load_templates(tmp_path / "nope")
    assert templates.texts == TEMPLATES.texts
    assert len(templates.errors) == 1
    assert str(tmp_path / "nope") in templates.errors[0]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe not utf-8 \x81", "cannot be read"),
        (b"Dear $nmae,\n", "$nmae"),
        (b"Price: $5\n", "'$'"),
        (b"  \n", "empty"),
    ],
)
def test_unusable_user_template_falls_back(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "final_follow_up.txt"
    path.write_bytes(content)
    templates = load_templates(tmp_path)
    assert templates.texts["final_follow_up"] == TEMPLATES.texts["final_follow_up"]
    assert templates.sources["final_follow_up"] == "built-in"
    (error,) = templates.errors
    assert str(path) in error and reason in error and "\n" not in error


def test_unreadable_user_template_falls_back(tmp_path: Path) -> None:
    (tmp_path / "rejection_thanks.txt").mkdir()  # unreadable as a file, even for root
    templates = load_templates(tmp_path)
    assert templates.texts["rejection_thanks"] == TEMPLATES.texts["rejection_thanks"]
    assert len(templates.errors) == 1 and "rejection_thanks.txt" in templates.errors[0]


def test_misnamed_user_template_is_reported(tmp_path: Path) -> None:
    (tmp_path / "thankyou.txt").write_text("Dear $name\n", encoding="utf-8")
    templates = load_templates(tmp_path)
    assert templates.texts == TEMPLATES.texts
    assert any("thankyou.txt" in e and "thank_you.txt" in e for e in templates.errors)


def test_dollar_escape_is_allowed_in_user_template(tmp_path: Path) -> None:
    (tmp_path / "thank_you.txt").write_text("It costs $$5, $name.\n", encoding="utf-8")
    templates = load_templates(tmp_path)
    assert templates.errors == ()
    assert draft("thank_you", templates=templates).body == "It costs $5, Jane Doe.\n"


def test_placeholders_documented_in_templates_exist() -> None:
    used = set()
    for text in TEMPLATES.texts.values():
        used |= set(re.findall(r"\$\{?([a-z_]+)", text))
    assert used <= PLACEHOLDERS


# ------------------------------------------------------------------ thank-you


@pytest.mark.parametrize("company", ["Acme", None])
@pytest.mark.parametrize("role", ["Senior Developer", None])
@pytest.mark.parametrize("note", [None, NOTE])
@pytest.mark.parametrize("phone", ["+1 555 0100", ""])
@pytest.mark.parametrize("to", [JANE, Person(None, "x@acme.com")])
def test_thank_you_is_150_to_200_words(
    company: str | None, role: str | None, note: str | None, phone: str, to: Person
) -> None:
    user = replace(USER, phone=phone)
    body = draft("thank_you", company, role, note, to=to, user=user).body
    assert 150 <= words(body) <= 200, words(body)


def test_thank_you_required_elements() -> None:
    spec = draft("thank_you")
    lines = spec.body.splitlines()
    assert lines[0] == "Dear Jane,"
    assert "the Senior Developer role at Acme" in spec.body  # thanks for the time, role named
    assert spec.body.count("Thank you") >= 1
    assert TOPIC_MARKER in spec.body  # marked place for the topic
    assert "my experience with [[a skill or project of yours" in spec.body  # strengths
    assert "keen on the Senior Developer role and on joining the team at Acme" in spec.body
    assert lines[-3:] == ["Alex Candidate", "+1 555 0100", "alex@example.com"]
    assert spec.subject == "Thank you for the Senior Developer interview"
    assert spec.sender == Person("Alex Candidate", "alex@example.com")


def test_thank_you_without_phone_has_no_empty_signature_line() -> None:
    body = draft("thank_you", user=replace(USER, phone="")).body
    assert body.endswith("Best regards,\nAlex Candidate\nalex@example.com\n")


def test_note_fills_the_topic_marker_and_stays_marked_for_review() -> None:
    body = draft("thank_you", note=NOTE).body
    assert TOPIC_MARKER not in body
    assert f"conversation about [[review: {NOTE}]] has stayed" in body


def test_note_is_data_not_template_code() -> None:
    note = "$role and ${user_name} and {role} and $$\r\nBcc: x@y.z"
    body = draft("thank_you", note=note).body
    assert "about [[review: $role and ${user_name} and {role} and $$ Bcc: x@y.z]] has" in body
    assert "\r" not in body


@pytest.mark.parametrize("kind", ["check_in_1", "final_follow_up", "rejection_thanks"])
def test_note_is_only_for_thank_you(kind: ActionType) -> None:
    assert NOTE not in draft(kind, note=NOTE).body


def test_unknown_interviewer_name_is_a_visible_marker() -> None:
    body = draft("thank_you", to=Person(None, "x@acme.com")).body
    assert body.startswith(f"Dear {NAME_MARKER},")


def test_one_draft_per_interviewer_with_stable_keys() -> None:
    act = action("thank_you", (JANE, BOB))
    specs = compose_drafts(act, interview(), USER, TEMPLATES)
    assert [s.to for s in specs] == [JANE, BOB]
    assert [s.key for s in specs] == [
        output_key("ics:calendar.ics/uid-1", "thank_you", "draft", p.email) for p in (JANE, BOB)
    ]
    assert specs[0].body.startswith("Dear Jane,")
    assert specs[1].body.startswith("Dear Bob,")
    assert compose_drafts(act, interview(), USER, TEMPLATES) == specs  # deterministic


def test_a_person_named_twice_gets_one_draft() -> None:
    act = action("thank_you", (JANE, Person("Jane", "JANE@acme.com"), BOB))
    specs = compose_drafts(act, interview(), USER, TEMPLATES)
    assert [s.to for s in specs] == [JANE, BOB]


@pytest.mark.parametrize("kind", [t for t in ACTION_TYPES if t not in DRAFT_TYPES])
def test_reminder_only_actions_make_no_draft(kind: ActionType) -> None:
    assert compose_drafts(action(kind, (JANE,)), interview(), USER, TEMPLATES) == []


def test_phone_check_in_makes_no_draft() -> None:
    act = action("check_in_1", (SAM,), call=True, outputs=("calendar",))
    assert compose_drafts(act, interview(), USER, TEMPLATES) == []


def test_subject_falls_back_when_action_has_none() -> None:
    act = action("check_in_1", (SAM,), subject=None)
    (spec,) = compose_drafts(act, interview(), USER, TEMPLATES)
    assert spec.subject == "Following up on Senior Developer interview - Alex Candidate"


# ------------------------------------------------------------------ other types


@pytest.mark.parametrize("kind", ["check_in_1", "check_in_2"])
@pytest.mark.parametrize(("company", "role"), [("Acme", "Senior Developer"), (None, None)])
def test_check_in_content(kind: ActionType, company: str | None, role: str | None) -> None:
    spec = draft(kind, company, role, to=SAM)
    body = spec.body
    assert body.startswith("Dear Sam,")
    assert "Alex Candidate" in body  # who they are
    assert ("the Senior Developer role at Acme" if role else "the [[role]] role at") in body
    assert "timeline" in body or "timing" in body  # the purpose
    assert "[[" in body  # something of value, marked
    assert body.count("?") == 1  # one easy question
    assert "still very interested" in body or "remain very interested" in body
    assert 5 <= sentences(body) <= 7
    lowered = body.lower()
    for pressure in ("offer", "urgent", "asap", "deadline", "competing", "immediately"):
        assert pressure not in lowered


def test_final_follow_up_content() -> None:
    body = draft("final_follow_up", to=SAM).body
    assert "still very interested" in body  # still interested
    assert "whether the position is still open?" in body
    assert "chosen another direction or the plans have changed, I completely understand" in body
    assert "any update would be welcome" in body
    assert "the Senior Developer role at Acme" in body
    assert "one last time" not in body.lower() and "last time" not in body.lower()


def test_rejection_thanks_content() -> None:
    body = draft("rejection_thanks", to=SAM).body
    assert "Thank you for letting me know" in body
    assert "on file" in body
    assert "advice" in body
    assert words(body) < 110  # brief
    lowered = body.lower()
    for argue in ("reconsider", "why", "reason", "disappoint", "mistake", "however"):
        assert argue not in lowered


@pytest.mark.parametrize("kind", DRAFT_TYPES)
def test_unknown_company_and_role_read_neutrally(kind: ActionType) -> None:
    spec = draft(kind, company=None, role=None, to=SAM)
    for text in (spec.body, spec.subject):
        assert "None" not in text
        assert "  " not in text
        assert "$" not in text and "{" not in text
    assert "[[company]]" in spec.body or "[[role]]" in spec.body
    assert "the role " not in spec.body.replace("the [[role]] role", "")


@pytest.mark.parametrize("kind", DRAFT_TYPES)
def test_every_placeholder_is_filled(kind: ActionType) -> None:
    spec = draft(kind, note=NOTE)
    assert "$" not in spec.body
    assert spec.body.endswith("\n") and not spec.body.endswith("\n\n")


def test_role_already_ending_in_role_is_not_doubled() -> None:
    body = draft("rejection_thanks", role="Data Engineering position").body
    assert "the Data Engineering position" in body and "position role" not in body


HOSTILE_VALUES = [
    "Jane\r\nBcc: evil@x.com",
    "Jane\rTo: second@x.com",
    "Jane\x00Doe",
    "$role ${user_name} {role} ${",
    "\u202eevil\u202c דנה כהן",
    "عائشة 😀",
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_calendar_values_stay_literal_in_body(value: str) -> None:
    to = Person(value, "jane@acme.com")
    spec = draft("thank_you", company=value, role=value, to=to)
    assert spec.body.startswith("Dear ")
    assert " ".join(one_line(value).split()) in spec.body  # the role and company, as data
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e]", spec.body)
    assert not any(line.startswith(("Bcc:", "To:")) for line in spec.body.splitlines())
    assert "\n" not in spec.subject and "\r" not in spec.subject


def test_one_line_flattens_each_break_to_one_space() -> None:
    assert one_line("a\r\nb\rc\nd\x00e\u2028f\x85g") == "a b c d e f g"
    assert one_line(None) == ""
    assert one_line("  x  ") == "x"


# ------------------------------------------------------------------ reminders


def test_reminder_summaries() -> None:
    iv = interview()
    summary, _ = reminder_text(action("thank_you", (JANE, BOB)), iv, USER)
    assert summary == "Thank-you notes: Acme (Senior Developer)"
    summary, _ = reminder_text(action("debrief", ()), interview(role=None), USER)
    assert summary == "Interview debrief: Acme"
    summary, _ = reminder_text(action("prep", ()), interview(None, None), USER)
    assert summary == "Before the interview: Interview with Acme - Senior Developer"


@pytest.mark.parametrize("kind", ACTION_TYPES)
def test_every_reminder_names_the_interview(kind: ActionType) -> None:
    summary, description = reminder_text(action(kind, (SAM,)), interview(), USER)
    assert "Acme" in summary
    assert "Interview: Interview with Acme - Senior Developer, Tue 1 Dec 2026, 14:00-15:00" in (
        description
    )
    assert "Where: 1 Main St" in description
    assert "None" not in summary + description


def test_prep_checklist() -> None:
    _, text = reminder_text(action("prep", ()), interview(), USER)
    for item in ("next steps", "decide", "prefer to be contacted", "LinkedIn", "names and titles"):
        assert item in text
    assert "Jane Doe <jane@acme.com>, Bob Okafor <bob@acme.com>" in text


def test_debrief_checklist_invites_timeline_and_note_lines() -> None:
    _, text = reminder_text(action("debrief", ()), interview(), USER)
    for item in ("names and titles", "went well", "badly", "stumbled", "learned about the role"):
        assert item in text
    assert "Timeline:" in text and "Note:" in text
    # The daemon reads Timeline:/Note: lines back from this reminder; its own words must
    # never be mistaken for the user's.
    for line in text.splitlines():
        assert not re.match(r"\s*(Timeline|Decision|Note)\s*:", line, re.I), line


def test_linkedin_and_networking_reminders() -> None:
    _, text = reminder_text(action("linkedin", ()), interview(), USER)
    assert "Jane Doe <jane@acme.com>, Bob Okafor <bob@acme.com>" in text
    assert "personal note" in text and "welcomed" in text
    _, text = reminder_text(action("networking", ()), interview(), USER)
    assert "article" in text and "congratulate" in text


def test_draft_reminders_say_who_drafts_are_for() -> None:
    _, text = reminder_text(
        action("thank_you", (JANE, Person(None, "x@acme.com"))), interview(), USER
    )
    assert "Drafts waiting for: Jane Doe <jane@acme.com>, x@acme.com" in text
    _, text = reminder_text(action("check_in_1", (SAM,)), interview(), USER)
    assert "Drafts waiting for: Sam Recruiter <sam@acme.com>" in text
    _, text = reminder_text(action("rejection_thanks", (SAM,)), interview(), USER)
    assert "Never argue the decision" in text and "advice" in text


def test_phone_check_in_reminder_says_call() -> None:
    act = action("check_in_1", (SAM,), call=True, outputs=("calendar",))
    summary, text = reminder_text(act, interview(), USER)
    assert summary.startswith("Call to check in")
    assert "Call Sam Recruiter <sam@acme.com>" in text
    assert "Drafts waiting" not in text


def test_reminder_uses_user_timezone() -> None:
    iv = replace(interview(), start=START.astimezone(UTC), end=(START + timedelta(hours=1)))
    _, text = reminder_text(action("prep", ()), iv, USER)
    assert "14:00-15:00" in text


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_reminder_values_are_flattened(value: str) -> None:
    iv = replace(interview(company=value, role=value), title=value, location=value)
    summary, text = reminder_text(action("thank_you", (Person(value, "a@b.c"),)), iv, USER)
    bad = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e]")
    assert not bad.search(summary)
    assert not bad.search(text.replace("\n", ""))
    assert not any(line.startswith(("Bcc:", "To:")) for line in text.splitlines())


def test_reminder_summary_is_bounded() -> None:
    summary, _ = reminder_text(action("debrief", ()), interview(company="A" * 10_000), USER)
    assert len(summary) <= 200


# ------------------------------------------------------------------ messages

DATE = datetime(2026, 12, 1, 16, 0, tzinfo=TZ)


def spec_with(name: str = "Jane Doe", subject: str = "Hello", **kw: object) -> DraftSpec:
    fields: dict[str, object] = {
        "key": "0123456789abcdef0123456789abcdef",
        "sender": Person("Alex Candidate", "alex@example.com"),
        "to": Person(name, "jane@acme.com"),
        "subject": subject,
        "body": "Dear Jane,\n\nThanks.\n",
    }
    fields.update(kw)
    return DraftSpec(**fields)  # type: ignore[arg-type]


def assert_well_formed(raw: bytes, spec: DraftSpec) -> EmailMessage:
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert b"\r\n\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert b"\x00" not in head
    msg = parse(raw)
    assert len(msg.get_all("To", [])) == 1
    assert len(msg.get_all("From", [])) == 1
    assert msg.get_all("Bcc") is None and msg.get_all("Cc") is None
    (addr,) = msg["To"].addresses
    assert addr.addr_spec == spec.to.email
    assert msg["X-Interview-Followup-Key"] == spec.key
    assert msg["Message-ID"] == message_id(spec.key)
    assert msg["X-Unsent"] == "1"
    assert msg.get_content_type() == "text/plain"
    assert not msg.defects
    assert set(msg.keys()) == {
        "From", "To", "Subject", "Date", "Message-ID", "X-Interview-Followup-Key",
        "X-Unsent", "Content-Type", "Content-Transfer-Encoding", "MIME-Version",
    }  # fmt: skip
    return msg


HOSTILE_NAMES = [
    *HOSTILE_VALUES,
    "Jane\r\n\r\nbody injection",
    "A" * 10_000,
    "a" * 100 + " " + "b" * 2000,
    "ד" * 10_000,
    "😀" * 3000,
    'Doe, Jane "JJ" <evil@x.com>',
    "=?utf-8?q?Bcc=3A_evil=40x=2Ecom?=",
    "=?utf-8?q?x=0D=0ABcc=3A_evil=40x=2Ecom?=",  # an encoded line break
    "=?utf-8?b?DQpCY2M6IGV2aWxAeC5jb20=?=",
    "\\",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_render_message_with_hostile_names(name: str) -> None:
    spec = spec_with(name=name, subject=f"Thank you for the {name} interview")
    msg = assert_well_formed(render_message(spec, DATE), spec)
    assert "evil" not in str(msg["To"].addresses[0].addr_spec)
    assert "\n" not in str(msg["Subject"]) and "\r" not in str(msg["Subject"])
    assert content(msg) == spec.body


def test_render_message_headers() -> None:
    spec = spec_with(name="José Ñúñez", subject="Merci — für das Gespräch ✓")
    raw = render_message(spec, DATE)
    assert raw.isascii()  # non-ASCII only as RFC 2047 words or in an encoded body
    msg = assert_well_formed(raw, spec)
    assert msg["To"].addresses[0].display_name == "José Ñúñez"
    assert msg["Subject"] == "Merci — für das Gespräch ✓"
    assert msg["Date"].datetime == DATE
    assert str(msg["From"]) == "Alex Candidate <alex@example.com>"


def test_render_message_utf8_body_round_trips() -> None:
    body = "Dear דנה,\n\nThanks 😀 — " + "long " * 400 + "\n"
    spec = spec_with(body=body)
    msg = assert_well_formed(render_message(spec, DATE), spec)
    assert content(msg) == body
    assert msg.get_content_charset() == "utf-8"


def test_render_message_normalises_body_line_endings() -> None:
    spec = spec_with(body="a\r\nb\rc\n")
    assert content(parse(render_message(spec, DATE))) == "a\nb\nc\n"


def test_render_message_is_deterministic() -> None:
    assert render_message(spec_with(), DATE) == render_message(spec_with(), DATE)


@pytest.mark.parametrize(
    "email",
    ["jane@acme.com\r\nBcc: evil@x.com", "jane@acme.com, evil@x.com", "no-at-sign", "jäne@x.de"],
)
def test_render_message_refuses_unusable_addresses(email: str) -> None:
    spec = spec_with(to=Person("Jane", email))
    with pytest.raises(ValueError):
        render_message(spec, DATE)


def test_render_message_idna_domain() -> None:
    spec = spec_with(to=Person("Jane", "jane@bücher.de"))
    msg = parse(render_message(spec, DATE))
    assert msg["To"].addresses[0].addr_spec == "jane@xn--bcher-kva.de"


def test_render_message_refuses_odd_keys() -> None:
    with pytest.raises(ValueError):
        render_message(spec_with(key="abc\r\nBcc: x@y.z"), DATE)


FRAGMENTS = st.sampled_from(
    [
        "=?utf-8?q?", "=?utf-8?b?", "?=", "=0D=0A", "DQo=", "\r\n", "\r", "\n", "\x00",
        "Bcc:", "To:", ":", ";", "<", ">", ",", '"', "\\", "@", "(", ")", " ", "\t",
        "a" * 80, "ד", "😀", "\u202e", "$role", "${user}", "{role}",
    ]
)  # fmt: skip
HOSTILE_TEXT = st.lists(FRAGMENTS | st.text(max_size=20), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(name=HOSTILE_TEXT, subject=HOSTILE_TEXT | st.text(max_size=400), body=st.text(max_size=300))
def test_render_message_never_breaks_headers(name: str, subject: str, body: str) -> None:
    spec = spec_with(name=name, subject=subject, body=body)
    msg = assert_well_formed(render_message(spec, DATE), spec)
    assert str(msg["Subject"]) == header_text(subject)
    expected_name = display_name(name)
    shown = msg["To"].addresses[0].display_name
    # Python's parser may add or merge whitespace between encoded words; nothing else changes.
    assert "".join(shown.split()) == "".join(expected_name.split())


def test_composed_drafts_render(tmp_path: Path) -> None:
    for kind in DRAFT_TYPES:
        for value in HOSTILE_VALUES:
            spec = draft(kind, company=value, role=value, to=Person(value, "jane@acme.com"))
            assert_well_formed(render_message(spec, DATE), spec)


# ------------------------------------------------------------------ fingerprints


def test_fingerprint_ignores_transport_details() -> None:
    raw = render_message(spec_with(name="José", subject="Grüße ✓"), DATE)
    fp = message_fingerprint(raw)
    assert message_fingerprint(raw.replace(b"\r\n", b"\n")) == fp
    assert (
        message_fingerprint(
            render_message(spec_with(name="José", subject="Grüße ✓"), DATE + timedelta(days=1))
        )
        == fp
    )
    # Re-serialised by another writer (different line ending, re-folded headers, flags).
    again = parse(raw)
    again["X-Mailer"] = "Some client"
    assert message_fingerprint(again.as_bytes(policy=policy.default)) == fp
    base64_body = parse(raw)
    base64_body.set_content(base64_body.get_content(), charset="utf-8", cte="base64")
    assert message_fingerprint(base64_body.as_bytes()) == fp
    # Trailing blanks on lines do not count as an edit.
    assert message_fingerprint(raw.replace(b"Thanks.", b"Thanks.  ")) == fp


def test_fingerprint_sees_user_edits() -> None:
    base = spec_with()
    fp = message_fingerprint(render_message(base, DATE))
    edits = [
        replace(base, body=base.body.replace("Thanks.", "Thanks a lot.")),
        replace(base, subject="Hello again"),
        replace(base, to=Person("Jane Doe", "jane.doe@acme.com")),
    ]
    for edited in edits:
        assert message_fingerprint(render_message(edited, DATE)) != fp
    # Display name of a recipient is not content the user edits for meaning.
    renamed = replace(base, to=Person("J. Doe", "jane@acme.com"))
    assert message_fingerprint(render_message(renamed, DATE)) == fp


def test_fingerprint_of_multipart_edit_uses_plain_text() -> None:
    raw = render_message(spec_with(), DATE)
    msg = parse(raw)
    msg.add_alternative("<p>Dear Jane,</p>", subtype="html")
    assert message_fingerprint(msg.as_bytes()) == message_fingerprint(raw)


def test_someone_named_without_an_address_gets_a_draft_with_no_recipient() -> None:
    omar, lena = Person("Omar Bennett", ""), Person("Lena Ortiz", "")
    act = action("thank_you", (omar, lena, JANE))
    specs = compose_drafts(act, interview(), USER, TEMPLATES)
    assert [s.to for s in specs] == [omar, lena, JANE]
    assert len({s.key for s in specs}) == 3  # two people without an address: two drafts
    message = BytesParser(policy=policy.default).parsebytes(
        render_message(specs[0], START), headersonly=False
    )
    assert message["To"] is None and specs[0].body.startswith("Dear Omar")
    _summary, description = reminder_text(act, interview(), USER)
    assert "Add the address of Omar Bennett (no address), Lena Ortiz (no address)" in description
