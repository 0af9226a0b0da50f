"""Nicknames, callsigns and surnames that are ordinary words, found by the cue before them;
every later mention goes too, in any case, and in follow-ups."""

from __future__ import annotations

import pytest

from redaction import Memory
from redaction.recognizers.callsign import CallsignRecognizer
from redaction.recognizers.surname_cue import SurnameCueRecognizer
from tests.redaction.conftest import replaced
from tests.redaction.test_recognizers import found


@pytest.mark.parametrize(
    ("text", "language", "nickname"),
    [
        ('we all called him "Doctor". Doctor kept a notebook', "en", "Doctor"),
        ('a boy whom everyone called "Professor" because', "en", "Professor"),
        ("some guy they call borzoi not real name", "en", "borzoi"),
        ("a man they called Professor came", "en", "Professor"),
        ("his call sign was Bear", "en", "Bear"),
        ("Егора все звали «Малой». Малому было 19", "ru", "Малой"),
        ("кличка Малой, он из Курска", "ru", "Малой"),
        ('позывной "Гром" у него', "ru", "Гром"),
        ("наймолодшого всі кликали «Малий».", "uk", "Малий"),
        ("хлопець на прізвисько Грач", "uk", "Грач"),
    ],
)
def test_nickname_after_a_cue(text: str, language: str, nickname: str) -> None:
    assert found(CallsignRecognizer(), text, language) == [nickname]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("we called the police", "en"),
        ("I called him yesterday", "en"),
        ("they called me back", "en"),
        ("его звали Иван", "ru"),  # a first name, not a nickname: the name recognisers' job
    ],
)
def test_cues_that_introduce_something_else(text: str, language: str) -> None:
    assert found(CallsignRecognizer(), text, language) == []


@pytest.mark.parametrize(
    ("text", "language", "surname"),
    [
        ("a man from the same platoon, surname Moroz, who", "en", "Moroz"),
        ("only his surname, Holub, because", "en", "Holub"),
        ("Her maiden name is Soroka, and", "en", "Soroka"),
        ("pls dont use my surname its loginov my dad", "en", "loginov"),
        ("мужчина по фамилии Пастух, из Скадовска", "ru", "Пастух"),
        ("фамилия у него была Воробей", "ru", "Воробей"),
        ("представился только по фамилии, Кравец.", "ru", "Кравец"),
        ("з чоловіком на прізвище Коваль, він", "uk", "Коваль"),
        ("представлявся тільки прізвищем, Медведєв.", "uk", "Медведєв"),
    ],
)
def test_surname_after_a_cue_even_if_an_ordinary_word(
    text: str, language: str, surname: str
) -> None:
    assert found(SurnameCueRecognizer(), text, language) == [surname]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("фамилию не помню", "ru"),
        ("Тільки моє прізвище, будь ласка, не пишіть", "uk"),
        ("ФАМИЛИЮ В КОММЕНТАРИЯХ НЕ ПИШИТЕ", "ru"),
        ("her surname, which she spelled out twice", "en"),
        ("my surname is not important", "en"),
    ],
)
def test_surname_cue_followed_by_no_name(text: str, language: str) -> None:
    assert found(SurnameCueRecognizer(), text, language) == []


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_every_later_mention_of_a_cued_nickname_goes_in_any_case() -> None:
    text = (
        "Самого молодого все звали «Малой». Малому было девятнадцать. "
        "Малого убило под Водяным. Спросите про Малого у комбата."
    )
    result, repl = replaced(text, "ru")
    for form in ("Малой", "Малому", "Малого"):
        assert form in repl and form not in result.text
    follow_up, _ = replaced(
        "Малой снился мне сегодня.", "ru", memory=Memory.from_json(result.memory.to_json())
    )
    assert "Малой" not in follow_up.text


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_cued_surname_that_is_a_word_goes_everywhere() -> None:
    text = (
        "Начальник смены, фамилия Орёл. Когда дежурил Орёл, уводили людей. "
        "Про Орла я рассказал в ООН."
    )
    result, repl = replaced(text, "ru")
    assert "Орёл" in repl and "Орла" in repl
    assert "Орёл" not in result.text and "Орла" not in result.text
    assert "ООН" in result.text


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_english_nickname_mentions_all_go() -> None:
    text = (
        'Our medic was an older convict, and we all called him "Doctor". Doctor kept a '
        "notebook. When I was wounded, Doctor dragged me to a trench."
    )
    result, _ = replaced(text, "en")
    assert "Doctor" not in result.text
