"""Dates written in words, read and written back in words: "третьего октября" moved by a week is
"десятого октября", "двадцять п'ятого березня" is "першого квітня", "the fifth of May" is
"the twelfth of May". The new ordinal takes the case, gender and number of the original through
pymorphy3; the month keeps its form (genitive or nominative) and casing; a year in digits is
moved, a year in words is kept as written (the offset is chosen to keep every date in its year).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from redaction.morph import analyzer
from redaction.recognizers.date import MONTHS
from redaction.recognizers.date_words import (
    NOMINATIVE_MONTHS,
    TENS,
    YEAR_TENS,
    ordinal_forms,
    ordinal_lemmas,
)
from redaction.text import match_casing

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*")
_APOSTROPHE = re.compile("['’ʼ`]")
_DIGIT_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class _Day:
    start: int
    end: int
    value: int
    joint: str  # what joins a compound's tens and unit ("двадцать пятого", "twenty-fifth")
    lemma: str  # of the unit ordinal
    word: str  # the unit ordinal as written
    written: str  # the whole day as written
    language: str


@dataclass(frozen=True, slots=True)
class WordDate:
    day: int
    month: int
    year: int | None
    render: Callable[[dt.date], str]


def _month(word: str) -> tuple[int, str, list[str]] | None:
    """(number, language, the month table it is from) of a month word."""
    low = word.lower()
    for table in (MONTHS, NOMINATIVE_MONTHS):
        for language, names in table.items():
            if low in names.split():
                return names.split().index(low) + 1, language, names.split()
    return None


def _days(surface: str, words: list[re.Match[str]], language: str) -> list[_Day]:
    forms = ordinal_forms(language)
    days: list[_Day] = []
    for i, w in enumerate(words):
        key = _APOSTROPHE.sub("'", w.group().lower()).replace("ё", "е")
        if key not in forms:
            continue
        value, lemma = forms[key]
        start, joint = w.start(), ""
        prev = words[i - 1] if i else None
        if prev and prev.group().lower() in TENS[language] and value < 10:
            value += 10 * (2 + TENS[language].index(prev.group().lower()))
            start, joint = prev.start(), surface[prev.end() : w.start()]
        if value <= 31:
            days.append(
                _Day(
                    start,
                    w.end(),
                    value,
                    joint,
                    lemma,
                    w.group(),
                    surface[start : w.end()],
                    language,
                )
            )
    return days


def parse(surface: str, reference_year: int) -> WordDate | None:
    """A date whose day is an ordinal in words next to a month word; None otherwise."""
    words = list(_WORD.finditer(surface))
    found = next(((w, _month(w.group())) for w in words if _month(w.group())), None)
    if found is None:
        return None
    month_word, (month, language, names) = found  # type: ignore[misc]
    all_days = _days(surface, words, language)
    # After the month a Slavic ordinal is the year ("января двадцать третьего года").
    days = [d for d in all_days if language == "en" or d.end <= month_word.start()]
    if not days:
        return None
    year = _year(surface[month_word.end() :], language) if language != "en" else None
    if language == "en" and _DIGIT_YEAR.search(surface, month_word.end()):
        year = int(_DIGIT_YEAR.search(surface, month_word.end()).group())  # type: ignore[union-attr]
    try:
        first = dt.date(year or reference_year, month, days[0].value)
    except ValueError:  # "тридцатого февраля"
        return None

    def render(date: dt.date) -> str:
        offset = date - first
        edits = [
            (d.start, d.end, _ordinal((dt.date(first.year, month, d.value) + offset).day, d))
            for d in days
        ]
        name = match_casing(names[date.month - 1], month_word.group())
        edits.append((month_word.start(), month_word.end(), name))
        digits = _DIGIT_YEAR.search(surface, month_word.end())
        if digits:
            edits.append((digits.start(), digits.end(), str(date.year)))
        out, last = [], 0
        for start, end, text in sorted(edits):
            out += [surface[last:start], text]
            last = end
        return "".join(out) + surface[last:]

    return WordDate(days[0].value, month, year, render)


_LAST_CENTURY = 40  # "сорокового года" and later tens without a century: the 1900s


def _year(rest: str, language: str) -> int | None:
    """The year after the month, in digits or in words ("двадцать третьего года" 2023,
    "восемьдесят восьмого года" 1988, "тисяча дев'ятсот дев'яносто першого року" 1991)."""
    digits = _DIGIT_YEAR.search(rest)
    if digits:
        return int(digits.group())
    units, tens = ordinal_forms(language), ordinal_forms(language, year_tens=True)
    cardinals = {w: 10 * n for n, w in enumerate(TENS[language], start=2)}
    cardinals |= {w: 10 * n for n, w in enumerate(YEAR_TENS[language].split(), start=4)}
    century, value = None, 0
    for w in _WORD.finditer(rest):
        key = _APOSTROPHE.sub("'", w.group().lower()).replace("ё", "е")
        if key.startswith("девятьсот") or key.startswith("дев'ятсот"):
            century = 1900
        elif key in ("тысячи", "тисячі"):
            century = 2000
        elif key in cardinals:
            value += cardinals[key]
        elif key in units or key in tens:
            value += (units.get(key) or tens[key])[0]
            if century is None:
                century = 1900 if value >= _LAST_CENTURY else 2000
            return century + value
    return None


def _ordinal(n: int, like: _Day) -> str:
    """The day `n` as an ordinal in words, in the grammatical form and casing of `like`."""
    language = like.language
    lemma = {v: w for w, v in ordinal_lemmas(language).items()}
    tens, unit = (n // 10, n % 10) if n > 20 and n % 10 else (0, n)
    word = _inflected(lemma[unit], like)
    apostrophe = _APOSTROPHE.search(like.word)
    if apostrophe:
        word = word.replace("'", apostrophe.group())
    if tens:
        word = TENS[language][tens - 2] + (like.joint or ("-" if language == "en" else " ")) + word
    if like.written[:1].islower() or like.written.isupper():
        return match_casing(word, like.written)
    return word[:1].upper() + word[1:]


def _inflected(lemma: str, like: _Day) -> str:
    """`lemma` in the case, gender and number of `like` (the lemma itself when pymorphy3 cannot
    say)."""
    if like.language == "en":
        return lemma
    morph = analyzer(like.language)
    source = next(
        (
            p
            for p in morph.parse(_APOSTROPHE.sub("'", like.word.lower()))
            if p.normal_form == like.lemma
        ),
        None,
    )
    target = next((p for p in morph.parse(lemma) if p.normal_form == lemma), None)
    if source is None or target is None:
        return lemma
    tag = source.tag
    wanted = {g for g in (tag.case, tag.animacy) if g}
    wanted.add("plur" if tag.number == "plur" else tag.gender or "masc")
    form = target.inflect(wanted) or target.inflect({g for g in wanted if g != tag.animacy})
    return form.word if form else lemma
