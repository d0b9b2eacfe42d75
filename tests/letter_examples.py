"""The finished examples of docs/letters.md, made the way a user makes them.

The example calendar is synced at every due time, with debrief notes typed into the
Acme debrief reminder and a rejection recorded for Initech; each draft is then read back
from the Maildir and its ``[[...]]`` places filled as a user would. ``tests/test_letters_docs``
checks that the page shows exactly these letters and these counts, and
``python -m tests.letter_examples`` prints the page's generated part.
"""

from __future__ import annotations

import email
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from pathlib import Path

import icalendar

from tests.conftest import BASE_CONFIG, EXAMPLE_CALENDAR

START = "2026-12-01T12:00:00-05:00"  # after the first reminders, before any draft is due
DEBRIEF = (
    "\nNote for Jane: the on-call rota for the payments team"
    "\nNote for Raj: the event-sourcing migration"
    "\nNote: the roadmap for the payments API"
)
REJECTED_AT = "2026-12-10T15:00:00-05:00"  # Initech's answer, before its first check-in
# What a user writes into each place: the start of the place's text -> the words.
FILLS: tuple[tuple[str, str], ...] = (
    ("role", "Software Engineer"),
    ("name", "Sam"),
    ("specific topic you discussed", "the move to event-driven billing"),
    ("a skill or project of yours", "running a payments platform at my last job"),
    ("their title or part on the panel", "the team's engineering manager"),
    ("the qualification of yours", "SQL reporting for finance teams"),
    ("something shared on screen", "the live dashboard you walked me through"),
    ("something you noticed", "the open design reviews on the team floor"),
    (
        "one or two sentences on how",
        "I would map the current launch steps first, then automate the riskiest one",
    ),
    (
        "A question or concern",
        "You asked how I work with larger teams: last year I led a group of eight through"
        " two product launches.",
    ),
    ("the next step and date", "a decision from the leadership team by December 11"),
    (
        "an article or insight",
        "a short case study on cutting payment failures (https://example.com/retries)",
    ),
    (
        "One new thing since",
        "Since my last note, I finished a course on cloud architecture that covers the"
        " migration work your team described.",
    ),
)
DELETE = ("If the connection or sound failed",)


@dataclass(frozen=True)
class Letter:
    type: str  # the action type
    kind: str  # the interview's kind ("-" when unknown)
    to: str
    subject: str
    text: str  # as the user sends it: places filled


def fill(text: str) -> str:
    """The draft as sent: every place filled (a review note kept as typed), optional
    places the user does not need deleted with their line."""
    lines = []
    for line in text.split("\n"):
        if any(f"[[{start}" in line for start in DELETE):
            continue
        lines.append(re.sub(r"\[\[(.*?)\]\]", _fill_one, line))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def _fill_one(match: re.Match[str]) -> str:
    place = match.group(1)
    if place.startswith("review: "):
        return place.removeprefix("review: ")
    for start, words in FILLS:
        if place.startswith(start):
            return words
    raise AssertionError(f"no example fill for [[{place}]]")


def words(text: str) -> int:
    return len(text.split())


def sentences(text: str) -> int:
    """Sentences between the greeting and the sign-off."""
    paragraphs = text.split("\n\n")
    middle = " ".join(p for p in paragraphs[1:] if not p.startswith("Best regards"))
    return len(re.findall(r"[.?!](?:\s|$)", middle))


