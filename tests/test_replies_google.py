"""What a reply says, end to end: Gmail (the local fake, through the real client) -> reply
detection -> classifier -> plan -> calendar and drafts, through the CLI.

The messages are the corpus's own files (tests/corpus/replies), delivered to the fake
mailbox as received. The interview is Acme's panel of Tue 1 Dec 2026, 14:00-15:00 New York,
with ``Timeline: next Tuesday`` (8 Dec), so the first check-in is due Wed 9 Dec 10:00.
"""

from __future__ import annotations

import sqlite3
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from daemon.keys import output_key
from tests.conftest import action
from tests.fakes.google_server import iter_calls
from tests.test_google_cli import BEFORE, GoogleWorkspace, gws  # noqa: F401 (its fixture)

CORPUS = Path(__file__).parent / "corpus" / "replies"
ACME_ID = "google:primary/acmepanel1"


def _deliver(ws: GoogleWorkspace, name: str) -> tuple[str, str, bytes]:
    raw = (CORPUS / name).read_bytes()
    mid, thread = ws.fake.add_raw_message(raw)
    return mid, thread, raw


def _acme(ws: GoogleWorkspace, now: str) -> dict[str, Any]:
    res = ws.run("plan", "--json", "--now", now)
    assert res.code == 0, res.err
    doc = res.json()
    return next(i for i in doc["interviews"] if i["id"] == ACME_ID)


def _check_in_reminder(ws: GoogleWorkspace) -> dict[str, Any]:
    return ws.reminders()[output_key(ACME_ID, "check_in_1", "calendar")]


def _bodies_fetched(ws: GoogleWorkspace) -> int:
    return sum(
        c.query.get("format") == ["raw"]
        for c in iter_calls(ws.fake, "/gmail/v1/users/me/messages/")
    )


@pytest.fixture
def ws(gws: GoogleWorkspace) -> GoogleWorkspace:  # noqa: F811
    return gws


def test_out_of_office_keeps_the_check_ins_and_holds_the_first_past_the_return(
    ws: GoogleWorkspace,
) -> None:
    ws.sync(BEFORE)
    reminders_before = len(ws.reminders())
    assert _check_in_reminder(ws)["start"]["dateTime"].startswith("2026-12-09T10:00")
    ws.sync("2026-12-01T16:00:00-05:00")  # the thank-you drafts are made
    _deliver(ws, "ooo_en_01_rfc3834.eml")  # Jane: away until 14 December
    ws.fake.reset_records()
    ws.sync("2026-12-02T09:00:00-05:00")
    acme = _acme(ws, "2026-12-02T09:00:00-05:00")
    assert acme["status"] == "active"
    assert action(acme, "check_in_1")["state"] == "planned"
    assert action(acme, "check_in_1")["due"] == "2026-12-15T10:00:00-05:00"  # Mon 14 + 1
    assert action(acme, "check_in_2")["state"] == "planned"
    assert [r["category"] for r in acme["replies"]] == ["auto_reply"]
    assert acme["replies"][0]["away_until"] == "2026-12-14"
    assert len(ws.reminders()) == reminders_before  # nothing cancelled
    assert _check_in_reminder(ws)["start"]["dateTime"].startswith("2026-12-15T10:00")
    assert _bodies_fetched(ws) == 1
    ws.fake.reset_records()
    ws.sync("2026-12-02T12:00:00-05:00")
    assert _bodies_fetched(ws) == 0  # read once, remembered by its id


