"""A real Radicale (the CalDAV server from PyPI) for the tests, on 127.0.0.1.

Its own config, htpasswd file and storage folder in a temporary directory; started as a
subprocess (``python -m radicale``) and stopped, with its whole folder, on exit. Not a
fake: the CalDAV adapters meet a real server's discovery, sync tokens, ETags and errors.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

from tests.lifeline import die_with_parent

USER, PASSWORD = "alex", "correct horse battery"
_REQUEST = re.compile(r"\b([A-Z]+) request for '([^']*)'")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Radicale:
    """``with Radicale() as server: server.url``; ``max_sync_token_age`` (seconds) makes
    sync tokens expire, as a long-idle client meets them on a real server."""

    def __init__(
        self,
        users: dict[str, str] | None = None,
        *,
        max_sync_token_age: int = 2592000,
        auth_delay: float = 0.01,
        log_requests: bool = False,
    ) -> None:
        self.users = users or {USER: PASSWORD}
        self.max_sync_token_age = max_sync_token_age
        self.auth_delay = auth_delay
        self.log_requests = log_requests  # info level: one line per request, see requests()
        self.root = Path(tempfile.mkdtemp(prefix="radicale-"))
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> Radicale:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def _config(self) -> Path:
        users = self.root / "users"
        users.write_text("".join(f"{u}:{p}\n" for u, p in self.users.items()))
        config = self.root / "config"
        config.write_text(
            "[server]\n"
            f"hosts = 127.0.0.1:{self.port}\n"
            "[auth]\n"
            "type = htpasswd\n"
            f"htpasswd_filename = {users}\n"
            "htpasswd_encryption = plain\n"
            f"delay = {self.auth_delay}\n"
            "[rights]\n"
            "type = owner_only\n"
            "[storage]\n"
            f"filesystem_folder = {self.root / 'collections'}\n"
            f"max_sync_token_age = {self.max_sync_token_age}\n"
            "[logging]\n"
            f"level = {'info' if self.log_requests else 'warning'}\n"
            "mask_passwords = True\n"
        )
        return config

    def start(self, timeout: float = 60.0) -> None:
        log = (self.root / "radicale.log").open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(self._config())],
            stdout=log,
            stderr=log,
            preexec_fn=die_with_parent,  # stopped by the kernel if pytest is killed
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"radicale exited: {self.log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"radicale did not listen within {timeout} s: {self.log()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def requests(self) -> list[tuple[str, str]]:
        """(method, path) of every request so far, from the log (``log_requests=True``)."""
        return [(m[1], m[2]) for m in _REQUEST.finditer(self.log())]

    def log(self) -> str:
        path = self.root / "radicale.log"
        return path.read_text(errors="replace") if path.exists() else ""
