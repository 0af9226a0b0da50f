"""Language identification, including mixed Russian/Ukrainian and degenerate input."""

from __future__ import annotations

import pytest

from redaction import detect_language
from redaction.language import segments


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Меня зовут Сергей, я служил под Курском и ушёл из армии.", "ru"),
        ("Мене звати Андрій, я служив під Харковом і пішов з армії.", "uk"),
        ("My name is Sergei and I refused to go to the front.", "en"),
        ("Привет", "ru"),
        ("Привіт", "uk"),
        ("ok", "en"),
    ],
)
def test_detects_each_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "   ", "12345", "\ud800", "\x00", "🙂🙂", "שלום"])
def test_degenerate_input_falls_back_to_a_supported_language(text: str) -> None:
    assert detect_language(text) in {"en", "ru", "uk"}


def test_mixed_text_is_split_per_paragraph() -> None:
    ru = "Я служил в армии два года и потом уехал из страны через Казахстан."
    uk = "Моя мати залишилася вдома, вона працює в лікарні і чекає на мене."
    text = f"{ru}\n{uk}\nok"
    runs = segments(text)
    assert [lang for _, _, lang in runs] == ["ru", "uk"]
    assert runs[0][0] == 0 and runs[-1][1] == len(text)
    assert text[runs[1][0] :].startswith("Моя")
