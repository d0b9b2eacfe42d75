"""English text with its contractions spelled out and the verbs a reply turns on in their
base form ("we're extending the offer" -> "we are extend the offer", "pushes" -> "push",
"went with" -> "go with").

Phrase rules written for one form of a verb miss the others ("extended the offer to
someone" matched, "extending the offer to another finalist" did not). The classifier reads
each message twice, as written and in base forms, so a family written once in base form
covers every tense. Pure; a lookup table, no model.
"""

from __future__ import annotations

import re

_CONTRACTIONS = (
    (re.compile(r"\bwon't\b", re.I), "will not"),
    (re.compile(r"\bcan't\b", re.I), "cannot"),
    (re.compile(r"\bshan't\b", re.I), "shall not"),
    (re.compile(r"\b(\w+)n't\b", re.I), r"\1 not"),
    (re.compile(r"\b(we|you|they|i|he|she|it|that|there)'re\b", re.I), r"\1 are"),
    (re.compile(r"\b(we|you|they|i|that|there)'ve\b", re.I), r"\1 have"),
    (re.compile(r"\b(we|you|they|i|he|she|it|that|there)'ll\b", re.I), r"\1 will"),
    (re.compile(r"\b(we|you|they|i|he|she|it|that|there)'d\b", re.I), r"\1 would"),
    (re.compile(r"\bi'm\b", re.I), "i am"),
    (re.compile(r"\blet's\b", re.I), "let us"),
)

# Verbs whose regular forms (-s, -es, -ed, -ing) reduce to the base form.
_REGULAR = frozenset(
    (
        "advance",
        "aim",
        "approve",
        "arrange",
        "ask",
        "book",
        "call",
        "close",
        "complete",
        "conclude",
        "confirm",
        "consider",
        "continue",
        "decide",
        "delay",
        "decline",
        "elect",
        "end",
        "expect",
        "extend",
        "fill",
        "finalise",
        "finalize",
        "finish",
        "focus",
        "follow",
        "forward",
        "freeze",
        "hire",
        "hope",
        "invite",
        "join",
        "look",
        "love",
        "move",
        "need",
        "offer",
        "open",
        "opt",
        "pass",
        "pause",
        "plan",
        "postpone",
        "prefer",
        "proceed",
        "progress",
        "provide",
        "push",
        "reach",
        "receive",
        "regret",
        "require",
        "reschedule",
        "review",
        "schedule",
        "select",
        "settle",
        "share",
        "sign",
        "slip",
        "stall",
        "start",
        "submit",
        "talk",
        "update",
        "want",
        "wrap",
    )
)
_IRREGULAR = {
    "went": "go",
    "gone": "go",
    "goes": "go",
    "going": "go",
    "took": "take",
    "taken": "take",
    "takes": "take",
    "taking": "take",
    "chose": "choose",
    "chosen": "choose",
    "chooses": "choose",
    "choosing": "choose",
    "made": "make",
    "makes": "make",
    "making": "make",
    "kept": "keep",
    "keeps": "keep",
    "keeping": "keep",
    "sent": "send",
    "sends": "send",
    "sending": "send",
    "got": "get",
    "gotten": "get",
    "gets": "get",
    "getting": "get",
    "froze": "freeze",
    "frozen": "freeze",
    "gave": "give",
    "given": "give",
    "gives": "give",
    "giving": "give",
    "heard": "hear",
    "hears": "hear",
    "hearing": "hear",
    "spoke": "speak",
    "spoken": "speak",
    "speaking": "speak",
    "brought": "bring",
    "bringing": "bring",
    "came": "come",
    "coming": "come",
    "comes": "come",
    "found": "find",
    "finding": "find",
    "felt": "feel",
    "thought": "think",
    "left": "leave",
    "leaving": "leave",
    "wants": "want",
}
_WORD = re.compile(r"\b[a-z]+(?:ing|ed|es|s)\b|\b(?:" + "|".join(_IRREGULAR) + r")\b", re.I)


def _base(word: str) -> str:
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    for suffix in ("ing", "ed", "es", "s"):
        if not low.endswith(suffix):
            continue
        stem = low[: -len(suffix)]
        for candidate in (stem, stem + "e", stem[:-1] if len(stem) > 2 else stem):
            if candidate in _REGULAR:
                return candidate
    return word


def base_forms(text: str) -> str:
    """The text with contractions spelled out and known verbs in their base form."""
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return _WORD.sub(lambda m: _base(m.group(0)), text)
