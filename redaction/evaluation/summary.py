"""The four headline figures per language and per writing style, checked against targets.

Issue #9 judges redaction by four figures on testimonies nobody tuned it on: share of
identifying mentions replaced, share of documents with any leak, share of public names kept,
and share of replaced spans touching nothing identifying. Styles (lower-case phone messages,
Latin-script Russian, formal complaints...) fail in different ways, so every figure is given
per language and per style, not only overall.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from redaction.evaluation.scoring import ALL, Counts, DocumentScore

BY_ALL = "all"
BY_LANGUAGE = "language"
BY_STYLE = "style"
NO_STYLE = "(none)"


@dataclass(frozen=True)
class Target:
    """A bound on one figure: ``figure(counts) <op> bound``."""

    name: str
    figure: Callable[[Counts], float | None]
    bound: float
    compare: Callable[[float, float], bool]
    symbol: str

    def met(self, counts: Counts) -> bool | None:
        """Whether ``counts`` meets the target (None when the figure is undefined)."""
        value = self.figure(counts)
        return None if value is None else self.compare(value, self.bound)


TARGETS: tuple[Target, ...] = (
    Target("recall", lambda c: c.recall, 0.98, operator.ge, "≥"),
    Target("leak docs", lambda c: c.leak_rate, 0.10, operator.le, "≤"),
    Target("keep", lambda c: c.keep_rate, 0.90, operator.ge, "≥"),
    Target("over-masking", lambda c: c.over_masking, 0.15, operator.le, "≤"),
)

SummaryKey = tuple[str, str, str]  # (corpus, grouping, group name)


def summarise(scores: Mapping[str, Iterable[DocumentScore]]) -> dict[SummaryKey, Counts]:
    """Per corpus: one cell for all documents, one per language, one per style.

    Style cells appear only for corpora whose documents carry a style.
    """
    cells: dict[SummaryKey, Counts] = {}
    for corpus, corpus_scores in scores.items():
        corpus_scores = list(corpus_scores)
        styled = any(score.document.style for score in corpus_scores)
        for score in corpus_scores:
            keys = [(corpus, BY_ALL, ALL), (corpus, BY_LANGUAGE, score.document.lang)]
            if styled:
                keys.append((corpus, BY_STYLE, score.document.style or NO_STYLE))
            for key in keys:
                cells.setdefault(key, Counts()).add_document(score)
    return dict(sorted(cells.items(), key=_order))


def _order(item: tuple[SummaryKey, Counts]) -> tuple[str, int, str]:
    (corpus, grouping, name), _ = item
    return corpus, (BY_ALL, BY_LANGUAGE, BY_STYLE).index(grouping), name
