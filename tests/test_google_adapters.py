"""The Google adapters through the real client libraries against the local fake server.

Auth (keyring, token_uri, refresh write-back, invalid_grant), the calendar source (paging,
sync tokens, 410, cancellations, mapping), reminders (batched, idempotent writes), Gmail
drafts (found again after a crash, duplicates removed) and replies (one search), and a fault
run where a fifth of all requests fail at random.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import keyring
import keyring.backends.fail
import pytest

from daemon.model import Person
from integrations.base import (
    AdapterError,
    AuthError,
    BadInput,
    DraftSpec,
    FoundReply,
    ReminderSpec,
    ReplyQuery,
    TransientError,
)
from integrations.google import auth
from integrations.google.calendar import (
    KEY_PROPERTY,
    GoogleCalendarSource,
    GoogleReminders,
    MemoryCursorStore,
    event_id,
)
from integrations.google.client import GoogleClient
from integrations.google.gmail import GmailDrafts, GmailReplies, build_queries
from tests.fakes.google_server import FakeGoogle, iter_calls, loopback_only
from tests.fakes.memory_keyring import MemoryKeyring

ACCOUNT = "alex@example.com"
NY = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    loopback_only(monkeypatch)


@pytest.fixture
def fake() -> Iterator[FakeGoogle]:
    with FakeGoogle(account=ACCOUNT, seed=3) as server:
        yield server


@pytest.fixture
def ring(fake: FakeGoogle) -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    backend.set_password(auth.SERVICE_NAME, ACCOUNT, json.dumps(fake.authorized_user_info()))
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def client(fake: FakeGoogle, ring: MemoryKeyring) -> GoogleClient:
    return GoogleClient(fake.root, ACCOUNT, sleep=lambda _: None, backoff=0.0)


def api_requests(fake: FakeGoogle, prefix: str = "/", method: str | None = None) -> int:
    return fake.count(prefix, method)


def timed(i: int, **extra: Any) -> dict[str, Any]:
    start = datetime(2026, 12, 1, 9, tzinfo=UTC) + timedelta(minutes=30 * i)
    body = {
        "id": f"ev{i:08d}",
        "summary": f"Interview {i}",
        "start": {"dateTime": start.isoformat()},
        "end": {"dateTime": (start + timedelta(hours=1)).isoformat()},
    }
    body.update(extra)
    return body


# -- auth --------------------------------------------------------------------------------------


def test_scopes() -> None:
    assert auth.scopes_for() == [auth.SCOPE_CALENDAR, auth.SCOPE_COMPOSE]
    assert auth.scopes_for(replies=True)[-1] == auth.SCOPE_READONLY
    assert all("metadata" not in s for s in auth.scopes_for(replies=True))


def test_token_uri_honoured_and_refresh_written_back(
    fake: FakeGoogle, ring: MemoryKeyring, client: GoogleClient
) -> None:
    GmailDrafts(None, ACCOUNT, client=client).snapshot()
    assert fake.count("/token") == 1  # the stored token_uri, not oauth2.googleapis.com
    stored = json.loads(ring.get_password(auth.SERVICE_NAME, ACCOUNT) or "{}")
    assert stored["token"] == client.credentials().token
    assert stored["token_uri"] == fake.token_uri
    assert stored["refresh_token"] == "rt-test"
    # A new process reuses the stored, still valid access token: no refresh.
    again = GoogleClient(fake.root, ACCOUNT, sleep=lambda _: None)
    GmailDrafts(None, ACCOUNT, client=again).snapshot()
    assert fake.count("/token") == 1
    # The token expires server-side: the client refreshes once and writes the new one back.
    fake.expire_access_tokens()
    GmailDrafts(None, ACCOUNT, client=again).snapshot()
    assert fake.count("/token") == 2
    assert (
        json.loads(ring.get_password(auth.SERVICE_NAME, ACCOUNT) or "{}")["token"]
        != (stored["token"])
    )


def test_invalid_grant_is_auth_error_naming_the_command(
    fake: FakeGoogle, client: GoogleClient
) -> None:
    fake.revoke("rt-test")
    with pytest.raises(AuthError) as err:
        GoogleCalendarSource(None, ["primary"], ACCOUNT, client=client).read()
    assert "interview-followup auth google" in str(err.value)
    assert "7 days" in str(err.value)


def test_a_new_sign_in_is_picked_up_without_a_restart(
    fake: FakeGoogle, ring: MemoryKeyring, client: GoogleClient
) -> None:
    """The daemon keeps one client for its life: after Google refuses the token and the user
    runs `auth google` again, the next cycle must use the new token, not the cached one."""
    fake.seed_event("primary", timed(1))
    source = GoogleCalendarSource(None, ["primary"], ACCOUNT, client=client)
    assert len(source.read().events) == 1
    fake.revoke("rt-test")
    fake.expire_access_tokens()
    for _ in range(2):  # refused, and refused again while nothing changed
        with pytest.raises(AuthError):
            source.read()
    ring.set_password(auth.SERVICE_NAME, ACCOUNT, json.dumps(fake.authorized_user_info("rt-new")))
    assert len(source.read().events) == 1
    stored = json.loads(ring.get_password(auth.SERVICE_NAME, ACCOUNT) or "{}")
    assert stored["refresh_token"] == "rt-new"


def test_missing_token(fake: FakeGoogle, ring: MemoryKeyring) -> None:
    ring.data.clear()
    with pytest.raises(AuthError, match="run `interview-followup auth google`"):
        GmailDrafts(fake.root, ACCOUNT).snapshot()


def test_no_usable_keyring(fake: FakeGoogle, ring: MemoryKeyring) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(AuthError) as err:
        auth.TokenStore(ACCOUNT).load()
    assert "PYTHON_KEYRING_BACKEND" in str(err.value)
    assert "EncryptedKeyring" in str(err.value) and "CryptFileKeyring" in str(err.value)


def test_plaintext_keyring_only_when_asked_for_by_name(
    fake: FakeGoogle, ring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    plaintext_cls = type("PlaintextKeyring", (MemoryKeyring,), {"__module__": "keyrings.alt.file"})
    backend = plaintext_cls()
    backend.data = dict(ring.data)
    keyring.set_keyring(backend)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    with pytest.raises(AuthError, match="plaintext"):
        auth.TokenStore(ACCOUNT).load()
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    assert auth.TokenStore(ACCOUNT).load().refresh_token == "rt-test"


def test_locked_keyring(fake: FakeGoogle, ring: MemoryKeyring) -> None:
    class Locked(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise keyring.errors.KeyringLocked("collection is locked")

    keyring.set_keyring(Locked())
    with pytest.raises(AuthError, match="PYTHON_KEYRING_BACKEND"):
        auth.TokenStore(ACCOUNT).load()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_installed_app_flow_no_browser(
    fake: FakeGoogle,
    ring: MemoryKeyring,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The real InstalledAppFlow: the URL and the SSH recipe are printed, the redirect is
    answered, the code is exchanged at the fake and the token lands in keyring."""
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # the fake's token endpoint is http
    secrets = tmp_path / "client_secret.json"
    secrets.write_text(
        json.dumps(
            {
                "installed": {
                    "client_id": "fake-client.apps",
                    "client_secret": "fake-secret",
                    "auth_uri": f"{fake.root}o/oauth2/auth",
                    "token_uri": fake.token_uri,
                    "redirect_uris": ["http://localhost"],
                }
            }
        )
    )
    scopes = auth.scopes_for(replies=True)
    fake.add_auth_code("code-1", refresh_token="rt-flow", scopes=scopes)
    ring.data.clear()
    port = _free_port()
    result: dict[str, Any] = {}
    worker = threading.Thread(
        target=lambda: result.setdefault(
            "creds", auth.authorize(secrets, ACCOUNT, scopes, no_browser=True, port=port)
        ),
        daemon=True,
    )
    worker.start()
    printed = ""
    deadline = time.monotonic() + 10
    while "state=" not in printed and time.monotonic() < deadline:
        time.sleep(0.05)
        printed += capsys.readouterr().out
    assert f"ssh -L {port}:localhost:{port} server" in printed
    url = re.search(r"(http://\S+o/oauth2/auth\S+)", printed)
    assert url is not None
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url.group(1)).query)
    assert query["access_type"] == ["offline"] and query["login_hint"] == [ACCOUNT]
    state = query["state"][0]
    redirect = f"http://localhost:{port}/?code=code-1&state={state}&scope=" + urllib.parse.quote(
        " ".join(scopes)
    )
    urllib.request.urlopen(redirect, timeout=10).read()
    worker.join(10)
    assert result["creds"].refresh_token == "rt-flow"
    stored = json.loads(ring.get_password(auth.SERVICE_NAME, ACCOUNT) or "{}")
    assert stored["refresh_token"] == "rt-flow" and stored["token_uri"] == fake.token_uri


