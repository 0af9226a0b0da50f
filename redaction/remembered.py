"""Mentions of what a testimony's memory already holds, found without any model.

A follow-up message ("Бес called again") may name someone only in a form no recogniser would
flag on its own; the memory of the original testimony (and the identifiers editors marked)
knows the name, so every mention of it is caught here, in any inflected form.
"""

from __future__ import annotations

from collections.abc import Callable

from redaction import morph
from redaction.consistency import word_keys
from redaction.labels import PERSON
from redaction.memory import Memory
from redaction.text import is_capitalised, words
from redaction.types import Detection


def _terms(memory: Memory) -> list[tuple[str, tuple[str, ...]]]:
    """(label, lemma words) for every remembered identifier."""
    terms = []
    for key in memory.entries:
        label, _, lemma = key.split("|", 2)
        parts = tuple(lemma.split())
        if parts:
            terms.append((label, parts))
    return terms


def remembered(
    text: str, memory: Memory | None, language_at: Callable[[int], str]
) -> list[Detection]:
    if memory is None or not memory.entries:
        return []
    terms = _terms(memory)
    found = []
    tokens_by_language: dict[str, list] = {}
    for language in {language_at(0), *(language_at(w.start) for w in words(text))}:
        tokens_by_language[language] = words(text, english=language == "en")
    for language, tokens in tokens_by_language.items():
        for i, first in enumerate(tokens):
            if language_at(first.start) != language:
                continue
            for label, parts in terms:
                window = tokens[i : i + len(parts)]
                if len(window) < len(parts) or not all(
                    lemma in word_keys(language, w.text)
                    for w, lemma in zip(window, parts, strict=True)
                ):
                    continue
                # A lower-case person word that is also an ordinary word ("роман", "will")
                # stays: other identifiers were marked deliberately and match in any case.
                if (
                    label == PERSON
                    and not is_capitalised(first.text)
                    and (language == "en" or morph.is_common_word(language, first.text))
                ):
                    continue
                found.append(Detection(first.start, window[-1].end, label, 1.0, "memory"))
    return found
