"""``run``: decides when cycles happen. What a cycle does is ``service.run_cycle``'s business.

Two layers, so the decisions can be tested without waiting for real time:

``Engine``
    Runs one cycle at a moment it is given, turns any failure into a state (log line,
    ``status``, backoff) and derives from the state store the moments worth waking up
    for: the due time of every planned action still ahead. It owns no clock and no
    thread; ``tests/test_month.py`` drives it through a month of virtual time.

``Service``
    APScheduler 3 in the foreground: a ``BackgroundScheduler`` with ONE worker thread, so
    cycles never overlap; a poll job every ``[daemon] poll_minutes``; one date job per
    future due time, re-derived from the state store after every cycle (never a persistent
    pickled job store, which silently drops jobs it cannot unpickle); a retry job while
    degraded. Signals, the systemd notify protocol and the watchdog live here.

Job settings, chosen deliberately:

* ``misfire_grace_time=None``: a job that fires late (the machine slept, the worker was
  busy with a long cycle) still runs. Lateness is not APScheduler's call: ``run_cycle``
  applies the rules' grace, does what is still useful and marks the rest expired.
* ``coalesce=True``: after a weekend asleep, the missed polls collapse into one cycle.
* ``max_instances=1``: a job never queues behind itself.

On start, the first cycle does the catch-up (it is an ordinary cycle: everything due and
within grace is written, stale actions are expired); ``READY=1`` follows it.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from daemon import health
from daemon.health import Health, Problem
from daemon.sdnotify import Notifier
from daemon.settings import Settings

log = logging.getLogger("interview-followup")

FIRST_RETRY = 30.0  # seconds; doubles per failed cycle up to the poll interval
MAX_DATE_JOBS = 256  # nearest due times only; the horizon moves on after every cycle
STUCK_AFTER = 15 * 60.0  # a cycle running longer than this stops the watchdog pings
HEARTBEAT = 60.0  # seconds between clock-jump checks when systemd wants no watchdog
CLOCK_JUMP = 5.0  # seconds of wall-clock vs monotonic drift that mean suspend or a reset

POLL_JOB, RETRY_JOB, RELOAD_JOB, FIRST_JOB = "poll", "retry", "reload", "first"
DUE_PREFIX = "due:"
JOB_DEFAULTS = {"misfire_grace_time": None, "coalesce": True, "max_instances": 1}


@dataclass(frozen=True)
class WallClock:
    """Real time, shifted by ``offset`` for ``run --now``: a replay that then runs at real
    speed from that instant. APScheduler keeps real time; ``real()`` converts for it."""

    offset: timedelta = timedelta(0)

    def now(self) -> datetime:
        return datetime.now().astimezone() + self.offset

    def real(self, moment: datetime) -> datetime:
        return moment - self.offset


class Backoff:
    """30 s, 60 s, 120 s ... capped at the poll interval: never a tight loop."""

    def __init__(self, first: float, cap: float) -> None:
        self.first = first
        self.cap = max(cap, first)
        self.failures = 0

    def fail(self) -> float:
        self.failures += 1
        return float(min(self.cap, self.first * 2 ** min(self.failures - 1, 30)))

    def reset(self) -> None:
        self.failures = 0


@dataclass(frozen=True)
class Outcome:
    ok: bool
    summary: str
    retry_in: float | None  # seconds to the retry while degraded


StoreFactory = Callable[[Settings], Any]
AdaptersFactory = Callable[[Settings, Any], Any]


class Engine:
    """One cycle at a given moment, failures as states, and the moments to wake up for.

    The store and adapters are opened on first use, in the thread that runs cycles:
    SQLite connections belong to the thread that made them.
    """

    def __init__(
        self,
        settings: Settings,
        open_store: StoreFactory,
        make_adapters: AdaptersFactory,
    ) -> None:
        self.settings = settings
        self._open_store = open_store
        self._make_adapters = make_adapters
        self.store: Any = None
        self.adapters: Any = None
        self.backoff = Backoff(FIRST_RETRY, settings.poll_minutes * 60)
        self.problem: Problem | None = None
        self.since: datetime | None = None
        self._warnings: frozenset[str] = frozenset()

    # the cycle ------------------------------------------------------------------------

    def cycle(self, now: datetime) -> Outcome:
        """Run one cycle; never raises (but KeyboardInterrupt and SystemExit pass)."""
        from daemon import service

        try:
            store, adapters = self._open()
            evaluation, report = service.run_cycle(
                self.settings, store, adapters, now, dry_run=False
            )
        except Exception as exc:
            return self._failed(now, exc)
        self._log_warnings(evaluation.warnings)
        return self._succeeded(now, report)

    def _open(self) -> tuple[Any, Any]:
        if self.store is None:
            self.store = self._open_store(self.settings)
        if self.adapters is None:
            self.adapters = self._make_adapters(self.settings, self.store)
        return self.store, self.adapters

    def _failed(self, now: datetime, exc: Exception) -> Outcome:
        from daemon.ports import AuthError

        problem = health.classify(exc, self.settings)
        delay = self.backoff.fail()
        if problem != self.problem:  # one line per change of state, not per retry
            log.error("%s; retrying in %s", problem.line(), _seconds(delay))
        else:
            log.debug("still failing (%d): %s", self.backoff.failures, problem.message)
        log.debug("cycle failure", exc_info=exc)
        if isinstance(exc, AuthError):
            self.adapters = None  # re-read the token next time: `auth google` may have run
        self.problem, self.since = problem, self.since or now
        summary = f"{problem.kind}: {problem.message}"
        self._record(now, False, summary, now + timedelta(seconds=delay))
        return Outcome(False, summary, delay)

    def _succeeded(self, now: datetime, report: Any) -> Outcome:
        was = self.problem
        if was is not None:
            log.info(
                "recovered: cycles work again after %d failed (%s)", self.backoff.failures, was.kind
            )
        self.problem, self.since = None, None
        self.backoff.reset()
        summary = str(report.summary())
        if report.wrote_anything():
            log.info("%s", summary)
        self._record(now, True, summary, None, health_changed=was is not None)
        return Outcome(True, summary, None)

    def _record(
        self,
        now: datetime,
        ok: bool,
        summary: str,
        retry_at: datetime | None,
        *,
        health_changed: bool = True,
    ) -> None:
        """The cycle's outcome for ``status``; a store that cannot be written (full disk)
        is already the problem being reported, so that failure is only logged at debug."""
        if self.store is None:
            return
        state = Health(self.problem, self.since, self.backoff.failures, retry_at, os.getpid())
        try:
            with self.store.transaction():
                self.store.record_cycle(now, ok, summary)
                if health_changed:
                    health.save(self.store, state)
        except Exception as exc:
            log.debug("cannot record the cycle: %s", exc)

    def _log_warnings(self, warnings: tuple[str, ...]) -> None:
        """Each warning once while it lasts, not once per poll."""
        current = frozenset(warnings)
        for w in warnings:
            if w not in self._warnings:
                log.warning("%s", w)
        self._warnings = current

    # what to wake up for ----------------------------------------------------------------

    def due_times(self, now: datetime, limit: int = MAX_DATE_JOBS) -> list[datetime]:
        """Distinct due times of planned actions after ``now``, nearest first."""
        if self.store is None:
            return []
        try:
            actions = self.store.actions().values()
        except Exception as exc:
            log.debug("cannot read actions: %s", exc)
            return []
        times = {a.due for a in actions if a.state == "planned" and a.due > now}
        return sorted(times)[:limit]

    def next_action(self, now: datetime) -> str | None:
        """'thank_you for Acme at 2026-12-01 16:00' for systemd's STATUS= line."""
        if self.store is None:
            return None
        try:
            ahead = [
                a for a in self.store.actions().values() if a.state == "planned" and a.due > now
            ]
            if not ahead:
                return None
            nxt = min(ahead, key=lambda a: (a.due, a.interview_id, a.type))
            row = self.store.interviews().get(nxt.interview_id)
        except Exception as exc:
            log.debug("cannot read the next action: %s", exc)
            return None
        who = (row.interview.company or row.interview.title) if row else nxt.interview_id
        when = nxt.due.astimezone(ZoneInfo(self.settings.user.timezone))
        return f"{nxt.type} for {who} at {when:%Y-%m-%d %H:%M}"

    def status_line(self, now: datetime) -> str:
        nxt = self.next_action(now)
        head = f"next: {nxt}" if nxt else "nothing planned"
        if self.problem is None:
            return head
        return f"degraded ({self.problem.kind}): {self.problem.fix}; {head}"

    # reload ---------------------------------------------------------------------------

    def reload(self) -> bool:
        """Re-read the same config file; a bad one is logged and the old one kept."""
        from daemon import config

        path = self.settings.config_path
        try:
            new = config.load(path)
        except Exception as exc:
            log.error("config not reloaded, keeping the running one: %s", _one_line(exc))
            return False
        if new.state_path != self.settings.state_path:
            log.warning("[state] path changed: restart the daemon to use %s", new.state_path)
            new = replace(new, state_path=self.settings.state_path)
        self.settings = new
        self.adapters = None  # rebuilt from the new config by the next cycle
        self.backoff.cap = max(new.poll_minutes * 60, FIRST_RETRY)  # keeps its failure count
        log.info("config reloaded from %s", path)
        return True


