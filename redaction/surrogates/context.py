"""What a mention's sentence says about its grammar: the cases its preposition allows, the
gender and case of the words that agree with it, whether it is an address (vocative) and whether
a cue calls it a surname.

A surrogate must carry what the sentence demands, not what the first dictionary parse of the
original says: «Петро» is a nominative man here, not a vocative woman; «Зебулон» after
«меня зовут» is a nominative singular, whatever the guesser offers for an unknown word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from redaction import morph
from redaction.placewords import preposition_cases

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?…\n]\s")
_SURNAME_CUE = re.compile(r"(?:фамили|прізвищ|призвищ)\w*\W*$", re.IGNORECASE)
# A past-tense verb, an adjective or an apposition noun agrees with the name it goes with.
_AGREEING = frozenset({"ADJF", "PRTF", "NOUN"})
_WINDOW = 3
# Roots of verbs of motion and sending (Russian and Ukrainian): their "в/на" takes the
# accusative of a place.
_MOTION_ROOTS = re.compile(
    r"(?:ехать|езжать|ездить|їхати|їжджати|їздити|вез|воз|вест|вод|везти|йти|ходить|ходити|"
    r"идти|лет|бег|біг|прав|сла|сил|пасть|пасти|потрап|поверн|вернут|перевел|перевест|попа)",
)


@dataclass(frozen=True, slots=True)
class Context:
    cases: frozenset[str]  # cases the preposition before allows (all but loct without one)
    gender: str | None  # masc/femn of an agreeing word before, if one says so
    subject_gender: str | None  # masc/femn of a past-tense verb nearby (if the mention is nomn)
    agreeing_cases: frozenset[str]  # cases of an agreeing word just before (мого, сын, тётя)
    vocative: bool  # set off by commas or an exclamation at a clause edge
    surname_cue: bool  # "по фамилии", "прізвище"
    after_transitive: bool = False  # right after a transitive verb: its object (accusative)
    motion: bool = False  # a verb of motion earlier in the clause («поехали в», «вивезли до»)
    before_verb: bool = False  # a finite singular verb right after it: its subject («жека говорит»)
    noun_after: bool = False  # a lower-case noun right after it: the head of a possessive


NEUTRAL = Context(preposition_cases(""), None, None, frozenset(), False, False)


def read_context(language: str, before: str, after: str) -> Context:
    """The grammar the words around a mention ask of it (same sentence only)."""
    if language not in ("ru", "uk"):
        return Context(preposition_cases(before), None, None, frozenset(), False, False)
    before = _SENTENCE_END.split(before)[-1]
    after = _SENTENCE_END.split(after)[0]
    gender, cases = _before_agreement(language, before)
    opens = not before.strip() or before.rstrip()[-1:] in ",!—–-("
    closes = after.lstrip()[:1] in (",", "!", "")
    return Context(
        preposition_cases(before, language),
        gender,
        _verb_gender(language, before, after),
        cases,
        opens and closes,
        bool(_SURNAME_CUE.search(before[-30:])),
        _after_transitive(language, before),
        _motion(language, before),
        _before_verb(language, after),
        _noun_after(language, after),
    )


def _noun_after(language: str, after: str) -> bool:
    """The next word is a lower-case common noun («Олин син», «сашиной мамы»): what a
    possessive adjective made from a name qualifies."""
    found = _WORD.findall(after[:30])
    if not found or not after[:1].isspace() or not found[0][:1].islower():
        return False
    return any(
        "NOUN" in morph.tags_of(p) and not morph.name_kind(p)
        for p in morph.parses(language, found[0])
    )


def _before_agreement(language: str, before: str) -> tuple[str | None, frozenset[str]]:
    """Gender and cases of the agreeing word just before: a possessive or adjective ("мого",
    "старший") or an animate common noun in apposition ("сын", "тётя", "Син у мене,")."""
    tail = before.rstrip()
    if tail.endswith(":"):
        return None, frozenset()
    found = _WORD.findall(tail[-25:])
    if not found:
        return None, frozenset()
    word = found[-1]
    if tail.endswith(",") and len(found) >= 3 and found[-2].lower() in ("у", "в", "у"):
        word = found[-3]  # "Син у мене, Женька"
    genders: set[str] = set()
    cases: set[str] = set()
    for p in morph.parses(language, word):
        tags = morph.tags_of(p)
        if not tags & _AGREEING or morph.name_kind(p) or "plur" in tags:
            continue
        if "NOUN" in tags and "anim" not in tags:
            continue
        case, _, gender = morph.features(p)
        if gender in ("masc", "femn"):
            genders.add(gender)
        if case:
            cases.add(case)
    return (genders.pop() if len(genders) == 1 else None), frozenset(cases)


def _verb_gender(language: str, before: str, after: str) -> str | None:
    """The gender of a singular past-tense verb next to the mention (its predicate)."""
    near = _WORD.findall(after.split(",")[0])[:_WINDOW] + _WORD.findall(before)[-2:]
    for word in near:
        genders = set()
        for p in morph.parses(language, word):
            tags = morph.tags_of(p)
            if "VERB" in tags and "past" in tags and "sing" in tags:
                genders |= tags & {"masc", "femn"}
        if len(genders) == 1:
            return genders.pop()
    return None


def _after_transitive(language: str, before: str) -> bool:
    """The word just before is a transitive verb («видела Марину», «забрали Ваську»)."""
    if not before[-1:].isspace():
        return False
    found = _WORD.findall(before[-25:])
    if not found:
        return False
    ps = morph.parses(language, found[-1])
    return bool(ps) and all(
        {"VERB", "INFN"} & morph.tags_of(p) and "tran" in morph.tags_of(p) for p in ps[:1]
    )


def _motion(language: str, before: str) -> bool:
    """A verb of motion in the clause before the mention."""
    clause = re.split(r"[,;:]", before)[-1]
    for word in _WORD.findall(clause)[-5:]:
        for p in morph.parses(language, word)[:1]:
            tags = morph.tags_of(p)
            if {"VERB", "INFN", "GRND", "PRTF", "PRTS"} & tags and _MOTION_ROOTS.search(
                p.normal_form
            ):
                return True
    return False


def _before_verb(language: str, after: str) -> bool:
    """The next word is a finite singular verb («говорит», «пішов»): the mention is likely its
    subject, in the nominative."""
    if not after[:1].isspace():
        return False
    found = _WORD.findall(after[:25])
    if not found:
        return False
    ps = morph.parses(language, found[0])
    return bool(ps) and all(
        "VERB" in morph.tags_of(p) and "sing" in morph.tags_of(p) for p in ps[:1]
    )
