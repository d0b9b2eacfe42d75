"""The drafts as their recipients read them: rendered, parsed back, and read like mail.

Each letter here goes through ``render_message`` and the standard ``email`` parser, so what
is checked is what a hiring manager would see in their inbox, not a template string.
"""

from __future__ import annotations

import difflib
import re
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from daemon.debrief import Debrief, apply_debrief, parse_debrief
from daemon.drafts import (
    DraftContext,
    compose_drafts,
    load_templates,
    open_places,
)
from daemon.model import Action, ActionType, Interview, Kind, Person
from daemon.settings import UserSettings
from daemon.subjects import subject_for
from integrations.base import DraftSpec
from integrations.mail_message import render_message

TZ = ZoneInfo("America/New_York")
START = datetime(2026, 12, 1, 14, 0, tzinfo=TZ)
USER = UserSettings(
    name="Alex Candidate", email="alex@example.com", phone="+1 555 0100", timezone=str(TZ)
)
JANE = Person("Jane Doe", "jane@acme.com")
RAJ = Person("Patel, Raj (he/him)", "raj@acme.com")
PRIYA = Person("Dr. Priya Shah", "priya@acme.com")
TEAM = Person("Talent Acquisition", "recruiting@acme.com")
TEMPLATES = load_templates(None)
# What "placeholders filled" means for the word counts: each [[...]] place replaced by a
# six-word phrase, about what a user writes there (a topic, a skill, a link with a line).
SAMPLE = "the migration of the billing service"


@pytest.fixture(autouse=True)
def _no_user_templates() -> None:
    """Every letter below comes from the built-in templates."""


def interview(
    kind: Kind | None = "panel",
    people: tuple[Person, ...] = (JANE, RAJ, PRIYA),
    round_: int = 1,
    start: datetime = START,
    role: str | None = "Senior Developer",
    company: str | None = "Acme",
    uid: str = "acme-1",
) -> Interview:
    return Interview(
        id=f"ics:calendar.ics/{uid}",
        source_id="ics:calendar.ics",
        uid=uid,
        title="Interview with Acme - Senior Developer",
        start=start,
        end=start + timedelta(hours=1),
        company=company,
        role=role,
        kind=kind,
        round=round_,
        interviewers=people,
        contact=TEAM,
    )


def letters(
    type_: ActionType,
    iv: Interview,
    to: tuple[Person, ...],
    context: DraftContext | None = None,
    templates: object = TEMPLATES,
) -> dict[str, EmailMessage]:
    """The drafts of one action, rendered and parsed back, by recipient address."""
    act = Action(
        type=type_,
        due=iv.end + timedelta(hours=1),
        state="planned",
        outputs=("calendar", "draft"),
        to=to,
        subject=subject_for(type_, iv.role, USER.name),
    )
    ctx = context or DraftContext(written_at=iv.end + timedelta(hours=1))
    specs = compose_drafts(act, iv, USER, templates, context=ctx)  # type: ignore[arg-type]
    return {spec.to.email: parse(spec) for spec in specs}


def parse(spec: DraftSpec) -> EmailMessage:
    raw = render_message(spec, START + timedelta(hours=2))
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(msg, EmailMessage)
    return msg


def body(msg: EmailMessage) -> str:
    text = msg.get_body(preferencelist=("plain",))
    assert text is not None
    content = text.get_content()
    assert isinstance(content, str)
    return content.replace("\r\n", "\n")


def filled(text: str) -> str:
    return re.sub(r"\[\[.*?\]\]", SAMPLE, text, flags=re.S)


def words(text: str) -> int:
    return len(filled(text).split())


def sentences(text: str) -> int:
    """Sentences between the greeting and the sign-off, places filled."""
    paragraphs = filled(text).split("\n\n")
    middle = " ".join(p for p in paragraphs[1:] if not p.startswith("Best regards"))
    return len(re.findall(r"[.?!](?:\s|$)", middle))


def one(type_: ActionType, iv: Interview, to: Person, **ctx: object) -> str:
    context = DraftContext(**ctx) if ctx else None  # type: ignore[arg-type]
    (msg,) = letters(type_, iv, (to,), context).values()
    return body(msg)


# ------------------------------------------------------------------ panels and notes

DEBRIEF = """Names: Jane (EM), Raj (staff eng), Priya (product)
Note for jane: her team's on-call rota
Note for Raj Patel: the event-sourcing migration
Note: the roadmap for the payments API
"""


