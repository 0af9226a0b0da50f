"""Parser for the testimony markup ``[[TYPE|surface]]`` (see /work/shared/eval/README.md).

Writing gold spans inline keeps the testimony set easy to read and extend by hand; this module
turns it into plain text plus offsets, and rejects anything that would silently corrupt the
gold standard (unknown types, empty or padded surfaces, nested or stray brackets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from redaction.evaluation.model import (
    CONTACT,
    DATE,
    ID,
    KEEP,
    LOCATION,
    ORGANIZATION,
    PERSON,
    Mention,
)

#: Markup types and the canonical label each one is scored under.
MARKUP_LABELS: dict[str, str] = {
    "PER": PERSON,
    "LOC": LOCATION,
    "ORG": ORGANIZATION,
    "CONTACT": CONTACT,
    "ID": ID,
    "DATE_EXACT": DATE,
    "KEEP": KEEP,
}

_MARK = re.compile(r"\[\[([A-Z_]*)\|([^\[\]|]*)\]\]")


class MarkupError(ValueError):
    """The markup is malformed; the message says where."""


@dataclass(frozen=True)
class ParsedMarkup:
    """Plain text with must-mask and keep mentions (offsets into ``text``)."""

    text: str
    must_mask: list[Mention]
    keep: list[Mention]


def parse_markup(marked: str) -> ParsedMarkup:
    """Strip ``[[TYPE|surface]]`` marks from ``marked`` and return the mentions they denote."""
    parts: list[str] = []
    must_mask: list[Mention] = []
    keep: list[Mention] = []
    plain_len = 0
    last = 0
    for match in _MARK.finditer(marked):
        before = marked[last : match.start()]
        _reject_stray(before, marked, last)
        parts.append(before)
        plain_len += len(before)
        kind, surface = match.group(1), match.group(2)
        if kind not in MARKUP_LABELS:
            raise MarkupError(f"unknown type {kind!r} at {match.start()}: {match.group(0)!r}")
        if not surface.strip():
            raise MarkupError(f"empty surface at {match.start()}: {match.group(0)!r}")
        if surface != surface.strip():
            raise MarkupError(f"surface padded with spaces at {match.start()}: {surface!r}")
        mention = Mention(plain_len, plain_len + len(surface), MARKUP_LABELS[kind], surface, kind)
        (keep if kind == "KEEP" else must_mask).append(mention)
        parts.append(surface)
        plain_len += len(surface)
        last = match.end()
    tail = marked[last:]
    _reject_stray(tail, marked, last)
    parts.append(tail)
    return ParsedMarkup("".join(parts), must_mask, keep)


def _reject_stray(chunk: str, marked: str, offset: int) -> None:
    """Leftover brackets mean a mark was mistyped and its span would be lost silently."""
    for token in ("[[", "]]"):
        pos = chunk.find(token)
        if pos >= 0:
            where = offset + pos
            snippet = marked[max(0, where - 30) : where + 30]
            raise MarkupError(f"stray {token!r} at {where}: {snippet!r}")
