"""Reader for the factRuEval-2016 test set (Russian news).

Gold mentions come from the object layer (``.objects``), which groups typed spans into
Person / Location / LocOrg / Org / Facility mentions. Only the *name* parts of an object are
must-mask (first name, surname, patronymic, nickname, location or organisation name);
descriptors ("компания", "города"), job titles and geographic adjectives ("российской")
identify nobody and are kept as informational mentions. Name spans of one object that are
adjacent (only spaces or punctuation between them) form a single mention.
"""

from __future__ import annotations

from pathlib import Path

from redaction.evaluation.model import FACILITY, LOCATION, ORGANIZATION, PERSON, Document, Mention

OBJECT_LABELS: dict[str, str] = {
    "Person": PERSON,
    "Location": LOCATION,
    "LocOrg": LOCATION,
    "Org": ORGANIZATION,
    "Facility": FACILITY,
}
NAME_SPAN_TYPES = frozenset(
    {"name", "surname", "patronymic", "nickname", "loc_name", "org_name", "facility_name"}
)
_JOINERS = " \t\n,.-«»\"'()"


def _parse_spans(spans_text: str) -> dict[str, tuple[str, int, int]]:
    """``id type start length ...`` -> {id: (type, start, end)}."""
    spans: dict[str, tuple[str, int, int]] = {}
    for line in spans_text.splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 4:
            span_id, kind, start, length = fields[:4]
            spans[span_id] = (kind, int(start), int(start) + int(length))
    return spans


def _merge_adjacent(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union overlapping ranges and join those separated only by spaces/punctuation."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip(_JOINERS)):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def parse_factrueval(doc_id: str, text: str, spans_text: str, objects_text: str) -> Document:
    """Build one document from the contents of ``NAME.txt``, ``NAME.spans``, ``NAME.objects``."""
    spans = _parse_spans(spans_text)
    must_mask: dict[tuple[int, int], Mention] = {}
    used: set[str] = set()
    for line in objects_text.splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) < 3 or fields[1] not in OBJECT_LABELS:
            continue
        kind, span_ids = fields[1], [s for s in fields[2:] if s in spans]
        names = [sid for sid in span_ids if spans[sid][0] in NAME_SPAN_TYPES]
        used.update(names)
        for start, end in _merge_adjacent(text, [spans[sid][1:] for sid in names]):
            must_mask.setdefault(
                (start, end), Mention(start, end, OBJECT_LABELS[kind], text[start:end], kind)
            )
    other = [
        Mention(start, end, f"factrueval:{kind}", text[start:end], kind)
        for sid, (kind, start, end) in sorted(spans.items(), key=lambda item: item[1][1:])
        if sid not in used and text[start:end].strip()
    ]
    return Document(doc_id, "ru", text, sorted(must_mask.values(), key=_order), [], other)


def _order(mention: Mention) -> tuple[int, int]:
    return mention.start, mention.end


def read_factrueval(directory: Path) -> list[Document]:
    """Read every ``NAME.txt`` that has ``NAME.spans`` and ``NAME.objects`` next to it."""
    documents = []
    for spans_path in sorted(directory.glob("*.spans")):
        stem = spans_path.with_suffix("")
        objects_path = stem.with_suffix(".objects")
        text_path = stem.with_suffix(".txt")
        if not (objects_path.exists() and text_path.exists()):
            continue
        documents.append(
            parse_factrueval(
                stem.name,
                _read_exact(text_path),
                spans_path.read_text(encoding="utf-8"),
                objects_path.read_text(encoding="utf-8"),
            )
        )
    return documents


def _read_exact(path: Path) -> str:
    """Read without newline translation: offsets count every character, including ``\\r``."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return handle.read()
