"""Corpus readers: each turns one on-disk format into ``list[Document]``.

Every reader has a pure ``parse_*`` function (strings in, documents out, tested on inline
samples) and a thin ``read_*`` wrapper that only finds and opens files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from redaction.evaluation.model import Document
from redaction.evaluation.readers.factrueval import parse_factrueval, read_factrueval
from redaction.evaluation.readers.ner_uk import detokenise, parse_brat, read_ner_uk
from redaction.evaluation.readers.tab import parse_tab, read_tab
from redaction.evaluation.readers.testimonies import (
    default_testimony_files,
    parse_testimonies,
    read_testimonies,
)

#: Corpus name -> sub-directory of the data folder (testimonies live in the repo instead).
CORPUS_DIRS: dict[str, str] = {
    "tab": "tab-test",
    "factrueval": "factrueval-2016-test",
    "ner-uk": "ner-uk-2.0-test",
}
CORPORA: tuple[str, ...] = ("tab", "factrueval", "ner-uk", "testimonies")

_READERS: dict[str, Callable[[Path], list[Document]]] = {
    "tab": read_tab,
    "factrueval": read_factrueval,
    "ner-uk": read_ner_uk,
}


def load_corpus(
    name: str, data_dir: Path, testimony_files: Sequence[Path] | None = None
) -> list[Document]:
    """Read corpus ``name``; public corpora from ``data_dir``, testimonies from the repo."""
    if name == "testimonies":
        return read_testimonies(testimony_files or default_testimony_files())
    if name not in _READERS:
        raise ValueError(f"unknown corpus {name!r}; expected one of {', '.join(CORPORA)}")
    return _READERS[name](data_dir / CORPUS_DIRS[name])


__all__ = [
    "CORPORA",
    "CORPUS_DIRS",
    "default_testimony_files",
    "detokenise",
    "load_corpus",
    "parse_brat",
    "parse_factrueval",
    "parse_tab",
    "parse_testimonies",
    "read_factrueval",
    "read_ner_uk",
    "read_tab",
    "read_testimonies",
]
