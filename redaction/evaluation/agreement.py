"""Do Russian and Ukrainian surrogates fit the sentence they were put in?

A reader trusts a pseudonymised text only if it still reads as Russian or Ukrainian: a surrogate
must carry the case, number and gender the original mention had in its sentence, and be of the
same kind (a person stays a person). This module parses every surrogate of a person or place with
pymorphy3 and compares it with the readings the original allows in context (the preposition
before it narrows the case); it also counts gold people and places replaced under another label.
It is an automatic lower bound of what a native reader checks, not a replacement for one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from redaction import morph
from redaction.evaluation.model import LOCATION, PERSON, Document, RedactionLike
from redaction.placewords import PLACE_AFTER, PLACE_BEFORE, preposition_cases
from redaction.surrogates.people import possessive_surname_readings

CHECKED_LANGUAGES = ("ru", "uk")
_CYRILLIC_WORD = re.compile(r"[а-яёіїєґА-ЯЁІЇЄҐ]+(?:['’ʼ-][а-яёіїєґА-ЯЁІЇЄҐ]+)*")
_GENDERS = ("masc", "femn")
_OPENING_QUOTES = ("«", '"', "“", "„")
# Span labels that are the same kind as a gold label: a callsign is a person's name, an
# address a place.
_SAME_KIND = {PERSON: frozenset({PERSON, "CALLSIGN"}), LOCATION: frozenset({LOCATION, "ADDRESS"})}


@dataclass(frozen=True)
class Check:
    """One surrogate against the mention it replaced."""

    lang: str
    label: str
    original: str
    surrogate: str
    agrees: bool
    right_kind: bool


@dataclass
class Agreement:
    """Counts per language: surrogates checked, grammatical in context, of the right kind."""

    checks: list[Check] = field(default_factory=list)

    def add(self, checks: Sequence[Check]) -> None:
        self.checks.extend(checks)

    def share(self, lang: str, *, kind: bool = False) -> tuple[int, int]:
        """(agreeing, checked) for the language: grammar, or kind when ``kind``."""
        mine = [c for c in self.checks if c.lang == lang]
        return sum(c.right_kind if kind else c.agrees for c in mine), len(mine)


def check_document(doc: Document, redaction: RedactionLike) -> list[Check]:
    """Every person or place surrogate of a Russian or Ukrainian document, checked."""
    if doc.lang not in CHECKED_LANGUAGES:
        return []
    gold = [m for m in doc.must_mask if m.label in (PERSON, LOCATION)]
    checks = []
    for span in redaction.spans:
        replacement = getattr(span, "replacement", None)
        if replacement is None:
            continue
        wanted = next((m.label for m in gold if m.start < span.end and span.start < m.end), None)
        if (wanted is None and span.label not in (PERSON, LOCATION)) or span.label == "ADDRESS":
            continue  # addresses are structured, not one inflected name
        original = doc.text[span.start : span.end]
        before = doc.text[max(0, span.start - 12) : span.start]
        agrees = fits(doc.lang, original, replacement, before, span.label == PERSON)
        if agrees is None:
            continue
        checks.append(
            Check(
                doc.lang,
                wanted or span.label,
                original,
                replacement,
                agrees,
                wanted is None or span.label in _SAME_KIND[wanted],
            )
        )
    return checks


def fits(lang: str, original: str, surrogate: str, before: str, person: bool) -> bool | None:
    """Whether the surrogate can stand where the original stood; None when there is nothing to
    compare (Latin script, initials only). Words are paired from the end when the counts
    differ (the head of a place phrase and a person's last word carry the case)."""
    old = [w for w in _CYRILLIC_WORD.findall(original) if len(w) > 1]
    # «Новохопёрск Воронежской области»: the region tail depends on the town, which carries
    # the case; a surrogate town stands for the whole mention.
    tail = next((i for i, w in enumerate(old) if i >= 2 and PLACE_AFTER.match(w)), None)
    if not person and tail is not None:
        old = old[: tail - 1]
    new = [w for w in _CYRILLIC_WORD.findall(surrogate) if len(w) > 1]
    if not old or not new:
        return None
    pairs = list(zip(old, new, strict=False)) if len(old) == len(new) else [(old[-1], new[-1])]
    # «с. Варна»: a letter with a dot abbreviates a place noun, it is no preposition.
    allowed = preposition_cases("" if before.rstrip().endswith(".") else before, lang)
    if len(old) > 1 and old[0].lower() in PLACE_BEFORE:
        # «в посёлок Победа», «під село Зоря»: the settlement noun takes the preposition's case,
        # the name its own.
        allowed = frozenset(morph.CASES)
    # «позывной «Малой»»: a quoted name with no preposition is cited in the nominative
    # (pymorphy3 knows «Малой» only as an oblique feminine adjective).
    if (
        before.rstrip().endswith(_OPENING_QUOTES)
        and "nomn" in allowed
        and all(any(r[:2] == ("nomn", "sing") for r in _readings(lang, n, person)) for n in new)
    ):
        return True
    return all(_word_fits(lang, o, n, allowed, person) for o, n in pairs)


def _word_fits(lang: str, old: str, new: str, allowed: frozenset[str], person: bool) -> bool:
    want = _readings(lang, old, person)
    have = _readings(lang, new, person)
    if not want or not have:
        return True  # neither side tells anything (an unknown foreign word)
    governed = allowed != preposition_cases("")
    in_context = {r for r in want if r[0] in allowed}
    if governed and not person and _undeclined(lang, old, want):
        in_context = set()  # «под кстово»: the accusative-looking form is only its spelling
    if not in_context and governed:
        # No reading of the original fits its preposition: it is indeclinable as written («из
        # Котельниково»); the surrogate must take a case the preposition governs.
        in_context = {(c, n, g) for c in allowed for _, n, g in want}
    in_context = in_context or want
    for case, number, gender in in_context:
        for c, n, g in have:
            # After a preposition a place's number is its own («в Дюртюлях» -> «в Каргополе»);
            # a person's gender and every number elsewhere must agree.
            same_number = n == number or (governed and not person)
            if c == case and same_number and (not person or None in (g, gender) or g == gender):
                return True
    return False


def _undeclined(lang: str, word: str, readings: set[tuple[str, str, str | None]]) -> bool:
    """A Russian «-ово/-ино» town written undeclined: it reads only as a nominative/accusative."""
    return (
        lang == "ru" and word.lower().endswith("о") and {r[0] for r in readings} <= {"nomn", "accs"}
    )


def _readings(lang: str, word: str, person: bool) -> set[tuple[str, str, str | None]]:
    """(case, number, gender) of the word's readings; a person's name readings when it has any."""
    parses = morph.parses(lang, word)
    out: set[tuple[str, str, str | None]] = set()
    if person:
        # A plural first name is no reading of one person («Исмаилов» is not "of Ismails").
        named = [
            p
            for p in parses
            if morph.name_kind(p)
            and not (morph.name_kind(p) == "Name" and "plur" in morph.tags_of(p))
        ]
        if not named:
            # A surname the dictionary does not know reads by its ending («Рыбин»).
            out |= possessive_surname_readings(lang, word)
        parses = tuple(named) or parses
    for p in parses:
        case, number, gender = morph.features(p)
        if case is not None and number is not None:
            # A guess's gender is the guesser's (a colloquial «Толька» declines like a feminine
            # noun and reads as one); only the dictionary's genders are compared.
            g = gender if gender in _GENDERS and p.is_known else None
            out.add((case, number, g))
            if "Fixd" in morph.tags_of(p) or "Ms-f" in morph.tags_of(p):
                out |= {(c, number, g) for c in morph.CASES}
    return out
