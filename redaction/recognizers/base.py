"""Declarative recogniser shape (after Presidio's PatternRecognizer): patterns, context, validator.

A subclass lists its regex patterns with a score, the languages it serves and, optionally, context
words that must appear shortly before a match for patterns marked `needs_context`. `validate` can
reject a match (checksums, impossible dates). A named group `value` narrows the span to the
identifier itself, so "в/ч 12345" replaces only the number.

Case-insensitive patterns run case-sensitively over the lower-cased text: Python's `re` cannot
skip ahead on a case-insensitive alternation of trigger words ("позывн|позивн|callsign|...") and
tries every branch at every position, which made these patterns cost as much as the rest of the
pipeline put together. Lower-casing both sides is the same match for the scripts served here and
about ten times faster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar, Protocol

from redaction.recognizers.first_chars import compile_scanning
from redaction.types import Detection

_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-ZА-ЯЁІЇЄҐ])|\n")


class Recognizer(Protocol):
    label: str
    languages: frozenset[str]

    def analyze(self, text: str, language: str) -> list[Detection]: ...


@dataclass(frozen=True, slots=True)
class Pattern:
    regex: str
    score: float
    needs_context: bool = False
    flags: int = re.IGNORECASE
    # Lower-case strings a text must contain one of to hold a match ("@" for e-mail): texts
    # without any are not searched at all.
    requires: tuple[str, ...] = ()


class PatternRecognizer:
    label: ClassVar[str]
    languages: ClassVar[frozenset[str]] = frozenset({"en", "ru", "uk"})
    patterns: ClassVar[tuple[Pattern, ...]]
    context: ClassVar[tuple[str, ...]] = ()
    context_window: ClassVar[int] = 40

    @cached_property
    def _compiled(self) -> list[tuple[re.Pattern[str], re.Pattern[str] | None, Pattern]]:
        """Each pattern as written, and its lower-case twin for the lower-cased text when the
        pattern ignores case."""
        return [
            (
                compile_scanning(p.regex, p.flags),
                compile_scanning(lowercase_pattern(p.regex), p.flags & ~re.IGNORECASE)
                if p.flags & re.IGNORECASE
                else None,
                p,
            )
            for p in self.patterns
        ]

    def validate(self, value: str) -> bool:
        """Override to reject matches that only look like the identifier."""
        return bool(value)

    def has_context(self, text: str, start: int) -> bool:
        """A context word shortly before the match, in the same sentence."""
        before = text[max(0, start - self.context_window) : start]
        before = _SENTENCE_BREAK.split(before)[-1].lower()
        return any(word in before for word in self.context)

    def analyze(self, text: str, language: str) -> list[Detection]:
        """Matches of every pattern, one detection per span (the best-scoring pattern's)."""
        found: dict[tuple[int, int], Detection] = {}
        lowered = text.lower()
        aligned = len(lowered) == len(text)  # no letter lower-cases to two ("İ")
        for regex, folded, pattern in self._compiled:
            if pattern.requires and not any(r in lowered for r in pattern.requires):
                continue
            matches = folded.finditer(lowered) if folded and aligned else regex.finditer(text)
            for m in matches:
                group = "value" if "value" in regex.groupindex and m.group("value") else 0
                start, end = m.span(group)
                if start == end or not self.validate(text[start:end]):
                    continue
                if pattern.needs_context and not self.has_context(text, m.start()):
                    continue
                if (start, end) not in found or found[(start, end)].score < pattern.score:
                    found[(start, end)] = Detection(
                        start, end, self.label, pattern.score, type(self).__name__
                    )
        return sorted(found.values(), key=lambda d: (d.start, d.end))


_ESCAPE_OR_GROUP_NAME = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)")


def lowercase_pattern(regex: str) -> str:
    """The pattern with its literals and classes lower-cased; escapes (\\W, \\S, \\D) and group
    names stay as they are."""
    out, last = [], 0
    for m in _ESCAPE_OR_GROUP_NAME.finditer(regex):
        out += [regex[last : m.start()].lower(), m.group()]
        last = m.end()
    out.append(regex[last:].lower())
    return "".join(out)
