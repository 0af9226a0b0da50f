"""Reader for the NER-UK 2.0 test split (Ukrainian, brat standoff over pre-tokenised text).

The corpus text has a space before every punctuation mark ("В . І . Вернадським ,"), which no
witness writes and which would handicap the pseudonymiser unfairly, so by default the text is
detokenised (spaces before closing and after opening punctuation removed) and gold offsets are
mapped onto the new text. Must-mask: PERS, LOC, ORG. Everything else (DATE, JOB, DOC, ART,
MON, ...) is informational.
"""

from __future__ import annotations

import re
from pathlib import Path

from redaction.evaluation.model import LOCATION, ORGANIZATION, PERSON, Document, Mention

NER_UK_MUST_MASK: dict[str, str] = {"PERS": PERSON, "LOC": LOCATION, "ORG": ORGANIZATION}

_CLOSING = set(".,:;!?)]}»%…")
_OPENING = set("([{«")
#: ``T1<TAB>LOC<TAB>112<TAB>119<TAB>surface`` (this corpus) or standard brat
#: ``T1<TAB>LOC 112 119<TAB>surface``; discontinuous ``a b;c d`` ranges become one range.
_ANN_LINE = re.compile(r"^T\d+\t(\S+)[ \t](\d+)(?: \d+;\d+)*[ \t](\d+)(?:\t|$)")


def detokenise(text: str) -> tuple[str, list[int]]:
    """Remove spaces before closing / after opening punctuation.

    Returns the new text and ``index_map`` with ``len(text) + 1`` entries: ``index_map[i]`` is
    the position in the new text of old character ``i`` (or of the next kept character when
    ``i`` was removed), so both start and end offsets map with ``index_map[offset]``.
    """
    out: list[str] = []
    index_map: list[int] = []
    for i, char in enumerate(text):
        index_map.append(len(out))
        if char == " ":
            nxt = text[i + 1] if i + 1 < len(text) else ""
            prev = out[-1] if out else ""
            if nxt in _CLOSING or prev in _OPENING:
                continue
        out.append(char)
    index_map.append(len(out))
    return "".join(out), index_map


def parse_brat(doc_id: str, text: str, ann_text: str, *, detok: bool = True) -> Document:
    """Build one document from a brat ``.txt`` / ``.ann`` pair (surfaces are re-read from text)."""
    index_map = list(range(len(text) + 1))
    new_text = text
    if detok:
        new_text, index_map = detokenise(text)
    must_mask: list[Mention] = []
    other: list[Mention] = []
    for line in ann_text.splitlines():
        match = _ANN_LINE.match(line)
        if not match:
            continue
        kind = match.group(1)
        start, end = index_map[int(match.group(2))], index_map[int(match.group(3))]
        surface = new_text[start:end]
        if not surface.strip():
            continue
        if kind in NER_UK_MUST_MASK:
            must_mask.append(Mention(start, end, NER_UK_MUST_MASK[kind], surface, kind))
        else:
            other.append(Mention(start, end, f"ner-uk:{kind}", surface, kind))
    must_mask.sort(key=lambda m: (m.start, m.end))
    other.sort(key=lambda m: (m.start, m.end))
    return Document(doc_id, "uk", new_text, must_mask, [], other)


def read_ner_uk(directory: Path, *, detok: bool = True) -> list[Document]:
    """Read every ``brat/NAME.txt`` with its ``NAME.ann``."""
    documents = []
    for ann_path in sorted((directory / "brat").glob("*.ann")):
        text_path = ann_path.with_suffix(".txt")
        if not text_path.exists():
            continue
        with text_path.open(encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
        documents.append(
            parse_brat(ann_path.stem, text, ann_path.read_text(encoding="utf-8"), detok=detok)
        )
    return documents
