"""Statistical NER (spaCy for English, slovnet-in-spaCy for Russian/Ukrainian) as a recogniser.

slovnet is a Russian model; on Ukrainian it sometimes swallows a sentence-initial common word
("Праці Г. Сковороди") or a following verb ("Україна переможе"), so Slavic entities are trimmed
to their name words, and one followed by "області"/"району" becomes a place including that noun.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from redaction import morph
from redaction.frequency import zipf
from redaction.labels import LOCATION, PERSON
from redaction.nlp.pipelines import NER_LABELS, pipeline
from redaction.placewords import PLACE_AFTER
from redaction.recognizers.names import (
    english_first_names,
    has_given_name_reading,
    place_after_preposition,
    toponym_end,
)
from redaction.text import WORD_RE, Word, is_sentence_start, safe_text, words
from redaction.types import Detection

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


# fmt: off
_EN_PLACE_PREPOSITIONS = frozenset(
    [
        "in", "at", "near", "from", "to", "into", "outside", "around", "through", "via",
        "towards", "toward", "past", "beyond",
    ]
)
# fmt: on
# fmt: off
_EN_NOT_PLACES = frozenset(
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "god", "christmas", "easter", "mum", "mom", "dad", "telegram",
        "whatsapp", "viber", "signal", "facebook", "instagram", "youtube", "google", "rule",
        "article", "section", "paragraph", "chapter", "annex", "protocol", "appendix",
    ]
)
# fmt: on


# Entity types the model got right (or that are never places); a proper noun it calls NORP or
# PRODUCT after "in"/"near" is usually a town it does not know (Rylsk, Kursk).
_EN_KNOWN_TYPES = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG", "DATE", "TIME", "CARDINAL"})


_POSSESSIVES = frozenset({"my", "his", "her", "our", "your", "their"})
_COMMON_ZIPF = 3.0


def _kinship_word(ent: Span) -> bool:
    """ "my Mum and Uncle", "our Granny": a common noun after a possessive names a relative's
    role, not the relative (a first name there, "my Sasha", stays a name)."""
    if len(ent) != 1 or ent[0].lower_ in english_first_names():
        return False
    if zipf(ent[0].lower_, "en") < _COMMON_ZIPF:
        return False
    i = ent.start - 1
    while i >= 0 and ent.start - i <= 4:
        tok = ent.doc[i]
        if tok.lower_ in _POSSESSIVES:
            return True
        if not (tok.is_punct or tok.lower_ in ("and", "or") or tok.is_title):
            return False
        i -= 1
    return False


_NATIONALITY_END = ("ian", "ish", "ese", "ean")
_NATIONALITY_ZIPF = 4.0


def _nationality_word(ent: Span, label: str) -> bool:
    """ "Ukrainian", "English" tagged as a place: a nationality or language adjective names
    nobody (a frequent word with a demonym ending; rare towns are not frequent words)."""
    if len(ent) != 1 or label != LOCATION or not ent[0].lower_.endswith(_NATIONALITY_END):
        return False
    return zipf(ent[0].lower_, "en") >= _NATIONALITY_ZIPF


def _mostly_a_name(language: str, word: str) -> bool:
    ps = morph.parses(language, word)
    if any("Geox" in morph.tags_of(p) for p in ps):
        return False
    total = sum(p.score for p in ps) or 1.0
    return sum(p.score for p in ps if morph.name_kind(p) == "Name") / total >= 0.5


class NerRecognizer:
    label = "NER"
    languages = frozenset({"en", "ru", "uk"})
    score = 0.85

    def analyze(self, text: str, language: str) -> list[Detection]:
        clean = safe_text(text)
        doc = pipeline(language)(clean)
        found = []
        for ent in doc.ents:
            label = NER_LABELS.get(ent.label_)
            if label is None or not any(c.isalpha() for c in ent.text):
                continue
            if language == "en":
                if _kinship_word(ent) or _nationality_word(ent, label):
                    continue
                label = self._english_label(ent, label)
                found.append(Detection(ent.start_char, ent.end_char, label, self.score, "ner"))
                continue
            for start, end in self._split(clean, language, ent.start_char, ent.end_char):
                detection = self._slavic(clean, language, start, end, label)
                if detection is not None:
                    found.append(detection)
        if language == "en":
            found += self._english_places(clean, doc)
        return found

    @staticmethod
    def _english_label(ent: Span, label: str) -> str:
        """The small English model mixes up people and places in one-word mentions: "from Perm"
        tagged PERSON is a place, "our daughter Sonya" tagged GPE is a person."""
        if len(ent) != 1:
            return label
        prev = ent.doc[ent.start - 1].lower_ if ent.start else ""
        first_name = ent[0].lower_ in english_first_names()
        if label == PERSON and prev in _EN_PLACE_PREPOSITIONS and not first_name:
            return LOCATION
        if label == LOCATION and first_name and prev not in _EN_PLACE_PREPOSITIONS:
            return PERSON
        return label

    @staticmethod
    def _english_places(text: str, doc: Doc) -> list[Detection]:
        """Small towns the model does not know ("in Rylsk", "near Pechi"): a proper noun right
        after a place preposition, not already a person/place/organisation, not opening a
        sentence."""
        found = []
        for tok in doc:
            if (
                tok.ent_type_ in _EN_KNOWN_TYPES
                or tok.tag_ != "NNP"
                or not tok.is_title
                or tok.i == 0
                or doc[tok.i - 1].lower_ not in _EN_PLACE_PREPOSITIONS
                or tok.lower_ in _EN_NOT_PLACES
                or is_sentence_start(text, tok.idx)
            ):
                continue
            end = tok.i + 1
            while (
                end < len(doc)
                and doc[end].tag_ == "NNP"
                and doc[end].is_title
                and doc[end].ent_type_ not in _EN_KNOWN_TYPES
            ):
                end += 1
            span = doc[tok.i : end]
            found.append(Detection(span.start_char, span.end_char, LOCATION, 0.6, "ner"))
        return found

    @staticmethod
    def _split(text: str, language: str, start: int, end: int) -> list[tuple[int, int]]:
        """ "Сашка і Сашу" is two people: cut entities at lower-case conjunctions/prepositions."""
        pieces, last = [], start
        for w in words(text[start:end]):
            if w.text.islower() and any(
                morph.tags_of(p) & {"CONJ", "PREP"} for p in morph.parses(language, w.text)
            ):
                pieces.append((last, start + w.start))
                last = start + w.end
        pieces.append((last, end))
        return [(s, e) for s, e in pieces if text[s:e].strip()]

    def _slavic(
        self, text: str, language: str, start: int, end: int, label: str
    ) -> Detection | None:
        toks = [Word(w.start + start, w.end + start, w.text) for w in words(text[start:end])]
        while len(toks) > 1 and self._is_noise(text, language, toks[0], leading=True):
            toks.pop(0)
        while toks and self._is_noise(text, language, toks[-1], leading=len(toks) == 1):
            toks.pop()
        if not toks:
            return None
        start, end = toks[0].start, toks[-1].end
        if label != PERSON and len(toks) == 1 and _mostly_a_name(language, toks[0].text):
            label = PERSON  # "Миколу" tagged ORG: the analyser knows it is a first name
        elif label == PERSON and len(toks) == 1:
            before = words(text[max(0, start - 20) : start])
            prev = before[-1].text.lower() if before else ""
            if place_after_preposition(language, toks[0].text, prev):
                label = LOCATION  # "в Бахмуте" tagged PER: a place after a place preposition
            elif not has_given_name_reading(language, toks[0].text) and (
                toponym_end(text, language, end) > end
            ):
                label = LOCATION  # "Гаврский порт" tagged PER: an adjective naming a place
        following = WORD_RE.search(text, end, end + 30)
        if (
            following
            and text[end : following.start()].strip() == ""
            and PLACE_AFTER.match(following.group())
        ):
            label, end = LOCATION, following.end()
        return Detection(start, end, label, self.score, "ner")

    @staticmethod
    def _is_noise(text: str, language: str, word: Word, *, leading: bool) -> bool:
        """A pronoun/verb/particle, or a sentence-initial common word, is not part of a name."""
        return _noise(language, word.text, leading and is_sentence_start(text, word.start))


@lru_cache(maxsize=200_000)
def _noise(language: str, word: str, initial: bool) -> bool:
    ps = morph.parses(language, word)
    function = any(p.is_known and morph.tags_of(p) & morph.FUNCTION_TAGS for p in ps)
    if function and (initial or not word[:1].isupper()):
        return True
    names = [p for p in ps if morph.name_kind(p)]
    # The Ukrainian dictionary scores every reading alike and lists rare surnames for common
    # words ("Друзі": друзі, Друзь): there a name must be a third of the readings at least.
    if names and (language != "uk" or 3 * len(names) >= len(ps)):
        return False
    return function or (initial and morph.is_common_word(language, word))
