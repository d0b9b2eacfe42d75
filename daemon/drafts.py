"""What the daemon writes: draft e-mails and the text of calendar reminders.

Pure functions over the domain types; the only I/O is reading template files when
``load_templates`` is asked to. Everything that comes from a calendar (names, titles,
company, role, the user's ``Note:``) is treated as data: it is flattened to one line before
it reaches a template or a header, and it is substituted with ``string.Template`` semantics,
so ``$role`` or ``{role}`` typed into an invitation stays literal text.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from importlib import resources
from pathlib import Path

from daemon import wording
from daemon.addresses import addr_spec
from daemon.debrief import Debrief, note_for
from daemon.keys import output_key
from daemon.model import Action, Interview, Person
from daemon.ports import DraftSpec
from daemon.settings import UserSettings
from daemon.subjects import subject_for

# Draft type -> template file stem. A stem can have one file per interview kind
# (``thank_you.final.txt``) that wins over the plain one (``thank_you.txt``).
TEMPLATE_FOR: Mapping[str, str] = {
    "thank_you": "thank_you",
    "check_in_1": "check_in",
    "check_in_2": "check_in_2",
    "final_follow_up": "final_follow_up",
    "rejection_thanks": "rejection_thanks",
}
KINDS: tuple[str, ...] = ("phone", "video", "onsite", "panel", "final")
STEMS: tuple[str, ...] = (
    "thank_you",
    "check_in",
    "check_in_2",
    "final_follow_up",
    "rejection_thanks",
)
TEMPLATE_NAMES: tuple[str, ...] = (
    *STEMS,
    *(f"thank_you.{kind}" for kind in KINDS),
)
BUILTIN = "built-in"

# Every placeholder a template may use; a user template naming another one is rejected.
PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "greeting",  # "Dear Jane,"; "Dear Acme hiring team,"; "Dear [[name]],"
        "name",  # the reader's name in reading order, or [[name]]
        "first_name",  # "Jane", or [[name]]
        "company",  # "Acme", or [[company]]
        "role",  # "Senior Developer", or [[role]]
        "the_role",  # "the Senior Developer role"
        "role_at_company",  # "the Senior Developer role at Acme"
        "the_team",  # "the team at Acme"
        "topic",  # the reader's debrief note (marked for review), or [[specific topic ...]]
        "kind",  # "phone screen", "video interview", "panel interview", "interview", ...
        "round",  # "first", "second", ...
        "round_number",  # "1", "2", ...
        "interviewers",  # "Jane Doe and Bob Okafor"
        "other_interviewers",  # everyone else who interviewed, or "the rest of the panel"
        "earlier_rounds",  # "the phone screen with Sam Lee on November 20"; empty in round 1
        "round_sentence",  # a sentence tying a later round to the earlier ones; else empty
        "when",  # "today", "yesterday", or "on Tuesday, December 1"
        "our_meeting",  # "our video call on Tuesday, December 1" / "my interview with ..."
        "first_check_in",  # "on Monday, December 14": when the first check-in was due
        "interview_date",  # "Tuesday, December 1"
        "interview_title",
        "user_name",
        "user_email",
        "user_phone",
        "signature",  # name, phone (when set) and e-mail, one per line
    }
)

TOPIC_MARKER = wording.TOPIC_MARKER
NAME_MARKER = wording.NAME_MARKER
PLACE = re.compile(r"\[\[(.*?)\]\]", re.S)

NAME_LIMIT = 100  # display names in headers: no real name is longer
SUBJECT_LIMIT = 250
SUMMARY_LIMIT = 200
WORD_LIMIT = 60  # longest unbroken word kept in a display name

# C0/C1 controls, DEL, line/paragraph separators and the bidi embedding/override/isolate
# marks: all of them can break a line or reorder what the user sees, so each becomes a space.
_CONTROL = re.compile("\r\n|[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class TemplateError(ValueError):
    """A draft type has no template (a programming error, not a user one)."""


# --------------------------------------------------------------------------- values


def one_line(value: str | None) -> str:
    """Calendar text as data: every line break or control character becomes one space."""
    return _CONTROL.sub(" ", value or "").strip()


def _truncate(text: str, limit: int) -> str:
    """Cut to ``limit`` characters, marking the cut; idempotent so re-cleaning is harmless."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _defuse(text: str) -> str:
    """Break RFC 2047 encoded-word syntax (``=?utf-8?q?...?=``) in a plain value.

    Readers decode such words, so a name holding an encoded ``=0D=0ABcc: x`` would show
    (and, once a client re-saves the draft, become) a line break and a Bcc header. The
    email package itself decodes them when a header is assigned.
    """
    return text.replace("=?", "= ?")


