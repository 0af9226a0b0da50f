"""Exact dates (with a day): dates of birth and of events. Month-year or year alone stays."""

from __future__ import annotations

import re

from redaction.labels import DATE
from redaction.recognizers.base import Pattern, PatternRecognizer

MONTHS = {
    "en": "january february march april may june july august september october november december",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
}
_EN_ABBR = r"jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?"
_ANY_MONTH = "|".join(m for ms in MONTHS.values() for m in ms.split()) + "|" + _EN_ABBR
YEAR = r"(?:\s*,?\s*(?:\d{4}|'\d{2})(?:\s*(?:г\.|года|году|год|гг\.|р\.|року|рік))?)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"


class DateRecognizer(PatternRecognizer):
    label = DATE
    patterns = (
        Pattern(
            r"(?<![\d.])" + _DAY + r"[./]" + r"(?:0?[1-9]|1[0-2])[./](?:\d{4}|\d{2})(?![\d.]\d)",
            0.9,
        ),
        Pattern(r"(?<!\d)\d{4}-(?:0[1-9]|1[0-2])-(?:[12]\d|3[01]|0[1-9])(?!\d)", 0.9),
        Pattern(
            r"(?<!\d)(?:\b(?i:the)\s+)?"
            + _DAY
            + r"(?:-?(?:го|е|st|nd|rd|th))?\s+(?:of\s+)?(?:"
            + _ANY_MONTH
            + r")\b"
            + YEAR,
            0.85,
        ),
        Pattern(
            r"\b(?:"
            + MONTHS["en"].replace(" ", "|")
            + "|"
            + _EN_ABBR
            + r")\s+"
            + _DAY
            + r"(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?",
            0.85,
        ),
    )

    def validate(self, value: str) -> bool:
        parts = re.split(r"[./]", value)
        return not (
            len(parts) == 3 and len(parts[2]) == 2 and value.count(".") == 2 and int(parts[0]) > 31
        )
