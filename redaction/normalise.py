"""The normalise stage before recognition: Latin-script Russian/Ukrainian paragraphs projected to
Cyrillic, then lower-case and ALL-CAPS paragraphs truecased. Recognisers run on the view;
spans map back to the input, and surrogates are written back in the writer's script and case.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from redaction import translit
from redaction.text import match_casing
from redaction.truecase import truecase
from redaction.view import View

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Normalised:
    """The view, its language runs in view offsets, and the transliterated view ranges."""

    view: View
    runs: list[tuple[int, int, str]]
    latin: list[tuple[int, int, translit.Style]]

    def original_form(self, surrogate: str, start: int, end: int) -> str:
        """A surrogate for view[start:end] as the input wrote it: Latin letters in the writer's
        style where the input was transliterated, and the input's casing where it was recased."""
        o_start, o_end = self.view.to_original(start, end)
        original = self.view.original[o_start:o_end]
        if original == self.view.text[start:end]:
            return surrogate
        i = bisect.bisect_right([s for s, _, _ in self.latin], start) - 1
        if i >= 0 and self.latin[i][0] <= start < self.latin[i][1]:
            surrogate = self.latin[i][2].latin(surrogate)
        letters = [c for c in original if c.isalpha()]
        if letters and (letters[0].islower() or all(c.isupper() for c in letters)):
            return match_casing(surrogate, original)
        return surrogate


def _latin_runs(text: str, runs: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """English runs split where a paragraph reads as Latin-script Russian or Ukrainian: a
    caller that says "en" for a text typed without a Cyrillic keyboard is taken at its word
    only for the paragraphs that are English."""
    out: list[tuple[int, int, str]] = []
    for start, end, language in runs:
        pieces = [(start, language)]
        if language == "en":
            for m in _PARAGRAPH.finditer(text, start, end):
                found = translit.is_latin(m.group()) and translit.latin_language(m.group())
                pieces.append((m.start(), found or "en"))
        for (s, lang), (nxt, _) in zip(pieces, [*pieces[1:], (end, "")], strict=True):
            if nxt <= s:
                continue
            if out and out[-1][2] == lang and out[-1][1] == s:
                out[-1] = (out[-1][0], nxt, lang)
            else:
                out.append((s, nxt, lang))
    return out or runs


def normalise(text: str, runs: list[tuple[int, int, str]]) -> Normalised:
    """Project and truecase the runs that need it; other text is copied unchanged."""
    runs = _latin_runs(text, runs)
    edits: list[tuple[int, int, str]] = []
    latin: list[tuple[int, int, translit.Style]] = []
    for start, end, language in runs:
        if language == "en":
            continue
        for m in _PARAGRAPH.finditer(text, start, end):
            paragraph = m.group()
            # In a Russian or Ukrainian run, Latin letters are transliteration unless English.
            if not translit.is_latin(paragraph) or translit.is_english(paragraph):
                continue
            style = translit.style_of(paragraph, language)
            latin.append((m.start(), m.end(), style))
            edits += [
                (m.start() + s, m.start() + e, cyr)
                for s, e, cyr in translit.projection(paragraph, language)
            ]
    view = View.rewrite(text, edits) if edits else View.identity(text)
    view_runs = [(view.to_view(s), view.to_view(e), lang) for s, e, lang in runs]
    recased = "".join(truecase(view.text[s:e], lang) for s, e, lang in view_runs)
    if recased != view.text:
        view = view.recased(recased)
    view_latin = [(view.to_view(s), view.to_view(e), style) for s, e, style in latin]
    return Normalised(view, view_runs, view_latin)
