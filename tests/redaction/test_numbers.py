"""Numbers and IDs: postcodes, personal and tax numbers, letter numbers with slashes, Latin
unit cues, lower-case plates; a number found once goes everywhere, in follow-ups too."""

from __future__ import annotations

import pytest

from redaction import Memory
from redaction.recognizers.id_number import IdNumberRecognizer
from redaction.recognizers.military_unit import MilitaryUnitRecognizer
from redaction.recognizers.plate import PlateRecognizer
from redaction.recognizers.postcode import PostcodeRecognizer
from tests.redaction.conftest import replaced
from tests.redaction.test_recognizers import found


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("проживающей по адресу: 627750, Тюменская обл., г. Ишим", "627750"),
        ("8 Shkilna Street, Bilozerka, Kherson Oblast, 75014, Ukraine", "75014"),
        ("вул. Садова, 17, м. Нова Одеса, Миколаївська обл., 56602, паспорт", "56602"),
        ("Salsk, Rostov Oblast, 347630. On 17 March", "347630"),
        ("поштовий індекс 81100", "81100"),
    ],
)
def test_postcodes_in_addresses_and_after_a_cue(text: str, code: str) -> None:
    assert found(PostcodeRecognizer(), text) == [code]


@pytest.mark.parametrize(
    "text",
    ["заплатили 150000, потом ещё", "в Ростовской области 200000 человек.", "рейс 12345, вылет"],
)
def test_sums_and_counts_are_no_postcodes(text: str) -> None:
    assert found(PostcodeRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("ИНН 615301847265, зарегистрирована", "615301847265"),
        ("РНОКПП 3012345678", "3012345678"),
        ("taxpayer number (INN) 616814952307;", "616814952307"),
        ("personal number Zh-339145;", "Zh-339145"),
        ("жетон AK-123456", "AK-123456"),
        ("the number on his tag is 8742 6619 my", "8742 6619"),
        ("паспорт серии 40 22 № 915380", "40 22 № 915380"),
        ("військовий квиток АА 1234567", "АА 1234567"),
        ("лист вих. № 12/3 від", "12/3"),
        ("ответ № 3/14-2271 получен", "3/14-2271"),
    ],
)
def test_personal_tax_and_letter_numbers(text: str, number: str) -> None:
    assert number in found(IdNumberRecognizer(), text)


def test_unit_cue_in_latin_letters() -> None:
    text = "sluzhil v v/ch 12676 v Kamenke, nasha chast v/ch. 91711"
    assert found(MilitaryUnitRecognizer(), text) == ["12676", "91711"]


def test_lower_case_ukrainian_plate() -> None:
    assert found(PlateRecognizer(), "сіру шкоду номер ар 7719 ек", "uk") == ["ар 7719 ек"]


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_a_number_found_once_goes_everywhere_and_in_follow_ups() -> None:
    text = "Служил в в/ч 12345. Потом 12345 перевели. Жетон AK-123456, снова AK 123456."
    result, repl = replaced(text, "ru")
    for secret in ("12345", "123456"):
        assert secret not in result.text
    assert {s.label for s in result.spans if text[s.start : s.end] == "12345"} == {"MILITARY_UNIT"}
    follow_up, _ = replaced(
        "Вчера опять видел ребят из 12345.", "ru", memory=Memory.from_json(result.memory.to_json())
    )
    assert "12345" not in follow_up.text and repl["12345"] in follow_up.text


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
@pytest.mark.parametrize(
    ("text", "code", "language"),
    [
        ("Он сидел в ИК-6, потом его перевели.", "ИК-6", "ru"),
        ("I was doing eight years in IK-6 when the recruiters came.", "IK-6", "en"),
        ("бачив деню в ік-10 в мордовії", "ік-10", "uk"),
    ],
)
def test_detention_facility_goes_whole_with_a_code_of_the_same_kind(
    text: str, code: str, language: str
) -> None:
    result, repl = replaced(text, language)
    assert code in repl and code not in result.text
    letters = "".join(c for c in code if c.isalpha())
    assert repl[code].startswith(letters) and repl[code] != code


def test_a_dotted_date_is_no_phone_number() -> None:
    from redaction.recognizers.phone import PhoneRecognizer

    assert found(PhoneRecognizer(), "дата народження 03.02.2023, тел. +380 67 412 90 35") == [
        "+380 67 412 90 35"
    ]


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_names_of_identifiers_are_never_replaced_as_names() -> None:
    text = "Паспорт (ID-картка) № 003941726, РНОКПП 3104518862, телефон +380 66 418 27 90."
    result, repl = replaced(text, "uk")
    assert "ID-картка" in result.text and "РНОКПП" in result.text
    assert "003941726" in repl and "3104518862" in repl
