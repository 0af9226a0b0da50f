"""Pattern recognisers in isolation: no NER model involved."""

from __future__ import annotations

import pytest

from redaction.recognizers import recognizers_for
from redaction.recognizers.address import AddressRecognizer
from redaction.recognizers.callsign import CallsignRecognizer
from redaction.recognizers.date import DateRecognizer
from redaction.recognizers.email import EmailRecognizer
from redaction.recognizers.handle import HandleRecognizer
from redaction.recognizers.id_number import IdNumberRecognizer
from redaction.recognizers.military_unit import MilitaryUnitRecognizer
from redaction.recognizers.phone import PhoneRecognizer
from redaction.recognizers.plate import PlateRecognizer
from redaction.recognizers.url import UrlRecognizer


def found(recognizer: object, text: str, language: str = "ru") -> list[str]:
    return [text[d.start : d.end] for d in recognizer.analyze(text, language)]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Звоните: +7 916 123-45-67, вечером.", "+7 916 123-45-67"),
        ("мой номер +380 67 123 4567", "+380 67 123 4567"),
        ("тел. 8 (916) 123-45-67", "8 (916) 123-45-67"),
        ("call +44 20 7946 0958 please", "+44 20 7946 0958"),
        ("Білоруський номер +375 29 123-45-67.", "+375 29 123-45-67"),
    ],
)
def test_phone_numbers_from_several_regions(text: str, expected: str) -> None:
    assert expected in found(PhoneRecognizer(), text)


def test_phone_ignores_years_and_short_numbers() -> None:
    assert found(PhoneRecognizer(), "В 2022 году нас было 120 человек.") == []


def test_email_url_and_handles() -> None:
    text = "Пишите ivan.petrov@gmail.com или в t.me/ivanp, https://vk.com/id123 и @ivan_p."
    assert found(EmailRecognizer(), text) == ["ivan.petrov@gmail.com"]
    assert set(found(UrlRecognizer(), text)) >= {"t.me/ivanp", "https://vk.com/id123"}
    assert found(HandleRecognizer(), text) == ["@ivan_p"]


def test_handle_is_not_the_domain_of_an_email() -> None:
    assert found(HandleRecognizer(), "ivan@mail.ru") == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("служил в в/ч 12345 под Курском", "12345"),
        ("приписан к в/ч А-1234", "А-1234"),
        ("військова частина А1234 стояла тут", "А1234"),
        ("he served in military unit 41450 for a year", "41450"),
        ("our unit 3057 moved", "3057"),
        ("воевал в 155-й бригаде морской пехоты", "155-й"),
        ("служив у 72-й окремій механізованій бригаді", "72-й"),
        ("he served in the 24th brigade", "24th"),
    ],
)
def test_military_units_replace_the_number_and_its_ending(text: str, number: str) -> None:
    assert number in found(MilitaryUnitRecognizer(), text)


@pytest.mark.parametrize(
    ("text", "callsign"),
    [
        ("его позывной «Бес», он командир", "Бес"),
        ("позивний Грім, родом з Полтави", "Грім"),
        ('his callsign was "Yankee" back then', "Yankee"),
        ("a man with call sign Wolf came", "Wolf"),
        ("позывной у него был Кедр.", "Кедр"),
    ],
)
def test_callsigns_follow_their_trigger_word(text: str, callsign: str) -> None:
    assert found(CallsignRecognizer(), text) == [callsign]


def test_callsign_trigger_without_a_name_finds_nothing() -> None:
    assert found(CallsignRecognizer(), "позывной у него") == []


def test_passport_and_service_numbers_need_context() -> None:
    text = "Паспорт 4506 123456 выдан в 2010. Посёлок 123456 жителей."
    assert found(IdNumberRecognizer(), text) == ["4506 123456"]
    assert found(IdNumberRecognizer(), "паспорт серии АА № 123456") == ["АА № 123456"]
    assert found(IdNumberRecognizer(), "військовий квиток АВ 123456") == ["АВ 123456"]


def test_vehicle_plates_ru_and_ua() -> None:
    text = "Машина А123ВС 77 и вторая АА 1234 ВВ стояли рядом, а ещё ВАЗ 2107."
    assert found(PlateRecognizer(), text) == ["А123ВС 77", "АА 1234 ВВ"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Жили на ул. Ленина, д. 5, кв. 12 до войны", "ул. Ленина, д. 5, кв. 12"),
        ("мешкали на вулиці Шевченка 10", "вулиці Шевченка 10"),
        ("she lives at 5 Lenin Street, apt. 3 now", "5 Lenin Street, apt. 3"),
    ],
)
def test_street_addresses(text: str, address: str) -> None:
    assert address in found(AddressRecognizer(), text)


def test_address_needs_a_capitalised_street_name() -> None:
    assert found(AddressRecognizer(), "по улицам гулял зябкий ветер") == []


@pytest.mark.parametrize(
    ("text", "date", "language"),
    [
        ("родился 12.03.1995 в Курске", "12.03.1995", "ru"),
        ("народився 5 травня 1990 року", "5 травня 1990 року", "uk"),
        ("born on 12 March 1995 in Kursk", "12 March 1995", "en"),
        ("born March 12, 1995 in Kursk", "March 12, 1995", "en"),
        ("в ночь на 24 февраля", "24 февраля", "ru"),
    ],
)
def test_exact_dates(text: str, date: str, language: str) -> None:
    assert found(DateRecognizer(), text, language) == [date]


def test_month_and_year_alone_is_not_an_exact_date() -> None:
    assert found(DateRecognizer(), "в марте 2022 года и в 2023") == []
    assert found(DateRecognizer(), "версия 1.2.3 и счёт 35.13.2020") == []


def test_registry_serves_every_language() -> None:
    for language in ("en", "ru", "uk"):
        names = {type(r).__name__ for r in recognizers_for(language)}
        assert {"NerRecognizer", "NameRecognizer", "PhoneRecognizer", "DateRecognizer"} <= names


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("The case originated in an application (no. 10424/05) against Turkey", "10424/05"),
        ("по делу № 1-234/2022 суд назначил", "1-234/2022"),
    ],
)
def test_case_and_file_numbers(text: str, number: str) -> None:
    assert found(IdNumberRecognizer(), text) == [number]


def test_school_year_is_not_a_case_number() -> None:
    assert found(IdNumberRecognizer(), "в 2022/23 учебном году") == []


def test_numbered_institutions() -> None:
    from redaction.recognizers.facility import FacilityRecognizer

    text = "учитель в школе № 2, мама в больнице №3, брат в СИЗО-1, а я в School No. 12"
    assert found(FacilityRecognizer(), text) == ["№ 2", "№3", "СИЗО-1", "No. 12"]


@pytest.mark.parametrize(
    "code", ["ИК-6", "ІК-10", "ік-10", "SIZO-1", "sizo-2", "IK-15", "СІЗО № 2", "ИВС-3"]
)
def test_detention_facility_codes_go_whole(code: str) -> None:
    from redaction.recognizers.facility import FacilityRecognizer

    assert found(FacilityRecognizer(), f"его держали в {code}, потом в ИВС") == [code]


def test_quoted_names_but_not_quoted_speech() -> None:
    from redaction.recognizers.quoted import QuotedNameRecognizer

    text = "его зам «Малой», юристка «Право на захист», а он сказал: «Тут теперь Россия, привыкай»"
    labels = {text[d.start : d.end]: d.label for d in QuotedNameRecognizer().analyze(text, "ru")}
    assert labels == {"Малой": "CALLSIGN", "Право на захист": "ORGANIZATION"}
