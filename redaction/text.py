"""Text helpers: safe copies for libraries that need valid UTF-8, word tokens, sentence starts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from redaction.placewords import ABBREVIATIONS

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
APOSTROPHES = "'’ʼ`"
WORD_RE = re.compile(r"[^\W\d_]+(?:[" + APOSTROPHES + r"\-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"[" + APOSTROPHES + r"]s$|(?<=s)[" + APOSTROPHES + r"]$", re.IGNORECASE)
_SENTENCE_END = re.compile(
    r"(?:[.!?…:;][»\"”')\]]*\s*|\n\s*|^\s*)(?:[-–—•*]\s*)?[\"«“„(\[']?\s*$|[\"«“„]\s*$"
)


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str


def safe_text(text: str) -> str:
    """Replace lone surrogates by U+FFFD one for one, so offsets stay valid and encoders work."""
    return _LONE_SURROGATE.sub("\ufffd", text)


_DOCUMENT = 200  # characters; shorter texts are mentions and the words around them


def words(text: str, *, english: bool = False) -> list[Word]:
    """Letter-only word tokens; English possessive 's is left outside the token."""
    if len(text) < _DOCUMENT:
        return list(_mention_words(text, english))
    return list(_document_words(text, english))


@lru_cache(maxsize=16)
def _document_words(text: str, english: bool) -> tuple[Word, ...]:
    """Several pipeline stages tokenise the same document; do it once per document."""
    return _scan(text, english)


@lru_cache(maxsize=512)
def _mention_words(text: str, english: bool) -> tuple[Word, ...]:
    """Each mention is tokenised by several stages (keep list in three languages, NER clean-up,
    consistency, surrogates), and names recur within a text; a few hundred slots hold one
    text's mentions."""
    return _scan(text, english)


def _scan(text: str, english: bool) -> tuple[Word, ...]:
    out = []
    for m in WORD_RE.finditer(text):
        start, end = m.span()
        if english:
            p = _POSSESSIVE.search(m.group())
            if p and p.start() > 0:
                end = start + p.start()
        out.append(Word(start, end, text[start:end]))
    return tuple(out)


_ABBREVIATION_DOT = re.compile(r"(?:^|[^\w.])([^\W\d_]{1,5})\s?\.\s*$")


def is_sentence_start(text: str, pos: int) -> bool:
    """True when the word at pos opens a sentence, a line, a quote or a list item
    (a dot after an abbreviation such as "с." or "ул." opens nothing)."""
    if not text[:pos].strip():
        return True
    window = text[max(0, pos - 12) : pos]
    if not _SENTENCE_END.search(window[-8:]):
        return False
    abbreviation = _ABBREVIATION_DOT.search(window)
    return not (abbreviation and abbreviation.group(1) in ABBREVIATIONS)


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def match_casing(surrogate: str, original: str) -> str:
    """Give the surrogate the original's casing (Title, UPPER or lower)."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return surrogate.upper()
    if letters and letters[0].islower():
        return surrogate.lower()
    return "-".join(p[:1].upper() + p[1:] for p in surrogate.split("-"))
