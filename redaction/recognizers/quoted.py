"""Capitalised names in quotation marks: nicknames after a role word (командир «Дед»,
его зам «Малой», his friend "Bear") and, in Russian/Ukrainian, otherwise the names of
organisations, firms and places («Солнечный», «Право на захист»). Public ones are left readable
by the keep list."""

from __future__ import annotations

import re

from redaction import morph
from redaction.labels import CALLSIGN, ORGANIZATION
from redaction.types import Detection

_QUOTED = re.compile(r"[«„“\"](?P<value>[A-ZА-ЯЁІЇЄҐ][^«»„“”\"\n]{0,38}?)[»”\"]")
_MAX_WORDS = 5
# Words that introduce a person by a nickname rather than an institution.
_ROLE = re.compile(
    r"(?:командир\w*|зам\w*|замполит\w*|ротн\w+|взводн\w+|комбат\w*|комбриг\w*|старшин\w+|"
    r"сержант\w*|прапорщик\w*|лейтенант\w*|капитан\w*|капітан\w*|майор\w*|полковник\w*|"
    r"подполковник\w*|підполковник\w*|генерал\w*|боец|бойц\w+|боєць|друг\w*|брат\w*|товарищ\w*|"
    r"товариш\w*|сосед\w*|сусід\w*|commander|sergeant|captain|major|colonel|friend|comrade|"
    r"нач\w+|старш\w+|кличут|звали|звуть|зовут|his|her|его|її|його)\W*$",
    re.IGNORECASE,
)


_SPEECH_TAGS = frozenset({"VERB", "INFN", "NPRO", "ADVB", "PRED", "PRCL", "INTJ"})


def _is_speech(language: str, value: str) -> bool:
    """«Тут теперь Россия, привыкай» is a quotation: punctuation, or a lower-case verb,
    pronoun or adverb, which names like «Право на захист» do not have."""
    if any(c in value for c in ",.!?:;…"):
        return True
    return any(
        (ps := morph.parses(language, w)) and all(morph.tags_of(p) & _SPEECH_TAGS for p in ps)
        for w in value.split()[1:]
        if w.islower()
    )


class QuotedNameRecognizer:
    label = ORGANIZATION
    languages = frozenset({"en", "ru", "uk"})

    def analyze(self, text: str, language: str) -> list[Detection]:
        found = []
        for m in _QUOTED.finditer(text):
            value = m.group("value").strip()
            n_words = len(value.split())
            if not value or n_words > _MAX_WORDS or _is_speech(language, value):
                continue
            start, end = m.span("value")
            before = text[max(0, m.start() - 30) : m.start()]
            label = CALLSIGN if n_words == 1 and _ROLE.search(before) else ORGANIZATION
            if language == "en" and label == ORGANIZATION:
                continue  # English quotes are mostly speech or titles, not firm names
            found.append(Detection(start, end, label, 0.5, "quoted"))
        return found
