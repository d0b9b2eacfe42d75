"""``status``: the pipeline as the state store knows it, without reading any calendar."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from daemon.replies import describe
from daemon.report import fmt_time, reply_json
from daemon.settings import Settings
from daemon.state import StateStore


def collect(store: StateStore, settings: Settings, now: datetime) -> dict[str, Any]:
    tz = ZoneInfo(settings.user.timezone)
    actions = store.actions()
    replies = store.replies()
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
                "replies": [
                    {**reply_json(r, tz), "summary": describe(r, row.interview.company, tz)}
                    for r in replies.get(iid, ())
                ],
            }
        )
    last = store.last_cycle()
    return {
        "now": fmt_time(now, tz),
        "timezone": settings.user.timezone,
        "state": str(store.path),
        "daemon": _daemon(settings),
        "last_cycle": None
        if last is None
        else {
            "at": fmt_time(last[0], tz),
            "ok": last[1],
            "outcome": "ok" if last[1] else "failed",
            "summary": last[2],
        },
        "degraded": None if last is None or last[1] else _degraded(store, last[2], tz),
        "interviews": interviews,
    }


def _daemon(settings: Settings) -> dict[str, Any]:
    """Who holds the instance lock: a running daemon (or a `sync` in progress)."""
    from daemon.lock import holder

    held = holder(settings.state_path)
    if held is None:
        return {"running": False, "pid": None, "command": None}
    return {"running": held.command == "run", "pid": held.pid, "command": held.command}


def _degraded(store: StateStore, summary: str, tz: ZoneInfo) -> dict[str, Any]:
    """The daemon's stored problem (kind, message, fix); from the summary line when the
    failing cycle left none (an older version, or a store it could not write)."""
    from daemon import health

    state = health.load(store)
    if state is not None and state.problem is not None:
        p = state.problem
        return {
            "kind": p.kind,
            "message": p.message,
            "fix": p.fix,
            "since": None if state.since is None else fmt_time(state.since, tz),
            "failures": state.failures,
            "retry_at": None if state.retry_at is None else fmt_time(state.retry_at, tz),
        }
    kind, _, message = summary.partition(": ")
    return {
        "kind": kind if message else "unknown",
        "message": message or summary,
        "fix": "run `interview-followup doctor`",
        "since": None,
        "failures": None,
        "retry_at": None,
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
    lines.append(_daemon_line(doc["daemon"]))
    last = doc["last_cycle"]
    if last is None:
        lines.append("No cycle has run yet: run `interview-followup sync`.")
    else:
        ok = "ok" if last["ok"] else "FAILED"
        lines.append(f"Last cycle {last['at']}: {ok}: {last['summary']}")
    lines.extend(_degraded_lines(doc["degraded"]))
    lines.append("")
    if not doc["interviews"]:
        lines.append("No interviews known yet.")
    for iv in doc["interviews"]:
        nxt = iv["next_action"]
        after = f"next: {nxt['type']} {nxt['due']}" if nxt else "nothing planned"
        lines.append(f"{iv['start'][:16]}  {iv['title'][:50]:50}  {iv['stage']:24} {after}")
        lines.extend(f"{'':18}{r['summary']}" for r in iv.get("replies", ()))
    return "\n".join(lines) + "\n"


def _daemon_line(daemon: dict[str, Any]) -> str:
    if daemon["command"] is None:
        return (
            "Daemon: not running (`systemctl --user start interview-followup`,"
            " or `interview-followup run`)"
        )
    pid = "pid unknown" if daemon["pid"] is None else f"pid {daemon['pid']}"
    if daemon["running"]:
        return f"Daemon: running ({pid})"
    return f"Daemon: not running; a `{daemon['command']}` holds the lock ({pid})"


def _degraded_lines(bad: dict[str, Any] | None) -> list[str]:
    if bad is None:
        return []
    since = f" since {bad['since']}" if bad["since"] else ""
    count = f", {bad['failures']} failed cycles" if bad["failures"] else ""
    retry = f", next try {bad['retry_at']}" if bad["retry_at"] else ""
    return [
        f"DEGRADED ({bad['kind']}){since}{count}{retry}: {bad['message']}",
        f"  fix: {bad['fix']}",
    ]