def test_each_panelist_gets_their_own_note_and_the_plain_note_goes_to_the_rest() -> None:
    ctx = DraftContext(debrief=parse_debrief(DEBRIEF), written_at=START + timedelta(hours=2))
    mail = letters("thank_you", interview(), (JANE, RAJ, PRIYA), ctx)
    jane, raj, priya = (body(mail[p.email]) for p in (JANE, RAJ, PRIYA))
    assert "on-call rota" in jane and "event-sourcing" not in jane and "payments" not in jane
    assert "event-sourcing migration" in raj and "on-call" not in raj and "payments" not in raj
    assert "payments API" in priya and "on-call" not in priya and "event-sourcing" not in priya
    # The user's own words stay marked until they edit the draft.
    assert "[[review: her team's on-call rota]]" in jane
    # Each letter names the other panelists and greets its reader by first name.
    assert jane.startswith("Dear Jane,") and raj.startswith("Dear Raj,")
    assert priya.startswith("Dear Priya,")
    assert "Raj Patel and Priya Shah" in jane and "Jane Doe and Priya Shah" in raj
    assert len({jane, raj, priya}) == 3


def test_a_plain_note_alone_goes_to_every_panelist() -> None:
    ctx = DraftContext(debrief=Debrief(note="the payments API"))
    mail = letters("thank_you", interview(), (JANE, RAJ), ctx)
    assert all("[[review: the payments API]]" in body(m) for m in mail.values())


# ------------------------------------------------------------------ kinds and rounds


def _without_names(text: str) -> list[str]:
    text = re.sub(r"Dear \w+,", "Dear X,", text)
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if s.strip()]


def test_phone_screen_and_final_round_are_different_letters() -> None:
    phone = one("thank_you", interview("phone", (JANE,)), JANE)
    final = one("thank_you", interview("final", (RAJ,)), RAJ)
    ratio = difflib.SequenceMatcher(None, _without_names(phone), _without_names(final)).ratio()
    assert ratio < 0.25, ratio
    assert "phone call" in phone and "next stage" in phone
    # Final round (001): more comprehensive, next steps, open concerns, strong interest.
    assert "final-round" in final and "next step" in final
    assert "make clearer" in final and "[[A question or concern" in final
    assert words(final) > words(phone)


@pytest.mark.parametrize(
    ("kind", "phrase"),
    [
        ("phone", "phone call"),
        ("video", "video call"),
        ("onsite", "at your office"),
        ("panel", "part of the panel"),
        ("final", "final-round conversation"),
        (None, "meeting with me"),
    ],
)
def test_each_kind_has_its_own_thank_you(kind: Kind | None, phrase: str) -> None:
    assert phrase in one("thank_you", interview(kind, (JANE, RAJ)), JANE)


def test_video_letter_mentions_what_was_shared_and_a_place_for_a_technical_hitch() -> None:
    text = one("thank_you", interview("video", (JANE,)), JANE)
    assert "[[something shared on screen" in text and "[[If the connection" in text


def test_a_later_round_refers_to_the_earlier_ones() -> None:
    first = interview("phone", (Person("Sam Lee", "sam@acme.com"),), start=START, uid="a1")
    later = interview("final", (JANE,), round_=2, start=START + timedelta(days=9), uid="a2")
    text = one("thank_you", later, JANE, earlier=(first,), written_at=later.end)
    assert "Coming after the phone screen with Sam Lee on December 1, this" in text
    alone = one("thank_you", interview("video", (JANE,), round_=3), JANE)
    assert "As a third round" in alone
    assert "Coming after" not in one("thank_you", interview("video", (JANE,)), JANE)


def test_same_day_says_today_next_day_yesterday_later_the_date() -> None:
    iv = interview("phone", (JANE,))
    assert "phone call today" in one("thank_you", iv, JANE, written_at=iv.end)
    next_day = iv.end + timedelta(hours=20)
    assert "phone call yesterday" in one("thank_you", iv, JANE, written_at=next_day)
    two_days = iv.end + timedelta(hours=44)
    assert "phone call on Tuesday, December 1" in one("thank_you", iv, JANE, written_at=two_days)


# ------------------------------------------------------------------ greetings


@pytest.mark.parametrize(
    ("person", "greeting"),
    [
        (Person("Priya Shah", "priya@acme.com"), "Dear Priya,"),
        (Person("Tyrell, Eldon", "eldon@tyrell.com"), "Dear Eldon,"),
        (Person("Rachael Rosen (she/her)", "rr@tyrell.com"), "Dear Rachael,"),
        (Person("Dr. Priya Shah, PhD", "p@acme.com"), "Dear Priya,"),
        (Person(None, "jane.doe@acme.com"), "Dear Jane,"),
        (Person("Talent Acquisition", "ta@acme.com"), "Dear Acme hiring team,"),
        (Person(None, "recruiting@acme.com"), "Dear Acme hiring team,"),
        (Person("Acme", "hr@acme.com"), "Dear Acme hiring team,"),
        (Person(None, "jdoe@acme.com"), "Dear [[name]],"),
        (Person("J. Doe", "jd@acme.com"), "Dear [[name]],"),
    ],
)
def test_greeting_from_the_display_name(person: Person, greeting: str) -> None:
    for type_ in ("thank_you", "check_in_1", "final_follow_up", "rejection_thanks"):
        assert one(type_, interview("video", (person,)), person).startswith(greeting + "\n")


