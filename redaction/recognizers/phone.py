"""Phone numbers via libphonenumber, tried against the regions witnesses' numbers come from.

libphonenumber's matcher parses every digit run in the text once per region (years, dates,
amounts), which made it the costliest recogniser. It only needs to see the digits that could be
a number: the digit groups of one number are at most four separators apart (the matcher's own
limit), and a run with fewer digits than the shortest valid number of a region cannot be one of
its numbers. So each region's matcher runs only on the stretches of text around long-enough
digit runs; the matches are the same as over the whole text.
"""

from __future__ import annotations

import re
from functools import cache

from redaction.labels import CONTACT
from redaction.types import Detection

REGIONS = ("UA", "RU", "BY", "KZ", "PL", "DE", "GB", "US")
_DIGIT_RUN = re.compile(r"\d(?:\D{0,4}\d)*")
# Room around a digit run for what a match may include or the matcher looks at: a leading
# "+(" or "tel:", a trailing extension ("ext. 12", "доб. 3"), the characters next to it.
_MARGIN = 30
# Digit runs libphonenumber's lenient matching may miss (odd grouping); needs a phone context word.
_LOOSE = re.compile(r"(?<![\w+])\+?\d[\d\s().-]{8,16}\d(?!\w)")
# fmt: off
_CONTEXT = (
    "тел", "phone", "номер", "call", "дзвон", "звон", "viber", "whatsapp", "telegram", "сигнал",
    "signal", "mob", "моб",
)
# fmt: on
# A dotted or slashed date ("03.02.2023", "09/02/1993") is a date, whatever region's number
# plan also allows those digits; as a phone it came out as a web address.
_DATE_SHAPE = re.compile(r"\d{1,2}([./])\d{1,2}\1(?:19|20)\d\d")


class PhoneRecognizer:
    label = CONTACT
    languages = frozenset({"en", "ru", "uk"})

    def analyze(self, text: str, language: str) -> list[Detection]:
        found = {
            span: Detection(*span, self.label, 0.9, "phone")
            for span in library_matches(text)
            if not _DATE_SHAPE.fullmatch(text[span[0] : span[1]].strip())
        }
        for m in _LOOSE.finditer(text):
            digits = sum(c.isdigit() for c in m.group())
            context = text[max(0, m.start() - 30) : m.start()].lower()
            if 10 <= digits <= 13 and any(w in context for w in _CONTEXT):
                found.setdefault(m.span(), Detection(m.start(), m.end(), self.label, 0.7, "phone"))
        return list(found.values())


def library_matches(text: str) -> list[tuple[int, int]]:
    """Spans of libphonenumber's valid matches for any of REGIONS, in order."""
    import phonenumbers

    spans: set[tuple[int, int]] = set()
    shortest = _shortest_numbers()
    for start, end, digits in _stretches(text):
        window = text[start:end]
        for region in REGIONS:
            if digits >= shortest[region]:
                for m in phonenumbers.PhoneNumberMatcher(
                    window, region, phonenumbers.Leniency.VALID
                ):
                    spans.add((start + m.start, start + m.end))
    return sorted(spans)


def _stretches(text: str) -> list[tuple[int, int, int]]:
    """(start, end, most digits in one run) of the text around digit runs, overlapping
    stretches merged so that no number is cut in two."""
    out: list[tuple[int, int, int]] = []
    for m in _DIGIT_RUN.finditer(text):
        digits = sum(c.isdigit() for c in m.group())
        start, end = max(0, m.start() - _MARGIN), m.end() + _MARGIN
        if out and start <= out[-1][1]:
            start, _, most = out.pop()
            digits = max(digits, most)
        out.append((start, min(end, len(text)), digits))
    return out


@cache
def _shortest_numbers() -> dict[str, int]:
    """Fewest digits a valid number can have, per region: its shortest national number, or
    the shortest international one (any country's code and number after "+")."""
    import phonenumbers
    from phonenumbers import PhoneMetadata

    def lengths(region: str) -> list[int]:
        metadata = PhoneMetadata.metadata_for_region(region)
        return list(metadata.general_desc.possible_length) if metadata else []

    international = min(
        len(str(phonenumbers.country_code_for_region(r))) + min(lengths(r))
        for r in phonenumbers.SUPPORTED_REGIONS
        if lengths(r)
    )
    return {r: min(international, *lengths(r)) for r in REGIONS}