def header_text(value: str | None, limit: int = SUBJECT_LIMIT) -> str:
    """A value safe for an unstructured header such as Subject: one line, bounded."""
    return _truncate(_defuse(one_line(value)), limit)


def display_name(value: str | None) -> str:
    """A value safe as an address's display name: one line, no encoded words, bounded.

    A name is for reading: 100 characters and words of 60 are plenty, and the bound keeps
    a 10,000-character attendee name from turning into a screen of header.
    """
    words = [_truncate(w, WORD_LIMIT) for w in _defuse(one_line(value)).split(" ")]
    return _truncate(" ".join(words), NAME_LIMIT)


# --------------------------------------------------------------------------- templates


@dataclass(frozen=True)
class Templates:
    """Template texts by name, where each came from, and the problems met loading them.

    ``errors`` are one-line messages for the config layer (``doctor``, warnings); loading
    never fails because of a user file: the built-in text is used instead.
    """

    texts: Mapping[str, str]
    sources: Mapping[str, str]
    errors: tuple[str, ...] = ()

    def template(self, name: str) -> string.Template:
        try:
            return string.Template(self.texts[name])
        except KeyError:
            raise TemplateError(f"no template named {name!r}") from None

    def choose(self, stem: str, kind: str | None) -> str:
        """The template name for ``stem`` and an interview ``kind``.

        The user's files win over the built-in ones, and within each, the file for the
        kind (``thank_you.final``) wins over the plain one (``thank_you``): a user who
        rewrote ``thank_you.txt`` gets their letter for every kind they did not split out.
        """
        names = [f"{stem}.{kind}", stem] if kind else [stem]
        for name in names:
            if self.sources.get(name, BUILTIN) != BUILTIN:
                return name
        for name in names:
            if name in self.texts:
                return name
        raise TemplateError(f"no template named {stem!r}")


def builtin_text(name: str) -> str:
    """The packaged template ``name``; read through importlib so a zipped install works."""
    ref = resources.files("daemon").joinpath("templates").joinpath(f"{name}.txt")
    return _normalise(ref.read_text(encoding="utf-8"))


