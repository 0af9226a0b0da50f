"""Receipt codes: nine words in the page's language, the last one a check word.

Eight words drawn from a 2048-word list carry 88 bits; the ninth makes the weighted sum of all
nine word numbers zero modulo 2048. Odd weights are invertible modulo 2048, so any one wrong word
breaks the sum, and a word with one typo (never another list word: the lists keep words two edits
apart) is corrected only when exactly one list word within one typo makes the sum right.

Older receipts, seven words from the EFF large list with no check word, keep working.
A receipt's canonical form is its list words joined by "-"; the key derivation never sees
anything the witness typed, only that form.
"""

from __future__ import annotations

import math
import re
import secrets
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

from intake.receipt_words import (
    LANGUAGES,
    LIST_SIZE,
    fold,
    folded_index,
    near_index,
    near_keys,
    within_one_typo,
    wordlist,
)

DATA_WORDS = 8
WORDS = DATA_WORDS + 1
LEGACY_WORDS = 7
_WEIGHTS = tuple(2 * i + 1 for i in range(WORDS))


def entropy_bits(lang: str) -> float:
    return DATA_WORDS * math.log2(len(wordlist(lang)))


def _check_word(numbers: Sequence[int]) -> int:
    partial = sum(w * n for w, n in zip(_WEIGHTS, numbers, strict=False)) % LIST_SIZE
    return (-partial * pow(_WEIGHTS[DATA_WORDS], -1, LIST_SIZE)) % LIST_SIZE


def _checks(numbers: Sequence[int]) -> bool:
    return sum(w * n for w, n in zip(_WEIGHTS, numbers, strict=True)) % LIST_SIZE == 0


def new_receipt(lang: str = "en") -> str:
    """A fresh receipt in ``lang``'s words, canonical form."""
    numbers = [secrets.randbelow(LIST_SIZE) for _ in range(DATA_WORDS)]
    numbers.append(_check_word(numbers))
    words = wordlist(lang)
    return "-".join(words[n] for n in numbers)


def _tokens(code: str) -> list[str]:
    text = unicodedata.normalize("NFKC", code).lower()
    return re.findall(r"[^\W\d_]+", text)


def _segment(folded: str, lang: str) -> list[str] | None:
    """Split words typed without spaces: the lists are prefix-free, so there is one way."""
    index = folded_index(lang)
    found: list[str] = []
    start = 0
    while start < len(folded):
        end = next((e for e in range(start + 3, len(folded) + 1) if folded[start:e] in index), 0)
        if not end:
            return None
        found.append(folded[start:end])
        start = end
    return found


def _numbers(tokens: list[str], lang: str, *, correct: bool) -> list[int] | None:
    index = folded_index(lang)
    folded = [fold(token, lang) for token in tokens]
    if len(folded) != WORDS or not all(token in index for token in folded):
        folded = _segment("".join(folded), lang) or folded
    if len(folded) != WORDS:
        return None
    numbers = [index.get(token) for token in folded]
    unknown = [i for i, n in enumerate(numbers) if n is None]
    if not unknown:
        return numbers if _checks(numbers) else None  # type: ignore[arg-type]
    if not correct or len(unknown) != 1:
        return None
    (pos,) = unknown
    typed = folded[pos]
    words = wordlist(lang)
    nearby = {n for key in near_keys(typed) for n in near_index(lang).get(key, ())}
    fits = [
        n
        for n in nearby
        if within_one_typo(typed, fold(words[n], lang))
        and _checks([*numbers[:pos], n, *numbers[pos + 1 :]])  # type: ignore[list-item]
    ]
    if len(fits) != 1:
        return None
    return [*numbers[:pos], fits[0], *numbers[pos + 1 :]]  # type: ignore[list-item]


@cache
def _legacy_words() -> frozenset[str]:
    text = (files("diceware") / "wordlists" / "wordlist_en_eff.txt").read_text()
    return frozenset(token for token in text.split() if token.isalpha())


def _legacy(tokens: list[str]) -> str | None:
    folded = [fold(token, "en") for token in tokens]
    if len(folded) == LEGACY_WORDS and all(token in _legacy_words() for token in folded):
        return "-".join(folded)
    return None


def candidates(code: str, prefer: str = "en") -> list[str]:
    """Canonical receipts ``code`` may stand for, most likely first; empty if none.

    Exact matches in any language come before corrections, and one-typo corrections never
    produce a word sequence whose check word fails.
    """
    tokens = _tokens(code)
    if not tokens or len(tokens) > 3 * WORDS:
        return []
    order = [prefer, *(lang for lang in LANGUAGES if lang != prefer)]
    found: list[str] = []
    legacy = _legacy(tokens)
    if legacy:
        found.append(legacy)
    for correct in (False, True):
        for lang in order:
            numbers = _numbers(tokens, lang, correct=correct)
            if numbers is not None:
                canonical = "-".join(wordlist(lang)[n] for n in numbers)
                if canonical not in found:
                    found.append(canonical)
        if found:
            return found
    return found


def exact(code: str) -> str | None:
    """The canonical form of a receipt written without any mistake (as a form carries it)."""
    tokens = _tokens(code)
    for lang in LANGUAGES:
        numbers = _numbers(tokens, lang, correct=False)
        if numbers is not None:
            return "-".join(wordlist(lang)[n] for n in numbers)
    return _legacy(tokens)


def words_of(code: str) -> list[str]:
    return code.split("-")
