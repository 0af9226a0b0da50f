"""Public names recognised by kind, not listed one by one: big cities from GeoNames in every
script and case, regions, laws, roles heading a public body, brands with their models, public
numbered brigades; and common words a witness writes are not replaced."""

from __future__ import annotations

import re

import pytest

from redaction import cities, keep, morph
from redaction.labels import LOCATION, ORGANIZATION, PERSON
from tests.redaction.conftest import replaced


@pytest.mark.parametrize(
    ("language", "surface"),
    [
        ("en", "Belgorod"),
        ("en", "Luton"),  # a foreign city over 100k
        ("en", "Gdansk"),  # written without the diacritics of Gdańsk
        ("ru", "Ростове-на-Дону"),
        ("ru", "Харькова"),
        ("uk", "Краматорську"),
        ("uk", "Дніпрі"),
        ("ru", "Rostov"),  # Latin letters inside a Russian testimony
    ],
)
def test_big_cities_are_public_in_every_script_and_case(language: str, surface: str) -> None:
    assert keep.is_public(language, surface, LOCATION)


@pytest.mark.parametrize(
    ("language", "surface"), [("en", "Kopeysk"), ("ru", "Валуйках"), ("uk", "Бережанах")]
)
def test_small_towns_stay_private(language: str, surface: str) -> None:
    assert not keep.is_public(language, surface, LOCATION)


@pytest.mark.parametrize(
    ("language", "surface"),
    [("en", "Desnianskyi"), ("en", "Obolon"), ("uk", "Деснянський"), ("ru", "Kuntsevo")],
)
def test_city_districts_listed_as_cities_are_not_big_cities(language: str, surface: str) -> None:
    assert not keep.is_big_city(language, surface)
    assert not keep.is_public(language, surface, LOCATION)


@pytest.mark.parametrize(
    ("language", "surface", "big"),
    [
        ("uk", "Хмельницького", True),
        ("ru", "Рыбинска", True),
        ("en", "Chelyabinsk", True),
        ("ru", "Ростова-на-Дону", True),
        ("en", "Kopeysk", False),
        ("ru", "Рыбинска Ярославской", False),  # more than the city
    ],
)
def test_is_big_city_takes_the_whole_mention(language: str, surface: str, big: bool) -> None:
    assert keep.is_big_city(language, surface) is big


def test_city_names_are_never_kept_as_a_person_or_as_a_first_name() -> None:
    assert not keep.is_public("en", "Jackson", PERSON)  # a city, but here a man
    for name in ("Sofia", "Victoria", "София"):
        assert name not in cities.big_city_names("latin") | cities.big_city_names("cyrillic")


@pytest.mark.parametrize(
    ("language", "surface"),
    [
        ("en", "Kursk region"),
        ("en", "Rostov Oblast"),
        ("ru", "Тюменская обл."),
        ("ru", "Ростовская область"),
        ("uk", "Волинська та Харківська область"),
        ("uk", "Донеччини"),
    ],
)
def test_first_level_regions_are_public(language: str, surface: str) -> None:
    assert keep.is_public(language, surface, LOCATION)


def test_a_district_is_no_region() -> None:
    assert not keep.is_public("uk", "Бериславський район", LOCATION)


@pytest.mark.parametrize(
    ("language", "surface"),
    [
        ("en", "Fourth Geneva Convention"),
        ("uk", "Закону України «Про звернення громадян»"),
        ("ru", "Федеральным законом «О прокуратуре Российской Федерации»"),
        ("uk", "Уповноваженому Верховної Ради України з прав людини"),
        ("en", "UN Working Group on Arbitrary Detention"),
        ("en", "Daewoo Lanos"),
        ("ru", "УАЗ «Патриот»"),
        ("en", "3rd Separate Assault Brigade"),
        ("uk", "36-ta bryhada morskoi pikhoty"),
        ("en", "Storm Z"),
    ],
)
def test_public_kinds_are_kept_whole(language: str, surface: str) -> None:
    assert keep.is_public(language, surface, ORGANIZATION)


def test_formations_named_like_people_are_kept_only_when_not_a_person() -> None:
    assert keep.is_public("ru", "Ахмат", ORGANIZATION)
    assert not keep.is_public("ru", "Ахмат", PERSON)
    assert keep.is_public("ru", "Вайбер", PERSON)  # nobody is called so: a tagging slip


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_public_names_stay_readable_in_a_testimony() -> None:
    text = (
        "Сына забрали в Ростове, потом он был в Харькове. Мы купили Ладу, он писал в Вайбер. "
        "Жалобу подали по Федеральному закону «О прокуратуре». Жили в Валуйках."
    )
    result, repl = replaced(text, "ru")
    for public in ("Ростове", "Харькове", "Вайбер", "Федеральному закону"):
        assert public in result.text, public
    assert "Валуйках" in repl and "Валуйках" not in result.text


def _common_words(language: str, count: int) -> list[str]:
    """Frequent ordinary words (wordfreq), without names and places."""
    wordfreq = pytest.importorskip("wordfreq")
    out = []
    for word in wordfreq.top_n_list(language, count):
        if not re.fullmatch(r"[^\W\d_]{3,}", word):
            continue
        if any(
            morph.name_kind(p) or "Geox" in morph.tags_of(p) for p in morph.parses(language, word)
        ):
            continue
        out.append(word)
    return out


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_common_russian_words_are_never_replaced() -> None:
    """A sample of the 1,500 most frequent Russian words, capitalised at a sentence start and
    lower-case mid-sentence: none may be replaced."""
    sample = _common_words("ru", 1500)
    text = " ".join(f"{w.capitalize()} тут. Потом {w} пришло." for w in sample)
    result = replaced(text, "ru")[0]
    hit = {text[s.start : s.end] for s in result.spans} - {"Нью", "Санкт", "Юго"}  # compounds
    assert not hit, sorted(hit)[:20]


