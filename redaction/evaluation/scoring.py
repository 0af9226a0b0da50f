"""Pure scoring rules and their aggregation.

Rules (from /work/shared/eval/README.md, applied to every corpus):

* A must-mask mention is **caught** when every letter and digit in it lies inside a replaced
  span (words in ``Document.ignorable_words`` excepted, per TAB's convention) *and* its surface
  no longer occurs in the output as a whole word. The second condition matters because a name
  replaced in one place but left verbatim in another still leaks.
* A KEEP mention is **kept** when no span overlaps it and its surface still occurs in the output.
* **Token precision**: among input tokens touched by a span, the share that overlap a gold
  must-mask or informational mention. KEEP mentions do not count as gold here: replacing one is
  over-redaction (also visible in the keep rate).
* **Over-masking**: among replaced spans, the share that overlap no gold must-mask or
  informational mention (a span over a KEEP mention or over plain words touches nothing
  identifying). Counted per span, not per token, so one long spurious span weighs as one.
* A document **leaks** when at least one of its must-mask mentions is not caught.
* With a keep policy (``is_public``), must-mask mentions it calls public are flagged, and
  ``recall_private`` gives recall over the others. On public corpora that separates real misses
  from deliberate keeps of "Путин" or "London"; on testimonies, where gold never marks a public
  entity as must-mask, a flagged mention is a policy false positive and still counts as a leak.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from redaction.evaluation.model import KEEP, Document, Mention, PublicFn, RedactionLike, SpanLike

ALL = "ALL"
_TOKEN = re.compile(r"\w+")

# Outcome reasons, also used by the miss listing.
CAUGHT = "caught"
MISSED = "missed"  # no letter or digit replaced
PARTIAL = "partial"  # some but not all replaced
SURFACE_LEFT = "surface-left"  # fully replaced here, but the same surface survives elsewhere
KEPT = "kept"
REPLACED = "replaced"  # a KEEP mention overlapped by a span
SURFACE_GONE = "surface-gone"  # untouched, yet the surface vanished from the output


@dataclass(frozen=True)
class MentionOutcome:
    """How one gold mention fared; ``ok`` is caught (must-mask/other) or kept (KEEP)."""

    mention: Mention
    ok: bool
    reason: str
    public: bool = False


@dataclass(frozen=True)
class DocumentScore:
    """Per-document outcomes plus replaced-token counts keyed by predicted span label."""

    document: Document
    output: str
    must_mask: list[MentionOutcome]
    keep: list[MentionOutcome]
    other: list[MentionOutcome]
    replaced_tokens: dict[str, int]
    precise_tokens: dict[str, int]
    spans: int = 0
    spurious_spans: int = 0

    @property
    def leaked(self) -> bool:
        """True when any must-mask mention was not caught."""
        return any(not outcome.ok for outcome in self.must_mask)


def _mask_arrays(length: int, spans: Sequence[SpanLike]) -> list[str | None]:
    """Per input character: the label of the span replacing it, or None."""
    labels: list[str | None] = [None] * length
    for span in spans:
        start, end = max(0, span.start), min(length, span.end)
        for i in range(start, end):
            labels[i] = span.label
    return labels


def significant_positions(
    text: str, mention: Mention, ignorable_words: frozenset[str] = frozenset()
) -> list[int]:
    """Positions of the letters and digits of ``mention`` that must be replaced."""
    skip: set[int] = set()
    if ignorable_words:
        segment = text[mention.start : mention.end]
        for token in _TOKEN.finditer(segment):
            word = token.group(0).lower()
            before = segment[token.start() - 1] if token.start() else ""
            if word in ignorable_words or (
                word == "s" and before in "'’" and before and "'s" in ignorable_words
            ):
                skip.update(range(mention.start + token.start(), mention.start + token.end()))
    return [i for i in range(mention.start, mention.end) if text[i].isalnum() and i not in skip]


def surface_in(surface: str, output: str) -> bool:
    """Whether ``surface`` occurs in ``output`` as a whole word (case-sensitive).

    Case-sensitive on purpose: "Вера" the name must go, "вера" the word may stay.
    """
    pattern = r"(?<!\w)" + re.escape(surface) + r"(?!\w)"
    return re.search(pattern, output) is not None


def _must_mask_outcome(
    doc: Document, mention: Mention, labels: list[str | None], output: str
) -> MentionOutcome | None:
    positions = significant_positions(doc.text, mention, doc.ignorable_words)
    if not positions:
        return None  # e.g. a bare "Mr": nothing identifying to check
    replaced = sum(labels[i] is not None for i in positions)
    if replaced == 0:
        return MentionOutcome(mention, False, MISSED)
    if replaced < len(positions):
        return MentionOutcome(mention, False, PARTIAL)
    if surface_in(mention.surface, output):
        return MentionOutcome(mention, False, SURFACE_LEFT)
    return MentionOutcome(mention, True, CAUGHT)


def _keep_outcome(mention: Mention, labels: list[str | None], output: str) -> MentionOutcome:
    if any(labels[i] is not None for i in range(mention.start, mention.end)):
        return MentionOutcome(mention, False, REPLACED)
    if not surface_in(mention.surface, output):
        return MentionOutcome(mention, False, SURFACE_GONE)
    return MentionOutcome(mention, True, KEPT)


def score_document(
    doc: Document, result: RedactionLike, is_public: PublicFn | None = None
) -> DocumentScore:
    """Apply the module's rules to one document and its redaction result."""
    labels = _mask_arrays(len(doc.text), result.spans)
    output = result.text
    must_mask = []
    for mention in doc.must_mask:
        outcome = _must_mask_outcome(doc, mention, labels, output)
        if outcome is None:
            continue
        if is_public is not None and is_public(doc.lang, mention.surface, mention.label):
            outcome = MentionOutcome(mention, outcome.ok, outcome.reason, public=True)
        must_mask.append(outcome)
    keep = [_keep_outcome(mention, labels, output) for mention in doc.keep]
    other = []
    for mention in doc.other:
        positions = [i for i in range(mention.start, mention.end) if doc.text[i].isalnum()]
        covered = bool(positions) and all(labels[i] is not None for i in positions)
        other.append(MentionOutcome(mention, covered, CAUGHT if covered else MISSED))

    gold = [False] * len(doc.text)
    for mention in (*doc.must_mask, *doc.other):
        for i in range(mention.start, mention.end):
            gold[i] = True
    replaced: dict[str, int] = {}
    precise: dict[str, int] = {}
    for token in _TOKEN.finditer(doc.text):
        touched = [labels[i] for i in range(token.start(), token.end()) if labels[i] is not None]
        if not touched:
            continue
        label = touched[0]
        replaced[label] = replaced.get(label, 0) + 1
        if any(gold[token.start() : token.end()]):
            precise[label] = precise.get(label, 0) + 1
    spans = [s for s in result.spans if s.end > s.start]
    spurious = sum(not any(gold[max(0, s.start) : s.end]) for s in spans)
    return DocumentScore(
        doc, output, must_mask, keep, other, replaced, precise, len(spans), spurious
    )


