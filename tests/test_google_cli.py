"""The whole product against Google, through the CLI, the real client libraries and HTTP.

A local fake Google (tests/fakes/google_server.py) serves Calendar, Gmail, batches and
/token on loopback; the token sits in an in-memory keyring; the config points
``[google] api_root`` at the fake. Nothing here can reach the internet.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import keyring
import pytest

from integrations.google import auth
from tests.conftest import Result, action, run_cli
from tests.fakes.google_server import FakeGoogle, loopback_only
from tests.fakes.memory_keyring import MemoryKeyring

ACCOUNT = "alex@example.com"
FOLLOWUPS = "followups"
BEFORE = "2026-11-22T09:00:00-05:00"

CONFIG = """\
[user]
name = "Alex Candidate"
email = "alex@example.com"
phone = "+1 555 0100"
timezone = "America/New_York"
holiday_country = "US"

[source]
type = "google"
calendars = ["primary"]

[reminders]
type = "google"
calendar = "followups"

[drafts]
type = "gmail"

[google]
account = "alex@example.com"
api_root = "{root}"

[state]
path = "state.sqlite3"
"""


def _person(email: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"email": email, "displayName": name, "responseStatus": "accepted", **extra}


ACME = {
    "id": "acmepanel1",
    "iCalUID": "acme-panel-1@google.com",
    "summary": "Interview with Acme - Senior Developer",
    "description": "Panel with the platform team.\nTimeline: next Tuesday",
    "location": "Acme Corp, 200 Park Ave, New York",
    "start": {"dateTime": "2026-12-01T14:00:00-05:00", "timeZone": "America/New_York"},
    "end": {"dateTime": "2026-12-01T15:00:00-05:00", "timeZone": "America/New_York"},
    "organizer": {"email": "sam@acme.com", "displayName": "Sam Recruiter"},
    "attendees": [
        _person("sam@acme.com", "Sam Recruiter", organizer=True),
        _person("jane@acme.com", "Jane Doe"),
        _person("room-4b@resource.calendar.google.com", "Room 4B", resource=True),
        _person(ACCOUNT, "Alex Candidate", self=True),
    ],
}
GLOBEX = {
    "id": "globexfinal1",
    "summary": "Final round - Globex",
    "start": {"dateTime": "2026-12-03T17:00:00-05:00"},
    "end": {"dateTime": "2026-12-03T19:30:00-05:00"},
    "organizer": {"email": "hank@globex.com", "displayName": "Hank Scorpio"},
    "attendees": [_person("hank@globex.com", "Hank Scorpio"), _person(ACCOUNT, "Alex", self=True)],
}
DENTIST = {
    "id": "dentist1",
    "summary": "Dentist",
    "start": {"dateTime": "2026-12-02T16:00:00-05:00"},
    "end": {"dateTime": "2026-12-02T17:00:00-05:00"},
}


class GoogleWorkspace:
    def __init__(self, root: Path, fake: FakeGoogle, capsys: pytest.CaptureFixture[str]):
        self.root = root
        self.fake = fake
        self.capsys = capsys
        self.config = root / "config.toml"
        self.config.write_text(CONFIG.format(root=fake.root))

    def run(self, *args: str) -> Result:
        return run_cli(self.config, self.capsys, *args)

    def sync(self, now: str) -> Result:
        res = self.run("sync", "--now", now)
        assert res.code == 0, res.err
        return res

    def reminders(self) -> dict[str, dict[str, Any]]:
        out = {}
        for e in self.fake.events(FOLLOWUPS):
            key = e.get("extendedProperties", {}).get("private", {}).get("interviewFollowupKey")
            assert key not in out, f"duplicate reminder {key}"
            out[key] = e
        return out

    def drafts(self) -> list[dict[str, Any]]:
        found = self.fake.drafts()
        keys = [d["headers"].get("x-interview-followup-key") for d in found]
        assert len(keys) == len(set(keys)), "duplicate drafts"
        return found

    def writes(self) -> int:
        return sum(
            1
            for r in self.fake.calls
            if r.method in ("POST", "PATCH", "PUT", "DELETE")
            and not r.path.endswith("/token")
            and not r.path.startswith("/batch")
        )


@pytest.fixture
def gws(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[GoogleWorkspace]:
    loopback_only(monkeypatch)
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    with FakeGoogle(account=ACCOUNT, seed=7) as fake:
        fake.add_calendar(FOLLOWUPS)
        fake.seed_events("primary", [ACME, GLOBEX, DENTIST])
        ring.set_password(auth.SERVICE_NAME, ACCOUNT, json.dumps(fake.authorized_user_info()))
        yield GoogleWorkspace(tmp_path, fake, capsys)
    keyring.set_keyring(previous)


def test_plan_reads_google_calendar(gws: GoogleWorkspace) -> None:
    res = gws.run("plan", "--json", "--now", BEFORE)
    assert res.code == 0, res.err
    doc = res.json()
    [acme, globex] = doc["interviews"]
    assert acme["id"] == "google:primary/acmepanel1"
    assert acme["kind"] == "panel"
    assert [p["email"] for p in acme["interviewers"]] == ["sam@acme.com", "jane@acme.com"]
    assert acme["stated_timeline"] == "2026-12-08"
    assert action(acme, "thank_you")["due"] == "2026-12-01T16:00:00-05:00"
    assert globex["kind"] == "final"
    assert gws.fake.events(FOLLOWUPS) == [] and gws.fake.drafts() == []


def test_sync_writes_reminders_to_the_followups_calendar_once(gws: GoogleWorkspace) -> None:
    gws.sync(BEFORE)
    reminders = gws.reminders()
    assert len(reminders) == 16  # two interviews, eight reminders each
    one = next(iter(reminders.values()))
    assert one["transparency"] == "transparent"
    assert one["reminders"]["useDefault"] is False
    assert gws.fake.events("primary", include_deleted=True)  # the source is never written
    assert len(gws.fake.events("primary")) == 3

    gws.fake.reset_records()
    second = gws.sync(BEFORE)
    assert "0 reminders created, 0 moved, 0 removed; 0 drafts created" in second.out
    cal_reads = [r for r in gws.fake.requests if r.path.startswith("/calendar/")]
    gmail = [r for r in gws.fake.requests if r.path.startswith("/gmail/")]
    per_calendar = {r.path.split("/")[4] for r in cal_reads}
    assert len(cal_reads) == len(per_calendar) == 2  # source + reminders calendar: 1 each
    assert len(gmail) <= 1
    assert gws.writes() == 0
    assert len(gws.reminders()) == 16


def test_a_reply_from_the_company_cancels_check_ins(gws: GoogleWorkspace) -> None:
    gws.sync(BEFORE)
    before = len(gws.reminders())
    # mail from the recruiter before the interview ends does not count; after it does
    gws.fake.add_message("Sam <sam@acme.com>", when=datetime(2026, 12, 1, 12, tzinfo=UTC))
    gws.sync("2026-12-02T09:00:00-05:00")
    assert len(gws.reminders()) == before
    gws.fake.add_message("Jane <jane@acme.com>", when=datetime(2026, 12, 3, 15, tzinfo=UTC))
    gws.sync("2026-12-03T12:00:00-05:00")
    res = gws.run("plan", "--json", "--now", "2026-12-03T12:00:00-05:00")
    acme = res.json()["interviews"][0]
    assert acme["status"] == "replied"
    assert action(acme, "check_in_1")["state"] == "cancelled"
    assert action(acme, "networking")["state"] == "planned"
    assert len(gws.reminders()) == before - 3


def test_revoked_token_is_exit_4_naming_the_fix(gws: GoogleWorkspace) -> None:
    gws.fake.revoke()
    gws.fake.expire_access_tokens()
    res = gws.run("sync", "--now", BEFORE)
    assert res.code == 4
    assert "auth google" in res.err and res.err.count("\n") == 1
    assert "Traceback" not in res.err


def test_missing_token_is_exit_4(gws: GoogleWorkspace) -> None:
    keyring.get_keyring().delete_password(auth.SERVICE_NAME, ACCOUNT)
    res = gws.run("plan", "--now", BEFORE)
    assert res.code == 4 and "interview-followup auth google" in res.err


def test_google_config_without_account_is_exit_2(gws: GoogleWorkspace) -> None:
    gws.config.write_text(gws.config.read_text().replace('account = "alex@example.com"\n', ""))
    res = gws.run("plan")
    assert res.code == 2 and "[google] account" in res.err


def test_twenty_percent_faults_everywhere_end_exact(gws: GoogleWorkspace) -> None:
    """Repeated syncs under random 429/403/5xx/dropped connections converge on exactly the
    planned reminders and drafts: no duplicates, no losses."""
    gws.fake.inject(
        ["429", "403rate", "500", "503", "drop", "drop_after"],
        probability=0.2,
        parts=True,
        seed=11,
    )
    moments = [BEFORE, "2026-12-01T16:00:00-05:00", "2026-12-04T09:00:00-05:00"]
    failures = 0
    for now in moments:
        for _ in range(12):
            res = gws.run("sync", "--now", now)
            if res.code == 0 and "0 reminders created, 0 moved, 0 removed; 0 drafts created" in (
                res.out
            ):
                break
            failures += res.code != 0
    gws.fake.clear_faults()
    final = gws.sync("2026-12-04T09:00:00-05:00")
    assert "0 reminders created, 0 moved, 0 removed; 0 drafts created" in final.out
    assert len(gws.reminders()) == 16
    to = sorted(d["headers"]["to"] for d in gws.drafts())
    assert to == [
        "Hank Scorpio <hank@globex.com>",
        "Jane Doe <jane@acme.com>",
        "Sam Recruiter <sam@acme.com>",
    ]
    assert sum(1 for r in gws.fake.requests if r.fault) > 0


def test_auth_google_needs_client_secrets(gws: GoogleWorkspace) -> None:
    res = gws.run("auth", "google", "--no-browser")
    assert res.code == 2 and "[google] client_secrets" in res.err
    gws.config.write_text(
        gws.config.read_text().replace("[google]\n", '[google]\nclient_secrets = "nope.json"\n')
    )
    res = gws.run("auth", "google", "--no-browser")
    assert res.code == 4 and "nope.json" in res.err and "Desktop app" in res.err


def test_doctor_checks_the_token_and_each_google_api(gws: GoogleWorkspace) -> None:
    res = gws.run("doctor", "--now", BEFORE)
    line = next(x for x in res.out.splitlines() if x.split()[1:2] == ["google:"])
    assert line.startswith("ok") and "Calendar (followups) and Gmail answered" in line, res.out
    gws.fake.revoke()
    gws.fake.expire_access_tokens()
    res = gws.run("doctor", "--now", BEFORE)
    assert res.code == 4, res.out + res.err
    line = next(x for x in res.out.splitlines() if x.split()[1:2] == ["google:"])
    assert line.startswith("problem") and "auth google" in res.out + res.err


def test_the_daemon_picks_up_a_new_sign_in_without_a_restart(gws: GoogleWorkspace) -> None:
    """The daemon's engine, with the real Google adapters: a revoked token degrades it;
    after `auth google` stores a new one, its next retry works (no restart, no SIGHUP)."""
    from daemon import cli, config
    from daemon.scheduler import Engine
    from daemon.state import StateStore

    settings = config.load(gws.config)
    engine = Engine(settings, lambda s: StateStore(s.state_path), cli._adapters)
    t = datetime.fromisoformat(BEFORE)
    assert engine.cycle(t).ok
    gws.fake.revoke()
    gws.fake.expire_access_tokens()
    gws.fake.seed_event("primary", {**DENTIST, "id": "dentist2"})  # something to read
    failed = engine.cycle(t + timedelta(minutes=5))
    assert not failed.ok and failed.retry_in == 30 and "auth google" in failed.summary
    keyring.get_keyring().set_password(
        auth.SERVICE_NAME, ACCOUNT, json.dumps(gws.fake.authorized_user_info("rt-after"))
    )
    assert engine.cycle(t + timedelta(minutes=5, seconds=30)).ok
    status = gws.run("status", "--json", "--now", BEFORE).json()
    assert status["degraded"] is None and status["last_cycle"]["ok"] is True


def _calendar_requests(gws: GoogleWorkspace) -> list[Any]:
    return [r for r in gws.fake.requests if r.path.startswith("/calendar/")]


def test_one_calendar_for_everything_costs_one_request_per_idle_poll(
    gws: GoogleWorkspace,
) -> None:
    """Interviews and reminders in one ``primary`` calendar: the source's incremental read
    serves both, with no list of our own events."""
    gws.config.write_text(gws.config.read_text().replace('calendar = "followups"',
                                                         'calendar = "primary"'))
    gws.sync(BEFORE)
    ours = [e for e in gws.fake.events("primary") if "extendedProperties" in e]
    assert len(ours) == 16
    for _ in range(2):
        gws.fake.reset_records()
        second = gws.sync(BEFORE)
        assert "0 reminders created, 0 moved, 0 removed" in second.out
        reads = _calendar_requests(gws)
        assert len(reads) == 1, [(r.method, r.path, r.query) for r in reads]
        assert "syncToken" in reads[0].query
        assert not any("privateExtendedProperty" in r.query for r in gws.fake.requests)
        assert gws.writes() == 0


def test_reminder_edits_and_deletions_are_seen_within_one_poll(gws: GoogleWorkspace) -> None:
    for calendar in ("followups", "primary"):  # separate, then shared with the source
        gws.config.write_text(CONFIG.format(root=gws.fake.root).replace(
            'calendar = "followups"', f'calendar = "{calendar}"').replace(
            "state.sqlite3", f"state-{calendar}.sqlite3"))
        gws.sync(BEFORE)
        mine = {e["id"]: e for e in gws.fake.events(calendar) if "extendedProperties" in e}
        edited, deleted = sorted(mine)[:2]
        gws.fake.user_update_event(calendar, edited, {"summary": "my own words"})
        gws.fake.user_delete_event(calendar, deleted)
        res = gws.sync(BEFORE)
        assert "2 changes by you noticed" in res.out, res.out
        assert gws.fake.event(calendar, edited)["summary"] == "my own words"
        assert gws.sync(BEFORE).out.count("0 changes by you noticed") == 1
        assert "0 reminders created" in gws.sync(BEFORE).out  # the deleted one stays deleted
        for e in list(gws.fake.events(calendar)):
            if "extendedProperties" in e:
                gws.fake.user_delete_event(calendar, e["id"])


def test_an_expired_reminders_sync_token_costs_one_full_read(gws: GoogleWorkspace) -> None:
    gws.sync(BEFORE)
    gws.fake.invalidate_sync_tokens(FOLLOWUPS)
    gws.fake.reset_records()
    res = gws.sync(BEFORE)
    assert "0 reminders created, 0 moved, 0 removed" in res.out
    assert "0 changes by you noticed" in res.out
    reads = [r for r in _calendar_requests(gws) if f"/calendars/{FOLLOWUPS}/" in r.path]
    assert [("syncToken" in r.query, r.status) for r in reads] == [(True, 410), (False, 200)]
    assert len(gws.reminders()) == 16
