"""A rewritten view of a text (truecased, or Latin script projected to Cyrillic) that maps its
offsets back to the original, so recognisers can run on the view and spans land on the input.

The view is built from pieces: text copied as is, or one original range rewritten as a whole
(a word). A view offset inside a copied piece maps one to one; inside a rewritten piece it maps
to the piece's start (for a span start) or end (for a span end), so a span never splits a word.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Piece:
    """view[view_start:view_start+len(text)] stands for original[start:end]."""

    view_start: int
    start: int
    end: int
    text: str
    rewritten: bool = False

    @property
    def view_end(self) -> int:
        return self.view_start + len(self.text)

    @property
    def copied(self) -> bool:
        """Copied (perhaps recased): offsets inside map one to one."""
        return not self.rewritten


@dataclass(frozen=True)
class View:
    """The text recognisers see; `original` is the input it stands for."""

    original: str
    text: str
    pieces: tuple[Piece, ...]
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [p.view_start for p in self.pieces])

    @classmethod
    def identity(cls, text: str) -> View:
        return cls(text, text, (Piece(0, 0, len(text), text),))

    @classmethod
    def rewrite(cls, original: str, edits: Iterable[tuple[int, int, str]]) -> View:
        """Replace disjoint, sorted original ranges by new text; everything else is copied."""
        pieces: list[Piece] = []
        out: list[str] = []
        pos = length = 0
        for start, end, new in edits:
            if start < pos:
                raise ValueError("edits overlap or are not sorted")
            if start > pos:
                pieces.append(Piece(length, pos, start, original[pos:start]))
                out.append(original[pos:start])
                length += start - pos
            pieces.append(Piece(length, start, end, new, rewritten=True))
            out.append(new)
            length += len(new)
            pos = end
        if pos < len(original) or not pieces:
            pieces.append(Piece(length, pos, len(original), original[pos:]))
            out.append(original[pos:])
        return cls(original, "".join(out), tuple(pieces))

    def recased(self, text: str) -> View:
        """The same view with the letters' case changed (same length, same pieces)."""
        if len(text) != len(self.text):
            raise ValueError("recasing must keep the length")
        pieces = tuple(
            Piece(p.view_start, p.start, p.end, text[p.view_start : p.view_end], p.rewritten)
            for p in self.pieces
        )
        return View(self.original, text, pieces)

    def piece_at(self, pos: int) -> Piece:
        return self.pieces[max(0, bisect.bisect_right(self._starts, pos) - 1)]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original range of the view range [start, end), widened to whole rewritten pieces."""
        first = self.piece_at(start)
        if first.copied:
            o_start = first.start + start - first.view_start
        else:
            o_start = first.end if start >= first.view_end else first.start
        last = self.piece_at(max(start, end - 1))
        if end >= last.view_end:
            o_end = last.end
        elif last.copied:
            o_end = last.start + end - last.view_start
        else:
            o_end = last.end
        return o_start, max(o_start, o_end)

    def to_view(self, pos: int) -> int:
        """View offset of an original offset (the start of a rewritten piece it falls in)."""
        starts = [p.start for p in self.pieces]
        piece = self.pieces[max(0, bisect.bisect_right(starts, pos) - 1)]
        if piece.copied or pos == piece.start:
            return piece.view_start + min(pos - piece.start, len(piece.text))
        return piece.view_end if pos >= piece.end else piece.view_start
