"""Receipt word lists, one per page language, and the folding that makes typing forgiving.

Folding maps what a witness may type for a letter to one form before a word is looked up:
case, ё/е, й/и, щ/ш, ъ/ь, ї/і, є/е, ґ/г, and Latin letters that look like Cyrillic ones (or
the reverse on the English list). The lists are built so that folded words are at least two
edits apart and none is a prefix of another (scripts/build_wordlists.py).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

LANGUAGES = ("en", "ru", "uk")
LIST_SIZE = 2048  # 11 bits a word
WORDLIST_DIR = Path(__file__).resolve().parent / "wordlists"

_CYRILLIC_FOLD = str.maketrans(
    {
        "ё": "е",
        "й": "и",
        "щ": "ш",
        "ъ": "ь",
        "ї": "і",
        "є": "е",
        "ґ": "г",
        # Latin letters that look like Cyrillic ones
        "a": "а",
        "b": "в",
        "c": "с",
        "e": "е",
        "h": "н",
        "i": "і",
        "k": "к",
        "m": "м",
        "o": "о",
        "p": "р",
        "t": "т",
        "x": "х",
        "y": "у",
    }
)
_LATIN_FOLD = str.maketrans(
    {
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "з": "3",  # never in a word: a Cyrillic з stays a typo
        "і": "i",
        "ј": "j",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "ѕ": "s",
    }
)


def fold(word: str, lang: str) -> str:
    """The form used to compare words of ``lang``'s list; ``word`` must be lower-case."""
    return word.translate(_LATIN_FOLD if lang == "en" else _CYRILLIC_FOLD)


def near_keys(folded: str) -> set[str]:
    """The word and its one-letter deletions: two words sharing one are within one typo
    (insertion, deletion, substitution or swap of neighbours) or close to it."""
    return {folded} | {folded[:i] + folded[i + 1 :] for i in range(len(folded))}


@cache
def wordlist(lang: str) -> tuple[str, ...]:
    words = tuple((WORDLIST_DIR / f"{lang}.txt").read_text(encoding="utf-8").split())
    if len(words) != LIST_SIZE:
        raise RuntimeError(f"receipt word list {lang!r} has {len(words)} words, not {LIST_SIZE}")
    return words


@cache
def folded_index(lang: str) -> dict[str, int]:
    """Folded word -> its position in the list."""
    return {fold(word, lang): i for i, word in enumerate(wordlist(lang))}


@cache
def near_index(lang: str) -> dict[str, frozenset[int]]:
    """Near key -> positions of the words that have it (to find corrections for a typo)."""
    found: dict[str, set[int]] = {}
    for i, word in enumerate(wordlist(lang)):
        for key in near_keys(fold(word, lang)):
            found.setdefault(key, set()).add(i)
    return {key: frozenset(ids) for key, ids in found.items()}


def within_one_typo(a: str, b: str) -> bool:
    """Optimal string alignment distance of at most one (a swap of neighbours counts once)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and (a[diff[1]] == b[diff[0]])
        )
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
