"""Truecasing: which paragraphs are recased, and which words get a capital in context."""

from __future__ import annotations

import pytest

from redaction.truecase import truecase


def _capitalised(text: str) -> set[str]:
    return {w.strip(".,") for w in text.split() if w[:1].isupper()}


def test_text_with_trustworthy_capitals_is_left_alone() -> None:
    text = "Мой брат Сергей уехал в Харьков. Вера в бога ему помогает."
    assert truecase(text, "ru") == text


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("мы с сыном это под кстово жили у тётки в гремячево", "ru", {"Кстово", "Гремячево"}),
        ("командир у них майор дедов орет на всех кто не хочет", "ru", {"Дедов"}),
        ("мы со станицы каневской если надо приеду куда скажете", "ru", {"Каневской"}),
        ("мого брата вчора забрали на блокпосту в василівці кажуть", "uk", {"Василівці"}),
        ("ask for vasya in oktyabrsky he knows where they keep him", "en", {"Vasya", "Oktyabrsky"}),
    ],
)
def test_lower_case_names_and_places_get_capitals(text: str, language: str, names: set) -> None:
    out = truecase(text, language)
    assert len(out) == len(text)
    assert names <= _capitalised(out)


def test_ordinary_homonyms_need_a_cue() -> None:
    out = truecase("тётя вера сказала что вера в бога помогает а брат роман читал роман", "ru")
    words = out.split()
    assert words[1] == "Вера" and words[4] == "вера"
    assert words[10] == "Роман" and words[12] == "роман"


def test_kinship_words_and_common_words_stay_ordinary() -> None:
    out = truecase("син каже що мама і тато вдома а друзі поїхали у справах до міста", "uk")
    assert _capitalised(out) == {"Син"}  # the sentence start only
    out = truecase("my mum and my uncle said the rose garden will be closed in march", "en")
    assert _capitalised(out) == {"My"}


def test_all_caps_paragraph_is_recased_and_acronyms_stay() -> None:
    text = "МОЙ СЫН ИВАНОВ ПЕТР СЕРГЕЕВИЧ ПРОПАЛ ПОСЛЕ ТЦК"
    out = truecase(text, "ru")
    assert out == "Мой сын Иванов Петр Сергеевич пропал после ТЦК"


def test_names_in_capitals_inside_ordinary_text() -> None:
    out = truecase("My cousin ANDRII HUMENIUK wrote to the ICRC from ZBARAZH.", "en")
    assert out == "My cousin Andrii Humeniuk wrote to the ICRC from Zbarazh."


def test_prose_that_opens_its_sentences_with_capitals_is_trusted() -> None:
    text = "А ведь она и тогда прекрасно понимала, где собака зарыта, и все же молчала."
    assert truecase(text, "ru") == text
    text = "The applicant stated that he wanted to seek judicial review of the decision."
    assert truecase(text, "en") == text


def test_a_name_found_once_is_capitalised_everywhere_in_lower_case_text() -> None:
    out = truecase("ребята говорят дедов воды не возит а майор дедов орет", "ru")
    assert out.split().count("Дедов") == 2


def test_typos_and_plain_guesses_stay_lower_case() -> None:
    out = truecase("кто уйдет того под растрел а та всей деревне растрындит", "ru")
    assert "Растрел" not in out and "Растрындит" not in out
    out = truecase("ВНИМАНИЕ ИЩЕМ ПРОСЬБА РЕПОСТ ГРЕМЯЧЕВО", "ru")
    assert out == "Внимание ищем просьба репост Гремячево"


def test_a_lower_case_message_quoted_in_the_testimony_gets_its_names() -> None:
    out = truecase("Вночі пише старша: «ми в попівці біля магазину чекаєм». Потім тиша.", "uk")
    assert "«ми в Попівці біля" in out  # the quote's first word stays: no title is made
    text = "Сказали, что он «пропал без вести». Я им говорю."
    assert truecase(text, "ru") == text


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "ПРОСИМ ПОМОЧЬ НАШИМ МУЖЬЯМ.\nПОДПИСИ: ДЕНИСОВА М., ГАЛИУЛЛИНА Л., ПРОНИНА В.Н.",
            "ru",
            ("Денисова М.,", "Галиуллина Л.,", "Пронина В.Н."),
        ),
        (
            "ПРОСИМО ДОПОМОГТИ НАШИМ РІДНИМ.\nПІДПИСИ: Н. КОВАЛЬЧУК, Л. РОМАНЮК, О. ЯРМОЛЕНКО",
            "uk",
            ("Н. Ковальчук", "Л. Романюк", "О. Ярмоленко"),
        ),
        (
            "Signatures: O. KUZNETSOVA, M. SMIRNOVA, G. TIKHOMIROVA",
            "en",
            ("O. Kuznetsova", "M. Smirnova", "G. Tikhomirova"),
        ),
    ],
)
def test_initials_in_capitals_stay_beside_their_names(
    text: str, language: str, expected: tuple[str, ...]
) -> None:
    cased = truecase(text, language)
    for signature in expected:
        assert signature in cased, cased


def test_an_abbreviation_after_a_date_is_no_initial() -> None:
    cased = truecase("ВАНЯ КОЧЕТКОВ, 12.12.1997 Г.Р., Г. НОВОХОПЁРСК ВОРОНЕЖСКОЙ ОБЛАСТИ.", "ru")
    assert "г.р.," in cased


def test_a_dotted_abbreviation_is_no_initial() -> None:
    text = "Його посадили в автомобіль, д.н.з. ВЕ 3417 СО, і повезли."
    assert truecase(text, "uk") == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The shelling stopped. Then major lapin said we would be moved.", "Lapin"),
        ("In the basement I was examined by dr hnatyshyn twice.", "Hnatyshyn"),
        ("We were guarded by Sgt. kovalenko every night.", "Kovalenko"),
        ("The Russians came at night. captain ivanchuk ordered us out.", "Ivanchuk"),
    ],
)
def test_a_lower_case_surname_after_a_title_in_ordinary_text(text: str, name: str) -> None:
    assert name in _capitalised(truecase(text, "en"))


def test_a_common_word_after_a_title_stays_lower_case() -> None:
    text = "It was a major problem for us. The private doctor said nothing."
    assert truecase(text, "en") == text
