"""What a reply from the company means for the follow-up: rules, not a model, no network.

The order is the one a careful reader follows. Headers first, because an autoresponder says
what it is there (RFC 3834 ``Auto-Submitted``, ``X-Autoreply``, ``Precedence``, Exchange's
markers, an "Automatic reply:" subject) whatever its text says ("unfortunately I am out of
the office"). Then the words the sender wrote: quoted text and signatures are cut off first,
so a reply that quotes the candidate's own "I know you are meeting other candidates" is not
read as a rejection. Phrases are grouped by category in English, German, French and
Spanish; a category's phrases are specific enough that one hit decides, and when several
categories hit, the more consequential one wins (a rejection that mentions "an offer" and
"a call" is still a rejection). Dates in a delay or an acknowledgement ("by the end of next
week", "after the holidays, around January 8") resolve against the message's ``Date``.

Pure: bytes in, a ``Reading`` out; nothing is stored, nothing is logged from the body.
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
from typing import Literal, get_args

from daemon.timeline import parse_timeline

Category = Literal[
    "rejection",
    "next_round",
    "offer",
    "info_request",
    "delay",
    "acknowledgement",
    "auto_reply",
    "noise",
    "unknown",
]
CATEGORIES: tuple[Category, ...] = get_args(Category)  # in the order above
# Categories that are not an answer from a person: they change nothing in the plan.
NOT_A_REPLY: frozenset[str] = frozenset({"auto_reply", "noise"})

MAX_BODY_CHARS = 20_000  # a reply is short; the rest is quoted history or marketing


@dataclass(frozen=True)
class Reading:
    """What one message says for the follow-up, and the cue that decided it.

    ``new_date``: the decision date a ``delay`` or ``acknowledgement`` gives. ``until``: an
    out-of-office's return date (it holds the next check-in). ``asked``: what an
    ``info_request`` asks for, from a fixed vocabulary (never the sender's own words).
    """

    category: Category
    cue: str
    new_date: date | None = None
    until: date | None = None
    asked: str | None = None


@dataclass(frozen=True)
class Mail:
    """The parts of a message the rules read."""

    headers: dict[str, str]  # lower-case name -> value (the first one)
    subject: str
    sender: str  # address, lower-case
    sent: date | None  # the Date header's own calendar day
    text: str  # the whole plain text (HTML converted)


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
    )


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
    if not isinstance(msg, EmailMessage):
        return ""
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
    except (LookupError, ValueError, AttributeError):
        part = None
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    text = content if isinstance(content, str) else ""
    return _html_to_text(text) if part.get_content_type() == "text/html" else text


_BLOCK_TAG = re.compile(r"<\s*(br|/p|/div|/tr|/li|/h\d|p|div|li|tr)\b[^>]*>", re.I)
_QUOTE_TAG = re.compile(r"<blockquote\b.*?</blockquote>", re.I | re.S)
_DROP_TAG = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.I | re.S)
_ANY_TAG = re.compile(r"<[^>]+>")


def _html_to_text(text: str) -> str:
    """Enough HTML reading for mail: quoted blocks dropped, block tags become lines."""
    text = _DROP_TAG.sub(" ", text)
    text = _QUOTE_TAG.sub("\n", text)
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
    r"^\s*(?:this e-?mail (?:and any|is confidential|may contain)|confidentiality notice"
    r"|diese e-?mail (?:enthält|kann)|ce (?:message|courriel) (?:et|est|peut)"
    r"|este (?:mensaje|correo) (?:y|es|puede|contiene)|sent from my (?:iphone|android))",
    re.I,
)


def own_text(text: str) -> str:
    """What the sender wrote: quoted history, signature and footer removed."""
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if stripped.startswith(">"):
            continue
        if _QUOTE_START.match(line) and lines and any(x.strip() for x in lines):
            break
        if _SIGNATURE.match(line) or _FOOTER.match(line):
            break
        lines.append(line)
    return "\n".join(lines).strip()


# --------------------------------------------------------------------- auto-replies, noise

_AUTO_SUBJECT = re.compile(
    r"^\s*(?:\[?(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response|antwort)"
    r"|autoreply|autoresponder|out of (?:the )?office|ooo\b|away from (?:the )?office"
    r"|on vacation|on leave|abwesenheit(?:snotiz)?|automatische antwort|nicht im büro"
    r"|réponse automatique|absence du bureau|absent(?:e)? du bureau|message d'absence"
    r"|respuesta automática|fuera de la oficina|ausencia|fuori ufficio|risposta automatica"
    r"|afwezig|automatisch antwoord)\b|auto:)",
    re.I,
)
# Phrases an out-of-office says about its writer; two kinds are needed without headers.
_AWAY = re.compile(
    r"\b(?:i am|i'm|i will be|i'll be|i'm currently|i am currently|currently)\s+"
    r"(?:out of (?:the )?office|away|on (?:annual |parental |sick )?(?:leave|vacation|holiday)"
    r"|travel+ing|ooo|off)\b"
    r"|\bout of (?:the )?office (?:until|till|through|from)\b"
    r"|\bi (?:have )?(?:now )?left\b|\bi am no longer (?:with|at|working)\b"
    r"|\bbin (?:ich )?(?:bis|vom|ab|derzeit|zurzeit|aktuell)?\s*.{0,40}"
    r"(?:nicht im büro|abwesend|im urlaub|außer haus)"
    r"|\b(?:ich bin|bin ich)\b.{0,60}\b(?:nicht im büro|abwesend|im urlaub)"
    r"|\bje (?:suis|serai)\b.{0,40}\b(?:absente?|en congés?|en vacances|hors du bureau)"
    r"|\b(?:estoy|estaré)\b.{0,40}\b(?:fuera de la oficina|ausente|de vacaciones|de viaje)",
    re.I,
)
_AUTO_SIGNS = re.compile(
    r"\blimited (?:access to|e-?mail)|\bwill (?:respond|reply|get back to you|answer)\b.{0,40}"
    r"\b(?:return|when i(?:'m| am)? back|upon)|\bupon my return\b|\bwhen i return\b"
    r"|\bfor (?:urgent|immediate) (?:matters|requests|questions|inquiries|assistance)"
    r"|\bif (?:this is|your matter is) urgent\b|\bin (?:dringenden|eiligen) fällen\b"
    r"|\bfor anything urgent\b|\burgent (?:matters|requests)\b"
    r"|\bfor (?:\w+ )?(?:matters|enquiries|inquiries|questions),? please (?:contact|email|write)"
    r"|\bcheck(?:ing)? (?:my )?e-?mails? (?:intermittently|occasionally|sporadically"
    r"|periodically)\b"
    r"|\bnach meiner rückkehr\b|\bwird nicht weitergeleitet\b|\bkeinen zugriff\b"
    r"|\bdès mon retour\b|\bà mon retour\b|\ben cas d'urgence\b"
    r"|\ba mi regreso\b|\bpara (?:asuntos|temas) urgentes\b|\ben caso de urgencia\b"
    r"|\bthis is an automat(?:ic|ed) (?:reply|response|message)\b"
    r"|\bautomatische antwort\b|\bréponse automatique\b|\brespuesta automática\b",
    re.I,
)
_BULK_SENDER = re.compile(
    r"^(?:news(?:letter)?s?|marketing|updates?|events?|hello|info|digest|alerts?|jobs?-?alerts?"
    r"|talent-?community|careers-?news|community|webinars?|promo(?:tions)?)@",
    re.I,
)
_NOREPLY = re.compile(r"^(?:no-?reply|do-?not-?reply|notifications?|mailer-daemon)", re.I)
_ATS_DOMAINS = (
    "greenhouse.io",
    "greenhouse-mail.io",
    "lever.co",
    "hire.lever.co",
    "ashbyhq.com",
    "myworkday.com",
    "workday.com",
    "icims.com",
    "workablemail.com",
    "smartrecruiters.com",
    "successfactors.com",
    "taleo.net",
    "jobvite.com",
    "teamtailor.com",
    "personio.de",
    "recruitee.com",
)
_NOISE_TEXT = re.compile(
    r"\b(?:unsubscribe|newsletter|job alert|jobs? (?:you may|you might) (?:like|be interested)"
    r"|new jobs? (?:for you|matching)|recommended jobs|view (?:this email )?in (?:your )?browser"
    r"|manage (?:your )?(?:email )?preferences|webinar|register now|save your seat"
    r"|abmelden|newsletter abbestellen|se désabonner|désinscri|darse de baja|cancelar suscripción)"
    r"\b",
    re.I,
)
_ABOUT_YOU = re.compile(
    r"\b(?:your (?:application|candidacy|interview|candidature|profile)|you applied"
    r"|ihre bewerbung|deine bewerbung|ihr(?:em)? (?:vorstellungs)?gespräch"
    r"|votre candidature|votre entretien|su candidatura|tu candidatura|su entrevista)\b",
    re.I,
)


def _auto_reply_cue(mail: Mail) -> str | None:
    """The header or subject that says an autoresponder wrote this, if any."""
    h = mail.headers
    auto = h.get("auto-submitted", "").lower()
    if auto.startswith("auto-replied"):
        return f"header Auto-Submitted: {auto}"
    for name in ("x-autoreply", "x-autorespond", "x-auto-reply", "x-autoresponse"):
        if name in h and h[name].strip().lower() not in ("no", "false", "0"):
            return f"header {name}: {h[name][:40]}"
    if h.get("precedence", "").lower().strip() == "auto_reply":
        return "header Precedence: auto_reply"
    if _AUTO_SUBJECT.match(mail.subject):
        return f"subject {mail.subject[:60]!r}"
    exchange = "x-ms-exchange-inbox-rules-loop" in h or "x-auto-response-suppress" in h
    if exchange and _AWAY.search(own_text(mail.text)):
        return "Exchange auto-reply headers and an out-of-office text"
    if auto.startswith("auto-") and _AWAY.search(own_text(mail.text)):
        return f"header Auto-Submitted: {auto} and an out-of-office text"
    return None


def _bulk_cue(mail: Mail) -> str | None:
    """The header or sender that says this went to a list, not to the candidate."""
    h = mail.headers
    if "list-unsubscribe" in h or "list-id" in h:
        return "header List-Unsubscribe" if "list-unsubscribe" in h else "header List-Id"
    precedence = h.get("precedence", "").lower().strip()
    if precedence in ("bulk", "list", "junk"):
        return f"header Precedence: {precedence}"
    if _BULK_SENDER.match(mail.sender):
        return f"sender {mail.sender}"
    return None


def _machine_sent(mail: Mail) -> bool:
    host = mail.sender.rpartition("@")[2]
    ats = any(host == d or host.endswith("." + d) for d in _ATS_DOMAINS)
    auto = mail.headers.get("auto-submitted", "no").lower().strip() != "no"
    return ats or auto or bool(_NOREPLY.match(mail.sender))


# ----------------------------------------------------------------------------- the words

_Rule = tuple[Category, re.Pattern[str]]


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), re.I)


_NEG = r"(?:not|n't|no longer|unable to|won't|will not|cannot|can't)"

_OTHER_PERSON = (
    r"(?:another|other|a different|an internal|an? (?:external|stronger|more \w+) )?\s*"
    r"(?:candidates?|applicants?|person|profile|individual)\b|someone (?:else|with|who|whose)"
    r"|a candidate whose|candidates? whose"
)
_REJECTION = _rx(
    # English, general: choosing someone else; not going on with the candidate
    r"\b(?:decided|chosen|opted|elected|going|decided instead) to (?:pursue|hire|select|go with"
    r"|move (?:forward|ahead) with|proceed with|continue with|offer the (?:role|position|job) to"
    r"|extend (?:an|the) offer to)\s+(?:" + _OTHER_PERSON + ")",
    r"\b(?:hired|selected|chose|chosen|found|went with|gone with|decided on|offered the (?:role"
    r"|position|job) to|extended (?:an|the) offer to)\s+(?:another|a different|an internal"
    r"|someone (?:else|with|who|whose)|a candidate (?:who|whose|with)|the other)",
    r"\b(?:not|n't|no longer)\s+(?:be\s+)?(?:moving|move|going|go|proceeding|proceed|progressing"
    r"|progress|advancing|advance|continuing|continue|pursuing|pursue|taking|take)\s+"
    r"(?:forward|ahead|further|on)?\s*(?:with\s+)?(?:your|you\b)",
    r"\b(?:unable to|not able to|cannot|can't|won't|will not|not in a position to|decided not to)"
    r"\s+(?:be\s+)?(?:make|making|extend|extending|offer|offering)\s+(?:you\s+)?(?:an?\s+|the\s+)?"
    r"(?:offer|position|role|job)",
    r"\b(?:in|to go in) a different direction\b",
    r"\b(?:other|another|the other) (?:candidates?|applicants?|profiles?|people)\b.{0,30}"
    r"\b(?:are|is"
    r"|were|was|seemed?)\b.{0,20}\b(?:better|closer|stronger|more (?:suitable|aligned|relevant))",
    r"\bfilled the (?:role|position|job|vacancy|opening)\b"
    r"|\b(?:role|position|job|vacancy) (?:is|was"
    r"|has been) (?:now )?(?:filled|closed)\b",
    r"\b(?:didn't|did not|won't|will not|couldn't|could not)\s+(?:approve|support|sign off on)\b",
    r"\bit(?:'s| is) a no\b|\bnot (?:be )?offering you\b|\bdecided against\b",
    r"\b(?:were|was|have|has) not (?:been )?(?:successful|selected|chosen)|\bunsuccessful\b",
    # English
    r"\b(?:decided|chosen|opted|elected|made the decision) (?:not )?to (?:move|go|proceed|continue"
    r"|pursue|progress)\b.{0,40}\b(?:other|another|different|a different|more suitable|stronger)"
    r"\s+(?:candidate|applicant|direction|person|profile)",
    r"\b(?:move|moving|go|going|proceed|proceeding) forward with (?:other|another|a different"
    r"|more|the other)\b.{0,30}\b(?:candidate|applicant|profile|person)",
    r"\b(?:will|would|are|am|have|'ve|'re|we)\s+(?:not|no longer)\s+(?:be\s+)?(?:moving forward"
    r"|proceeding|progressing|advancing|continuing|going forward|pursuing)",
    r"\b(?:won't|will not|can't|cannot|unable to|not able to|not in a position to)\s+(?:be\s+)?"
    r"(?:moving forward|proceed|progress|move forward|advance|extend(?:ing)? (?:you )?an offer"
    r"|offer(?:ing)? you (?:the|a|this) (?:position|role|job))",
    r"\bnot (?:to )?(?:move|moving|go|going) forward with your (?:application|candidacy)",
    r"\b(?:decided|(?:made|taken|reached) the decision|decision was made) not to (?:move forward"
    r"|proceed|progress|advance|extend|offer|pursue|continue)",
    r"\bregret to (?:inform|let you know|tell you)",
    r"\b(?:you (?:were|have) not been|you weren't|not been) (?:selected|chosen|successful)",
    r"\b(?:position|role|vacancy|job) has (?:now )?been filled\b",
    r"\b(?:offered|offer) the (?:position|role|job) to (?:another|a different|an internal)",
    r"\bwent with (?:another|a different|an internal) (?:candidate|applicant|person)",
    r"\b(?:your application|your candidacy)\b.{0,40}\b(?:unsuccessful|not (?:be )?successful"
    r"|not (?:be )?progress|will not|won't|has been declined|was declined)",
    r"\bnot (?:be )?(?:the right|a) (?:fit|match) (?:for (?:this|the) (?:role|position)"
    r"|at this time)",
    r"\b(?:other candidates|another candidate) whose (?:experience|skills|background|profile)",
    r"\bclosed? (?:out )?your (?:application|candidacy)\b",
    # German
    r"\b(?:müssen|möchten) (?:wir )?ihnen (?:leider )?mitteilen\b",
    r"\bleider\b.{0,80}\b(?:absage|nicht (?:weiter )?berücksichtigen|nicht berücksichtigt"
    r"|nicht in die engere|nicht weiter(?:verfolgen| verfolgen)|keine positive"
    r"|nicht anbieten|für (?:einen|eine) (?:anderen?|mitbewerber)|anders entschieden)",
    r"\b(?:für (?:einen|eine) (?:anderen?|andere) (?:kandidat|bewerber)|für (?:einen|eine) "
    r"mitbewerber(?:in)?|anderweitig)\b.{0,20}\bentschieden",
    r"\bentscheidung (?:ist )?(?:auf|für) (?:jemand|einen?) (?:anderen?|mitbewerber)",
    r"\bkeinen (?:günstigeren|positiven) bescheid\b",
    r"\bentschieden\b.{0,60}\b(?:andere[nr]?|mitbewerber)|\b(?:andere[nr]?|anderen) (?:bewerber"
    r"|kandidat|mitbewerber)\w*\b.{0,40}\bentschieden\b",
    r"\b(?:stelle|position|vakanz)\b.{0,60}\b(?:besetzt|vergeben)\b",
    r"\bleider\b.{0,80}\b(?:passt|entspricht|passen)\b.{0,60}\bnicht\b",
    r"\bgegen (?:eine |die |ihre )?(?:zusammenarbeit|bewerbung|einstellung|sie)\b.{0,20}"
    r"\bentschieden|\bentschieden\b.{0,10}\bgegen\b",
    r"\bnicht (?:weiter |mehr )?(?:zu )?berücksichtig|\bnicht (?:in die engere|weiter verfolgen)",
    r"\bstelle (?:ist|wurde) (?:bereits |inzwischen )?(?:anderweitig )?(?:vergeben|besetzt)",
    r"\b(?:eine )?absage (?:erteilen|geben|mitteilen)\b",
    # French
    r"\b(?:nous )?(?:avons|sommes) (?:le regret|au regret)\b",
    r"\bne (?:pas|pouvons pas|pourrons pas) (?:donner|y donner) (?:une )?suite(?: favorable)?",
    r"\b(?:pas|non)(?: été)? retenue?s?\b",
    r"\b(?:retenir|retenu|choisir|choisi|privilégier|privilégié) (?:une?|d')\s?autres?\b",
    r"\bpas en mesure de\b.{0,30}\b(?:proposer|offrir|retenir|donner suite|poursuivre)"
    r"|\bne pouvons pas vous (?:proposer|offrir|retenir)\b",
    r"\bne\b.{0,40}\bpas\b.{0,20}\bsuite\b|\bpas (?:de|donner) suite\b",
    r"\b(?:retenu|choisi|privilégié) (?:une? )?(?:autre|autres) (?:candidat|profil|candidature)",
    r"\bpoursuivre (?:le processus )?(?:de recrutement )?avec (?:un|une|d')(?:autres?|autre) "
    r"(?:candidat|profil|candidature)",
    r"\bposte (?:a été|est) (?:déjà )?pourvu",
    # Spanish
    r"\blamenta(?:mos|blemente)\b.{0,80}\b(?:no (?:ha|has) sido (?:seleccionad|elegid)"
    r"|no (?:continuar|seguir|avanzar)|otro candidato|otros candidatos|otra candidatura)",
    r"\bno (?:ha|has) sido (?:seleccionad[oa]|elegid[oa])\b",
    r"\bno (?:seguiremos|continuaremos|avanzaremos|vamos a (?:seguir|continuar|avanzar))\b",
    r"\b(?:seguir adelante|continuar|avanzar) con (?:otro|otra|otros|otras) (?:candidat|persona"
    r"|perfil)",
    r"\b(?:decidido|optado por)\b.{0,40}\b(?:otro candidato|otros candidatos|otra persona"
    r"|otro perfil|otros perfiles)",
    r"\b(?:no|sin) (?:continuar|seguir adelante|avanzar) con (?:su|tu) (?:candidatura|proceso)",
    r"\bpuesto (?:ya )?(?:ha sido|fue) (?:cubierto|ocupado)",
)
_OFFER = _rx(
    r"\boffer you (?:the|a|this|our) (?:role|position|job|place)\b",
    r"\b(?:approved|signed off on|finali[sz]ed) (?:your|the) (?:offer|hire|hiring)\b",
    r"\bit(?:'s| is) a (?:yes|go)\b|\b(?:thrilled|excited|delighted|happy|glad|love)\b.{0,15}"
    r"\b(?:for you|to have you) (?:to )?join\b",
    r"\b(?:sie|dich) (?:gerne |gern )?einstellen\b"
    r"|\b(?:sie|dich) (?:gerne |gern )?(?:bei uns|im team)"
    r" begrüßen\b",
    r"\b(?:moving|move|go|going) (?:forward|ahead) with (?:an|the|your|a formal) offer\b"
    r"|\boffer of employment\b|\b(?:confirm|confirming) (?:our|your|the) offer\b",
    r"\b(?:welcome you (?:to|aboard|on board)|welcome (?:aboard|to the team)|excited to welcome)",
    r"\b(?:attached is|here is|enclosed is|please find) (?:your|the) (?:formal |written )?offer\b",
    r"\b(?:formal|written|official) offer\b",
    r"\b(?:ein|das) (?:angebot|vertragsangebot)\b.{0,60}\b(?:machen|unterbreiten|senden"
    r"|zukommen)|\bzusage\b(?! (?:für|zu) (?:ein|einem) (?:gespräch|interview))",
    r"\b(?:pleased|happy|delighted|thrilled|excited|glad) to (?:formally )?(?:offer you|extend"
    r"(?: you)? (?:an|a formal|the|this|our) offer|make you an offer|share (?:an|the) offer)",
    r"\b(?:would like|want|'d like|wish) to (?:formally )?(?:offer you|extend (?:you )?an offer"
    r"|make you an offer)",
    r"\b(?:decided|chosen) to (?:move forward|proceed|go) with you\b(?! (?:to|for|in) (?:the|a)"
    r" next)",
    r"\b(?:your|the) offer letter\b|\boffer (?:letter|package|details) (?:is )?(?:attached"
    r"|below|enclosed)",
    r"\bverbal(?:ly)? offer\b|\bcongratulations\b.{0,80}\b(?:offer|welcome (?:you )?(?:to|aboard)"
    r"|join(?:ing)? (?:the|our) team)",
    r"\bwe(?:'d| would) love (?:for you|to have you) (?:to )?join",
    r"\bfreuen uns\b.{0,80}\b(?:ihnen|dir)\b.{0,40}\b(?:anbieten|angebot|zusage|zusagen)",
    r"\b(?:vertragsangebot|arbeitsvertrag (?:zukommen|anbei|im anhang))\b",
    r"\b(?:ihnen|dir) (?:die|eine) (?:stelle|position) anbieten\b",
    r"\b(?:avons le plaisir|sommes heureux|sommes ravis)\b.{0,80}\b(?:proposer|offre"
    r"|promesse d'embauche|retenu votre candidature)",
    r"\b(?:proposition|promesse) d'embauche\b|\bretenu votre candidature\b",
    r"\b(?:candidature|profil) a été retenue?\b|\bcontrat de travail\b",
    r"\b(?:te unieras|te unas|te incorpores|incorporarte|unirte) (?:a|al) (?:nuestro )?equipo\b"
    r"|\boferta formal\b|\benhorabuena\b.{0,80}\b(?:oferta|equipo|puesto)",
    r"\b(?:nos complace|nos alegra|tenemos el placer|estamos encantados)\b.{0,80}\b(?:ofrecer"
    r"|oferta|seleccionad)",
    r"\b(?:carta oferta|oferta (?:formal )?de (?:empleo|trabajo))\b",
)
_NEXT_ROUND = _rx(
    r"\b(?:passed|moved|put|putting|passing) you (?:through|forward|on|along)? ?(?:to|for)"
    r" (?:the|a|an|our)\b|\b(?:invite|invitation) from our (?:scheduler|coordinator|scheduling)"
    r"|\bour (?:scheduler|coordinator|recruiting coordinator|scheduling team) will\b",
    r"\bnext (?:up|is|will be)\b.{0,40}\b(?:interview|session|call|conversation|chat|round)\b",
    r"\b(?:windows?|slots?|times?|dates?)\b.{0,20}\b(?:that )?(?:work|suit)s?"
    r" (?:for you|best|you)?\b"
    r"|\bqué (?:días?|horarios?|horas?) te (?:viene|va)n? bien\b",
    r"\binvitar(?:te|le|les)? a (?:una|la|otra) (?:segunda |nueva |última )?entrevista|\bentrevista"
    r" final\b",
    r"\b(?:progressed|advanced|moved|moving|move|advance|progress|invited|passed)\b.{0,20}\b(?:to|into"
    r"|through to) the (?:\w+ )?(?:stage|round|step|phase|interviews?)\b",
    r"\b(?:have|bring|get) you (?:back|in)\b|\bmeet (?:with )?(?:our|the) (?:cto|ceo|cfo|vp|head"
    r"|director|founder|team|hiring manager|manager)",
    r"\bconversation with (?:our|the) (?:cto|ceo|cfo|vp|head|director|founder|hiring manager)",
    r"\bwhat (?:times?|days?|slots?) (?:would )?(?:work|suit|are good)\b|\btimes? that works?\b"
    r"|\bwhen works (?:best )?for you\b|\b(?:would|are) you (?:be )?(?:available|free)\b",
    r"\bpoursuivre (?:le processus|l'aventure|les échanges) avec vous\b|\b(?:êtes|seriez)-vous"
    r" disponibles?\b|\b(?:estás|está|estarías|estaría) disponible\b|\bhätten sie zeit\b",
    r"\b(?:organiser|planifier|fixer) un (?:nouvel |second |deuxième )?(?:entretien|rendez-vous)"
    r"|\bquelles sont vos disponibilités\b",
    r"\b(?:organizar|programar|coordinar) (?:una|la) (?:segunda )?(?:entrevista|reunión|llamada)",
    r"\b(?:termin|gespräch)\w* (?:vereinbaren|ausmachen)\b",
    r"\bzweite[ns]? (?:kennenlernen|gespräch|interview|runde)|\bpasst (?:ihnen|dir|es ihnen)\b"
    r"|\beinladen\b.{0,10}$|\b(?:kennenlernen|gespräch|interview)\b.{0,20}\beinladen",
    r"\b(?:next|second|third|2nd|3rd|following) (?:round|stage|step|interview|conversation)s?\b",
    r"\b(?:final|last) (?:round|interview|conversation)s?\b",
    r"\b(?:move|moving|advance|advancing|progress|proceed|invite|inviting) (?:you )?"
    r"(?:forward )?(?:to|for|into) (?:the|an?|our) (?:next|final|onsite|on-site|technical"
    r"|panel|second)",
    r"\b(?:schedule|set up|book|arrange|find a time for)\b.{0,40}\b(?:call|interview|chat"
    r"|conversation|meeting|onsite|time to talk)",
    r"\b(?:your|some) availability\b|\bwhen (?:are|would) you (?:be )?(?:available|free)"
    r"|\bcould you do\b.{0,30}\b(?:monday|tuesday|wednesday|thursday|friday|instead)"
    r"|\b(?:reschedule|rescheduling|move our (?:call|interview|meeting))\b",
    r"\b(?:calendly|goodtime|cal\.com|scheduling link|pick a (?:time|slot))\b",
    r"\b(?:take-?home|coding (?:challenge|exercise)|technical (?:assessment|exercise|test)"
    r"|case study|assignment)\b.{0,60}\b(?:next|send|complete|link)",
    r"\bnächsten? (?:runde|schritt|gespräch|stufe)\b|\bzweites? (?:gespräch|interview)\b"
    r"|\b(?:einladen|einladung)\b.{0,60}\b(?:gespräch|interview|kennenlernen)"
    r"|\bterminvorschläge?\b|\b(?:ihre|deine) verfügbarkeit\b|\bwann (?:hätten|haben) sie zeit\b",
    r"\bprochaine? (?:étape|entretien|tour)\b|\b(?:second|deuxième|dernier) entretien\b"
    r"|\bvos disponibilités\b|\b(?:convier|inviter) à un (?:nouvel |second |deuxième )?entretien",
    r"\b(?:siguiente|próxima) (?:fase|etapa|ronda|entrevista)\b|\bsegunda entrevista\b"
    r"|\b(?:su|tu) disponibilidad\b|\bagendar\b.{0,30}\b(?:llamada|entrevista|reunión)",
)
_INFO_REQUEST = _rx(
    r"\b(?:needs?|requires?|would like|'d like|are missing|still need)\b.{0,15}\byour\b.{0,60}"
    r"\b(?:date|period|references?|transcripts?|portfolio|salary|expectations|documents?|details"
    r"|form|cv|resume|résumé|availability|authori[sz]ation|permit)\b",
    r"\bplease (?:also )?(?:e-?mail|upload|submit|attach)\b",
    r"\b(?:can|could|would) you (?:please )?(?:also )?(?:send|share|provide|forward|upload"
    r"|submit|e-?mail|pass along)(?: over| along| across)?\b",
    r"\b(?:we|i)(?:'d| would)? (?:need|require|would need|need to (?:see|get|have))\b.{0,30}"
    r"\b(?:reference|transcript|portfolio|salary|notice|document|copy|proof|form|cv|resume)",
    r"\b(?:could|can|would) you (?:please )?(?:also )?(?:send|share|provide|forward|fill|complete"
    r"|email|e-mail)\b",
    r"\bplease (?:also )?(?:send|share|provide|forward|fill (?:in|out)|complete)\b",
    r"\b(?:whether|if) you (?:could|can|would) (?:send|share|forward|provide)\b",
    r"\b(?:we|i) (?:will )?(?:need|require|would need)\b.{0,40}\b(?:from you|your)\b",
    r"\bkönnten sie (?:mir|uns)\b.{0,120}\b(?:senden|schicken|zukommen|mitteilen)"
    r"|\bbitte (?:senden|schicken|teilen) sie\b|\b(?:bitte|senden sie)\b.{0,40}\b(?:zukommen"
    r"|nachreichen)",
    r"\bpourriez-vous (?:nous |me )?(?:envoyer|transmettre|communiquer|indiquer|faire parvenir)"
    r"|\bmerci de (?:nous |me )?(?:envoyer|transmettre|communiquer|faire parvenir)",
    r"\b(?:podría|podrías|puede|puedes) (?:enviar|enviarnos|enviarme|compartir|indicar"
    r"|mandarnos)|\bpor favor,? (?:envíe|envíenos|envía|comparta|indíquenos)",
)
# What an information request asks for: a label from this list, never the sender's words.
_ASKS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.I))
    for label, pattern in (
        ("references", r"\breferen(?:ces?|zen|cias)\b|\breferees?\b"),
        (
            "salary expectations",
            r"\bsalary|compensation expectations|gehaltsvorstellung"
            r"|prétentions salariales|expectativas? salarial|pretensiones salariales",
        ),
        ("work samples or portfolio", r"\bportfolio|work samples?|arbeitsproben|portafolio"),
        (
            "transcripts or certificates",
            r"\btranscripts?|zeugnisse|diplômes?|certificados?"
            r"|certificates?",
        ),
        (
            "right-to-work documents",
            r"\bright to work|work (?:authori[sz]ation|permit|visa)"
            r"|arbeitserlaubnis|permis de travail|permiso de trabajo",
        ),
        (
            "a notice period or start date",
            r"\bnotice period|start date|kündigungsfrist"
            r"|eintrittstermin|préavis|date de (?:début|disponibilité)"
            r"|fecha de (?:inicio|incorporación)|preaviso",
        ),
        ("an updated CV", r"\b(?:updated |latest )?(?:cv|résumé|resume|lebenslauf|curriculum)\b"),
        ("a form", r"\b(?:form|questionnaire|fragebogen|formulaire|formulario)\b"),
        ("your availability", r"\bavailability|verfügbarkeit|disponibilit"),
    )
)
_DELAY = _rx(
    r"\bpush(?:ed|ing)?\b.{0,30}\b(?:back|out)\b|\bmás lento\b|\blleva más tiempo\b"
    r"|\bse (?:ha )?retrasad",
    r"\bhiccups?\b|\bsetbacks?\b|\b(?:now|instead) (?:expect|plan|hope|aim)\b|\b(?:new|revised"
    r"|updated) (?:timeline|date)\b",
    r"\b(?:take|taking|takes|took)\b.{0,20}\blonger than\b",
    r"\b(?:paus(?:e|ed|ing)|freez(?:e|ing)|on hold)\b.{0,40}"
    r"\b(?:decision|hiring|process|role|search)"
    r"|\b(?:decision|hiring|process|role|search)\w*\b.{0,40}\b(?:paus(?:e|ed|ing)|on hold)",
    r"\b(?:over|during|through) the (?:holiday|holidays|festive|year-end|christmas)\b",
    r"\b(?:taking|take) (?:a (?:bit|little) )?longer than (?:expected|anticipated|planned)",
    r"\b(?:need|needs|needed|require) (?:a (?:bit|little) )?(?:more|additional|another|extra)"
    r" (?:\w+ )?(?:time|days?|weeks?)",
    r"\b(?:delay(?:ed)?|pushed (?:back|out)|postponed|on hold|paused|slipped)\b",
    r"\bbehind (?:schedule|on our (?:end|side))|\brunning (?:a (?:bit|little) )?(?:late|behind)",
    r"\b(?:haven't|have not|not yet) (?:made|reached|finali[sz]ed) (?:a|our|the) (?:final )?"
    r"decision",
    r"\bafter the (?:holidays|holiday break|new year)\b",
    r"\bdauert\b.{0,50}\blänger\b|\blänger als (?:geplant|erwartet|gedacht)\b",
    r"\b(?:verzögert|verzögerung|noch (?:etwas|ein wenig)"
    r" (?:mehr )?zeit|noch keine entscheidung|verschoben)\b",
    r"\b(?:repoussée?|décalée?|prend(?:re)? (?:un peu )?plus de temps|retard|reporté"
    r"|pas encore (?:pris|arrêté)"
    r" (?:de|notre|une) décision|encore besoin de)\b",
    r"\b(?:más tiempo del previsto|necesitamos (?:un poco )?más (?:de )?tiempo|retraso|retrasado"
    r"|aplazado"
    r"|todavía no (?:hemos )?(?:tomado|tenemos) (?:una|la) decisión)\b",
)
_ACK = _rx(
    r"\bbien reçu\b|\bje (?:transmets|fais suivre)\b|\brecibido\b|\bte daremos noticias\b"
    r"|\bdanke\b.{0,30}\b(?:erhalten|weitergeleitet|weitergegeben)\b",
    r"\bnoted(?: with thanks)?\b"
    r"|\b(?:share|pass|forward)(?:ed)? (?:your|the) (?:note|message|email)"
    r" (?:with|to|along)",
    r"\bthank(?:s| you)(?: so much| again)? for (?:your|the) (?:\w+ )?(?:note|email|e-mail|message"
    r"|words|thank-?you|follow-?up)",
    r"\b(?:still|are) (?:interviewing|finalizing|finalising|reviewing|meeting with)\b.{0,40}"
    r"\b(?:candidates|applicants|decision)",
    r"\bthank(?:s| you)(?: so much| again)? for (?:reaching out|getting in touch|following up"
    r"|checking in|the (?:follow-?up|note|email|message|update|reminder))",
    r"\b(?:should|will|expect to|hope to|aim to|plan to) (?:have|get|share|send) (?:you )?(?:an? )?"
    r"(?:update|answer|decision|news|feedback)",
    r"\bkeep you (?:posted|updated|informed|in the loop)\b",
    r"\b(?:melden uns|melde mich)\b|\b(?:wir|ich) (?:geben|gebe) (?:ihnen|dir) (?:bescheid"
    r"|rückmeldung)",
    r"\b(?:te|le|les) (?:escribiremos|contactaremos|avisaremos|informaremos)\b",
    r"\b(?:thank(?:s| you)(?: so much)?|appreciate) (?:for )?(?:your|the) (?:note|email|e-mail"
    r"|message|follow-?up|kind words|thank-?you|checking in|patience|reaching out)",
    r"\b(?:thanks|thank you) for following up\b",
    r"\b(?:we(?:'ll| will)|i(?:'ll| will)) (?:be in touch|get back to you|let you know|follow up"
    r"|update you|circle back|reach out)",
    r"\b(?:received|got) your (?:note|email|message)\b|\bpassed (?:it|your note) (?:on|along)",
    r"\bvielen dank für (?:ihre|deine) (?:nachricht|e-?mail|rückmeldung|geduld)"
    r"|\b(?:wir|ich) (?:melden|melde) (?:uns|mich)\b|\brückmeldung (?:geben|erhalten)",
    r"\bmerci (?:pour|de) votre (?:message|mail|courriel|patience|retour)"
    r"|\b(?:nous|je) (?:reviendrons?|reviens) vers vous\b|\bnous vous tiendrons informée?",
    r"\bgracias por (?:su|tu) (?:mensaje|correo|email|paciencia|seguimiento)"
    r"|\b(?:nos pondremos|me pondré) en contacto\b|\ble (?:mantendremos|informaremos)",
)
_RULES: tuple[_Rule, ...] = (
    ("rejection", _REJECTION),
    ("offer", _OFFER),
    ("next_round", _NEXT_ROUND),
    ("info_request", _INFO_REQUEST),
    ("delay", _DELAY),
    ("acknowledgement", _ACK),
)


def _first_hit(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return " ".join(match.group(0).split())[:80] if match else None


# ------------------------------------------------------------------------------- dates

_DATE_WORDS = re.compile(
    r"\b(?:by|before|until|till|on|around|within|in|after|end of|early|next|"
    r"decision|decide|update|back to you|let you know|hear|timeline|expect|aim|plan|hope"
    r"|bis|bis zum|bis ende|ende|innerhalb|in|nach|entscheidung|rückmeldung|melden"
    r"|d'ici|avant|après|fin|dans|décision|retour|revenir"
    r"|para|antes|después|hasta|dentro|decisión|respuesta|finales|noticias|semana|woche|semaine)\b",
    re.I,
)
_FOREIGN = tuple(
    (re.compile(p, re.I), r)
    for p, r in (
        # months
        (r"\bjanuar\b|\bjanvier\b|\benero\b|\bjänner\b", "january"),
        (r"\bfebruar\b|\bfévrier\b|\bfebrero\b", "february"),
        (r"\bmärz\b|\bmars\b|\bmarzo\b", "march"),
        (r"\bavril\b|\babril\b", "april"),
        (r"\bmai\b|\bmayo\b", "may"),
        (r"\bjuni\b|\bjuin\b|\bjunio\b", "june"),
        (r"\bjuli\b|\bjuillet\b|\bjulio\b", "july"),
        (r"\baoût\b|\bagosto\b", "august"),
        (r"\bseptembre\b|\bseptiembre\b|\bsetiembre\b", "september"),
        (r"\boktober\b|\boctobre\b|\boctubre\b", "october"),
        (r"\bnovembre\b|\bnoviembre\b", "november"),
        (r"\bdezember\b|\bdécembre\b|\bdiciembre\b", "december"),
        # "15. Dezember", "15 de diciembre", "le 15 décembre"
        (r"\b(\d{1,2})\.\s+(?=[a-z])", r"\1 "),
        (r"\b(\d{1,2}) de (?=[a-z])", r"\1 "),
        # weekdays
        (r"\bmontag\b|\blundi\b|\blunes\b", "monday"),
        (r"\bdienstag\b|\bmardi\b|\bmartes\b", "tuesday"),
        (r"\bmittwoch\b|\bmercredi\b|\bmiércoles\b", "wednesday"),
        (r"\bdonnerstag\b|\bjeudi\b|\bjueves\b", "thursday"),
        (r"\bfreitag\b|\bvendredi\b|\bviernes\b", "friday"),
        # next week / end of (next) week
        (
            r"\bende (?:der |dieser )?(?:nächste[nr]?|kommende[nr]?) woche\b"
            r"|\bfin de la semaine prochaine\b|\bfin(?:ales)? de la próxima semana\b",
            "end of next week",
        ),
        (
            r"\bende (?:der|dieser) woche\b|\bfin de (?:la )?semaine\b|\bfinales de (?:la|esta) "
            r"semana\b|\bfin de semana\b",
            "end of the week",
        ),
        (
            r"\bnächste[nr]? woche\b|\bkommende[nr]? woche\b|\bla semaine prochaine\b"
            r"|\bsemaine prochaine\b|\bla próxima semana\b|\bla semana que viene\b",
            "next week",
        ),
        # numbers and units
        (r"\bzwei\b|\bdeux\b|\bdos\b", "two"),
        (r"\bdrei\b|\btrois\b|\btres\b", "three"),
        (r"\bvier\b|\bquatre\b|\bcuatro\b", "four"),
        (r"\beine[rn]?\b|\bune\b|\buna\b", "a"),
        (r"\bwochen?\b|\bsemaines?\b|\bsemanas?\b", "weeks"),
        (r"\btagen?\b|\bjours?\b|\bdías?\b", "days"),
        (r"\bmonate?n?\b|\bmois\b|\bmeses\b|\bmes\b", "months"),
        (r"\bquinze jours\b|\bquince días\b", "two weeks"),
    )
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?\b")
_SENTENCE = re.compile(r"(?<=[^\d\s][.!?;])\s+|\n+")  # "15. Dezember" is one sentence
# A sentence about when they will answer is read before any other sentence with a date.
_ABOUT_ANSWER = re.compile(
    r"\b(?:decid|decision|update|let you know|hear|back to you|get back|in touch|news|answer"
    r"|respond|come back|circle back|follow up|reach out|entscheid|rückmeldung|melden|bescheid"
    r"|décision|reviendr"
    r"|retour|nouvelles|decisi|respuesta|responder|contacto|noticias)",
    re.I,
)
_RETURN = re.compile(
    r"\b(?:until|till|through|thru|back (?:on|in the office on)?|return(?:ing)? (?:on)?"
    r"|returning|bis (?:einschließlich|zum|am)?|ab dem|wieder (?:am|ab)|jusqu'(?:au|à)"
    r"|de retour (?:le|au bureau le)?|retour le|hasta el|de vuelta el|regreso el|volveré el)\b"
    r"(?P<rest>.{0,60})",
    re.I,
)


def _english(text: str) -> str:
    for pattern, replacement in _FOREIGN:
        text = pattern.sub(replacement, text)
    return text


def _numeric(text: str, on: date) -> date | None:
    """``14.12.``, ``14/12/2026``, ``12/14``: day-first unless that cannot be a date."""
    for m in _NUMERIC_DATE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        year = int(m.group(3)) if m.group(3) else on.year
        year += 2000 if year < 100 else 0
        for day, month in ((a, b), (b, a)):
            try:
                found = date(year, month, day)
            except ValueError:
                continue
            if not m.group(3) and found < on:
                found = found.replace(year=found.year + 1)
            return found
    return None


def date_in(text: str, on: date | None) -> date | None:
    """The first date a sentence about timing gives, resolved against ``on``."""
    if on is None:
        return None
    sentences = [x for x in _SENTENCE.split(text) if _DATE_WORDS.search(x)]
    about = [x for x in sentences if _ABOUT_ANSWER.search(x)]
    for sentence in about + [x for x in sentences if x not in about]:
        found = _resolve(sentence, on)
        if found is not None and found >= on:
            return found
    return None


_ANCHOR = re.compile(
    r"\b(?:by|before|until|till|around|within|in|after|no later than|end of|next"
    r"|bis|spätestens|innerhalb|in|nach|d'ici|avant|dans|après|para|antes(?: del?)?|dentro de"
    r"|en|hasta)\b",
    re.I,
)


def _resolve(sentence: str, on: date) -> date | None:
    """The date right after what they will do ("follow up with you on Monday"), then after
    an anchor word ("by Tuesday"), else any date in the sentence."""
    for m in _ABOUT_ANSWER.finditer(sentence):
        found = _resolve_phrase(sentence[m.end() : m.end() + 60], on)
        if found is not None:
            return found
    for m in _ANCHOR.finditer(sentence):
        found = _resolve_phrase(sentence[m.start() : m.end() + 40], on)
        if found is not None:
            return found
    return _resolve_phrase(sentence, on)


def _resolve_phrase(sentence: str, on: date) -> date | None:
    numeric = _numeric(sentence, on)
    if numeric is not None:
        return numeric
    parsed = parse_timeline(_english(sentence))
    if parsed is None:
        return None
    try:
        return parsed.resolve(on)
    except (ValueError, OverflowError):
        return None


def _return_date(text: str, on: date | None) -> date | None:
    """An out-of-office's return date ("away until 14 December", "bis 14.12.")."""
    if on is None:
        return None
    for m in _RETURN.finditer(text):
        found = _resolve_phrase(m.group("rest"), on)
        if found is not None and found >= on:
            return found
    return None


# ---------------------------------------------------------------------------- deciding


def _looks_away(words: str, sent: date | None) -> bool:
    """An out-of-office without headers: the writer is away, and says until when or how to
    reach someone else; a scheduling mail ("I'm out next week, could you do Monday?") is
    not one."""
    if not _AWAY.search(words) or _NEXT_ROUND.search(words):
        return False
    return bool(_AUTO_SIGNS.search(words)) or _return_date(words, sent) is not None


def classify_bytes(raw: bytes) -> Reading:
    """Read one RFC 5322 message; anything unreadable is ``unknown``, never an error."""
    try:
        mail = parse_mail(raw)
    except Exception:  # the stdlib parser is lenient; this is the last guard
        return Reading("unknown", "the message could not be read")
    return classify(mail)


def classify(mail: Mail) -> Reading:
    auto = _auto_reply_cue(mail)
    words = own_text(mail.text)
    if auto is not None:
        return Reading("auto_reply", auto, until=_return_date(words or mail.text, mail.sent))
    if _looks_away(words, mail.sent):
        return Reading(
            "auto_reply",
            f"out-of-office text: {_first_hit(_AWAY, words)!r}",
            until=_return_date(words, mail.sent),
        )
    hits = [(cat, _first_hit(rx, words)) for cat, rx in _RULES]
    found = [(cat, cue) for cat, cue in hits if cue is not None]
    bulk = _bulk_cue(mail)
    if bulk is not None and not (found and _ABOUT_YOU.search(words)):
        return Reading("noise", bulk)
    if not found and _asked(words) and _ASKING.search(words):
        found = [("info_request", _first_hit(_ASKING, words) or "a request")]
    if not found:
        if _machine_sent(mail) or _NOISE_TEXT.search(words):
            return Reading("noise", "sent by a machine, says nothing about the application")
        return Reading("unknown", "no known phrase")
    category, cue = _decide(found, words)
    reading = Reading(category, f"text: {cue!r}")
    if category in ("delay", "acknowledgement"):
        return Reading(category, reading.cue, new_date=date_in(words, mail.sent))
    if category == "info_request":
        return Reading(category, reading.cue, asked=_asked(words))
    return reading


# A request, in any of the four languages, for something the vocabulary of _ASKS names.
_ASKING = re.compile(
    r"\b(?:could|can|would) you\b|\bplease\b|\bbitte\b|\bkönnten sie\b|\bpourriez-vous\b"
    r"|\bmerci de\b|\bpodría(?:s)?\b|\bpor favor\b|\blet (?:me|us) know\b"
    r"|\bwhat(?:'s| is| are| would be) your\b|\bwhen (?:can|could|would) you start\b",
    re.I,
)
_WEAK_NEXT = re.compile(r"next (?:step|stage)s?|(?:final|last) (?:interview|round)s?", re.I)


def _decide(found: list[tuple[Category, str]], words: str) -> tuple[Category, str]:
    """The most consequential category wins; a timing phrase beats a bare thank-you."""
    order: tuple[Category, ...] = (
        "rejection",
        "offer",
        "next_round",
        "info_request",
        "delay",
        "acknowledgement",
    )
    got = dict(found)
    if "info_request" in got and "next_round" in got and _ASKS[-1][0] in (_asked(words) or ""):
        got.pop("info_request")  # "send us your availability" is scheduling
    weak_next = _WEAK_NEXT.fullmatch(got.get("next_round", ""))
    if weak_next and {"info_request", "delay", "acknowledgement"} & got.keys():
        got.pop("next_round")  # "... about next steps by Tuesday": the timing is the news
    if "info_request" in got and _asked(words) is None and len(got) > 1:
        got.pop("info_request")  # a polite "let us know" inside another message
    for cat in order:
        if got.get(cat):
            return cat, str(got[cat])
    raise AssertionError("no category found")  # pragma: no cover


def _asked(words: str) -> str | None:
    """Up to three labels of what is asked for, in the vocabulary's order."""
    labels = [label for label, pattern in _ASKS if pattern.search(words)]
    return ", ".join(labels[:3]) or None
