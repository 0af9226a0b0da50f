"""Exact dates written in words are found as one DATE span and shifted in words (issue: dates in
words), by the same offset as numeric dates of the text."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from redaction import redact
from redaction.recognizers.date_words import DateInWordsRecognizer
from redaction.surrogates.dates import parse, shifted

_RECOGNIZER = DateInWordsRecognizer()


def _found(text: str, language: str) -> list[str]:
    return [text[d.start : d.end] for d in _RECOGNIZER.analyze(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "date"),
    [
        ("Его задержали третьего октября у дома.", "ru", "третьего октября"),
        ("в ночь на двадцать пятое марта", "ru", "двадцать пятое марта"),
        (
            "Четырнадцатого января двадцать третьего года",
            "ru",
            "Четырнадцатого января двадцать третьего года",
        ),
        ("к тридцать первому декабря 2022 года", "ru", "тридцать первому декабря 2022 года"),
        ("с девятого на десятое декабря", "ru", "девятого на десятое декабря"),
        ("Це було двадцять п’ятого березня.", "uk", "двадцять п’ятого березня"),
        ("Двадцять сьомого лютого", "uk", "Двадцять сьомого лютого"),
        ("першого вересня 2023 року", "uk", "першого вересня 2023 року"),
        ("They came on the fifth of May.", "en", "the fifth of May"),
        ("It was May the fifth, late.", "en", "May the fifth"),
        ("on the twenty-first of June", "en", "the twenty-first of June"),
        (
            "the fourteenth of January, twenty twenty-three",
            "en",
            "the fourteenth of January, twenty twenty-three",
        ),
        # years before 2000 in words
        (
            "Родился он седьмого января восемьдесят восьмого года, ему тридцать шесть.",
            "ru",
            "седьмого января восемьдесят восьмого года",
        ),
        (
            "родилась пятого мая тысяча девятьсот семьдесят девятого года в Курске",
            "ru",
            "пятого мая тысяча девятьсот семьдесят девятого года",
        ),
        (
            "Брат народився дев'ятнадцятого січня дев'яносто першого року у селі.",
            "uk",
            "дев'ятнадцятого січня дев'яносто першого року",
        ),
        (
            "з дванадцятого квітня вісімдесятого року",
            "uk",
            "дванадцятого квітня вісімдесятого року",
        ),
        (
            "He was born on the first of September nineteen sixty-one and lived there.",
            "en",
            "the first of September nineteen sixty-one",
        ),
    ],
)
def test_a_day_in_words_with_its_month_is_one_date(text: str, language: str, date: str) -> None:
    assert _found(text, language) == [date]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Это было в октябре 2023 года.", "ru"),
        ("третий раз за март", "ru"),
        ("У березні двадцять третього року", "uk"),
        ("the first time in May", "en"),
    ],
)
def test_a_month_or_year_alone_stays_unmarked(text: str, language: str) -> None:
    assert _found(text, language) == []


@pytest.mark.parametrize(
    ("surface", "days", "expected"),
    [
        ("третьего октября", 7, "десятого октября"),
        ("третьему октября", 7, "десятому октября"),
        ("двадцать пятое марта", 7, "первое апреля"),
        ("Тридцатого апреля", -14, "Шестнадцатого апреля"),
        ("девятого на десятое декабря", 7, "шестнадцатого на семнадцатое декабря"),
        ("двадцять п'ятого березня", 7, "першого квітня"),
        ("двадцять п’ятого березня", -21, "четвертого березня"),
        ("першого вересня 2023 року", 28, "двадцять дев'ятого вересня 2023 року"),
        ("Чотирнадцятого листопада", 7, "Двадцять першого листопада"),
        ("fifth of May", 7, "twelfth of May"),
        ("May the fifth", -14, "April the twenty-first"),
        ("twenty-first of June", 28, "nineteenth of July"),
    ],
)
def test_a_date_in_words_moves_in_words_in_the_same_form(
    surface: str, days: int, expected: str
) -> None:
    assert shifted(surface, days) == expected


def test_an_impossible_day_is_not_read_as_a_date() -> None:
    assert parse("тридцатого февраля") is None
    assert shifted("тридцатого февраля", 7) is None


@pytest.mark.parametrize(
    ("surface", "year"),
    [
        ("седьмого января восемьдесят восьмого года", 1988),
        ("пятого мая тысяча девятьсот семьдесят девятого года", 1979),
        ("дев'ятнадцятого січня дев'яносто першого року", 1991),
        ("дванадцятого квітня вісімдесятого року", 1980),
        ("Четырнадцатого января двадцать третьего года", 2023),
    ],
)
def test_a_year_before_2000_in_words_is_read_and_kept(surface: str, year: int) -> None:
    parsed = parse(surface)
    assert parsed is not None and parsed.year == year
    moved = shifted(surface, 7)
    year_words = surface.split(surface.split()[1], 1)[1]
    assert moved is not None and moved != surface and moved.endswith(year_words)


def test_digit_ordinals_take_their_article() -> None:
    found = [
        (s.label, s.replacement)
        for s in redact("Since the 27th of October he does not answer.", "en").spans
    ]
    assert len(found) == 1 and found[0][0] == "DATE"
    assert re.fullmatch(r"the \d{1,2}(?:st|nd|rd|th) of [A-Z][a-z]+", found[0][1]), found


def test_a_year_in_words_is_read_and_kept_as_written() -> None:
    parsed = parse("Четырнадцатого января двадцать третьего года")
    assert parsed is not None and (parsed.day, parsed.month, parsed.year) == (14, 1, 2023)
    assert shifted("Четырнадцатого января двадцать третьего года", 7) == (
        "Двадцать первого января двадцать третьего года"
    )


@pytest.mark.parametrize(
    ("text", "language", "worded", "numeric"),
    [
        (
            "Мене затримали двадцять п’ятого березня 2022 року, а 02.04.2022 відпустили.",
            "uk",
            dt.date(2022, 3, 25),
            dt.date(2022, 4, 2),
        ),
        (
            "They took him on the fifth of May 2022 and released him on 12/05/2022.",
            "en",
            dt.date(2022, 5, 5),
            dt.date(2022, 5, 12),
        ),
        (
            "Его задержали третьего октября 2023 года, а 17.10.2023 отпустили.",
            "ru",
            dt.date(2023, 10, 3),
            dt.date(2023, 10, 17),
        ),
    ],
)
def test_words_and_digits_move_by_one_offset(
    text: str, language: str, worded: dt.date, numeric: dt.date
) -> None:
    spans = [s for s in redact(text, language).spans if s.label == "DATE"]
    assert len(spans) == 2
    moved = []
    for span in spans:
        parsed = parse(span.replacement)
        assert parsed is not None and parsed.year is not None, span.replacement
        moved.append(dt.date(parsed.year, parsed.month, parsed.day))
    assert not any(c.isdigit() for c in spans[0].replacement.split()[0])
    assert moved[0] - worded == moved[1] - numeric != dt.timedelta(0)
    assert moved[0] < moved[1]
