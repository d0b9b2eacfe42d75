"""Dates in a reply ("by the end of next week", "bis zum 15. Dezember", "antes del 18 de
diciembre", ``14.12.``), resolved against the message's own ``Date``, and an
out-of-office's return date. Pure; the grammar of stated timelines does the reading.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from daemon.timeline import parse_timeline

_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_FOREIGN = tuple(
    (re.compile(p, re.I), r)
    for p, r in (
        # words the timeline grammar would take for weekdays: French "mon client", "the sun"
        (r"\b(?:mon|sat|sun|wed)\b(?![\s,.]*\d)", "-"),
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
        # "mid-January", "Mitte Januar", "mi-janvier", "mediados de enero": the 15th
        (
            r"\b(?:mid-?|middle of |mitte |mi-|à la mi-|mediados de )\s*(" + _MONTH_NAMES + r")\b",
            r"\1 15",
        ),
        # "Anfang Januar", "début janvier", "a principios de enero": early January;
        # "Ende Januar", "fin janvier", "a finales de enero": the end of January
        (
            r"\b(?:anfang|début|(?:a )?principios de|(?:a )?comienzos de|(?:a )?inicios de)\s+("
            + _MONTH_NAMES
            + r")\b",
            r"early \1",
        ),
        (
            r"\b(?:ende|fin|(?:a )?finales de|(?:a )?fines de)\s+(" + _MONTH_NAMES + r")\b",
            r"end of \1",
        ),
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
            r"|\bfin de la semaine prochaine\b|\bfin(?:es|ales)? de la (?:próxima semana"
            r"|semana próxima)\b",
            "end of next week",
        ),
        (
            r"\b(?:acabe|termine|finalice) (?:esta|la) semana\b|\bende (?:der|dieser) woche\b"
            r"|\bfin de (?:la )?semaine\b|\bfinales de (?:la|esta) "
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
_ABBREVIATED = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.", re.I)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?\b")
_SENTENCE = re.compile(
    r"(?<=[^\d\s][.!?;])\s+|\n+|\s+(?:--|—)\s+"
)  # "15. Dezember" is one sentence
# A sentence about when they will answer is read before any other sentence with a date.
_ABOUT_ANSWER = re.compile(
    r"\b(?:decid|decision|update|let you know|hear|back to you|get back|in touch|news|answer"
    r"|respond|come back|circle back|follow up|reach out|entscheid|rückmeldung|melden|bescheid"
    r"|décision|reviendr|réponse|répondre|antwort|outcome|résultat|ergebnis|resultado"
    r"|retour|nouvelles|decisi|respuesta|responder|contacto|noticias|reviens|revenir|vers vous"
    r"|vers toi|escrib|contarte|contarle|avisar|te aviso|le aviso|contact)",
    re.I,
)
_RETURN = re.compile(
    r"\b(?:until|till|through|thru|back (?:on|in the office on)?|return(?:ing)? (?:on)?"
    r"|returning|bis (?:einschließlich|zum|am)?|ab dem|wieder (?:am|ab)|jusqu'(?:au|à)"
    r"|de retour (?:le|au bureau le)?|retour le|hasta el|de vuelta el|regreso el|volveré el"
    r"|a partir del?|à partir du|reprendrai (?:le travail |mes fonctions )?le|reprends le"
    r"|vuelvo el|regreso el|zurück am|again (?:from|on))\b"
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
    """The date a message gives for its answer, resolved against ``on``: of the sentences
    about when they will answer, the latest; else the first date in any sentence."""
    if on is None:
        return None
    text = _ABBREVIATED.sub(r"\1", text)  # "by Dec. 18" is one sentence
    promised: list[date] = []
    first: date | None = None
    last: date | None = None
    for sentence in (x for x in _SENTENCE.split(text) if x.strip()):
        found = _resolve(sentence, on)
        if _NEXT_DAY.search(sentence) and (found or last):
            # "the debrief moved to the 14th; an outcome the following day"
            found = (found or last or on) + timedelta(days=1)
        if found is None or not on <= found <= on + _HORIZON:
            continue
        about_answer = _ABOUT_ANSWER.search(sentence)
        if not about_answer and _PAST.search(sentence):
            continue  # "it was a pleasure to meet you on Friday": the last Friday, no promise
        last, first = found, first or found
        if about_answer:
            promised.append(found)
    # "frozen until the 7th; an answer by the 8th": the answer's date
    return max(promised) if promised else first


_HORIZON = timedelta(days=200)  # no decision is promised further ahead; "your mail of 11 January"
# A sentence about what has happened names a day gone by, whatever weekday it says.
_PAST = re.compile(
    r"\b(?:was|were|met|had|enjoyed|yesterday|ago|last|war|waren|hatten|vergangen\w*|letzte[nmrs]?"
    r"|était|avons eu|dernier|fue|fueron|pasado"
    r"|tuvimos)\b",
    re.I,
)
_NEXT_DAY = re.compile(
    r"\b(?:the )?(?:following|next) day\b|\bthe day after\b|\blendemain\b|\bfolgetag\b"
    r"|\btag danach\b|\bdía siguiente\b",
    re.I,
)


_ANCHOR = re.compile(
    r"\b(?:by|before|until|till|around|within|in|after|no later than|end of|next"
    r"|bis|spätestens|innerhalb|in|nach|d'ici|avant|dans|après|para|antes(?: del?)?|dentro de"
    r"|en|hasta)\b",
    re.I,
)


# "until after the holidays", "nach den Feiertagen": the answer comes after a season, undated
_UNDATED_AFTER = re.compile(
    r"\w*\W*(?:until |till |not before )?(?:after|nach|après|después de) (?:the |den |les |las )?"
    r"(?:holidays|holiday break|christmas|new year|break|festive|feiertage\w*|fêtes|fiestas)",
    re.I,
)


def _resolve(sentence: str, on: date) -> date | None:
    """The date right after what they will do ("follow up with you on Monday"), then after
    an anchor word ("by Tuesday"), else any date in the sentence."""
    for m in _ABOUT_ANSWER.finditer(sentence):
        if sentence[m.end() : m.end() + 3].lstrip(" s").startswith(":"):
            continue  # "Quick update:" heads the news, it promises nothing
        if _UNDATED_AFTER.match(sentence[m.end() : m.end() + 40]):
            return None  # "a decision until after the holidays": no date, whatever else
        found = _resolve_phrase(sentence[m.end() : m.end() + 60], on)
        if found is not None:
            return found
    for m in _ANCHOR.finditer(sentence):
        found = _resolve_phrase(sentence[m.start() : m.end() + 40], on)
        if found is not None:
            return found
    return _resolve_phrase(sentence, on)


# "by the 15th", "el viernes 11": a day of the month with no month named
_ORDINAL = re.compile(
    r"\bthe (\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:grade|floor|anniversary|birthday|century|edition"
    r"|place))|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,? (?:the )?"
    r"(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:am|pm|:|h\b|uhr|\.\d))"
)
_MONTH = re.compile(r"\b(?:" + _MONTH_NAMES + r")\b")


def _ordinal(english: str, on: date) -> date | None:
    """ "by the 15th" (no month named): the next 15th from ``on``."""
    m = _ORDINAL.search(english)
    if m is None or _MONTH.search(english):
        return None
    day = int(m.group(1) or m.group(2))
    for ahead in range(3):
        year, month = divmod(on.month - 1 + ahead, 12)
        try:
            found = date(on.year + year, month + 1, day)
        except ValueError:
            continue
        if found >= on:
            return found
    return None


_PART_OF_MONTH = re.compile(
    r"\b(?P<part>early|beginning of|start of|late|end of|the end of)\s+(?:the\s+)?"
    r"(?P<month>" + _MONTH_NAMES + r"|month|this month)\b"
)
_MONTH_NUMBER = {name: i for i, name in enumerate(_MONTH_NAMES.split("|"), start=1)}


def _part_of_month(english: str, on: date) -> date | None:
    """ "early January" is the 7th, "end of January" its last day; the next one from ``on``."""
    m = _PART_OF_MONTH.search(english)
    if m is None:
        return None
    month = _MONTH_NUMBER.get(m.group("month"), on.month)
    year = on.year + (1 if month < on.month else 0)
    if m.group("part") in ("early", "beginning of", "start of"):
        return date(year, month, 7)
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


_WEEKDAY_NEXT_WEEK = re.compile(
    r"\b(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday),? (?:of )?next week\b"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday_next_week(english: str, on: date) -> date | None:
    """ "Friday next week": that weekday in the week after ``on``'s."""
    m = _WEEKDAY_NEXT_WEEK.search(english)
    if m is None:
        return None
    monday = on - timedelta(days=on.weekday()) + timedelta(days=7)
    return monday + timedelta(days=_WEEKDAYS.index(m.group("day")))


def _resolve_phrase(sentence: str, on: date) -> date | None:
    numeric = _numeric(sentence, on)
    if numeric is not None:
        return numeric
    english = _english(sentence).lower()
    for reader in (_ordinal, _part_of_month, _weekday_next_week):
        found = reader(english, on)
        if found is not None:
            return found
    parsed = parse_timeline(english)
    if parsed is None:
        return None
    try:
        return parsed.resolve(on)
    except (ValueError, OverflowError):
        return None


def return_date(text: str, on: date | None) -> date | None:
    """An out-of-office's return date ("away until 14 December", "bis 14.12.")."""
    if on is None:
        return None
    for m in _RETURN.finditer(text):
        found = _resolve_phrase(m.group("rest"), on)
        if found is not None and found >= on:
            return found
    return None
