"""``run``: cycles at the poll interval until SIGTERM/SIGINT.

A plain loop for now; the scheduler with dated jobs, systemd notify and the single-instance
lock comes with the daemon issue. A cycle that fails is logged and retried at the next poll.
"""

from __future__ import annotations

import logging
import signal
import threading
from datetime import datetime
from types import FrameType
from typing import Any

from daemon.settings import Settings

log = logging.getLogger("interview-followup")


def run(settings: Settings, adapters: Any, store: Any) -> int:
    from daemon import service

    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        log.info("stopping on signal %d", signum)
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    log.info("running; polling every %g minutes", settings.poll_minutes)
    while not stop.is_set():
        now = datetime.now().astimezone()
        try:
            _, rep = service.run_cycle(settings, store, adapters, now, dry_run=False)
            ok, summary = True, rep.summary()
            if rep.wrote_anything():
                log.info("%s", summary)
        except Exception as exc:
            ok, summary = False, str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            log.error("cycle failed: %s", summary)
        with store.transaction():
            store.record_cycle(now, ok, summary)
        stop.wait(settings.poll_minutes * 60)
    return 0
