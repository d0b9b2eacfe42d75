"""What the daemon writes: draft e-mails and the text of calendar reminders.

Pure functions over the domain types; the only I/O is reading template files when
``load_templates`` is asked to. Everything that comes from a calendar (names, titles,
company, role, the user's ``Note:``) is treated as data: it is flattened to one line before
it reaches a template or a header, and it is substituted with ``string.Template`` semantics,
so ``$role`` or ``{role}`` typed into an invitation stays literal text.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, getaddresses
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from daemon.addresses import addr_spec
from daemon.keys import message_id, output_key
from daemon.model import Action, Interview, Person
from daemon.ports import DraftSpec
from daemon.settings import UserSettings
from daemon.subjects import subject_for

# Draft type -> template file stem. Both check-ins share one template.
TEMPLATE_FOR: Mapping[str, str] = {
    "thank_you": "thank_you",
    "check_in_1": "check_in",
    "check_in_2": "check_in",
    "final_follow_up": "final_follow_up",
    "rejection_thanks": "rejection_thanks",
}
TEMPLATE_NAMES: tuple[str, ...] = ("thank_you", "check_in", "final_follow_up", "rejection_thanks")

# Every placeholder a template may use; a user template naming another one is rejected.
PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "name",  # recipient's name, or the marker [[name]] when the invitation had none
        "first_name",  # first word of it
        "company",  # "Acme", or "your team"
        "role",  # "Senior Developer", or "the role"
        "the_role",  # "the Senior Developer role", or "the role"
        "role_at_company",  # "the Senior Developer role at Acme" / "... on your team"
        "the_team",  # "the team at Acme", or "your team"
        "topic",  # the debrief's Note:, or the marker [[specific topic you discussed]]
        "interview_date",  # "Tuesday, December 1"
        "interview_title",
        "user_name",
        "user_email",
        "user_phone",
        "signature",  # name, phone (when set) and e-mail, one per line
    }
)

TOPIC_MARKER = "[[specific topic you discussed]]"
NAME_MARKER = "[[name]]"
NEUTRAL_COMPANY = "your team"
NEUTRAL_ROLE = "the role"

NAME_LIMIT = 100  # display names in headers: no real name is longer
SUBJECT_LIMIT = 250
SUMMARY_LIMIT = 200
WORD_LIMIT = 60  # longest unbroken word kept in a display name

# C0/C1 controls, DEL, line/paragraph separators and the bidi embedding/override/isolate
# marks: all of them can break a line or reorder what the user sees, so each becomes a space.
_CONTROL = re.compile("\r\n|[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_KEY = re.compile(r"[A-Za-z0-9._-]{1,200}")


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


def _stray_files(user_dir: Path) -> list[str]:
    """Files that look like templates but match no name: usually a typo worth reporting."""
    try:
        names = sorted(p.name for p in user_dir.glob("*.txt"))
    except OSError:
        return []
    wanted = {f"{n}.txt" for n in TEMPLATE_NAMES}
    return [
        f"template {user_dir / n} is not used (expected one of: {', '.join(sorted(wanted))})"
        for n in names
        if n not in wanted
    ]


def load_templates(user_dir: Path | None = None) -> Templates:
    """Built-in templates, each replaced by the same-named file of ``user_dir`` if usable."""
    texts = {name: builtin_text(name) for name in TEMPLATE_NAMES}
    sources = dict.fromkeys(TEMPLATE_NAMES, "built-in")
    if user_dir is None:
        return Templates(texts, sources)
    if not user_dir.is_dir():
        msg = f"templates folder {user_dir} is not a folder; using the built-in templates"
        return Templates(texts, sources, (msg,))
    errors: list[str] = []
    for name in TEMPLATE_NAMES:
        path = user_dir / f"{name}.txt"
        text, error = _read_user(path)
        if text is not None:
            texts[name], sources[name] = text, str(path)
        if error:
            errors.append(error)
    errors.extend(_stray_files(user_dir))
    return Templates(texts, sources, tuple(errors))


# --------------------------------------------------------------------------- drafts


def _the_role(role: str) -> str:
    """``the Senior Developer role``; no second "role" when the title already says it."""
    if not role:
        return NEUTRAL_ROLE
    last = role.rsplit(" ", 1)[-1].lower()
    return f"the {role}" if last in {"role", "position", "job"} else f"the {role} role"


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _interview_date(interview: Interview, user: UserSettings) -> str:
    """``Tuesday, December 1``: English whatever the process locale, like the templates."""
    start = _local(interview.start, user)
    return f"{_DAYS[start.weekday()]}, {_MONTHS[start.month - 1]} {start.day}"


def _local(moment: datetime, user: UserSettings) -> datetime:
    """The moment in the user's zone; an unknown zone leaves it as the calendar gave it."""
    try:
        return moment.astimezone(ZoneInfo(user.timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return moment


def signature(user: UserSettings) -> str:
    lines = [one_line(user.name), one_line(user.phone), one_line(user.email)]
    return "\n".join(line for line in lines if line)


def template_values(
    interview: Interview, user: UserSettings, recipient: Person, note: str | None = None
) -> dict[str, str]:
    """Every placeholder's value for one recipient; unknowns become neutral phrases."""
    company, role = one_line(interview.company), one_line(interview.role)
    name = one_line(recipient.name) or NAME_MARKER
    the_role = _the_role(role)
    return {
        "name": name,
        "first_name": name.split(" ", 1)[0],
        "company": company or NEUTRAL_COMPANY,
        "role": role or NEUTRAL_ROLE,
        "the_role": the_role,
        "role_at_company": f"{the_role} at {company}" if company else f"{the_role} on your team",
        "the_team": f"the team at {company}" if company else NEUTRAL_COMPANY,
        "topic": one_line(note) or TOPIC_MARKER,
        "interview_date": _interview_date(interview, user),
        "interview_title": one_line(interview.title),
        "user_name": one_line(user.name),
        "user_email": one_line(user.email),
        "user_phone": one_line(user.phone),
        "signature": signature(user),
    }


def _subject(action: Action, interview: Interview, user: UserSettings) -> str:
    fallback = subject_for(action.type, one_line(interview.role) or None, one_line(user.name))
    return header_text(action.subject or fallback or "")


def compose_drafts(
    action: Action,
    interview: Interview,
    user: UserSettings,
    templates: Templates,
    note: str | None = None,
) -> list[DraftSpec]:
    """One draft per recipient of ``action`` (a panel gets individual notes).

    ``note`` (the debrief's ``Note:`` line) fills the thank-you's topic marker; other types
    ignore it. Actions that make no draft (reminder-only types, phone check-ins) give [].
    """
    if "draft" not in action.outputs or action.call:
        return []
    stem = TEMPLATE_FOR.get(action.type)
    if stem is None:
        raise TemplateError(f"action {action.type!r} has no draft template")
    template = templates.template(stem)
    topic_note = note if action.type == "thank_you" else None
    sender = Person(one_line(user.name) or None, user.email)
    subject = _subject(action, interview, user)
    return [
        DraftSpec(
            key=output_key(interview.id, action.type, "draft", recipient_key(person)),
            sender=sender,
            to=person,
            subject=subject,
            body=_body(template, template_values(interview, user, person, topic_note)),
        )
        for person in _unique(action.to)
    ]


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


def _body(template: string.Template, values: Mapping[str, str]) -> str:
    """Fill once, never re-evaluating values; trailing whitespace trimmed, one final newline."""
    return template.safe_substitute(values).strip() + "\n"


# --------------------------------------------------------------------------- reminders

_SUMMARY: Mapping[str, str] = {
    "prep": "Before the interview",
    "debrief": "Interview debrief",
    "thank_you": "Thank-you notes",
    "linkedin": "LinkedIn requests",
    "check_in_1": "Check-in",
    "check_in_2": "Second check-in",
    "final_follow_up": "Final follow-up",
    "networking": "Stay in touch",
    "rejection_thanks": "Thank-you after the decision",
    "info_request": "Send what they asked for",
}

_CHECKLIST: Mapping[str, tuple[str, ...]] = {
    "prep": (
        "Before you leave the interview, find out:",
        "- the next steps, and when they expect to decide",
        "- how they prefer to be contacted (e-mail or phone)",
        "- whether they would welcome a LinkedIn connection",
        "- the names and titles of everyone present",
        "Thank each person for their time on the way out.",
    ),
    "debrief": (
        "Write it down while it is fresh:",
        "- the names and titles of everyone on the panel",
        "- what went well, and what went badly",
        "- questions you stumbled on (a short correction can go in the thank-you note)",
        "- what you learned about the role and the team",
        "Then add your own lines at the end of this description, each on its own line:",
        "  a line beginning with Timeline: and the date or delay they gave"
        " (for example next Friday, or within 2 weeks),",
        "  a line beginning with Note: and the topic to mention in the thank-you notes.",
        "If the company, role or contact read from the invitation is wrong, add a line",
        "beginning with Company:, Role: or Contact: (a name and <address>) to correct it.",
    ),
    "thank_you": (
        "Send a thank-you note to each interviewer today (within 24 hours).",
        "Fill every [[...]] marker before sending; keep it personal and short.",
    ),
    "linkedin": (
        "Send each interviewer a LinkedIn connection request.",
        "Personalise it: mention something from your conversation.",
        "Check that your own profile is complete before you connect.",
    ),
    "check_in_1": (
        "Check in on the decision: brief, patient, no pressure.",
        "Add something of value (an article, an insight) where the draft marks it.",
    ),
    "check_in_2": (
        "A second, patient check-in: say you are still interested, offer anything else they need.",
        "Add something of value (an article, an insight) where the draft marks it.",
    ),
    "final_follow_up": (
        "Close the loop: still interested, you understand if they have moved on,"
        " any update is welcome.",
        "After this one, put your energy into other openings.",
    ),
    "networking": (
        "Keep the connection alive:",
        "- share an article they would find useful",
        "- congratulate them on news about them or their company",
    ),
    "rejection_thanks": (
        "Thank them briefly, ask them to keep you in mind, and ask for advice.",
        "Never argue the decision or ask for its reasons.",
    ),
    "info_request": (
        "They asked you for something: answer their message soon, in its thread.",
        "Send exactly what was asked; a short, friendly line is enough.",
    ),
}


def _about(interview: Interview) -> str:
    """``Acme (Senior Developer)``, or whichever half is known, or the event's title."""
    company, role = one_line(interview.company), one_line(interview.role)
    if company and role:
        return f"{company} ({role})"
    return company or role or one_line(interview.title) or "interview"


def _people(people: tuple[Person, ...]) -> str:
    return ", ".join(_person(p) for p in people) or "(nobody on the invitation)"


def _person(person: Person) -> str:
    name, email = one_line(person.name), one_line(person.email)
    if not email:
        return f"{name} (no address)"
    return f"{name} <{email}>" if name else email


def _when(interview: Interview, user: UserSettings) -> str:
    start, end = _local(interview.start, user), _local(interview.end, user)
    day = f"{_DAYS[start.weekday()][:3]} {start.day} {_MONTHS[start.month - 1][:3]} {start.year}"
    end_text = f"{end:%H:%M}"
    if end.date() != start.date():
        end_text = f"{_DAYS[end.weekday()][:3]} {end.day} {end_text}"
    return f"{day}, {start:%H:%M}-{end_text}"


def _who_lines(action: Action, interview: Interview) -> list[str]:
    """Who the reminder is about: drafts waiting, a person to call, or the people met."""
    if action.call:
        people = action.to or ((interview.contact,) if interview.contact else ())
        return [f"Call {_people(people)} (they prefer the phone); no draft was written."]
    if "draft" in action.outputs:
        lines = [f"Drafts waiting for: {_people(action.to)}"]
        missing = [p for p in action.to if not p.email]
        if missing:
            lines.append(
                f"Add the address of {_people(tuple(missing))} before sending: "
                "the invitation names them without one."
            )
        return lines
    if action.type in {"linkedin", "networking", "debrief", "prep"}:
        people = action.to or interview.interviewers
        return [f"Interviewers: {_people(people)}"]
    return []


def reminder_text(action: Action, interview: Interview, user: UserSettings) -> tuple[str, str]:
    """(summary, description) of the calendar reminder of ``action``.

    The description is the checklist of the rules' section 3 for that type, who it concerns,
    and which interview it belongs to; calendar values in it are flattened to one line.
    """
    label = _SUMMARY.get(action.type, action.type)
    if action.call:
        label = "Call to check in" if action.type.startswith("check_in") else f"Call: {label}"
    summary = header_text(f"{label}: {_about(interview)}", SUMMARY_LIMIT)
    detail = [one_line(action.detail)] if action.detail else []
    lines = [*_CHECKLIST.get(action.type, ()), *detail, *_who_lines(action, interview), ""]
    lines.append(f"Interview: {one_line(interview.title)}, {_when(interview, user)}")
    if one_line(interview.location):
        lines.append(f"Where: {one_line(interview.location)}")
    return summary, "\n".join(lines)


# --------------------------------------------------------------------------- messages

# CRLF line ends; header values this module pre-folds are written exactly as given
# (``refold_source="none"``): CPython's own folding of address headers can drop the quotes
# of a display name or end the header block early, so it is never asked to refold them.
_POLICY = policy.SMTP.clone(refold_source="none")
MAX_LINE = 78
_EW_BYTES = 42  # UTF-8 bytes per encoded word: "=?utf-8?b?" + 56 base64 + "?=" = 68 chars
_PLAIN_WORD = 66  # longer plain words would not fit after "Subject: " on one line
_SPECIALS = frozenset('()<>[]:;@\\,."')


def _encoded_words(text: str) -> list[str]:
    """RFC 2047 base64 words, split between characters so none passes the line limit."""
    chunks: list[str] = []
    current = ""
    for char in text:
        if current and len((current + char).encode("utf-8")) > _EW_BYTES:
            chunks.append(current)
            current = ""
        current += char
    if current:
        chunks.append(current)
    return [f"=?utf-8?b?{base64.b64encode(c.encode('utf-8')).decode('ascii')}?=" for c in chunks]


def _is_plain(text: str, specials: frozenset[str] = frozenset()) -> bool:
    """Printable ASCII with short words and none of ``specials``: can be written as is."""
    return (
        text.isascii()
        and text.isprintable()
        and all(len(word) <= _PLAIN_WORD for word in text.split(" "))
        and specials.isdisjoint(text)
    )


def _fold(name: str, tokens: list[str]) -> str:
    """Tokens joined by single spaces, a space turning into a fold where a line would pass
    78 characters; unfolding gives back the single spaces."""
    out: list[str] = []
    width = len(name) + 1  # "Name:"
    for token in tokens:
        if out and width + 1 + len(token) > MAX_LINE:
            out.append("\n " + token)
            width = 1 + len(token)
        else:
            out.append((" " if out else "") + token)
            width += 1 + len(token)
    return "".join(out)


def _phrase_tokens(text: str) -> list[str]:
    """A display name as header tokens: plain words, one quoted string, or encoded words."""
    if not text:
        return []
    if _is_plain(text, _SPECIALS):
        return text.split(" ")
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if _is_plain(text) and len(quoted) <= MAX_LINE - len("From: "):
        return [quoted]
    return _encoded_words(text)


def _addr_spec(email: str) -> str:
    """The address as an addr-spec; ValueError unless it is exactly one plain address."""
    return addr_spec(one_line(email))


def usable_address(email: str) -> str:
    """The addr-spec a draft would carry for ``email``; ValueError if there is none."""
    return _addr_spec(email)


def address_header(name: str, person: Person) -> str:
    """The pre-folded value of a From/To header for ``person``."""
    addr = _addr_spec(person.email)
    phrase = _phrase_tokens(display_name(person.name))
    return _fold(name, [*phrase, f"<{addr}>"] if phrase else [addr])


def text_header(name: str, value: str) -> str:
    """The pre-folded value of an unstructured header (Subject)."""
    text = header_text(value)
    if not text:
        return ""
    return _fold(name, text.split(" ") if _is_plain(text) else _encoded_words(text))


def render_message(spec: DraftSpec, date: datetime) -> bytes:
    """The draft as an RFC 5322 message (CRLF line ends, UTF-8 text/plain body).

    Headers carry only flattened values, folded here, so nothing from a calendar can add
    or split a header. ``X-Unsent: 1`` makes clients that open the file directly (Outlook,
    .eml viewers) treat it as a message to compose, not one received.
    """
    if not _KEY.fullmatch(spec.key):
        raise ValueError(f"draft key is not a plain token: {spec.key!r}")
    msg = EmailMessage(policy=_POLICY)
    msg.set_raw("From", address_header("From", spec.sender))
    if spec.to.email:  # someone named without an address: the user adds it
        msg.set_raw("To", address_header("To", spec.to))
    msg.set_raw("Subject", text_header("Subject", spec.subject))
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id(spec.key)
    for name, value in (("In-Reply-To", spec.in_reply_to), ("References", spec.references)):
        ids = _message_ids(value)
        if ids:
            msg.set_raw(name, ids)
    msg["X-Interview-Followup-Key"] = spec.key
    msg["X-Unsent"] = "1"
    body = spec.body.replace("\r\n", "\n").replace("\r", "\n")
    msg.set_content(body, charset="utf-8")
    return msg.as_bytes()


_MSG_ID = re.compile(r"<[^<>\s]{1,250}>")


def _message_ids(value: str | None) -> str:
    """Only well-formed ``<id>`` tokens from a received header, at most 20, one line."""
    ids = _MSG_ID.findall(value or "")[-20:]
    return "\r\n ".join(ids)


def _body_text(msg: EmailMessage) -> str:
    """The text the user sees: the plain part (or HTML if a client replaced it)."""
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _normalise_body(text: str) -> str:
    """Line endings and trailing blanks do not count as an edit (clients rewrite them)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def message_fingerprint(raw: bytes) -> str:
    """A hash of what a user edits: subject, recipients' addresses, body text.

    Transport details (header folding, encodings, line endings, flags, Date) are left out,
    so a message is unchanged after a round trip through a Maildir file, and any edit of the
    subject, the recipients or the words of the body changes it.
    """
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(parsed, EmailMessage)
    subject = " ".join(str(parsed.get("Subject", "")).split())
    fields = [str(v) for v in parsed.get_all("To", []) + parsed.get_all("Cc", [])]
    recipients = sorted(addr.lower() for _, addr in getaddresses(fields))
    content = [subject, recipients, _normalise_body(_body_text(parsed))]
    blob = json.dumps(content, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:32]
