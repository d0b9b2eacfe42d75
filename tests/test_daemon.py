"""The daemon as the user and systemd see it: notify protocol, the lock, signals, failures
as states with backoff, ``status``/``doctor``, and the unit files."""

from __future__ import annotations

import configparser
import errno
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from daemon import cli, config
from daemon.lock import Holder, InstanceLock, LockBusy, holder, lock_path
from daemon.scheduler import Engine
from daemon.sdnotify import Notifier, watchdog_interval
from daemon.state import StateStore
from integrations.base import AuthError, BadInput, EventSource, SourceRead, TransientError
from tests.conftest import ROOT, Workspace
from tests.daemon_support import Daemon, NotifySocket, run_cli, wait_until

NY = ZoneInfo("America/New_York")
SYSTEMD = ROOT / "systemd"
UNITS = ("interview-followup.service", "interview-followup-sync.service")
TIMER = "interview-followup-sync.timer"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# systemd notify --------------------------------------------------------------------------


def test_notifier_sends_each_message_to_a_path_socket() -> None:
    short = Path(tempfile.mkdtemp(prefix="ifn", dir="/tmp"))  # sun_path is 108 bytes at most
    try:
        sock = NotifySocket(short / "notify")
        n = Notifier({"NOTIFY_SOCKET": sock.address})
        assert n.ready("next: thank_you for Acme at 2026-12-01 16:00")
        fields = sock.wait_for("READY", 2)
        assert fields == {
            "READY": "1",
            "MAINPID": str(os.getpid()),
            "STATUS": "next: thank_you for Acme at 2026-12-01 16:00",
        }
        assert n.status("degraded (auth): run `interview-followup auth google`")
        assert not n.status("degraded (auth): run `interview-followup auth google`")  # unchanged
        assert sock.wait_for("STATUS", 2)["STATUS"].startswith("degraded (auth)")
        assert n.watchdog()
        assert sock.wait_for("WATCHDOG", 2) == {"WATCHDOG": "1"}
        assert n.stopping()
        assert sock.wait_for("STOPPING", 2)["STOPPING"] == "1"
        sock.close()
    finally:
        shutil.rmtree(short)


def test_notifier_handles_the_abstract_namespace() -> None:
    sock = NotifySocket()  # "@name"
    assert sock.address.startswith("@")
    assert Notifier({"NOTIFY_SOCKET": sock.address}).watchdog()
    assert sock.wait_for("WATCHDOG", 2) == {"WATCHDOG": "1"}
    sock.close()


def test_notifier_outside_systemd_or_with_a_dead_socket_does_nothing() -> None:
    assert not Notifier({}).enabled
    assert not Notifier({}).ready()
    gone = Notifier({"NOTIFY_SOCKET": "/nonexistent/notify"})
    assert gone.enabled and not gone.watchdog()  # logged at debug, never raised


def test_watchdog_interval_is_half_of_watchdog_usec_for_this_process() -> None:
    assert watchdog_interval({"WATCHDOG_USEC": "4000000"}, 42) == 2.0
    assert watchdog_interval({"WATCHDOG_USEC": "4000000", "WATCHDOG_PID": "42"}, 42) == 2.0
    assert watchdog_interval({"WATCHDOG_USEC": "4000000", "WATCHDOG_PID": "7"}, 42) is None
    assert watchdog_interval({"WATCHDOG_USEC": "0"}, 42) is None
    assert watchdog_interval({}, 42) is None


# the lock --------------------------------------------------------------------------------