def test_authorize_without_client_secrets(ring: MemoryKeyring, tmp_path: Path) -> None:
    with pytest.raises(AuthError, match="client secrets file not found"):
        auth.authorize(tmp_path / "missing.json", ACCOUNT, auth.scopes_for())


# -- calendar source ---------------------------------------------------------------------------


def test_first_sync_pages_then_no_change_poll_is_one_request(
    fake: FakeGoogle, client: GoogleClient
) -> None:
    fake.seed_events("primary", (timed(i) for i in range(5000)))
    store = MemoryCursorStore()
    source = GoogleCalendarSource(None, ["primary"], ACCOUNT, cursor_store=store, client=client)
    fake.reset_records()
    first = source.read()
    assert len(first.events) == 5000
    lists = [r for r in fake.requests if r.path.endswith("/events")]
    assert len(lists) <= 3 and all(r.query["maxResults"] == ["2500"] for r in lists)
    source.commit()
    fake.reset_records()
    second = source.read()
    assert api_requests(fake, "/calendar/") == 1
    assert {e.uid for e in second.events} == {e.uid for e in first.events}


def test_cursor_moves_only_when_committed(fake: FakeGoogle, client: GoogleClient) -> None:
    fake.seed_events("primary", (timed(i) for i in range(10)))
    store = MemoryCursorStore()
    source = GoogleCalendarSource(None, ["primary"], ACCOUNT, cursor_store=store, client=client)
    source.read()
    assert store.data == {} and set(source.pending_cursors()) == {"google-calendar:primary"}
    source.commit()
    committed = dict(store.data)
    fake.user_update_event("primary", "ev00000003", {"summary": "Interview moved"})
    assert "Interview moved" in {e.title for e in source.read().events}
    assert store.data == committed  # a crash now replays the same change next time
    assert "Interview moved" in {e.title for e in source.read().events}
    # a fresh process with the committed cursor sees the change too
    fresh = GoogleCalendarSource(None, ["primary"], ACCOUNT, cursor_store=store, client=client)
    fake.reset_records()
    assert "Interview moved" in {e.title for e in fresh.read().events}
    assert api_requests(fake, "/calendar/") == 1


