"""``status`` as a person reads it, and the same stage and next action as ``plan``."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import Workspace

ACME = "acme-panel-1@example.com"  # Tue 1 Dec 2026 14:00-15:00, Jane and Raj
DURING = "2026-12-01T14:30:00-05:00"


def status(ws: Workspace, now: str) -> Any:
    res = ws.run("status", "--json", "--now", now)
    assert res.code == 0, res.err
    return res.json()


def acme(doc: Any) -> Any:
    return next(iv for iv in doc["interviews"] if iv["id"].endswith(ACME))


def pipeline(iv: Any) -> tuple[Any, ...]:
    return iv["stage"], iv["next_action"], iv["due_now"]


def test_a_past_debrief_is_never_next_and_status_agrees_with_plan(ws: Workspace) -> None:
    assert ws.run("sync", "--now", DURING).code == 0
    later = "2026-12-01T18:00:00-05:00"
    mine = acme(status(ws, later))
    assert mine["next_action"] == {"type": "linkedin", "due": "2026-12-03T10:00:00-05:00"}
    # the thank-you's time has passed but its grace has not: the next cycle makes it
    assert mine["due_now"] == [{"type": "thank_you", "due": "2026-12-01T16:00:00-05:00"}]
    assert pipeline(mine) == pipeline(acme(ws.plan(later)))


@pytest.mark.parametrize(
    "now",
    [
        DURING,
        "2026-12-01T14:45:00-05:00",
        "2026-12-01T15:20:00-05:00",
        "2026-12-02T12:00:00-05:00",
        "2026-12-04T08:00:00-05:00",
        "2026-12-10T11:00:00-05:00",
        "2027-02-01T10:00:00-05:00",
    ],
)
def test_status_and_plan_give_every_interview_the_same_stage_and_next_action(
    ws: Workspace, now: str
) -> None:
    """At any moment after the last cycle (status knows nothing later than that)."""
    assert ws.run("sync", "--now", DURING).code == 0
    known = {iv["id"]: pipeline(iv) for iv in status(ws, now)["interviews"]}
    planned = {iv["id"]: pipeline(iv) for iv in ws.plan(now)["interviews"]}
    assert known == planned


def test_after_the_interview_it_is_no_longer_coming_up(ws: Workspace) -> None:
    assert ws.run("sync", "--now", "2026-12-01T13:50:00-05:00").code == 0  # prep reminder due
    assert acme(status(ws, "2026-12-01T13:55:00-05:00"))["stage"] == "interview to come"
    assert acme(status(ws, "2026-12-01T14:30:00-05:00"))["stage"] == "interview now"
    assert acme(status(ws, "2026-12-01T15:30:00-05:00"))["stage"] == "interviewed"


def test_a_draft_is_drafted_never_sent(ws: Workspace) -> None:
    for now in ("2026-12-01T16:00:00-05:00", "2026-12-09T10:00:00-05:00"):
        assert ws.run("sync", "--now", now).code == 0
    mine = acme(status(ws, "2026-12-09T10:05:00-05:00"))
    assert mine["stage"] == "check-in drafted"
    assert mine["drafts_waiting"] == 3  # a thank-you to Jane and to Raj, the check-in to Sam
    table = ws.run("status", "--now", "2026-12-09T10:05:00-05:00").out
    assert re.search(r"\bsent\b", table) is None  # ("sentence" in a draft's place is fine)
    line = next(x for x in table.splitlines() if x.startswith("Acme · Senior Developer"))
    assert "check-in drafted" in line and line.rstrip().endswith("3")


def test_a_failed_sync_shows_the_failure_and_its_fix(ws: Workspace) -> None:
    ws.calendar.unlink()
    res = ws.run("sync", "--now", DURING)
    assert res.code == 3
    doc = status(ws, DURING)
    assert doc["last_cycle"]["ok"] is False and doc["last_cycle"]["outcome"] == "failed"
    assert doc["degraded"]["kind"] == "calendar"
    assert "restore the calendar file" in doc["degraded"]["fix"]
    table = ws.run("status", "--now", DURING).out
    assert "No cycle has run yet" not in table
    assert "FAILED" in table and "DEGRADED (calendar)" in table
    assert f"fix: {doc['degraded']['fix']}" in table
    ws.calendar.write_bytes(b"")  # a second failure counts on
    assert ws.run("sync", "--now", "2026-12-01T14:35:00-05:00").code == 3
    assert status(ws, DURING)["degraded"]["failures"] == 2


def test_a_good_sync_after_a_failed_one_clears_the_degraded_state(ws: Workspace) -> None:
    saved = ws.calendar.read_bytes()
    ws.calendar.unlink()
    assert ws.run("sync", "--now", DURING).code == 3
    ws.calendar.write_bytes(saved)
    assert ws.run("sync", "--now", "2026-12-01T14:40:00-05:00").code == 0
    doc = status(ws, "2026-12-01T14:45:00-05:00")
    assert doc["degraded"] is None and doc["last_cycle"]["ok"] is True


def test_one_line_per_interview_within_80_columns(ws: Workspace) -> None:
    ws.edit_calendar(
        "SUMMARY:Interview with Acme - Senior Developer",
        "SUMMARY:Interview with Acme Intergalactic Holdings and Sons - Principal Staff"
        " Software Engineer for Platform Reliability",
    )
    assert ws.run("sync", "--now", DURING).code == 0
    out = ws.run("status", "--now", "2026-12-01T18:00:00-05:00").out
    lines = out.splitlines()
    copyable = ("  fix: ", "State: ")  # a command or path is never wrapped
    assert all(len(x) <= 80 for x in lines if not x.startswith(copyable)), out
    header = lines.index(next(x for x in lines if x.startswith("INTERVIEW")))
    rows = lines[header + 1 : header + 6]
    assert len(rows) == 5 and all("LinkedIn" in r or "prep" in r for r in rows), out
    assert rows[0].startswith("Acme Intergalactic Hold…")


def test_json_keeps_its_keys_and_adds_the_pipeline(ws: Workspace) -> None:
    assert ws.run("sync", "--now", DURING).code == 0
    doc = status(ws, DURING)
    assert set(doc) >= {"now", "timezone", "state", "daemon", "last_cycle", "degraded"}
    assert "unfinished_drafts" in doc
    iv = acme(doc)
    old = {"id", "title", "company", "start", "status", "stage", "next_action"}
    assert set(iv) >= old | {"role", "end", "due_now", "drafts_waiting"}
