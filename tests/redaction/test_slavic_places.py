"""SlavicPlaceRecognizer: road numbers, coordinated region adjectives, quoted settlements,
street addresses the address patterns miss, Ukrainian place names opening a sentence."""

from __future__ import annotations

import pytest

from redaction.recognizers.slavic_places import SlavicPlaceRecognizer
from tests.redaction.conftest import replaced

_REC = SlavicPlaceRecognizer()


def found(text: str, language: str = "uk") -> dict[str, str]:
    return {text[d.start : d.end]: d.label for d in _REC.analyze(text, language)}


# Road numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "road"),
    [
        ("Ми їхали трасою М-15 до Ізмаїла.", "М-15"),
        ("ремонт автодороги М-12 Стрий-Тернопіль", "М-12"),
        ("ділянці автомобільної дороги Н-02 Кременець – Софіївка", "Н-02"),
        ("до автомобільної дороги М-03 Київ-Харків", "М-03"),
        ("На трассе Р-22 стоял блокпост.", "Р-22"),
    ],
)
def test_road_numbers_after_a_road_word(text: str, road: str) -> None:
    assert found(text, "ru" if "трассе" in text else "uk").get(road) == "LOCATION"


def test_zero_padded_national_roads_need_no_road_word() -> None:
    assert found("Колона пішла на Н-06 о п'ятій.").get("Н-06") == "LOCATION"


@pytest.mark.parametrize(
    "text",
    [
        "Його танк Т-72 згорів, а С-300 влучила в будинок.",
        "У нас були автомати, один М-16.",
        "Танк Т-80 стояв біля школи.",
    ],
)
def test_weapons_are_not_roads(text: str) -> None:
    assert not any(label == "LOCATION" for label in found(text).values())


# Coordinated region adjectives ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        (
            "у господарствах Волинської та Львівської областей України",
            "Волинської та Львівської областей",
        ),
        ("на другій сходинці Волинська та Харківська область", "Волинська та Харківська область"),
        (
            "Херсонська, Запорізька і Донецька області окуповані частково.",
            "Херсонська, Запорізька і Донецька області",
        ),
        ("RU жители Курской и Белгородской областей", "Курской и Белгородской областей"),
    ],
)
def test_coordinated_region_adjectives_share_the_noun(text: str, mention: str) -> None:
    language = "ru" if text.startswith("RU ") else "uk"
    assert found(text.removeprefix("RU "), language).get(mention) == "LOCATION"


def test_single_region_adjective_is_left_to_the_name_recogniser() -> None:
    assert found("Ми жили в Харківській області.") == {}


def test_ordinary_adjectives_with_and_are_no_regions() -> None:
    assert found("Це були важкі та страшні дні в області.") == {}


# Quoted settlements ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "language"),
    [
        ('Я народився в селі "Калинівка" на Вінниччині.', "Калинівка", "uk"),
        ("Нас перевезли в посёлок «Солнечный».", "Солнечный", "ru"),
        ("смт «Козова»", "Козова", "uk"),
    ],
)
def test_settlement_names_in_quotes(text: str, name: str, language: str) -> None:
    assert found(text, language).get(name) == "LOCATION"


def test_quoted_name_without_a_settlement_word_is_not_a_place() -> None:
    assert found("Він працював у ТОВ «Калинівка».") == {}


# Settlement nouns and compound names -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Ми жили на хуторі Вільному, під Новоайдаром.", "Вільному"),
        ("Нас тримали в селі Лука два тижні.", "Лука"),
        ("RU Мы приехали в город Шахты ночью.", "Шахты"),
        ("Він народився в містечку Теребовля.", "Теребовля"),
    ],
)
def test_inflected_settlement_nouns_make_the_next_name_a_place(text: str, place: str) -> None:
    language = "ru" if text.startswith("RU ") else "uk"
    assert found(text.removeprefix("RU "), language).get(place) == "LOCATION"


def test_settlement_noun_before_a_lower_case_word_finds_nothing() -> None:
    assert found("У селі було тихо, у місті стріляли.") == {}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Нова Каховка затоплена.", "Нова Каховка"),
        ("Мала Токмачка під обстрілом.", "Мала Токмачка"),
        ("Моя бабуся з Верхнього Рогачика.", "Верхнього Рогачика"),
        ("Великий Бурлук звільнили.", "Великий Бурлук"),
        ("RU Старый Оскол рядом.", "Старый Оскол"),
    ],
)
def test_compound_settlement_names_keep_their_adjective(text: str, place: str) -> None:
    language = "ru" if text.startswith("RU ") else "uk"
    assert found(text.removeprefix("RU "), language).get(place) == "LOCATION"


@pytest.mark.parametrize(
    "text", ["Старий Петро сказав, що треба тікати.", "Нова Пошта не працювала.", "Нова влада."]
)
def test_adjective_before_a_person_or_an_ordinary_word_is_no_place(text: str) -> None:
    assert found(text) == {}