def test_rejection_records_the_outcome_and_a_threaded_thank_you(ws: GoogleWorkspace) -> None:
    ws.sync(BEFORE)
    mid, thread, raw = _deliver(ws, "rej_en_01.eml")
    their_id = message_from_bytes(raw, policy=policy.default)["Message-ID"]
    ws.sync("2026-12-03T12:00:00-05:00")
    acme = _acme(ws, "2026-12-03T12:00:00-05:00")
    assert acme["status"] == "rejected"
    assert action(acme, "check_in_1")["state"] == "cancelled"
    assert action(acme, "networking")["state"] == "planned"
    thanks = action(acme, "rejection_thanks")
    assert thanks["due"] == "2026-12-04T10:00:00-05:00"
    assert thanks["subject"] == "Re: An update on your application"
    status = ws.run("status", "--now", "2026-12-03T12:00:00-05:00")
    assert "Acme replied 3 Dec: rejection, from Sam Recruiter" in status.out
    table = ws.run("plan", "--now", "2026-12-03T12:00:00-05:00")
    assert "  Acme replied 3 Dec: rejection, from Sam Recruiter" in table.out

    ws.sync("2026-12-04T10:00:00-05:00")
    key = output_key(ACME_ID, "rejection_thanks", "draft", "sam@acme.com")
    [draft] = [d for d in ws.drafts() if d["headers"]["x-interview-followup-key"] == key]
    assert draft["thread_id"] == thread == ws.fake.thread_of(mid)
    assert draft["headers"]["in-reply-to"] == their_id
    assert their_id in draft["headers"]["references"]
    assert draft["headers"]["subject"] == "Re: An update on your application"
    assert draft["headers"]["to"] == "Sam Recruiter <sam@acme.com>"
    # The state keeps the reading, never the text.
    dump = "\n".join(sqlite3.connect(ws.root / "state.sqlite3").iterdump())
    assert "careful consideration" not in dump and "'rejection'" in dump


def test_delay_moves_the_check_in_after_the_new_date(ws: GoogleWorkspace) -> None:
    ws.sync(BEFORE)
    _deliver(ws, "del_en_01_end_next_week.eml")  # Thu 3 Dec: "by the end of next week"
    ws.sync("2026-12-03T12:00:00-05:00")
    acme = _acme(ws, "2026-12-03T12:00:00-05:00")
    assert acme["status"] == "active"
    assert acme["stated_timeline"] == "2026-12-11"
    assert action(acme, "check_in_1")["due"] == "2026-12-14T10:00:00-05:00"
    assert action(acme, "check_in_1")["state"] == "planned"
    assert _check_in_reminder(ws)["start"]["dateTime"].startswith("2026-12-14T10:00")


def test_the_users_outcome_wins_over_what_was_read(ws: GoogleWorkspace) -> None:
    ws.sync(BEFORE)
    _deliver(ws, "rej_en_01.eml")
    ws.sync("2026-12-03T12:00:00-05:00")
    res = ws.run("outcome", "acmepanel1", "replied", "--now", "2026-12-03T12:05:00-05:00")
    assert res.code == 0, res.err
    acme = _acme(ws, "2026-12-03T12:10:00-05:00")
    assert acme["status"] == "replied"
    assert all(a["type"] != "rejection_thanks" for a in acme["actions"])
    explain = ws.run("plan", "--explain", "acmepanel1", "--now", "2026-12-03T12:10:00-05:00")
    assert explain.code == 0, explain.err
    assert "cue: text: 'decided to move forward with another candidate'" in explain.out
    assert "outcome ID" in explain.out


def test_noise_from_the_domain_changes_nothing_and_a_request_adds_a_reminder(
    ws: GoogleWorkspace,
) -> None:
    ws.sync(BEFORE)
    before = _acme(ws, BEFORE)
    newsletter = (CORPUS / "noi_en_01_newsletter.eml").read_bytes()
    ws.fake.add_raw_message(newsletter)
    ws.sync("2026-12-03T12:00:00-05:00")
    acme = _acme(ws, "2026-12-03T12:00:00-05:00")
    assert acme["status"] == "active"
    assert action(acme, "check_in_1") == action(before, "check_in_1")
    _deliver(ws, "inf_en_01_refs.eml")  # Sam asks for references
    ws.sync("2026-12-03T13:00:00-05:00")
    acme = _acme(ws, "2026-12-03T13:00:00-05:00")
    assert acme["status"] == "replied"
    request = action(acme, "info_request")
    assert request["due"] == "2026-12-03T13:00:00-05:00"
    reminder = ws.reminders()[output_key(ACME_ID, "info_request", "calendar")]
    assert "They asked for references: Sam Recruiter, Thu 03 Dec." in reminder["description"]
    db = sqlite3.connect(ws.root / "state.sqlite3")
    rows = db.execute("SELECT category FROM replies ORDER BY received").fetchall()
    assert rows == [("info_request",)] or rows == [("noise",), ("info_request",)]
