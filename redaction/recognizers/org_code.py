"""Workplaces named by an abbreviation and a number: "в ПАТП-2", "на ДРСУ-7", "at ATP-3".

The abbreviation of a small employer with its number is one name that identifies a workplace
(motor depot No. 2 of a town), so the whole code goes, as a facility code does: "ПАТП-" left
next to a surrogate number would still say where. The same shape names weapons and vehicles
("БТР-80", "ГАЗ-66", "Su-34"), diseases ("COVID-19") and law articles, so a code counts only
where a workplace is spoken of: after a place preposition ("в", "на", "at") and with a word of
employment ("работал", "працювала", "worked", "job") in the same sentence, on either side. An
abbreviation that NER already calls an organisation takes its number along in `resolve`."""

import re

from redaction.labels import ORGANIZATION
from redaction.recognizers.base import Pattern, PatternRecognizer

_PREPOSITION = (
    r"(?<!\w)(?:[ВвУуСсЗз]|[Нн]а|[Вв]о|[Іі]з|[Ии]з|[Сс]о|[Дд]о|[Оо]т|[Вв]ід|at|in|from|for)\s+"
)
_CODE = r"(?P<value>[A-ZА-ЯЁІЇЄҐ]{2,6}-\d{1,6})(?![\w/-])"
_SENTENCE = re.compile(r"[.!?](?:\s|$)|\n")


class OrganisationCodeRecognizer(PatternRecognizer):
    label = ORGANIZATION
    patterns = (Pattern(_PREPOSITION + _CODE, 0.85, needs_context=True, flags=0),)
    # Stems of employment words, lower case: working, a job, being hired, a shift.
    context = (
        "работ", "трудил", "трудоустр", "устроил", "уволи", "смен", "предприят", "завод",
        "працю", "праці", "робот", "влаштув", "звільни", "змін", "підприєм",
        "work", "job", "employ", "hired", "shift", "depot",
    )  # fmt: skip
    context_window = 80

    def has_context(self, text: str, start: int) -> bool:
        """An employment word in the sentence of the code, before or after it."""
        before = _SENTENCE.split(text[max(0, start - self.context_window) : start])[-1]
        after = _SENTENCE.split(text[start : start + self.context_window])[0]
        near = f"{before} {after}".lower()
        return any(word in near for word in self.context)
