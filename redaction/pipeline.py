"""redact() and apply_terms(): detection, keep list, consistency, surrogates, output offsets."""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence

from redaction import keep, morph
from redaction.consistency import (
    harmonise,
    propagate,
    repeated_numbers,
    unprotect_cued,
    word_keys,
)
from redaction.labels import DATE, ID, LANGUAGES, LOCATION, MILITARY_UNIT, NAME_LIKE
from redaction.language import segments
from redaction.memory import Memory
from redaction.normalise import Normalised, normalise
from redaction.placewords import english_place_names
from redaction.policy import Policy
from redaction.recognizers import recognizers_for
from redaction.recognizers.id_number import is_identifier_word
from redaction.recognizers.names import toponym_end
from redaction.residual import residual
from redaction.resolve import resolve
from redaction.surrogates import SurrogateMaker
from redaction.surrogates.kinds import settle_kinds, within_sentences
from redaction.text import safe_text, words
from redaction.types import Detection, Redaction, Span

STYLES = ("realistic", "tag")
_LATIN = re.compile("[A-Za-z]")


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
    text: str,
    found: Sequence[Detection],
    langs: _Languages,
    maker: SurrogateMaker,
    norm: Normalised | None = None,
) -> tuple[str, list[Span]]:
    """The input with every detection replaced; detections are in the offsets of the normalised
    view when there is one, and surrogates go back in the input's script and casing."""
    seen = norm.view.text if norm else text
    out: list[str] = []
    spans: list[Span] = []
    last = length = 0
    maker.know_dates(seen[d.start : d.end] for d in found if d.label == DATE)
    for d in found:
        start, end = norm.view.to_original(d.start, d.end) if norm else (d.start, d.end)
        start = max(start, last)
        if start >= end:
            continue
        gap = text[last:start]
        out.append(gap)
        length += len(gap)
        before, after = seen[max(0, d.start - 60) : d.start], seen[d.end : d.end + 40]
        replacement = maker.replacement(
            seen[d.start : d.end], d.label, langs.at(d.start), before, after
        )
        if norm:
            replacement = norm.original_form(replacement, d.start, d.end)
        spans.append(Span(start, end, d.label, replacement, length, length + len(replacement)))
        out.append(replacement)
        length += len(replacement)
        last = end
    out.append(text[last:])
    return "".join(out), spans


def _with_place_noun(text: str, d: Detection, language: str) -> Detection:
    if d.label != LOCATION:
        return d
    return Detection(d.start, toponym_end(text, language, d.end), d.label, d.score, d.source)


def _remembered_names(memory: Memory | None) -> list[tuple[str, str]]:
    """(label, real lemma phrase) of the names an earlier message of the testimony replaced."""
    if memory is None:
        return []
    out = []
    for key in memory.entries:
        label, role, lemma = [*key.split("|", 2), "", ""][:3]
        if label in NAME_LIKE and role in ("", "first", "patr", "last") and lemma:
            out.append((label, lemma))
    return out


def _remembered_numbers(memory: Memory | None) -> list[tuple[str, str]]:
    """(label, letters and digits) of the unit and ID numbers an earlier message replaced."""
    if memory is None:
        return []
    out = []
    for key in memory.entries:
        label, _role, value = [*key.split("|", 2), "", ""][:3]
        if label in (ID, MILITARY_UNIT) and value:
            out.append((label, value))
    return out


def _kept_parts(policy: Policy, language: str, surface: str, label: str) -> list[tuple[int, int]]:
    """Ranges of the mention to leave readable: the policy's own keep terms, then the keep list
    in the mention's language and the other two (a Russian quote inside Ukrainian text)."""
    terms = {k.lower() for k in policy.keep}
    if surface.strip().lower() in terms:
        return [(0, len(surface))]
    # "Limerick city" is one mention, but a kept "Limerick" stays readable inside it.
    named: list[tuple[int, int]] = []
    if language == "en" and label == LOCATION:
        named = [(s, e) for s, e in english_place_names(surface) if surface[s:e].lower() in terms]
    if not policy.keep_public:
        return named
    for lang in (language, *(other for other in LANGUAGES if other != language)):
        if lang == "en" and not _LATIN.search(surface):
            continue  # the English keep list is all Latin script
        parts = keep.public_parts(lang, surface, label)
        if parts:
            return [*named, *parts]
    return named


