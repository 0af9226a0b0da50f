"""A tiny dictionary redactor standing in for ``redaction.redact`` (no models needed)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FakeSpan:
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class FakeResult:
    text: str
    spans: list[FakeSpan] = field(default_factory=list)
    language: str = "en"


def apply_spans(text: str, spans: list[FakeSpan]) -> FakeResult:
    """Replace each span by ``<LABEL>``, like a pseudonymiser would replace it by a surrogate."""
    out, last = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        out.append(text[last : span.start])
        out.append(f"<{span.label}>")
        last = span.end
    out.append(text[last:])
    return FakeResult("".join(out), sorted(spans, key=lambda s: s.start))


def dictionary_redactor(entries: dict[str, str]) -> Callable[[str, str], FakeResult]:
    """Redact every whole-word, case-sensitive occurrence of each key with its label."""

    def redact(text: str, language: str) -> FakeResult:
        spans: list[FakeSpan] = []
        for surface, label in entries.items():
            for match in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
                if not any(s.start < match.end() and match.start() < s.end for s in spans):
                    spans.append(FakeSpan(match.start(), match.end(), label))
        result = apply_spans(text, spans)
        return FakeResult(result.text, result.spans, language)

    return redact
