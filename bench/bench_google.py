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
) -> tuple[dict[str, int], int, int, int]:
    """One more cycle at the same moment: nothing changed, so what does it cost?
    (Calendar requests per calendar, Gmail requests, writes, Calendar bytes received.)"""
    fake.reset_records()  # type: ignore[attr-defined]
    service.run_cycle(settings, store, adapters, now, dry_run=False)  # type: ignore[attr-defined]
    requests = list(fake.requests)  # type: ignore[attr-defined]
    per_cal: dict[str, int] = {}
    received = 0
    for r in requests:
        if r.path.startswith("/calendar/"):
            name = r.path.split("/")[4]
            per_cal[name] = per_cal.get(name, 0) + 1
            received += r.response_size
    gmail = sum(1 for r in requests if r.path.startswith(("/gmail/", "/batch/gmail")))
    writes = sum(1 for r in requests if r.method in ("POST", "PATCH", "PUT", "DELETE")
                 and r.path != "/token")
    return per_cal, gmail, writes, received


def scenario(reminders_calendar: str, n_events: int, interviews: int) -> dict[str, object]:
    """A first sync, then idle polls before and after the interviews, for one set-up."""
    import keyring

    from daemon import config, service
    from daemon.cli import _adapters
    from daemon.state import StateStore
    from integrations.google import auth
    from tests.fakes.google_server import FakeGoogle
    from tests.fakes.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    work = Path(tempfile.mkdtemp(prefix="ifu-google-bench-"))
    with FakeGoogle(account=ACCOUNT, seed=1) as fake:
        fake.add_calendar("followups")
        fake.seed_events("primary", events(n_events, interviews))
        keyring.set_password(auth.SERVICE_NAME, ACCOUNT, json.dumps(fake.authorized_user_info()))
        text = CONFIG.format(root=fake.root)
        text = text.replace('calendar = "followups"', f'calendar = "{reminders_calendar}"')
        (work / "config.toml").write_text(text)
        settings = config.load(work / "config.toml")
        store = StateStore(settings.state_path)
        adapters = _adapters(settings, store)  # as the CLI and the daemon build them
        now = datetime(2026, 11, 22, 9, tzinfo=NY)

        fake.reset_records()
        _, rep = service.run_cycle(settings, store, adapters, now, dry_run=False)
        lists = [r for r in fake.requests if r.method == "GET" and "/calendars/primary/events"
                 in r.path]
        writes = [
            r for r in fake.requests
            if r.method != "GET"
            and (f"/calendars/{reminders_calendar}/" in r.path
                 or r.path.startswith("/batch/calendar"))
        ]
        result: dict[str, object] = {
            "first": (len(lists), rep.reminders_created, len(writes), len(fake.requests))
        }
        # The first poll after a write receives our own new events once (the sync token
        # was taken before they were written); the polls after it are the idle ones.
        echo = poll(fake, service, settings, store, adapters, now)
        before = poll(fake, service, settings, store, adapters, now)
        after_moment = datetime(2026, 12, 21, 12, tzinfo=NY)  # drafts made, replies awaited
        service.run_cycle(settings, store, adapters, after_moment, dry_run=False)
        poll(fake, service, settings, store, adapters, after_moment)
        after = poll(fake, service, settings, store, adapters, after_moment)
        result["echo"] = echo
        result["polls"] = [before, after]
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=5000)
    ap.add_argument("--interviews", type=int, default=13)
    ap.add_argument("--many", type=int, default=63, help="interviews for the 500-reminder poll")
    args = ap.parse_args()

    two = scenario("followups", args.events, args.interviews)
    first = two["first"]
    naive_default = -(-args.events // 250)
    naive_2500 = -(-args.events // 2500)
    print(f"calendar: {args.events} events, {args.interviews} interviews")
    print(f"first sync: events.list requests {first[0]} (target <= 3); "  # type: ignore[index]
          f"{first[1]} reminders written in {first[2]} HTTP requests (target <= 3 per 100);"  # type: ignore[index]
          f" {first[3]} requests in all")  # type: ignore[index]
    for name, calendar in (("two calendars", "followups"), ("one calendar", "primary")):
        for count in (args.interviews, args.many):
            run = two if (calendar, count) == ("followups", args.interviews) else scenario(
                calendar, args.events, count)
            reminders = run["first"][1]  # type: ignore[index]
            print(f"first poll after writing {reminders} reminders ({name}): receives them"
                  f" once, {run['echo'][3]} bytes")  # type: ignore[index]
            for label, (per_cal, gmail, writes_, received) in zip(
                    ("before", "after"), run["polls"], strict=True):  # type: ignore[arg-type]
                print(f"idle poll, {name}, {reminders} reminders written, {label} the"
                      f" interviews: Calendar requests {per_cal} (target 1 per calendar),"
                      f" Gmail requests {gmail} (target <= 1), writes {writes_} (target 0),"
                      f" Calendar bytes received {received}")
    print(f"naive full re-list every poll: {naive_default} requests (default page size 250)"
          f" or {naive_2500} (maxResults=2500), plus the whole calendar downloaded each time;"
          f" naive reminder writes: {first[1]} requests (one insert each)")  # type: ignore[index]


if __name__ == "__main__":
    main()