def _seconds(delay: float) -> str:
    return f"{delay:.0f} s" if delay < 120 else f"{delay / 60:.0f} min"


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# the real-time service -------------------------------------------------------------------


class Service:
    """The Engine on APScheduler, in real (possibly shifted) time, with one worker."""

    def __init__(self, engine: Engine, clock: WallClock, notifier: Notifier) -> None:
        from apscheduler.executors.pool import ThreadPoolExecutor
        from apscheduler.schedulers.background import BackgroundScheduler

        self.engine = engine
        self.clock = clock
        self.notifier = notifier
        self.stopping = threading.Event()
        self.ready = threading.Event()
        self._busy_since: float | None = None
        self._last_start: datetime | None = None
        self._reload_guard = threading.Lock()
        self._reload_waiting = False
        self._reloads = 0
        self.scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(1)},
            job_defaults=dict(JOB_DEFAULTS),
            timezone=UTC,
        )

    # lifecycle --------------------------------------------------------------------------

    def start(self) -> None:
        self.scheduler.start()
        self.scheduler.add_job(self._first, id=FIRST_JOB)  # no trigger: at once
        threading.Thread(target=self._heartbeat, name="heartbeat", daemon=True).start()

    def stop(self) -> None:
        """Queued jobs see ``stopping`` and return; the cycle in flight completes and is
        recorded before ``shutdown`` returns."""
        self.stopping.set()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)

    def request_reload(self) -> None:
        """From the main thread: the reload runs in the worker, between two cycles.

        Every SIGHUP takes effect: one that comes while a reload is waiting is covered by
        it (it has not read the file yet); one that comes while a reload runs queues one
        more, under a new job id, since APScheduler skips a job whose id is still running
        (``max_instances=1``)."""
        with self._reload_guard:
            if self._reload_waiting:
                return
            self._reload_waiting = True
            self._reloads += 1
            job_id = f"{RELOAD_JOB}:{self._reloads}"
        self.scheduler.add_job(self._reload, id=job_id)

    # jobs (all run in the one worker thread) --------------------------------------------

    def _first(self) -> None:
        log.info(
            "running; polling every %g minutes, state %s",
            self.engine.settings.poll_minutes,
            self.engine.settings.state_path,
        )
        self._cycle("start")
        if self.stopping.is_set():
            return
        self._add_poll()
        self.notifier.ready(self.engine.status_line(self.clock.now()))
        self.ready.set()

    def _add_poll(self) -> None:
        self.scheduler.add_job(
            self._cycle,
            "interval",
            seconds=self.engine.settings.poll_minutes * 60,
            id=POLL_JOB,
            args=("poll",),
            replace_existing=True,
        )

    def _reload(self) -> None:
        with self._reload_guard:  # from here on, a new SIGHUP needs a reload of its own
            self._reload_waiting = False
        if self.stopping.is_set():
            return
        if self.engine.reload():
            self._add_poll()
        self._cycle("reload")

    def _cycle(self, reason: str, due: datetime | None = None) -> None:
        if self.stopping.is_set():
            return
        if due is not None and self._last_start is not None and self._last_start >= due:
            return  # a cycle that started at or after this due time already covered it
        now = self.clock.now()
        self._last_start = now
        self._busy_since = time.monotonic()
        try:
            outcome = self.engine.cycle(now)
        finally:
            self._busy_since = None
        log.debug("cycle (%s) at %s: %s", reason, now.isoformat(), outcome.summary)
        if self.stopping.is_set():
            return
        try:
            self._reschedule(outcome)
        except Exception as exc:  # the scheduler shutting down under us: nothing to do
            log.debug("jobs not rescheduled: %s", exc)

    def _reschedule(self, outcome: Outcome) -> None:
        now = self.clock.now()
        wanted = {DUE_PREFIX + t.isoformat(): t for t in self.engine.due_times(now)}
        for job in self.scheduler.get_jobs():
            if job.id.startswith(DUE_PREFIX) and job.id not in wanted:
                job.remove()
        for job_id, due in wanted.items():
            if self.scheduler.get_job(job_id) is None:
                self.scheduler.add_job(
                    self._cycle,
                    "date",
                    run_date=self.clock.real(due),
                    id=job_id,
                    args=("due", due),
                )
        self._schedule_retry(outcome)
        if self.ready.is_set():
            self.notifier.status(self.engine.status_line(now))

    def _schedule_retry(self, outcome: Outcome) -> None:
        if outcome.retry_in is None:
            if self.scheduler.get_job(RETRY_JOB) is not None:
                self.scheduler.remove_job(RETRY_JOB)
            return
        at = datetime.now(UTC) + timedelta(seconds=outcome.retry_in)
        self.scheduler.add_job(
            self._cycle, "date", run_date=at, id=RETRY_JOB, args=("retry",), replace_existing=True
        )

    # watchdog and clock jumps ------------------------------------------------------------

    def _heartbeat(self) -> None:
        """WATCHDOG=1 at half of WATCHDOG_USEC unless a cycle is stuck; and a wake-up for
        APScheduler when the wall clock jumped (resume from suspend, clock set), since its
        timed waits run on the monotonic clock, which stands still while suspended."""
        interval = self.notifier.watchdog_seconds or HEARTBEAT
        drift = time.time() - time.monotonic()
        while not self.stopping.wait(interval):
            busy = self._busy_since
            if self.notifier.watchdog_seconds and (
                busy is None or time.monotonic() - busy < STUCK_AFTER
            ):
                self.notifier.watchdog()
            now_drift = time.time() - time.monotonic()
            if abs(now_drift - drift) > CLOCK_JUMP:
                log.info("the clock jumped by %.0f s: catching up", now_drift - drift)
                drift = now_drift
                self.scheduler.wakeup()