def test_410_means_full_resync(fake: FakeGoogle, client: GoogleClient) -> None:
    fake.seed_events("primary", (timed(i) for i in range(30)))
    source = GoogleCalendarSource(None, ["primary"], ACCOUNT, client=client)
    source.read()
    source.commit()
    fake.user_delete_event("primary", "ev00000001")
    fake.invalidate_sync_tokens("primary")
    fake.reset_records()
    after = source.read()
    assert [r.status for r in fake.requests if r.path.startswith("/calendar/")] == [410, 200]
    assert len(after.events) == 29 and "ev00000001" not in {e.uid for e in after.events}
    source.commit()
    fake.reset_records()
    source.read()
    assert api_requests(fake, "/calendar/") == 1


def test_cancelled_event_arrives_with_its_title(fake: FakeGoogle, client: GoogleClient) -> None:
    fake.seed_events("primary", (timed(i) for i in range(3)))
    fake.seed_event(
        "primary",
        {
            "id": "series001",
            "summary": "Panel interview (weekly)",
            "start": {"dateTime": "2026-12-01T09:00:00-05:00", "timeZone": "America/New_York"},
            "end": {"dateTime": "2026-12-01T10:00:00-05:00", "timeZone": "America/New_York"},
            "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"],
        },
    )
    now = datetime(2026, 11, 1, tzinfo=UTC)  # the cache prunes old cancellations by date
    source = GoogleCalendarSource(None, ["primary"], ACCOUNT, client=client, clock=lambda: now)
    source.read()
    source.commit()
    fake.user_delete_event("primary", "ev00000002")
    fake.seed_event(  # the user deletes one occurrence: Google stores a cancelled exception
        "primary",
        {
            "id": "series001_20261208T140000Z",
            "status": "cancelled",
            "recurringEventId": "series001",
            "originalStartTime": {"dateTime": "2026-12-08T09:00:00-05:00"},
        },
    )
    read = source.read()
    gone = next(e for e in read.events if e.uid == "ev00000002")
    assert gone.status == "CANCELLED" and gone.title == "Interview 2"
    assert gone.start == datetime(2026, 12, 1, 10, tzinfo=UTC)
    occurrence = next(e for e in read.events if e.recurrence_id)
    assert occurrence.status == "CANCELLED" and occurrence.uid == "series001"
    assert occurrence.interview_id == "google:primary/series001@20261208T140000Z"
    source.commit()
    later = GoogleCalendarSource(
        None,
        ["primary"],
        ACCOUNT,
        cursor_store=source.store,
        client=client,
        clock=lambda: datetime(2027, 2, 1, tzinfo=UTC),
    )
    assert "ev00000002" not in {e.uid for e in later.read().events}  # pruned after 30 days


