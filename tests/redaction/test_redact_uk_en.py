"""Ukrainian and English end to end."""

from __future__ import annotations

import pytest

from redaction import morph, redact
from tests.redaction.conftest import replaced

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("warm")]


def name_forms(word: str) -> set[str]:
    """Every form of the Ukrainian first name(s) this word can be a form of."""
    return {
        morph.normalise(form.word)
        for p in morph.parses("uk", word)
        if morph.name_kind(p) == "Name"
        for form in p.lexeme
    }


def test_ukrainian_vocative_and_dative_share_a_surrogate() -> None:
    text = "Андрій Шевчук був моїм командиром. Андрію я довіряв. Я подзвонив Андрієві вночі."
    result, repl = replaced(text, "uk")
    first = repl["Андрій Шевчук"].split()[0]
    assert morph.normalise(first) != "андрій"
    forms = name_forms(first)
    assert morph.normalise(repl["Андрію"]) in forms
    assert morph.normalise(repl["Андрієві"]) in forms
    assert "Андрі" not in result.text and "Шевчук" not in result.text


def test_ukrainian_places_missed_by_ner_are_caught_by_context() -> None:
    result, _ = replaced("Я родом з Ірпеня, а потім жив у Бучі та під Бородянкою.", "uk")
    for place in ("Ірпеня", "Бучі", "Бородянкою"):
        assert place not in result.text


def test_ukrainian_keep_list() -> None:
    result, _ = replaced(
        "Зеленський звернувся до народу, ЗСУ тримають Київ, а Україна вистоїть.", "uk"
    )
    for public in ("Зеленський", "ЗСУ", "Київ", "Україна"):
        assert public in result.text


def test_english_possessive_and_repeated_names() -> None:
    text = (
        "Sergei Ivanov was my friend. Sergei's wife Vera stayed in Bakhmut. "
        "I last saw Sergei in May."
    )
    result, repl = replaced(text, "en")
    assert repl["Sergei"] == repl["Sergei Ivanov"].split()[0]
    assert "'s wife" in result.text
    for secret in ("Sergei", "Ivanov", "Vera", "Bakhmut"):
        assert secret not in result.text


def test_english_names_that_are_ordinary_words_need_name_context() -> None:
    text = "I will mark the map. Then Mark Will said we should go."
    result, repl = replaced(text, "en")
    assert result.text.startswith("I will mark the map.")
    assert "Mark Will" in repl


def test_english_keep_list_and_titles() -> None:
    text = "Putin and the Kremlin lied. Colonel Petrenko of the Ministry of Defence ordered it."
    result, _ = replaced(text, "en")
    for public in ("Putin", "Kremlin", "Ministry of Defence", "Colonel"):
        assert public in result.text
    assert "Petrenko" not in result.text


def test_english_contacts_and_units() -> None:
    text = (
        'My callsign was "Yankee". Call me at +380 67 123 4567 or ivan.petrov@gmail.com. Unit 3057.'
    )
    result, _ = replaced(text, "en")
    for secret in ("Yankee", "123 4567", "ivan.petrov", "3057"):
        assert secret not in result.text
    assert "@gmail.com" in result.text


def test_mixed_russian_ukrainian_text_uses_each_language() -> None:
    text = (
        "Меня зовут Сергей, я служил в армии два года и ушёл.\n"
        "Моя мати Оксана залишилася в Ірпені і чекає на мене вдома."
    )
    result = redact(text)
    replaced_words = {text[s.start : s.end] for s in result.spans}
    assert {"Сергей", "Оксана", "Ірпені"} <= replaced_words
    assert result.language in {"ru", "uk"}


def test_tag_style_numbers_people_consistently() -> None:
    text = "Сергей Петров пришёл. Потом Петров ушёл, а Анна Смирнова осталась."
    result = redact(text, "ru", style="tag")
    tags = {text[s.start : s.end]: s.replacement for s in result.spans}
    assert tags["Сергей Петров"] == tags["Петров"] == "[PERSON 1]"
    assert tags["Анна Смирнова"] == "[PERSON 2]"


def test_unknown_language_or_style_is_rejected() -> None:
    with pytest.raises(ValueError):
        redact("text", "de")
    with pytest.raises(ValueError):
        redact("text", "en", style="fancy")