# the command -----------------------------------------------------------------------------


class _Signals:
    """SIGTERM/SIGINT ask to stop, SIGHUP to reload, taken synchronously with sigwait(2):
    they are blocked before any thread starts (threads inherit the mask), so no handler
    ever runs in the middle of a lock and the main thread simply waits for the next one."""

    SIGNALS = frozenset({signal.SIGTERM, signal.SIGINT, signal.SIGHUP})

    def block(self) -> None:
        """For good: they stay blocked until the process exits. Unblocked again, a second
        SIGTERM (systemd's, or a second Ctrl-C) in the last moments of an orderly stop
        would kill us and turn exit 0 into -15; ``run`` is a process's main loop, so
        nothing after it expects them back, and pending ones die with the process."""
        signal.pthread_sigmask(signal.SIG_BLOCK, self.SIGNALS)

    def wait(self) -> int:
        return signal.sigwait(self.SIGNALS)


def _journal_levels() -> None:
    """Under journald, prefix each line with its syslog priority (``<3>``) so that
    ``journalctl -p err`` works; the text stays ``level: message``."""
    import sys

    stream = os.environ.get("JOURNAL_STREAM", "")
    try:
        st = os.fstat(sys.stderr.fileno())
    except (OSError, ValueError):
        return
    if stream != f"{st.st_dev}:{st.st_ino}":
        return
    for handler in logging.getLogger().handlers:
        handler.setFormatter(_JournalFormatter("%(levelname)s: %(message)s"))