def test_event_mapping(fake: FakeGoogle, client: GoogleClient) -> None:
    fake.seed_event(
        "work",
        timed(
            1,
            attendees=[
                {"email": "Alex@Example.com", "self": True, "responseStatus": "accepted"},
                {
                    "email": "Jane@Acme.com",
                    "displayName": "Jane Doe",
                    "responseStatus": "tentative",
                },
                {"email": "room-1@resource.calendar.google.com", "resource": True},
                {"email": "bob@acme.com", "responseStatus": "declined"},
            ],
            organizer={"email": "sam@acme.com", "displayName": "Sam"},
            conferenceData={
                "entryPoints": [
                    {"entryPointType": "phone", "uri": "tel:+1-555"},
                    {"entryPointType": "video", "uri": "https://meet.google.com/abc-defg-hij"},
                ]
            },
            location="HQ",
            description="Round: 2",
        ),
    )
    fake.seed_event(
        "work",
        {
            "id": "allday001",
            "summary": "Onsite",
            "start": {"date": "2026-12-03"},
            "end": {"date": "2026-12-04"},
        },
    )
    fake.seed_event(
        "work",
        {
            "id": "series001",
            "summary": "Weekly sync",
            "start": {"dateTime": "2026-12-01T09:00:00-05:00", "timeZone": "America/New_York"},
            "end": {"dateTime": "2026-12-01T09:30:00-05:00", "timeZone": "America/New_York"},
            "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"],
        },
    )
    fake.seed_event(
        "work",
        {
            "id": "series001_20261208T140000Z",
            "summary": "Weekly sync #interview",
            "recurringEventId": "series001",
            "originalStartTime": {"dateTime": "2026-12-08T09:00:00-05:00"},
            "start": {"dateTime": "2026-12-08T10:00:00-05:00"},
            "end": {"dateTime": "2026-12-08T10:30:00-05:00"},
        },
    )
    fake.seed_event("work", timed(2, extendedProperties={"private": {KEY_PROPERTY: "a" * 32}}))
    source = GoogleCalendarSource(None, ["work"], ACCOUNT, client=client, all_interviews=["work"])
    events = {
        e.uid + (f"@{e.recurrence_id}" if e.recurrence_id else ""): e for e in source.read().events
    }
    ev = events["ev00000001"]
    assert ev.source_id == "google:work" and ev.interview_id == "google:work/ev00000001"
    assert ev.start == datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    assert ev.conference_url == "https://meet.google.com/abc-defg-hij"
    assert ev.organizer is not None and ev.organizer.email == "sam@acme.com"
    people = {a.email: a for a in ev.attendees}
    assert people["alex@example.com"].is_self and people["alex@example.com"].partstat == "ACCEPTED"
    assert (
        people["jane@acme.com"].name == "Jane Doe"
        and people["jane@acme.com"].partstat == "TENTATIVE"
    )
    assert people["room-1@resource.calendar.google.com"].resource
    assert people["room-1@resource.calendar.google.com"].cutype == "RESOURCE"
    assert people["bob@acme.com"].partstat == "DECLINED"
    assert ev.location == "HQ" and ev.description == "Round: 2" and ev.all_interviews_calendar
    allday = events["allday001"]
    assert allday.all_day and allday.start == date(2026, 12, 3)
    assert events["series001"].recurring
    override = events["series001@20261208T140000Z"]
    assert override.title == "Weekly sync #interview" and not override.recurring
    assert override.interview_id == "google:work/series001@20261208T140000Z"
    assert events["ev00000002"].own_key == "a" * 32
    assert source.read().warnings == ()


def test_unreadable_event_is_reported_not_dropped(fake: FakeGoogle, client: GoogleClient) -> None:
    fake.seed_event("primary", timed(0))
    fake.seed_event("primary", {"id": "broken001", "summary": "x", "start": {"dateTime": "soon"}})
    read = GoogleCalendarSource(None, ["primary"], ACCOUNT, client=client).read()
    assert [e.uid for e in read.events] == ["ev00000000"]
    assert read.unreadable_ids == frozenset({"google:primary/broken001"})
    assert "broken001" in read.warnings[0]


def test_missing_calendar(fake: FakeGoogle, client: GoogleClient) -> None:
    with pytest.raises(BadInput, match="no Google calendar could be read"):
        GoogleCalendarSource(None, ["nosuch@group"], ACCOUNT, client=client).read()
    fake.seed_event("primary", timed(0))
    both = GoogleCalendarSource(None, ["primary", "nosuch@group"], ACCOUNT, client=client).read()
    assert len(both.events) == 1 and "nosuch@group" in both.warnings[0]


