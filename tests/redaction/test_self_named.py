"""A person introducing themselves in lower case is still named."""

from __future__ import annotations

import pytest

from redaction.recognizers.self_named import SelfNamedRecognizer

RECOGNIZER = SelfNamedRecognizer()


def found(text: str, language: str) -> list[str]:
    return [text[d.start : d.end] for d in RECOGNIZER.analyze(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("я дима, мне 23", "ru", "дима"),
        ("меня зовут саша петров, я из твери", "ru", "саша петров"),
        ("мене звати остап, я з села", "uk", "остап"),
        ("my name is kirill and i am scared", "en", "kirill"),
    ],
)
def test_introduced_lower_case_names_are_found(text: str, language: str, name: str) -> None:
    assert found(text, language) == [name]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("я дома, мне плохо", "ru"),
        ("я очень устал", "ru"),
        ("це правда", "uk"),
        ("my name is not important", "en"),
        ("i am tired", "en"),
    ],
)
def test_introductions_of_ordinary_words_are_left(text: str, language: str) -> None:
    assert found(text, language) == []
