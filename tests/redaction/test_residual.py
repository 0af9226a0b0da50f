"""The fail-closed residual pass: unknown capitalised words and identifier-like digit runs that
detection left readable are replaced; ordinary, public and sentence-opening words are not."""

from __future__ import annotations

import pytest

from redaction import Policy
from redaction.residual import residual
from tests.redaction.conftest import replaced


def hits(text: str, language: str, covered: list[tuple[int, int]] | None = None) -> list[str]:
    return [text[d.start : d.end] for d in residual(text, covered or [], lambda _: language)]


def test_unknown_capitalised_words_mid_sentence_are_caught() -> None:
    text = "The bread came from a certain Zvyagintsevich, whose dog was called Bublik."
    assert hits(text, "en") == ["Zvyagintsevich", "Bublik"]


def test_ordinary_public_and_sentence_opening_words_stay() -> None:
    text = "Zvyagintsevich came. Then my Mum wrote to the Red Cross in London on Monday."
    assert hits(text, "en") == []


def test_russian_words_by_the_dictionary() -> None:
    text = "Мы ночевали у Кузьмича, потом Бог помог, и мы доехали до Москвы и до Гремячево."
    assert hits(text, "ru") == ["Кузьмича", "Гремячево"]


def test_adjacent_words_are_one_mention_and_covered_ranges_are_skipped() -> None:
    text = "Potim pryikhav Petro Stepanovych z Oleshok."
    assert hits(text, "uk") == ["Petro Stepanovych", "Oleshok"]
    assert hits(text, "uk", [(15, 32)]) == ["Oleshok"]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("his code was 58213 then, in 2023 at 14:30", "en", ["58213"]),
        ("we paid 40000 rubles for 1500 metres", "en", []),
        ("заплатили 40000 рублей, номер 77213, 12.11.1989", "ru", ["77213"]),
    ],
)
def test_digit_runs_that_are_not_years_times_or_quantities(
    text: str, language: str, expected: list[str]
) -> None:
    assert hits(text, language) == expected


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_residual_hits_are_replaced_everywhere_and_can_be_turned_off() -> None:
    text = (
        "The bread came from a certain Zvyagintsevich. Zvyagintsevich also kept a dog. "
        "His locker code was 58213."
    )
    result, _ = replaced(text, "en")
    assert "Zvyagintsevich" not in result.text and "58213" not in result.text
    plain, _ = replaced(text, "en", policy=Policy(residual=False))
    assert "58213" in plain.text
