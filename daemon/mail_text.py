"""The words a sender wrote in one e-mail: headers decoded, HTML made text, quoted history,
signatures and legal footers cut off, and a forwarded message's body kept apart.

Pure: bytes in, text out; nothing is stored. A reader of replies needs exactly this much
of e-mail, and the rules that decide what a reply means are kept out of it.
"""

from __future__ import annotations

import email.utils
import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser

MAX_BODY_CHARS = 20_000  # a reply is short; the rest is quoted history or marketing


@dataclass(frozen=True)
class Mail:
    """The parts of a message the rules read."""

    headers: dict[str, str]  # lower-case name -> value (the first one)
    subject: str
    sender: str  # address, lower-case
    sent: date | None  # the Date header's own calendar day
    text: str  # the whole plain text (HTML converted)
    recipients: frozenset[str] = frozenset()  # To and Cc addresses, lower-case: the candidate


# ------------------------------------------------------------------------------ parsing


def parse_mail(raw: bytes) -> Mail:
    """Headers and plain text of an RFC 5322 message; never raises on bad input."""
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    headers: dict[str, str] = {}
    for name, value in msg.items():
        headers.setdefault(name.lower(), _header_text(value))
    sender = email.utils.parseaddr(headers.get("from", ""))[1].lower()
    return Mail(
        headers=headers,
        subject=" ".join(headers.get("subject", "").split()),
        sender=sender,
        sent=_sent_day(headers.get("date", "")),
        text=_body_text(msg)[:MAX_BODY_CHARS],
        recipients=_addresses(headers.get("to", ""), headers.get("cc", "")),
    )


def _addresses(*values: str) -> frozenset[str]:
    pairs = email.utils.getaddresses(list(values))
    return frozenset(addr.lower() for _name, addr in pairs if "@" in addr)


def _header_text(value: object) -> str:
    try:
        return " ".join(str(value).split())
    except (LookupError, ValueError):  # an undecodable encoded word
        return ""


def _sent_day(value: str) -> date | None:
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when.date() if isinstance(when, datetime) else None


def _body_text(msg: Message) -> str:
    """The plain part, or the HTML part made text when the plain one is missing or empty
    (some ATS and marketing tools send an empty or placeholder plain part)."""
    if not isinstance(msg, EmailMessage):
        return ""
    plain = _part_text(msg, "plain")
    if len(plain.split()) >= 3:
        return plain
    return _part_text(msg, "html") or plain


def _part_text(msg: EmailMessage, kind: str) -> str:
    try:
        part = msg.get_body(preferencelist=(kind,))
    except (LookupError, ValueError, AttributeError):
        part = None
    if part is None:
        return ""
    charset = (part.get_content_charset() or "us-ascii").lower()
    try:
        content = part.get_content() if charset not in ("us-ascii", "ascii") else None
    except (LookupError, ValueError, AssertionError):
        content = None
    text = content if isinstance(content, str) else _undeclared(part.get_payload(decode=True))
    return _html_to_text(text) if part.get_content_type() == "text/html" else text


def _undeclared(payload: object) -> str:
    """Bytes with no usable charset: UTF-8 when they are (most mail is), else Windows-1252."""
    if not isinstance(payload, bytes):
        return ""
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return payload.decode("cp1252", "replace")


_BLOCK_TAG = re.compile(
    r"<\s*(br|hr|/p|/div|/tr|/td|/li|/h\d|/table|p|div|li|tr|td|table)\b[^>]*>", re.I
)
# Where a mail program starts the quoted history in HTML: Gmail's gmail_quote, Outlook's
# divRplyFwdMsg and appendonsend, Thunderbird's moz-cite-prefix, Outlook desktop's
# bordered header block. They become a separator line that own_text cuts at (the text after
# it stays, for a forwarded message's body).
_REPLY_BLOCK = re.compile(
    r"<div\b[^>]*(?:class=[\"']?gmail_quote|id=[\"']?(?:divRplyFwdMsg|appendonsend)"
    r"|class=[\"']?moz-cite-prefix|border-top:\s*solid\s*#[0-9a-f]{6})[^>]*>",
    re.I,
)
_SEPARATOR = "\n" + "_" * 32 + "\n"
_QUOTE_TAG = re.compile(r"<blockquote\b.*?</blockquote>", re.I | re.S)
_DROP_TAG = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.I | re.S)
_ANY_TAG = re.compile(r"<[^>]+>")


def _html_to_text(text: str) -> str:
    """Enough HTML reading for mail: quoted blocks dropped, block tags become lines."""
    text = _DROP_TAG.sub(" ", text)
    text = _QUOTE_TAG.sub("\n", text)
    text = _REPLY_BLOCK.sub(_SEPARATOR, text)
    text = _BLOCK_TAG.sub("\n", text)
    return html.unescape(_ANY_TAG.sub(" ", text))


# ----------------------------------------------------------------- the sender's own words