class _JournalFormatter(logging.Formatter):
    _PRIORITY: ClassVar[dict[str, int]] = {
        "DEBUG": 7,
        "INFO": 6,
        "WARNING": 4,
        "ERROR": 3,
        "CRITICAL": 2,
    }

    def format(self, record: logging.LogRecord) -> str:
        level = self._PRIORITY.get(logging.getLevelName(record.levelno).upper(), 6)
        return f"<{level}>" + " ".join(super().format(record).splitlines())


def run(
    settings: Settings,
    open_store: StoreFactory,
    make_adapters: AdaptersFactory,
    *,
    clock: WallClock | None = None,
    notifier: Notifier | None = None,
) -> int:
    """The daemon until SIGTERM/SIGINT (exit 0). The caller holds the instance lock."""
    _journal_levels()
    notifier = notifier or Notifier()
    service = Service(Engine(settings, open_store, make_adapters), clock or WallClock(), notifier)
    signals = _Signals()
    signals.block()
    try:
        service.start()
        while (signum := signals.wait()) == signal.SIGHUP:
            log.info("reloading the config on SIGHUP")
            service.request_reload()
        log.info("stopping on %s: finishing the cycle in flight", signal.Signals(signum).name)
        notifier.stopping()
    finally:
        service.stop()
    log.info("stopped")
    return 0
