"""Split a pseudonymised text into plain runs and pseudonyms, for highlighting in templates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from intake.pseudonymised import Pseudonym
from intake.services.marking import Word


@dataclass(frozen=True)
class Segment:
    text: str
    pseudonym: Pseudonym | None = None
    pick: str | None = None  # in mark mode: the value this word's checkbox posts


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


def pickable(
    text: str, spans: Iterable[Pseudonym], words: Iterable[Word], item: str
) -> list[Segment]:
    """Like :func:`segments`, with each free word a segment of its own that can be picked."""
    result: list[Segment] = []
    queue = sorted(words, key=lambda w: w.start)
    position = 0
    for seg in segments(text, spans):
        end = position + len(seg.text)
        if seg.pseudonym is None:
            cursor = position
            while queue and queue[0].end <= end:
                word = queue.pop(0)
                if word.start > cursor:
                    result.append(Segment(text[cursor : word.start]))
                result.append(Segment(word.text, pick=word.pick(item)))
                cursor = word.end
            if cursor < end:
                result.append(Segment(text[cursor:end]))
        else:
            result.append(seg)
        position = end
    return result
