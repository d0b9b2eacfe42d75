"""A real Dovecot IMAP server for the tests, started in a temporary directory.

Debian's ``dovecot-imapd`` (``apt-get install dovecot-imapd``; ``.ci/run`` installs it),
run in the foreground with a config of its own: listening on a free loopback port only,
one passwd-file user, Maildir storage, a ``\\Drafts``-flagged "Drafts" mailbox (RFC 6154),
no TLS (loopback only), its sockets, state and log inside the directory. It starts in a few
tens of milliseconds and is stopped (SIGTERM, then SIGKILL) when the test ends, at the
latest when the test process exits, and by the kernel if that process is killed outright
(tests/lifeline.py).

The directory is world-traversable because Dovecot's login and mail processes run as other
users (dovenull, and the mail user) when the tests run as root; as any other user, every
process runs as that user.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.lifeline import die_with_parent

USER = "alex@example.com"
PASSWORD = "app-password-1"
BINARY = shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot")
                                      else None)
MISSING = (
    "dovecot is not installed (apt-get install dovecot-imapd): the IMAP tests did not run"
)
START_TIMEOUT = 30.0  # generous: a loaded 2-core machine
_RUNNING: dict[int, Dovecot] = {}  # stopped at exit, whatever test forgot to

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = ift-{port}
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_internal_group = {internal_group}
default_login_user = {login}
first_valid_uid = 0
mail_location = maildir:~/Maildir
mail_uid = {uid}
mail_gid = {gid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
{oauth2}userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox {drafts} {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


# XOAUTH2 and OAUTHBEARER, the token checked by POSTing it to an RFC 7662 introspection URL
# (Dovecot's oauth2 passdb); the answer's "active" must be true and its "username" the user.
OAUTH2_PASSDB = """\
auth_mechanisms = plain login xoauth2 oauthbearer
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/oauth2.conf.ext
}}
"""
OAUTH2_CONF = """\
introspection_mode = post
introspection_url = {url}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
timeout_msecs = 30000
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def require_dovecot() -> str:
    """The binary's path; skip the test when it is missing, but fail under CI (CI=true),
    which must run every IMAP test."""
    if BINARY is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI=true but {MISSING}")
        pytest.skip(MISSING)
    return BINARY


class Dovecot:
    """One running server. ``port``; ``user``/``password``; ``log`` for what it said."""

    def __init__(
        self,
        binary: str,
        password: str = PASSWORD,
        drafts: str = "Drafts",
        introspection_url: str | None = None,
    ) -> None:
        """``introspection_url``: also accept OAuth2 bearer tokens (XOAUTH2, OAUTHBEARER),
        valid when that URL says so."""
        self.binary = binary
        self.introspection_url = introspection_url
        self.drafts = drafts
        self.user = USER
        self.password = password
        self.root = Path(tempfile.mkdtemp(prefix="ift-dovecot-"))
        self.root.chmod(0o755)
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self._delivered = 0

    @property
    def log(self) -> str:
        try:
            return (self.root / "dovecot.log").read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def logins(self) -> int:
        """Successful logins so far, from Dovecot's own log."""
        return self.log.count("imap-login: Info: Login:")

    def _config(self) -> Path:
        if os.geteuid() == 0:
            mail = pwd.getpwnam("nobody")
            internal, group, login = "dovecot", "dovecot", "dovenull"
        else:
            mail = pwd.getpwuid(os.geteuid())
            internal = login = mail.pw_name
            group = _group_name(mail.pw_gid)
        for sub in ("run", "state", "home"):
            (self.root / sub).mkdir(mode=0o755)
        os.chown(self.root / "home", mail.pw_uid, mail.pw_gid)
        (self.root / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}::::::\n")
        (self.root / "passwd").chmod(0o644)
        oauth2 = ""
        if self.introspection_url:
            ext = self.root / "oauth2.conf.ext"
            ext.write_text(OAUTH2_CONF.format(url=self.introspection_url))
            ext.chmod(0o644)
            oauth2 = OAUTH2_PASSDB.format(root=self.root)
        conf = self.root / "dovecot.conf"
        conf.write_text(
            CONFIG.format(
                oauth2=oauth2,
                root=self.root,
                port=self.port,
                uid=mail.pw_uid,
                gid=mail.pw_gid,
                internal=internal,
                internal_group=group,
                login=login,
                drafts=self.drafts,
            )
        )
        return conf

    def start(self) -> Dovecot:
        conf = self._config()
        for _ in range(3):  # the free port may be taken by someone else in between
            self.proc = subprocess.Popen(
                [self.binary, "-F", "-c", str(conf)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,  # its own process group: stopped all at once
                preexec_fn=die_with_parent,  # and stopped if pytest is killed
            )
            _RUNNING[id(self)] = self
            if self._wait_listening():
                return self
            self.stop()
            self.port = free_port()
            conf.write_text(_with_port(conf.read_text(), self.port))
        raise RuntimeError(f"dovecot did not start: {self.log[-2000:]}")

    def _wait_listening(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return True
            except OSError:
                time.sleep(0.01)
        return False

    def stop(self) -> None:
        _RUNNING.pop(id(self), None)
        proc, self.proc = self.proc, None
        if proc is None:
            return
        _signal_group(proc.pid, signal.SIGTERM)  # the master waits a second for its children
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _signal_group(proc.pid, signal.SIGKILL)
            proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    # -- mail arriving, and the mailbox the way a mail client sees it ------------------------

    def deliver(self, raw: bytes, when: datetime) -> None:
        """A message arrives in the inbox at ``when``, as a delivery agent puts it there: a
        file in the Maildir's ``new/`` whose mtime Dovecot reports as INTERNALDATE. (An IMAP
        APPEND would not do: Dovecot replaces a date later than its own clock with now, and
        the tests' dates must not depend on the machine's clock.)"""
        maildir = self.root / "home" / self.user / "Maildir"
        owner = (self.root / "home").stat()
        for folder in (maildir.parent, maildir, *(maildir / s for s in ("tmp", "new", "cur"))):
            folder.mkdir(mode=0o700, exist_ok=True)
            os.chown(folder, owner.st_uid, owner.st_gid)
        self._delivered += 1
        name = f"{int(when.timestamp())}.M{self._delivered}P{os.getpid()}.tests"
        tmp, new = maildir / "tmp" / name, maildir / "new" / name
        tmp.write_bytes(raw)
        os.chown(tmp, owner.st_uid, owner.st_gid)
        stamp = when.timestamp()
        os.utime(tmp, (stamp, stamp))
        tmp.rename(new)

    def client(self) -> object:
        from imapclient import IMAPClient

        client = IMAPClient("127.0.0.1", self.port, ssl=False, timeout=30)
        client.login(self.user, self.password)
        return client


@atexit.register
def _stop_all() -> None:
    for server in list(_RUNNING.values()):
        server.stop()


def _signal_group(pid: int, sig: int) -> None:
    """The server's own process group (it was started as a new session, so the group id is
    the master's pid): master, login, auth and mail processes alike."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, sig)


def _group_name(gid: int) -> str:
    import grp

    return grp.getgrgid(gid).gr_name


def _with_port(text: str, port: int) -> str:
    import re

    text = re.sub(r"instance_name = ift-\d+", f"instance_name = ift-{port}", text)
    return re.sub(r"(address = 127\.0\.0\.1\n    port = )\d+", rf"\g<1>{port}", text)
