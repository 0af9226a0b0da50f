"""End to end per writing style: lower-case phone messages, ALL CAPS, Latin-script Russian and
Ukrainian. Names go, ordinary words stay, surrogates follow the input's case and script."""

from __future__ import annotations

import re

import pytest

from tests.redaction.conftest import replaced

pytestmark = pytest.mark.usefixtures("warm")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def test_lower_case_russian_message() -> None:
    text = "мы с сыном жили под кстово а командир у них майор дедов орет на всех"
    result, spans = replaced(text, "ru")
    assert {"кстово", "дедов"} <= set(spans)
    assert all(r == r.lower() for r in spans.values())
    assert "майор" in result.text and "сыном" in result.text


def test_lower_case_english_message() -> None:
    text = "hi its tanya again my brother misha is still in novoaidar my mum calls every day"
    result, spans = replaced(text, "en")
    assert {"tanya", "misha", "novoaidar"} <= set(spans)
    assert "mum" in result.text.split()
    assert all(r == r.lower() for r in spans.values())


def test_ordinary_ukrainian_words_stay() -> None:
    result, spans = replaced("син кравчук каже що друзі поїхали", "uk")
    assert "кравчук" in spans
    assert result.text.startswith("син ") and "друзі" in result.text


def test_all_caps_names_get_capital_surrogates() -> None:
    text = "ПРОШУ ПОМОЧЬ НАЙТИ МОЕГО СЫНА ИВАНОВА ПЕТРА СЕРГЕЕВИЧА, ПРОПАЛ ПОД КУПЯНСКОМ"
    result, spans = replaced(text, "ru")
    assert "ИВАНОВА ПЕТРА СЕРГЕЕВИЧА" in "".join(spans) or {"ИВАНОВА", "ПЕТРА"} <= set(spans)
    assert all(r == r.upper() for r in spans.values())
    assert "МОЕГО СЫНА" in result.text


@pytest.mark.parametrize(
    ("text", "names", "kept"),
    [
        (
            "Moj syn Vitya ushel v armiyu, poslednij raz zvonil 17 marta iz-pod Vyborga.",
            {"Vitya", "17 marta", "Vyborga"},
            ["Moj syn", "ushel v armiyu"],
        ),
        (
            "Dobryi den. Mene zvaty Nataliia, ya sestra Ruslana, yoho zabraly u Kakhovtsi.",
            {"Nataliia", "Ruslana"},
            ["Dobryi den", "ya sestra"],
        ),
    ],
)
def test_latin_script_russian_and_ukrainian(text: str, names: set, kept: list[str]) -> None:
    result, spans = replaced(text)
    assert names <= set(spans)
    for phrase in kept:
        assert phrase in result.text
    assert not _CYRILLIC.search(result.text)  # surrogates written back in Latin letters
    for surface, replacement in spans.items():
        if any(c.isdigit() for c in surface):  # a date stays a date
            assert re.fullmatch(r"\d{1,2} [a-z]+", replacement), replacement
