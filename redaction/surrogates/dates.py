"""Exact dates shifted, not drawn: every date of a testimony moves by the same number of days.

Dates drawn independently scramble a story (3 Oct, then 10 Oct, became 12 Aug, then 20 Jul) and
may land on another real date of the text. One offset per testimony keeps the order and every
interval ("two days later" stays true); a whole number of weeks keeps every weekday. Each date
keeps its own format: separators, zero padding, a two-digit year, the month as a word in the
text's language and casing, an English ordinal ending. A date without a year is shifted within
a reference year and written without one. A date in words is written back in words
(surrogates/date_words.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from random import Random

from redaction.recognizers.date import MONTHS
from redaction.surrogates import date_words
from redaction.text import match_casing

MAX_WEEKS = 8  # offsets of 1..8 weeks either way: far enough, still the same season
_REFERENCE_YEAR = 2001  # for dates written without a year (not a leap year: 29 Feb fails)
_NUMERIC = re.compile(r"(?P<d>\d{1,2})(?P<s1>[./])(?P<m>\d{1,2})(?P<s2>[./])(?P<y>\d{4}|\d{2})")
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
_DAY_MONTH = re.compile(
    r"(?P<d>\d{1,2})(?P<ord>-?(?:го|е|st|nd|rd|th))?(?P<mid>\s+(?:of\s+)?)(?P<mon>[^\W\d_]+\.?)"
    r"(?P<rest>.*)",
    re.DOTALL,
)
_MONTH_DAY = re.compile(
    r"(?P<mon>[^\W\d_]+\.?)(?P<mid>\s+)(?P<d>\d{1,2})(?P<ord>st|nd|rd|th)?(?P<rest>.*)", re.DOTALL
)
_YEAR_IN_REST = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class _Parsed:
    day: int
    month: int
    year: int | None
    render: object  # callable(date) -> str, closed over the original's format


_ARTICLE = re.compile(r"(?i)the\s+")


def parse(surface: str) -> _Parsed | None:
    """The day, month and (if written) year of an exact date, with a way to write another date
    in the same format; None for a format this module does not know. "the 5th of May" keeps
    its article."""
    article = _ARTICLE.match(surface.strip())
    if article:
        inner = parse(surface.strip()[article.end() :])
        if inner is None:
            return None
        render = inner.render
        return _Parsed(
            inner.day,
            inner.month,
            inner.year,
            lambda date: article.group() + render(date),  # type: ignore[operator]
        )
    for pattern, numeric in (
        (_NUMERIC, True),
        (_ISO, True),
        (_DAY_MONTH, False),
        (_MONTH_DAY, False),
    ):
        m = pattern.fullmatch(surface.strip())
        if m:
            parsed = _numeric(surface, m) if numeric else _worded(surface, m)
            if parsed and _valid(parsed):
                return parsed
    in_words = date_words.parse(surface.strip(), _REFERENCE_YEAR)
    if in_words is not None:
        parsed = _Parsed(in_words.day, in_words.month, in_words.year, in_words.render)
        if _valid(parsed):
            return parsed
    return None


def _valid(p: _Parsed) -> bool:
    try:
        dt.date(p.year or _REFERENCE_YEAR, p.month, p.day)
    except ValueError:
        return False
    return True


def _numeric(surface: str, m: re.Match[str]) -> _Parsed:
    groups = m.groupdict()
    year_text = groups["y"]
    year = int(year_text) + (2000 if len(year_text) == 2 and int(year_text) < 50 else 0)
    if len(year_text) == 2 and int(year_text) >= 50:
        year += 1900
    lead, trail = surface[: m.start()], surface[m.end() :]
    widths = {k: len(groups[k]) for k in ("d", "m", "y")}
    # "03.05" and "14.11" pad days and months to two digits; "3/10" does not.
    padded = (
        groups["d"].startswith("0")
        or groups["m"].startswith("0")
        or widths["d"] == 2 == widths["m"]
    )

    def render(date: dt.date) -> str:
        values = {
            "d": date.day,
            "m": date.month,
            "y": date.year % (100 if widths["y"] == 2 else 10_000),
        }
        text = m.group(0)
        for key in sorted(("d", "m", "y"), key=lambda k: m.start(k), reverse=True):
            value = str(values[key]).zfill(widths[key] if key == "y" or padded else 1)
            text = text[: m.start(key) - m.start()] + value + text[m.end(key) - m.start() :]
        return lead + text + trail

    return _Parsed(int(groups["d"]), int(groups["m"]), year, render)


def _month_of(word: str) -> tuple[int, str] | None:
    """(month number, language) of a month word or English abbreviation."""
    low = word.lower().rstrip(".")
    for language, months in MONTHS.items():
        for number, name in enumerate(months.split(), start=1):
            if low == name or (language == "en" and len(low) >= 3 and name.startswith(low)):
                return number, language
    return None


def _worded(surface: str, m: re.Match[str]) -> _Parsed | None:
    found = _month_of(m.group("mon"))
    if found is None:
        return None
    month, language = found
    rest = m.group("rest")
    year_match = _YEAR_IN_REST.search(rest)
    year = int(year_match.group()) if year_match else None
    word = m.group("mon")
    abbreviated = word.rstrip(".").lower() != MONTHS[language].split()[month - 1]

    def render(date: dt.date) -> str:
        name = MONTHS[language].split()[date.month - 1]
        if abbreviated:
            name = name[:3] + ("." if word.endswith(".") else "")
        name = match_casing(name, word)
        ordinal = m.group("ord") or ""
        if ordinal and language == "en":
            ordinal = _english_ordinal(date.day)
        day = str(date.day).zfill(2 if m.group("d").startswith("0") else 1)
        new_rest = rest
        if year_match:
            new_rest = rest[: year_match.start()] + str(date.year) + rest[year_match.end() :]
        if m.re is _DAY_MONTH:
            return f"{day}{ordinal}{m.group('mid')}{name}{new_rest}"
        return f"{name}{m.group('mid')}{day}{ordinal}{new_rest}"

    return _Parsed(int(m.group("d")), month, year, render)


def _english_ordinal(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def shifted(surface: str, days: int) -> str | None:
    """The date moved by `days`, in its own format; None if it cannot be read."""
    parsed = parse(surface)
    if parsed is None:
        return None
    base = dt.date(parsed.year or _REFERENCE_YEAR, parsed.month, parsed.day)
    return parsed.render(base + dt.timedelta(days=days))  # type: ignore[operator]


def _key(surface: str, days: int = 0) -> tuple[int, int, int | None] | None:
    parsed = parse(surface)
    if parsed is None:
        return None
    date = dt.date(parsed.year or _REFERENCE_YEAR, parsed.month, parsed.day) + dt.timedelta(
        days=days
    )
    return date.day, date.month, date.year if parsed.year else None


def choose_offset(real_dates: Iterable[str], rng: Random) -> int:
    """A whole number of weeks (1..MAX_WEEKS, either way) that moves no date of the text onto
    another real date of it, preferring one that keeps every date in its year."""
    dates = [d for d in real_dates if parse(d) is not None]
    real = {_key(d) for d in dates}
    offsets = [7 * k for k in range(-MAX_WEEKS, MAX_WEEKS + 1) if k]
    rng.shuffle(offsets)

    def clean(days: int) -> bool:
        return all(_key(d, days) not in real for d in dates)

    def same_year(days: int) -> bool:
        return all(
            (_key(d, days) or (0, 0, None))[2] == (_key(d) or (0, 0, None))[2] for d in dates
        )

    return next(
        (o for o in offsets if clean(o) and same_year(o)),
        next((o for o in offsets if clean(o)), offsets[0]),
    )
