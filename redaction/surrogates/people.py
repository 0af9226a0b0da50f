"""Person names: which word of a mention is a first name, patronymic, surname or initial, its
normalised lemma (diminutives mapped to the full name) and the surrogate pools."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from redaction import morph
from redaction.data import load
from redaction.recognizers.names import english_first_names

# fmt: off
_SURNAME_ENDINGS = (
    "ов", "ев", "ёв", "ин", "ын", "ко", "ук", "юк", "чук", "ський", "цький", "ский", "цкий",
    "ова", "ева", "ина", "ська", "цька", "ская", "ак", "як", "ич", "ov", "ev", "in", "ko", "uk",
    "yk", "sky", "skyi", "skiy", "ova", "eva", "ina", "ska",
)
# fmt: on
_EN_PATRONYMIC = re.compile(r"(?:ovich|evich|ovych|ovna|evna|ivna|ich)$", re.IGNORECASE)


@cache
def pools(language: str) -> dict[str, Any]:
    """The language's surrogate lists (data/names_<language>.json)."""
    return load(f"names_{language}")


@cache
def diminutive_of(language: str) -> dict[str, str]:
    """Full first name -> the first diminutive listed for it (surrogate for a diminutive)."""
    out: dict[str, str] = {}
    for dim, full in load("diminutives")[language].items():
        known = language == "en" or any(
            morph.name_kind(p) == "Name" for p in morph.parses(language, dim)
        )
        if known:  # only diminutives the analyser can inflect
            out.setdefault(morph.normalise(full), dim)
    return out


@cache
def _full_names(language: str) -> dict[str, str]:
    """Normalised diminutive -> normalised full name, the language's table first."""
    tables = load("diminutives")
    out: dict[str, str] = {}
    for lang in (language, *(t for t in ("ru", "uk", "en") if t != language)):
        for dim, full in tables[lang].items():
            out.setdefault(morph.normalise(dim), morph.normalise(full))
    return out


def canonical_first_name(language: str, lemma: str) -> str:
    """Серёжа -> сергей: diminutives share the full name's key (a Russian diminutive in a
    Ukrainian testimony too)."""
    return _full_names(language).get(morph.normalise(lemma), morph.normalise(lemma))


@dataclass(frozen=True, slots=True)
class PersonToken:
    role: str  # first | patr | last | initial
    lemma: str
    diminutive: bool
    kind: str | None  # pymorphy3 tag used to pick parses: Name, Patr, Surn


def person_token(
    language: str, word: str, *, others_have_first: bool = False, alone: bool = False
) -> PersonToken:
    """Classify one word of a person mention and find its normalised lemma. A lone English word
    is a first name ("Will", "Sonya") unless it looks like a Slavic surname."""
    if len(word) == 1 and word.isupper():
        return PersonToken("initial", morph.normalise(word), False, None)
    if language == "en":
        lower = morph.normalise(word)
        if _EN_PATRONYMIC.search(lower) and others_have_first:
            return PersonToken("patr", lower, False, None)
        is_first = lower in english_first_names() or (
            alone and not lower.endswith(_SURNAME_ENDINGS)
        )
        if is_first and not others_have_first:
            canon = canonical_first_name("en", lower)
            return PersonToken("first", canon, canon != lower, None)
        return PersonToken("last", lower, False, None)
    ps = morph.parses(language, word)
    by_kind: dict[str, float] = {}
    for p in ps:
        kind = morph.name_kind(p)
        if kind:
            by_kind[kind] = by_kind.get(kind, 0.0) + p.score
    lower = morph.normalise(word)
    if by_kind and not (others_have_first and "Name" in by_kind and "Surn" in by_kind):
        kind = max(by_kind, key=lambda k: by_kind[k])
    elif by_kind and others_have_first:
        kind = "Surn"
    else:
        role = "last" if others_have_first or lower.endswith(_SURNAME_ENDINGS) else "first"
        return PersonToken(role, lower, False, None)
    lemma = morph.normalise(next(p.normal_form for p in ps if morph.name_kind(p) == kind))
    role = {"Name": "first", "Patr": "patr", "Surn": "last"}[kind]
    if role == "first":
        canon = canonical_first_name(language, lemma)
        return PersonToken(role, canon, canon != lemma, kind)
    return PersonToken(role, lemma, False, kind)
