"""English towns known only from the preposition before them: "near Taganrog", "from Buynaksk".

The small English model knows few Russian and Ukrainian towns, and a testimony names them the
way people talk: after near, from, outside, through. A capitalised word there, mid-sentence, that
is no month, weekday, nationality, language or first name, is taken as a place. The score is
low on purpose: where a model or the name gazetteer calls the word a person, that label wins.
"""

from __future__ import annotations

import re

from redaction.labels import LOCATION
from redaction.recognizers.base import Pattern, PatternRecognizer
from redaction.recognizers.names import english_first_names

_NAME = r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*"
_PREPOSITION = (
    r"(?:near|outside|around|in|from|to|towards|toward|via|through|into|at|past|beyond|"
    r"across|behind|under)"
)
# Capitalised words that follow these prepositions without being places.
_NOT_PLACES = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday god christ jesus heaven english
    russian ukrainian belarusian georgian chechen tatar telegram whatsapp signal viber facebook
    instagram youtube google skype zoom i the a an my our his her their this that these those
    it he she they we you mr mrs ms dr article section chapter part annex court""".split()  # noqa: SIM905
)
_DEMONYM = re.compile(r".*(?:ian|ish|ese|ean)$")


class EnglishPrepositionPlaceRecognizer(PatternRecognizer):
    label = LOCATION
    languages = frozenset({"en"})
    patterns = (
        Pattern(
            rf"(?<![\w.])(?i:{_PREPOSITION})[ \u00a0]+(?P<value>{_NAME}(?:[ \u00a0]{_NAME})?)"
            r"(?![\w'’-])",
            0.6,
            flags=0,
        ),
    )

    def validate(self, value: str) -> bool:
        first = value.split()[0].lower()
        return not (
            first in _NOT_PLACES or first in english_first_names() or _DEMONYM.fullmatch(first)
        )