def make() -> list[Letter]:
    """Every draft the example calendar yields, in order of due time, filled."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "config.toml").write_text(BASE_CONFIG)
        shutil.copy(EXAMPLE_CALENDAR, root / "calendar.ics")
        cli = _Cli(root)
        cli.sync(START)
        _type_debrief(root / "reminders.ics")
        for due in cli.draft_times(START):
            if due < REJECTED_AT:
                cli.sync(due)
        cli.outcome("initech-screen@example.com", "rejected", REJECTED_AT)
        for due in cli.draft_times(REJECTED_AT):
            cli.sync(due)
        kinds = cli.kinds(START)
        return [_letter(path, kinds) for path in _draft_files(root / "drafts")]


class _Cli:
    """The console script, in-process, against one workspace."""

    def __init__(self, root: Path) -> None:
        self.config = root / "config.toml"

    def _run(self, *args: str) -> str:
        import contextlib
        import io

        from daemon import cli

        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            try:
                cli.main(["--config", str(self.config), *args])
            except SystemExit as exc:
                assert not exc.code, f"{args}: exit {exc.code}"
        return out.getvalue()

    def sync(self, now: str) -> None:
        self._run("sync", "--now", now)

    def outcome(self, uid: str, outcome: str, now: str) -> None:
        self._run("outcome", self._id(uid, now), outcome, "--now", now)

    def _id(self, uid: str, now: str) -> str:
        import json

        doc = json.loads(self._run("plan", "--json", "--now", now))
        return next(str(iv["id"]) for iv in doc["interviews"] if iv["id"].endswith("/" + uid))

    def draft_times(self, now: str) -> list[str]:
        import json

        doc = json.loads(self._run("plan", "--json", "--now", now))
        return sorted(
            {
                a["due"]
                for iv in doc["interviews"]
                for a in iv["actions"]
                if "draft" in a["outputs"] and a["state"] == "planned" and a["due"] >= now
            }
        )

    def kinds(self, now: str) -> dict[str, str]:
        import json

        doc = json.loads(self._run("plan", "--json", "--now", now))
        return {str(iv["title"]): str(iv["kind"] or "-") for iv in doc["interviews"]}


def _type_debrief(reminders: Path) -> None:
    cal = icalendar.Calendar.from_ical(reminders.read_bytes())
    for event in cal.walk("VEVENT"):
        if str(event["SUMMARY"]) == "Interview debrief: Acme (Senior Developer)":
            event["DESCRIPTION"] = icalendar.vText(str(event["DESCRIPTION"]) + DEBRIEF)
    reminders.write_bytes(cal.to_ical())


def _draft_files(folder: Path) -> list[Path]:
    return sorted(p for sub in ("cur", "new") for p in (folder / sub).glob("*"))


_TYPE_OF = (
    ("Thank you for the", "thank_you"),
    ("Following up again", "check_in_2"),
    ("Following up on", "check_in_1"),
    ("Closing the loop", "final_follow_up"),
    ("Thank you for considering", "rejection_thanks"),
)


def _letter(path: Path, kinds: dict[str, str]) -> Letter:
    msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(msg, EmailMessage)
    subject = str(msg["Subject"])
    type_ = next(t for start, t in _TYPE_OF if subject.startswith(start))
    content = msg.get_content()
    assert isinstance(content, str)
    to = str(msg["To"])
    kind = next((k for title, k in kinds.items() if _company(title) in content), "-")
    return Letter(type_, kind, to, subject, fill(content.replace("\r\n", "\n")))


def _company(title: str) -> str:
    for name in ("Acme", "Initech", "Globex", "Hooli", "Pied Piper"):
        if name in title:
            return name
    return title


DOC = Path(__file__).resolve().parents[1] / "docs" / "letters.md"
BEGIN, END = "<!-- examples: begin -->", "<!-- examples: end -->"
SHOWN = (  # (type, kind, recipient's address): one finished example of each type
    ("thank_you", "panel", "jane@acme.com"),
    ("thank_you", "phone", "peter@initech.com"),
    ("thank_you", "final", "hank@globex.com"),
    ("check_in_1", "panel", "sam@acme.com"),
    ("check_in_2", "panel", "sam@acme.com"),
    ("final_follow_up", "panel", "sam@acme.com"),
    ("rejection_thanks", "phone", "peter@initech.com"),
)
GUIDANCE = {
    "thank_you": "150 to 200 words (001)",
    "check_in_1": "5 to 7 sentences (001)",
    "check_in_2": "5 to 7 sentences (001)",
    "final_follow_up": "5 to 7 sentences (001's check-in length)",
    "rejection_thanks": "brief (003)",
}


def section(letters: list[Letter]) -> str:
    """The generated part of docs/letters.md: the examples, then the counts."""
    out = [BEGIN, ""]
    for type_, kind, address in SHOWN:
        letter = next(x for x in letters if (x.type, x.kind) == (type_, kind) and address in x.to)
        out += [f"#### `{type_}`, {kind} interview, to {letter.to}", "", "```text"]
        out += [f"Subject: {letter.subject}", "", letter.text.rstrip("\n"), "```", ""]
    out += [
        "| draft | kind | letters | words | sentences | guidance |",
        "|---|---|---|---|---|---|",
    ]
    groups: dict[tuple[str, str], list[Letter]] = {}
    for letter in letters:
        groups.setdefault((letter.type, letter.kind), []).append(letter)
    for (type_, kind), group in sorted(groups.items()):
        counts = sorted(words(x.text) for x in group)
        sents = sorted(sentences(x.text) for x in group)
        out.append(
            f"| `{type_}` | {kind} | {len(group)} | {_span(counts)} | {_span(sents)}"
            f" | {GUIDANCE[type_]} |"
        )
    return "\n".join([*out, "", END])


def _span(values: list[int]) -> str:
    return str(values[0]) if values[0] == values[-1] else f"{values[0]}-{values[-1]}"


def write(letters: list[Letter]) -> None:
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    DOC.write_text(text[:start] + section(letters) + text[end:], encoding="utf-8")


def main() -> None:
    """``--write`` puts the examples into docs/letters.md; otherwise they are printed."""
    letters = make()
    if "--write" in sys.argv:
        write(letters)
    else:
        print(section(letters))


if __name__ == "__main__":
    main()
