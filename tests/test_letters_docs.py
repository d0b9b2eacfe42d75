"""docs/letters.md shows the letters the code writes today, and they keep to the articles'
lengths once their places are filled."""

from __future__ import annotations

import pytest

from tests.letter_examples import BEGIN, DOC, END, Letter, make, section, sentences, words


@pytest.fixture(scope="module")
def letters() -> list[Letter]:
    return make()


def test_the_docs_show_the_letters_the_code_writes(letters: list[Letter]) -> None:
    text = DOC.read_text(encoding="utf-8")
    shown = text[text.index(BEGIN) : text.index(END) + len(END)]
    assert shown == section(letters), (
        "docs/letters.md is out of date: run `python -m tests.letter_examples --write`"
    )


def test_every_type_and_kind_is_made(letters: list[Letter]) -> None:
    made = {(x.type, x.kind) for x in letters}
    for kind in ("panel", "phone", "final", "video"):
        assert ("thank_you", kind) in made
    for type_ in ("check_in_1", "check_in_2", "final_follow_up", "rejection_thanks"):
        assert any(t == type_ for t, _ in made)


def test_filled_letters_keep_to_the_articles_lengths(letters: list[Letter]) -> None:
    for letter in letters:
        assert "[[" not in letter.text
        if letter.type == "thank_you":
            assert 150 <= words(letter.text) <= 200, (letter.kind, letter.to)
        elif letter.type == "rejection_thanks":
            assert words(letter.text) <= 110
        else:
            assert 5 <= sentences(letter.text) <= 7, (letter.type, letter.to)


def test_letters_to_one_company_differ_by_type(letters: list[Letter]) -> None:
    to_sam = {x.type: x.text for x in letters if "sam@acme.com" in x.to}
    assert len(set(to_sam.values())) == len(to_sam) >= 3
    assert all("we spoke" not in text for text in to_sam.values())