def _kept_as_written(norm: Normalised, mentions: Sequence[Detection]) -> list[tuple[int, int]]:
    """Mentions the input wrote in Latin letters and the English keep list knows as written
    ("VK", "Signal" inside transliterated Russian): projected to Cyrillic they are unknown."""
    out = []
    for d in mentions:
        start, end = norm.view.to_original(d.start, d.end)
        written = norm.view.original[start:end]
        projected = written != norm.view.text[d.start : d.end] and _LATIN.search(written)
        if projected and keep.is_public("en", written, d.label):
            out.append((d.start, d.end))
    return out


def _without(text: str, d: Detection, kept: list[tuple[int, int]]) -> list[Detection]:
    """What is left of a mention once its public ranges are cut out, if it still names
    anything: a capitalised word or a digit, not a stray "і" between two public names."""
    cuts = sorted((max(s, d.start), min(e, d.end)) for s, e in kept if s < d.end and d.start < e)
    if not cuts:
        return [d]
    pieces, last = [], d.start
    for s, e in cuts:
        if s > last:
            pieces.append((last, s))
        last = max(last, e)
    pieces.append((last, d.end))
    return [
        Detection(s, e, d.label, d.score, d.source)
        for s, e in pieces
        if any(w.text[:1].isupper() for w in words(text[s:e]))
        or any(c.isdigit() for c in text[s:e])
    ]


def _with_residual(
    text: str,
    found: list[Detection],
    kept: list[tuple[int, int]],
    langs: _Languages,
    policy: Policy,
) -> list[Detection]:
    """Add the residual pass's hits, and every other mention of them (a word it caught mid-
    sentence may also open one)."""
    covered = [(d.start, d.end) for d in found] + kept
    extra = residual(text, covered, langs.at, policy.keep)
    if not extra:
        return found
    extra += propagate(text, extra, langs.at, covered)
    return resolve(text, [*found, *(d for d in extra if d.label in policy.labels)])


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
    original = safe_text(text)
    norm = normalise(
        original, segments(original) if language == "auto" else [(0, len(original), language)]
    )
    clean = norm.view.text  # recognisers see the normalised view; spans map back in _render
    langs = _Languages(norm.runs)
    detections: list[Detection] = []
    for start, end, lang in langs.runs:
        part = clean[start:end]
        for recognizer in recognizers_for(lang):
            for d in recognizer.analyze(part, lang):
                detections.append(
                    Detection(d.start + start, d.end + start, d.label, d.score, d.source)
                )
    detections = [_with_place_noun(clean, d, langs.at(d.start)) for d in detections]
    detections = [
        d
        for d in detections
        if d.label in policy.labels
        and not (d.label in NAME_LIKE and is_identifier_word(clean[d.start : d.end]))
    ]
    # Keep decisions are taken on merged mentions: "ул. Ленина, 5" is an address, not Lenin.
    merged = resolve(clean, detections)
    kept = [
        (d.start + s, d.start + e)
        for d in merged
        for s, e in _kept_parts(policy, langs.at(d.start), clean[d.start : d.end], d.label)
    ]
    if policy.keep_public:
        kept += _kept_as_written(norm, merged)
        kept += [
            (start + s, start + e)
            for start, end, lang in langs.runs
            for s, e in keep.public_phrases(lang, clean[start:end])
        ]
    kept = unprotect_cued(clean, kept, detections, langs.at)
    found = resolve(clean, [piece for d in merged for piece in _without(clean, d, kept)])
    earlier = _remembered_names(memory)
    found = resolve(
        clean,
        [
            *found,
            *propagate(clean, found, langs.at, kept, earlier),
            *repeated_numbers(clean, found, kept, _remembered_numbers(memory)),
        ],
    )
    found = within_sentences(clean, harmonise(clean, found, langs.at, earlier), langs.at)
    found = settle_kinds(clean, found, langs.at)
    found = [d for d in found if d.label in policy.labels]
    if policy.residual:
        # What the residual pass adds gets one kind per entity too («в селі Луці»).
        found = settle_kinds(clean, _with_residual(clean, found, kept, langs, policy), langs.at)
    memory = (memory or Memory()).copy()
    maker = SurrogateMaker(
        memory, style=style, link_key=policy.link_key, avoid=_text_vocabulary(clean, langs)
    )
    redacted, spans = _render(text, found, langs, maker, norm)
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