# Geographic nouns and place abbreviations ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("«Райнер Холдінгс Корп.» (Маршаллові острови).", "Маршаллові острови"),
        ("Кінбурнська коса була окупована.", "Кінбурнська коса"),
        ("Голосіївський ліс закрили.", "Голосіївський ліс"),
        ("біля Канівського водосховища", "Канівського водосховища"),
    ],
)
def test_proper_adjective_and_geographic_noun(text: str, place: str) -> None:
    assert found(text).get(place) == "LOCATION"


@pytest.mark.parametrize(
    "text",
    [
        "Український ліс горить.",
        "Клавдієвське лісове господарство.",
        "Російські острови ніхто не бачив.",
    ],
)
def test_demonyms_and_forestry_are_no_geographic_names(text: str) -> None:
    assert found(text) == {}


def test_place_abbreviations_from_the_keep_list() -> None:
    assert found("Ще в часи СРСР, а тепер США.") == {"СРСР": "LOCATION", "США": "LOCATION"}
    assert found("Працював у ТОВ і ЗСУ.") == {}


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_place_abbreviations_stay_readable_by_default() -> None:
    result, _ = replaced("Ще в часи СРСР мій дід жив у селі Лука.", "uk")
    assert "СРСР" in result.text and "Лука" not in result.text


# Toponymic endings after a place preposition -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "language"),
    [
        ("Ми виїхали до Покровська.", "Покровська", "uk"),
        ("Ми вибралися з Маріуполя.", "Маріуполя", "uk"),
        ("Стояли під Мелітополем.", "Мелітополем", "uk"),
        ("Жили в Краматорську.", "Краматорську", "uk"),
        ("Мы жили в Донецке.", "Донецке", "ru"),
    ],
)
def test_toponymic_endings_after_place_prepositions(text: str, place: str, language: str) -> None:
    assert found(text, language).get(place) == "LOCATION"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Мы были на Балтийском море.", "ru"),
        ("Він жив у Харківській області.", "uk"),
        ("Поговорили з Покровською, вона знає.", "uk"),
    ],
)
def test_adjectives_and_surnames_are_not_toponymic_nouns(text: str, language: str) -> None:
    assert found(text, language) == {}


# Street addresses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("нерухомість по вул. Леваневського, 2-В у Кіровограді", "вул. Леваневського, 2-В"),
        ("будинок в м. Теребовля по вул.. Паращука, 5 на ділянці", "вул.. Паращука, 5"),
        ("кварталу по вул. Саперне поле, 5 у Печерському районі", "вул. Саперне поле, 5"),
        ("Я живу на Грушевського 9а, квартира 5.", "Грушевського 9а"),
        ("Моя тітка живе на Шевченка 12.", "Шевченка 12"),
    ],
)
def test_street_addresses(text: str, address: str) -> None:
    assert found(text).get(address) == "ADDRESS"


@pytest.mark.parametrize(
    "text",
    [
        "До Харкова 30 кілометрів.",
        "З Іванова 2 рази дзвонили.",
        "На Шевченка 20 км треба було йти пішки.",
    ],
)
def test_name_and_number_is_not_always_an_address(text: str) -> None:
    assert "ADDRESS" not in found(text).values()


# Ukrainian place names opening a sentence -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Бахмут обстрілювали щодня.", "Бахмут"),
        ("«Чечня входить до Російської Федерації».", "Чечня"),
        ("Покровськ евакуювали.", "Покровськ"),
        ("Ми виїхали. Мелітополь окупували першого ж тижня.", "Мелітополь"),
        ("Вони поїхали. Херсон звільнили в листопаді.", "Херсон"),
        ("Так було. Японія отримала цей досвід у 1945-му.", "Японія"),
    ],
)
def test_ukrainian_place_names_opening_a_sentence(text: str, place: str) -> None:
    assert found(text).get(place) == "LOCATION"


@pytest.mark.parametrize(
    "text",
    [
        "Війна прийшла в наше село. Це було страшно. Мама плакала.",
        "Надія прийшла пізно. Роман сказав, що все добре.",
        "Батьків не було вдома. Вони поїхали.",
        "Тоді ми сховалися. Потім стало тихо.",
        "Українська армія відступила.",
    ],
)
def test_ordinary_sentence_initial_words_are_not_places(text: str) -> None:
    assert found(text) == {}


def test_sentence_initial_rule_is_ukrainian_only() -> None:
    assert found("Бахмут обстреливали каждый день.", "ru") == {}


def test_mid_sentence_words_are_left_to_the_name_recogniser() -> None:
    assert found("Ми жили біля Бахмута.") == {}


# End to end -----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_redact_replaces_roads_regions_and_sentence_initial_places() -> None:
    text = (
        "Бахмут обстрілювали щодня. Ми їхали трасою М-15, потім по Н-02. "
        "Волинська та Харківська область прийняли біженців. Війна змінила все."
    )
    result, repl = replaced(text, "uk")
    for surface in ("Бахмут", "М-15", "Н-02"):
        assert surface in repl and surface not in result.text
    assert "Волинська та Харківська область" in result.text  # regions name nobody
    assert "Війна змінила все." in result.text
    assert "трасою" in result.text
