"""Names in the sentence that introduces someone, however they are typed: "я дима",
"меня зовут саша", "мене звати остап", "my name is kirill".

Sloppy phone typing drops capitals, and then neither NER nor capitalisation-based rules see a
name; but the introduction itself says the next word is one. The word must still read as a
personal name (the morphology dictionary's name tags, or an English first name), so "я дома"
or "my name is not important" stay.
"""

from __future__ import annotations

import re

from redaction import morph
from redaction.labels import PERSON
from redaction.recognizers.first_chars import compile_scanning
from redaction.recognizers.names import english_first_names
from redaction.types import Detection

_WORD = r"[^\W\d_]+(?:['’-][^\W\d_]+)?"
_INTRODUCTIONS = (
    r"меня\s+зовут|мене\s+звати|зовут|звати|моё\s+имя|моє\s+ім['’]я|"
    r"my\s+name\s+is|my\s+name's|call\s+me|i\s+am|i'm|я|это|це"
)
_INTRO = compile_scanning(
    rf"(?<![\w-])(?:{_INTRODUCTIONS})[ \t,—–-]+({_WORD})(?:[ \t]+({_WORD}))?",
    re.IGNORECASE,
)


def _is_name(language: str, word: str, kinds: tuple[str, ...]) -> bool:
    if language == "en":
        return "Name" in kinds and word.lower() in english_first_names()
    return any(morph.name_kind(p) in kinds and p.score >= 0.3 for p in morph.parses(language, word))


class SelfNamedRecognizer:
    label = PERSON
    languages = frozenset({"en", "ru", "uk"})

    def analyze(self, text: str, language: str) -> list[Detection]:
        found = []
        for m in _INTRO.finditer(text):
            if not _is_name(language, m.group(1), ("Name",)):
                continue
            surname = m.group(2) and _is_name(language, m.group(2), ("Surn", "Patr"))
            end = m.end(2) if surname else m.end(1)
            found.append(Detection(m.start(1), end, PERSON, 0.7, type(self).__name__))
        return found
