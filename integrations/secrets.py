"""Secrets: the keyring (service ``interview-followup``) or the user's ``password_command``.

Shared by every backend that signs in (the Google token, CalDAV and IMAP app passwords).
A keyring that would keep a secret in a plaintext file without the user having chosen it by
name is refused, and no secret ever goes into a message, a log line or an exception: errors
name the provider, the user name and the fix, never the value.
"""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import Any

from daemon.ports import AuthError

SERVICE_NAME = "interview-followup"
COMMAND_TIMEOUT = 60.0  # seconds: `pass` may ask for a GPG passphrase first
BACKEND_HELP = (
    "set PYTHON_KEYRING_BACKEND to an encrypted file backend, e.g. "
    "keyrings.alt.file.EncryptedKeyring (pip install keyrings.alt) or "
    "keyrings.cryptfile.cryptfile.CryptFileKeyring (pip install keyrings.cryptfile), "
    "or run inside a D-Bus session with an unlocked Secret Service (GNOME Keyring, KWallet)"
)


def keyring_module() -> Any:
    import keyring

    return keyring


def _backends(backend: Any) -> list[Any]:
    """The backends keyring would write to, highest priority first (chainer unfolded)."""
    inner = getattr(backend, "backends", None)
    return list(inner) if isinstance(inner, (list, tuple)) and inner else [backend]


def _backend_name(backend: Any) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def check_backend(backend: Any, thing: str) -> None:
    """Refuse a keyring that cannot store secrets, or that would store them in plaintext
    without the user having asked for it by name (keyrings.alt's PlaintextKeyring)."""
    chosen = os.environ.get("PYTHON_KEYRING_BACKEND", "")
    name = _backend_name(_backends(backend)[0])
    if name.startswith("keyring.backends.fail.") or name.startswith("keyring.backends.null."):
        raise AuthError(f"no usable keyring backend to store {thing}: {BACKEND_HELP}")
    if "plaintext" in name.lower() and name not in chosen:
        raise AuthError(
            f"keyring would store {thing} in a plaintext file ({name}); refusing: {BACKEND_HELP}"
        )


def keyring_call(what: str, thing: str, fn: Callable[[Any], Any]) -> Any:
    """``fn(keyring)`` after checking the backend; keyring's errors become AuthError."""
    kr = keyring_module()
    check_backend(kr.get_keyring(), thing)
    try:
        return fn(kr)
    except kr.errors.KeyringError as exc:
        raise AuthError(f"keyring could not {what} {thing} ({exc}): {BACKEND_HELP}") from exc


def keyring_user(provider: str, username: str) -> str:
    """The keyring user name of an app password, as interfaces.md fixes it."""
    return f"{provider}:{username}"


def auth_command(provider: str) -> str:
    return f"interview-followup auth {provider}"


def store_password(provider: str, username: str, secret: str) -> None:
    thing = f"the {provider} password of {username}"
    user = keyring_user(provider, username)
    keyring_call("write", thing, lambda kr: kr.set_password(SERVICE_NAME, user, secret))


def password(provider: str, username: str, command: Sequence[str] | None = None) -> str:
    """The app password: the output of ``password_command`` when one is set, else the
    keyring's. AuthError (naming the fix) when there is none."""
    if command:
        return _from_command(provider, list(command))
    thing = f"the {provider} password of {username}"
    user = keyring_user(provider, username)
    found = keyring_call("read", thing, lambda kr: kr.get_password(SERVICE_NAME, user))
    if not found:
        fix = f"run `{auth_command(provider)}`"
        raise AuthError(
            f"no {provider} password stored for {username}: {fix} "
            f"(or set [{provider}] password_command)",
            fix=fix,
        )
    return str(found)


def _from_command(provider: str, argv: list[str]) -> str:
    """First line of the command's output. Its output and error text are never shown: a
    failing password manager may print the secret, or part of it."""
    fix = f"check [{provider}] password_command (run it by hand)"
    try:
        done = subprocess.run(
            argv, capture_output=True, timeout=COMMAND_TIMEOUT, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError:
        raise AuthError(f"[{provider}] password_command: {argv[0]!r} not found", fix=fix) from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        why = "timed out" if isinstance(exc, subprocess.TimeoutExpired) else "could not run"
        raise AuthError(f"[{provider}] password_command {why}", fix=fix) from None
    if done.returncode != 0:
        raise AuthError(
            f"[{provider}] password_command failed (exit status {done.returncode})", fix=fix
        )
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    secret = lines[0].strip() if lines else ""
    if not secret:
        raise AuthError(f"[{provider}] password_command printed no password", fix=fix)
    return secret


def ask_password(prompt: str, from_stdin: bool) -> str:
    """One line from standard input (``--password-stdin``), else asked without echo."""
    secret = sys.stdin.readline().rstrip("\r\n") if from_stdin else getpass.getpass(prompt)
    if not secret.strip():
        raise AuthError("no password given: nothing stored")
    return secret