# A line that starts the quoted history: "On Tue, Dec 1, 2026 at 3:00 PM Alex wrote:",
# "Am 01.12.2026 um 15:00 schrieb Alex:", "Le mar. 1 déc. 2026 à 15:00, Alex a écrit :",
# "El mar, 1 dic 2026 a las 15:00, Alex escribió:", Outlook's header block, separators.
_QUOTE_START = re.compile(
    r"^\s*(?:"
    r"on\b.{0,200}\bwrote:?"
    r"|am\b.{0,200}\bschrieb\b.{0,100}:?"
    r"|le\b.{0,200}\ba\s+écrit\s*:?"
    r"|el\b.{0,200}\bescribió\s*:?"
    r"|-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine"
    r"|mensaje original|forwarded message|weitergeleitete nachricht)\s*-{2,}"
    r"|_{10,}"
    r"|(?:from|von|de|de\s*:|from\s*:)\s*:?.{0,200}\b(?:sent|gesendet|envoyé|enviado)\s*:.*"
    r"|(?:from|von|de)\s*:\s*.+"  # Outlook's block starts with From:/Von:/De: alone
    r")\s*$",
    re.I,
)
_SIGNATURE = re.compile(r"^(?:-- ?|—|__)\s*$")
# Lines after which the rest is legal boilerplate or a footer, not what the sender said.
_FOOTER = re.compile(
    r"^\s*(?:this e-?mail (?:and any|is confidential|may contain)"
    r"|this (?:e-?mail|message|communication|transmission)(?: and any (?:attachments?|files?))?"
    r" (?:is|are|may be|may contain|contains?) (?:strictly )?(?:confidential|privileged|intended)"
    r"|confidentiality notice"
    r"|diese e-?mail (?:enthält|kann)|ce (?:message|courriel) (?:et|est|peut)"
    r"|este (?:mensaje|correo) (?:y|es|puede|contiene)|sent from my (?:iphone|android)"
    r"|sent from (?:outlook|mail for|yahoo)|(?:von meinem|gesendet von) \w+|envoyé de(?:puis)? mon"
    r"|enviado desde mi|powered by \w+|disclaimer\b|aviso legal\b|avis de confidentialité"
    r"|privileged (?:and|&) confidential)"
    # legal lines that start with the company's name: "Alpenwerk GmbH · Amtsgericht ..."
    r"|.{0,80}\b(?:amtsgericht|registergericht|handelsregister|hrb \d|sitz der gesellschaft"
    r"|intended recipient|destinataire de ce|destinatario (?:de este|indicado)"
    r"|(?:la )?información contenida en este|le informazioni contenute|the information contained"
    r" in this)",
    re.I,
)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _starts_quote(lines: list[str], i: int) -> bool:
    """A quote header, also when a mail program wrapped it over two lines ("On Thu, Dec 3,
    2026 at 9:02 AM Alex <" / "alex@example.com> wrote:")."""
    if _QUOTE_START.match(lines[i]):
        return True
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    return bool(nxt.strip()) and bool(_QUOTE_START.match(lines[i] + " " + nxt))


def own_text(text: str) -> str:
    """What the sender wrote: quoted history, signature and footer removed."""
    lines: list[str] = []
    every = _lines(text)
    for i, line in enumerate(every):
        stripped = line.strip()
        if stripped.startswith(">"):
            continue
        if _starts_quote(every, i) and lines and any(x.strip() for x in lines):
            break
        if _SIGNATURE.match(line) or _FOOTER.match(line):
            break
        lines.append(line)
    return "\n".join(lines).strip()


_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "\xa0": " "})
_WRAPPED = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)")
_SPACES = re.compile(r"[ \t]+")


def flowed(text: str) -> str:
    """One line per paragraph, straight apostrophes, single spaces: a sentence a mail
    program wrapped at 72 columns or split with ``<br>``, or wrote "we’ve" with a curly
    apostrophe, reads the same as one typed on a single line."""
    text = _WRAPPED.sub(" ", text.translate(_TYPOGRAPHY))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# A forwarded message starts here; its own header lines follow.
_FORWARD_START = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded message|weitergeleitete nachricht|message transféré"
    r"|mensaje reenviado)\s*-{2,}|begin forwarded message:|anfang der weitergeleiteten nachricht:"
    r"|début du message (?:réexpédié|transféré)\s*:)\s*$",
    re.I,
)
_HEADER_LINE = re.compile(
    r"^\s*\*?(?:from|von|de|date|datum|sent|gesendet|envoyé|enviado|fecha|subject|betreff|objet"
    r"|asunto|to|an|à|a|para|cc)\s*:\*?\s*(?P<value>.*)$",
    re.I,
)
_FROM_LINE = re.compile(r"^\s*\*?(?:from|von|de)\s*:", re.I)


def forwarded_text(text: str, candidate: frozenset[str]) -> str:
    """The body of a message forwarded from the company's side ("passing along Priya's note
    below"), its own quotes cut; empty when nothing is forwarded or when the forwarded
    message is the candidate's own (its sender is one of this message's recipients)."""
    lines = _lines(text)
    start = next((i for i, line in enumerate(lines) if _FORWARD_START.match(line)), None)
    if start is None:
        return ""
    body = start + 1
    sender = ""
    while body < len(lines) and (not lines[body].strip() or _HEADER_LINE.match(lines[body])):
        match = _HEADER_LINE.match(lines[body])
        if match and _FROM_LINE.match(lines[body]):
            sender = email.utils.parseaddr(match.group("value"))[1].lower()
        body += 1
    if sender and sender in candidate:
        return ""
    return own_text("\n".join(lines[body:]))
