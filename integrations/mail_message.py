"""How a draft becomes an RFC 5322 message, and what of a stored one counts as the user's.

Shared by every mail adapter (Maildir, IMAP, Gmail) so a draft is the same bytes wherever it
lands and an edit is seen the same way everywhere. The core decides what a draft says
(``daemon.drafts``); the wire format lives here, with the adapters, so the core imports no
mail machinery.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, getaddresses

from daemon.drafts import display_name, header_text, open_places, usable_address
from daemon.keys import message_id
from daemon.model import Person
from daemon.ports import DraftSpec

KEY_HEADER = "X-Interview-Followup-Key"  # our key, how each adapter finds its drafts again
_KEY = re.compile(r"[A-Za-z0-9._-]{1,200}")

# CRLF line ends; header values this module pre-folds are written exactly as given
# (``refold_source="none"``): CPython's own folding of address headers can drop the quotes
# of a display name or end the header block early, so it is never asked to refold them.
_POLICY = policy.SMTP.clone(refold_source="none")
MAX_LINE = 78
_EW_BYTES = 42  # UTF-8 bytes per encoded word: "=?utf-8?b?" + 56 base64 + "?=" = 68 chars
_PLAIN_WORD = 66  # longer plain words would not fit after "Subject: " on one line
_SPECIALS = frozenset('()<>[]:;@\\,."')


def _encoded_words(text: str) -> list[str]:
    """RFC 2047 base64 words, split between characters so none passes the line limit."""
    chunks: list[str] = []
    current = ""
    for char in text:
        if current and len((current + char).encode("utf-8")) > _EW_BYTES:
            chunks.append(current)
            current = ""
        current += char
    if current:
        chunks.append(current)
    return [f"=?utf-8?b?{base64.b64encode(c.encode('utf-8')).decode('ascii')}?=" for c in chunks]


def _is_plain(text: str, specials: frozenset[str] = frozenset()) -> bool:
    """Printable ASCII with short words and none of ``specials``: can be written as is."""
    return (
        text.isascii()
        and text.isprintable()
        and all(len(word) <= _PLAIN_WORD for word in text.split(" "))
        and specials.isdisjoint(text)
    )


def _fold(name: str, tokens: list[str]) -> str:
    """Tokens joined by single spaces, a space turning into a fold where a line would pass
    78 characters; unfolding gives back the single spaces."""
    out: list[str] = []
    width = len(name) + 1  # "Name:"
    for token in tokens:
        if out and width + 1 + len(token) > MAX_LINE:
            out.append("\n " + token)
            width = 1 + len(token)
        else:
            out.append((" " if out else "") + token)
            width += 1 + len(token)
    return "".join(out)


def _phrase_tokens(text: str) -> list[str]:
    """A display name as header tokens: plain words, one quoted string, or encoded words."""
    if not text:
        return []
    if _is_plain(text, _SPECIALS):
        return text.split(" ")
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if _is_plain(text) and len(quoted) <= MAX_LINE - len("From: "):
        return [quoted]
    return _encoded_words(text)


def address_header(name: str, person: Person) -> str:
    """The pre-folded value of a From/To header for ``person``."""
    addr = usable_address(person.email)
    phrase = _phrase_tokens(display_name(person.name))
    return _fold(name, [*phrase, f"<{addr}>"] if phrase else [addr])


def text_header(name: str, value: str) -> str:
    """The pre-folded value of an unstructured header (Subject)."""
    text = header_text(value)
    if not text:
        return ""
    return _fold(name, text.split(" ") if _is_plain(text) else _encoded_words(text))


def render_message(spec: DraftSpec, date: datetime) -> bytes:
    """The draft as an RFC 5322 message (CRLF line ends, UTF-8 text/plain body).

    Headers carry only flattened values, folded here, so nothing from a calendar can add
    or split a header. ``X-Unsent: 1`` makes clients that open the file directly (Outlook,
    .eml viewers) treat it as a message to compose, not one received.
    """
    if not _KEY.fullmatch(spec.key):
        raise ValueError(f"draft key is not a plain token: {spec.key!r}")
    msg = EmailMessage(policy=_POLICY)
    msg.set_raw("From", address_header("From", spec.sender))
    if spec.to.email:  # someone named without an address: the user adds it
        msg.set_raw("To", address_header("To", spec.to))
    msg.set_raw("Subject", text_header("Subject", spec.subject))
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id(spec.key)
    for name, value in (("In-Reply-To", spec.in_reply_to), ("References", spec.references)):
        ids = _message_ids(value)
        if ids:
            msg.set_raw(name, ids)
    msg[KEY_HEADER] = spec.key
    msg["X-Unsent"] = "1"
    body = spec.body.replace("\r\n", "\n").replace("\r", "\n")
    msg.set_content(body, charset="utf-8")
    return msg.as_bytes()


_MSG_ID = re.compile(r"<[^<>\s]{1,250}>")


def _message_ids(value: str | None) -> str:
    """Only well-formed ``<id>`` tokens from a received header, at most 20, one line."""
    ids = _MSG_ID.findall(value or "")[-20:]
    return "\r\n ".join(ids)


def _body_text(msg: EmailMessage) -> str:
    """The text the user sees: the plain part (or HTML if a client replaced it)."""
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _normalise_body(text: str) -> str:
    """Line endings and trailing blanks do not count as an edit (clients rewrite them)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def message_places(raw: bytes) -> tuple[str, ...]:
    """The ``[[...]]`` places the body of a stored message still holds."""
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(parsed, EmailMessage)
    return open_places(_body_text(parsed))


def message_fingerprint(raw: bytes) -> str:
    """A hash of what a user edits: subject, recipients' addresses, body text.

    Transport details (header folding, encodings, line endings, flags, Date) are left out,
    so a message is unchanged after a round trip through a Maildir file, and any edit of the
    subject, the recipients or the words of the body changes it.
    """
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(parsed, EmailMessage)
    subject = " ".join(str(parsed.get("Subject", "")).split())
    fields = [str(v) for v in parsed.get_all("To", []) + parsed.get_all("Cc", [])]
    recipients = sorted(addr.lower() for _, addr in getaddresses(fields))
    content = [subject, recipients, _normalise_body(_body_text(parsed))]
    blob = json.dumps(content, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:32]