def test_two_calendars_poll_one_request_each(fake: FakeGoogle, client: GoogleClient) -> None:
    fake.seed_events("primary", (timed(i) for i in range(5)))
    fake.seed_events("work", (timed(i) for i in range(5, 9)))
    source = GoogleCalendarSource(None, ["primary", "work"], ACCOUNT, client=client)
    assert len(source.read().events) == 9
    source.commit()
    fake.reset_records()
    source.read()
    assert api_requests(fake, "/calendar/") == 2


# -- reminders ---------------------------------------------------------------------------------


def reminder(i: int, shift: timedelta = timedelta(0)) -> ReminderSpec:
    start = datetime(2026, 12, 2, 10, tzinfo=NY) + timedelta(days=i) + shift
    return ReminderSpec(
        key=f"{i:032x}",
        summary=f"Follow up {i}",
        description=f"Send the thank-you\nTimeline: {i}",
        start=start,
        end=start + timedelta(minutes=15),
        rrule="FREQ=DAILY;INTERVAL=60;COUNT=3" if i % 10 == 0 else None,
    )


def our_events(fake: FakeGoogle, calendar: str = "primary") -> dict[str, dict[str, Any]]:
    out = {}
    for ev in fake.events(calendar):
        key = ev.get("extendedProperties", {}).get("private", {}).get(KEY_PROPERTY)
        if key:
            out[key] = ev
    return out


def test_hundred_reminders_in_few_requests(fake: FakeGoogle, client: GoogleClient) -> None:
    store = GoogleReminders(None, "primary", ACCOUNT, client=client)
    specs = [reminder(i) for i in range(100)]
    assert store.snapshot() == {}
    fake.reset_records()
    store.apply(specs, [])
    assert api_requests(fake) <= 3
    assert len(our_events(fake)) == 100
    assert all(ev["id"] == event_id(key) for key, ev in our_events(fake).items())
    assert store.snapshot() == {s.key: s for s in specs}
    fake.reset_records()
    store.apply(specs, [])  # the same again: nothing to send
    assert api_requests(fake) == 0


def test_retried_insert_is_a_no_op(fake: FakeGoogle, client: GoogleClient) -> None:
    specs = [reminder(i) for i in range(20)]
    GoogleReminders(None, "primary", ACCOUNT, client=client).apply(specs, [])
    etags = {k: e["etag"] for k, e in our_events(fake).items()}
    fake.reset_records()
    # A process that crashed before recording: it does not know the events exist.
    GoogleReminders(None, "primary", ACCOUNT, client=client).apply(specs, [])
    parts = [c.status for c in fake.calls if c.in_batch]
    assert parts.count(409) == 20 and len(parts) == 40  # 20 inserts (409) + 20 gets, no patch
    assert {k: e["etag"] for k, e in our_events(fake).items()} == etags


def test_move_patches_and_delete_then_recreate(fake: FakeGoogle, client: GoogleClient) -> None:
    store = GoogleReminders(None, "primary", ACCOUNT, client=client)
    store.apply([reminder(1), reminder(2)], [])
    store.snapshot()
    moved = reminder(1, shift=timedelta(days=2))
    fake.reset_records()
    store.apply([moved], [f"{2:032x}"])
    assert [(c.method, c.status) for c in fake.calls] == [("PATCH", 200), ("DELETE", 204)]
    assert store.snapshot() == {moved.key: moved}
    # the deleted id still answers 409: a later upsert patches it back to confirmed
    fresh = GoogleReminders(None, "primary", ACCOUNT, client=client)
    fresh.apply([reminder(2)], [])
    assert fresh.snapshot() == {moved.key: moved, reminder(2).key: reminder(2)}
    fresh.apply([], [f"{2:032x}", f"{99:032x}"])  # deleting a deleted or unknown id is fine
    assert set(fresh.snapshot()) == {moved.key}


def test_user_deleted_and_edited_reminders_are_seen(fake: FakeGoogle, client: GoogleClient) -> None:
    store = GoogleReminders(None, "primary", ACCOUNT, client=client)
    store.apply([reminder(1), reminder(2)], [])
    fake.user_delete_event("primary", event_id(reminder(1).key))
    fake.user_update_event(
        "primary", event_id(reminder(2).key), {"description": "Timeline: 2 weeks"}
    )
    snap = store.snapshot()
    assert reminder(1).key not in snap
    assert snap[reminder(2).key].description == "Timeline: 2 weeks"


# -- drafts ------------------------------------------------------------------------------------


