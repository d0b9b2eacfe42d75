"""A TCP proxy on 127.0.0.1 that drops or stalls connections at random, in front of a real
server (Radicale, Dovecot): the network faults a laptop meets, without touching the server.

Each time a client starts a request (a chunk whose first bytes are an HTTP method, or any
chunk for a protocol given ``every_chunk=True``), the proxy draws a fault with
``probability``, from a seeded generator so a failing run can be replayed:

- ``drop``: the request never reaches the server; the client's connection is closed;
- ``drop_after``: the request reaches the server and is carried out, but the answer is
  thrown away and the connection closed (the client cannot know it worked);
- ``stall``: nothing is forwarded and nothing answered until the client gives up.
"""

from __future__ import annotations

import contextlib
import random
import re
import socket
import threading
from types import TracebackType

FAULTS = ("drop", "drop_after", "stall")
_METHOD = re.compile(rb"^[A-Z]{3,12} ")


class FaultyProxy:
    def __init__(
        self,
        upstream_port: int,
        *,
        probability: float = 0.0,
        faults: tuple[str, ...] = FAULTS,
        seed: int = 0,
        every_chunk: bool = False,
    ) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.probability = probability
        self.faults = faults
        self.rng = random.Random(seed)
        self.every_chunk = every_chunk
        self.injected: list[str] = []
        self.requests = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._open: set[socket.socket] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> FaultyProxy:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._listener.close()
        with self._lock:
            for sock in list(self._open):
                _close(sock)
        self._thread.join(10)

    def _draw(self) -> str | None:
        with self._lock:
            self.requests += 1
            if self.rng.random() >= self.probability:
                return None
            fault = self.rng.choice(self.faults)
            self.injected.append(fault)
            return fault

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            server = socket.create_connection(self.upstream, timeout=30)
        except OSError:
            _close(client)
            return
        with self._lock:
            self._open |= {client, server}
        doomed = threading.Event()  # set: the server's next answer is thrown away
        threading.Thread(target=self._answers, args=(server, client, doomed), daemon=True).start()
        try:
            while not self._stop.is_set():
                chunk = client.recv(65536)
                if not chunk:
                    break
                starts = self.every_chunk or _METHOD.match(chunk) is not None
                fault = self._draw() if starts else None
                if fault == "drop":
                    break
                if fault == "stall":
                    self._stop.wait(120)  # until the client times out and closes
                    break
                if fault == "drop_after":
                    doomed.set()
                server.sendall(chunk)
        except OSError:
            pass
        finally:
            self._forget(client, server)

    def _answers(
        self, server: socket.socket, client: socket.socket, doomed: threading.Event
    ) -> None:
        try:
            while True:
                data = server.recv(65536)
                if not data or doomed.is_set():
                    break
                client.sendall(data)
        except OSError:
            pass
        finally:
            self._forget(client, server)

    def _forget(self, *socks: socket.socket) -> None:
        with self._lock:
            for sock in socks:
                self._open.discard(sock)
                _close(sock)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
