"""One kind per entity before surrogates are drawn: a person is never replaced by a place,
firm or facility, nor a place by a person.

Detectors label mentions one by one and sometimes cross kinds: a village after «з» read as a
person («з Бородянки»), a nickname read as a firm in one sentence («Малого») and as a callsign in
the next. The grammar of Russian and Ukrainian settles most of them: a locative after «в/у/на»
or a genitive after «з/из» that cannot be a known first name is a place, and a mention sharing
a lemma with a person or callsign mention is that same entity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from redaction import morph
from redaction.consistency import word_keys
from redaction.labels import CALLSIGN, LOCATION, NAME_LIKE, ORGANIZATION, PERSON
from redaction.placewords import ABBREVIATIONS, is_place_prefix
from redaction.text import words
from redaction.types import Detection

# Prepositions after which a noun in the given case names a place, not a person.
# fmt: off
_PLACE_GOVERNMENT: dict[str, frozenset[str]] = {
    **dict.fromkeys(("в", "во", "у", "на"), frozenset({"loct"})),
    **dict.fromkeys(("з", "із", "зі", "из", "с", "со", "поблизу", "біля", "около", "возле"),
                    frozenset({"gent"})),
    **dict.fromkeys(("под", "під"), frozenset({"ablt"})),
}
# fmt: on
_LAST_WORD = re.compile(r"([^\W\d_]+)\s*$")
_OPENING_QUOTES = ("«", '"', "“", "„")
# A full stop, question or exclamation mark after a word of two letters or more that is no
# abbreviation, then a capital: a sentence ends there ("Дячуком. Михайла"; not "О. П.", "м.").
_SENTENCE_END = re.compile(r"([^\W\d_]{2,})([.!?…]+)\s+(?=[^\W\d_])")


def within_sentences(
    text: str, found: Sequence[Detection], language_at: Callable[[int], str]
) -> list[Detection]:
    """Name-like detections cut at sentence ends: no surrogate swallows a full stop. English
    titles and abbreviations ("Co.", "Mrs.", "Col.") are short, so there a sentence ends only
    after a word of four letters or more."""
    out = []
    for d in found:
        if d.label not in NAME_LIKE:
            out.append(d)
            continue
        start = d.start
        for m in _SENTENCE_END.finditer(text, d.start, d.end):
            word = m.group(1)
            if word.lower() in ABBREVIATIONS or not text[m.end() : m.end() + 1].isupper():
                continue
            if language_at(m.start()) == "en" and len(word) < 4:
                continue
            if m.end(1) > start:
                out.append(Detection(start, m.end(1), d.label, d.score, d.source))
            start = m.end()
        if start < d.end:
            out.append(Detection(start, d.end, d.label, d.score, d.source))
    return out


def settle_kinds(
    text: str, found: Sequence[Detection], language_at: Callable[[int], str]
) -> list[Detection]:
    """The detections with one kind per entity (see the module docstring)."""
    relabel: dict[tuple[str, str], str] = {}
    for d in found:
        lang = language_at(d.start)
        if lang not in ("ru", "uk") or d.label != PERSON:
            continue
        toks = words(text[d.start : d.end])
        if len(toks) == 1 and _place_by_grammar(lang, text[: d.start], toks[0].text):
            for key in word_keys(lang, toks[0].text):
                relabel[(lang, key)] = LOCATION
        elif len(toks) == 1 and _adjective_only(lang, toks[0].text):
            for key in word_keys(lang, toks[0].text):
                relabel[(lang, key)] = CALLSIGN
    people = {
        (language_at(d.start), key): d.label
        for d in found
        if d.label in (PERSON, CALLSIGN)
        for w in words(text[d.start : d.end])
        for key in word_keys(language_at(d.start), w.text)
        if (language_at(d.start), key) not in relabel
    }
    out = []
    for d in found:
        lang = language_at(d.start)
        surface = text[d.start : d.end]
        toks = words(surface)
        label = d.label
        if len(toks) == 1 and lang in ("ru", "uk"):
            keys = [(lang, k) for k in word_keys(lang, toks[0].text)]
            if d.label == PERSON:
                label = next((relabel[k] for k in keys if k in relabel), label)
            elif d.label in (ORGANIZATION, LOCATION):
                label = next((people[k] for k in keys if k in people), label)
        elif d.label == ORGANIZATION and _all_person_words(lang, text, d):
            label = PERSON
        elif d.label == PERSON and len(toks) > 1 and is_place_prefix(surface, toks[0], toks[1]):
            label = LOCATION  # «м. Нова Одеса»
        out.append(d if label == d.label else Detection(d.start, d.end, label, d.score, d.source))
    return out


def _place_by_grammar(language: str, before: str, word: str) -> bool:
    """After a place preposition, in the case it governs for places, with no known first name
    or patronymic reading in that case: «в Іванкові», «з Бородянки», «під Роботиним»."""
    m = _LAST_WORD.search(before[-20:])
    cases = _PLACE_GOVERNMENT.get(m.group(1).lower()) if m else None
    if not cases:
        return False
    readings = [p for p in morph.parses(language, word) if morph.features(p)[0] in cases]
    if not readings or "loct" in cases:
        return bool(readings)
    return not any(p.is_known and morph.name_kind(p) in ("Name", "Patr") for p in readings)


def _adjective_only(language: str, word: str) -> bool:
    """A nickname made of an adjective («Малий», «Малой»): every known reading is one, and none
    is a name."""
    ps = [p for p in morph.parses(language, word) if p.is_known]
    return bool(ps) and all("ADJF" in morph.tags_of(p) and not morph.name_kind(p) for p in ps)


def _all_person_words(language: str, text: str, d: Detection) -> bool:
    """A two- or three-word "organisation" made of known names and not in quotes is a person
    («ШАРАПОВ ИЛЬЯ»)."""
    toks = words(text[d.start : d.end])
    if language not in ("ru", "uk") or not 2 <= len(toks) <= 3:
        return False
    if text[max(0, d.start - 1) : d.start] in _OPENING_QUOTES:
        return False
    return all(
        any(p.is_known and morph.name_kind(p) for p in morph.parses(language, t.text)) for t in toks
    )
