"""Reader for our marked-up testimony set (``tests/data/testimonies*.json``).

The set is ours, so malformed records are errors, not skipped: a silently dropped mark would
turn a leak into an apparent success.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from redaction.evaluation.markup import parse_markup
from redaction.evaluation.model import LANGUAGES, Document

REPO_ROOT = Path(__file__).resolve().parents[3]
TESTIMONY_DIR = REPO_ROOT / "tests" / "data"


def default_testimony_files(directory: Path = TESTIMONY_DIR) -> list[Path]:
    """``testimonies.json`` plus any ``testimonies_*.json`` split files, in a stable order."""
    main = directory / "testimonies.json"
    splits = sorted(directory.glob("testimonies_*.json"))
    return ([main] if main.exists() else []) + splits


def parse_testimonies(records: Iterable[dict]) -> list[Document]:
    """Turn ``{"id", "lang", "text"}`` records (optional ``style``) with inline markup into
    documents."""
    documents = []
    seen: set[str] = set()
    for record in records:
        doc_id, lang, marked = record["id"], record["lang"], record["text"]
        if doc_id in seen:
            raise ValueError(f"duplicate testimony id {doc_id!r}")
        if lang not in LANGUAGES:
            raise ValueError(f"testimony {doc_id!r}: unknown lang {lang!r}")
        seen.add(doc_id)
        try:
            parsed = parse_markup(marked)
        except ValueError as error:
            raise ValueError(f"testimony {doc_id!r}: {error}") from error
        documents.append(
            Document(
                doc_id,
                lang,
                parsed.text,
                parsed.must_mask,
                parsed.keep,
                style=str(record.get("style") or ""),
            )
        )
    return documents


def read_testimonies(paths: Sequence[Path]) -> list[Document]:
    """Read and concatenate JSON lists from ``paths`` (ids must be unique across files)."""
    records: list[dict] = []
    for path in paths:
        records.extend(json.loads(path.read_text(encoding="utf-8")))
    return parse_testimonies(records)