def draft(i: int, to: str = "jane@acme.com") -> DraftSpec:
    return DraftSpec(
        key=f"{i:032x}",
        sender=Person("Alex Candidate", ACCOUNT),
        to=Person("Jane Doe", to),
        subject=f"Thank you ({i})",
        body=f"Dear Jane,\n\nThank you for your time, number {i}.\n\nAlex",
    )


def test_draft_created_and_found_after_a_crash(fake: FakeGoogle, client: GoogleClient) -> None:
    fake.add_message("someone@else.org", labels=("DRAFT",))  # not ours, not a draft entry
    made = GmailDrafts(None, ACCOUNT, client=client).create(draft(1))
    assert fake.count("/gmail/v1/users/me/drafts", "POST") == 1
    # the process dies before recording `made`; the next one looks first
    restarted = GmailDrafts(None, ACCOUNT, client=client)
    snap = restarted.snapshot()
    assert snap == {made.key: made}
    assert len(fake.drafts()) == 1
    headers = fake.drafts()[0]["headers"]
    assert headers["x-interview-followup-key"] == made.key
    assert headers["message-id"] == f"<{made.key}@interview-followup.invalid>"
    fake.reset_records()
    restarted.snapshot()
    assert api_requests(fake) == 1  # nothing new: one drafts.list


def test_duplicate_from_silent_repost_is_removed(fake: FakeGoogle, client: GoogleClient) -> None:
    drafts = GmailDrafts(None, ACCOUNT, client=client)
    drafts.snapshot()
    fake.queue("drop_after", route="POST /gmail/v1/users/me/drafts$")
    made = drafts.create(draft(1))
    assert len(fake.drafts()) == 2  # httplib2 sent the POST again
    assert drafts.snapshot() == {made.key: made}
    assert [d["id"] for d in fake.drafts()] == [made.ref]


def test_create_failure_looks_before_sending_again(fake: FakeGoogle, client: GoogleClient) -> None:
    drafts = GmailDrafts(None, ACCOUNT, client=client)
    drafts.snapshot()
    fake.queue("drop_after", route="POST /gmail/v1/users/me/drafts$")
    fake.queue("drop_after", route="POST /gmail/v1/users/me/drafts$")
    made = drafts.create(draft(2))  # both sends landed, both answers lost
    assert [d["id"] for d in fake.drafts()] == [made.ref]
    fake.queue("503", route="POST /gmail/v1/users/me/drafts$")
    other = drafts.create(draft(3))  # did not land: sent again
    assert len(fake.drafts()) == 2 and other.ref in {d["id"] for d in fake.drafts()}


def test_user_edit_changes_fingerprint_and_delete(fake: FakeGoogle, client: GoogleClient) -> None:
    drafts = GmailDrafts(None, ACCOUNT, client=client)
    made = drafts.create(draft(1))
    raw = fake.drafts()[0]["raw"].replace(b"number 1", b"number one, edited")
    fake.user_edit_draft(made.ref, raw)
    snap = drafts.snapshot()
    assert snap[made.key].ref == made.ref and snap[made.key].fingerprint != made.fingerprint
    drafts.delete(made.ref)
    drafts.delete(made.ref)  # already gone: fine
    assert drafts.snapshot() == {} and fake.drafts() == []


# -- replies -----------------------------------------------------------------------------------


def _first(found: list[FoundReply]) -> dict[str, datetime]:
    """Interview id -> its earliest message found."""
    out: dict[str, datetime] = {}
    for reply in found:
        for iid in reply.interview_ids:
            out[iid] = min(out.get(iid, reply.received), reply.received)
    return out


