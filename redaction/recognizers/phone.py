"""Phone numbers via libphonenumber, tried against the regions witnesses' numbers come from."""

from __future__ import annotations

import re

from redaction.labels import CONTACT
from redaction.types import Detection

REGIONS = ("UA", "RU", "BY", "KZ", "PL", "DE", "GB", "US")
# Digit runs libphonenumber's lenient matching may miss (odd grouping); needs a phone context word.
_LOOSE = re.compile(r"(?<![\w+])\+?\d[\d\s().-]{8,16}\d(?!\w)")
# fmt: off
_CONTEXT = (
    "тел", "phone", "номер", "call", "дзвон", "звон", "viber", "whatsapp", "telegram", "сигнал",
    "signal", "mob", "моб",
)
# fmt: on


class PhoneRecognizer:
    label = CONTACT
    languages = frozenset({"en", "ru", "uk"})

    def analyze(self, text: str, language: str) -> list[Detection]:
        import phonenumbers

        found: dict[tuple[int, int], Detection] = {}
        for region in REGIONS:
            for m in phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.VALID):
                found.setdefault(
                    (m.start, m.end), Detection(m.start, m.end, self.label, 0.9, "phone")
                )
        for m in _LOOSE.finditer(text):
            digits = sum(c.isdigit() for c in m.group())
            context = text[max(0, m.start() - 30) : m.start()].lower()
            if 10 <= digits <= 13 and any(w in context for w in _CONTEXT):
                found.setdefault(m.span(), Detection(m.start(), m.end(), self.label, 0.7, "phone"))
        return list(found.values())
