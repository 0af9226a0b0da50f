"""Statistical NER (spaCy for English, slovnet-in-spaCy for Russian/Ukrainian) as a recogniser."""

from __future__ import annotations

from redaction import morph
from redaction.nlp.pipelines import NER_LABELS, pipeline
from redaction.text import safe_text
from redaction.types import Detection



class NerRecognizer:
    label = "NER"
    languages = frozenset({"en", "ru", "uk"})
    score = 0.85

    def analyze(self, text: str, language: str) -> list[Detection]:
        doc = pipeline(language)(safe_text(text))
        found = []
        for ent in doc.ents:
            label = NER_LABELS.get(ent.label_)
            if label is None or not any(c.isalpha() for c in ent.text):
                continue
            if len(ent) == 1 and self._is_function_word(language, ent.text):
                continue
            found.append(Detection(ent.start_char, ent.end_char, label, self.score, "ner"))
        return found

    @staticmethod
    def _is_function_word(language: str, word: str) -> bool:
        """slovnet sometimes tags a capitalised pronoun or verb ("Мене") as a person."""
        return any(p.is_known and morph.tags_of(p) & morph.FUNCTION_TAGS for p in morph.parses(language, word))
