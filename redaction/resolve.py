"""Turn overlapping candidate detections into sorted, disjoint spans.

Overlapping candidates are merged into their union (masking more is the safe side); the label
comes from the most confident, then longest, member.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from redaction.labels import ORGANIZATION
from redaction.types import Detection

_EDGE = " \t\r\n\u00a0.,;:!?()[]{}\"'«»“”„‘’`—–-/\\|*"


def _trim(text: str, d: Detection) -> Detection | None:
    start, end = max(0, d.start), min(len(text), d.end)
    while start < end and text[start] in _EDGE and not text[start:end].startswith(("+", "@")):
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if start >= end:
        return None
    if text.count("«", start, end) > text.count("»", start, end) and text[end : end + 1] == "»":
        end += 1  # ООО «Солнечный берег»: keep the closing quote with its opening one
    return Detection(start, end, d.label, d.score, d.source)


_ABBREVIATION = re.compile(r"[A-ZА-ЯЁІЇЄҐ]{2,6}")
_CODE_NUMBER = re.compile(r"-\d{1,6}(?![\w/-])")


def _with_number(text: str, d: Detection) -> Detection:
    """An organisation named by an abbreviation takes the number after it ("ПАТП-2" is depot
    No. 2): a surrogate followed by the real "-2" would leave the workplace readable."""
    if d.label != ORGANIZATION or not _ABBREVIATION.fullmatch(text, d.start, d.end):
        return d
    number = _CODE_NUMBER.match(text, d.end)
    return Detection(d.start, number.end(), d.label, d.score, d.source) if number else d


def resolve(text: str, detections: Iterable[Detection]) -> list[Detection]:
    trimmed = sorted(
        (t for d in detections if (t := _trim(text, _with_number(text, d))) is not None),
        key=lambda d: (d.start, -d.end),
    )
    clusters: list[list[Detection]] = []
    end = -1
    for d in trimmed:
        if clusters and d.start < end:
            clusters[-1].append(d)
            end = max(end, d.end)
        else:
            clusters.append([d])
            end = d.end
    out = []
    for group in clusters:
        best = max(group, key=lambda d: (d.score, d.end - d.start))
        out.append(
            Detection(
                group[0].start, max(d.end for d in group), best.label, best.score, best.source
            )
        )
    return out
