"""Latin-script Russian and Ukrainian: recognised, projected to Cyrillic, written back."""

from __future__ import annotations

import pytest

from redaction import translit
from redaction.language import segments


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("moego syna Maksima zabrali v chast pod Vyborgom", "ru"),
        ("privet Dasha, eto Maks. pishu s telefona Goshi", "ru"),
        ("pryvit, ya z Ternopolya, mene zvaty Oksana", "uk"),
        ("I saw Sergei Ivanov in Bakhmut.", None),
        ("hi its tanya again from the volunteer chat sorry for writing so late", None),
    ],
)
def test_latin_language(text: str, expected: str | None) -> None:
    assert translit.latin_language(text) == expected


def test_latin_paragraphs_get_their_own_language_run() -> None:
    text = "I saw him there yesterday with the others.\nmoego syna zabrali v chast pod Vyborgom"
    assert [lang for _, _, lang in segments(text)] == ["en", "ru"]


@pytest.mark.parametrize(
    ("latin", "language", "cyrillic"),
    [
        ("syna", "ru", "сына"),
        ("Vyborgom", "ru", "Выборгом"),
        ("oktyabrya", "ru", "октября"),
        ("tolko", "ru", "только"),  # the soft sign the writer dropped
        ("Kakhovtsi", "uk", "Каховці"),
        ("shchastya", "uk", "щастя"),
        ("pryvit", "uk", "привіт"),
        ("Humeniuk", "uk", "Гуменюк"),  # unknown surname: the letter table
        # y + vowel after a consonant is one letter (я/ю/ё), not ы/и and the vowel
        ("Zaryuk", "ru", "Зарюк"),
        ("Tyomkin", "ru", "Тёмкин"),
        ("Kolyadyuk", "uk", "Колядюк"),
    ],
)
def test_projection(latin: str, language: str, cyrillic: str) -> None:
    assert translit.to_cyrillic(latin, language) == cyrillic


def test_surrogates_follow_the_writers_scheme() -> None:
    j_writer = translit.style_of("Moj syn Vitya ushel v Vagner, poslednij raz zvonil", "ru")
    assert j_writer.latin("Юрий Щербаков") == "Jurij Shcherbakov"
    y_writer = translit.style_of("moego syna zabrali, ya ne znayu kuda", "ru")
    assert y_writer.latin("Юрий Хохлов") == "Yuriy Hohlov"
    national = translit.style_of("Mene zvaty Nataliia, vidpovidi nemaie, simia chekaie", "uk")
    assert national.latin("Юлія Хмельницька") == "Yuliia Khmelnytska"


def test_addresses_and_handles_stay_in_latin() -> None:
    text = "pishite na nina.gorbunova56@mail.ru ili t.me/ivanov_ili, v/ch 12676 pod Vyborgom"
    projected = {text[s:e]: cyr for s, e, cyr in translit.projection(text, "ru")}
    assert "nina" not in projected and "mail" not in projected and "me" not in projected
    assert projected["v"] == "в" and projected["ch"] == "ч" and projected["pod"] == "под"


def test_a_caller_saying_english_gets_latin_russian_paragraphs_projected() -> None:
    from redaction.normalise import normalise

    text = "Hello.\nmoego syna zabrali v chast pod Vyborgom\nmy son was taken near Bakhmut"
    norm = normalise(text, [(0, len(text), "en")])
    assert [lang for _, _, lang in norm.runs] == ["en", "ru", "en"]
    assert "моего сына забрали" in norm.view.text and "my son was taken" in norm.view.text
    assert normalise("", [(0, 0, "en")]).runs == [(0, 0, "en")]
