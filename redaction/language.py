"""Language identification for en/ru/uk, per paragraph so that mixed ru/uk testimonies work.

Lingua (restricted to the three languages) decides paragraphs long enough to judge; short ones
fall back on letters that only one of the languages uses, then on their neighbours.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING

from redaction.text import safe_text
from redaction.translit import latin_language

if TYPE_CHECKING:
    from lingua import LanguageDetector

_PARAGRAPH = re.compile(r"[^\n]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_MIN_LETTERS_FOR_LINGUA = 25


@cache
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.RUSSIAN, Language.UKRAINIAN
    ).build()


def _detect_paragraph(text: str) -> tuple[str | None, bool]:
    """(language, confident): Latin script is English unless it reads as transliterated Russian
    or Ukrainian; Cyrillic goes to lingua or to letters."""
    cyr, lat = len(_CYRILLIC.findall(text)), len(_LATIN.findall(text))
    if not cyr and not lat:
        return None, False
    confident = cyr + lat >= _MIN_LETTERS_FOR_LINGUA
    if lat > cyr:
        return latin_language(text) or "en", confident
    uk, ru = len(_UK_ONLY.findall(text)), len(_RU_ONLY.findall(text))
    if not confident and uk != ru:
        return ("uk" if uk > ru else "ru"), False
    from lingua import Language

    scores = {c.language: c.value for c in _detector().compute_language_confidence_values(text)}
    return (
        "uk" if scores.get(Language.UKRAINIAN, 0) > scores.get(Language.RUSSIAN, 0) else "ru"
    ), confident


def segments(text: str) -> list[tuple[int, int, str]]:
    """Split into (start, end, language) runs of paragraphs; short ones join their neighbour."""
    clean = safe_text(text)
    paragraphs = [(m.start(), *_detect_paragraph(m.group())) for m in _PARAGRAPH.finditer(clean)]
    weights: Counter[str] = Counter()
    for _start, lang, confident in paragraphs:
        if lang:
            weights[lang] += 10 if confident else 1
    dominant = weights.most_common(1)[0][0] if weights else "en"
    runs: list[tuple[int, str]] = []
    for start, lang, confident in paragraphs:
        if not confident or lang is None:
            lang = runs[-1][1] if runs else dominant
        if not runs or runs[-1][1] != lang:
            runs.append((start if runs else 0, lang))
    if not runs:
        return [(0, len(text), dominant)]
    ends = [s for s, _ in runs[1:]] + [len(text)]
    return [(s, e, lang) for (s, lang), e in zip(runs, ends, strict=True)]


def detect_language(text: str) -> str:
    """The language ("en", "ru" or "uk") covering most of the text."""
    weights: Counter[str] = Counter()
    for start, end, lang in segments(text):
        weights[lang] += end - start
    return weights.most_common(1)[0][0]
