"""Statistical NER (spaCy for English, slovnet-in-spaCy for Russian/Ukrainian) as a recogniser.

slovnet is a Russian model; on Ukrainian it sometimes swallows a sentence-initial common word
("Праці Г. Сковороди") or a following verb ("Україна переможе"), so Slavic entities are trimmed
to their name words, and one followed by "області"/"району" becomes a place including that noun.
"""

from __future__ import annotations

from redaction import morph
from redaction.labels import LOCATION
from redaction.nlp.pipelines import NER_LABELS, pipeline
from redaction.placewords import PLACE_AFTER
from redaction.text import Word, is_sentence_start, safe_text, words
from redaction.types import Detection


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
                found.append(Detection(ent.start_char, ent.end_char, label, self.score, "ner"))
                continue
            detection = self._slavic(clean, language, ent.start_char, ent.end_char, label)
            if detection is not None:
                found.append(detection)
        return found

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
        following = words(text[end : end + 30])
        if (
            following
            and text[end : end + following[0].start].strip() == ""
            and PLACE_AFTER.match(following[0].text)
        ):
            label, end = LOCATION, end + following[0].end
        return Detection(start, end, label, self.score, "ner")

    @staticmethod
    def _is_noise(text: str, language: str, word: Word, *, leading: bool) -> bool:
        """A pronoun/verb/particle, or a sentence-initial common word, is not part of a name."""
        ps = morph.parses(language, word.text)
        function = any(p.is_known and morph.tags_of(p) & morph.FUNCTION_TAGS for p in ps)
        initial = leading and is_sentence_start(text, word.start)
        if function and (initial or not word.text[:1].isupper()):
            return True
        if any(morph.name_kind(p) for p in ps):
            return False
        return function or (initial and morph.is_common_word(language, word.text))
