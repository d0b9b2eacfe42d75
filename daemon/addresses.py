"""Is this one plain e-mail address we can write to? Shared by the readers and the drafts.

A calendar may carry ``mailto:<jane@acme.com>``, ``mailto:a@x,b@y`` or
``mailto:x@y?bcc=...``: the reader drops such an attendee (with a warning naming the file
and line) and the drafts refuse it, so one bad address never stops a sync.
"""

from __future__ import annotations

import re
import unicodedata

ADDRESS_LIMIT = 254  # RFC 5321 path limit less the angle brackets
# A dot-atom local part at a domain of letters, digits and hyphens: what almost every
# address is, and what the e-mail parser returns unchanged. Anything else goes to the
# parser, whose import costs more than reading the config (the config checks [user] email).
_PLAIN = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
)


def addr_spec(email: str) -> str:
    """The address as an addr-spec; ValueError unless it is exactly one plain address.

    ``a@b.c\\r\\nBcc: x`` or ``a@b.c, x@y.z`` are refused rather than cut, a non-ASCII
    domain is IDNA-encoded and a non-ASCII local part is refused (it needs SMTPUTF8).
    """
    raw = email.strip()
    spec = raw if _PLAIN.fullmatch(raw) else _parsed(raw)
    if len(spec) > ADDRESS_LIMIT or not spec.isascii():
        raise ValueError(f"not a usable e-mail address: {raw!r}")
    return spec


def _parsed(raw: str) -> str:
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    local, at, domain = raw.rpartition("@")
    if not at or not domain or not local.isascii() or any(_blank(c) for c in raw):
        raise ValueError(f"not a usable e-mail address: {raw!r}")
    try:
        domain = domain if domain.isascii() else domain.encode("idna").decode("ascii")
        return Address(addr_spec=f"{local}@{domain}").addr_spec
    except (UnicodeError, ValueError, IndexError, HeaderParseError) as exc:  # IndexError: "a@"
        raise ValueError(f"not a usable e-mail address: {raw!r}") from exc


def usable(email: str) -> bool:
    try:
        addr_spec(email)
    except ValueError:
        return False
    return True


def _blank(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) == "Cc"
