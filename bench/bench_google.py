"""API cost of the Google path, counted from the local fake's request log (issue 3).

usage: python bench/bench_google.py [--events 5000] [--interviews 13]

Runs real cycles (daemon.service.run_cycle with the Google adapters, the real
google-api-python-client over HTTP) against tests/fakes/google_server.py on loopback:
1. first sync of a calendar with N events: events.list requests, and the HTTP requests that
   wrote the reminders (>= 100 of them);
2. a poll where nothing changed: Calendar requests per calendar, Gmail requests, writes;
3. the naive approach for comparison: a full re-list every poll (default page size and
   maxResults=2500) and one insert request per reminder.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.test_google_cli import ACCOUNT, CONFIG  # noqa: E402  (the CLI tests' setup)

NY = ZoneInfo("America/New_York")


def events(n: int, interviews: int) -> list[dict[str, object]]:
    rng = random.Random(1)
    start = datetime(2026, 9, 1, 8, tzinfo=NY)
    out: list[dict[str, object]] = []
    for i in range(n):
        when = start + timedelta(days=rng.randrange(240), hours=rng.randrange(10))
        title = rng.choice(["Standup", "1:1", "Lunch", "Planning", "Dentist", "Gym", "Review"])
        out.append({
            "id": f"ev{i:06d}",
            "summary": f"{title} {i}",
            "description": "agenda " * rng.randrange(1, 30),
            "start": {"dateTime": when.isoformat()},
            "end": {"dateTime": (when + timedelta(minutes=30)).isoformat()},
        })
    for k in range(interviews):
        when = datetime(2026, 12, 1 + k % 20, 14, tzinfo=NY)
        company = f"company{k}"
        out[k * (n // max(1, interviews))] = {
            "id": f"iv{k:04d}",
            "summary": f"Interview with Company{k} - Engineer",
            "start": {"dateTime": when.isoformat()},
            "end": {"dateTime": (when + timedelta(hours=1)).isoformat()},
            "attendees": [
                {"email": f"hm@{company}.com", "displayName": "Hiring Manager"},
                {"email": ACCOUNT, "self": True, "responseStatus": "accepted"},
            ],
        }
    return out


def poll(
    fake: object, service: object, settings: object, store: object, adapters: object,
    now: datetime,
) -> tuple[dict[str, int], int, int]:
    """One more cycle at the same moment: nothing changed, so what does it cost?"""
    fake.reset_records()  # type: ignore[attr-defined]
    service.run_cycle(settings, store, adapters, now, dry_run=False)  # type: ignore[attr-defined]
    requests = list(fake.requests)  # type: ignore[attr-defined]
    per_cal: dict[str, int] = {}
    for r in requests:
        if r.path.startswith("/calendar/"):
            name = r.path.split("/")[4]
            per_cal[name] = per_cal.get(name, 0) + 1
    gmail = sum(1 for r in requests if r.path.startswith(("/gmail/", "/batch/gmail")))
    writes = sum(1 for r in requests if r.method in ("POST", "PATCH", "PUT", "DELETE")
                 and r.path != "/token")
    return per_cal, gmail, writes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=5000)
    ap.add_argument("--interviews", type=int, default=13)
    args = ap.parse_args()

    import keyring

    from daemon import config, service
    from daemon.state import StateStore
    from integrations import registry
    from integrations.google import auth
    from tests.fakes.google_server import FakeGoogle
    from tests.fakes.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    work = Path(tempfile.mkdtemp(prefix="ifu-google-bench-"))
    with FakeGoogle(account=ACCOUNT, seed=1) as fake:
        fake.add_calendar("followups")
        fake.seed_events("primary", events(args.events, args.interviews))
        keyring.set_password(auth.SERVICE_NAME, ACCOUNT, json.dumps(fake.authorized_user_info()))
        (work / "config.toml").write_text(CONFIG.format(root=fake.root))
        settings = config.load(work / "config.toml")
        store = StateStore(settings.state_path)
        adapters = service.Adapters(
            registry.make_source(settings, cursors=store),
            registry.make_reminders(settings),
            registry.make_drafts(settings),
            registry.make_replies(settings),
        )
        now = datetime(2026, 11, 22, 9, tzinfo=NY)

        fake.reset_records()
        _, rep = service.run_cycle(settings, store, adapters, now, dry_run=False)
        lists = [r for r in fake.requests if r.method == "GET" and "/calendars/primary/events"
                 in r.path]
        writes = [
            r for r in fake.requests
            if r.method != "GET"
            and ("/calendars/followups/" in r.path or r.path.startswith("/batch/calendar"))
        ]
        first = (len(lists), rep.reminders_created, len(writes), len(fake.requests))

        later = [poll(fake, service, settings, store, adapters, now)]
        # after the interviews: thank-you drafts made, replies awaited (one Gmail search)
        after = datetime(2026, 12, 21, 12, tzinfo=NY)
        service.run_cycle(settings, store, adapters, after, dry_run=False)
        later.append(poll(fake, service, settings, store, adapters, after))


        naive_default = -(-args.events // 250)
        naive_2500 = -(-args.events // 2500)
        print(f"calendar: {args.events} events, {args.interviews} interviews")
        print(f"first sync: events.list requests {first[0]} (target <= 3); "
              f"{first[1]} reminders written in {first[2]} HTTP requests (target <= 3 per 100);"
              f" {first[3]} requests in all")
        for label, (per_cal, gmail, writes_) in zip(("before", "after"), later, strict=True):
            print(f"poll, nothing changed ({label} the interviews): Calendar requests per"
                  f" calendar {per_cal} (target 1 each), Gmail requests {gmail} (target <= 1),"
                  f" writes {writes_} (target 0)")
        print(f"naive full re-list every poll: {naive_default} requests (default page size 250)"
              f" or {naive_2500} (maxResults=2500), plus the whole calendar downloaded each time;"
              f" naive reminder writes: {first[1]} requests (one insert each)")


if __name__ == "__main__":
    main()
