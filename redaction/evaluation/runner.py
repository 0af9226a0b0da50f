"""Run an injected redactor over documents and score the results.

Kept apart from the CLI so that tests can drive a whole evaluation with a fake ``redact``.
A redactor exception on one document is recorded and scored as "nothing redacted" (the
output equals the input): that is what a crash means for a witness, and one bad document
should not hide the figures for the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from redaction.evaluation.agreement import Agreement, check_document
from redaction.evaluation.model import Document, PublicFn, RedactFn
from redaction.evaluation.scoring import Aggregate, DocumentScore, aggregate, score_document


@dataclass(frozen=True)
class _Unredacted:
    """Stand-in result for a document on which the redactor raised."""

    text: str
    spans: tuple = ()


@dataclass
class Evaluation:
    """Everything the report needs: aggregated counts, per-document scores, errors."""

    aggregate: Aggregate = field(default_factory=Aggregate)
    scores: dict[str, list[DocumentScore]] = field(default_factory=dict)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # corpus, doc id, error
    keep_policy: bool = False  # whether mentions were checked against a keep policy
    agreement: Agreement = field(default_factory=Agreement)  # ru/uk surrogates in context


def evaluate(
    corpora: dict[str, Sequence[Document]],
    redact: RedactFn,
    *,
    auto_language: bool = False,
    is_public: PublicFn | None = None,
    on_document: Callable[[str], None] | None = None,
) -> Evaluation:
    """Redact every document of every corpus and score it.

    ``auto_language`` passes ``"auto"`` instead of the gold language, to measure the
    pseudonymiser together with its language detection. ``is_public`` flags must-mask mentions
    the keep policy leaves readable (see :mod:`.scoring`). ``on_document(corpus)`` is called
    after each document (progress bars).
    """
    result = Evaluation(keep_policy=is_public is not None)
    for corpus, documents in corpora.items():
        scores: list[DocumentScore] = []
        for doc in documents:
            try:
                redaction = redact(doc.text, "auto" if auto_language else doc.lang)
            except Exception as error:  # recorded, scored as unredacted
                result.errors.append((corpus, doc.id, f"{type(error).__name__}: {error}"))
                redaction = _Unredacted(doc.text)
            scores.append(score_document(doc, redaction, is_public))
            result.agreement.add(check_document(doc, redaction))
            if on_document is not None:
                on_document(corpus)
        result.scores[corpus] = scores
        aggregate(corpus, scores, into=result.aggregate)
    return result
