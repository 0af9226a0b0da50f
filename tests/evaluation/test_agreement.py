"""The evaluation's check of Russian/Ukrainian surrogates against their sentence."""

from __future__ import annotations

from dataclasses import dataclass

from redaction.evaluation.agreement import Agreement, check_document, fits
from redaction.evaluation.model import LOCATION, PERSON, Document, Mention


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    label: str
    replacement: str


@dataclass(frozen=True)
class _Redaction:
    text: str
    spans: tuple[_Span, ...]


def test_case_gender_and_preposition_decide() -> None:
    assert fits("ru", "Марине", "Ольге", "думаем о ", True)
    assert not fits("ru", "Марине", "Антон", "думаем о ", True)  # «о Марине» -> «о Антон»
    assert not fits("ru", "Андрей", "Галина", "сын ", True)  # gender lost
    assert fits("uk", "Соледаром", "Ніжином", "під ", False)
    assert fits("ru", "Kvakenbush", "Иванов", "", True) is None  # nothing to compare


def test_document_counts_grammar_and_kind_per_language() -> None:
    text = "Я видела Марину под Соледаром."
    doc = Document(
        "d1",
        "ru",
        text,
        [
            Mention(9, 15, PERSON, "Марину"),
            Mention(20, 29, LOCATION, "Соледаром"),
        ],
    )
    redaction = _Redaction(
        "…",
        (_Span(9, 15, PERSON, "Ольгу"), _Span(20, 29, PERSON, "Виктором")),
    )
    agreement = Agreement()
    agreement.add(check_document(doc, redaction))
    assert agreement.share("ru") == (2, 2)
    assert agreement.share("ru", kind=True) == (1, 2)  # a place became a person
    assert agreement.share("uk") == (0, 0)


def test_correct_surrogates_the_dictionary_misreads_are_accepted() -> None:
    # Indeclinable as written: the surrogate takes the case the preposition governs.
    assert fits("ru", "Котельниково", "Углича", "сам он из ", False)
    assert not fits("ru", "Котельниково", "Углич", "сам он из ", False)
    # After a preposition a place's number is its own.
    assert fits("ru", "Дюртюлях", "Каргополе", "работает в ", False)
    assert not fits("ru", "Дюртюлях", "Каргополь", "работает в ", False)
    # Surnames the dictionary does not know, or reads as a plural first name, by their ending.
    assert fits("ru", "Костя Рыбин", "Влад Ефимов", "его друг, ", True)
    assert not fits("ru", "Костя Рыбин", "Влад Ефимова", "его друг, ", True)
    assert fits("ru", "Исмаилов", "Волков", "некий ", True)
    assert not fits("ru", "Исмаилов", "Волкова", "некий ", True)
    # A quoted callsign is cited in the nominative.
    assert fits("ru", "Малой", "Сокол", "позывной «", False)
    assert not fits("ru", "Малой", "Соколами", "позывной «", False)


def test_a_name_after_a_settlement_noun_is_judged_by_its_own_case() -> None:
    assert fits("ru", "посёлок Победа", "посёлок Тотьма", "из Мирного в ", False)
    assert not fits("ru", "посёлок Победа", "посёлок Тотьме", "из Мирного в ", False)
    assert fits("ru", "ВАРНА", "ТОТЬМА", "из ЧЕБАРКУЛЯ и с. ", False)  # «с.» is no preposition
    assert fits("ru", "кстово", "вязьмой", "это под ", False)  # undeclined as written
    assert not fits("ru", "кстово", "вязьмы", "это под ", False)


def test_a_region_tail_is_not_what_the_town_agrees_with() -> None:
    mention = "Г. НОВОХОПЁРСК ВОРОНЕЖСКОЙ ОБЛАСТИ"
    assert fits("ru", mention, "Г. КИНЕШМА", "1997 Г.Р., ", False)
    assert not fits("ru", mention, "Г. КИНЕШМЫ", "1997 Г.Р., ", False)
