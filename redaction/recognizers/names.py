"""Names the NER misses, decided by context rather than list membership alone.

Russian/Ukrainian: a capitalised word inside a sentence is a proper noun; pymorphy3's Name/Surn/
Patr/Geox analyses (with their share of the word's readings) say whether it is a person or a
place, and a preceding place preposition settles the rest. At a sentence start, or in lower case,
a word counts only when its readings are mostly (or only) names, or when it stands next to
another name. Homonyms of ordinary words (Вера, Роман, Надія) are therefore caught when
capitalised mid-sentence but not as ordinary lower-case words.
English: a gazetteer of first names (transliterated Slavic ones too) plus capitalisation.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from redaction import morph
from redaction.data import load
from redaction.labels import LOCATION, PERSON
from redaction.morph import FUNCTION_TAGS
from redaction.placewords import PLACE_AFTER, STRONG_PLACE_PREPOSITIONS, is_place_prefix
from redaction.text import WORD_RE, Word, is_capitalised, is_sentence_start, words
from redaction.types import Detection

# fmt: off
_PLACE_PREPOSITIONS = frozenset(
    [
        "в", "во", "на", "из", "с", "со", "под", "подо", "до", "у", "біля", "поблизу", "від",
        "через", "за", "під", "із", "зі", "з", "около", "возле", "вблизи", "над", "между",
        "під-за", "довкола", "навколо", "near", "in", "at", "from", "to", "into", "outside",
        "around",
    ]
)
# fmt: on
_NOT_NAMES = frozenset({"i", "god", "бог", "господь", "господи", "мама", "папа", "тато"})
_JOINERS = frozenset({" ", "-", "\u00a0"})
# A lower-case word is a name when (nearly) all its readings are: "сергей", "костя", not "вера".
_LOWERCASE_NAME_SHARE = 0.9
_INITIAL_GAP = re.compile(r"\s?\.\s?")
# fmt: off
_LOCATIVE_PREPOSITIONS = frozenset(("в", "во", "у", "на"))
_TITLES = frozenset(
    [
        "mr", "mrs", "ms", "miss", "dr", "lord", "lady", "sir", "judge", "justice", "colonel",
        "col", "captain", "capt", "major", "maj", "general", "gen", "lieutenant", "lt",
        "sergeant", "sgt", "private", "pte", "commander", "cmdr", "officer", "father", "brother",
        "sister", "uncle", "aunt", "grandpa", "grandma", "professor", "prof",
    ]
)
# fmt: on


@cache
def english_first_names() -> frozenset[str]:
    """Lower-case English first names: the surrogate pools, diminutives and common ones."""
    pool = load("names_en")
    names = {n.lower() for n in pool["male"] + pool["female"]}
    dims = load("diminutives")["en"]
    names.update(dims)
    names.update(dims.values())
    names.update(load("first_names_en")["names"])
    return frozenset(names)


@lru_cache(maxsize=200_000)
@cache
def _english_makes() -> frozenset[str]:
    """Brands and formations (keep.json NOT_PERSON) that are also first names: Lada, Akhmat."""
    return frozenset(w.lower() for w in load("keep")["NOT_PERSON"]["en"] if " " not in w)


def _after_indefinite_article(tokens: list[Word], i: int) -> bool:
    """ "a Lada", "an old Lada": "a"/"an" right before, or before one lower-case word."""
    before = [t.text for t in tokens[max(0, i - 2) : i]]
    if before and before[-1].lower() in ("a", "an"):
        return True
    return len(before) == 2 and before[0].lower() in ("a", "an") and before[1].islower()


def _name_share(
    language: str, word: str, after_place_preposition: bool
) -> tuple[float, str | None]:
    """Share of the word's readings that are personal names or places, and which wins: a place
    reading after "в", "на", "під"... beats a name reading ("в Бахмуте" is no man Бахмут)."""
    total, person, place = _reading_scores(language, word)
    if place > 0 and (place > person or after_place_preposition):
        return (place + person) / total, LOCATION
    if person > 0:
        return person / total, PERSON
    return 0.0, None


def _after_place_preposition(tokens: list[Word], i: int) -> bool:
    return i > 0 and tokens[i - 1].text.lower() in STRONG_PLACE_PREPOSITIONS


@lru_cache(maxsize=200_000)
def _lowercase_name(language: str, word: str, after_place_preposition: bool) -> bool:
    """A word typed without its capital that is all but only a personal name ("андрій",
    "сашка"): most words of a text are lower-case, so this is decided once per word."""
    if len(word) < 3 or word.lower() in _NOT_NAMES:
        return False
    share, kind = _name_share(language, word, after_place_preposition)
    return kind == PERSON and share >= _LOWERCASE_NAME_SHARE and morph.is_known(language, word)


@lru_cache(maxsize=200_000)
def _reading_scores(language: str, word: str) -> tuple[float, float, float]:
    """(all, personal-name, place) score sums of the word's readings."""
    ps = morph.parses(language, word)
    total = sum(p.score for p in ps) or 1.0
    person = sum(p.score for p in ps if morph.name_kind(p))
    place = sum(p.score for p in ps if "Geox" in morph.tags_of(p))
    return total, person, place


