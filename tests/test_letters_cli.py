"""Issue 9 end to end: debrief lines typed into the calendar shape the letters; drafts
that still hold [[...]] places are listed until the user fills them."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage
from pathlib import Path

import icalendar

from tests.conftest import Workspace, action

BEFORE = "2026-12-01T12:00:00-05:00"  # after the Acme debrief is written, before it is due
THANKS = "2026-12-01T16:00:00-05:00"  # the Acme thank-you's due time
ACME = "acme-panel-1@example.com"
DEBRIEF_LINES = (
    "\nNote for Jane: her team's on-call rota"
    "\nNote for raj@acme.com: the event-sourcing migration"
    "\nContact: Mindy Lee <mindy@acme.com>"
    "\nPrefers: phone"
)


def _edit_debrief(ws: Workspace, lines: str) -> None:
    cal = icalendar.Calendar.from_ical(ws.reminders.read_bytes())
    for e in cal.walk("VEVENT"):
        if str(e["SUMMARY"]) == "Interview debrief: Acme (Senior Developer)":
            e["DESCRIPTION"] = icalendar.vText(str(e["DESCRIPTION"]) + lines)
    ws.reminders.write_bytes(cal.to_ical())


def _drafts(ws: Workspace) -> dict[str, tuple[Path, EmailMessage]]:
    out = {}
    for path in ws.draft_files():
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(msg, EmailMessage)
        out[msg["To"].addresses[0].addr_spec] = (path, msg)
    return out


def _text(msg: EmailMessage) -> str:
    content = msg.get_content()
    assert isinstance(content, str)
    return content.replace("\r\n", "\n")


def test_debrief_lines_shape_each_letter_and_unfinished_drafts_are_listed(ws: Workspace) -> None:
    assert ws.run("sync", "--now", BEFORE).code == 0
    _edit_debrief(ws, DEBRIEF_LINES)
    res = ws.run("sync", "--now", THANKS)
    assert res.code == 0, res.err
    drafts = _drafts(ws)
    jane, raj = _text(drafts["jane@acme.com"][1]), _text(drafts["raj@acme.com"][1])
    assert jane.startswith("Dear Jane,\n") and raj.startswith("Dear Raj,\n")
    assert "[[review: her team's on-call rota]]" in jane and "event-sourcing" not in jane
    assert "[[review: the event-sourcing migration]]" in raj and "on-call" not in raj
    assert "being part of the panel today" in jane and "together with Raj Patel" in jane

    # Contact: and Prefers: lines correct the plan: the check-ins become calls to Mindy.
    acme = ws.interview(THANKS, ACME)
    assert acme["contact"] == {"name": "Mindy Lee", "email": "mindy@acme.com"}
    assert action(acme, "check_in_1")["outputs"] == ["calendar"]
    cal = icalendar.Calendar.from_ical(ws.reminders.read_bytes())
    call = next(
        str(e["DESCRIPTION"]) for e in cal.walk("VEVENT") if "Call to check in" in str(e["SUMMARY"])
    )
    assert "Call Mindy Lee <mindy@acme.com>." in call and '"Hello Mindy, this is' in call

    # Both drafts hold places: status lists them (data and table), doctor notes them.
    doc = ws.run("status", "--json", "--now", THANKS).json()
    listed = {(d["action"], d["to"]) for d in doc["unfinished_drafts"]}
    assert listed == {("thank_you", "jane@acme.com"), ("thank_you", "raj@acme.com")}
    first = next(d for d in doc["unfinished_drafts"] if d["to"] == "jane@acme.com")
    assert "review: her team's on-call rota" in first["places"] and first["edited"] is False
    table = ws.run("status", "--now", THANKS).out
    assert "Drafts still holding [[...]] places (2)" in table
    assert "to jane@acme.com" in table and "to raj@acme.com" in table
    doctor = ws.run("doctor", "--now", THANKS).out
    assert "unfinished drafts: 2 draft(s) still hold [[...]] places" in doctor

    # The user fills Jane's letter: it drops off the list at the next cycle; Raj's stays.
    path, msg = drafts["jane@acme.com"]
    finished = jane.replace("[[review: her team's on-call rota]]", "your on-call rota")
    for place in ("[[their title or part on the panel]]",):
        finished = finished.replace(place, "engineering manager")
    finished = finished.replace(
        "[[a skill or project of yours that answers what they asked about]]",
        "running on-call for a payments platform",
    )
    assert "[[" not in finished
    msg.set_content(finished)
    path.write_bytes(msg.as_bytes())
    assert ws.run("sync", "--now", "2026-12-01T16:30:00-05:00").code == 0
    doc = ws.run("status", "--json", "--now", "2026-12-01T16:30:00-05:00").json()
    assert [(d["to"], d["edited"]) for d in doc["unfinished_drafts"]] == [("raj@acme.com", False)]
    assert "unfinished drafts: 1 draft(s)" in ws.run("doctor", "--now", THANKS).out
