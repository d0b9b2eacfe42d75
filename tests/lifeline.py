"""Servers started by the tests die with the test process, however it ends.

A finalizer stops them when pytest ends normally or on Ctrl-C; but a SIGKILL of pytest
(a CI timeout, a developer's ``kill -9``) runs no Python at all, and a server started in a
session of its own would be left running, holding its port and temp directory. Linux's
parent-death signal covers that case: the kernel sends the server SIGTERM as soon as the
process that started it is gone, and the server stops its own children as it does on any
SIGTERM. On systems without ``prctl`` only the finalizers apply.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """A ``preexec_fn``: ask for SIGTERM when the parent dies (and die at once if it already
    has, between the fork and this call)."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        os.kill(os.getpid(), signal.SIGTERM)


def alive_in_group(pgid: int) -> list[int]:
    """Processes of the group that are still running (zombies, which nobody may reap inside
    a container, do not count)."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        state, group = fields[0], int(fields[2])
        if group == pgid and state not in ("Z", "X"):
            out.append(int(entry))
    return out
