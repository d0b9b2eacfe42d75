"""The text of the calendar reminders: what to do now, for whom, and how to tell the daemon.

Pure: a reminder is the checklist of the rules for its step (with what the articles add:
proofread, point of contact, status questions to HR first, keep applying), who it concerns,
the interview it belongs to, and the exact commands that record what happened next, so the
loop closes from the calendar itself. Calendar values in it are flattened to one line.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from datetime import datetime

from daemon import wording
from daemon.debrief import note_for
from daemon.drafts import SUMMARY_LIMIT, DraftContext, header_text, one_line
from daemon.model import Action, Interview, Person
from daemon.settings import UserSettings

CONNECTION_NOTE_LIMIT = 300  # LinkedIn's limit for a note with a connection request

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

_PROOFREAD = "Proofread before you send: names, the role, grammar; it is a business letter."
_KEEP_APPLYING = "Keep applying elsewhere while you wait; one opening is never the only one."
_HR_FIRST = (
    "Status questions go to HR or whoever scheduled the interview, not to the panel:"
    " that is who this goes to."
)

_CHECKLIST: Mapping[str, tuple[str, ...]] = {
    "prep": (
        "Before you leave the interview, find out:",
        "- the next steps, and when they expect to decide",
        "- who your point of contact is from here (usually HR or the recruiter)",
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
        "  a line beginning with Note: and the topic to mention in the thank-you notes,",
        "  a line beginning with Note for, a name, a colon and a topic for that person's"
        " note only (for example Note for Jane: her team's on-call rota),",
        "  a line beginning with Contact: and the name and address of your point of"
        " contact, if it is not the person shown below,",
        "  a line beginning with Prefers: and phone or email, if they said how they like"
        " to be reached (phone turns the check-ins into calls).",
        "If the company or role read from the invitation is wrong, add a line beginning"
        " with Company: or Role: to correct it.",
    ),
    "thank_you": (
        "Send a thank-you note to each interviewer today (within 24 hours).",
        "Fill every [[...]] place before sending: a [[review: ...]] place holds your own"
        " debrief note, to reword as you would say it.",
        _PROOFREAD,
        "Optional: a printed (or neatly handwritten) note as well, dropped off the same day"
        " (not posted: it would arrive after the decision).",
    ),
    "linkedin": (
        "Only if they welcomed a connection (ask at the interview); otherwise skip this.",
        "Send each interviewer a request with a personal note: never a bare request.",
        "Check that your own profile is complete before you connect.",
    ),
    "check_in_1": (
        "Check in on the decision: brief, patient, no pressure.",
        "Add something of value (an article, an insight) where the draft marks it.",
        _PROOFREAD,
        _HR_FIRST,
        _KEEP_APPLYING,
    ),
    "check_in_2": (
        "A second, patient check-in: still interested, and one new thing to share.",
        "Fill the place the draft marks with an update or a link.",
        _PROOFREAD,
        _KEEP_APPLYING,
    ),
    "final_follow_up": (
        "Close the loop: still interested, is the role still open, any update welcome.",
        _PROOFREAD,
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
        _PROOFREAD,
    ),
    "info_request": (
        "They asked you for something: answer their message soon, in its thread.",
        "Send exactly what was asked; a short, friendly line is enough.",
        _PROOFREAD,
    ),
}

_CALL_CHECKLIST: tuple[str, ...] = (
    "They prefer the phone, so this check-in is a call: there is no e-mail to send.",
    _HR_FIRST,
    _KEEP_APPLYING,
)


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
    start = wording.local(interview.start, user.timezone)
    end = wording.local(interview.end, user.timezone)
    day = f"{_weekday(start)} {start.day} {wording.MONTHS[start.month - 1][:3]} {start.year}"
    end_text = f"{end:%H:%M}"
    if end.date() != start.date():
        end_text = f"{_weekday(end)} {end.day} {end_text}"
    return f"{day}, {start:%H:%M}-{end_text}"


def _weekday(moment: datetime) -> str:
    """``Tue``: English whatever the process locale, like the rest of the text."""
    return wording.DAYS[moment.weekday()][:3]


def _role_phrase(interview: Interview) -> str:
    """``the Senior Developer role at Acme``, with only what is known."""
    role, company = one_line(interview.role), one_line(interview.company)
    what = f"the {role} role" if role else "the role"
    return f"{what} at {company}" if company else what


def call_script(action: Action, interview: Interview, user: UserSettings) -> list[str]:
    """A few lines to say on the phone (``004``: same medium; ``002``: ask politely when a
    decision is expected, and nothing more)."""
    people = action.to or ((interview.contact,) if interview.contact else ())
    who = _people(people)
    first = wording.first_name(people[0]) if people else wording.NAME_MARKER
    first = "" if first == wording.NAME_MARKER else f" {first}"
    day = wording.long_date(wording.local(interview.start, user.timezone).date())
    again = " again" if action.type == "check_in_2" else ""
    phone = f" ({one_line(user.phone)})" if one_line(user.phone) else ""
    return [
        f"Call {who}.",
        "A short script:",
        f'  "Hello{first}, this is {one_line(user.name) or "[[your name]]"}. I interviewed for'
        f' {_role_phrase(interview)} on {day}."',
        f'  "I am calling{again} because I am still very interested, and I wanted to ask'
        ' when you expect a decision."',
        '  "Is there anything else I could send you in the meantime?"',
        "  Thank them, and write down any date they give (see the timeline command below).",
        f"On voicemail: your name, the role and your number{phone}, once; no second message"
        " the same week.",
    ]


def connection_note(person: Person, interview: Interview, context: DraftContext) -> str:
    """A LinkedIn note for ``person`` (at most 300 characters) naming the interview and,
    when the debrief gave one, what the two of you talked about (``003``)."""
    first = wording.first_name(person)
    hello = "Hello," if first == wording.NAME_MARKER else f"Hello {first},"
    kind = wording.kind_noun(interview.kind)
    topic = one_line(note_for(person, context.debrief))
    about = f" I enjoyed our talk about {topic}." if topic else ""
    tail = " I would be glad to stay in touch."
    head = f"{hello} thank you for the {kind} for {_role_phrase(interview)}."
    if len(head + about + tail) > CONNECTION_NOTE_LIMIT:
        room = CONNECTION_NOTE_LIMIT - len(head + tail) - len(" I enjoyed our talk about .")
        cut = topic[: max(room - 1, 0)].rstrip()
        about = f" I enjoyed our talk about {cut}…." if room > 10 else ""
    return (head + about + tail)[:CONNECTION_NOTE_LIMIT]


def _linkedin_lines(action: Action, interview: Interview, context: DraftContext) -> list[str]:
    people = action.to or interview.interviewers
    lines = [f"Interviewers: {_people(people)}"]
    if people:
        lines.append("A note to send with each request (edit it to sound like you):")
    for person in people:
        lines.append(f"  to {_person(person)}: {connection_note(person, interview, context)}")
    return lines


def _who_lines(action: Action, interview: Interview, context: DraftContext) -> list[str]:
    """Who the reminder is about: drafts waiting, a person to call, or the people met."""
    if action.call:
        return []
    if "draft" in action.outputs:
        lines = [f"Drafts waiting for: {_people(action.to)}"]
        missing = [p for p in action.to if not p.email]
        if missing:
            lines.append(
                f"Add the address of {_people(tuple(missing))} before sending: "
                "the invitation names them without one."
            )
        return lines
    if action.type == "linkedin":
        return _linkedin_lines(action, interview, context)
    if action.type in {"networking", "debrief", "prep"}:
        people = action.to or interview.interviewers
        return [f"Interviewers: {_people(people)}"]
    return []


def commands(interview: Interview) -> list[str]:
    """The commands that tell the daemon what happened, with this interview's id."""
    iid = shlex.quote(interview.id)
    return [
        f"Interview id: {interview.id}",
        "Tell interview-followup what happened (run in a terminal):",
        f'  they gave a date:  interview-followup timeline {iid} "next Friday"',
        f"  a decision:        interview-followup outcome {iid} rejected   (or offer, withdrawn)",
        f"  they replied:      interview-followup outcome {iid} replied",
        "  a correction: run the timeline command again (the last one wins); a wrong"
        " company, role, contact or channel: a Company, Role, Contact or Prefers line"
        " in the debrief reminder.",
    ]


def reminder_text(
    action: Action,
    interview: Interview,
    user: UserSettings,
    context: DraftContext | None = None,
) -> tuple[str, str]:
    """(summary, description) of the calendar reminder of ``action``."""
    ctx = context or DraftContext()
    label = _SUMMARY.get(action.type, action.type)
    if action.call:
        label = "Call to check in" if action.type.startswith("check_in") else f"Call: {label}"
    summary = header_text(f"{label}: {_about(interview)}", SUMMARY_LIMIT)
    checklist = _CALL_CHECKLIST if action.call else _CHECKLIST.get(action.type, ())
    lines = [*checklist]
    if action.detail:  # what an information request asks for
        lines.append(one_line(action.detail))
    if action.call:
        lines = [*call_script(action, interview, user), *lines]
    lines += [*_who_lines(action, interview, ctx), ""]
    lines.append(f"Interview: {one_line(interview.title)}, {_when(interview, user)}")
    if one_line(interview.location):
        lines.append(f"Where: {one_line(interview.location)}")
    lines += ["", *commands(interview)]
    return summary, "\n".join(lines)
