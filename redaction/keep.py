"""The keep list: public figures, countries, capitals and national institutions stay readable.

Entries in data/keep.json are lemmatised with the language's analyser when first used, and a
mention matches when each of its words can have the entry's lemma (so Россия, России, Россией all
match "Россия"). Persons match on any word (the surname alone is enough); other labels on the
whole phrase, with any leading English determiner ignored.
"""

from __future__ import annotations

from functools import cache

from redaction import morph
from redaction.data import load
from redaction.labels import NAME_LIKE, PERSON
from redaction.text import words

_DETERMINERS = frozenset({"the", "a", "an"})


def _tokens(language: str, text: str) -> list[str]:
    return [w.text for w in words(text, english=language == "en")]


def _lemma(language: str, word: str) -> str:
    if language == "en":
        return word.lower()
    return morph.best_lemma(language, word, prefer=("Geox", "Surn", "Name", "Orgn"))


@cache
def _entries(language: str) -> tuple[frozenset[str], dict[tuple[int, str], list[tuple[str, ...]]]]:
    """(person lemmas, place/organisation lemma phrases by (length, first lemma))."""
    data = load("keep")
    persons = frozenset(
        _lemma(language, w) for e in data["PERSON"][language] for w in _tokens(language, e)
    )
    phrases: dict[tuple[int, str], list[tuple[str, ...]]] = {}
    for label in ("LOCATION", "ORGANIZATION"):
        for entry in data[label][language]:
            phrase = tuple(_lemma(language, w) for w in _tokens(language, entry))
            phrases.setdefault((len(phrase), phrase[0]), []).append(phrase)
    return persons, phrases


def _candidates(language: str, word: str) -> frozenset[str]:
    return frozenset({word.lower()}) if language == "en" else morph.lemmas(language, word)


def is_public(language: str, surface: str, label: str) -> bool:
    """True when the mention names a public figure, a country/capital or a national body.

    The label is not trusted for single words (a capitalised Україна may come back as PERSON)."""
    if label not in NAME_LIKE:
        return False
    toks = _tokens(language, surface)
    while toks and toks[0].lower() in _DETERMINERS:
        toks = toks[1:]
    if not toks:
        return False
    persons, phrases = _entries(language)
    cands = [_candidates(language, t) for t in toks]
    if label == PERSON or len(cands) == 1:
        if any(c & persons for c in cands):
            return True
        if len(cands) > 1:
            return False
    return any(
        all(lem in c for lem, c in zip(phrase, cands, strict=True))
        for first in cands[0]
        for phrase in phrases.get((len(cands), first), ())
    )