class NameRecognizer:
    label = PERSON
    languages = frozenset({"en", "ru", "uk"})

    def analyze(self, text: str, language: str) -> list[Detection]:
        tokens = words(text, english=language == "en")
        if language == "en":
            labels = self._english(text, tokens)
        else:
            labels = self._slavic(text, language, tokens)
        return self._merge(text, tokens, labels)

    def _english(self, text: str, tokens: list[Word]) -> list[tuple[str, float] | None]:
        names = english_first_names()
        out: list[tuple[str, float] | None] = [None] * len(tokens)
        for i, tok in enumerate(tokens[:-1]):
            # "Mr K.", "Colonel Petrov", "Judge Kalaydjieva": a title makes the next words a name.
            if tok.text.lower() in _TITLES and is_capitalised(tok.text):
                j = i + 1
                while (
                    j < len(tokens)
                    and is_capitalised(tokens[j].text)
                    and tokens[j].text.lower() not in _TITLES
                ):
                    gap = text[tokens[j - 1].end : tokens[j].start]
                    if len(gap) > 3 or "\n" in gap or ("." in gap and len(tokens[j - 1].text) > 1):
                        break
                    out[j] = (PERSON, 0.7)
                    j += 1
        for i, tok in enumerate(tokens):
            lower = tok.text.lower()
            if not is_capitalised(tok.text) or lower not in names or tok.text.isupper():
                continue
            if lower in _english_makes() and _after_indefinite_article(tokens, i):
                continue  # "bought a Lada", "an old Lada": a car, not a woman
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            followed = nxt is not None and is_capitalised(nxt.text) and _adjacent(text, tok, nxt)
            if not is_sentence_start(text, tok.start) or followed:
                out[i] = (PERSON, 0.7)
                if followed and nxt is not None and not is_sentence_start(text, nxt.start):
                    out[i + 1] = (PERSON, 0.65)
        return out

    def _slavic(
        self, text: str, language: str, tokens: list[Word]
    ) -> list[tuple[str, float] | None]:
        out: list[tuple[str, float] | None] = [None] * len(tokens)
        capitalised: list[int] = []
        for i, tok in enumerate(tokens):
            word = tok.text
            if not word[:1].isupper():
                # A place preposition before it can only make a name reading lose.
                if _lowercase_name(language, word, False) and _lowercase_name(
                    language, word, _after_place_preposition(tokens, i)
                ):
                    out[i] = (PERSON, 0.55)
                continue
            capitalised.append(i)
            after_place = _after_place_preposition(tokens, i)
            if len(word) < 2 or word.lower() in _NOT_NAMES:
                continue
            share, kind = _name_share(language, word, after_place)
            if word.isupper() and len(word) <= 5:
                continue  # abbreviations: organisations are NER's and the keep list's business
            if (kind is None or share < 0.5) and _is_function_word(language, word):
                continue
            if not is_sentence_start(text, tok.start):
                prev = tokens[i - 1].text.lower() if i else ""
                nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
                if (
                    (i and is_place_prefix(text, tokens[i - 1], tok))
                    or PLACE_AFTER.match(nxt)
                    or (
                        not has_given_name_reading(language, word)
                        and toponym_end(text, language, tok.end) > tok.end
                    )
                ):
                    kind = LOCATION  # "с. Комарів", "Харківській області", "Гаврский порт"
                elif kind is None:
                    kind = LOCATION if prev in _PLACE_PREPOSITIONS else PERSON
                out[i] = (kind, 0.7 if share >= 0.5 else 0.6)
            elif share >= 0.5 and kind is not None and not _is_function_word(language, word):
                out[i] = (kind, 0.65)
        _initials(text, tokens, out)
        _place_words(text, tokens, out)
        # A capitalised word next to a person's name is part of the name (surname, patronymic).
        for i in capitalised:
            tok = tokens[i]
            if out[i] is not None or tok.text.isupper():
                continue
            if is_sentence_start(text, tok.start):
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(tokens) and out[j] and out[j][0] == PERSON:
                    a, b = (tokens[j], tok) if j < i else (tok, tokens[j])
                    if _adjacent(text, a, b) and not morph.is_common_word(language, tok.text):
                        out[i] = (PERSON, 0.6)
        return out

    @staticmethod
    def _merge(
        text: str, tokens: list[Word], labels: list[tuple[str, float] | None]
    ) -> list[Detection]:
        found: list[Detection] = []
        for tok, lab in zip(tokens, labels, strict=True):
            if lab is None:
                continue
            label, score = lab
            last = found[-1] if found else None
            gap = text[last.end : tok.start] if last else ""
            if last and last.label == label and (gap in _JOINERS or _INITIAL_GAP.fullmatch(gap)):
                found[-1] = Detection(last.start, tok.end, label, max(score, last.score), "names")
            else:
                found.append(Detection(tok.start, tok.end, label, score, "names"))
        return found


