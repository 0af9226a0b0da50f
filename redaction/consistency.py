"""Document-level consistency: a name detected once is replaced at every other mention.

Person mentions propagate word by word (so a surname alone, or a first name in another case or
as a diminutive, is caught); other name-like mentions propagate as whole lemmatised phrases.
A lower-case mention counts only when the word has no ordinary reading (вера the noun stays).
Mentions inside protected ranges (kept public names) are left alone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from redaction import morph
from redaction.frequency import zipf
from redaction.labels import CALLSIGN, ID, LOCATION, MILITARY_UNIT, NAME_LIKE, PERSON
from redaction.placewords import english_place_names
from redaction.recognizers.en_titles import is_honorific
from redaction.surrogates import canonical_first_name
from redaction.surrogates.shapes import normalised_value
from redaction.text import Word, is_capitalised, words
from redaction.types import Detection

_MIN_LEN = 2


@lru_cache(maxsize=200_000)
def word_keys(language: str, word: str) -> frozenset[str]:
    """Every lemma a word may stand for, diminutives mapped to the full first name."""
    if language == "en":
        lower = morph.normalise(word)
        return frozenset({lower, canonical_first_name("en", lower)})
    base = morph.lemmas(language, word)
    return base | {canonical_first_name(language, lem) for lem in base}


@lru_cache(maxsize=100_000)
def _reads_as_personal_name(language: str, word: str) -> bool:
    """A capitalised word that is a personal name rather than an ordinary or place word:
    Name/Surn/Patr readings (ru/uk); in English, a first name or a word no frequency list
    knows (Ilyin), not a place noun."""
    if not is_capitalised(word) or word.isupper():
        return False
    if language != "en":
        return any(morph.name_kind(p) for p in morph.parses(language, word)) and not any(
            "Geox" in morph.tags_of(p) for p in morph.parses(language, word)
        )
    from redaction.recognizers.names import english_first_names

    lower = word.lower()
    return lower in english_first_names() or zipf(lower, "en") < _RARE_ZIPF


_RARE_ZIPF = 2.5


def _may_be_lowercase(language: str, word: str) -> bool:
    return language != "en" and not morph.is_common_word(language, word)


def propagate(
    text: str,
    detections: Sequence[Detection],
    language_at: Callable[[int], str],
    protected: Sequence[tuple[int, int]] = (),
    remembered: Sequence[tuple[str, str]] = (),
) -> list[Detection]:
    """New detections for further mentions of what `detections` found, and of what an earlier
    message of the testimony found (`remembered`: (label, lemma phrase) from its Memory) - a
    follow-up may name "Бес" without the word "позывной" that flagged him the first time."""
    languages = {language_at(d.start) for d in detections} | {language_at(0)}
    if remembered:
        languages |= {language_at(w.start) for w in words(text)}
    tokens = {lang: words(text, english=lang == "en") for lang in languages}
    starts = {lang: [w.start for w in toks] for lang, toks in tokens.items()}
    covered = _Covered([(d.start, d.end) for d in detections] + list(protected))
    single: dict[tuple[str, str], str] = {}  # (language, key) -> label
    phrases: dict[tuple[str, tuple[frozenset[str], ...]], str] = {}
    for d in detections:
        if d.label not in NAME_LIKE:
            continue
        lang = language_at(d.start)
        toks = tokens[lang]
        first = bisect.bisect_left(starts[lang], d.start)
        last = bisect.bisect_left(starts[lang], d.end, first)
        inner = [
            w
            for w in toks[first:last]
            if d.start <= w.start
            and w.end <= d.end
            and len(w.text) >= _MIN_LEN
            and not (lang == "en" and d.label != CALLSIGN and is_honorific(w.text))
        ]
        for group in _name_groups(text, d, lang, inner):
            if d.label in (PERSON, CALLSIGN) or len(group) == 1:
                for w in group:
                    for key in word_keys(lang, w.text):
                        single.setdefault((lang, key), d.label)
            elif group:
                phrases[(lang, tuple(word_keys(lang, w.text) for w in group))] = d.label
                # "Corporal Ilyin" taken for an organisation: its surname alone later is the
                # same man, so a word that reads as a person's name spreads on its own.
                for w in group:
                    if _reads_as_personal_name(lang, w.text):
                        for key in word_keys(lang, w.text):
                            single.setdefault((lang, key), PERSON)
    # A remembered phrase was confirmed once (by a recogniser or an editor who marked it), so
    # it counts in any case: "the old tannery" an editor marked stays marked.
    confirmed: dict[tuple[str, tuple[frozenset[str], ...]], str] = {}
    for label, phrase in remembered:
        lemmas = phrase.split()
        for lang in languages:
            if label in (PERSON, CALLSIGN) or len(lemmas) == 1:
                for lemma in lemmas:
                    single.setdefault((lang, lemma), label)
            elif lemmas:
                confirmed.setdefault((lang, tuple(frozenset({lem}) for lem in lemmas)), label)
    found: list[Detection] = []
    for lang, toks in tokens.items():
        found += _single_mentions(text, lang, toks, single, covered)
        found += _phrase_mentions(lang, toks, phrases, covered)
        found += _phrase_mentions(lang, toks, confirmed, covered, any_case=True)
    return found


# Recognisers whose cue word says what the mention is ("фамилия Орёл", "called him Doctor"):
# their word is never a kept public name, and neither is any other mention of it.
CUED_SOURCES = frozenset({"SurnameCueRecognizer", "CallsignRecognizer"})


def unprotect_cued(
    text: str,
    protected: Sequence[tuple[int, int]],
    detections: Sequence[Detection],
    language_at: Callable[[int], str],
) -> list[tuple[int, int]]:
    """Protected (kept) ranges minus those naming what a cue said is a person or a nickname:
    after "фамилия Орёл", a later "Орла" is that man, not the city - one entity, one decision."""
    keys: set[tuple[str, str]] = set()
    for d in detections:
        if d.source in CUED_SOURCES:
            lang = language_at(d.start)
            for w in words(text[d.start : d.end], english=lang == "en"):
                keys |= {(lang, k) for k in word_keys(lang, w.text)}
    if not keys:
        return list(protected)
    out = []
    for start, end in protected:
        lang = language_at(start)
        inner = words(text[start:end], english=lang == "en")
        if not any((lang, k) in keys for w in inner for k in word_keys(lang, w.text)):
            out.append((start, end))
    return out


_NUMBERED = frozenset({MILITARY_UNIT, ID})
_MIN_DIGITS = 4  # "unit 12345" again as "12345"; a "5" alone recurs by chance


def repeated_numbers(
    text: str,
    detections: Sequence[Detection],
    protected: Sequence[tuple[int, int]] = (),
    remembered: Sequence[tuple[str, str]] = (),
) -> list[Detection]:
    """Every other occurrence of a unit, ID or document number found once ("в/ч 12345 ...
    в 12345 опять"), however it is spaced or hyphenated, and of those an earlier message of
    the testimony replaced (`remembered`: (label, letters and digits of the value))."""
    values: dict[str, str] = {}
    for d in detections:
        if d.label in _NUMBERED:
            values.setdefault(normalised_value(text[d.start : d.end]), d.label)
    for label, value in remembered:
        values.setdefault(value, label)
    covered = _Covered([(d.start, d.end) for d in detections] + list(protected))
    found = []
    for value, label in values.items():
        if sum(c.isdigit() for c in value) < _MIN_DIGITS:
            continue
        spaced = r"[\s-]?".join(re.escape(c) for c in value)
        for m in re.finditer(rf"(?<!\w){spaced}(?!\w)", text, re.IGNORECASE):
            if not covered.overlaps(m.start(), m.end()):
                found.append(Detection(m.start(), m.end(), label, 0.8, "consistency"))
    return found


def harmonise(
    text: str,
    detections: Sequence[Detection],
    language_at: Callable[[int], str],
    remembered: Sequence[tuple[str, str]] = (),
) -> list[Detection]:
    """Give every one-word mention of the same name one label: the one an earlier message
    gave it, else that of its most confident mention here (NER may call a callsign PERSON in
    one sentence; the callsign trigger knows better)."""
    earlier = {lemma: label for label, lemma in remembered if " " not in lemma}
    best: dict[tuple[str, str], Detection] = {}
    keyed: list[tuple[Detection, tuple[str, str] | None]] = []
    for d in detections:
        key = None
        settled = False
        if d.label in NAME_LIKE:
            lang = language_at(d.start)
            inner = [
                Word(d.start + w.start, d.start + w.end, w.text)
                for w in words(text[d.start : d.end], english=lang == "en")
            ]
            groups = _name_groups(text, d, lang, inner)
            # "Siverek village" votes for "Siverek" as a place and, its noun settling what
            # it is, keeps its own label: a person surrogate would swallow the noun.
            settled = groups != [inner]
            if len(groups) == 1 and len(groups[0]) == 1:
                key = (lang, _label_key(lang, groups[0][0].text))
                if key not in best or d.score > best[key].score:
                    best[key] = d
        keyed.append((d, None if settled else key))
    return [
        Detection(d.start, d.end, earlier.get(k[1], best[k].label), d.score, d.source) if k else d
        for d, k in keyed
    ]


def _name_groups(text: str, d: Detection, language: str, inner: list[Word]) -> list[list[Word]]:
    """The mention's words, one group per name: an English place mention without the place
    nouns around its names ("Siverek village" -> [Siverek], "Co. Limerick" -> [Limerick]), so
    the bare name spreads and is harmonised like a one-word mention. Other mentions are one
    group as they are."""
    if language != "en" or d.label != LOCATION:
        return [inner]
    names = english_place_names(text[d.start : d.end])
    if names == [(0, d.end - d.start)]:
        return [inner]
    return [[w for w in inner if d.start + s <= w.start and w.end <= d.start + e] for s, e in names]


def _label_key(language: str, word: str) -> str:
    lemma = morph.normalise(word) if language == "en" else morph.best_lemma(language, word)
    return canonical_first_name(language, lemma)


class _Covered:
    """Disjoint sorted intervals with a logarithmic overlap test."""

    def __init__(self, intervals: Sequence[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(intervals):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start


def _single_mentions(
    text: str,
    lang: str,
    toks: list[Word],
    single: dict[tuple[str, str], str],
    covered: _Covered,
) -> list[Detection]:
    found = []
    wanted = {key for (key_lang, key) in single if key_lang == lang}
    for w in toks:
        if len(w.text) < _MIN_LEN:
            continue
        keys = word_keys(lang, w.text)
        if keys.isdisjoint(wanted) or covered.overlaps(w.start, w.end):
            continue
        label = next(single[(lang, k)] for k in keys if k in wanted)
        if is_capitalised(w.text) or (label == PERSON and _may_be_lowercase(lang, w.text)):
            found.append(Detection(w.start, w.end, label, 0.8, "consistency"))
    return found


def _phrase_mentions(
    lang: str,
    toks: list[Word],
    phrases: dict[tuple[str, tuple[frozenset[str], ...]], str],
    covered: _Covered,
    *,
    any_case: bool = False,
) -> list[Detection]:
    found = []
    token_keys: list[frozenset[str]] | None = None
    for (plang, keys), label in phrases.items():
        if plang != lang:
            continue
        if token_keys is None:
            token_keys = [word_keys(lang, w.text) for w in toks]
        n = len(keys)
        for i in range(len(toks) - n + 1):
            if token_keys[i].isdisjoint(keys[0]):
                continue
            window = toks[i : i + n]
            if not (any_case or is_capitalised(window[0].text)) or covered.overlaps(
                window[0].start, window[-1].end
            ):
                continue
            if all(token_keys[i + k] & keys[k] for k in range(n)):
                found.append(Detection(window[0].start, window[-1].end, label, 0.8, "consistency"))
    return found
