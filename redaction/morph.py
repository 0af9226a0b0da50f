"""pymorphy3 for Russian and Ukrainian: cached parses, lemmas, grammatical features, inflection.

English has no inflection to speak of: its lemma is the lower-cased word.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from redaction.text import APOSTROPHES

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse

NAME_TAGS = ("Name", "Surn", "Patr")
# Parts of speech a personal or place name never is.
# fmt: off
FUNCTION_TAGS = frozenset(
    {
        "NPRO", "PREP", "CONJ", "PRCL", "INTJ", "ADVB", "PRED", "VERB", "INFN", "GRND", "PRTF",
        "PRTS", "COMP", "NUMR",
    }
)
# fmt: on
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")
_ANALYSABLE = re.compile(r"[\u0400-\u04ffA-Za-z'’ʼ`-]+")
_RU_ONLY = re.compile("[ыэъёЫЭЪЁ]")
_UK_ONLY = re.compile("[іїєґІЇЄҐ]")
_APOS = str.maketrans(dict.fromkeys(APOSTROPHES, "'"))


@cache
def analyzer(language: str) -> MorphAnalyzer:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=200_000)
def normalise(word: str) -> str:
    return word.lower().translate(_APOS).replace("ё", "е")


@lru_cache(maxsize=200_000)
def parses(language: str, word: str) -> tuple[Parse, ...]:
    """All analyses of a word (cached; the word is lower-cased first). Words in other scripts
    have none (and pymorphy3 would fail on code points without a Unicode name)."""
    if language not in ("ru", "uk") or not _ANALYSABLE.fullmatch(word):
        return ()
    # A word spelt with letters only the other language has is analysed in that language
    # (Russian speech quoted in a Ukrainian testimony, and the other way round).
    if language == "uk" and _RU_ONLY.search(word):
        language = "ru"
    elif language == "ru" and _UK_ONLY.search(word):
        language = "uk"
    return _analyses(language, word.lower().translate(_APOS))


@lru_cache(maxsize=200_000)
def _analyses(language: str, folded: str) -> tuple[Parse, ...]:
    """pymorphy3's analyses of a lower-cased word: "Андрій", "андрій" and "АНДРІЙ" are all
    asked about (names in lower case, truecasing, ALL-CAPS text) and are parsed once."""
    return tuple(analyzer(language).parse(folded))


def tags_of(parse: Parse) -> frozenset[str]:
    return _grammemes(str(parse.tag))


@lru_cache(maxsize=10_000)
def _grammemes(tag: str) -> frozenset[str]:
    return frozenset(tag.replace(" ", ",").split(","))


def name_kind(parse: Parse) -> str | None:
    """'Name', 'Surn' or 'Patr' when the analysis is a personal name."""
    return _name_kind(str(parse.tag))


@lru_cache(maxsize=10_000)
def _name_kind(tag: str) -> str | None:
    tags = _grammemes(tag)
    return next((t for t in NAME_TAGS if t in tags), None)


@lru_cache(maxsize=200_000)
def lemmas(language: str, word: str) -> frozenset[str]:
    """Every normal form the word may have, plus the word itself (for unknown names)."""
    base = normalise(word)
    return frozenset({base, *(normalise(p.normal_form) for p in parses(language, word))})


def best_lemma(language: str, word: str, prefer: tuple[str, ...] = NAME_TAGS) -> str:
    """The most likely normal form, preferring analyses that carry one of the preferred tags."""
    ps = parses(language, word)
    if not ps:
        return normalise(word)
    preferred = [p for p in ps if tags_of(p) & set(prefer)]
    return normalise((preferred or ps)[0].normal_form)


@lru_cache(maxsize=200_000)
def is_known(language: str, word: str) -> bool:
    """True when the dictionary knows some reading of the word."""
    return any(p.is_known for p in parses(language, word))


@lru_cache(maxsize=200_000)
def is_common_word(language: str, word: str) -> bool:
    """True when the dictionary knows the word as something other than a name or a place."""
    return any(
        p.is_known and not (tags_of(p) & {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"})
        for p in parses(language, word)
    )


def features(parse: Parse) -> tuple[str | None, str | None, str | None]:
    """(case, number, gender) of one analysis."""
    return _features(str(parse.tag))


@lru_cache(maxsize=10_000)
def _features(tag: str) -> tuple[str | None, str | None, str | None]:
    tags = _grammemes(tag)
    case = next((c for c in CASES if c in tags), None)
    number = "plur" if "plur" in tags else "sing"
    gender = next((g for g in ("masc", "femn", "neut") if g in tags), None)
    return case, number, gender


def inflect(language: str, lemma: str, kind: str | None, grammemes: set[str]) -> str:
    """Put a surrogate lemma into the wanted case/number/gender; fall back to the lemma."""
    if language not in ("ru", "uk"):
        return lemma
    return _inflect(language, lemma, kind, frozenset(grammemes))


@lru_cache(maxsize=100_000)
def _inflect(language: str, lemma: str, kind: str | None, wanted_grammemes: frozenset[str]) -> str:
    grammemes = set(wanted_grammemes)
    ps = parses(language, lemma)
    # The reading of the wanted gender in which the lemma is itself the nominative singular is
    # the lexeme meant ("Євгенія" the woman's name, not the genitive of "Євгеній"); surnames
    # change gender by inflection (Смирнов -> Смирнова), so any of their readings will do.
    genders = grammemes & {"masc", "femn", "neut"}
    if _is_own_nominative(ps, lemma, grammemes, genders):
        # The lemma is the form asked for. pymorphy3's Ukrainian dictionary tags some
        # nominatives without a case («кремінь»: "NOUN,inan masc"), and inflecting those
        # yields a plural.
        return lemma.lower()
    ranked = sorted(
        ps,
        key=lambda p: (
            normalise(p.normal_form) != normalise(lemma),
            kind is not None and kind not in tags_of(p),
            kind is None and name_kind(p) is not None,  # a callsign declines as a noun
            bool(genders) and not genders <= tags_of(p) and "Surn" not in tags_of(p),
            bool(genders) and not genders <= tags_of(p),
            not {"nomn", "sing"} <= tags_of(p),
            -p.score,
        ),
    )
    for p in ranked:
        for wanted in (grammemes, grammemes - {"femn", "masc", "neut"}, grammemes & set(CASES)):
            if not wanted:
                continue
            try:
                form = p.inflect(wanted)
            except ValueError:
                form = None
            if form is not None:
                return form.word
    return lemma.lower()


def _is_own_nominative(
    ps: tuple[Parse, ...], lemma: str, grammemes: set[str], genders: set[str]
) -> bool:
    """A nominative singular is asked for and the lemma is one, of the wanted gender."""
    if not {"nomn", "sing"} <= grammemes or grammemes & {"plur"}:
        return False
    own = normalise(lemma)
    for p in ps:
        tags = tags_of(p)
        case = features(p)[0]
        if (
            p.is_known
            and normalise(p.normal_form) == own
            and normalise(p.word) == own
            and case in ("nomn", None)
            and "plur" not in tags
            and genders <= tags
        ):
            return True
    return False


def inflect_like(surrogate: str, real_lemma: str, real_form: str) -> str | None:
    """The surrogate with the ending change that turns the real lemma into the real form, when
    both are of one declension class and the surrogate ends like the real lemma: Приходько ->
    Приходька makes Харченко -> Харченка, Славко -> Славка makes Михайлко -> Михайлка. None
    when the change does not apply (a stem alternation, another ending)."""
    lemma, form, new = normalise(real_lemma), normalise(real_form), surrogate.lower()
    shared = 0
    while shared < min(len(lemma), len(form)) and lemma[shared] == form[shared]:
        shared += 1
    old_end, new_end = lemma[shared:], form[shared:]
    if shared < 2 or not new.replace("ё", "е").endswith(old_end):
        return None
    return new[: len(new) - len(old_end)] + new_end


@lru_cache(maxsize=10_000)
def declines_cleanly(language: str, lemma: str, kind: str | None) -> bool:
    """Whether the analyser knows the word as its own lemma and every oblique case it makes of
    it is a known form of that lemma: a surrogate it cannot decline («Бердичів» read as a
    plural, «Ведмідь» without its е) would come out ungrammatical in the text."""
    if language not in ("ru", "uk"):
        return True
    own = normalise(lemma)
    ps = [p for p in parses(language, lemma) if p.is_known and normalise(p.normal_form) == own]
    if not ps:
        return False
    number = "plur" if all("plur" in tags_of(p) for p in ps) else "sing"
    if inflect(language, lemma, kind, {"ablt", number}) == own:
        return False  # declined as indeclinable
    for case in ("gent", "datv", "ablt", "loct"):
        form = inflect(language, lemma, kind, {case, number})
        back = parses(language, form)
        if not any(p.is_known and normalise(p.normal_form) == own for p in back):
            return False
    return True


@lru_cache(maxsize=100_000)
def possessive_of_name(language: str, word: str) -> bool:
    """A possessive adjective made from a first name ("сашин номер", "катину маму", "лёшиного
    брата"): the adjective's lemma in -ин is the name's stem, and the stem plus -а/-я is a
    first name the dictionary knows (not "мамин", "бабушкин")."""
    for p in parses(language, word):
        lemma = normalise(p.normal_form)
        if "ADJF" not in tags_of(p) or len(lemma) < 5 or lemma[-2:] not in ("ин", "ін"):
            continue
        for name in (lemma[:-2] + "а", lemma[:-2] + "я"):
            if any(name_kind(q) == "Name" and q.is_known for q in parses(language, name)):
                return True
    return False
