"""Reading a title the way a person does (rules, section 2, "Reading a title"). Pure.

Scheduling tools put the parts of a title in any order (``Alex Candidate <> Datadog |
Technical Screen``, ``Acme Phone Screen - Data Analyst``), so a part is read by what it
says, not where it stands: the user's own name is never a company, a role or an
interviewer; a part with a job-title word is the role; a part that spells an e-mail domain
or a team mailbox's name is the company; ``with X``/``at X`` name the company and ``for Y``
the role. Position decides only between parts that say nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from daemon.text import clean_text
from daemon.who import name_key

_EDGE_PUNCT = " \t-–—:;,.|/&+*_#()[]{}\"'<>~•·!?"
_PREFIX = re.compile(
    r"^(?:(?:re|fw|fwd|updated|invitation|updated[ \t]+invitation|accepted|tentative|"
    r"declined|canceled|cancelled|confirmed|confirmation|reminder|rescheduled|new[ \t]+event|"
    r"hold|\[hold\])[ \t]{0,3}[:\-–][ \t]{0,3}|\[hold\][ \t]{0,3}){1,5}",
    re.I,
)
# Google's invitation e-mails: "Invitation: X @ Tue Dec 1, 2026 10am - 11am (EST) (alex@...)".
_GOOGLE_SUFFIX = re.compile(
    r"[ \t]@[ \t](?:mon|tue|wed|thu|fri|sat|sun)\w{0,6}[ \t].{0,160}$", re.I
)
_SEPARATOR = re.compile(r"[ \t]+(?:[-–—|/x~•·]|<>|//)[ \t]+|:[ \t]+|[ \t]*<>[ \t]*|[ \t]*\|[ \t]*")
_ADDRESS = re.compile(r"[^\s@<>()]{1,64}@[^\s@<>()]{1,253}")
_AT_SIGN = re.compile(r"[ \t]@[ \t]")
_WITH_SLASH = re.compile(r"(?<![\w/])w/[ \t]*", re.I)
_BRACKETED = re.compile(r"\(([^()]{0,200})\)|\[([^\[\]]{0,200})\]")
_REQ_ID = re.compile(
    r"(?<![\w-])(?:(?:jr|req|requisition|job[ \t]?id|job|id|ref|r)[ \t]{0,2}[#:\-.]?[ \t]{0,2}"
    r"\d[\w-]{1,20}|#[ \t]?\d{2,12}|[A-Z]{1,5}-\d{2,12}(?:-\d{1,6})?|\d{4,12}(?:-\d{1,6})?)"
    r"(?![\w-])",
    re.I,
)
_BETWEEN = re.compile(
    r"^(?P<pre>.{0,120}?)[ \t]*\bbetween[ \t]+(?P<a>.{1,120}?)[ \t]+(?:and|&)[ \t]+"
    r"(?P<b>.{1,120})$",
    re.I,
)
_PAIR = re.compile(r"^(?P<a>[^:|<>()]{1,80}?)[ \t]+(?:and|&)[ \t]+(?P<b>[^:|<>()]{1,80})$", re.I)
_JOB_WORDS = (
    r"engineer|engineering[ \t]+manager|developer|programmer|analyst|manager|designer|"
    r"scientist|coordinator|accountant|nurse|director|head[ \t]+of|representative|researcher|"
    r"editor|executive|program(?:me)?|architect|consultant|specialist|administrator|"
    r"associate|intern|internship|lead|officer|assistant|technician|writer|copywriter|"
    r"strategist|advisor|adviser|counsel|attorney|lawyer|paralegal|teacher|tutor|lecturer|"
    r"professor|sre|devops|qa|tester|vp|vice[ \t]+president|president|cto|cfo|ceo|coo|cmo|"
    r"owner|agent|clerk|operator|planner|buyer|chef|cook|pharmacist|therapist|physician|"
    r"doctor|auditor|economist|statistician|producer|artist|illustrator|animator|marketer|"
    r"principal|fellow|apprentice|trainee|controller|bookkeeper|cashier|barista|"
    r"driver|mechanic|electrician|recruiter(?=[ \t]*$)|sales|support|success|staff|senior|"
    r"junior|sr|jr|mid-level|graduate"
)
# Other languages' job titles, and compounds ("Projektmanager", "Softwareentwickler").
_JOB_ABROAD = (
    r"\w{0,20}(?:manager|ingenieur|entwickler|berater|leiter|referent|assistent|techniker|"
    r"kaufmann|kauffrau|mitarbeiter)(?:in)?|desarrollador\w{0,2}|ingenier[oa]|analista|"
    r"gerente|diseñador\w{0,2}|sviluppatore|ingegnere|développeu\w{1,3}|ingénieur\w{0,2}|"
    r"chef[ \t]de[ \t]projet|chargée?|responsable|consult(?:or|ora|ant|ante)|programador\w{0,2}"
)
_JOB = re.compile(rf"(?<![\w-])(?:{_JOB_WORDS}|{_JOB_ABROAD})s?(?![\w-])", re.I)
# Words that say what kind of meeting it is, never who or for what job.
_NOISE = re.compile(
    r"(?<![\w-])(?:(?:first|second|third|fourth|fifth|final|last|next|1st|2nd|3rd|\d{1,2}th)"
    r"(?:[ \t\-]{1,3}(?:round|stage|interview))?|round[ \t\-#]{0,3}\d{0,2}|"
    r"stage[ \t\-#]{0,3}\d{0,2}|"
    r"phone|telephone|video|virtual|remote|panel|call|calls|chat|screen|screening|onsite|"
    r"on-site|on[ \t]site|in[ \t-]person|zoom|teams|meet|google[ \t]meet|webex|meeting|"
    r"session|conversation|intro|introductory|introduction|discussion|technical|tech|"
    r"recruiter|recruiting|hiring[ \t]manager|hm|ta|hr|loop|debrief|system[ \t]design|"
    r"coding|behaviou?ral|culture|cultural|values|fit|add|case[ \t]study|take[ \t-]home|"
    r"pair(?:[ \t]programming)?|portfolio|presentation|whiteboard|architecture|leadership|"
    r"cross[ \t-]functional|deep[ \t]dive|assessment|exercise|challenge|review|test|"
    r"\d{1,3}[ \t]?(?:min|mins|minute|minutes|hr|hour|hours)|minute|minutes|min|mins|"
    r"invitation|invite|confirmed|scheduled|live|the|a|an|your|our|my|to|via|"
    r"candidate|follow[ \t-]?up|kick[ \t-]?off|quick|short|initial|informal|formal|"
    r"meet[ \t]and[ \t]greet|meet[ \t]the[ \t]team|team|ama|q&a|de[ \t]trabajo|de[ \t]emprego|"
    r"di[ \t]lavoro|d['’]embauche|de[ \t]recrutement|job)(?![\w-])",
    re.I,
)
_ROLE_TAIL = re.compile(r"(?<!\w)(?:role|position|opening|opportunity|job|vacancy)$", re.I)
_ARTICLE = re.compile(r"^(?:the|a|an|our|your)[ \t]+", re.I)
_PHRASE_WORDS = ("with", "at", "for")
_COMPANY_SUFFIX = re.compile(
    r"(?<!\w)(?:inc|llc|ltd|gmbh|ag|sa|plc|corp|corporation|co|company|labs?|technologies|"
    r"technology|tech|robotics|systems|group|health|bank|capital|partners|software|solutions|"
    r"ai|analytics|studios?|games|media|networks|security|bio|therapeutics|financial|"
    r"consulting|industries|holdings|ventures|energy|motors|foods|airlines)\.?$",
    re.I,
)
_DOMAIN_TAILS = ("hq", "inc", "corp", "app", "apps", "labs", "group", "team", "global", "usa",
                 "us", "uk", "jobs", "careers", "mail", "io", "ai", "co", "hr", "talent", "get",
                 "try", "join", "work", "world")  # fmt: skip
_DOMAIN_PREFIXES = ("mail", "email", "corp", "hr", "careers", "jobs", "talent",
                    "recruiting", "e", "m", "us", "eu", "uk", "na", "global", "www", "go",
                    "get", "try")  # fmt: skip
_TWO_LEVEL_TLD = ("co", "com", "org", "net", "ac", "gov", "edu", "ne", "or")
_TOOLS = re.compile(
    r"^(?:zoom|google(?:[ \t]meet)?|meet|microsoft(?:[ \t]teams)?|teams|webex|skype|calendly|"
    r"cal\.com|greenhouse|lever|ashby|goodtime|gem|workday|icims|workable|teamtailor|hirevue|"
    r"outlook|bookings|linkedin|hangouts|slack|coderpad|hackerrank|codility|codesignal)$",
    re.I,
)


@dataclass(frozen=True)
class Context:
    """What the rest of the invitation says, to read a title (or a description) with."""

    user_name: str = ""
    domains: tuple[str, ...] = ()  # company domains, most common first
    org_names: tuple[str, ...] = ()  # team mailboxes' names without the team words
    people: tuple[str, ...] = ()  # names of people in the invitation (not the user)
    texts: tuple[str, ...] = ()  # where a domain's spelling may be found

    @property
    def people_keys(self) -> frozenset[str]:
        return frozenset(name_key(p) for p in self.people if p)


@dataclass(frozen=True)
class Found:
    """A value and where it was read, for ``plan --explain``."""

    value: str
    source: str


@dataclass(frozen=True)
class TitleReading:
    company: Found | None = None
    role: Found | None = None
    has_kind: bool = False
    other_party: str | None = None  # "between A and B": the one that is not the user
    event_words: str = ""  # "30 Minute Meeting" of "30 Minute Meeting between A and B"
    people: tuple[str, ...] = field(default_factory=tuple)


def strip_prefixes(title: str) -> str:
    """Without "Invitation:", "Updated invitation:", "[Hold]" and Google's "@ date" tail."""
    title = _GOOGLE_SUFFIX.sub("", title)
    return _PREFIX.sub("", title).strip()