def test_a_second_holder_is_refused_with_the_first_ones_pid(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    first = InstanceLock(state, "run")
    first.acquire()
    with pytest.raises(LockBusy) as busy:
        InstanceLock(state, "sync").acquire(wait=0.2)
    assert str(busy.value) == (
        f"another interview-followup run (pid {os.getpid()}) holds {state}.lock"
    )
    assert holder(state) == Holder(os.getpid(), "run", lock_path(state))
    first.release()
    assert holder(state) is None
    with InstanceLock(state, "sync"):
        assert holder(state) == Holder(os.getpid(), "sync", lock_path(state))


def test_the_lock_of_a_killed_process_is_free_at_once(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    code = (
        "import sys, time; from pathlib import Path; from daemon.lock import InstanceLock;"
        f"InstanceLock(Path({str(state)!r}), 'run').acquire(); print('locked', flush=True);"
        "time.sleep(60)"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "locked"
    assert holder(state) == Holder(child.pid, "run", lock_path(state))
    child.kill()
    child.wait()
    assert holder(state) is None  # the kernel dropped it: no stale PID file to clean
    with InstanceLock(state, "run"):
        pass


# the engine: failures are states ---------------------------------------------------------


class Flaky(EventSource):
    """The real calendar source, made to fail on demand like a network or disk would."""

    def __init__(self) -> None:
        self.inner: Any = None
        self.failure: Exception | None = None

    def fingerprint(self) -> str | None:
        if self.failure is not None:
            raise self.failure
        return str(self.inner.fingerprint())

    def read(self) -> SourceRead:
        if self.failure is not None:
            raise self.failure
        result: SourceRead = self.inner.read()
        return result


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def at_least(self, level: int) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]


@pytest.fixture
def logs() -> Iterator[Records]:
    """The daemon's own logger, at every level (the CLI may reset the root's handlers)."""
    logger = logging.getLogger("interview-followup")
    handler, old = Records(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(old)


def make_engine(ws: Workspace) -> tuple[Engine, Flaky, list[int]]:
    flaky, made = Flaky(), [0]

    def adapters(settings: Any, store: Any) -> Any:
        made[0] += 1
        real = cli._adapters(settings, store)
        flaky.inner = real.source
        return replace(real, source=flaky)

    engine = Engine(config.load(ws.config), lambda s: StateStore(s.state_path), adapters)
    return engine, flaky, made


def status(ws: Workspace) -> Any:
    res = ws.run("status", "--json", "--now", "2026-11-30T13:00:00-05:00")
    assert res.code == 0, res.err
    return res.json()


def test_failing_cycles_log_once_back_off_and_recover_by_themselves(
    ws: Workspace, logs: Records
) -> None:
    engine, flaky, _ = make_engine(ws)
    t = at("2026-11-30T12:00:00-05:00")
    assert engine.cycle(t).ok
    flaky.failure = TransientError("calendar API unreachable: timed out")
    delays = [engine.cycle(t + timedelta(minutes=k)).retry_in for k in range(1, 9)]
    assert delays == [30, 60, 120, 240, 300, 300, 300, 300]  # capped at poll_minutes = 5
    errors = logs.at_least(logging.ERROR)
    assert errors == [
        "calendar API unreachable: timed out (fix: none needed: it retries; check the network"
        " if it lasts); retrying in 30 s"
    ]
    doc = status(ws)
    assert doc["last_cycle"]["ok"] is False and doc["last_cycle"]["outcome"] == "failed"
    bad = doc["degraded"]
    assert (bad["kind"], bad["failures"]) == ("network", 8)
    assert bad["since"] == "2026-11-30T12:01:00-05:00"
    flaky.failure = None
    assert engine.cycle(t + timedelta(minutes=20)).ok
    assert [m for m in logs.at_least(logging.INFO) if m.startswith("recovered")] == [
        "recovered: cycles work again after 8 failed (network)"
    ]
    assert len(logs.at_least(logging.ERROR)) == 1
    doc = status(ws)
    assert doc["degraded"] is None and doc["last_cycle"]["ok"] is True
    assert "DEGRADED" not in ws.run("status", "--now", "2026-11-30T13:00:00-05:00").out


@pytest.mark.parametrize(
    ("failure", "kind", "fix"),
    [
        (
            AuthError("Google token expired", fix="run `interview-followup auth google`"),
            "auth",
            "run `interview-followup auth google`",
        ),
        (AuthError("the server refused the password"), "auth", "run `interview-followup doctor`"),
        (BadInput("calendar.ics: no such file"), "calendar", "restore the calendar file"),
        (OSError(errno.ENOSPC, "No space left on device", "drafts/tmp/x"), "disk", "free disk"),
        (ValueError("Dear Jane, thank you ... secret body"), "internal", "--debug sync"),
    ],
)
def test_each_failure_becomes_a_degraded_status_naming_its_fix(
    ws: Workspace, logs: Records, failure: Exception, kind: str, fix: str
) -> None:
    engine, flaky, made = make_engine(ws)
    t = at("2026-11-30T12:00:00-05:00")
    flaky.failure = failure
    outcome = engine.cycle(t)
    assert not outcome.ok and outcome.retry_in == 30
    doc = status(ws)
    assert doc["degraded"]["kind"] == kind
    assert fix in doc["degraded"]["fix"]
    table = ws.run("status", "--now", "2026-11-30T13:00:00-05:00").out
    assert f"DEGRADED ({kind})" in table and f"fix: {doc['degraded']['fix']}" in table
    everything = " ".join(r.getMessage() for r in logs.records) + json.dumps(doc) + table
    assert "secret body" not in everything and "Dear Jane" not in everything
    if kind == "auth":  # the token is read again next time: `auth google` may have fixed it
        engine.cycle(t + timedelta(seconds=30))
        assert made[0] == 2


def test_date_jobs_are_the_planned_due_times_from_the_state_store(ws: Workspace) -> None:
    engine, _, _ = make_engine(ws)
    now = at("2026-12-01T15:30:00-05:00")
    assert engine.due_times(now) == []  # nothing known before the first cycle
    assert engine.cycle(now).ok
    plan = ws.plan("2026-12-01T15:30:00-05:00")
    planned = {
        at(a["due"])
        for iv in plan["interviews"]
        for a in iv["actions"]
        if a["state"] == "planned" and at(a["due"]) > now
    }
    assert engine.due_times(now) == sorted(planned)
    assert engine.next_action(now) == "thank_you for Acme at 2026-12-01 16:00"
    assert engine.status_line(now) == "next: thank_you for Acme at 2026-12-01 16:00"
    assert engine.due_times(now, limit=3) == sorted(planned)[:3]


def test_after_days_asleep_the_first_cycle_does_what_is_still_useful(ws: Workspace) -> None:
    """Missed date jobs are not replayed one by one: the catch-up cycle applies the rules'
    grace, drafting what is still useful and expiring what is stale."""
    engine, _, _ = make_engine(ws)
    assert engine.cycle(at("2026-11-30T12:00:00-05:00")).ok
    woke = at("2026-12-03T18:00:00-05:00")  # asleep since Monday noon
    assert engine.cycle(woke).ok
    states = {(iid.split("/")[-1], t): a.state for (iid, t), a in engine.store.actions().items()}
    assert states[("acme-panel-1@example.com", "thank_you")] == "expired"  # due 1 Dec 16:00
    assert states[("initech-screen@example.com", "thank_you")] == "done"  # due 2 Dec 11:00
    assert states[("acme-panel-1@example.com", "linkedin")] == "done"  # 7 days of grace
    recipients = sorted(str(m) for m in _draft_recipients(ws))
    assert recipients == sorted(
        str(p["email"])
        for p in ws.interview("2026-12-03T18:00:00-05:00", "initech-screen@example.com")[
            "interviewers"
        ]
    )
    assert all(t > woke for t in engine.due_times(woke))


def _drafts_written_at(ws: Workspace) -> list[datetime]:
    store = StateStore(ws.root / "state.sqlite3", readonly=True)
    try:
        return [row.written_at for row in store.outputs().values() if row.kind == "draft"]
    finally:
        store.close()


def _draft_recipients(ws: Workspace) -> list[str]:
    import email
    from email import policy

    return [
        str(
            email.message_from_bytes(f.read_bytes(), policy=policy.default)["To"]
            .addresses[0]
            .addr_spec
        )
        for f in ws.draft_files()
    ]


def test_reload_keeps_the_old_config_when_the_new_one_is_bad(ws: Workspace, logs: Records) -> None:
    engine, _, _ = make_engine(ws)
    good = ws.config.read_text()
    ws.config.write_text(good + "\n[daemon]\npoll_minutes = 0\n")
    assert not engine.reload()
    assert engine.settings.poll_minutes == 5
    assert any("config not reloaded, keeping the running one" in m for m in logs.at_least(40))
    ws.config.write_text(
        good.replace('path = "state.sqlite3"', 'path = "other.sqlite3"')
        + "\n[daemon]\npoll_minutes = 1\n"
    )
    assert engine.reload()
    assert engine.settings.poll_minutes == 1
    assert engine.settings.state_path == ws.root / "state.sqlite3"  # needs a restart
    assert engine.backoff.cap == 60


# the daemon as a process -----------------------------------------------------------------


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_run_speaks_to_systemd_and_stops_cleanly(ws: Workspace, stop_signal: int) -> None:
    sock = NotifySocket()
    d = Daemon(
        ws.config,
        "2026-12-01T15:30:00-05:00",
        sock,
        env={"WATCHDOG_USEC": "400000", "WATCHDOG_PID": ""},
    )
    try:
        ready = sock.wait_for("READY")
        assert ws.reminders.exists()  # READY=1 comes after the first cycle
        assert ready["STATUS"] == "next: thank_you for Acme at 2026-12-01 16:00"
        assert ready["MAINPID"] == str(d.pid)
        sock.wait_for("WATCHDOG")
        sock.wait_for("WATCHDOG")  # every 0.2 s: half of WATCHDOG_USEC
        d.send(stop_signal)
        assert sock.wait_for("STOPPING")["STOPPING"] == "1"
        assert d.stop() == 0
    finally:
        d.kill()
        sock.close()
    log = d.log()
    assert "info: stopped" in log and "Traceback" not in log
    assert all(
        line.split(":")[0] in ("debug", "info", "warning", "error") for line in log.splitlines()
    )


def test_a_draft_appears_at_its_due_second_not_at_the_next_poll(ws: Workspace) -> None:
    """The state store records each draft at the daemon's clock when it wrote it: at or
    after 16:00:00, when it is due, and before 16:04:57, the next poll. Judged by that
    clock, not by how long a loaded machine took to start the process (bench: 0.02 s)."""
    sock = NotifySocket()
    d = Daemon(ws.config, "2026-12-01T15:59:57-05:00", sock)  # thank_you due at 16:00:00
    try:
        sock.wait_for("READY")
        wait_until(lambda: len(_drafts_written_at(ws)) == 2, 60, lambda: str(ws.draft_files()))
        assert len(ws.draft_files()) == 2
        due, poll = at("2026-12-01T16:00:00-05:00"), at("2026-12-01T16:04:57-05:00")
        written = _drafts_written_at(ws)
        assert all(due <= t < poll for t in written), written
        status_line = sock.wait_for("STATUS")["STATUS"]
        assert status_line.startswith("next: ") and "thank_you for Acme" not in status_line
        assert d.stop() == 0
    finally:
        d.kill()
        sock.close()


def test_one_daemon_per_state_store_and_sync_says_why_it_cannot(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    sock = NotifySocket()
    d = Daemon(ws.config, "2026-11-30T12:00:00-05:00", sock)
    try:
        sock.wait_for("READY")
        second = run_cli(ws.config, "run")
        assert second.returncode == 2
        assert d.proc.poll() is None  # it did not wait for the first one to go away
        assert second.stderr.strip().endswith(
            f"error: another interview-followup run (pid {d.pid}) holds {ws.root}/"
            "state.sqlite3.lock"
        )
        monkeypatch.setattr(cli, "SYNC_LOCK_WAIT", 0.5)
        res = ws.run("sync", "--now", "2026-11-30T12:00:00-05:00")
        assert res.code == 1
        assert f"(pid {d.pid})" in res.err and "it syncs by itself" in res.err
        assert ws.run("sync", "--dry-run", "--now", "2026-11-30T12:00:00-05:00").code == 0
        doc = status(ws)
        assert doc["daemon"] == {"running": True, "pid": d.pid, "command": "run"}
        assert f"Daemon: running (pid {d.pid})" in ws.run("status").out
        doctor = ws.run("doctor", "--now", "2026-11-30T12:00:00-05:00").out
        assert f"lock: {ws.root}/state.sqlite3.lock held by `run` (pid {d.pid})" in doctor
        assert d.stop() == 0
    finally:
        d.kill()
        sock.close()
    assert status(ws)["daemon"] == {"running": False, "pid": None, "command": None}
    assert ws.run("sync", "--now", "2026-11-30T12:00:00-05:00").code == 0


def test_sighup_reloads_the_config_and_keeps_the_old_one_if_the_new_is_bad(
    ws: Workspace,
) -> None:
    sock = NotifySocket()
    d = Daemon(ws.config, "2026-11-30T12:00:00-05:00", sock)
    good = ws.config.read_text()
    try:
        sock.wait_for("READY")
        ws.config.write_text(good + "\n[daemon]\npoll_minutes = -1\n")
        d.send(signal.SIGHUP)
        d.wait_log("config not reloaded, keeping the running one")
        ws.config.write_text(good + "\n[daemon]\npoll_minutes = 2\n")
        d.send(signal.SIGHUP)
        d.wait_log(f"config reloaded from {ws.config}")
        assert d.proc.poll() is None
        assert d.stop() == 0
    finally:
        d.kill()
        sock.close()
    assert "poll_minutes" in d.log()


class Gate:
    """The real calendar source, held at its next look while ``holding``: a calendar that
    takes as long to read as the test needs, so a second SIGHUP surely meets a reload."""

    def __init__(self) -> None:
        self.inner: Any = None
        self.holding = False
        self.entered = threading.Event()
        self.opened = threading.Event()

    def _pass(self) -> None:
        if self.holding:
            self.entered.set()
            assert self.opened.wait(60)

    def fingerprint(self) -> str | None:
        self._pass()
        return str(self.inner.fingerprint())

    def read(self) -> SourceRead:
        self._pass()
        result: SourceRead = self.inner.read()
        return result


def test_a_sighup_while_a_reload_runs_takes_effect_too(ws: Workspace) -> None:
    """APScheduler skips a job whose id is still running: a reload asked for during a
    reload must run after it, not vanish."""
    from daemon.scheduler import Service, WallClock

    gate = Gate()

    def adapters(settings: Any, store: Any) -> Any:
        real = cli._adapters(settings, store)
        gate.inner = real.source
        return replace(real, source=gate)

    engine = Engine(config.load(ws.config), lambda s: StateStore(s.state_path), adapters)
    clock = WallClock(at("2026-11-30T12:00:00-05:00") - datetime.now().astimezone())
    service = Service(engine, clock, Notifier({}))
    good = ws.config.read_text()
    service.start()
    try:
        assert service.ready.wait(60)
        gate.holding = True
        ws.config.write_text(good + "\n[daemon]\npoll_minutes = 2\n")
        service.request_reload()
        assert gate.entered.wait(60)  # the reload read the file; its cycle is under way
        assert engine.settings.poll_minutes == 2
        ws.config.write_text(good + "\n[daemon]\npoll_minutes = 3\n")
        service.request_reload()  # the second SIGHUP
        gate.holding = False
        gate.opened.set()
        wait_until(lambda: engine.settings.poll_minutes == 3, 60)
        wait_until(lambda: _poll_every(service) == timedelta(minutes=3), 60)
    finally:
        gate.opened.set()
        service.stop()


def _poll_every(service: Any) -> timedelta:
    from daemon.scheduler import POLL_JOB

    interval: timedelta = service.scheduler.get_job(POLL_JOB).trigger.interval
    return interval


def test_more_stop_signals_during_the_shutdown_still_end_in_exit_0(ws: Workspace) -> None:
    """systemd, or an impatient user, may signal again while the daemon stops."""
    sock = NotifySocket()
    d = Daemon(ws.config, "2026-11-30T12:00:00-05:00", sock)
    try:
        sock.wait_for("READY")
        deadline = time.monotonic() + 60
        while d.proc.poll() is None and time.monotonic() < deadline:
            d.send(signal.SIGTERM)
            time.sleep(0.002)
        assert d.stop() == 0, d.log()
    finally:
        d.kill()
        sock.close()
    assert "info: stopped" in d.log()


def test_the_daemon_degrades_and_recovers_when_the_calendar_goes_and_comes_back(
    ws: Workspace,
) -> None:
    sock = NotifySocket()
    d = Daemon(ws.config, "2026-11-30T12:00:00-05:00", sock)
    hidden = ws.root / "calendar.away"
    try:
        sock.wait_for("READY")
        ws.calendar.rename(hidden)
        for n in (1, 2, 3):  # each SIGHUP runs a cycle; the log says it once
            d.send(signal.SIGHUP)
            d.wait_log("config reloaded", count=n)
            wait_until(lambda n=n: _cycles(ws) >= 1 + n, 60)
        assert d.log().count("error: ") == 1
        assert f"error: {ws.calendar}: no such file" in d.log()
        status_line = sock.wait_for("STATUS")["STATUS"]
        assert status_line.startswith("degraded (calendar): restore the calendar file")
        doc = status(ws)
        assert doc["degraded"]["kind"] == "calendar"
        assert str(ws.calendar) in doc["degraded"]["fix"]
        hidden.rename(ws.calendar)
        d.send(signal.SIGHUP)
        d.wait_log("recovered: cycles work again after 3 failed (calendar)")
        assert status(ws)["degraded"] is None
        assert d.stop() == 0
    finally:
        d.kill()
        sock.close()


def _cycles(ws: Workspace) -> int:
    import sqlite3

    with sqlite3.connect(ws.root / "state.sqlite3") as db:
        return int(db.execute("SELECT COUNT(*) FROM cycles").fetchone()[0])


def test_sigterm_in_the_middle_of_a_cycle_lets_it_finish_and_record(ws: Workspace) -> None:
    from tests.daemon_support import big_calendar

    ws.calendar.write_text(big_calendar(30))
    d = Daemon(ws.config, "2026-12-04T03:07:30-05:00")
    try:
        # The reminders file is written first, the drafts after it: the cycle is under way.
        wait_until(ws.reminders.exists, 60, d.log)
        d.send(signal.SIGTERM)
        assert d.stop() == 0
    finally:
        d.kill()
    log = d.log()
    assert "info: wrote: " in log and log.index("wrote: ") < log.index("info: stopped")
    again = ws.run("sync", "--dry-run", "--now", "2026-12-04T03:08:00-05:00")
    assert "would write: 0 reminders created, 0 moved, 0 removed; 0 drafts created" in again.out


# status and doctor -----------------------------------------------------------------------


def test_status_names_the_last_cycle_and_that_no_daemon_runs(ws: Workspace) -> None:
    assert ws.run("sync", "--now", "2026-11-30T12:00:00-05:00").code == 0
    doc = status(ws)
    assert doc["last_cycle"]["at"] == "2026-11-30T12:00:00-05:00"
    assert doc["last_cycle"]["outcome"] == "ok" and doc["degraded"] is None
    assert doc["daemon"] == {"running": False, "pid": None, "command": None}
    out = ws.run("status", "--now", "2026-11-30T13:00:00-05:00").out
    assert "Daemon: not running (`systemctl --user start interview-followup`" in out
    assert "Last cycle 2026-11-30T12:00:00-05:00: ok: wrote:" in out


def test_doctor_checks_the_user_unit(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    home = ws.root / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    now = ("--now", "2026-11-30T12:00:00-05:00")
    out = ws.run("doctor", *now).out
    assert "ok       systemd: no user unit in" in out
    assert f"ok       lock: {ws.root}/state.sqlite3.lock is free: no daemon running" in out
    units = home / "systemd" / "user"
    units.mkdir(parents=True)
    program = ws.root / "bin" / "interview-followup"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    unit = (SYSTEMD / UNITS[0]).read_text()
    (units / UNITS[0]).write_text(unit.replace("%h/.local/bin/interview-followup", "/nowhere/x"))
    res = ws.run("doctor", *now)
    assert "problem  systemd:" in res.out and "'/nowhere/x' is missing" in res.out
    assert res.code == 1
    (units / UNITS[0]).write_text(unit.replace("%h/.local/bin/interview-followup", str(program)))
    assert "note     systemd: installed in" in ws.run("doctor", *now).out
    (units / "default.target.wants").mkdir()
    (units / "default.target.wants" / UNITS[0]).symlink_to(units / UNITS[0])
    assert (
        "ok       systemd: interview-followup.service installed and enabled"
        in ws.run("doctor", *now).out
    )
    (units / TIMER).write_text((SYSTEMD / TIMER).read_text())
    (units / "timers.target.wants").mkdir()
    (units / "timers.target.wants" / TIMER).symlink_to(units / TIMER)
    assert "take turns on the lock" in ws.run("doctor", *now).out


# the unit files --------------------------------------------------------------------------


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((SYSTEMD / name).read_text())
    return parser


def test_the_daemon_unit_has_what_systemd_needs() -> None:
    unit = _unit(UNITS[0])
    svc = unit["Service"]
    assert svc["Type"] == "notify"
    assert svc["ExecStart"] == "%h/.local/bin/interview-followup run"
    assert svc["Restart"] == "on-failure"
    assert svc["RestartPreventExitStatus"] == "2"  # bad config / second instance
    assert svc["WatchdogSec"] and svc["ExecReload"] == "/bin/kill -HUP $MAINPID"
    assert svc["NoNewPrivileges"] == "yes"
    assert "AF_UNIX" in svc["RestrictAddressFamilies"]
    # Namespace sandboxing is documented but off: it breaks user units without userns.
    for key in ("PrivateTmp", "ProtectSystem", "ProtectHome", "ReadWritePaths"):
        assert key not in svc
    assert unit["Install"]["WantedBy"] == "default.target"


def test_the_timer_and_its_oneshot_unit_run_sync() -> None:
    svc = _unit(UNITS[1])["Service"]
    assert svc["Type"] == "oneshot"
    assert svc["ExecStart"] == "%h/.local/bin/interview-followup sync"
    timer = _unit(TIMER)
    assert timer["Timer"]["OnCalendar"] and timer["Timer"]["Persistent"] == "yes"
    assert "Unit" not in timer["Timer"]  # activates interview-followup-sync.service
    assert timer["Install"]["WantedBy"] == "timers.target"


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here"
)
def test_systemd_analyze_verify_accepts_the_units(tmp_path: Path) -> None:
    home = tmp_path / "home"
    program = home / ".local" / "bin" / "interview-followup"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n")  # verify checks that ExecStart= is executable
    program.chmod(0o755)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)}
    names = [*UNITS, TIMER]
    res = subprocess.run(
        ["systemd-analyze", "--user", "verify", *names],
        cwd=SYSTEMD,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 0, res.stderr
    assert res.stderr.strip() == "", res.stderr  # unknown keys are only warnings: none allowed
