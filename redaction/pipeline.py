"""redact() and apply_terms(): detection, keep list, consistency, surrogates, output offsets."""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence

from redaction import keep, morph
from redaction.consistency import harmonise, propagate, word_keys
from redaction.labels import LANGUAGES
from redaction.language import segments
from redaction.memory import Memory
from redaction.policy import Policy
from redaction.recognizers import recognizers_for
from redaction.resolve import resolve
from redaction.surrogates import SurrogateMaker
from redaction.text import safe_text, words
from redaction.types import Detection, Redaction, Span

STYLES = ("realistic", "tag")


def _check(language: str, style: str, *, allow_auto: bool) -> None:
    if language not in LANGUAGES and not (allow_auto and language == "auto"):
        raise ValueError(f"unsupported language {language!r}; use one of auto, en, ru, uk")
    if style not in STYLES:
        raise ValueError(f"unsupported style {style!r}; use realistic or tag")


class _Languages:
    """Which language governs each offset of a (possibly mixed) text."""

    def __init__(self, runs: list[tuple[int, int, str]]) -> None:
        self.runs = runs
        self._starts = [s for s, _, _ in runs]

    def at(self, pos: int) -> str:
        return self.runs[max(0, bisect.bisect_right(self._starts, pos) - 1)][2]

    @property
    def dominant(self) -> str:
        weights: dict[str, int] = {}
        for s, e, lang in self.runs:
            weights[lang] = weights.get(lang, 0) + e - s
        return max(weights, key=lambda k: weights[k])


def _text_vocabulary(text: str, langs: _Languages) -> set[str]:
    """Every word of the text and its lemmas: surrogates must differ from all of them."""
    vocab: set[str] = set()
    for start, end, lang in langs.runs:
        for w in words(text[start:end], english=lang == "en"):
            vocab |= word_keys(lang, w.text)
    return vocab


def _render(
    text: str, found: Sequence[Detection], langs: _Languages, maker: SurrogateMaker
) -> tuple[str, list[Span]]:
    out: list[str] = []
    spans: list[Span] = []
    last = length = 0
    for d in found:
        gap = text[last : d.start]
        out.append(gap)
        length += len(gap)
        before = text[max(0, d.start - 12) : d.start]
        replacement = maker.replacement(text[d.start : d.end], d.label, langs.at(d.start), before)
        spans.append(Span(d.start, d.end, d.label, replacement, length, length + len(replacement)))
        out.append(replacement)
        length += len(replacement)
        last = d.end
    out.append(text[last:])
    return "".join(out), spans


def _is_kept(policy: Policy, language: str, surface: str, label: str) -> bool:
    if surface.strip().lower() in {k.lower() for k in policy.keep}:
        return True
    return policy.keep_public and keep.is_public(language, surface, label)


def redact(
    text: str,
    language: str = "auto",
    *,
    memory: Memory | None = None,
    style: str = "realistic",
    policy: Policy | None = None,
) -> Redaction:
    """Replace identifiers with consistent surrogates; the input memory is not modified."""
    _check(language, style, allow_auto=True)
    policy = policy or Policy()
    clean = safe_text(text)
    langs = _Languages(segments(clean) if language == "auto" else [(0, len(clean), language)])
    detections: list[Detection] = []
    for start, end, lang in langs.runs:
        part = clean[start:end]
        for recognizer in recognizers_for(lang):
            for d in recognizer.analyze(part, lang):
                detections.append(
                    Detection(d.start + start, d.end + start, d.label, d.score, d.source)
                )
    detections = [d for d in detections if d.label in policy.labels]
    kept: list[tuple[int, int]] = []
    masked: list[Detection] = []
    for d in detections:
        if _is_kept(policy, langs.at(d.start), clean[d.start : d.end], d.label):
            kept.append((d.start, d.end))
        else:
            masked.append(d)
    found = resolve(clean, masked)
    found = resolve(clean, [*found, *propagate(clean, found, langs.at, kept)])
    found = [d for d in harmonise(clean, found, langs.at) if d.label in policy.labels]
    memory = (memory or Memory()).copy()
    maker = SurrogateMaker(
        memory, style=style, link_key=policy.link_key, avoid=_text_vocabulary(clean, langs)
    )
    redacted, spans = _render(text, found, langs, maker)
    return Redaction(langs.dominant, redacted, spans, memory)


def apply_terms(
    text: str,
    language: str,
    terms: Sequence[tuple[str, str]],
    *,
    avoid: Collection[str] = (),
    memory: Memory | None = None,
) -> Redaction:
    """Replace editor-marked terms (surface, label) everywhere, in every inflected form, without
    running NER (which would re-pseudonymise the surrogates already in the text).

    Passing the memory returned for another text of the same testimony (a follow-up) gives the
    same surrogates there."""
    _check(language, "realistic", allow_auto=False)
    clean = safe_text(text)
    toks = words(clean, english=language == "en")
    keys = [
        [word_keys(language, w.text) for w in words(surface, english=language == "en")]
        for surface, _ in terms
    ]
    found: list[Detection] = []
    for (_, label), term in zip(terms, keys, strict=True):
        n = len(term)
        for i in range(len(toks) - n + 1 if n else 0):
            window = toks[i : i + n]
            if all(_same_word(language, w.text, k) for w, k in zip(window, term, strict=True)):
                found.append(Detection(window[0].start, window[-1].end, label, 1.0, "editor"))
    langs = _Languages([(0, len(clean), language)])
    found = resolve(clean, found)
    vocabulary = _text_vocabulary(clean, langs) | {morph.normalise(a) for a in avoid}
    vocabulary |= {lem for a in avoid for w in words(a) for lem in word_keys(language, w.text)}
    maker = SurrogateMaker((memory or Memory()).copy(), avoid=vocabulary)
    redacted, spans = _render(text, found, langs, maker)
    return Redaction(language, redacted, spans, maker.memory)


def _same_word(language: str, word: str, term_keys: frozenset[str]) -> bool:
    return bool(word_keys(language, word) & term_keys)
