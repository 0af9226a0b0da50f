"""English towns named only by the preposition before them."""

from __future__ import annotations

import pytest

from redaction.recognizers.en_preposition_places import EnglishPrepositionPlaceRecognizer

RECOGNIZER = EnglishPrepositionPlaceRecognizer()


def found(text: str) -> list[str]:
    return [text[d.start : d.end] for d in RECOGNIZER.analyze(text, "en")]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("He was taken off a bus near Taganrog and driven away.", "Taganrog"),
        ("Ruslan is from Buynaksk.", "Buynaksk"),
        ("We crossed through Upper Lars at night.", "Upper Lars"),
        ("They moved us outside Novo-Petrivka.", "Novo-Petrivka"),
    ],
)
def test_capitalised_word_after_a_place_preposition_is_a_place(text: str, place: str) -> None:
    assert found(text) == [place]


@pytest.mark.parametrize(
    "text",
    [
        "He was called up in March.",
        "I wrote to Ivan on Monday.",
        "I found a lawyer through Telegram.",
        "She spoke to him in Russian.",
        "I prayed to God.",
        "A man from Chechen police came.",
        "I told this to Madina.",
    ],
)
def test_months_languages_apps_and_first_names_are_not_places(text: str) -> None:
    assert found(text) == []
