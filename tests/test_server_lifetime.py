"""The real servers the tests start (Dovecot, Radicale) do not outlive a killed pytest.

A child Python process plays pytest: it starts a server, says where it is, and is then
SIGKILLed, so no finalizer or ``atexit`` handler of it runs. The server must be gone soon
after (a generous bound: the machine is busy), with nothing of it left in its process group.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.dovecot import require_dovecot
from tests.lifeline import alive_in_group

REPO = Path(__file__).resolve().parents[1]
GONE_WITHIN = 60.0

DOVECOT = """
import json, time
from tests.dovecot import Dovecot, BINARY
server = Dovecot(BINARY).start()
print(json.dumps({"pid": server.proc.pid, "root": str(server.root)}), flush=True)
time.sleep(600)
"""

RADICALE = """
import json, time
from tests.fakes.radicale_server import Radicale
server = Radicale()
server.start()
print(json.dumps({"pid": server.proc.pid, "root": str(server.root)}), flush=True)
time.sleep(600)
"""


def _start_and_kill(script: str) -> dict[str, object]:
    """Run ``script`` as a stand-in for pytest, wait for the server it starts, SIGKILL it."""
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=REPO,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line, "the stand-in for pytest did not start its server"
    started: dict[str, object] = json.loads(line)
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    child.stdout.close()
    return started


def _wait_gone(alive: Callable[[], list[int]]) -> list[int]:
    """What is still running once it is all gone, or the bound has passed."""
    deadline = time.monotonic() + GONE_WITHIN
    while (left := alive()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def test_dovecot_and_its_children_die_with_a_killed_test_process() -> None:
    require_dovecot()
    started = _start_and_kill(DOVECOT)
    pid = int(str(started["pid"]))
    try:
        assert _wait_gone(lambda: alive_in_group(pid)) == []  # master, login, auth, anvil, log...
    finally:
        if alive_in_group(pid):
            os.killpg(pid, signal.SIGKILL)
        shutil.rmtree(str(started["root"]), ignore_errors=True)


def test_radicale_dies_with_a_killed_test_process() -> None:
    pytest.importorskip("radicale")
    started = _start_and_kill(RADICALE)
    pid = int(str(started["pid"]))
    try:
        # it shared the stand-in's process group, which is pytest's own
        assert _wait_gone(lambda: [p for p in alive_in_group(os.getpgid(0)) if p == pid]) == []
    finally:
        shutil.rmtree(str(started["root"]), ignore_errors=True)
