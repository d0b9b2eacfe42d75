"""A TCP proxy on loopback that forwards to a real server and can misbehave on purpose.

For the fault tests and the cost benchmark of line-based protocols (IMAP): it counts
connections and records each command line the client sends (tag and command word, never a
LOGIN's arguments), and, with a probability and a seed, drops a connection (closes both
sides) or stalls it (stops forwarding until the client gives up) just before a client line
reaches the server, or just after the server's answer to it, so some commands were done by
the server although the client never heard back.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
from dataclasses import dataclass, field

FAULTS = ("drop_before", "drop_after", "stall")


@dataclass
class Stats:
    connections: int = 0
    commands: list[str] = field(default_factory=list)  # "APPEND", "UID FETCH", ...
    faults: list[str] = field(default_factory=list)

    def count(self, word: str) -> int:
        return sum(1 for c in self.commands if c == word or c.endswith(" " + word))


def _command(line: bytes) -> str | None:
    """``a001 UID FETCH 1:* ...`` -> ``UID FETCH``; None for a literal's continuation."""
    words = line.split(None, 3)
    if len(words) < 2 or not words[0].isalnum():
        return None
    verb = words[1].decode("ascii", "replace").upper()
    if verb == "UID" and len(words) > 2:
        return f"UID {words[2].decode('ascii', 'replace').upper()}"
    return verb


class TcpProxy:
    """``with TcpProxy(port) as proxy:`` then connect to ``proxy.port``."""

    def __init__(self, target_port: int, seed: int = 0) -> None:
        self.target = ("127.0.0.1", target_port)
        self.stats = Stats()
        self.probability = 0.0
        self.faults: tuple[str, ...] = FAULTS
        self.only: str | None = None  # faults only on this command ("APPEND"), else any
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._open: set[socket.socket] = set()
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> TcpProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def inject(self, probability: float, faults: tuple[str, ...] = FAULTS) -> None:
        self.probability, self.faults = probability, faults

    def reset(self) -> None:
        with self._lock:
            self.stats = Stats()

    def close(self) -> None:
        self._closed.set()
        self._listener.close()
        with self._lock:
            for s in list(self._open):
                _shut(s)
        self._thread.join(timeout=5)

    # -- plumbing -----------------------------------------------------------------------------

    def _pick(self) -> str | None:
        with self._lock:
            if self.probability and self._random.random() < self.probability:
                fault = self._random.choice(self.faults)
                self.stats.faults.append(fault)
                return fault
        return None

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target, timeout=10)
            except OSError:
                _shut(client)
                continue
            server.settimeout(None)
            with self._lock:
                self.stats.connections += 1
                self._open.update((client, server))
            pending: list[str] = []  # a fault to fire after the server's next answer
            threading.Thread(
                target=self._upstream, args=(client, server, pending), daemon=True
            ).start()
            threading.Thread(
                target=self._downstream, args=(server, client, pending), daemon=True
            ).start()

    def _upstream(self, client: socket.socket, server: socket.socket, pending: list[str]) -> None:
        """Client -> server, one line at a time (an APPEND literal passes as lines too)."""
        reader = client.makefile("rb")
        try:
            for line in reader:
                word = _command(line)
                if word is not None:
                    with self._lock:
                        self.stats.commands.append(word)
                    wanted = word == self.only if self.only else word not in ("LOGOUT",)
                    fault = self._pick() if wanted else None
                    if fault == "drop_before":
                        break
                    if fault == "stall":
                        _wait_for_eof(client)  # until the client times out and leaves
                        break
                    if fault == "drop_after":
                        pending.append(fault)
                server.sendall(line)
        except OSError:
            pass
        finally:
            self._end(client, server)

    def _downstream(self, server: socket.socket, client: socket.socket, pending: list[str]) -> None:
        """Server -> client; a pending ``drop_after`` closes instead of passing on the
        tagged answer."""
        reader = server.makefile("rb")
        try:
            for line in reader:
                words = line.split(None, 2)
                tagged = len(words) > 1 and words[0] not in (b"*", b"+")
                if pending and tagged and words[1] in (b"OK", b"NO", b"BAD"):
                    pending.clear()  # the server did it; the client never hears so
                    break
                client.sendall(line)
        except OSError:
            pass
        finally:
            self._end(client, server)

    def _end(self, *sockets: socket.socket) -> None:
        with self._lock:
            for s in sockets:
                self._open.discard(s)
        for s in sockets:
            _shut(s)


def _wait_for_eof(s: socket.socket) -> None:
    """Swallow what the client sends until it closes (or the proxy closes it)."""
    try:
        while s.recv(65536):
            pass
    except OSError:
        pass


def _shut(s: socket.socket) -> None:
    with contextlib.suppress(OSError):
        s.shutdown(socket.SHUT_RDWR)
    s.close()
