"""``status``: the pipeline as the state store knows it, without reading any calendar."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from daemon.report import fmt_time
from daemon.settings import Settings
from daemon.state import StateStore


def collect(store: StateStore, settings: Settings, now: datetime) -> dict[str, Any]:
    tz = ZoneInfo(settings.user.timezone)
    actions = store.actions()
    interviews = []
    for iid, row in sorted(store.interviews().items(), key=lambda kv: kv[1].interview.start):
        mine = sorted((a for (i, _), a in actions.items() if i == iid), key=lambda a: a.due)
        upcoming = [a for a in mine if a.state == "planned"]
        nxt = upcoming[0] if upcoming else None
        interviews.append(
            {
                "id": iid,
                "title": row.interview.title,
                "company": row.interview.company,
                "start": fmt_time(row.interview.start, tz),
                "status": row.status,
                "stage": _stage(row.status, mine),
                "next_action": None
                if nxt is None
                else {"type": nxt.type, "due": fmt_time(nxt.due, tz)},
            }
        )
    last = store.last_cycle()
    return {
        "now": fmt_time(now, tz),
        "timezone": settings.user.timezone,
        "state": str(store.path),
        "last_cycle": None
        if last is None
        else {"at": fmt_time(last[0], tz), "ok": last[1], "summary": last[2]},
        "interviews": interviews,
    }


def _stage(status: str, actions: list[Any]) -> str:
    """The furthest step done, in the words a job seeker uses."""
    if status != "active":
        return status
    done = {a.type for a in actions if a.state == "done"}
    for step, label in (
        ("final_follow_up", "closing the loop sent"),
        ("check_in_2", "second check-in"),
        ("check_in_1", "first check-in"),
        ("thank_you", "thank-you notes drafted"),
        ("debrief", "debriefed"),
        ("prep", "interview coming up"),
    ):
        if step in done:
            return label
    return "planned"


def table(doc: dict[str, Any]) -> str:
    lines = [f"Status as of {doc['now']} ({doc['timezone']}), state: {doc['state']}"]
    last = doc["last_cycle"]
    if last is None:
        lines.append("No cycle has run yet: run `interview-followup sync`.")
    else:
        ok = "ok" if last["ok"] else "FAILED"
        lines.append(f"Last cycle {last['at']}: {ok}: {last['summary']}")
    lines.append("")
    if not doc["interviews"]:
        lines.append("No interviews known yet.")
    for iv in doc["interviews"]:
        nxt = iv["next_action"]
        after = f"next: {nxt['type']} {nxt['due']}" if nxt else "nothing planned"
        lines.append(f"{iv['start'][:16]}  {iv['title'][:50]:50}  {iv['stage']:24} {after}")
    return "\n".join(lines) + "\n"