def test_team_greeting_without_a_company() -> None:
    iv = interview("video", (JANE,), company=None)
    assert one("check_in_1", iv, TEAM).startswith("Dear hiring team,\n")


# ------------------------------------------------------------------ check-ins


def test_check_ins_read_as_a_sequence() -> None:
    iv = interview("video", (JANE,))
    first_due = START + timedelta(days=13)
    ctx = DraftContext(first_check_in=first_due)
    (one_msg,) = letters("check_in_1", iv, (JANE,), ctx).values()
    (two_msg,) = letters("check_in_2", iv, (JANE,), ctx).values()
    first, second = body(one_msg), body(two_msg)
    assert one_msg["Subject"] == "Following up on Senior Developer interview - Alex Candidate"
    assert two_msg["Subject"] == (
        "Following up again on Senior Developer interview - Alex Candidate"
    )
    ratio = difflib.SequenceMatcher(None, _without_names(first), _without_names(second)).ratio()
    assert ratio < 0.3, ratio
    assert "My name is Alex Candidate" in first and "My name is" not in second
    assert "following up on my note on Monday, December 14" in second  # refers to the first
    for text in (first, second):
        assert "interested" in text  # restates interest
        assert text.count("?") == 1  # one easy question
        assert "[[" in text  # something of value / something new, marked
        assert 5 <= sentences(text) <= 7, sentences(text)
        for pressure in ("offer", "urgent", "asap", "deadline", "competing", "immediately"):
            assert pressure not in text.lower()


@pytest.mark.parametrize("type_", ["check_in_1", "check_in_2", "final_follow_up"])
def test_no_we_spoke_to_someone_who_was_not_there(type_: ActionType) -> None:
    iv = interview("panel", (JANE, RAJ))
    to_team = one(type_, iv, TEAM)
    assert "we spoke" not in to_team and "our " not in to_team.split("\n\n")[1][:200]
    assert "my panel interview with Jane Doe and Raj Patel on Tuesday, December 1" in to_team
    to_jane = one(type_, iv, JANE)
    assert "our panel interview on Tuesday, December 1" in to_jane
    assert "Raj Patel" not in to_jane


def test_final_follow_up_asks_whether_the_role_is_open_and_closes_politely() -> None:
    text = one("final_follow_up", interview("video", (JANE,)), TEAM)
    assert "whether the position is still open?" in text
    assert "I completely understand" in text and "thank you for your time" in text
    for ultimatum in ("last time", "one last", "final chance", "if i do not hear", "assume"):
        assert ultimatum not in text.lower()
    assert 5 <= sentences(text) <= 7


def test_rejection_thanks_never_comes_close_to_asking_why() -> None:
    text = one("rejection_thanks", interview("video", (JANE,)), TEAM).lower()
    for near_why in ("why", "reason", "stronger", "feedback", "improve", "what went", "decided"):
        assert near_why not in text
    assert "on file" in text and "advice" in text
    assert words(text) < 110


# ------------------------------------------------------------------ places


@pytest.mark.parametrize("type_", ["thank_you", "check_in_1", "check_in_2", "final_follow_up"])
def test_a_missing_role_or_company_is_a_marked_place(type_: ActionType) -> None:
    text = one(type_, interview("video", (JANE,), role=None, company=None), JANE)
    assert "[[role]]" in text and "[[company]]" in text
    assert "the role " not in text.replace("the [[role]] role", "")
    assert "your team" not in text


def test_no_place_is_the_subject_of_a_verb_it_must_agree_with() -> None:
    """Filled with one item or with two, a place reads grammatically: it is never
    directly followed by a verb that would agree with it ("my [[strengths]] match")."""
    verbs = re.compile(r"\]\]\s+(match|matches|are|is|fit|fits|were|was|has|have)\b")
    for name, text in TEMPLATES.texts.items():
        assert not verbs.search(text), name
        assert not re.search(r"\bmy \[\[", text), name


def test_open_places_lists_what_is_left_to_fill() -> None:
    text = one("thank_you", interview("video", (JANE,)), JANE)
    places = open_places(text)
    assert "specific topic you discussed" in places
    assert open_places(filled(text)) == ()


# ------------------------------------------------------------------ word counts


