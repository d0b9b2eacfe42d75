"""Request cost of the CalDAV path, counted from a real Radicale's request log (issue 10).

usage: python bench/bench_caldav.py [--events 1000] [--interviews 13]

Real cycles (daemon.service.run_cycle with the CalDAV adapters, the ``caldav`` library over
HTTP) against Radicale on 127.0.0.1, whose info-level log has one line per request:
1. first sync of a calendar of N events (one resource each): requests to read it, and the
   requests that wrote the reminders (one conditional PUT each: CalDAV has no batch);
2. a poll where nothing changed: requests per calendar, and writes;
3. a poll after the user changed one event: requests to see it;
4. the naive approach for comparison: one GET per event, or a full calendar-query each poll.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import BASE_CONFIG  # noqa: E402  (the CLI tests' setup)

NY = ZoneInfo("America/New_York")
WRITES = ("PUT", "DELETE", "MKCALENDAR", "PROPPATCH", "MOVE")


def vevent(uid: str, title: str, start: datetime, attendee: str | None = None) -> str:
    who = f"ATTENDEE;CN=Hiring Manager:mailto:{attendee}\r\n" if attendee else ""
    stamp = datetime(2026, 8, 1, tzinfo=UTC).strftime("%Y%m%dT%H%M%SZ")
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:{stamp}\r\n"
        f"DTSTART:{start.astimezone(UTC):%Y%m%dT%H%M%SZ}\r\n"
        f"DTEND:{(start + timedelta(minutes=45)).astimezone(UTC):%Y%m%dT%H%M%SZ}\r\n"
        f"SUMMARY:{title}\r\n{who}DESCRIPTION:{'agenda ' * 12}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def seed(folder: Path, n: int, interviews: int) -> None:
    """The user's calendar, written straight into Radicale's storage (one file per event,
    as Radicale keeps them): seeding 1,000 events over HTTP would measure nothing useful."""
    rng = random.Random(1)
    start = datetime(2026, 9, 1, 8, tzinfo=NY)
    step = n // max(1, interviews)
    for i in range(n):
        if interviews and i % step == 0 and i // step < interviews:
            k = i // step
            when = datetime(2026, 12, 1 + k % 20, 14, tzinfo=NY)
            text = vevent(f"iv{k}", f"Interview with Company{k} - Engineer", when,
                          f"hm@company{k}.com")
        else:
            when = start + timedelta(days=rng.randrange(240), hours=rng.randrange(10))
            title = rng.choice(["Standup", "1:1", "Lunch", "Planning", "Dentist", "Gym"])
            text = vevent(f"ev{i}", f"{title} {i}", when)
        (folder / f"ev{i:06d}.ics").write_text(text)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1000)
    ap.add_argument("--interviews", type=int, default=13)
    args = ap.parse_args()

    import keyring

    from daemon import backends, config, service
    from daemon.state import StateStore
    from integrations import secrets
    from integrations.caldav.session import CalDAVSession
    from tests.fakes.memory_keyring import MemoryKeyring
    from tests.fakes.radicale_server import PASSWORD, USER, Radicale

    keyring.set_keyring(MemoryKeyring())
    keyring.set_password(secrets.SERVICE_NAME, secrets.keyring_user("caldav", USER), PASSWORD)
    work = Path(tempfile.mkdtemp(prefix="ifu-caldav-bench-"))
    with Radicale(log_requests=True) as server:
        hands = CalDAVSession(server.url, USER, lambda: PASSWORD, timeout=600)
        cal = hands.make_calendar("Work")
        folder = server.root / "collections" / "collection-root" / USER / cal.url.split("/")[-2]
        seed(folder, args.events, args.interviews)
        hands.sync(cal.url, None)  # Radicale builds its caches of the new files: not ours
        (work / "config.toml").write_text(
            BASE_CONFIG.replace(
                '[source]\ntype = "ics"\npath = "calendar.ics"',
                '[source]\ntype = "caldav"\ncalendars = ["Work"]',
            ).replace(
                '[reminders]\ntype = "ics"\npath = "reminders.ics"',
                '[reminders]\ntype = "caldav"\ncalendar = "Follow-ups"',
            )
            + f'\n[caldav]\nurl = "{server.url}"\nusername = "{USER}"\n'
        )
        settings = config.load(work / "config.toml")
        store = StateStore(settings.state_path)
        adapters = service.Adapters(
            backends.make_source(settings, cursors=store),
            backends.make_reminders(settings),
            backends.make_drafts(settings),
        )
        now = datetime(2026, 11, 22, 9, tzinfo=NY)

        def cycle(at: datetime) -> tuple[list[tuple[str, str]], object]:
            seen = len(server.requests())
            _, rep = service.run_cycle(settings, store, adapters, at, dry_run=False)
            return server.requests()[seen:], rep

        first, rep = cycle(now)
        reads = [r for r in first if r[0] not in WRITES]
        puts = [r for r in first if r[0] == "PUT"]
        idle, _ = cycle(now)
        hands.request(
            "PUT",
            cal.url + "ev000001.ics",
            "bench",
            vevent("ev1", "Interview with Latecomer - Engineer", now + timedelta(days=3)),
            {"Content-Type": "text/calendar"},
        )
        changed, rep2 = cycle(now)

    def per_path(reqs: list[tuple[str, str]]) -> dict[str, int]:
        work = cal.url.split("/")[-2]
        names = ("Work" if p.strip("/").split("/")[-1] == work else "Follow-ups" for _m, p in reqs)
        return dict(Counter(names))

    print(f"calendar: {args.events} events in one calendar, {args.interviews} interviews")
    print(f"first sync: {len(reads)} read requests ({Counter(m for m, _ in reads)}); "
          f"{rep.reminders_created} reminders written with {len(puts)} PUTs")  # type: ignore[attr-defined]
    print(f"poll, nothing changed: {len(idle)} requests {per_path(idle)} "
          f"(target: 1 per calendar), writes {sum(m in WRITES for m, _ in idle)} (target 0)")
    print(f"poll after one new interview: {len(changed)} requests "
          f"({Counter(m for m, _ in changed)}); "
          f"{rep2.reminders_created} reminders created")  # type: ignore[attr-defined]
    print(f"naive: {args.events} GETs to read the calendar (one per event), or one full "
          f"calendar-query of {args.events} events on every poll")


if __name__ == "__main__":
    main()
