"""Fail-closed residual pass: what still looks identifying after detection is replaced too.

Recognisers find what they were written for; a name nobody foresaw ("Kettle" from Amur, a
village no list has) would otherwise pass. After detection, keep list and consistency, every
word still readable is looked at once more:

* a capitalised word inside a sentence that no dictionary knows as an ordinary word
  (pymorphy3 for Russian and Ukrainian; for English and Latin-script words, `wordfreq`'s
  frequency list) or that the dictionary reads as a name or a place;
* a run of four or more digits that is not a year, a time or a quantity ("40000 рублей").

Public names (keep list, policy terms), ALL-CAPS words (abbreviations; ALL-CAPS text is the
truecaser's) and sentence openings stay. A hit becomes a surrogate of the likeliest kind:
a place after a place preposition or with a place reading, a person otherwise, an ID for
digits. This costs some over-masking (an unknown brand or a foreign word); the evaluation
measures it with and without this pass (``--no-residual``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache

from redaction import keep, morph
from redaction.frequency import zipf
from redaction.labels import ID, LOCATION, ORGANIZATION, PERSON
from redaction.placewords import STRONG_PLACE_PREPOSITIONS
from redaction.recognizers.id_number import is_identifier_word
from redaction.recognizers.names import english_first_names
from redaction.text import is_sentence_start, words
from redaction.types import Detection

SOURCE = "residual"
_SCORE = 0.5
_ORDINARY_ZIPF = 3.0  # wordfreq: about once per million words or more
_MIN_DIGITS = 4
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_PLACE_BEFORE = STRONG_PLACE_PREPOSITIONS | {"in", "near", "from", "at", "to", "у", "з", "до"}
_DIGITS = re.compile(r"(?<![\w.,:/+-])\d+(?:[ -]\d+)*(?![\w/]|[.,:]\d)")
_TIME_OR_YEAR = re.compile(r"(?:19|20)\d\d|\d{1,2}[:.]\d\d")
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox"})
_EN_UNITS = frozenset({"km", "kg", "m", "people", "men", "euro", "hryvnia", "hryvnias"})


@lru_cache(maxsize=100_000)
def _english_ordinary(word: str) -> bool:
    lower = word.lower()
    if lower in english_first_names():
        return False
    return zipf(lower, "en") >= _ORDINARY_ZIPF


@lru_cache(maxsize=100_000)
def _reading(language: str, word: str) -> str | None:
    """PERSON or LOCATION when the word looks identifying, None when it is ordinary."""
    if language == "en" or not _CYRILLIC.search(word):
        return None if _english_ordinary(word) else PERSON
    parses = morph.parses(language, word)
    tags = [morph.tags_of(p) for p in parses]
    if any("Geox" in t for t in tags):
        return LOCATION
    if any(t & _NAME_TAGS for t in tags):
        return PERSON
    return None if any(p.is_known for p in parses) else PERSON


def _is_public(language: str, word: str, terms: Collection[str]) -> bool:
    if word.lower() in terms:
        return True
    return any(keep.is_public(language, word, label) for label in (LOCATION, ORGANIZATION, PERSON))


def _next_word_is_a_quantity_noun(text: str, end: int, language: str) -> bool:
    """ "40000 рублей", "1500 metres", "2000 people": a quantity, not an identifier."""
    following = words(text[end : end + 30], english=language == "en")
    if not following or text[end : end + following[0].start].strip():
        return False
    word = following[0].text
    if language == "en" or not _CYRILLIC.search(word):
        lower = word.lower()
        return _english_ordinary(word) and (lower.endswith("s") or lower in _EN_UNITS)
    return any(
        p.is_known and "NOUN" in morph.tags_of(p) and not morph.tags_of(p) & _NAME_TAGS
        for p in morph.parses(language, word)
    )


def residual(
    text: str,
    covered: Sequence[tuple[int, int]],
    language_at: Callable[[int], str],
    keep_terms: Collection[str] = (),
) -> list[Detection]:
    """Detections for identifying-looking words and digit runs outside `covered` ranges
    (replaced or deliberately kept)."""
    mask = bytearray(len(text) + 1)
    for start, end in covered:
        mask[max(0, start) : end] = b"\x01" * (min(end, len(text)) - max(0, start))

    def free(start: int, end: int) -> bool:
        return not any(mask[start:end])

    terms = {t.lower() for t in keep_terms}
    found: list[Detection] = []
    tokens = words(text)
    for i, w in enumerate(tokens):
        if not w.text[:1].isupper() or (len(w.text) > 1 and w.text.isupper()):
            continue
        if not free(w.start, w.end) or is_sentence_start(text, w.start):
            continue
        if is_identifier_word(w.text):
            continue  # "ID-картка": the name of a document, not of a person
        language = language_at(w.start)
        label = _reading(language, w.text)
        if label is None or _is_public(language, w.text, terms):
            continue
        if i and tokens[i - 1].text.lower() in _PLACE_BEFORE:
            label = LOCATION
        found.append(Detection(w.start, w.end, label, _SCORE, SOURCE))
    for m in _DIGITS.finditer(text):
        value = m.group()
        if sum(c.isdigit() for c in value) < _MIN_DIGITS or _TIME_OR_YEAR.fullmatch(value):
            continue
        if free(m.start(), m.end()) and not _next_word_is_a_quantity_noun(
            text, m.end(), language_at(m.start())
        ):
            found.append(Detection(m.start(), m.end(), ID, _SCORE, SOURCE))
    return _joined(text, found)


def _joined(text: str, found: list[Detection]) -> list[Detection]:
    """Adjacent words of one kind are one mention: "Petro Stepanovych" is one person."""
    out: list[Detection] = []
    for d in sorted(found, key=lambda d: d.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == d.label != ID
            and text[prev.end : d.start] in (" ", "-")
        ):
            out[-1] = Detection(prev.start, d.end, d.label, _SCORE, SOURCE)
        else:
            out.append(d)
    return out