def test_replies_one_search(fake: FakeGoogle, client: GoogleClient) -> None:
    end = datetime(2026, 12, 1, 15, tzinfo=NY)
    fake.add_message("Sam <sam@acme.com>", when=end + timedelta(days=2))
    fake.add_message("Jane <jane@acme.com>", when=end + timedelta(days=1))
    fake.add_message("noreply@jobs.globex.io", when=datetime(2026, 12, 5, tzinfo=UTC))
    fake.add_message("sam@acme.com", when=end - timedelta(hours=1))  # before the end
    fake.add_message(ACCOUNT, to="sam@acme.com", when=end + timedelta(hours=1), labels=("SENT",))
    fake.add_message("friend@elsewhere.org", when=end + timedelta(days=1))
    fake.add_message("recruiter@initech.com", when=datetime(2026, 11, 20, tzinfo=UTC))
    queries = [
        ReplyQuery("acme", end, ("sam@acme.com", "jane@acme.com"), ("acme.com",), ACCOUNT),
        ReplyQuery(
            "globex", datetime(2026, 12, 2, tzinfo=UTC), ("hr@globex.io",), ("globex.io",), ACCOUNT
        ),
        ReplyQuery(
            "initech", datetime(2026, 11, 25, tzinfo=UTC), ("recruiter@initech.com",), (), ACCOUNT
        ),
        ReplyQuery("quiet", end, ("nobody@umbrella.com",), (), ACCOUNT),
    ]
    watcher = GmailReplies(None, ACCOUNT, client=client)
    fake.reset_records()
    found = _first(watcher.find(queries))
    assert found == {
        "acme": end + timedelta(days=1),
        "globex": datetime(2026, 12, 5, tzinfo=UTC),
    }
    searches = [r for r in fake.requests if r.path == "/gmail/v1/users/me/messages"]
    assert len(searches) == 1
    q = searches[0].query["q"][0]
    assert q.startswith("(from:") and f"-from:{ACCOUNT}" in q and "from:acme.com" in q
    assert "from:sam@acme.com" not in q  # covered by the domain
    fake.reset_records()
    assert _first(watcher.find(queries)) == found
    assert api_requests(fake) == 1  # nothing new: the search only
    assert GmailReplies(None, ACCOUNT, client=client).find([]) == []


def test_found_replies_carry_headers_and_bodies_are_read_only_on_request(
    fake: FakeGoogle, client: GoogleClient
) -> None:
    end = datetime(2026, 12, 1, 15, tzinfo=NY)
    mid = fake.add_message(
        "Sam Recruiter <Sam@Acme.com>",
        subject="Re: Thank you",
        body="We have decided to move forward with other candidates.",
        when=end + timedelta(days=2),
    )
    watcher = GmailReplies(None, ACCOUNT, client=client)
    fake.reset_records()
    [reply] = watcher.find([ReplyQuery("acme", end, ("sam@acme.com",), ("acme.com",), ACCOUNT)])
    assert reply.ref == mid and reply.interview_ids == ("acme",)
    assert reply.sender == Person("Sam Recruiter", "sam@acme.com")
    assert reply.subject == "Re: Thank you" and reply.thread_id
    assert reply.message_id and reply.message_id.startswith("<")
    formats = [c.query.get("format") for c in iter_calls(fake, "/gmail/v1/users/me/messages/")]
    assert formats == [["metadata"]]  # no body read by the search
    raw = watcher.fetch(mid)
    assert raw is not None and b"other candidates" in raw
    assert watcher.fetch("0000000000000000") is None  # gone: not an error


def test_build_queries_splits_only_when_long() -> None:
    after = datetime(2026, 1, 1, tzinfo=UTC)
    many = [ReplyQuery(str(i), after, (f"p{i}@c{i}.example",), (), ACCOUNT) for i in range(200)]
    queries = build_queries(many)
    assert len(queries) > 1 and all(len(q) <= 1500 for q in queries)
    assert sum(q.count("from:p") for q in queries) == 200
    assert len(build_queries(many[:5])) == 1


# -- faults ------------------------------------------------------------------------------------


FAULTS = ("429", "403rate", "500", "503", "drop", "drop_after")


def _converge(
    reminders: GoogleReminders,
    drafts: GmailDrafts,
    want_reminders: dict[str, ReminderSpec],
    want_drafts: dict[str, DraftSpec],
    stats: dict[str, int],
    max_cycles: int = 60,
) -> None:
    """Run the apply-desired-state loop until a cycle finds nothing to do."""
    for _ in range(max_cycles):
        stats["cycles"] += 1
        try:
            snap = reminders.snapshot()
            upserts = [s for k, s in want_reminders.items() if snap.get(k) != s]
            deletes = [k for k in snap if k not in want_reminders]
            if upserts or deletes:
                reminders.apply(upserts, deletes)
            have = drafts.snapshot()
            creates = [s for k, s in want_drafts.items() if k not in have]
            removes = [d.ref for k, d in have.items() if k not in want_drafts]
            for spec in creates:
                drafts.create(spec)
            for ref in removes:
                drafts.delete(ref)
                stats["removes"] += 1
        except TransientError:
            stats["failed_cycles"] += 1
            continue
        if not (upserts or deletes or creates or removes):
            return
    raise AssertionError(f"no convergence in {max_cycles} cycles")


