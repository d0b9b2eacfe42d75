"""JSON for the domain types the state store keeps (interviews, skips, cancellations).

JSON rather than pickle: the state file outlives code versions, and a row that no longer
decodes must be a cache miss, not a crash or an arbitrary-code risk.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from daemon.model import Cancellation, Interview, Person, Skip, StatedTimeline


def person_to(p: Person | None) -> dict[str, Any] | None:
    return None if p is None else {"name": p.name, "email": p.email}


def person_from(d: dict[str, Any] | None) -> Person | None:
    return None if d is None else Person(name=d.get("name"), email=str(d["email"]))


def interview_to(iv: Interview) -> dict[str, Any]:
    return {
        "id": iv.id,
        "source_id": iv.source_id,
        "uid": iv.uid,
        "title": iv.title,
        "start": iv.start.isoformat(),
        "end": iv.end.isoformat(),
        "company": iv.company,
        "role": iv.role,
        "kind": iv.kind,
        "round": iv.round,
        "interviewers": [person_to(p) for p in iv.interviewers],
        "contact": person_to(iv.contact),
        "domains": sorted(iv.domains),
        "timeline": None
        if iv.timeline is None
        else {"text": iv.timeline.text, "origin": iv.timeline.origin},
        "prefers_phone": iv.prefers_phone,
        "explicit_round": iv.explicit_round,
        "recurrence_id": iv.recurrence_id,
        "location": iv.location,
    }


def interview_from(d: dict[str, Any]) -> Interview:
    tl = d.get("timeline")
    return Interview(
        id=d["id"],
        source_id=d["source_id"],
        uid=d["uid"],
        title=d["title"],
        start=datetime.fromisoformat(d["start"]),
        end=datetime.fromisoformat(d["end"]),
        company=d.get("company"),
        role=d.get("role"),
        kind=d.get("kind"),
        round=int(d.get("round", 1)),
        interviewers=tuple(p for p in map(person_from, d.get("interviewers", [])) if p),
        contact=person_from(d.get("contact")),
        domains=frozenset(d.get("domains", [])),
        timeline=None if tl is None else StatedTimeline(text=tl["text"], origin=tl["origin"]),
        prefers_phone=bool(d.get("prefers_phone", False)),
        explicit_round=bool(d.get("explicit_round", False)),
        recurrence_id=d.get("recurrence_id"),
        location=d.get("location", ""),
    )


def skip_to(s: Skip) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "reason": s.reason}


def skip_from(d: dict[str, Any]) -> Skip:
    return Skip(id=d["id"], title=d["title"], reason=d["reason"])


def cancellation_to(c: Cancellation) -> dict[str, Any]:
    return {"id": c.id, "title": c.title}


def cancellation_from(d: dict[str, Any]) -> Cancellation:
    return Cancellation(id=d["id"], title=d["title"])
