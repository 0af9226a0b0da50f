"""Evaluation of the pseudonymiser against public corpora and our own testimony set.

The package is split so that each part can be tested without models or files:

* :mod:`.model` - plain data types (``Document``, ``Mention``) and the redactor protocol.
* :mod:`.markup` - parser for the ``[[TYPE|surface]]`` testimony markup.
* :mod:`.readers` - pure corpus readers (TAB, factRuEval-2016, NER-UK 2.0, testimonies).
* :mod:`.scoring` - pure scoring rules (catch/leak, keep, token precision) and aggregation.
* :mod:`.report` - rich tables, miss listings and the JSON export.
* :mod:`.cli` - the ``python -m redaction.evaluation`` command (the only place doing I/O
  beyond reading corpora).
"""

from redaction.evaluation.model import Document, Mention, RedactFn
from redaction.evaluation.scoring import Counts, DocumentScore, aggregate, score_document

__all__ = [
    "Counts",
    "Document",
    "DocumentScore",
    "Mention",
    "RedactFn",
    "aggregate",
    "score_document",
]