@dataclass
class Counts:
    """Additive counters for one (corpus, language, label) cell."""

    mentions: int = 0
    caught: int = 0
    public_mentions: int = 0
    public_caught: int = 0
    keep_total: int = 0
    kept: int = 0
    replaced_tokens: int = 0
    precise_tokens: int = 0
    docs: int = 0
    leak_docs: int = 0
    spans: int = 0
    spurious_spans: int = 0

    @property
    def recall(self) -> float | None:
        """Caught / must-mask mentions (None when there are none)."""
        return self.caught / self.mentions if self.mentions else None

    @property
    def recall_private(self) -> float | None:
        """Recall over mentions the keep policy does not call public."""
        total = self.mentions - self.public_mentions
        return (self.caught - self.public_caught) / total if total else None

    @property
    def keep_rate(self) -> float | None:
        """Kept / KEEP mentions."""
        return self.kept / self.keep_total if self.keep_total else None

    @property
    def token_precision(self) -> float | None:
        """Replaced tokens inside gold / replaced tokens."""
        return self.precise_tokens / self.replaced_tokens if self.replaced_tokens else None

    @property
    def over_masking(self) -> float | None:
        """Replaced spans touching no gold mention / replaced spans."""
        return self.spurious_spans / self.spans if self.spans else None

    @property
    def leak_rate(self) -> float | None:
        """Documents with a leak / documents."""
        return self.leak_docs / self.docs if self.docs else None

    def add_document(self, score: DocumentScore) -> None:
        """Add every counter of one document (the ``ALL``-row view of it)."""
        self.docs += 1
        self.leak_docs += score.leaked
        self.mentions += len(score.must_mask)
        self.caught += sum(o.ok for o in score.must_mask)
        self.public_mentions += sum(o.public for o in score.must_mask)
        self.public_caught += sum(o.ok and o.public for o in score.must_mask)
        self.keep_total += len(score.keep)
        self.kept += sum(o.ok for o in score.keep)
        self.replaced_tokens += sum(score.replaced_tokens.values())
        self.precise_tokens += sum(score.precise_tokens.values())
        self.spans += score.spans
        self.spurious_spans += score.spurious_spans

    def as_dict(self) -> dict[str, float | int | None]:
        """Counters and derived rates, for the JSON export."""
        return {
            "mentions": self.mentions,
            "caught": self.caught,
            "recall": self.recall,
            "public_mentions": self.public_mentions,
            "public_caught": self.public_caught,
            "recall_private": self.recall_private,
            "keep_total": self.keep_total,
            "kept": self.kept,
            "keep_rate": self.keep_rate,
            "replaced_tokens": self.replaced_tokens,
            "precise_tokens": self.precise_tokens,
            "token_precision": self.token_precision,
            "docs": self.docs,
            "leak_docs": self.leak_docs,
            "leak_rate": self.leak_rate,
            "spans": self.spans,
            "spurious_spans": self.spurious_spans,
            "over_masking": self.over_masking,
        }


