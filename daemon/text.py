"""Plain text out of hostile invitation text: one line, no controls, HTML flattened.

Every text the detector reads (titles, descriptions, names) comes from an invitation that
anyone can send. Values end up in e-mail headers and templates: a line break there is a
header injection, a bidi override a spoof. Shared by detect, titles and who.
"""

from __future__ import annotations

import html
import re

FIELD_LIMIT = 200  # longest company / role / name / timeline text we keep

# C0/C1 controls, zero-width and bidi-control characters: they spoof or break headers.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_HTML_BREAK = re.compile(r"<\s{0,5}(?:br|/p|p|/div|div|/li|li|/tr|tr)\b[^<>]{0,300}>", re.I)
_HTML_TAG = re.compile(
    r"</?\s{0,5}(?:html|head|body|span|b|i|u|em|strong|font|a|ul|ol|table|tbody|td|th|h\d)"
    r"\b[^<>]{0,300}>",
    re.I,
)


def clean_text(text: str, limit: int = FIELD_LIMIT) -> str:
    """One line, no control characters, collapsed spaces, at most ``limit`` characters."""
    flat = " ".join(_CONTROL.sub(" ", text[: limit * 4]).split())
    return flat[:limit].rstrip()


def description_text(description: str) -> str:
    """Plain text of a description; Google sends HTML (``<br>``), so break lines there.

    Only known tags are removed, so ``Contact: Sam <sam@acme.com>`` keeps its address.
    """
    text = description.replace("\r\n", "\n").replace("\r", "\n")
    if "<" in text:
        text = _HTML_TAG.sub("", _HTML_BREAK.sub("\n", text))
        if "&" in text:
            text = html.unescape(text)
    return text