def _initials(text: str, tokens: list[Word], out: list[tuple[str, float] | None]) -> None:
    """Initials belong to the name they stand next to: "С. Иванов", "Г . Сковороди",
    "Фёдоров Е. А."."""
    changed = True
    while changed:
        changed = False
        for i, tok in enumerate(tokens):
            if len(tok.text) != 1 or not tok.text.isupper() or out[i] is not None:
                continue
            if not text[tok.end : tok.end + 2].lstrip().startswith("."):
                continue  # an initial has its dot; "Я" opening a sentence is no initial
            for j in (i + 1, i - 1):
                if not 0 <= j < len(tokens) or not out[j] or out[j][0] != PERSON:
                    continue
                a, b = (tok, tokens[j]) if j > i else (tokens[j], tok)
                gap = text[a.end : b.start]
                if _INITIAL_GAP.fullmatch(gap) or (j < i and gap in _JOINERS):
                    out[i] = (PERSON, out[j][1])
                    changed = True
                    break


def _place_words(text: str, tokens: list[Word], out: list[tuple[str, float] | None]) -> None:
    """ "с. Комарів", "Харківській області": the settlement type and the region noun go too."""
    for i in range(len(tokens)):
        if out[i] is None or out[i][0] != LOCATION:
            continue
        if i and out[i - 1] is None and is_place_prefix(text, tokens[i - 1], tokens[i]):
            out[i - 1] = out[i]
        if i + 1 < len(tokens) and out[i + 1] is None and PLACE_AFTER.match(tokens[i + 1].text):
            out[i + 1] = out[i]


def toponym_end(text: str, language: str, end: int) -> int:
    """Where a place mention ending at `end` really ends: a proper adjective takes the common
    noun it agrees with ("Гаврский порт", "Чёрного моря", "Київського водосховища")."""
    if language not in ("ru", "uk"):
        return end
    # The last word of the 40 characters before and the first of the 40 after (as `words` of
    # those slices would give them, without tokenising the slices).
    after = WORD_RE.search(text, end, end + 40)
    if after is None or not after.group().islower():
        return end
    preceding = list(WORD_RE.finditer(text, max(0, end - 40), end))
    if not preceding:
        return end
    before = preceding[-1]
    if text[end : after.start()].strip():
        return end  # punctuation in between
    if morph.possessive_of_name(language, before.group()):
        return end  # "Катин номер": a person's possessive, not a place adjective
    agrees = _agrees(language, before.group(), after.group())
    return after.end() if agrees else end


@lru_cache(maxsize=100_000)
def _agrees(language: str, adjective_word: str, noun_word: str) -> bool:
    """True when some adjective reading of the first word agrees (case, number) with some
    common-noun reading of the second."""
    adjective = {
        morph.features(p)[:2]
        for p in morph.parses(language, adjective_word)
        if "ADJF" in morph.tags_of(p)
    }
    noun = {
        morph.features(p)[:2]
        for p in morph.parses(language, noun_word)
        if "NOUN" in morph.tags_of(p) and not morph.name_kind(p)
    }
    return bool(adjective & noun)


def place_after_preposition(language: str, word: str, prev: str) -> bool:
    """True for a place after a place preposition: a word with a place (Geox) reading, or one
    in the locative that cannot be a first name there ("у Токмаку", "в Ірпені" - a person
    after "у" or "в" would be in the genitive or accusative)."""
    if prev not in STRONG_PLACE_PREPOSITIONS and prev not in _LOCATIVE_PREPOSITIONS:
        return False
    ps = morph.parses(language, word)
    if prev in STRONG_PLACE_PREPOSITIONS and any("Geox" in morph.tags_of(p) for p in ps):
        return True
    locative = [p for p in ps if "loct" in morph.tags_of(p)]
    return (
        prev in _LOCATIVE_PREPOSITIONS
        and bool(locative)
        and not any(morph.name_kind(p) in ("Name", "Patr") for p in locative)
    )


@lru_cache(maxsize=200_000)
def has_given_name_reading(language: str, word: str) -> bool:
    return any(morph.name_kind(p) in ("Name", "Patr") for p in morph.parses(language, word))


@lru_cache(maxsize=200_000)
def _is_function_word(language: str, word: str) -> bool:
    return any(
        p.is_known and morph.tags_of(p) & FUNCTION_TAGS for p in morph.parses(language, word)
    )


def _adjacent(text: str, a: Word, b: Word) -> bool:
    return text[a.end : b.start] in _JOINERS
