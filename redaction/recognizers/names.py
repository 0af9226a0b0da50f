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
from functools import cache

from redaction import morph
from redaction.data import load
from redaction.labels import LOCATION, PERSON
from redaction.morph import FUNCTION_TAGS
from redaction.placewords import PLACE_AFTER, is_place_prefix
from redaction.text import Word, is_capitalised, is_sentence_start, words
from redaction.types import Detection

_PLACE_PREPOSITIONS = frozenset(
    [
        "в",
        "во",
        "на",
        "из",
        "с",
        "со",
        "под",
        "подо",
        "до",
        "у",
        "біля",
        "поблизу",
        "від",
        "через",
        "за",
        "під",
        "із",
        "зі",
        "з",
        "около",
        "возле",
        "вблизи",
        "над",
        "между",
        "під-за",
        "довкола",
        "навколо",
        "near",
        "in",
        "at",
        "from",
        "to",
        "into",
        "outside",
        "around",
    ]
)
_NOT_NAMES = frozenset({"i", "god", "бог", "господь", "господи", "мама", "папа", "тато"})
_JOINERS = frozenset({" ", "-", "\u00a0"})
_INITIAL_GAP = re.compile(r"\s?\.\s?")
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "lord",
        "lady",
        "sir",
        "judge",
        "justice",
        "colonel",
        "col",
        "captain",
        "capt",
        "major",
        "maj",
        "general",
        "gen",
        "lieutenant",
        "lt",
        "sergeant",
        "sgt",
        "private",
        "pte",
        "commander",
        "cmdr",
        "officer",
        "father",
        "brother",
        "sister",
        "uncle",
        "aunt",
        "grandpa",
        "grandma",
        "professor",
        "prof",
    ]
)


@cache
def english_first_names() -> frozenset[str]:
    """Lower-case English first names: the surrogate pools, diminutives and common ones."""
    names: set[str] = set()
    for lang in ("en",):
        pool = load(f"names_{lang}")
        names.update(n.lower() for n in pool["male"] + pool["female"])
    dims = load("diminutives")["en"]
    names.update(dims)
    names.update(dims.values())
    names.update(load("first_names_en")["names"])
    return frozenset(names)


def _name_share(language: str, word: str) -> tuple[float, str | None]:
    """Share of the word's readings that are personal names or places, and which wins."""
    ps = morph.parses(language, word)
    total = sum(p.score for p in ps) or 1.0
    person = sum(p.score for p in ps if morph.name_kind(p))
    place = sum(p.score for p in ps if "Geox" in morph.tags_of(p))
    if person >= place and person > 0:
        return person / total, PERSON
    if place > 0:
        return place / total, LOCATION
    return 0.0, None


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
        for i, tok in enumerate(tokens):
            word = tok.text
            if len(word) < 2 or word.lower() in _NOT_NAMES:
                continue
            share, kind = _name_share(language, word)
            if not is_capitalised(word):
                if kind == PERSON and share >= 0.999 and len(word) >= 3:
                    out[i] = (PERSON, 0.55)
                continue
            if word.isupper() and len(word) <= 5:
                continue  # abbreviations: organisations are NER's and the keep list's business
            if (kind is None or share < 0.5) and _is_function_word(language, word):
                continue
            if not is_sentence_start(text, tok.start):
                prev = tokens[i - 1].text.lower() if i else ""
                nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
                if (i and is_place_prefix(text, tokens[i - 1], tok)) or PLACE_AFTER.match(nxt):
                    kind = LOCATION
                elif kind is None:
                    kind = LOCATION if prev in _PLACE_PREPOSITIONS else PERSON
                out[i] = (kind, 0.7 if share >= 0.5 else 0.6)
            elif share >= 0.5 and kind is not None and not _is_function_word(language, word):
                out[i] = (kind, 0.65)
        _initials(text, tokens, out)
        _place_words(text, tokens, out)
        # A capitalised word next to a person's name is part of the name (surname, patronymic).
        for i, tok in enumerate(tokens):
            if out[i] is not None or not is_capitalised(tok.text) or tok.text.isupper():
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
    """ "С. Иванов", "Г . Сковороди": a capital letter and a dot before a person's name."""
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        if (
            len(tok.text) != 1
            or not tok.text.isupper()
            or out[i] is not None
            or i + 1 >= len(tokens)
        ):
            continue
        nxt = out[i + 1]
        if nxt and nxt[0] == PERSON and _INITIAL_GAP.fullmatch(text[tok.end : tokens[i + 1].start]):
            out[i] = (PERSON, nxt[1])


def _place_words(text: str, tokens: list[Word], out: list[tuple[str, float] | None]) -> None:
    """ "с. Комарів", "Харківській області": the settlement type and the region noun go too."""
    for i in range(len(tokens)):
        if out[i] is None or out[i][0] != LOCATION:
            continue
        if i and out[i - 1] is None and is_place_prefix(text, tokens[i - 1], tokens[i]):
            out[i - 1] = out[i]
        if i + 1 < len(tokens) and out[i + 1] is None and PLACE_AFTER.match(tokens[i + 1].text):
            out[i + 1] = out[i]


def _is_function_word(language: str, word: str) -> bool:
    return any(
        p.is_known and morph.tags_of(p) & FUNCTION_TAGS for p in morph.parses(language, word)
    )


def _adjacent(text: str, a: Word, b: Word) -> bool:
    return text[a.end : b.start] in _JOINERS
