"""The reply classifier over the corpora in tests/corpus/replies, replies_heldout and
replies_independent (see their SOURCES.md), the traps the issue names, and the
``classify`` command exactly as interfaces.md gives it.

The score test prints the confusion table of each corpus and of all together (run with
``-s`` to see them) and fails below the aims: no auto-reply or noise ever counted as a
reply, rejection precision >= 95% and recall >= 90%, every category >= 85% recall. The
held-out sets were scored once before any rule changed for them (the figures are in their
SOURCES.md); they are held to the same aims since.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from daemon.classify import CATEGORIES, NOT_A_REPLY, Reading, classify_bytes, date_in, own_text

CORPUS = Path(__file__).parent / "corpus" / "replies"
HELDOUT = Path(__file__).parent / "corpus" / "replies_heldout"
# written by eight writers who never saw the rules, each set scored once before any rule
# changed for it (the figures are in its SOURCES.md)
INDEPENDENT = Path(__file__).parent / "corpus" / "replies_independent"
LANGUAGES = ("en", "de", "fr", "es")


def _expected(folder: Path = CORPUS) -> list[dict[str, str]]:
    with open(folder / "expected.csv", newline="", encoding="utf-8") as f:
        return [{**row, "path": str(folder / row["file"])} for row in csv.DictReader(f)]


def _score(*folders: Path) -> tuple[Counter[tuple[str, str]], list[str]]:
    table: Counter[tuple[str, str]] = Counter()
    wrong_dates = []
    for row in (row for folder in folders for row in _expected(folder)):
        reading = classify_bytes(Path(row["path"]).read_bytes())
        table[(row["category"], reading.category)] += 1
        got = reading.new_date.isoformat() if reading.new_date else ""
        if reading.category == row["category"] and got != row["new_date"]:
            wrong_dates.append(f"{row['file']}: want {row['new_date'] or None}, got {got or None}")
    return table, wrong_dates


def confusion_table(table: Counter[tuple[str, str]]) -> str:
    """Rows: expected; columns: classified. Markdown, for the docs."""
    short = [c[:5] for c in CATEGORIES]
    lines = ["| expected \\ got | " + " | ".join(short) + " | recall |"]
    lines.append("|---" * (len(CATEGORIES) + 2) + "|")
    for want in CATEGORIES:
        total = sum(table[(want, got)] for got in CATEGORIES)
        if not total:
            continue
        cells = [str(table[(want, got)] or ".") for got in CATEGORIES]
        recall = table[(want, want)] / total
        lines.append(f"| {want} ({total}) | " + " | ".join(cells) + f" | {recall:.0%} |")
    return "\n".join(lines)


@pytest.mark.parametrize(("folder", "size"), [(CORPUS, 80), (HELDOUT, 410), (INDEPENDENT, 1080)])
def test_corpus_is_big_enough_in_four_languages(folder: Path, size: int) -> None:
    rows = _expected(folder)
    assert len(rows) >= size
    assert {r["category"] for r in rows} == set(CATEGORIES)
    for lang in LANGUAGES:
        assert sum(f"_{lang}_" in r["file"] for r in rows) >= 6, lang
    assert all(Path(r["path"]).is_file() for r in rows)


@pytest.mark.parametrize(
    "folders", [(CORPUS,), (HELDOUT,), (INDEPENDENT,), (CORPUS, HELDOUT, INDEPENDENT)]
)
def test_classifier_meets_the_aims_over_the_corpus(folders: tuple[Path, ...]) -> None:
    table, wrong_dates = _score(*folders)
    print(f"\n{' + '.join(f.name for f in folders)}\n" + confusion_table(table))
    for noise in NOT_A_REPLY:
        # an out-of-office read as noise (or the reverse) is still no answer: it is the
        # recall of each, checked below, not a reply counted
        counted = sum(
            n for (want, got), n in table.items() if want == noise and got not in NOT_A_REPLY
        )
        assert counted == 0, f"{noise} counted as a reply {counted} time(s)"
    as_rejection = sum(n for (_w, got), n in table.items() if got == "rejection")
    rejections = sum(n for (want, _g), n in table.items() if want == "rejection")
    assert table[("rejection", "rejection")] / as_rejection >= 0.95
    assert table[("rejection", "rejection")] / rejections >= 0.90
    for category in CATEGORIES:
        total = sum(n for (want, _g), n in table.items() if want == category)
        assert table[(category, category)] / total >= 0.85, category
    # two held-out dates are read otherwise than labelled, both arguable: "next Friday"
    # said on a Thursday (the rules take the coming Friday, as the tuned corpus does) and
    # "on leave until the 14th, so we'll regroup after that" (labelled without a date)
    assert len(wrong_dates) <= 2, wrong_dates


LAST_ROUND = Path(__file__).parent / "corpus" / "replies_last_round"
INDEPENDENT_LAST = Path(__file__).parent / "corpus" / "replies_independent_last"


@pytest.mark.parametrize(
    ("folder", "size", "first_read", "wrong_rejections"),
    [
        (LAST_ROUND, 30, 25, 0),  # written by the author of the rules
        (INDEPENDENT_LAST, 240, 220, 1),  # written by four writers who never saw them
    ],
)
def test_the_untouched_sets_read_no_worse_than_when_first_scored(
    folder: Path, size: int, first_read: int, wrong_rejections: int
) -> None:
    """No rule was ever changed for these (see their SOURCES.md): the aims do not apply,
    the figure they were first read at does, so a change that loses ground fails here."""
    table, _dates = _score(folder)
    print(f"\n{folder.name}\n" + confusion_table(table))
    assert sum(table.values()) == size
    assert sum(table[(c, c)] for c in CATEGORIES) >= first_read
    as_rejection = sum(n for (_w, got), n in table.items() if got == "rejection")
    assert as_rejection - table[("rejection", "rejection")] <= wrong_rejections


def _read(name: str) -> Reading:
    return classify_bytes((CORPUS / name).read_bytes())


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("ooo_en_02_unfortunately.eml", "auto_reply"),  # an out-of-office that says "unfortunately"
        ("nxt_en_02_unfortunately_out.eml", "next_round"),  # "unfortunately I'm out next week"
        ("off_en_01_move_forward_with_you.eml", "offer"),  # "decided to move forward with you"
        ("rej_en_03_offer_call.eml", "rejection"),  # mentions "offer" and "a call"
        ("ack_en_01_quote_other_candidates.eml", "acknowledgement"),  # quotes "other candidates"
        ("noi_de_01.eml", "noise"),  # a newsletter that says "leider müssen wir Ihnen mitteilen"
    ],
)
def test_traps(name: str, category: str) -> None:
    assert _read(name).category == category


def test_out_of_office_keeps_its_return_date() -> None:
    reading = classify_bytes((CORPUS / "ooo_en_02_unfortunately.eml").read_bytes())
    assert reading.until == date(2026, 12, 14) and reading.new_date is None
    assert classify_bytes((CORPUS / "ooo_de_01.eml").read_bytes()).until == date(2026, 12, 11)


def test_info_request_names_what_was_asked() -> None:
    assert _read("inf_en_01_refs.eml").asked == "references"
    assert "salary expectations" in str(_read("inf_de_01.eml").asked)


def test_quoted_history_and_signature_are_not_the_senders_words() -> None:
    text = (
        "Thanks, will do!\n\n-- \nSam\n\nOn Tue, Dec 1, 2026 at 4:02 PM Alex wrote:\n"
        "> other candidates\n"
    )
    assert own_text(text) == "Thanks, will do!"
    outlook = "Noted.\n\nFrom: Alex Candidate <alex@example.com>\nSent: Tuesday\n\nregret to inform"
    assert own_text(outlook) == "Noted."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We will decide by the end of next week.", date(2026, 12, 11)),
        ("We'll come back to you after the holidays, around January 8.", date(2027, 1, 8)),
        ("You will hear from us in two weeks.", date(2026, 12, 17)),
        ("The panel meets on Monday; I'll update you by Tuesday.", date(2026, 12, 8)),
        ("Wir melden uns bis zum 15. Dezember.", date(2026, 12, 15)),
        ("Nous reviendrons vers vous d'ici la fin de la semaine prochaine.", date(2026, 12, 11)),
        ("Te responderemos antes del 18 de diciembre.", date(2026, 12, 18)),
        ("Have a great day!", None),
    ],
)
def test_dates_resolve_against_the_message_date(text: str, expected: date | None) -> None:
    assert date_in(text, date(2026, 12, 3)) == expected  # Thursday 3 December 2026


def test_garbage_is_unknown_not_an_error() -> None:
    assert classify_bytes(b"").category == "unknown"
    assert classify_bytes(b"\xff\xfe\x00garbage\r\n\r\n\x00").category == "unknown"
    odd = b"From: =?utf-8?b?!!!?= <x@y>\r\nSubject: =?bad?q?x?=\r\nDate: yesterday\r\n\r\nHi"
    assert classify_bytes(odd).category == "unknown"


def _message(text: str, sender: str = "Sam <sam@acme.com>", headers: str = "") -> bytes:
    return (
        f"From: {sender}\r\nSubject: Re: Thank you\r\nDate: Thu, 03 Dec 2026 10:00:00 -0500\r\n"
        f"{headers}Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a status is not a delay; a reason the answer comes late is
        (
            "No decision yet -- the panel meets Wednesday, I'll be in touch by Friday.",
            "acknowledgement",
        ),
        ("No decision yet: two of the panel were out sick, so the debrief moved.", "delay"),
        # a rejection's or next round's words in a sentence about when
        ("I'm afraid I have to let you know that this will take longer than planned.", "delay"),
        (
            "Nous ne serons pas en mesure de prendre une décision avant les congés, le processus "
            "prend plus de temps que prévu.",
            "delay",
        ),
        # an offer as a condition; a list of things to send
        (
            "Bevor wir Ihnen ein mögliches Vertragsangebot unterbreiten können, benötigen wir noch "
            "folgende Unterlagen: Arbeitszeugnisse, Referenzen.",
            "info_request",
        ),
        (
            "Before they set up round 2 the client asked me for two things: your salary "
            "expectations and your notice period. Can you send them today?",
            "info_request",
        ),
        # typed without accents
        ("On a finalement decide de poursuivre avec une autre personne.", "rejection"),
        ("Leider hat man sich fuer einen Mitbewerber entschieden.", "rejection"),
        # someone named got the job; the role itself went away
        ("I'm afraid we've decided to give the job to Claire, who covered the desk.", "rejection"),
        ("The search has therefore been closed without an appointment.", "rejection"),
    ],
)
def test_rules_weigh_what_the_message_is_about(text: str, category: str) -> None:
    assert classify_bytes(_message(text)).category == category


@pytest.mark.parametrize(
    ("text", "sender", "headers", "category"),
    [
        (  # a ticket system's receipt, no auto-reply header
            "Your request (#48213) has been received and is being reviewed by our People team.",
            "people@acme.zendesk.com",
            "",
            "auto_reply",
        ),
        (
            "Ihre E-Mail ist bei uns eingegangen.",
            "hr@acme.de",
            "X-OTRS-Loop: yes\r\n",
            "auto_reply",
        ),
        (  # an ATS offer whose footer says the mailbox is not monitored
            "We are delighted to offer you the position. Please do not reply to this message. "
            "This mailbox is not monitored.",
            "acme@myworkday.com",
            "",
            "offer",
        ),
        (  # a password reset with the same footer, sent as auto-generated
            "We received a request to reset the password for your careers account. This "
            "mailbox is not monitored.",
            "noreply@icims.com",
            "Auto-Submitted: auto-generated\r\n",
            "noise",
        ),
    ],
)
def test_machines_are_told_apart(text: str, sender: str, headers: str, category: str) -> None:
    assert classify_bytes(_message(text, sender, headers)).category == category


def test_a_decision_after_the_holidays_has_no_date() -> None:
    text = (
        "It will take longer: with the office closing on 23 December, we will not be able to "
        "make a final decision until after the holidays."
    )
    reading = classify_bytes(_message(text))
    assert reading.category == "delay" and reading.new_date is None
    assert date_in("Our 8th grade team will decide.", date(2026, 12, 3)) is None


def test_html_only_message_is_read_without_its_quote() -> None:
    raw = (
        b"From: Sam <sam@acme.com>\r\nSubject: Update\r\nDate: Thu, 03 Dec 2026 10:00:00 -0500\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><body><p>Hi Alex,</p><p>We are pleased to offer you the role!</p>"
        b"<blockquote>we regret to inform other candidates</blockquote></body></html>\r\n"
    )
    assert classify_bytes(raw).category == "offer"


# -- the command ------------------------------------------------------------------------------


def _cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd or CORPUS), "XDG_CONFIG_HOME": "/nonexistent"}
    return subprocess.run(
        [sys.executable, "-m", "daemon.cli", *args],
        input=stdin,
        capture_output=True,
        env={**env, "PYTHONPATH": str(Path(__file__).parent.parent)},
        cwd=cwd,
        check=False,
        timeout=120,
    )


def test_classify_json_without_any_config(tmp_path: Path) -> None:
    files = [str(CORPUS / "del_en_01_end_next_week.eml"), str(CORPUS / "ooo_en_01_rfc3834.eml")]
    res = _cli(
        "classify",
        "--json",
        *files,
        "-",
        stdin=(CORPUS / "rej_de_01.eml").read_bytes(),
        cwd=tmp_path,
    )
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == [
        {"file": files[0], "category": "delay", "new_date": "2026-12-11"},
        {"file": files[1], "category": "auto_reply", "new_date": None},
        {"file": "-", "category": "rejection", "new_date": None},
    ]


def test_classify_text_names_the_cue_and_a_missing_file_exits_3(tmp_path: Path) -> None:
    res = _cli("classify", str(CORPUS / "rej_en_03_offer_call.eml"), cwd=tmp_path)
    assert res.returncode == 0
    assert b"rejection; cue: text: 'will not be extending an offer'" in res.stdout
    res = _cli("classify", str(tmp_path / "missing.eml"), cwd=tmp_path)
    assert res.returncode == 3
    assert res.stderr.decode().startswith("error: ") and b"missing.eml" in res.stderr
    assert b"Traceback" not in res.stderr


def _mail(headers: str, body: str) -> bytes:
    head = "From: Sam <sam@acme.com>\r\nTo: Alex <alex@example.com>\r\n"
    head += "Date: Thu, 03 Dec 2026 10:00:00 -0500\r\n" + headers
    return (head + "\r\n" + body).encode()


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        # a bounce quotes the thank-you unmarked: its "next steps" are the candidate's words
        (
            "Subject: Undeliverable: Thank you\r\n",
            "Delivery has failed to these recipients.\r\n\r\nThank you for the interview; "
            "I look forward to the next steps and know you are meeting other candidates.",
        ),
        ("Subject: Accepted: Final interview with Acme\r\n", "Sam has accepted this invitation."),
        ("Subject: Gelesen: Danke\r\n", "Ihre Nachricht wurde gelesen."),
    ],
)
def test_reports_about_the_candidates_own_message_are_noise(headers: str, body: str) -> None:
    assert classify_bytes(_mail(headers, body)).category == "noise"


@pytest.mark.parametrize(
    ("body", "category"),
    [
        # wrapped at 72 columns, with a curly apostrophe
        (
            "We\u2019ve decided to move forward\r\nwith another candidate for this role.",
            "rejection",
        ),
        ("Sorry, we won\u2019t be moving ahead to the next round.", "rejection"),
        ("We ended up going with someone who has done this migration before.", "rejection"),
        (
            "Not sure you saw it, but we would love to move forward with you to the next round.",
            "next_round",
        ),
    ],
)
def test_wrapped_lines_curly_quotes_and_negated_steps(body: str, category: str) -> None:
    assert classify_bytes(_mail("Subject: Re: Thank you\r\n", body)).category == category


def test_a_forward_from_the_company_is_read_but_the_candidates_own_is_not() -> None:
    forward = (
        "Passing along Priya's note below.\r\n\r\n---------- Forwarded message ---------\r\n"
        "From: {sender}\r\nDate: Wed, Dec 2, 2026 at 5:40 PM\r\nSubject: Debrief\r\n\r\n"
        "The panel's decision: we will not be moving forward with Alex.\r\n"
    )
    ours = _mail("Subject: Fwd: Debrief\r\n", forward.format(sender="Priya <priya@acme.com>"))
    assert classify_bytes(ours).category == "rejection"
    theirs = _mail("Subject: Fwd: Debrief\r\n", forward.format(sender="Alex <alex@example.com>"))
    assert classify_bytes(theirs).category == "unknown"


def test_outlook_html_reply_block_is_not_the_senders_words() -> None:
    html = (
        "<html><body><p>Noted, thanks!</p><div id='divRplyFwdMsg'><b>From:</b> Alex "
        "&lt;alex@example.com&gt;<br><b>Sent:</b> Tuesday</div><div>I regret that you are "
        "meeting other candidates; we decided to move forward with another candidate.</div>"
        "</body></html>"
    )
    raw = _mail("Subject: RE: Thank you\r\nContent-Type: text/html; charset=utf-8\r\n", html)
    assert classify_bytes(raw).category == "acknowledgement"
