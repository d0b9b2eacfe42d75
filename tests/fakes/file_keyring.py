"""A keyring backend in a JSON file, for tests whose daemon is a separate process.

The in-memory keyring cannot cross a process boundary; this one can. Select it in the child
with ``PYTHON_KEYRING_BACKEND=tests.fakes.file_keyring.FileKeyring`` (the repository root on
``PYTHONPATH``) and name the file in ``$INTERVIEW_FOLLOWUP_TEST_KEYRING``. Writes replace the
file atomically, so a process killed mid-write (a token refresh being saved) leaves the old
content or the new one, never half of either. Tests only: the secrets are in plaintext.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError

ENV = "INTERVIEW_FOLLOWUP_TEST_KEYRING"


class FileKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        """Viable only where the file is named: never picked by keyring's detection in a
        process that merely imported this module (the pytest process)."""
        if not os.environ.get(ENV):
            raise RuntimeError(f"FileKeyring needs a file: set ${ENV}")
        return 1

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__()
        named = path if path is not None else os.environ.get(ENV)
        if not named:
            raise RuntimeError(f"FileKeyring needs a file: set ${ENV}")
        self.path = Path(named)

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, dict[str, str]]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        try:
            with os.fdopen(fd, "w") as f:
                json.dump(data, f, indent=1, sort_keys=True)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._read()
        data.setdefault(service, {})[username] = password
        self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._read()
        if username not in data.get(service, {}):
            raise PasswordDeleteError(f"no password for {username!r} in {service!r}")
        del data[service][username]
        self._write(data)