@pytest.mark.parametrize("kind", ["phone", "video", "onsite", "panel", "final", None])
@pytest.mark.parametrize("round_", [1, 2])
@pytest.mark.parametrize("phone", ["+1 555 0100", ""])
def test_thank_you_is_150_to_200_words_once_filled(
    kind: Kind | None, round_: int, phone: str
) -> None:
    """``001``: 150 to 200 words. Counted on the whole letter, greeting and signature
    included, with each place filled by a six-word phrase."""
    earlier = (interview("phone", (Person("Sam Lee", "sam@acme.com"),), uid="a0"),)
    iv = interview(kind, (JANE, RAJ), round_=round_, start=START + timedelta(days=7))
    ctx = DraftContext(earlier=earlier if round_ > 1 else (), written_at=iv.end)
    user = UserSettings(name=USER.name, email=USER.email, phone=phone, timezone=USER.timezone)
    act = Action(
        type="thank_you",
        due=iv.end,
        state="planned",
        outputs=("calendar", "draft"),
        to=(JANE,),
        subject="x",
    )
    (spec,) = compose_drafts(act, iv, user, TEMPLATES, context=ctx)
    assert 150 <= words(body(parse(spec))) <= 200, words(spec.body)


def test_phone_screen_thank_you_is_the_shortest() -> None:
    counts = {
        kind: words(one("thank_you", interview(kind, (JANE, RAJ)), JANE))
        for kind in ("phone", "video", "onsite", "panel", "final")
    }
    assert min(counts, key=lambda k: counts[k]) == "phone", counts


# ------------------------------------------------------------------ user templates


def test_user_templates_per_kind_and_new_placeholders(tmp_path: Path) -> None:
    (tmp_path / "thank_you.txt").write_text("$greeting\nGeneric: $kind, round $round.\n")
    (tmp_path / "thank_you.final.txt").write_text(
        "$greeting\nFinal after $earlier_rounds with $interviewers ($when).\n"
    )
    templates = load_templates(tmp_path)
    assert templates.errors == ()
    first = interview("phone", (Person("Sam Lee", "sam@acme.com"),), uid="a0")
    final = interview("final", (JANE, RAJ), round_=2, start=START + timedelta(days=7))
    ctx = DraftContext(earlier=(first,), written_at=final.end)
    mail = letters("thank_you", final, (JANE,), ctx, templates)
    assert body(mail["jane@acme.com"]) == (
        "Dear Jane,\nFinal after the phone screen with Sam Lee on December 1 with Jane Doe and"
        " Raj Patel (today).\n"
    )
    mail = letters("thank_you", interview("video", (JANE,), round_=2), (JANE,), None, templates)
    assert body(mail["jane@acme.com"]) == "Dear Jane,\nGeneric: video interview, round second.\n"
    # Kinds without a file of the user's: the user's plain file wins over built-in kinds.
    assert templates.choose("thank_you", "panel") == "thank_you"
    assert load_templates(None).choose("thank_you", "panel") == "thank_you.panel"


def test_a_misnamed_kind_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "thank_you.finale.txt").write_text("$greeting\n")
    templates = load_templates(tmp_path)
    assert any("thank_you.finale.txt" in e and "kinds:" in e for e in templates.errors)


# ------------------------------------------------------------------ debrief lines


def test_debrief_lines_are_read_and_the_last_one_wins() -> None:
    text = (
        "Write it down while it is fresh:\n"
        "  a line beginning with Note: and the topic\n"
        "Note: first try\nNote: the payments API\n"
        "NOTE FOR Jane Doe: on-call\nnote for jane doe: her on-call rota\n"
        "Decision: next Friday\nContact: Mindy Tan <Mindy@Globex.com>\nPrefers: phone\n"
    )
    d = parse_debrief(text)
    assert d.note == "the payments API" and d.timeline == "next Friday"
    assert d.notes_for == (("jane doe", "her on-call rota"),)
    assert d.contact == "Mindy Tan <Mindy@Globex.com>" and d.prefers == "phone"
    assert parse_debrief("Prefers: e-mail please").prefers == "email"
    assert parse_debrief("Prefers: carrier pigeon").prefers is None
    assert parse_debrief("Note: ...\nTimeline:   ").note is None


def test_debrief_contact_and_prefers_correct_the_interview() -> None:
    iv = interview("panel", (JANE, RAJ))
    fixed = apply_debrief(iv, parse_debrief("Contact: Mindy Tan <mindy@acme.com>\nPrefers: phone"))
    assert fixed.contact == Person("Mindy Tan", "mindy@acme.com") and fixed.prefers_phone
    by_name = apply_debrief(iv, parse_debrief("Contact: raj"))
    assert by_name.contact == RAJ
    unknown = apply_debrief(iv, parse_debrief("Contact: somebody else"))
    assert unknown.contact == TEAM
    assert apply_debrief(iv, Debrief()) == iv
