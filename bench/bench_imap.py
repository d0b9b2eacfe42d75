"""IMAP cost of a poll, counted at a TCP proxy in front of a real Dovecot (issue 10).

usage: python bench/bench_imap.py [--interviews 13] [--user-drafts 200] [--polls 5]

Needs Dovecot (apt-get install dovecot-imapd). Real cycles (daemon.service.run_cycle with
the IMAP adapters over imapclient) with a calendar of N interviews, a drafts folder that
also holds the user's own drafts, and an inbox with mail:
1. the poll that writes the thank-you drafts: APPENDs, logins;
2. polls where nothing changed, in one process (the daemon): logins, connections, each IMAP
   command, APPEND and STORE (target: at most one login per poll, no APPEND, no STORE);
3. the same poll from a fresh process (``sync`` from a timer): what a cold cache costs;
4. the naive approach for comparison: a login per adapter call and a header FETCH of the
   whole drafts folder per poll.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.test_imap_cli import imap_config  # noqa: E402  (the CLI tests' config)

NY = ZoneInfo("America/New_York")


def calendar(interviews: int) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    for k in range(interviews):
        start = datetime(2026, 12, 1 + k % 20, 14, tzinfo=NY)
        lines += [
            "BEGIN:VEVENT",
            f"UID:iv{k}@bench",
            f"DTSTAMP:{start:%Y%m%dT%H%M%S}",
            f"DTSTART;TZID=America/New_York:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=America/New_York:{start + timedelta(hours=1):%Y%m%dT%H%M%S}",
            f"SUMMARY:Interview with Company{k} - Engineer",
            f"ORGANIZER;CN=Hiring Manager:mailto:hm@company{k}.com",
            f"ATTENDEE;CN=Hiring Manager;PARTSTAT=ACCEPTED:mailto:hm@company{k}.com",
            "ATTENDEE;CN=Alex Candidate;PARTSTAT=ACCEPTED:mailto:alex@example.com",
            "END:VEVENT",
        ]
    return "\r\n".join([*lines, "END:VCALENDAR", ""])


def fill(server: object, user_drafts: int) -> None:
    client = server.client()  # type: ignore[attr-defined]
    for i in range(user_drafts):
        raw = f"From: alex@example.com\r\nSubject: my draft {i}\r\n\r\n{'words ' * 50}\r\n"
        client.append("Drafts", raw.encode(), ["\\Draft"])
    for i in range(200):
        raw = f"From: news{i}@shop.example\r\nSubject: offer {i}\r\n\r\nbuy\r\n"
        server.deliver(raw.encode(), datetime(2026, 11, 20, tzinfo=NY))  # type: ignore[attr-defined]
    client.logout()


def measure(proxy: object, server: object, cycle: object) -> tuple[int, int, Counter[str]]:
    """Logins (Dovecot's log), connections and commands (the proxy) of one cycle."""
    proxy.reset()  # type: ignore[attr-defined]
    before = server.logins()  # type: ignore[attr-defined]
    cycle()  # type: ignore[operator]
    stats = proxy.stats  # type: ignore[attr-defined]
    return server.logins() - before, stats.connections, Counter(stats.commands)  # type: ignore[attr-defined]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--interviews", type=int, default=13)
    ap.add_argument("--user-drafts", type=int, default=200)
    ap.add_argument("--polls", type=int, default=5)
    args = ap.parse_args()

    import keyring

    from daemon import config, service
    from daemon.state import StateStore
    from integrations import registry
    from integrations.imap import close_sessions
    from integrations.secrets import SERVICE_NAME
    from tests.dovecot import BINARY, Dovecot
    from tests.fakes.memory_keyring import MemoryKeyring
    from tests.fakes.tcp_proxy import TcpProxy

    if BINARY is None:
        sys.exit("dovecot is not installed: apt-get install dovecot-imapd")
    keyring.set_keyring(MemoryKeyring())
    server = Dovecot(BINARY).start()
    work = Path(tempfile.mkdtemp(prefix="ifu-imap-bench-"))
    try:
        fill(server, args.user_drafts)
        keyring.set_password(SERVICE_NAME, f"imap:{server.user}", server.password)
        with TcpProxy(server.port) as proxy:
            (work / "calendar.ics").write_text(calendar(args.interviews))
            (work / "config.toml").write_text(imap_config(proxy.port, server.user))
            settings = config.load(work / "config.toml")
            store = StateStore(settings.state_path)

            def adapters() -> service.Adapters:
                return service.Adapters(
                    registry.make_source(settings, cursors=store),
                    registry.make_reminders(settings),
                    registry.make_drafts(settings),
                    registry.make_replies(settings),
                )

            daemon = adapters()
            before = datetime(2026, 11, 22, 9, tzinfo=NY)
            after = datetime(2026, 12, 21, 12, tzinfo=NY)

            def cycle_at(now: datetime, made: service.Adapters | None = None) -> object:
                return lambda: service.run_cycle(
                    settings, store, made or daemon, now, dry_run=False
                )

            measure(proxy, server, cycle_at(before))
            first = measure(proxy, server, cycle_at(after))
            idle = [measure(proxy, server, cycle_at(after)) for _ in range(args.polls)]
            close_sessions()
            cold = measure(proxy, server, lambda: (cycle_at(after, adapters())(),
                                                   close_sessions()))
    finally:
        server.cleanup()

    made = first[2]["APPEND"]
    print(f"{args.interviews} interviews, {args.user_drafts} of the user's own drafts,"
          " 200 other inbox messages")
    print(f"poll writing the thank-you drafts: {made} APPEND, {first[0]} login(s),"
          f" {sum(first[2].values())} commands")
    for i, (logins, conns, commands) in enumerate(idle, 1):
        print(f"idle poll {i} (daemon, same process): logins {logins} (target <= 1),"
              f" connections {conns}, APPEND {commands['APPEND']} STORE"
              f" {commands['UID STORE'] + commands['STORE']} (target 0), commands"
              f" {dict(sorted(commands.items()))}")
    logins, conns, commands = cold
    print(f"idle poll from a fresh process (sync): logins {logins}, connections {conns},"
          f" APPEND {commands['APPEND']} STORE {commands['UID STORE'] + commands['STORE']},"
          f" header FETCHes {commands['UID FETCH']}, commands {dict(sorted(commands.items()))}")
    naive_logins = 4  # drafts fingerprint, snapshot, record, replies: a login each
    print(f"naive: {naive_logins} logins per poll and a header FETCH of all"
          f" {args.user_drafts + made} drafts each time")


if __name__ == "__main__":
    main()
