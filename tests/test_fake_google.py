"""The fake Google server, driven through the real googleapiclient / google-auth / httplib2.

These pin the behaviours of Google that the adapters rely on (routes, error shapes, sync
tokens, 409 on taken ids, batches, search syntax) so an adapter test that passes against the
fake exercises the same code paths as production.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import google_auth_httplib2
import httplib2
import pytest
from google.auth.exceptions import RefreshError
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

from tests.fakes.google_server import (
    SCOPE_CAL_EVENTS,
    SCOPE_COMPOSE,
    SCOPE_METADATA,
    FakeGoogle,
    loopback_only,
)


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    loopback_only(monkeypatch)


@pytest.fixture
def fake() -> Iterator[FakeGoogle]:
    with FakeGoogle(seed=7) as server:
        yield server


class Apis:
    def __init__(self, fake: FakeGoogle, scopes: Any = None) -> None:
        creds = fake.credentials(scopes=scopes) if scopes else fake.credentials()
        self.creds = creds
        self.http = google_auth_httplib2.AuthorizedHttp(creds, http=httplib2.Http(timeout=10))
        self.cal = build(
            "calendar",
            "v3",
            http=self.http,
            client_options={"api_endpoint": f"{fake.root}calendar/v3/"},
            static_discovery=True,
        )
        self.gmail = build(
            "gmail",
            "v1",
            http=self.http,
            client_options={"api_endpoint": fake.root},
            static_discovery=True,
        )
        self.root = fake.root

    def batch(self, api: str, calls: list[Any]) -> dict[str, tuple[Any, Any]]:
        out: dict[str, tuple[Any, Any]] = {}
        batch = BatchHttpRequest(
            callback=lambda i, r, e: out.__setitem__(i, (r, e)),
            batch_uri=f"{self.root}batch/{'calendar/v3' if api == 'calendar' else 'gmail/v1'}",
        )
        for call in calls:
            batch.add(call)
        batch.execute(http=self.http)
        return out


@pytest.fixture
def apis(fake: FakeGoogle) -> Apis:
    return Apis(fake)


def timed(i: int, **extra: Any) -> dict[str, Any]:
    start = datetime(2026, 12, 1, 9, tzinfo=UTC) + timedelta(hours=i)
    body = {
        "summary": f"event {i}",
        "start": {"dateTime": start.isoformat()},
        "end": {"dateTime": (start + timedelta(hours=1)).isoformat()},
    }
    body.update(extra)
    return body


def reason(err: HttpError) -> str:
    return str(err.error_details[0]["reason"]) if err.error_details else ""


def raw_message(key: str = "k1", to: str = "jane@acme.com") -> str:
    text = (
        f"From: alex@example.com\r\nTo: {to}\r\nSubject: Thanks\r\n"
        f"X-Interview-Followup-Key: {key}\r\n\r\nHi\r\n"
    )
    return base64.urlsafe_b64encode(text.encode()).decode()


# -- endpoints and auth ------------------------------------------------------------------------


def test_api_endpoint_composition(fake: FakeGoogle, apis: Apis) -> None:
    """Calendar: api_endpoint = {root}calendar/v3/; Gmail: api_endpoint = {root}."""
    assert (
        apis.cal.events()
        .list(calendarId="a@b.c")
        .uri.startswith(f"{fake.root}calendar/v3/calendars/a%40b.c/events")
    )
    assert (
        apis.gmail.users()
        .drafts()
        .list(userId="me")
        .uri.startswith(f"{fake.root}gmail/v1/users/me/drafts")
    )
    doubled = build(
        "gmail",
        "v1",
        http=apis.http,
        client_options={"api_endpoint": f"{fake.root}gmail/v1/"},
        static_discovery=True,
    )
    with pytest.raises(HttpError) as err:
        doubled.users().drafts().list(userId="me").execute()
    assert err.value.status_code == 404  # /gmail/v1/gmail/v1/...


def test_new_batch_http_request_ignores_api_endpoint(apis: Apis) -> None:
    assert apis.cal.new_batch_http_request()._batch_uri.startswith("https://www.googleapis.com/")
    assert apis.gmail.new_batch_http_request()._batch_uri.startswith(
        "https://gmail.googleapis.com/"
    )


def test_bearer_token_required(fake: FakeGoogle) -> None:
    bare = build(
        "calendar",
        "v3",
        http=httplib2.Http(timeout=5),
        client_options={"api_endpoint": f"{fake.root}calendar/v3/"},
        static_discovery=True,
    )
    with pytest.raises(HttpError) as err:
        bare.events().list(calendarId="primary").execute()
    assert err.value.status_code == 401 and reason(err.value) == "authError"
    assert fake.requests[-1].status == 401


def test_refresh_uses_token_uri_and_expired_tokens_are_refreshed(
    fake: FakeGoogle, apis: Apis
) -> None:
    apis.cal.events().list(calendarId="primary").execute()
    first = apis.creds.token
    fake.expire_access_tokens()
    apis.cal.events().list(calendarId="primary").execute()  # 401 -> refresh -> retry
    assert apis.creds.token != first
    assert fake.count("/token") == 2


def test_invalid_grant(fake: FakeGoogle, apis: Apis) -> None:
    fake.revoke("rt-test")
    with pytest.raises(RefreshError) as err:
        apis.cal.events().list(calendarId="primary").execute()
    assert "invalid_grant" in str(err.value)


def test_invalid_grant_fault_is_one_shot(fake: FakeGoogle, apis: Apis) -> None:
    fake.queue("invalid_grant", route="token")
    with pytest.raises(RefreshError):
        apis.cal.events().list(calendarId="primary").execute()
    apis.cal.events().list(calendarId="primary").execute()


def test_scopes_are_enforced(fake: FakeGoogle) -> None:
    compose_only = Apis(fake, scopes=[SCOPE_CAL_EVENTS, SCOPE_COMPOSE])
    with pytest.raises(HttpError) as err:
        compose_only.gmail.users().messages().list(userId="me", q="from:a@b.c").execute()
    assert err.value.status_code == 403 and reason(err.value) == "insufficientPermissions"
    metadata = Apis(fake, scopes=[SCOPE_METADATA])
    metadata.gmail.users().messages().list(userId="me").execute()
    with pytest.raises(HttpError) as err:
        metadata.gmail.users().messages().list(userId="me", q="from:a@b.c").execute()
    assert err.value.status_code == 403


# -- Calendar ----------------------------------------------------------------------------------


def test_insert_get_patch_update_delete(fake: FakeGoogle, apis: Apis) -> None:
    ev = apis.cal.events()
    made = ev.insert(calendarId="primary", body={"id": "abcde12345", **timed(0)}).execute()
    assert made["id"] == "abcde12345" and made["status"] == "confirmed" and made["etag"]
    patched = ev.patch(calendarId="primary", eventId="abcde12345", body={"summary": "x"}).execute()
    assert patched["summary"] == "x" and patched["etag"] != made["etag"]
    assert patched["start"] == made["start"]
    updated = ev.update(calendarId="primary", eventId="abcde12345", body=timed(5)).execute()
    assert updated["summary"] == "event 5" and updated["sequence"] == 1
    assert ev.get(calendarId="primary", eventId="abcde12345").execute()["summary"] == "event 5"
    ev.delete(calendarId="primary", eventId="abcde12345").execute()
    assert ev.get(calendarId="primary", eventId="abcde12345").execute()["status"] == "cancelled"
    with pytest.raises(HttpError) as err:
        ev.delete(calendarId="primary", eventId="abcde12345").execute()
    assert err.value.status_code == 410 and reason(err.value) == "deleted"
    with pytest.raises(HttpError) as err:
        ev.get(calendarId="primary", eventId="nosuchevent").execute()
    assert err.value.status_code == 404


def test_insert_ids_duplicates_and_validation(fake: FakeGoogle, apis: Apis) -> None:
    ev = apis.cal.events()
    ev.insert(calendarId="primary", body={"id": "0123456789abcdef", **timed(0)}).execute()
    ev.delete(calendarId="primary", eventId="0123456789abcdef").execute()
    with pytest.raises(HttpError) as err:  # a deleted id is still taken
        ev.insert(calendarId="primary", body={"id": "0123456789abcdef", **timed(0)}).execute()
    assert err.value.status_code == 409 and reason(err.value) == "duplicate"
    restored = ev.patch(
        calendarId="primary", eventId="0123456789abcdef", body={"status": "confirmed"}
    ).execute()
    assert restored["status"] == "confirmed"
    for bad in ("abc", "UPPERCASE1", "with-dash1", "wxyz01234"):
        with pytest.raises(HttpError) as err:
            ev.insert(calendarId="primary", body={"id": bad, **timed(0)}).execute()
        assert err.value.status_code == 400
    with pytest.raises(HttpError) as err:
        ev.insert(calendarId="primary", body={"summary": "no times"}).execute()
    assert err.value.status_code == 400
    with pytest.raises(HttpError):
        ev.insert(calendarId="nosuchcal", body=timed(0)).execute()


def test_paging_and_sync_tokens(fake: FakeGoogle, apis: Apis) -> None:
    fake.seed_events("primary", (timed(i) for i in range(5000)))
    ev = apis.cal.events()
    first = ev.list(calendarId="primary", maxResults=2500).execute()
    assert len(first["items"]) == 2500 and "nextSyncToken" not in first
    second = ev.list(
        calendarId="primary", maxResults=2500, pageToken=first["nextPageToken"]
    ).execute()
    assert len(second["items"]) == 2500 and "nextPageToken" not in second
    token = second["nextSyncToken"]
    assert len({e["id"] for e in first["items"] + second["items"]}) == 5000
    capped = ev.list(calendarId="primary", maxResults=9999).execute()
    assert len(capped["items"]) == 2500
    assert len(ev.list(calendarId="primary").execute()["items"]) == 250  # the default

    nothing = ev.list(calendarId="primary", syncToken=token).execute()
    assert nothing["items"] == [] and nothing["nextSyncToken"]
    victim = first["items"][0]["id"]
    ev.delete(calendarId="primary", eventId=victim).execute()
    fake.user_update_event("primary", first["items"][1]["id"], {"summary": "moved"})
    changes = ev.list(calendarId="primary", syncToken=nothing["nextSyncToken"]).execute()
    by_id = {e["id"]: e for e in changes["items"]}
    assert by_id[victim]["status"] == "cancelled" and "summary" not in by_id[victim]
    assert by_id[first["items"][1]["id"]]["summary"] == "moved"
    assert len(by_id) == 2

    with pytest.raises(HttpError) as err:
        ev.list(calendarId="primary", syncToken=token, timeMin="2026-01-01T00:00:00Z").execute()
    assert err.value.status_code == 400
    with pytest.raises(HttpError) as err:
        ev.list(calendarId="primary", syncToken=token, privateExtendedProperty="a=b").execute()
    assert err.value.status_code == 400
    fake.invalidate_sync_tokens("primary")
    with pytest.raises(HttpError) as err:
        ev.list(calendarId="primary", syncToken=changes["nextSyncToken"]).execute()
    assert err.value.status_code == 410 and reason(err.value) == "fullSyncRequired"
    with pytest.raises(HttpError) as err:
        ev.list(calendarId="primary", syncToken="garbage").execute()
    assert err.value.status_code == 410


def test_private_extended_property_filter(fake: FakeGoogle, apis: Apis) -> None:
    fake.seed_event("primary", timed(0, extendedProperties={"private": {"mark": "ours"}}))
    fake.seed_event("primary", timed(1))
    ev = apis.cal.events()
    found = ev.list(calendarId="primary", privateExtendedProperty="mark=ours").execute()["items"]
    assert [e["summary"] for e in found] == ["event 0"]
    with pytest.raises(HttpError) as err:
        ev.list(calendarId="primary", privateExtendedProperty="mark").execute()
    assert err.value.status_code == 400


def test_show_deleted_and_recurring_instances(fake: FakeGoogle, apis: Apis) -> None:
    master = fake.seed_event(
        "primary",
        {
            "id": "series0001",
            "summary": "standup",
            "start": {"dateTime": "2026-12-01T09:00:00+00:00", "timeZone": "UTC"},
            "end": {"dateTime": "2026-12-01T09:15:00+00:00", "timeZone": "UTC"},
            "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"],
        },
    )
    fake.seed_event(
        "primary",
        {
            "id": "series0001_20261202T090000Z",
            "summary": "standup #interview",
            "recurringEventId": "series0001",
            "originalStartTime": {"dateTime": "2026-12-02T09:00:00+00:00"},
            "start": {"dateTime": "2026-12-02T10:00:00+00:00"},
            "end": {"dateTime": "2026-12-02T10:30:00+00:00"},
        },
    )
    ev = apis.cal.events()
    plain = ev.list(calendarId="primary").execute()["items"]
    assert {e["id"] for e in plain} == {master["id"], "series0001_20261202T090000Z"}
    single = ev.list(calendarId="primary", singleEvents=True).execute()["items"]
    assert sorted(e["id"] for e in single) == [
        "series0001_20261201T090000Z",
        "series0001_20261202T090000Z",
        "series0001_20261203T090000Z",
    ]
    assert all(e["recurringEventId"] == "series0001" for e in single)
    fake.user_delete_event("primary", "series0001_20261202T090000Z")
    assert len(ev.list(calendarId="primary", singleEvents=True).execute()["items"]) == 2
    shown = ev.list(calendarId="primary", showDeleted=True).execute()["items"]
    assert {e["id"]: e["status"] for e in shown}["series0001_20261202T090000Z"] == "cancelled"


# -- batches -----------------------------------------------------------------------------------


def test_calendar_batch_parts_answer_separately(fake: FakeGoogle, apis: Apis) -> None:
    ev = apis.cal.events()
    calls = [
        ev.insert(calendarId="primary", body={"id": f"batch{i:05d}", **timed(i)}) for i in range(3)
    ]
    calls.append(ev.insert(calendarId="primary", body={"id": "batch00000", **timed(9)}))
    calls.append(ev.get(calendarId="primary", eventId="missing00"))
    out = apis.batch("calendar", calls)
    statuses = [
        0 if e is None else e.status_code
        for _, (r, e) in sorted(out.items(), key=lambda kv: int(kv[0]))
    ]
    assert statuses == [0, 0, 0, 409, 404]
    batch = fake.requests[-1]
    assert batch.path == "/batch/calendar/v3" and batch.batch_parts == 5
    assert sum(1 for c in fake.calls if c.in_batch) == 5


def test_gmail_batch_limit_and_wrong_api(fake: FakeGoogle, apis: Apis) -> None:
    drafts = apis.gmail.users().drafts()
    with pytest.raises(HttpError) as err:
        apis.batch("gmail", [drafts.list(userId="me") for _ in range(101)])
    assert err.value.status_code == 400
    out = apis.batch("gmail", [apis.cal.events().list(calendarId="primary")])
    assert out["1"][1].status_code == 400


# -- Gmail -------------------------------------------------------------------------------------


def test_drafts_round_trip(fake: FakeGoogle, apis: Apis) -> None:
    drafts = apis.gmail.users().drafts()
    made = drafts.create(userId="me", body={"message": {"raw": raw_message()}}).execute()
    assert made["message"]["labelIds"] == ["DRAFT"]
    listed = drafts.list(userId="me").execute()["drafts"]
    assert listed == [
        {
            "id": made["id"],
            "message": {"id": made["message"]["id"], "threadId": made["message"]["threadId"]},
        }
    ]
    meta = drafts.get(userId="me", id=made["id"], format="metadata").execute()
    names = {h["name"]: h["value"] for h in meta["message"]["payload"]["headers"]}
    assert names["X-Interview-Followup-Key"] == "k1"
    raw = drafts.get(userId="me", id=made["id"], format="raw").execute()["message"]["raw"]
    assert base64.urlsafe_b64decode(raw).startswith(b"From: alex@example.com")
    full = drafts.get(userId="me", id=made["id"]).execute()["message"]["payload"]
    assert base64.urlsafe_b64decode(full["body"]["data"]).strip() == b"Hi"
    drafts.delete(userId="me", id=made["id"]).execute()
    with pytest.raises(HttpError) as err:
        drafts.delete(userId="me", id=made["id"]).execute()
    assert err.value.status_code == 404
    with pytest.raises(HttpError) as err:
        drafts.create(userId="me", body={"message": {}}).execute()
    assert err.value.status_code == 400


def test_message_search_subset(fake: FakeGoogle, apis: Apis) -> None:
    t0 = datetime(2026, 12, 1, 12, tzinfo=UTC)
    ids = {
        "sam": fake.add_message("Sam <sam@acme.com>", when=t0 + timedelta(hours=2)),
        "sub": fake.add_message("hr@jobs.acme.com", when=t0 + timedelta(hours=3)),
        "old": fake.add_message("sam@acme.com", when=t0 - timedelta(days=1)),
        "me": fake.add_message("alex@example.com", when=t0 + timedelta(hours=4), labels=("SENT",)),
        "other": fake.add_message("x@other.org", when=t0 + timedelta(hours=5)),
        "spam": fake.add_message("sam@acme.com", when=t0 + timedelta(hours=6), labels=("SPAM",)),
    }
    msgs = apis.gmail.users().messages()

    def search(q: str) -> set[str]:
        found = msgs.list(userId="me", q=q).execute().get("messages", [])
        return {k for k, v in ids.items() if v in {m["id"] for m in found}}

    after = int(t0.timestamp())
    assert search(f"(from:acme.com OR from:x@other.org) after:{after} -from:alex@example.com") == {
        "sam",
        "sub",
        "other",
    }
    assert search(f"from:sam@acme.com after:{after}") == {"sam"}
    assert search(f"from:@acme.com before:{after}") == {"old"}
    assert search("from:acme.com in:anywhere") == {"sam", "sub", "old", "spam"}
    assert search("-(from:acme.com OR from:other.org)") == {"me"}
    for bad in ("hello", "from:(a OR b)", "after:2026/12/01", "frm:x@y.z", "(from:a@b.c", "OR"):
        with pytest.raises(HttpError) as err:
            msgs.list(userId="me", q=bad).execute()
        assert err.value.status_code == 400, bad
    got = msgs.get(
        userId="me", id=ids["sam"], format="metadata", metadataHeaders=["From"]
    ).execute()
    assert got["payload"]["headers"] == [{"name": "From", "value": "Sam <sam@acme.com>"}]
    assert int(got["internalDate"]) == int((t0 + timedelta(hours=2)).timestamp() * 1000)


MULTIPART = (
    b"From: Sam <sam@acme.com>\r\nTo: alex@example.com\r\nSubject: Update\r\n"
    b"Date: Thu, 03 Dec 2026 10:15:00 -0500\r\nMessage-ID: <u1@acme.com>\r\n"
    b"MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=b1\r\n\r\n"
    b"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain words\r\n"
    b"--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML words</p>\r\n--b1--\r\n"
)


def test_messages_formats_threads_and_drafts_in_a_thread(fake: FakeGoogle, apis: Apis) -> None:
    mid, thread = fake.add_raw_message(MULTIPART)
    reply, same = fake.add_raw_message(MULTIPART.replace(b"<u1@", b"<u2@"), thread_id=thread)
    assert same == thread
    msgs = apis.gmail.users().messages()
    full = msgs.get(userId="me", id=mid, format="full").execute()
    assert full["payload"]["mimeType"] == "multipart/alternative"
    plain, html = full["payload"]["parts"]
    assert (plain["partId"], html["partId"]) == ("0", "1")
    assert base64.urlsafe_b64decode(plain["body"]["data"]).strip() == b"Plain words"
    assert (
        int(full["internalDate"])
        == int(datetime(2026, 12, 3, 15, 15, tzinfo=UTC).timestamp()) * 1000
    )
    raw = msgs.get(userId="me", id=mid, format="raw").execute()["raw"]
    assert base64.urlsafe_b64decode(raw) == MULTIPART
    got = apis.gmail.users().threads().get(userId="me", id=thread, format="metadata").execute()
    assert [m["id"] for m in got["messages"]] == [mid, reply]
    body = {"message": {"raw": raw_message(), "threadId": thread}}
    draft = apis.gmail.users().drafts().create(userId="me", body=body).execute()
    assert draft["message"]["threadId"] == thread
    with pytest.raises(HttpError) as err:
        body = {"message": {"raw": raw_message("k2"), "threadId": "nosuchthread"}}
        apis.gmail.users().drafts().create(userId="me", body=body).execute()
    assert err.value.status_code == 404


def test_unknown_query_parameter_rejected(fake: FakeGoogle, apis: Apis) -> None:
    http = apis.http
    resp, body = http.request(f"{fake.root}gmail/v1/users/me/drafts/r1?metadataHeaders=From")
    assert resp.status == 400 and b"Cannot bind query parameter" in body


# -- faults and records ------------------------------------------------------------------------


def test_queued_faults_and_shapes(fake: FakeGoogle, apis: Apis) -> None:
    ev = apis.cal.events()
    for kind, status, why in (
        ("429", 429, "rateLimitExceeded"),
        ("403rate", 403, "userRateLimitExceeded"),
        ("500", 500, "backendError"),
        ("503", 503, "backendError"),
    ):
        fake.queue(kind, route="calendar")
        with pytest.raises(HttpError) as err:
            ev.list(calendarId="primary").execute()
        assert err.value.status_code == status and reason(err.value) == why
        assert err.value.resp["content-type"].startswith("application/json")
    ev.list(calendarId="primary").execute()


def test_dropped_connection_is_resent_by_httplib2(fake: FakeGoogle, apis: Apis) -> None:
    """httplib2 silently sends a request again after a dropped connection, POSTs included:
    with ``drop_after`` (the work was done, the answer lost) a draft lands twice."""
    drafts = apis.gmail.users().drafts()
    drafts.list(userId="me").execute()  # refresh the token first
    fake.queue("drop_after", route="gmail")
    drafts.create(userId="me", body={"message": {"raw": raw_message()}}).execute()
    assert len(fake.drafts()) == 2
    statuses = [
        r.status for r in fake.requests if r.path.endswith("/drafts") and r.method == "POST"
    ]
    assert statuses == [0, 200]
    fake.queue("drop", route="gmail")
    fake.queue("drop", route="gmail")
    with pytest.raises(ConnectionError):
        drafts.list(userId="me").execute()


def test_random_faults_are_deterministic() -> None:
    def run() -> list[int]:
        with FakeGoogle(seed=1) as fake:
            apis = Apis(fake)
            apis.cal.events().list(calendarId="primary").execute()
            fake.inject(["429", "500"], route="calendar", probability=0.5, seed=42)
            out = []
            for _ in range(20):
                try:
                    apis.cal.events().list(calendarId="primary").execute()
                    out.append(200)
                except HttpError as err:
                    out.append(err.status_code)
            return out

    first = run()
    assert first == run()
    assert 200 in first and {429, 500} & set(first)


def test_faults_inside_batches_and_counts(fake: FakeGoogle, apis: Apis) -> None:
    ev = apis.cal.events()
    apis.batch("calendar", [ev.list(calendarId="primary")])  # token
    fake.inject("503", route="calendar", probability=1.0, count=2, parts=True)
    out = apis.batch(
        "calendar",
        [
            ev.insert(calendarId="primary", body={"id": f"fault{i:04d}", **timed(i)})
            for i in range(3)
        ],
    )
    assert sorted(0 if e is None else e.status_code for _, e in out.values()) == [0, 503, 503]
    assert len(fake.events("primary")) == 1
    assert fake.count("/batch/calendar/v3") == 2
