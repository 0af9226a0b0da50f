"""Workplaces named by an abbreviation and a number go whole; codes of public things (aircraft,
vehicles, diseases, law articles) with the same shape stay."""

from __future__ import annotations

import pytest

from redaction.labels import ORGANIZATION, PERSON
from redaction.recognizers.org_code import OrganisationCodeRecognizer
from redaction.resolve import resolve
from redaction.types import Detection
from tests.redaction.conftest import replaced


def codes(text: str, language: str = "ru") -> list[str]:
    return [text[d.start : d.end] for d in OrganisationCodeRecognizer().analyze(text, language)]


@pytest.mark.parametrize(
    ("language", "text", "code"),
    [
        ("ru", "После школы он устроился слесарем в СМУ-14 и проработал там шесть лет.", "СМУ-14"),
        ("ru", "Мама работала кондуктором на АТП-5, пока её не уволили.", "АТП-5"),
        ("uk", "Батько працював на ДРСУ-3, а в неділю його забрали.", "ДРСУ-3"),
        ("uk", "Із ШУ-12 його забрали просто після зміни.", "ШУ-12"),
        ("en", "My brother worked nights at ATP-7 before he was mobilised.", "ATP-7"),
    ],
)
def test_workplace_codes_are_found_whole(language: str, text: str, code: str) -> None:
    assert codes(text, language) == [code]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Он работал на Су-34 штурманом, а потом на Ту-154."),  # aircraft: not all caps
        ("ru", "Механиком-водителем БТР-80 он стал в армии, до того работал дома."),
        ("ru", "На работе у всех был COVID-19, а его судили по ст. 337 УК РФ."),
        ("uk", "Після роботи він записався у Storm Z і отримав АК-74."),
        ("en", "He got COVID-19 at work and then joined Storm Z."),
        ("ru", "В СИЗО-1 его держали месяц, а в ПАТП-2 он никогда не был."),  # nobody works there
    ],
)
def test_public_codes_and_codes_outside_workplace_talk_stay(language: str, text: str) -> None:
    assert codes(text, language) == []


def test_an_abbreviation_ner_calls_an_organisation_takes_its_number() -> None:
    text = "Он был механиком в ЛПУ-4, а Мі-8 видел только в кино."
    start = text.index("ЛПУ")
    helicopter = text.index("Мі")
    found = resolve(
        text,
        [
            Detection(start, start + 3, ORGANIZATION, 0.8, "ner"),
            Detection(helicopter, helicopter + 2, PERSON, 0.8, "ner"),  # a person keeps its end
        ],
    )
    assert [text[d.start : d.end] for d in found] == ["ЛПУ-4", "Мі"]


@pytest.mark.usefixtures("warm")
@pytest.mark.parametrize(
    ("language", "text", "code"),
    [
        ("ru", "Повестку принесли прямо на работу, в ПАТП-3, он там диспетчером был.", "ПАТП-3"),
        ("uk", "Він раніше в АТП-20417 механіком працював.", "АТП-20417"),
        ("en", "She worked as a cashier at DRSU-9 until the raid.", "DRSU-9"),
    ],
)
def test_workplace_code_is_replaced_without_its_number(language: str, text: str, code: str) -> None:
    result, found = replaced(text, language)
    assert code in found
    number = code.split("-")[1]
    assert number not in result.text


@pytest.mark.usefixtures("warm")
def test_public_brand_keeps_its_model_number() -> None:
    """The code shape after "на" in workplace talk is found; the keep list's brand takes it."""
    result, _ = replaced("На работу в ДРСУ-2 он ездил на ГАЗ-66.", "ru")
    assert "ГАЗ-66" in result.text
    assert "ДРСУ-2" not in result.text
