"""``status``: the pipeline as the state store knows it, without reading any calendar."""

from __future__ import annotations

import textwrap
from datetime import datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from daemon.delivery import delivery_for
from daemon.model import Action, ActionState, ActionType, Interview
from daemon.progress import LABELS, Step, progress, reminder_only_done
from daemon.replies import describe
from daemon.report import fmt_time, progress_json, reply_json
from daemon.settings import Settings
from daemon.state import LIVE, USER_MODIFIED, ActionRow, InterviewRow, OutputRow, StateStore


def collect(store: StateStore, settings: Settings, now: datetime) -> dict[str, Any]:
    tz = ZoneInfo(settings.user.timezone)
    actions = store.actions()
    outputs = store.outputs()
    drafts: dict[str, list[OutputRow]] = {}
    for o in outputs.values():
        if o.kind == "draft":
            drafts.setdefault(o.interview_id, []).append(o)
    reminders = _reminders(outputs)
    grace = settings.timeline.grace_hours
    rows = store.interviews()
    replies = store.replies()
    interviews = []
    for iid, row in sorted(rows.items(), key=lambda kv: kv[1].interview.start):
        iv = row.interview
        mine = [a for (i, _), a in actions.items() if i == iid]
        steps = _steps(iv, mine, reminders, {o.action for o in drafts.get(iid, [])}, now)
        where = progress(row.status, iv.start, iv.end, steps, now, grace)
        interviews.append(
            {
                "id": iid,
                "title": iv.title,
                "company": iv.company,
                "role": iv.role,
                "start": fmt_time(iv.start, tz),
                "end": fmt_time(iv.end, tz),
                "status": row.status,
                **progress_json(where, tz),
                "drafts_waiting": sum(1 for o in drafts.get(iid, []) if o.status == LIVE),
                "replies": [
                    {**reply_json(r, tz), "summary": describe(r, iv.company, tz)}
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
        "unfinished_drafts": _unfinished(rows, outputs),
    }


def unfinished_drafts(store: StateStore) -> list[dict[str, Any]]:
    """Drafts that still hold ``[[...]]`` places, so none goes out half-made.

    What the draft held when written, or, once the user edited it and the mailbox let us
    read it again, what it holds now (``edited``: the user has worked on it since).
    """
    return _unfinished(store.interviews(), store.outputs())


def _unfinished(
    rows: dict[str, InterviewRow], outputs: dict[str, OutputRow]
) -> list[dict[str, Any]]:
    titles = {iid: row.interview.title for iid, row in rows.items()}
    found = []
    for row in sorted(outputs.values(), key=lambda r: (r.due, r.key)):
        if row.kind != "draft" or row.status not in (LIVE, USER_MODIFIED):
            continue
        if not row.open_places or row.interview_id not in titles:
            continue
        found.append(
            {
                "interview_id": row.interview_id,
                "title": titles[row.interview_id],
                "action": row.action,
                "to": row.recipient,
                "places": list(row.open_places),
                "edited": row.status == USER_MODIFIED,
            }
        )
    return found


def unfinished_lines(drafts: list[dict[str, Any]]) -> list[str]:
    """One line per draft that still holds ``[[...]]`` places (``status``, ``doctor``)."""
    lines = []
    for d in drafts:
        count = len(d["places"])
        edited = ", edited since" if d["edited"] else ""
        lines.append(
            f"  {d['action']} to {d['to']} ({d['title'][:40]}){edited}:"
            f" {count} [[...]] place{'s' if count != 1 else ''}, first: [[{d['places'][0][:60]}]]"
        )
    return lines


def _steps(
    iv: Interview,
    actions: list[ActionRow],
    reminders: dict[tuple[str, str], OutputRow],
    drafted: set[str],
    now: datetime,
) -> list[Step]:
    """The stored action states as ``plan`` would see them now: a reminder-only action
    whose reminder exists is done once its time has come (the cycle's own rule)."""
    steps = []
    for a in actions:
        kind = cast(ActionType, a.type)
        action = Action(kind, a.due, cast(ActionState, a.state), delivery_for(kind, iv).outputs)
        reminder = reminders.get((iv.id, a.type))
        state = "done" if reminder_only_done(action, reminder, now) else a.state
        steps.append(Step(a.type, a.due, state, a.type in drafted))
    return steps


def _reminders(outputs: dict[str, OutputRow]) -> dict[tuple[str, str], OutputRow]:
    """Each action's reminder by (interview id, action), a live one first: by its row, not
    a key computed again, since an upgraded store's keys come from the interview's old id."""
    found: dict[tuple[str, str], OutputRow] = {}
    for row in sorted(outputs.values(), key=lambda r: r.status in (LIVE, USER_MODIFIED)):
        if row.kind == "calendar":
            found[(row.interview_id, row.action)] = row
    return found


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


WIDTH = 80  # the table fits; a command or path to copy is never wrapped


def table(doc: dict[str, Any]) -> str:
    """The pipeline on one screen: health first, then one line per interview."""
    now = datetime.fromisoformat(doc["now"])
    head = [f"Status at {now:%a %d %b %Y %H:%M} ({doc['timezone']})", _daemon_line(doc["daemon"])]
    last = doc["last_cycle"]
    if last is None:
        head.append("No cycle has run yet: run `interview-followup sync`.")
    else:
        ok = "ok" if last["ok"] else "FAILED"
        head.append(f"Last cycle {last['at']}: {ok}: {last['summary']}")
    lines = [w for line in head for w in _wrap(line)]
    lines.extend(_degraded_lines(doc["degraded"], now))
    lines.append("")
    lines.extend(_interview_lines(doc["interviews"], now))
    lines.extend(_due_now_lines(doc["interviews"], now))
    lines.extend(_to_fill_lines(doc["unfinished_drafts"]))
    lines += ["", f"State: {doc['state']}"]
    return "\n".join(lines) + "\n"


def _interview_lines(interviews: list[dict[str, Any]], now: datetime) -> list[str]:
    if not interviews:
        return ["No interviews known yet."]
    lines = [f"{'INTERVIEW':24} {'STAGE':20} {'NEXT':27} {'DRAFTS':>6}"]
    for iv in interviews:
        name = " · ".join(x for x in (iv["company"], iv["role"]) if x) or iv["title"]
        nxt = iv["next_action"]
        after = "nothing planned" if nxt is None else f"{_label(nxt)} {_when(nxt['due'], now)}"
        waiting = str(iv.get("drafts_waiting") or "-")
        lines.append(f"{_clip(name, 24):24} {_clip(iv['stage'], 20):20} {after:27} {waiting:>6}")
        lines.extend(f"  {_clip(r['summary'], 76)}" for r in iv.get("replies", ()))
    return lines


def _due_now_lines(interviews: list[dict[str, Any]], now: datetime) -> list[str]:
    due = [(iv, s) for iv in interviews for s in iv.get("due_now") or []]
    if not due:
        return []
    lines = ["", "Due now, made by the next cycle (`interview-followup sync`, or the daemon):"]
    for iv, step in due:
        who = iv["company"] or iv["title"]
        lines.extend(_wrap(f"  {_label(step)} for {who}, due {_when(step['due'], now)}"))
    return lines


def _to_fill_lines(drafts: list[dict[str, Any]]) -> list[str]:
    if not drafts:
        return []
    lines = ["", f"Drafts still holding [[...]] places ({len(drafts)}): fill them before sending"]
    for d in drafts:
        what = LABELS.get(d["action"], d["action"])
        places = ", ".join(d["places"])
        edited = " (edited since)" if d["edited"] else ""
        lines.extend(_wrap(f"  {_clip(d['title'], 30)}, {what} to {d['to']}{edited}: {places}"))
    return lines


def _label(step: dict[str, str]) -> str:
    return LABELS.get(step["type"], step["type"])


def _when(iso: str, now: datetime) -> str:
    """'Thu 03 Dec 10:00', with the year when it is not this year's."""
    moment = datetime.fromisoformat(iso)
    return f"{moment:%a %d %b %H:%M}" if moment.year == now.year else f"{moment:%a %d %b %Y}"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _wrap(line: str) -> list[str]:
    return textwrap.wrap(
        line, WIDTH, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False
    ) or [""]


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


def _degraded_lines(bad: dict[str, Any] | None, now: datetime) -> list[str]:
    if bad is None:
        return []
    since = f" since {_when(bad['since'], now)}" if bad["since"] else ""
    n = bad["failures"]
    count = f", {n} failed cycle{'' if n == 1 else 's'}" if n else ""
    retry = f", next try {_when(bad['retry_at'], now)}" if bad["retry_at"] else ""
    return [
        *_wrap(f"DEGRADED ({bad['kind']}){since}{count}{retry}: {bad['message']}"),
        f"  fix: {bad['fix']}",
    ]
