"""Case, application, file and plot numbers, including every number of a list after one
context word: "applications nos. 8319/07 and 11449/07", "file nos. 36529/97 and 37393/97",
"no. 31/1993/426/505", "criminal case no. 1-234/2022", "plots nos. 19, 20 and 29".

A court or registry number leads straight to the person's file, and a testimony that names one
case usually names the co-defendants' too, as a list. Only the first number of such a list has
the context word next to it, so the list is followed to its end. Numbers with a slash are
distinctive enough after a bare "no."; plain numbers need a word saying what they number
(a bare "no. 5" is as often a law, a protocol or a school).
"""

from __future__ import annotations

import re

from redaction.labels import ID
from redaction.types import Detection

_SLASHED = r"(?:\d{1,2}-)?\d{1,6}(?:/\d{1,6})+"
_PLAIN = r"\d{2,8}"
_THING = (
    r"(?:applications?|files?|(?:criminal\s+|court\s+)?cases?|plots?|complaints?|petitions?|"
    r"registrations?|proceedings|dossiers?|cadastral)"
)
_NUMBER_WORD = r"(?:nos?\.?|numbers?|№|#)"
# A word naming what is numbered, then "no."/"number": plain numbers are identifiers too.
_STRONG = re.compile(rf"\b{_THING}\s+{_NUMBER_WORD}\s*(?={_PLAIN}(?!\d))", re.IGNORECASE)
# Only "no."/"nos.": the number must have a slash ("no. 31/1993/426/505").
_WEAK = re.compile(rf"(?:\bnos?\.|№)\s*(?={_SLASHED}(?!\d))", re.IGNORECASE)
_SEPARATOR = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+)"


def _list_of(value: str) -> re.Pattern[str]:
    return re.compile(rf"(?P<value>{value})(?![\d/])(?:{_SEPARATOR}(?={value}(?![\d/])))?")


_STRONG_LIST = _list_of(rf"(?:{_SLASHED}|{_PLAIN})")
_WEAK_LIST = _list_of(_SLASHED)


class CaseNumberRecognizer:
    label = ID
    languages = frozenset({"en"})
    score = 0.85

    def analyze(self, text: str, language: str) -> list[Detection]:
        found: dict[tuple[int, int], Detection] = {}
        for anchor, items in ((_STRONG, _STRONG_LIST), (_WEAK, _WEAK_LIST)):
            for m in anchor.finditer(text):
                for start, end in _numbers_from(text, m.end(), items):
                    found[(start, end)] = Detection(start, end, ID, self.score, "case_number")
        return sorted(found.values(), key=lambda d: d.start)


def _numbers_from(text: str, pos: int, items: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans of the numbers listed from `pos` on: "26480/95, 28291/95 and 29280/95"."""
    spans = []
    while (m := items.match(text, pos)) is not None:
        spans.append(m.span("value"))
        if m.end() == m.end("value"):
            break
        pos = m.end()
    return spans