def _normalise(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def template_problem(text: str) -> str | None:
    """Why a user template cannot be used, or None: empty, a stray ``$``, an unknown name."""
    tpl = string.Template(text)
    if not text.strip():
        return "is empty"
    if not tpl.is_valid():
        return "has a '$' that is not a placeholder (write '$$' for a dollar sign)"
    unknown = sorted(set(tpl.get_identifiers()) - PLACEHOLDERS)
    if unknown:
        known = ", ".join(f"${p}" for p in sorted(PLACEHOLDERS))
        return f"uses unknown placeholder(s) {', '.join('$' + u for u in unknown)} (known: {known})"
    return None


def _read_user(path: Path) -> tuple[str | None, str | None]:
    """(text, error): a user file that is missing is not an error (overrides are per file)."""
    if not path.exists():
        return None, None
    try:
        text = _normalise(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"template {path} cannot be read ({exc}); using the built-in one"
    problem = template_problem(text)
    if problem:
        return None, f"template {path} {problem}; using the built-in one"
    return text, None


# Names a user file may have: every stem, plain or for one kind of interview.
USER_NAMES: tuple[str, ...] = (*STEMS, *(f"{stem}.{kind}" for stem in STEMS for kind in KINDS))


def _stray_files(user_dir: Path) -> list[str]:
    """Files that look like templates but match no name: usually a typo worth reporting."""
    try:
        names = sorted(p.name for p in user_dir.glob("*.txt"))
    except OSError:
        return []
    wanted = {f"{n}.txt" for n in USER_NAMES}
    expected = ", ".join(f"{stem}.txt" for stem in STEMS)
    kinds = "|".join(KINDS)
    return [
        f"template {user_dir / n} is not used (expected one of: {expected},"
        f" or a kind's own file such as thank_you.final.txt; kinds: {kinds})"
        for n in names
        if n not in wanted
    ]


def load_templates(user_dir: Path | None = None) -> Templates:
    """Built-in templates, plus every usable file of ``user_dir`` named for a stem or for
    a stem and kind (``thank_you.txt``, ``thank_you.final.txt``, ``check_in.phone.txt``)."""
    texts = {name: builtin_text(name) for name in TEMPLATE_NAMES}
    sources = dict.fromkeys(TEMPLATE_NAMES, BUILTIN)
    if user_dir is None:
        return Templates(texts, sources)
    if not user_dir.is_dir():
        msg = f"templates folder {user_dir} is not a folder; using the built-in templates"
        return Templates(texts, sources, (msg,))
    errors: list[str] = []
    for name in USER_NAMES:
        path = user_dir / f"{name}.txt"
        text, error = _read_user(path)
        if text is not None:
            texts[name], sources[name] = text, str(path)
        if error:
            errors.append(error)
    errors.extend(_stray_files(user_dir))
    return Templates(texts, sources, tuple(errors))


# --------------------------------------------------------------------------- drafts


@dataclass(frozen=True)
class DraftContext:
    """What a letter needs beyond the interview: the user's debrief lines, the earlier
    rounds with the same company, when the draft is written, when the first check-in was."""

    debrief: Debrief = field(default_factory=Debrief)
    earlier: tuple[Interview, ...] = ()
    written_at: datetime | None = None
    first_check_in: datetime | None = None


def _the_role(role: str) -> str:
    """``the Senior Developer role``; no second "role" when the title already says it."""
    last = role.rsplit(" ", 1)[-1].lower()
    return f"the {role}" if last in {"role", "position", "job"} else f"the {role} role"


def signature(user: UserSettings) -> str:
    lines = [one_line(user.name), one_line(user.phone), one_line(user.email)]
    return "\n".join(line for line in lines if line)


def _topic(note: str | None) -> str:
    """The reader's note, still marked for review, or the place to write one."""
    text = one_line(note)
    return wording.review_note(text) if text else TOPIC_MARKER


def _when(interview: Interview, user: UserSettings, written_at: datetime | None) -> str:
    day = wording.local(interview.start, user.timezone).date()
    today = None if written_at is None else wording.local(written_at, user.timezone).date()
    return wording.relative_day(day, today)


def template_values(
    interview: Interview,
    user: UserSettings,
    recipient: Person,
    note: str | None = None,
    context: DraftContext | None = None,
) -> dict[str, str]:
    """Every placeholder's value for one recipient; unknowns become ``[[...]]`` places."""
    ctx = context or DraftContext()
    clean = replace(
        interview,
        interviewers=tuple(_clean_person(p) for p in interview.interviewers),
        company=one_line(interview.company) or None,
        role=one_line(interview.role) or None,
    )
    reader = _clean_person(recipient)
    company = clean.company or wording.COMPANY_MARKER
    the_role = _the_role(clean.role or wording.ROLE_MARKER)
    others = [p for p in clean.interviewers if p.email.lower() != reader.email.lower()]
    earlier = tuple(
        replace(e, interviewers=tuple(map(_clean_person, e.interviewers))) for e in ctx.earlier
    )
    zone = user.timezone
    first_check_in = "a couple of weeks ago"
    if ctx.first_check_in is not None:
        day = wording.local(ctx.first_check_in, zone).date()
        first_check_in = f"on {wording.long_date(day)}"
    return {
        "greeting": wording.greeting(reader, clean.company or ""),
        "name": wording.full_name(reader) or NAME_MARKER,
        "first_name": wording.first_name(reader),
        "company": company,
        "role": clean.role or wording.ROLE_MARKER,
        "the_role": the_role,
        "role_at_company": f"{the_role} at {company}",
        "the_team": f"the team at {company}",
        "topic": _topic(note),
        "kind": wording.kind_noun(clean.kind),
        "round": wording.ordinal(clean.round),
        "round_number": str(clean.round),
        "interviewers": wording.people_names(clean.interviewers) or "[[interviewers' names]]",
        "other_interviewers": wording.people_names(others) or "the rest of the panel",
        "earlier_rounds": wording.earlier_rounds(earlier, zone),
        "round_sentence": wording.round_sentence(clean, earlier, zone),
        "when": _when(clean, user, ctx.written_at),
        "our_meeting": wording.meeting_phrase(reader, clean, zone),
        "first_check_in": first_check_in,
        "interview_date": wording.long_date(wording.local(clean.start, zone).date()),
        "interview_title": one_line(clean.title),
        "user_name": one_line(user.name),
        "user_email": one_line(user.email),
        "user_phone": one_line(user.phone),
        "signature": signature(user),
    }


def _clean_person(person: Person) -> Person:
    """Calendar values as data: a name on one line before any phrase is built from it."""
    return Person(one_line(person.name) or None, one_line(person.email))


def _subject(action: Action, interview: Interview, user: UserSettings) -> str:
    fallback = subject_for(action.type, one_line(interview.role) or None, one_line(user.name))
    return header_text(action.subject or fallback or "")


def compose_drafts(
    action: Action,
    interview: Interview,
    user: UserSettings,
    templates: Templates,
    note: str | None = None,
    context: DraftContext | None = None,
) -> list[DraftSpec]:
    """One draft per recipient of ``action`` (a panel gets individual notes).

    The thank-you's topic is the reader's own ``Note for X:`` line, else the plain
    ``Note:`` (``note``, or the context's debrief); other types ignore notes. Actions that
    make no draft (reminder-only types, phone check-ins) give [].
    """
    if "draft" not in action.outputs or action.call:
        return []
    stem = TEMPLATE_FOR.get(action.type)
    if stem is None:
        raise TemplateError(f"action {action.type!r} has no draft template")
    ctx = context or DraftContext()
    if note is not None and context is None:
        ctx = replace(ctx, debrief=Debrief(note=note))
    template = templates.template(templates.choose(stem, interview.kind))
    sender = Person(one_line(user.name) or None, user.email)
    subject = _subject(action, interview, user)
    specs = []
    for person in _unique(action.to):
        topic = note_for(person, ctx.debrief) if action.type == "thank_you" else None
        values = template_values(interview, user, person, topic, ctx)
        specs.append(
            DraftSpec(
                key=output_key(interview.id, action.type, "draft", recipient_key(person)),
                sender=sender,
                to=person,
                subject=subject,
                body=_body(template, values),
            )
        )
    return specs


def recipient_key(person: Person) -> str:
    """What tells two recipients apart: the address, or for someone named without one
    (an itinerary), the name."""
    return person.email.lower() if person.email else f"name:{(person.name or '').casefold()}"


def _unique(people: tuple[Person, ...]) -> list[Person]:
    """One draft per address even if a list names someone twice (the key would clash)."""
    seen: set[str] = set()
    out = []
    for person in people:
        if recipient_key(person) not in seen:
            seen.add(recipient_key(person))
            out.append(person)
    return out


_SPACES = re.compile(r"[ \t]{2,}")
_BLANKS = re.compile(r"\n{3,}")


def _body(template: string.Template, values: Mapping[str, str]) -> str:
    """Fill once, never re-evaluating values. An empty placeholder leaves no double space,
    no space before a line end and no run of blank lines; one final newline."""
    text = template.safe_substitute(values)
    lines = [_tidy(line) for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip() + "\n"


def _tidy(line: str) -> str:
    """Single spaces inside a line, its indentation kept, nothing trailing."""
    words = line.lstrip(" \t")
    return line[: len(line) - len(words)] + _SPACES.sub(" ", words).rstrip()


def open_places(body: str) -> tuple[str, ...]:
    """The ``[[...]]`` places a draft still holds, in order (``status`` and ``doctor``)."""
    return tuple(" ".join(m.group(1).split()) for m in PLACE.finditer(body))


# --------------------------------------------------------------------------- addresses


def usable_address(email: str) -> str:
    """The addr-spec a draft would carry for ``email``; ValueError unless it is exactly one
    plain address."""
    return addr_spec(one_line(email))
