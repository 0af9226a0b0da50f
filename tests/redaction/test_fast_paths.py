"""Shortcuts taken for speed must find exactly what the straightforward search finds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redaction.recognizers import RECOGNIZERS, self_named, slavic_places
from redaction.recognizers.base import PatternRecognizer, lowercase_pattern
from redaction.recognizers.callsign import CallsignRecognizer
from redaction.recognizers.first_chars import compile_scanning, first_chars
from redaction.recognizers.phone import REGIONS, library_matches

_DATA = Path(__file__).resolve().parents[1] / "data"
_TESTIMONIES = [
    doc["text"]
    for path in sorted(_DATA.glob("testimonies*.json"))
    for doc in json.loads(path.read_text(encoding="utf-8"))
]


def whole_text_matches(text: str) -> list[tuple[int, int]]:
    return sorted(
        {
            (m.start, m.end)
            for region in REGIONS
            for m in phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.VALID)
        }
    )


_PHONE_PIECES = st.sampled_from(
    [
        "+7 916 123-45-67",
        "8 (916) 123-45-67",
        "+380 67 123 4567",
        "030 1234567",
        "+49 30 1234567 ext. 12",
        "доб. 345",
        "12.03.2014",
        "2014",
        "120",
        "5",
        " ",
        "-",
        "(",
        "\n",
        "тел. ",
        "call ",
        "x",
        "a",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PHONE_PIECES, max_size=30).map("".join))
def test_phone_search_near_digit_runs_matches_whole_text_search(text: str) -> None:
    assert library_matches(text) == whole_text_matches(text)


@pytest.mark.parametrize("index", range(len(_TESTIMONIES)))
def test_phone_search_matches_whole_text_search_on_testimonies(index: int) -> None:
    text = _TESTIMONIES[index]
    assert library_matches(text) == whole_text_matches(text)


def test_a_short_german_number_is_still_found() -> None:
    """Germany allows numbers of a few digits; they must not fall under the digit threshold."""
    text = "Festnetz: 030 12345, bitte."
    assert library_matches(text) == whole_text_matches(text) != []


def _case_insensitive_patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    return [
        (type(r).__name__, exact, folded)
        for r in RECOGNIZERS
        if isinstance(r, PatternRecognizer)
        for exact, folded, _ in r._compiled
        if folded is not None
    ]


_MIXED_CASE = st.sampled_from(
    [
        "ПОЗЫВНОЙ ",
        "Позивний ",
        "Callsign ",
        "«Бес»",
        "Школа № 5",
        "ЛІКАРНЯ №2",
        "в/ч ",
        "В/Ч ",
        "А1234",
        "a1234",
        "Military Unit 41450",
        "12 МАРТА 1995",
        "3 March 1990",
        "Ivan@Mail.RU",
        "WWW.Example.COM",
        "@Ivan_P",
        "Кв. 12",
        "Apt. 3",
        " ",
        ", ",
        "\n",
        "Ёлки",
        "İstanbul",
    ]
)
_PLACE_PIECES = st.sampled_from(
    [
        "в селі Лука",
        "В СЕЛІ Лука",
        "село «Калинівка»",
        "СЕЛО «Калинівка»",
        "на Грушевського 9",
        "До Покровська",
        "з Маріуполя",
        "Меня зовут Сергей",
        "МЕНЯ ЗОВУТ Сергей",
        "my name is Ivan",
        "Нова Каховка",
        "траса М-15",
        "ДНР",
    ]
)


def _lowered_matches_case_insensitive(text: str) -> None:
    for name, exact, folded in _case_insensitive_patterns():
        expected = [m.span() for m in exact.finditer(text)]
        assert [m.span() for m in folded.finditer(text.lower())] == expected, name


@settings(max_examples=200, deadline=None)
@given(st.lists(_MIXED_CASE, max_size=12).map("".join))
def test_lower_cased_matching_equals_case_insensitive_matching(text: str) -> None:
    if len(text.lower()) != len(text):
        return  # "İ" lower-cases to two characters: the recogniser uses the exact pattern
    _lowered_matches_case_insensitive(text)


@pytest.mark.parametrize("index", range(len(_TESTIMONIES)))
def test_lower_cased_matching_equals_case_insensitive_matching_on_testimonies(index: int) -> None:
    _lowered_matches_case_insensitive(_TESTIMONIES[index])


def test_lower_casing_a_pattern_keeps_escapes_and_group_names() -> None:
    assert lowercase_pattern(r"(?P<Value>[A-ZА-Я]\W\S+)(?P=Value)\D No\.") == (
        r"(?P<Value>[a-zа-я]\W\S+)(?P=Value)\D no\."
    )


def test_text_whose_lower_case_is_longer_still_matches_in_place() -> None:
    """ "İ" lower-cases to two characters; offsets must still point into the original text."""
    text = "İSTANBUL. Позывной «Бес»."
    assert [text[d.start : d.end] for d in CallsignRecognizer().analyze(text, "ru")] == ["Бес"]


_SCANNING = re.compile(r"\(\?=(?:\[.*?\]|\(\?i:\[.*?\]\))\)\(\?:(?P<regex>.*)\)", re.S)


def _as_written(compiled: re.Pattern[str]) -> str:
    """The source of a module-level pattern, without the lookahead compile_scanning put in front."""
    m = _SCANNING.fullmatch(compiled.pattern)
    return m.group("regex") if m else compiled.pattern


def _all_patterns() -> list[tuple[str, str, int]]:
    """(owner, pattern as written, flags) for every recogniser pattern in both forms, and for
    the whole-text patterns of the place and self-introduction recognisers."""
    out = []
    for r in RECOGNIZERS:
        if isinstance(r, PatternRecognizer):
            for p in r.patterns:
                out.append((type(r).__name__, p.regex, p.flags))
                if p.flags & re.IGNORECASE:
                    out.append((type(r).__name__, lowercase_pattern(p.regex), p.flags & ~re.I))
    for module in (slavic_places, self_named):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and value.pattern.startswith("(?="):
                out.append((name, _as_written(value), value.flags))
    return out


def _scanning_matches_as_written(text: str) -> None:
    for name, regex, flags in _all_patterns():
        expected = [m.span() for m in re.finditer(regex, text, flags)]
        assert [m.span() for m in compile_scanning(regex, flags).finditer(text)] == expected, name


@pytest.mark.parametrize("index", range(len(_TESTIMONIES)))
def test_scanning_patterns_match_what_the_patterns_match(index: int) -> None:
    _scanning_matches_as_written(_TESTIMONIES[index])


@settings(max_examples=200, deadline=None)
@given(st.lists(_MIXED_CASE | _PHONE_PIECES | _PLACE_PIECES, max_size=12).map("".join))
def test_scanning_patterns_match_what_the_patterns_match_on_fragments(text: str) -> None:
    _scanning_matches_as_written(text)


def test_module_patterns_are_covered_by_the_equivalence_tests() -> None:
    written = {name: regex for name, regex, _ in _all_patterns()}
    for name in ("_SETTLEMENT_NOUN", "_QUOTED_SETTLEMENT", "_BARE_STREET", "_INTRO"):
        assert not written[name].startswith("(?="), name  # compared as written, not prefixed


@pytest.mark.parametrize(
    ("regex", "expected"),
    [
        (r"(?<!\w)\d+", r"[\d]"),
        (r"\b(?:unit|військов)\s", "[uв]"),
        (r"a?b", "[ab]"),
        (r"(?:no\.?\s*)?[А-Я]", "[nА-Я]"),
        (r"[\]-]x", r"[\]\-]"),
        (r"(?i:ab)", "(?i:[a])"),
        (r"(?<!\w)(?i:ул\.|вул\.)", "(?i:[ув])"),
    ],
)
def test_first_characters_of_a_pattern(regex: str, expected: str) -> None:
    assert first_chars(regex) == expected


@pytest.mark.parametrize("regex", [r"a*", r"[^a]x", r".x", r"(?:a|)b", r"(?=a)"])
def test_no_first_characters_where_they_are_unclear(regex: str) -> None:
    assert first_chars(regex) is None


_REQUIRING = [
    (type(r).__name__, re.compile(p.regex, p.flags), p.requires)
    for r in RECOGNIZERS
    if isinstance(r, PatternRecognizer)
    for p in r.patterns
    if p.requires
]
_ADDRESS_PIECES = st.sampled_from(
    [
        "Apt. 3",
        "квартира 5",
        "кв. 7",
        "ivan@mail.ru",
        "@ivan_p",
        "www.site.com",
        "https://vk.com/x",
        "5 Lenin Street",
        "Lenin St. 5",
        "on Chistopolskaya 19",
        "school No. 5",
        "школа №5",
        "military unit 41450",
        "Unit 3057",
        " ",
        ", ",
    ]
)


def _only_where_required(text: str) -> None:
    lowered = text.lower()
    for name, regex, requires in _REQUIRING:
        if regex.search(text):
            assert any(r in lowered for r in requires), (name, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ADDRESS_PIECES | _MIXED_CASE, max_size=10).map("".join))
def test_patterns_match_only_texts_holding_what_they_require(text: str) -> None:
    _only_where_required(text)


@pytest.mark.parametrize("index", range(len(_TESTIMONIES)))
def test_patterns_match_only_testimonies_holding_what_they_require(index: int) -> None:
    _only_where_required(_TESTIMONIES[index])


@pytest.mark.parametrize(
    ("language", "spellings"),
    [
        ("uk", ["Андрій", "андрій", "АНДРІЙ"]),
        ("ru", ["Ёлка", "ёлка"]),
        ("uk", ["Мар’яна", "мар'яна"]),
    ],
)
def test_every_spelling_of_a_word_shares_one_analysis(language: str, spellings: list[str]) -> None:
    """Capitals and apostrophe variants are analysed once, and get what each would alone."""
    from redaction import morph

    first = morph.parses(language, spellings[0])
    assert first
    assert all(morph.parses(language, s) is first for s in spellings[1:])
    alone = morph.analyzer(language).parse(spellings[1].lower().replace("’", "'"))
    assert [(p.word, str(p.tag), p.normal_form) for p in first] == [
        (p.word, str(p.tag), p.normal_form) for p in alone
    ]