def test_regions_laws_and_cities_survive_a_person_label() -> None:
    """NER now and then calls "Rostov Oblast" or "Харкова" a person; no one is called so."""
    assert keep.is_public("en", "Rostov Oblast", PERSON)
    assert keep.is_public("uk", "Закону України", PERSON)
    assert keep.is_public("uk", "Харкова", PERSON)
    assert not keep.is_public("ru", "Иван Петров", PERSON)


def test_brigades_named_with_their_type_are_public_but_bare_numbers_are_not() -> None:
    text = "He served in the 3rd Separate Assault Brigade, then in the 72nd brigade."
    assert [text[s:e] for s, e in keep.public_phrases("en", text)] == [
        "3rd Separate Assault Brigade"
    ]
    assert not keep.is_public("ru", "155-я бригада", ORGANIZATION)


def test_an_english_brigade_described_in_lower_case_is_a_unit() -> None:
    text = "I served in the 200th motorised rifle brigade in Pechenga."
    assert keep.public_phrases("en", text) == []


def test_a_local_branch_of_a_national_body_is_not_public() -> None:
    assert not keep.is_public("uk", "ТЦК Шевченківського району", ORGANIZATION)
    assert keep.is_public("en", "UN Working Group on Arbitrary Detention", ORGANIZATION)


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("My Mum and Uncle are Russian, they stayed home.", "en"),
        ("Мій син пішов до школи. Друзі приїхали ввечері.", "uk"),
    ],
)
def test_ordinary_words_the_model_takes_for_names_stay(text: str, language: str) -> None:
    result, repl = replaced(text, language)
    assert repl == {} and result.text == text


def test_a_public_body_taken_for_a_person_keeps_its_public_part() -> None:
    """NER calls "Верховної Ради України" a person; no word of it is a personal name."""
    assert keep.is_public("uk", "Верховної Ради України", PERSON)
    assert not keep.is_public("uk", "Савчук Ольги", PERSON)


def test_a_village_before_its_oblast_is_not_part_of_the_region() -> None:
    surface = "Bilozerka, Kherson Oblast"
    assert [surface[s:e] for s, e in keep.public_parts("en", surface, LOCATION)] == [
        "Kherson Oblast"
    ]
    listed = "Херсонська, Запорізька і Донецька області"
    assert keep.is_public("uk", listed, LOCATION)
    for language, surface, region in (
        ("ru", "г. Новохопёрск Воронежской области", "Воронежской области"),
        ("ru", "Новохопёрск воронежской обл", "воронежской обл"),
    ):
        assert [surface[s:e] for s, e in keep.public_parts(language, surface, LOCATION)] == [region]


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_nationality_adjectives_and_link_verbs_are_not_replaced() -> None:
    text = "She speaks English and Ukrainian with the caseworker at the Red Cross."
    assert replaced(text, "en")[1] == {}
    text = "Комбат у нас был, а у того позывной был «Гроза», и этим всё сказано."
    assert set(replaced(text, "ru")[1]) == {"Гроза"}


@pytest.mark.parametrize(
    ("language", "surface"),
    [
        ("ru", "Республика Татарстан"),
        ("uk", "Республіки Башкортостан"),
        ("en", "Republic of Bashkortostan"),
        ("ru", "Республике Марий Эл"),
        ("en", "Chuvash Republic"),
    ],
)
def test_a_republic_named_noun_first_is_a_region(language: str, surface: str) -> None:
    assert keep.is_public(language, surface, LOCATION)


def test_a_republic_noun_alone_is_not_a_region() -> None:
    assert not keep.is_public("ru", "Республика", LOCATION)


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
@pytest.mark.parametrize(
    ("text", "language", "region"),
    [
        ("адрес: 423800, Республика Татарстан, г. Набережные Челны.", "ru", "Республика Татарстан"),
        ("Він родом із Республіки Башкортостан, служив там.", "uk", "Республіки Башкортостан"),
        ("He lives at 8 Vyshneva St., Bilozerske, Donetsk Oblast, 85011.", "en", "Donetsk Oblast"),
        ("это мама вани из петровска саратовской обл мы с вами говорили", "ru", "саратовской обл"),
        ("He was born in the Republic of Bashkortostan in 1990.", "en", "Bashkortostan"),
    ],
)
def test_regions_stay_readable_however_the_model_cut_the_mention(
    text: str, language: str, region: str
) -> None:
    result, _ = replaced(text, language)
    assert region in result.text


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
@pytest.mark.parametrize(
    "text",
    [
        "He drove an old Lada and could not sleep without the light on.",
        "I came home and bought a Lada with the money, then sold it.",
        "They gave us a Lada for the whole family.",
    ],
)
def test_a_make_after_an_indefinite_article_is_no_woman(text: str) -> None:
    result, _ = replaced(text, "en")
    assert "Lada" in result.text


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_a_woman_called_like_a_make_is_still_replaced() -> None:
    result, _ = replaced("My neighbour Lada helped us, and Lada Ivanova called.", "en")
    assert "Lada" not in result.text