def _plans() -> Iterator[tuple[dict[str, ReminderSpec], dict[str, DraftSpec]]]:
    """Three plans in a row: all new; some moved, some gone; some back and new ones."""
    want_r = {s.key: s for s in (reminder(i) for i in range(40))}
    want_d = {s.key: s for s in (draft(i) for i in range(8))}
    yield dict(want_r), dict(want_d)
    want_r = {k: s for k, s in want_r.items() if int(k, 16) % 4}
    want_r.update({reminder(i).key: reminder(i, timedelta(hours=3)) for i in range(1, 40, 4)})
    want_d = {k: s for k, s in want_d.items() if int(k, 16) % 2}
    yield dict(want_r), dict(want_d)
    want_r.update({s.key: s for s in (reminder(i) for i in range(0, 60, 4))})
    want_d.update({s.key: s for s in (draft(i) for i in range(8, 14))})
    yield want_r, want_d


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_random_faults_everywhere_converge_without_duplicates(
    fake: FakeGoogle, ring: MemoryKeyring, seed: int
) -> None:
    """20% of all requests (token, lists, batches and each batch part) fail at random with
    429/403-rate/500/503/dropped/dropped-after-doing-it; the loop still ends with exactly the
    wanted reminders and one draft per wanted key."""
    client = GoogleClient(fake.root, ACCOUNT, sleep=lambda _: None, backoff=0.0)
    reminders = GoogleReminders(None, "primary", ACCOUNT, client=client)
    drafts = GmailDrafts(None, ACCOUNT, client=client)
    fake.inject(FAULTS, probability=0.2, parts=True, seed=seed)
    stats = {"cycles": 0, "failed_cycles": 0, "removes": 0}
    for want_r, want_d in _plans():
        _converge(reminders, drafts, want_r, want_d, stats)
        assert {k: _spec_of(ev) for k, ev in our_events(fake).items()} == want_r
        keys = [d["headers"]["x-interview-followup-key"] for d in fake.drafts()]
        assert sorted(keys) == sorted(want_d)  # exactly one draft per wanted key
    fake.clear_faults()
    assert sorted(GmailDrafts(None, ACCOUNT, client=client).snapshot()) == sorted(want_d)

    faults = sum(1 for r in fake.requests if r.fault) + sum(
        1 for c in fake.calls if c.in_batch and c.fault
    )
    posts = [c for c in fake.calls if c.method == "POST" and c.path.endswith("/drafts")]
    landed = sum(1 for c in posts if c.status == 200 or c.fault == "drop_after")
    deleted = sum(
        1
        for c in fake.calls
        if c.method == "DELETE"
        and "/drafts/" in c.path
        and (c.status == 204 or c.fault == "drop_after")
    )
    print(
        f"\nseed {seed}: cycles {stats['cycles']} ({stats['failed_cycles']} failed), "
        f"HTTP requests {len(fake.requests)}, API calls {len(fake.calls)}, "
        f"faults {faults}, draft POSTs landed {landed} for 14 keys, "
        f"duplicate drafts removed {deleted - stats['removes']}"
    )
    assert faults >= 10


def _spec_of(ev: dict[str, Any]) -> ReminderSpec:
    from integrations.google.calendar import spec_from_event

    spec = spec_from_event(ev)
    assert spec is not None
    return spec


def test_default_endpoints_are_googles_and_unreachable_here(
    fake: FakeGoogle, ring: MemoryKeyring
) -> None:
    client = GoogleClient(None, ACCOUNT, fake.credentials(), sleep=lambda _: None, attempts=2)
    assert (
        client.calendar()
        .events()
        .list(calendarId="primary")
        .uri.startswith("https://www.googleapis.com/calendar/v3/calendars/primary/events")
    )
    assert (
        client.gmail()
        .users()
        .drafts()
        .list(userId="me")
        .uri.startswith("https://gmail.googleapis.com/gmail/v1/users/me/drafts")
    )
    assert client.urls["calendar_batch"] == "https://www.googleapis.com/batch/calendar/v3"
    with pytest.raises(TransientError):  # the loopback guard refuses the refresh
        GmailDrafts(None, ACCOUNT, client=client).snapshot()


def test_transient_errors_do_not_leak_library_exceptions(
    fake: FakeGoogle, client: GoogleClient
) -> None:
    fake.inject("503", route="calendar", probability=1.0)
    with pytest.raises(TransientError):
        GoogleCalendarSource(None, ["primary"], ACCOUNT, client=client).read()
    fake.clear_faults()
    fake.inject("drop", route="gmail")
    with pytest.raises(TransientError):
        GmailDrafts(None, ACCOUNT, client=client).snapshot()
    fake.clear_faults()
    fake.inject("500", route="batch", count=100)
    with pytest.raises(TransientError):
        GoogleReminders(None, "primary", ACCOUNT, client=client).apply([reminder(1)], [])
    assert issubclass(TransientError, AdapterError)