Key = tuple[str, str, str]  # (corpus, language, label)


@dataclass
class Aggregate:
    """Main figures (``rows``) and informational coverage of non-must-mask types (``info``)."""

    rows: dict[Key, Counts] = field(default_factory=dict)
    info: dict[Key, Counts] = field(default_factory=dict)

    def cell(self, key: Key) -> Counts:
        """The counters for ``key``, created on first use."""
        return self.rows.setdefault(key, Counts())


def aggregate(
    corpus: str, scores: Iterable[DocumentScore], into: Aggregate | None = None
) -> Aggregate:
    """Sum document scores into per-label and ``ALL`` cells for ``corpus``.

    ``docs``/``leak_docs`` of a label row count documents having a must-mask mention of that
    label / a missed one; the ``ALL`` row counts every document.
    """
    result = into if into is not None else Aggregate()
    for score in scores:
        lang = score.document.lang
        total = result.cell((corpus, lang, ALL))
        total.docs += 1
        total.leak_docs += score.leaked
        total.spans += score.spans
        total.spurious_spans += score.spurious_spans
        by_label: dict[str, list[MentionOutcome]] = {}
        for outcome in score.must_mask:
            by_label.setdefault(outcome.mention.label, []).append(outcome)
        for label, outcomes in by_label.items():
            cell = result.cell((corpus, lang, label))
            cell.docs += 1
            cell.leak_docs += any(not o.ok for o in outcomes)
            for target in (cell, total):
                target.mentions += len(outcomes)
                target.caught += sum(o.ok for o in outcomes)
                target.public_mentions += sum(o.public for o in outcomes)
                target.public_caught += sum(o.ok and o.public for o in outcomes)
        if score.keep:
            cell = result.cell((corpus, lang, KEEP))
            cell.docs += 1
            for target in (cell, total):
                target.keep_total += len(score.keep)
                target.kept += sum(o.ok for o in score.keep)
        for label, count in score.replaced_tokens.items():
            precise = score.precise_tokens.get(label, 0)
            for target in (result.cell((corpus, lang, label)), total):
                target.replaced_tokens += count
                target.precise_tokens += precise
        for outcome in score.other:
            info = result.info.setdefault((corpus, lang, outcome.mention.label), Counts())
            info.mentions += 1
            info.caught += outcome.ok
    return result