def without_user(text: str, user_name: str) -> str:
    """The text with the user's name removed, in any order and as ``Last, First``."""
    words = [w for w in re.findall(r"[^\W\d_][\w'.-]*", user_name) if len(w) > 1]
    if not words:
        return text
    first, last = re.escape(words[0]), re.escape(words[-1])
    forms = [r"[ \t]+".join(re.escape(w) for w in words)]
    if len(words) > 1:
        forms += [rf"{last},?[ \t]+{first}", rf"{first}[ \t]+\w\.?[ \t]+{last}"]
    pattern = re.compile(rf"(?<![\w]){'|'.join(f'(?:{f})' for f in forms)}(?![\w])", re.I)
    return pattern.sub(" ", text)


def _name_words(name: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_][\w'.-]*", name) if len(w) > 1}


def is_job_title(text: str) -> bool:
    return bool(_JOB.search(text))


_LEGAL = re.compile(
    r"[ \t,]+(?:k\.?k\.?|gmbh|inc\.?|llc|ltd\.?|s\.a\.?|ag|plc|b\.v\.?|n\.v\.?|sas|s\.p\.a\.?|"
    r"pty(?:[ \t]ltd)?|s\.l\.?|sarl|oy|ab|as|a/s)$",
    re.I,
)


def company_name(text: str | None) -> str | None:
    """A company as people say it: without its legal form ("Tokyo Dynamics K.K.")."""
    value = tidy(text)
    return tidy(_LEGAL.sub("", value)) if value else None


def tidy(text: str | None) -> str | None:
    """A field value: one line, no edge punctuation, something alphanumeric in it."""
    if text is None:
        return None
    cleaned = clean_text(text).strip(_EDGE_PUNCT)
    cleaned = re.sub(r"[ \t]+['’]s$", "", cleaned)
    return cleaned if any(c.isalnum() for c in cleaned) else None


def role_phrase(text: str | None) -> str | None:
    """ "for the SRE role" names the role "SRE"."""
    if not text:
        return None
    text = _REQ_ID.sub(" ", text)
    text = _ARTICLE.sub("", text.strip().strip(_EDGE_PUNCT))
    text = _ROLE_TAIL.sub("", text.strip()).strip(_EDGE_PUNCT)
    return tidy(text)


def leftover(text: str, kinds: re.Pattern[str]) -> str | None:
    """What a part says once meeting words, ids and the kind phrases are taken out."""
    text = _REQ_ID.sub(" ", kinds.sub(" ", _ADDRESS.sub(" ", text)))
    text = _NOISE.sub(" ", text)
    text = " ".join(text.split()).strip(_EDGE_PUNCT)
    text = _ROLE_TAIL.sub("", text).strip(_EDGE_PUNCT)
    text = re.sub(r"^(?:&|and|with|for|at|of)[ \t]+|[ \t]+(?:&|and|with|for|at|of)$", "", text)
    return tidy(text)


# ---------------------------------------------------------------- domains and spellings


def domain_label(domain: str) -> str:
    """The name part of a domain: ``careers.acme.co.uk`` -> ``acme``."""
    labels = [x for x in domain.lower().split(".") if x]
    if len(labels) >= 3 and labels[-2] in _TWO_LEVEL_TLD and len(labels[-1]) == 2:
        labels = [*labels[:-2], "tld"]
    labels = labels[:-1] or labels
    while len(labels) > 1 and labels[0] in _DOMAIN_PREFIXES:
        labels = labels[1:]
    return labels[-1] if labels else ""


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def spells(text: str, domain: str) -> bool:
    """Does ``text`` spell the domain's name (``Contoso Robotics`` / contosorobotics.com,
    ``Datadog`` / datadoghq.com)?"""
    target, got = domain_label(domain), _squash(text)
    target = _squash(target)
    if not got or not target or len(got) < 2:
        return False
    if got == target:
        return True
    return target.startswith(got) and len(got) >= 3 and target[len(got) :] in _DOMAIN_TAILS


def spelling_in(texts: Sequence[str], domain: str) -> str | None:
    """The words in ``texts`` that spell the domain's name, as written there."""
    target = _squash(domain_label(domain))
    if len(target) < 2:
        return None
    for text in texts:
        words = re.findall(r"[\w&'’.-]+", text[:4000])
        for i, word in enumerate(words):
            if (
                not word[:1].isalnum()
                or not _squash(word)
                or not target.startswith(_squash(word)[:3])
            ):
                continue
            best = None
            for j in range(i, min(i + 4, len(words))):
                phrase = " ".join(words[i : j + 1]).strip(".-'’")
                if spells(phrase, domain) and phrase[:1].isupper():
                    best = phrase
                if not target.startswith(_squash(phrase)):
                    break
            if best:
                return best
    return None


def matches_org(text: str, ctx: Context) -> str | None:
    """The domain or team name that ``text`` names, if any."""
    for domain in ctx.domains:
        if spells(text, domain):
            return domain
    key = _squash(text)
    for name in ctx.org_names:
        if key and _squash(name) == key:
            return name
    return None


def is_person(text: str, ctx: Context) -> bool:
    key = name_key(text)
    return bool(key) and (key in ctx.people_keys or key == name_key(ctx.user_name))


def looks_like_company(text: str, ctx: Context) -> bool:
    """A named party that is a company rather than a person: it spells a domain or a team
    mailbox, or is one word, or ends like a company (``Inc``, ``Labs``, ``Robotics``)."""
    if matches_org(text, ctx):
        return True
    if is_person(text, ctx) or _TOOLS.match(text) or is_job_title(text):
        return False
    words = text.split()
    return (
        len(words) == 1
        or bool(_COMPANY_SUFFIX.search(text))
        or "&" in text
        or (len(words) <= 4 and not all(w[:1].isupper() and w[1:].islower() for w in words))
    )


# ---------------------------------------------------------------- the title


@dataclass
class _Parts:
    at: list[str] = field(default_factory=list)
    with_: list[str] = field(default_factory=list)
    for_: list[str] = field(default_factory=list)
    rest: list[str] = field(default_factory=list)  # leftovers, in title order
    brackets: list[str] = field(default_factory=list)


def _phrases(part: str) -> tuple[dict[str, str], str]:
    """Split "X with A for B at C" into {"with": A, "for": B, "at": C} and the rest "X"."""
    phrases: dict[str, list[str]] = {}
    rest: list[str] = []
    current: list[str] = rest
    for word in part.split():
        key = word.lower()
        if key in _PHRASE_WORDS and key not in phrases:
            current = phrases.setdefault(key, [])
        else:
            current.append(word)
    return {k: " ".join(v) for k, v in phrases.items() if v}, " ".join(rest)


def _split(title: str, kinds: re.Pattern[str], parts: _Parts, ctx: Context) -> None:
    for raw in _SEPARATOR.split(title):
        raw = raw.strip()
        if not raw:
            continue
        phrases, rest = _phrases(raw)
        for key, bucket in (("at", parts.at), ("with", parts.with_), ("for", parts.for_)):
            if key in phrases:
                bucket.append(phrases[key])
        whole = tidy(_REQ_ID.sub(" ", kinds.sub(" ", _ADDRESS.sub(" ", rest))))
        left = leftover(rest, kinds)
        if left and left.casefold() in _name_words(ctx.user_name):
            continue  # the user's first or last name alone ("Alex / Contoso")
        if whole and whole != left and matches_org(whole, ctx):
            left = whole  # "Southridge Video" is a company, not "Southridge" + "video"
        if left:
            parts.rest.append(left)


def read_title(
    title: str,
    kinds: re.Pattern[str],
    domains: Sequence[str] = (),
    *,
    ctx: Context | None = None,
) -> tuple[str | None, str | None]:
    """(company, role) read from a title; see ``read``."""
    reading = read(title, kinds, ctx or Context(domains=tuple(domains)))
    return (
        reading.company.value if reading.company else None,
        reading.role.value if reading.role else None,
    )


def read(title: str, kinds: re.Pattern[str], ctx: Context) -> TitleReading:
    """Company and role from a title, each with where it came from.

    A title with no kind phrase (found by tag or calendar: "Dinner - Bob") gives nothing
    but the other party of a ``between A and B`` booking.
    """
    title = _AT_SIGN.sub(" at ", _WITH_SLASH.sub(" with ", strip_prefixes(clean_text(title, 300))))
    other, event_words = _between(title, ctx)
    # A title that names the user is about their interview even without a kind word
    # ("Alex Candidate: Contoso - Data Engineer", found by a booking's event type).
    has_kind = bool(kinds.search(title)) or without_user(title, ctx.user_name) != title
    if other is not None and not kinds.search(other):
        party = Found(other, "title: the other party of a booking")
        company = party if looks_like_company(other, ctx) else None
        return TitleReading(company, None, bool(kinds.search(event_words)), other, event_words)
    if not has_kind:
        return TitleReading()
    parts = _Parts()
    body = _BRACKETED.sub(lambda m: _keep_bracket(m, parts), title)
    _split(without_user(body, ctx.user_name), kinds, parts, ctx)
    parts.brackets = [b for b in (leftover(x, kinds) for x in parts.brackets) if b]
    found = _company(parts, ctx)
    return TitleReading(found, _role(parts, ctx, found.value if found else None), True)


def _keep_bracket(match: re.Match[str], parts: _Parts) -> str:
    parts.brackets.append(match.group(1) or match.group(2) or "")
    return " "


def _between(title: str, ctx: Context) -> tuple[str | None, str]:
    """``30 Minute Meeting between A and B`` / ``A and B``: the party that is not the user."""
    match = _BETWEEN.match(title)
    pre = ""
    if match is not None:
        pre, a, b = match.group("pre"), match.group("a"), match.group("b")
    else:
        pair = _PAIR.match(title)
        if pair is None:
            return None, ""
        a, b = pair.group("a"), pair.group("b")
    user = name_key(ctx.user_name)
    a, b = a.strip(_EDGE_PUNCT), b.strip(_EDGE_PUNCT)
    if user and name_key(a) == user:
        return tidy(b), pre
    if user and name_key(b) == user:
        return tidy(a), pre
    return None, ""


def _company(parts: _Parts, ctx: Context) -> Found | None:
    for key, bucket in (("at", parts.at), ("with", parts.with_)):
        for text in bucket:
            value = tidy(_REQ_ID.sub(" ", text))
            # "with X" in a title names the company unless X is someone in the invite
            if value and not is_person(value, ctx) and not _TOOLS.match(value):
                return Found(value, f"title: '{key} {value}'")
    for text in parts.rest + parts.brackets:
        if not is_job_title(text) and matches_org(text, ctx):
            return Found(text, "title: the part that names a company domain")
    for text in parts.for_:
        value = tidy(text)
        if value and matches_org(value, ctx):
            return Found(value, "title: 'for' names a company domain")
    for text in parts.rest:
        if not is_job_title(text) and not is_person(text, ctx) and not _TOOLS.match(text):
            return Found(text, "title: the part that is not a job title")
    return None


def _role(parts: _Parts, ctx: Context, company: str | None) -> Found | None:
    for text in parts.for_:
        role = role_phrase(text)
        if role and not matches_org(role, ctx) and not is_person(role, ctx):
            return Found(role, "title: 'for ...'")
    for text in parts.rest:
        if is_job_title(text) and text != company:
            return Found(text, "title: the part with a job-title word")
    for text in parts.brackets:
        if is_job_title(text):
            return Found(text, "title: the job title in brackets")
    for text in parts.rest:
        known = text != company and not is_person(text, ctx) and not matches_org(text, ctx)
        if known and company is not None and not _TOOLS.match(text):
            return Found(text, "title: the part left once the company is known")
    return None
