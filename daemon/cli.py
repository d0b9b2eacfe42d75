"""The console script. Maps every failure to one line and the exit code of interfaces.md.

Heavy imports (icalendar, holidays, the Google client) happen inside the commands, so
``--help`` and argument errors answer at once.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from daemon.backends import ACCOUNTS as ACCOUNT_NAMES
from daemon.config import ConfigError
from daemon.settings import Settings

log = logging.getLogger("interview-followup")

EXIT_OK, EXIT_OTHER, EXIT_USAGE, EXIT_INPUT, EXIT_AUTH = 0, 1, 2, 3, 4
# The reader of our output went away (`plan --json | head`): what a shell reports for a
# program that SIGPIPE stopped (128 + 13), so `set -o pipefail` sees the same as for cat.
EXIT_BROKEN_PIPE = 141


class UsageError(Exception):
    """Bad arguments the parser could not catch (exit 2)."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="interview-followup",
        description="Plans the follow-up after job interviews: calendar reminders and mail drafts.",
    )
    p.add_argument(
        "--config",
        type=Path,
        help="config file (default: $INTERVIEW_FOLLOWUP_CONFIG, "
        "then $XDG_CONFIG_HOME/interview-followup/config.toml)",
    )
    p.add_argument("--debug", action="store_true", help="verbose logs and tracebacks")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def now_opt(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--now", metavar="ISO", help="replace the clock (ISO 8601 with offset)")

    sp = sub.add_parser("plan", help="print every interview and its actions; writes nothing")
    sp.add_argument("--json", action="store_true", help="machine-readable output")
    sp.add_argument(
        "--explain",
        metavar="ID",
        help="where each field of one event's reading came from, and what replies said",
    )
    now_opt(sp)
    sp = sub.add_parser("sync", help="one full cycle: write every output that is due")
    sp.add_argument("--dry-run", action="store_true", help="say what would be written")
    now_opt(sp)
    sp = sub.add_parser("run", help="the daemon, in the foreground")
    now_opt(sp)
    sp = sub.add_parser("status", help="each interview, its stage and next action")
    sp.add_argument("--json", action="store_true")
    now_opt(sp)
    sp = sub.add_parser("auth", help="sign in: store the credentials of a provider")
    sp.add_argument("provider", choices=list(ACCOUNT_NAMES))
    sp.add_argument("--no-browser", action="store_true", help="google: print the URL instead")
    sp.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    sp = sub.add_parser("outcome", help="record an outcome: rejected, offer, withdrawn, replied")
    sp.add_argument("id")
    sp.add_argument("outcome", choices=["rejected", "offer", "withdrawn", "replied"])
    now_opt(sp)
    sp = sub.add_parser("timeline", help="record the employer's stated decision timeline")
    sp.add_argument("id")
    sp.add_argument("text", nargs="+")
    now_opt(sp)
    sp = sub.add_parser("doctor", help="check config, calendar, outputs and state; say what to fix")
    now_opt(sp)
    sp = sub.add_parser("classify", help="say what reply messages mean (no config needed)")
    sp.add_argument("--json", action="store_true", help="a list of {file, category, new_date}")
    sp.add_argument("files", nargs="+", metavar="FILE", help="RFC 5322 messages; - for stdin")
    sp = sub.add_parser(
        "demo",
        help="run one sync on a calendar made for today, in a folder of its own; print the plan",
    )
    sp.add_argument(
        "folder",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="where the demo's calendar, config, state and outputs go"
        " (default: ./interview-followup-demo)",
    )
    now_opt(sp)
    return p


def _setup_logging(debug: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    for noisy in (
        "googleapiclient",
        "google",
        "urllib3",
        "apscheduler",
        "caldav",
        "niquests",
        "imapclient",
    ):
        logging.getLogger(noisy).setLevel(logging.DEBUG if debug else logging.ERROR)
    warnings.simplefilter("default")
    warnings.showwarning = _log_warning
    for level in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        logging.addLevelName(getattr(logging, level), level.lower())


def _log_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    """Library warnings go to the log as one line (seen with --debug), never raw."""
    text = " ".join(str(message).split())
    log.debug("library warning: %s: %s (%s:%d)", category.__name__, text, filename, lineno)


def parse_now(value: str | None) -> datetime:
    """``--now`` or ``INTERVIEW_FOLLOWUP_NOW``; otherwise the real clock."""
    raw = value or os.environ.get("INTERVIEW_FOLLOWUP_NOW")
    if not raw:
        return datetime.now().astimezone()
    try:
        now = datetime.fromisoformat(raw)
    except ValueError:
        raise UsageError(f"--now: not an ISO 8601 date-time: {raw!r}") from None
    if now.tzinfo is None:
        raise UsageError(f"--now: {raw!r} needs an offset, e.g. 2026-12-01T18:00:00-05:00")
    return now


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _setup_logging(args.debug)
    try:
        code = _dispatch(args)
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        code = _broken_pipe()
    except Exception as exc:
        code = _report(exc, args.debug)
    sys.exit(code)


def _broken_pipe() -> int:
    """Quietly, as Python's documentation of SIGPIPE advises: whatever is still buffered
    goes to /dev/null, so the interpreter's last flush cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (tests capture stdout)
        pass
    return EXIT_BROKEN_PIPE


def _report(exc: BaseException, debug: bool) -> int:
    if debug:
        log.exception("failed")
    code, message = describe(exc)
    print(f"error: {message}", file=sys.stderr)
    return code


def describe(exc: BaseException) -> tuple[int, str]:
    """The exit code of interfaces.md for ``exc`` and its one line."""
    from daemon.backends import NotAvailable
    from daemon.demo import DemoError
    from daemon.ports import AuthError, BadInput
    from daemon.state import StateError

    code = EXIT_OTHER

    if isinstance(exc, ConfigError | UsageError | NotAvailable | DemoError):
        code = EXIT_USAGE
    elif isinstance(exc, BadInput):
        code = EXIT_INPUT
    elif isinstance(exc, AuthError):
        code = EXIT_AUTH
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if code == EXIT_OTHER and not isinstance(exc, StateError) and not _is_adapter(exc):
        message = f"unexpected {type(exc).__name__}: {message} (run with --debug for details)"
    return code, message


def _is_adapter(exc: BaseException) -> bool:
    from daemon.ports import AdapterError

    return isinstance(exc, AdapterError)


def _dispatch(args: argparse.Namespace) -> int:
    from daemon import config

    if args.command == "classify":
        return cmd_classify(args)
    if args.command == "demo":  # a config of its own: never the user's
        return cmd_demo(args)
    if args.command == "doctor":  # reports a bad config as one of its checks
        from daemon import doctor

        return doctor.run(args.config, parse_now(args.now))
    settings = config.load(args.config)
    commands: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
        "plan": cmd_plan,
        "sync": cmd_sync,
        "run": cmd_run,
        "status": cmd_status,
        "auth": cmd_auth,
        "outcome": cmd_outcome,
        "timeline": cmd_timeline,
    }
    return commands[args.command](args, settings)


def _store(settings: Settings, *, readonly: bool = False) -> Any:
    """The state store; a place it cannot be written is a config problem (exit 2)."""
    from daemon.state import StateAccessError, StateStore

    try:
        return StateStore(settings.state_path, readonly=readonly)
    except StateAccessError as exc:
        raise _state_path_error(settings, exc) from None


def _daemon_store(settings: Settings) -> Any:
    """The daemon's store: a failure to open it is a degraded state (``status`` says which),
    not a config error, since it can be fixed while the daemon keeps running."""
    from daemon.state import StateStore

    return StateStore(settings.state_path)


def _lock(settings: Settings, command: str) -> Any:
    """The instance lock next to the store, its folder made private first."""
    from daemon.lock import InstanceLock
    from daemon.state import private_folder

    try:
        private_folder(settings.state_path)
    except OSError as exc:
        raise _state_path_error(settings, exc) from None
    return InstanceLock(settings.state_path, command)


def _state_path_error(settings: Settings, exc: Exception) -> ConfigError:
    from daemon.config import path_error

    if isinstance(exc, OSError):
        where = exc.filename or settings.state_path
        return path_error(settings, "state", f"{where}: {exc.strerror or exc}")
    return path_error(settings, "state", str(exc))


def _planning_store(settings: Settings, *, readonly: bool = False) -> Any:
    """The state store of a command that plans: the holiday tables a cycle saved come back
    from it (no ``holidays`` import), then the holiday place is checked."""
    from daemon import config, holiday_cache

    store = _store(settings, readonly=readonly)
    holiday_cache.load(store)
    config.check_holidays(settings)
    return store


def _adapters(settings: Settings, store: Any, now: datetime | None = None) -> Any:
    from daemon import backends
    from daemon.service import Adapters

    source = backends.make_source(settings, cursors=store)
    return Adapters(
        source=source,
        reminders=backends.make_reminders(settings, cursors=store, source=source),
        drafts=backends.make_drafts(settings, clock=None if now is None else (lambda: now)),
        replies=backends.make_replies(settings),
    )


def _warn(warnings_: Sequence[str]) -> None:
    for w in warnings_:
        log.warning("%s", w)


def cmd_plan(args: argparse.Namespace, settings: Settings) -> int:
    if args.explain is not None:
        return _explain(args, settings, _planning_store(settings, readonly=True))
    _show_plan(settings, parse_now(args.now), as_json=args.json)
    return EXIT_OK


def _show_plan(settings: Settings, now: datetime, *, as_json: bool) -> None:
    from daemon import backends, report, service

    store = _planning_store(settings, readonly=True)
    ev = service.evaluate(settings, store, backends.make_source(settings, cursors=store), now)
    _warn(ev.warnings)
    tz, grace = settings.user.timezone, settings.timeline.grace_hours
    if as_json:
        doc = report.plan_json(now, tz, ev.plans, ev.skipped, grace)
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(report.plan_table(now, tz, ev.plans, ev.skipped, grace))


def _explain(args: argparse.Namespace, settings: Settings, store: Any) -> int:
    """``plan --explain ID``: the reading of one event, field by field, with its source."""
    from daemon import backends, explain, report

    read = backends.make_source(settings, cursors=store).read()
    _warn(read.warnings)
    event = explain.find_event(read.events, args.explain)
    if event is None:
        raise UsageError(
            f"no event with id {args.explain!r}, or several match (see `interview-followup plan`)"
        )
    rows = explain.rows_for(event, settings, store.corrections())
    if args.json:
        doc = {
            "id": event.interview_id,
            "title": event.title,
            "rows": explain.rows_json(rows),
            "replies": _replies_json(settings, store, event.interview_id),
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(report.explain_table(event.interview_id, event.title, rows))
        sys.stdout.write(_replies_explained(settings, store, event.interview_id))
    return EXIT_OK


def _replies_explained(settings: Settings, store: Any, interview_id: str) -> str:
    """The replies read for one interview, each with the cue that decided its category."""
    from daemon import report

    row = store.interviews().get(interview_id)
    company = row.interview.company if row else None
    replies = store.replies().get(interview_id, ())
    return report.explain_replies(replies, company, settings.user.timezone)


def _replies_json(settings: Settings, store: Any, interview_id: str) -> list[dict[str, Any]]:
    from daemon import report

    tz = ZoneInfo(settings.user.timezone)
    replies = store.replies().get(interview_id, ())
    return [{**report.reply_json(r, tz), "cue": r.cue} for r in replies]


SYNC_LOCK_WAIT = 5.0  # seconds a `sync` waits for another `sync` (or a daemon) to finish


def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    from daemon.lock import LockBusy, LockError

    now = parse_now(args.now)
    if args.dry_run:  # writes nothing, not even the store: it may look while the daemon works
        _sync_once(settings, now, dry_run=True, verbose=True)
        return EXIT_OK
    lock = _lock(settings, "sync")
    try:
        lock.acquire(wait=SYNC_LOCK_WAIT)
    except LockBusy as exc:
        why = "it syncs by itself" if exc.holder.command == "run" else "try again later"
        print(f"error: {exc}: {why} (see `interview-followup status`)", file=sys.stderr)
        return EXIT_OTHER
    except LockError as exc:
        raise _state_path_error(settings, exc) from None
    try:
        _sync_once(settings, now, dry_run=False, verbose=True)
    finally:
        lock.release()
    return EXIT_OK


def _sync_once(settings: Settings, now: datetime, *, dry_run: bool, verbose: bool) -> None:
    """One cycle, recorded for ``status`` whether it worked or failed."""
    from daemon import service

    store = _planning_store(settings, readonly=dry_run)  # a dry run creates no store either
    try:
        adapters = _adapters(settings, store, now)
        ev, rep = service.run_cycle(settings, store, adapters, now, dry_run=dry_run)
    except Exception as exc:
        if not dry_run:
            _record_failure(settings, store, now, exc)
        raise
    _warn(ev.warnings)
    if verbose:
        for line in rep.lines:
            print(("would " if dry_run else "") + line)
    print(rep.summary())
    if not dry_run:
        from daemon import health

        with store.transaction():
            store.record_cycle(now, True, rep.summary())
            health.save(store, health.Health(None, None, 0, None, None))


def _record_failure(settings: Settings, store: Any, now: datetime, exc: Exception) -> None:
    """A failed `sync` is a cycle too: `status` shows the failure and its fix, as it does
    for the daemon's. A store that cannot take the record is the failure being reported."""
    from daemon import health

    problem = health.classify(exc, settings)
    before = health.load(store)
    ongoing = before is not None and before.problem is not None
    state = health.Health(
        problem,
        before.since if before is not None and ongoing else now,
        before.failures + 1 if before is not None and ongoing else 1,
        None,
        None,
    )
    try:
        with store.transaction():
            store.record_cycle(now, False, f"{problem.kind}: {problem.message}")
            health.save(store, state)
    except Exception as failed:
        log.debug("cannot record the failed cycle: %s", failed)


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    """The daemon. ``--now`` (or INTERVIEW_FOLLOWUP_NOW) starts its clock at that instant,
    which then runs at real speed: a replay of a given day, for tests and benchmarks.
    Store and adapters are made by the daemon's worker thread (SQLite is per thread)."""
    from daemon import config, scheduler
    from daemon.lock import LockBusy, LockError

    start = parse_now(args.now)
    shifted = bool(args.now or os.environ.get("INTERVIEW_FOLLOWUP_NOW"))
    clock = scheduler.WallClock(start - datetime.now().astimezone() if shifted else timedelta(0))
    lock = _lock(settings, "run")
    try:
        lock.acquire()
    except LockBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except LockError as exc:
        raise _state_path_error(settings, exc) from None
    try:
        _store(settings).close()  # a store we cannot write: exit 2 now, not a degraded daemon
        config.check_holidays(settings)  # a bad place: exit 2 too
        return scheduler.run(settings, _daemon_store, _adapters, clock=clock)
    finally:
        lock.release()


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    from daemon import status

    now = parse_now(args.now)
    doc = status.collect(_store(settings, readonly=True), settings, now)
    if args.json:
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(status.table(doc))
    return EXIT_OK


def cmd_auth(args: argparse.Namespace, settings: Settings) -> int:
    """Sign in with the provider named; its Account stores the credentials."""
    from daemon import backends

    options = backends.AuthOptions(no_browser=args.no_browser, password_stdin=args.password_stdin)
    print(backends.account(args.provider).authorize(settings, options))
    return EXIT_OK


def _resolve_id(settings: Settings, store: Any, wanted: str, now: datetime) -> Any:
    """An interview by its full id, its UID, or a unique part of its id: among those the
    state store knows first, the calendar is read only when none of them matches."""
    known = {iid: row.interview for iid, row in store.interviews().items()}
    hits = _matching(known, wanted)
    if not hits:
        from daemon import backends, service

        ev = service.evaluate(settings, store, backends.make_source(settings), now)
        known.update({p.interview.id: p.interview for p in ev.plans})
        hits = _matching(known, wanted)
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise UsageError(f"no interview with id {wanted!r} (see `interview-followup plan`)")
    raise UsageError(f"{wanted!r} matches {len(hits)} interviews; give more of the id")


def _matching(known: dict[str, Any], wanted: str) -> list[Any]:
    if wanted in known:
        return [known[wanted]]
    return [iv for iid, iv in known.items() if iv.uid == wanted or wanted in iid]


def cmd_outcome(args: argparse.Namespace, settings: Settings) -> int:
    now = parse_now(args.now)
    store = _store(settings)
    iv = _resolve_id(settings, store, args.id, now)
    with store.transaction():
        store.save_interview(iv, now)
        store.set_outcome(iv.id, args.outcome, now)
    print(f"recorded: {iv.title} -> {args.outcome} (the next sync updates the plan)")
    return EXIT_OK


def cmd_timeline(args: argparse.Namespace, settings: Settings) -> int:
    from daemon.timeline import resolve_timeline

    now = parse_now(args.now)
    text = " ".join(args.text)
    store = _store(settings)
    iv = _resolve_id(settings, store, args.id, now)
    day = resolve_timeline(text, iv.start.astimezone(ZoneInfo(settings.user.timezone)).date())
    if day is None:
        raise UsageError(
            f"cannot read the timeline {text!r}: try '2026-12-08', 'next Tuesday', 'Dec 4',"
            " 'within a week' or '10 days'"
        )
    with store.transaction():
        store.save_interview(iv, now)
        store.set_timeline_command(iv.id, text)
    print(f"recorded: {iv.title}: decision expected {day:%a %Y-%m-%d}")
    return EXIT_OK


def cmd_classify(args: argparse.Namespace) -> int:
    """Reads messages and says what each means; needs no config and writes nothing."""
    from daemon.classify import classify_bytes

    results: list[dict[str, Any]] = []
    unreadable = False
    for name in args.files:
        try:
            raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            print(f"error: {name}: cannot read: {exc.strerror}", file=sys.stderr)
            unreadable = True
            continue
        reading = classify_bytes(raw)
        new_date = reading.new_date.isoformat() if reading.new_date else None
        results.append(
            {"file": name, "category": reading.category, "new_date": new_date, "_why": reading}
        )
    if args.json:
        doc = [{k: v for k, v in r.items() if k != "_why"} for r in results]
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        for r in results:
            sys.stdout.write(_classify_line(r["file"], r["_why"]))
    return EXIT_INPUT if unreadable else EXIT_OK


def _classify_line(name: str, reading: Any) -> str:
    extra = []
    if reading.new_date:
        extra.append(f"decision expected {reading.new_date:%a %Y-%m-%d}")
    if reading.until:
        extra.append(f"away until {reading.until:%a %Y-%m-%d}")
    if reading.asked:
        extra.append(f"asks for {reading.asked}")
    details = f" ({'; '.join(extra)})" if extra else ""
    return f"{name}: {reading.category}{details}; cue: {reading.cue}\n"


def cmd_demo(args: argparse.Namespace) -> int:
    """Writes the demo folder, runs one sync there, prints the plan and where to look."""
    from daemon import config, demo

    now = parse_now(args.now)
    folder = args.folder or demo.DEFAULT_FOLDER
    settings = config.load(demo.prepare(folder, now))
    print(f"demo: a calendar made for {now.astimezone(ZoneInfo(demo.TIMEZONE)):%Y-%m-%d}")
    _sync_once(settings, now, dry_run=False, verbose=False)
    print()
    _show_plan(settings, now, as_json=False)  # as `plan` shows it from now on
    print()
    program = sys.argv[0] if Path(sys.argv[0]).name == demo.PROGRAM else demo.PROGRAM
    sys.stdout.write(demo.where_to_look(settings, program, folder / demo.CONFIG))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    main()
