"""Generate a large, realistic .ics calendar for the source-reading benchmark.

usage: python bench/gen_calendar.py OUT.ics --events 10000 --interviews 200 --seed 1

The file looks like a busy work calendar exported by Google/Outlook: several VTIMEZONEs
(IANA, a Windows name and a custom one), weekly series with EXDATEs and moved occurrences,
organizers and attendee lists, multi-line descriptions, alarms, CRLF and 75-octet folding.
``--interviews`` of the events are job interviews written in the title shapes the rules
describe; the rest never mention a detection keyword. Same seed, same bytes.
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path

VTIMEZONES = {
    "America/New_York": """BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE""",
    "Europe/Berlin": """BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE""",
    "W. Europe Standard Time": """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE""",
    "Customized Time Zone": """BEGIN:VTIMEZONE
TZID:Customized Time Zone
BEGIN:STANDARD
DTSTART:16010101T000000
TZOFFSETFROM:+0530
TZOFFSETTO:+0530
END:STANDARD
END:VTIMEZONE""",
    "Asia/Tokyo": """BEGIN:VTIMEZONE
TZID:Asia/Tokyo
BEGIN:STANDARD
TZOFFSETFROM:+0900
TZOFFSETTO:+0900
TZNAME:JST
DTSTART:19700101T000000
END:STANDARD
END:VTIMEZONE""",
}
ZONES = [*VTIMEZONES, "UTC", "floating"]

MEETINGS = [
    "1:1 {a}", "Sprint planning", "Standup", "Retro", "Design review: {p}", "Lunch with {a}",
    "Dentist", "Quarterly business review", "Coffee chat", "{p} sync", "Budget meeting",
    "Team offsite planning", "Customer call - {c}", "Gym", "Pick up kids", "All hands",
    "Architecture deep dive", "Release {n}", "Board prep", "Vendor demo: {c}",
]
PROJECTS = ["Atlas", "Borealis", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Helix"]
PEOPLE = [
    ("Ana Souza", "ana"), ("Bo Chen", "bo"), ("Chidi Okafor", "chidi"), ("Dana Weiß", "dana"),
    ("Eli Cohen", "eli"), ("Fatima Zahra", "fatima"), ("Goran Petrović", "goran"),
    ("Hana Sato", "hana"), ("Ivan Ivanov", "ivan"), ("José García", "jose"),
    ("Kim Lee", "kim"), ("Liam Murphy", "liam"), ("Zoë Martin", "zoe"),
]
COMPANIES = [
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Piedpiper", "Stark", "Wayne", "Wonka",
    "Cyberdyne", "Soylent", "Tyrell", "Massive", "Vandelay", "Oscorp", "Aperture",
]
ROLES = ["Senior Developer", "Staff Engineer", "Data Scientist", "Product Manager", "SRE"]
INTERVIEW_TITLES = [
    "Interview with {c} - {r}", "{c} - {r} interview", "Interview for {r} at {c}",
    "{c}: phone screen", "Final round - {c}", "Phone screen with {c}", "Technical screen",
    "{c} onsite", "Hiring manager chat ({c})", "Second round interview - {c}",
]
WORK_DOMAIN = "example.com"
USER = "alex@example.com"
BODY = (
    "Agenda:\n- status of {p}\n- risks and blockers\n- next steps\n\n"
    "Notes from last time are in the shared doc. Please come prepared with numbers for the "
    "{p} workstream; we will also review open action items from the previous meeting.\n"
)


def fold(line: str) -> str:
    """RFC 5545 folding: at most 75 octets per physical line, continuation starts with SP."""
    out: list[str] = []
    cur: list[str] = []
    size = 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > 75:
            out.append("".join(cur))
            cur, size = [" "], 1
        cur.append(ch)
        size += n
    out.append("".join(cur))
    return "\r\n".join(out)


def esc(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )


def dt_prop(name: str, when: datetime, zone: str) -> str:
    stamp = when.strftime("%Y%m%dT%H%M%S")
    if zone == "UTC":
        return f"{name}:{stamp}Z"
    if zone == "floating":
        return f"{name}:{stamp}"
    return f"{name};TZID={zone}:{stamp}"


def person_line(kind: str, name: str, mail: str, rng: random.Random, extra: str = "") -> str:
    if kind == "ORGANIZER":
        return f"ORGANIZER;CN={name}:mailto:{mail}"
    stat = rng.choice(["ACCEPTED", "ACCEPTED", "TENTATIVE", "NEEDS-ACTION", "DECLINED"])
    return (
        f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={stat};RSVP=TRUE;"
        f"CN={name}{extra};X-NUM-GUESTS=0:mailto:{mail}"
    )


def alarm() -> list[str]:
    return ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT10M",
            "END:VALARM"]


def common(uid: str, start: datetime, minutes: int, zone: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        dt_prop("DTSTART", start, zone),
        dt_prop("DTEND", start + timedelta(minutes=minutes), zone),
        "DTSTAMP:20260101T120000Z",
        f"UID:{uid}",
        "CREATED:20251201T080000Z",
        "LAST-MODIFIED:20251215T093000Z",
        "SEQUENCE:0",
        "TRANSP:OPAQUE",
    ]


def meeting(uid: str, rng: random.Random, start: datetime, zone: str) -> list[str]:
    who = rng.sample(PEOPLE, rng.randint(1, 6))
    proj = rng.choice(PROJECTS)
    title = rng.choice(MEETINGS).format(
        a=who[0][0], p=proj, c=rng.choice(COMPANIES) + " Corp", n=f"{rng.randint(1, 9)}.0"
    )
    lines = common(uid, start, rng.choice([15, 30, 45, 60]), zone)
    lines.append(f"SUMMARY:{esc(title)}")
    lines.append(f"DESCRIPTION:{esc(BODY.format(p=proj) * rng.randint(1, 3))}")
    lines.append(f"LOCATION:{esc(rng.choice(['Room 4.12', 'https://zoom.us/j/9' + uid[:6], '']))}")
    lines.append(person_line("ORGANIZER", who[0][0], f"{who[0][1]}@{WORK_DOMAIN}", rng))
    for name, local in who[1:]:
        lines.append(person_line("ATTENDEE", name, f"{local}@{WORK_DOMAIN}", rng))
    lines.append(person_line("ATTENDEE", "Alex Candidate", USER, rng))
    lines.append("STATUS:CONFIRMED")
    if rng.random() < 0.5:
        lines += alarm()
    return lines


def recurring(
    uid: str, rng: random.Random, start: datetime, overrides: list[list[str]]
) -> list[str]:
    """A weekly series with one EXDATE and, sometimes, one moved occurrence (an override)."""
    zone = rng.choice(ZONES)
    lines = meeting(uid, rng, start, zone)
    lines.insert(3, "RRULE:FREQ=WEEKLY;BYDAY=" + start.strftime("%a")[:2].upper() + ";COUNT=52")
    lines.insert(4, dt_prop("EXDATE", start + timedelta(weeks=rng.randint(2, 20)), zone))
    if rng.random() < 0.3:
        original = start + timedelta(weeks=rng.randint(21, 40))
        over = meeting(uid, rng, original + timedelta(hours=1), zone)
        over.insert(1, dt_prop("RECURRENCE-ID", original, zone))
        overrides.append(over)
    return lines


def interview(i: int, rng: random.Random, start: datetime) -> list[str]:
    company = rng.choice(COMPANIES)
    role = rng.choice(ROLES)
    domain = company.lower() + ".com"
    zone = rng.choice(["America/New_York", "UTC", "floating", "W. Europe Standard Time"])
    lines = common(f"iv-{i:06d}-{rng.getrandbits(40):010x}@google.com", start, 60, zone)
    title = rng.choice(INTERVIEW_TITLES).format(c=company, r=role)
    lines.append(f"SUMMARY:{esc(title)}")
    desc = f"Company: {company}\nRole: {role}\n" if rng.random() < 0.5 else ""
    desc += f"Join: https://{domain.split('.')[0]}.zoom.us/j/{rng.randint(10**9, 10**10)}\n"
    desc += "Looking forward to talking to you! " * rng.randint(1, 4)
    lines.append(f"DESCRIPTION:{esc(desc)}")
    lines.append(f"ORGANIZER;CN=Recruiter {company}:mailto:talent@{domain}")
    for name, local in rng.sample(PEOPLE, rng.randint(1, 3)):
        lines.append(person_line("ATTENDEE", name, f"{local}@{domain}", rng))
    lines.append(person_line("ATTENDEE", "Alex Candidate", USER, rng))
    lines.append("STATUS:CONFIRMED")
    return lines + alarm()


def build(events: int, interviews: int, seed: int) -> str:
    rng = random.Random(seed)
    head = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
            "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:alex@example.com", "X-WR-TIMEZONE:America/New_York"]
    body: list[str] = [*head, *"\n".join(VTIMEZONES.values()).split("\n")]
    interview_at = set(rng.sample(range(events), interviews))
    base = datetime(2026, 1, 5, 8, 0)
    overrides: list[list[str]] = []
    for i in range(events):
        start = base + timedelta(days=rng.randint(0, 700), minutes=15 * rng.randint(0, 40))
        uid = f"{i:06d}-{rng.getrandbits(48):012x}@google.com"
        if i in interview_at:
            ev = interview(i, rng, start)
        elif rng.random() < 0.1:
            ev = recurring(uid, rng, start, overrides)
        else:
            ev = meeting(uid, rng, start, rng.choice(ZONES))
        body += [*ev, "END:VEVENT"]
    for over in overrides:
        body += [*over, "END:VEVENT"]
    body.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--interviews", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.interviews > args.events:
        parser.error("--interviews must not exceed --events")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(build(args.events, args.interviews, args.seed).encode("utf-8"))


if __name__ == "__main__":
    main()
