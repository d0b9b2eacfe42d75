"""The quick path of ``addr_spec`` agrees with the e-mail parser it stands in for.

The config checks ``[user] email`` on every command; the pattern lets it skip importing the
e-mail package for the ordinary address. It must never accept what the parser refuses nor
return anything else than the parser does.
"""

from __future__ import annotations

from email.headerregistry import Address

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daemon.addresses import _PLAIN, _parsed, addr_spec

ATEXT = st.text("abcXYZ019!#$%&'*+/=?^_`{|}~-", min_size=1, max_size=8)
LABEL = st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,6}[A-Za-z0-9])?", fullmatch=True)


@given(
    local=st.lists(ATEXT, min_size=1, max_size=3).map(".".join),
    domain=st.lists(LABEL, min_size=1, max_size=3).map(".".join),
)
def test_a_plain_address_is_what_the_parser_returns(local: str, domain: str) -> None:
    raw = f"{local}@{domain}"
    assert _PLAIN.fullmatch(raw)
    assert addr_spec(raw) == _parsed(raw) == Address(addr_spec=raw).addr_spec == raw


@given(st.text(max_size=40))
def test_anything_the_pattern_takes_the_parser_takes_unchanged(raw: str) -> None:
    if _PLAIN.fullmatch(raw):
        assert Address(addr_spec=raw).addr_spec == raw


@pytest.mark.parametrize(
    "raw",
    [
        "jane@acme.com, x@y.z",
        "jane@acme.com\r\nBcc: x@evil.com",
        "a..b@acme.com",
        "jané@acme.com",
        "@acme.com",
        "jane@",
    ],
)
def test_odd_addresses_still_go_to_the_parser_and_are_refused(raw: str) -> None:
    assert not _PLAIN.fullmatch(raw)
    with pytest.raises(ValueError):
        addr_spec(raw)
