"""Presentation: rich tables, miss listings and the JSON export (no scoring logic here)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.table import Table

from redaction.evaluation.agreement import CHECKED_LANGUAGES
from redaction.evaluation.model import KEEP
from redaction.evaluation.readers import CORPORA
from redaction.evaluation.runner import Evaluation
from redaction.evaluation.scoring import ALL, Counts, DocumentScore, Key, MentionOutcome
from redaction.evaluation.summary import TARGETS, SummaryKey, summarise

CONTEXT_CHARS = 40


@dataclass(frozen=True)
class Miss:
    """One failed gold mention with a little context, for developers."""

    corpus: str
    doc_id: str
    lang: str
    label: str
    source_label: str
    surface: str
    reason: str
    context: str
    public: bool = False

    def as_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return dict(self.__dict__)


def _fmt_rate(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def _row_order(key: Key) -> tuple[int, str, int, str]:
    corpus, lang, label = key
    corpus_rank = CORPORA.index(corpus) if corpus in CORPORA else len(CORPORA)
    label_rank = 0 if label == ALL else 2 if label == KEEP else 1
    return corpus_rank, lang, label_rank, label


def sorted_rows(rows: dict[Key, Counts]) -> list[tuple[Key, Counts]]:
    """Rows grouped by corpus then language, ``ALL`` first and ``KEEP`` last."""
    return sorted(rows.items(), key=lambda item: _row_order(item[0]))


def figures_table(evaluation: Evaluation) -> Table:
    """Main table: recall, keep rate, token precision and leaking documents."""
    table = Table(title="Redaction figures (corpus × language × label)")
    for name, justify in (
        ("corpus", "left"),
        ("lang", "left"),
        ("label", "left"),
        ("mentions", "right"),
        ("recall", "right"),
        ("keep", "right"),
        ("tok. prec.", "right"),
        ("replaced tok.", "right"),
        ("docs", "right"),
        ("leak docs", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
        if name == "recall" and evaluation.keep_policy:
            table.add_column("recall ¬public", justify="right")
    for (corpus, lang, label), c in sorted_rows(evaluation.aggregate.rows):
        keep = f"{c.kept}/{c.keep_total} {_fmt_rate(c.keep_rate)}" if c.keep_total else "–"
        table.add_row(
            corpus,
            lang,
            f"[bold]{label}[/]" if label == ALL else label,
            str(c.mentions) if c.mentions else "–",
            _fmt_rate(c.recall),
            *([_fmt_rate(c.recall_private)] if evaluation.keep_policy else []),
            keep,
            _fmt_rate(c.token_precision),
            str(c.replaced_tokens),
            str(c.docs) if c.docs else "–",
            str(c.leak_docs) if c.docs else "–",
        )
    return table


def summary_table(evaluation: Evaluation) -> Table:
    """The four headline figures per language and per style, each marked against its target."""
    table = Table(title="Headline figures per language and per style (✓/✗: issue #9 target)")
    for name in ("corpus", "by", "group", "docs", "mentions"):
        table.add_column(name, justify="left" if name in ("corpus", "by", "group") else "right")
    for target in TARGETS:
        table.add_column(f"{target.name} {target.symbol}{100 * target.bound:.0f}%", justify="right")
    for (corpus, grouping, name), c in summarise(evaluation.scores).items():
        figures = []
        for target in TARGETS:
            met = target.met(c)
            mark = "" if met is None else " ✓" if met else " [red]✗[/]"
            figures.append(f"{_fmt_rate(target.figure(c))}{mark}")
        table.add_row(corpus, grouping, name, str(c.docs), str(c.mentions), *figures)
    return table


def summary_rows(summary: dict[SummaryKey, Counts]) -> list[dict]:
    """JSON-ready headline figures."""
    return [
        {"corpus": corpus, "by": grouping, "group": name, **counts.as_dict()}
        for (corpus, grouping, name), counts in summary.items()
    ]


def info_table(evaluation: Evaluation) -> Table:
    """Coverage of annotated types that are not must-mask (for information only)."""
    table = Table(title="Informational: coverage of non-must-mask gold types")
    for name in ("corpus", "lang", "type", "mentions", "fully replaced"):
        table.add_column(name)
    for (corpus, lang, label), c in sorted_rows(evaluation.aggregate.info):
        table.add_row(corpus, lang, label, str(c.mentions), _fmt_rate(c.recall))
    return table


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT_CHARS) : start]
    right = text[end : end + CONTEXT_CHARS]
    return re.sub(r"\s+", " ", f"…{left}⟦{text[start:end]}⟧{right}…")


def _round_robin(
    scores: Sequence[DocumentScore], pick: str, limit: int, skip_public: bool = False
) -> list[tuple[DocumentScore, MentionOutcome]]:
    """Up to ``limit`` failures, one per document in turn, so a single bad document
    cannot fill the whole listing."""
    queues = [
        [(score, o) for o in getattr(score, pick) if not o.ok and not (skip_public and o.public)]
        for score in scores
    ]
    picked: list[tuple[DocumentScore, MentionOutcome]] = []
    depth = 0
    while len(picked) < limit and any(len(q) > depth for q in queues):
        for queue in queues:
            if depth < len(queue) and len(picked) < limit:
                picked.append(queue[depth])
        depth += 1
    return picked


def collect_failures(
    evaluation: Evaluation, limit: int, *, keep: bool = False, skip_public: bool = False
) -> list[Miss]:
    """Up to ``limit`` missed must-mask mentions (or, with ``keep``, over-redacted KEEP
    mentions) per corpus; ``skip_public`` leaves out deliberate keeps of public entities."""
    failures = []
    for corpus, scores in evaluation.scores.items():
        pick = "keep" if keep else "must_mask"
        for score, outcome in _round_robin(scores, pick, limit, skip_public):
            m = outcome.mention
            failures.append(
                Miss(
                    corpus,
                    score.document.id,
                    score.document.lang,
                    m.label,
                    m.source_label,
                    m.surface,
                    outcome.reason,
                    _context(score.document.text, m.start, m.end),
                    outcome.public,
                )
            )
    return failures


def misses_table(misses: Sequence[Miss], title: str) -> Table:
    """Rich table of failures."""
    table = Table(title=title, show_lines=False)
    for name in ("corpus", "doc", "label", "reason", "surface", "context"):
        table.add_column(name, overflow="fold")
    for miss in misses:
        label = miss.label
        if miss.source_label and miss.source_label != miss.label:
            label = f"{label} ({miss.source_label})"
        table.add_row(miss.corpus, miss.doc_id, label, miss.reason, miss.surface, miss.context)
    return table


def to_json(
    evaluation: Evaluation, settings: dict, misses_limit: int, *, skip_public: bool = True
) -> dict:
    """All figures (and, when asked, failures) as a JSON-ready dict."""

    def rows(cells: dict[Key, Counts]) -> list[dict]:
        return [
            {"corpus": corpus, "lang": lang, "label": label, **counts.as_dict()}
            for (corpus, lang, label), counts in sorted_rows(cells)
        ]

    data: dict = {
        "settings": settings,
        "summary": summary_rows(summarise(evaluation.scores)),
        "rows": rows(evaluation.aggregate.rows),
        "info": rows(evaluation.aggregate.info),
        "errors": [{"corpus": c, "doc_id": d, "error": e} for c, d, e in evaluation.errors],
    }
    if misses_limit:
        data["misses"] = [
            m.as_dict() for m in collect_failures(evaluation, misses_limit, skip_public=skip_public)
        ]
        data["keep_failures"] = [
            m.as_dict() for m in collect_failures(evaluation, misses_limit, keep=True)
        ]
    return data


def agreement_table(evaluation: Evaluation) -> Table:
    """Russian/Ukrainian person and place surrogates that fit their sentence and kind."""
    table = Table(title="Surrogates in context (ru/uk persons and places, pymorphy3)")
    for name in ("lang", "surrogates", "grammatical", "right kind"):
        table.add_column(name, justify="left" if name == "lang" else "right")
    for lang in CHECKED_LANGUAGES:
        agree, total = evaluation.agreement.share(lang)
        kind, _ = evaluation.agreement.share(lang, kind=True)
        if total:
            table.add_row(
                lang,
                str(total),
                f"{agree}/{total} {_fmt_rate(agree / total)}",
                f"{kind}/{total} {_fmt_rate(kind / total)}",
            )
    return table
