"""Split a pseudonymised text into plain runs and pseudonyms, for highlighting in templates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from intake.pseudonymised import Pseudonym


@dataclass(frozen=True)
class Segment:
    text: str
    pseudonym: Pseudonym | None = None


def segments(text: str, spans: Iterable[Pseudonym]) -> list[Segment]:
    """Runs covering ``text`` exactly; a span that overlaps an earlier one or overruns is shown
    as plain text rather than breaking the page."""
    result: list[Segment] = []
    position = 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.start < position or span.end > len(text) or span.start >= span.end:
            continue
        if span.start > position:
            result.append(Segment(text[position : span.start]))
        result.append(Segment(text[span.start : span.end], span))
        position = span.end
    if position < len(text):
        result.append(Segment(text[position:]))
    return result
