"""Surnames named as such: "по фамилии Пастух", "фамилия Орёл", "на прізвище Коваль",
"surname Moroz", "only his surname, Holub", "maiden name is Soroka".

Many surnames are ordinary words (Воробей, Коваль, Baker) that no name dictionary or
capitalisation rule flags; the cue word says the next word is a surname. It must still read as
one: a noun, an adjective or an unknown word, not a pronoun, verb or particle ("фамилию не
помню", "прізвище, будь ласка, не пишіть", "surname, which she spelled out").
"""

from __future__ import annotations

import re

from redaction import morph
from redaction.labels import PERSON
from redaction.recognizers.first_chars import compile_scanning
from redaction.types import Detection

_CUE = r"(?:фамили[яиюей]\w*|прізвищ(?:е|а|ем|і)|surname|last\s+name|family\s+name|maiden\s+name)"
# Words between the cue and the surname: "фамилия у него была", "surname is", "прізвищем, ".
_LINK = (
    r"(?:[\s,:—–-]+(?:у\s+него|у\s+нього|у\s+неё|у\s+неї|его|її|её|його|был[аио]?|був|була|"
    r"було|is|was|its|it's|it\s+is|—|-))*"
)
_WORD = r"[«\"“„]?(?P<value>[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)?)"
_PATTERN = compile_scanning(rf"(?<![\w-]){_CUE}{_LINK}[\s,:—–-]+{_WORD}", re.IGNORECASE)
# fmt: off
_ENGLISH_NOT_NAMES = frozenset(
    [
        "is", "was", "its", "it", "not", "which", "that", "the", "a", "an", "of", "and", "or",
        "but", "unknown", "please", "i", "he", "she", "they", "we", "you", "his", "her", "my",
        "their", "our", "here", "there", "too", "also", "only", "as", "in", "on", "to", "for",
        "with", "by", "from", "be", "being", "because", "so", "if", "when", "no", "nor",
        "again", "either", "itself",
    ]
)
# fmt: on
_NOT_A_NAME_TAGS = frozenset({*morph.FUNCTION_TAGS, "ADJS", "Apro", "Anum"})


def _reads_as_surname(language: str, word: str) -> bool:
    if language == "en" or not re.search("[\u0400-\u04ff]", word):
        return word.lower() not in _ENGLISH_NOT_NAMES
    parses = morph.parses(language, word)
    if not parses or any(morph.name_kind(p) for p in parses):
        return True
    return not (morph.tags_of(parses[0]) & _NOT_A_NAME_TAGS)


class SurnameCueRecognizer:
    label = PERSON
    languages = frozenset({"en", "ru", "uk"})

    def analyze(self, text: str, language: str) -> list[Detection]:
        found = []
        for m in _PATTERN.finditer(text):
            if _reads_as_surname(language, m.group("value")):
                start, end = m.span("value")
                found.append(Detection(start, end, PERSON, 0.9, type(self).__name__))
        return found
