"""Military unit designations: "в/ч 12345", "в/ч А-1234", "військова частина А1234",
"military unit 41450", "unit 3057", "155-я бригада", "72nd brigade". Only the number (with its
ordinal ending) is replaced."""

from redaction.labels import MILITARY_UNIT
from redaction.recognizers.base import Pattern, PatternRecognizer

_NUMBER = r"(?P<value>[A-ZА-ЯІЇЄ]?-?\d{3,5}(?:-?[A-ZА-ЯІЇЄ])?)"
_FORMATION = (
    r"(?:бригад|полк|батальон|батальйон|дивизи|дивізі|арми|армі|корпус|отряд|загон|рот[аыуеіо]|"
    r"brigade|regiment|battalion|division|army|corps|company|detachment)"
)
_ORDINAL = r"(?P<value>\d{1,3}(?:-?(?:[а-яіїєґ]{1,3}|th|st|nd|rd)\b)?)"


class MilitaryUnitRecognizer(PatternRecognizer):
    label = MILITARY_UNIT
    patterns = (
        Pattern(r"(?:\bв\s?/\s?ч|\bв\.\s?ч\.|\bвч|\bв/ч)\s*№?\s*" + _NUMBER, 0.95),
        # the same in Latin letters, "v/ch 12676", "v/ch. 91711", "vch 12345"
        Pattern(r"\bv\s?/\s?ch\.?\s*(?:n|№)?\s*" + _NUMBER, 0.95, requires=("ch",)),
        Pattern(r"(?:войсков\w*|військов\w*)\s+част\w*\s*№?\s*" + _NUMBER, 0.95),
        Pattern(
            r"\b(?:military\s+)?unit\s+(?:no\.?\s*|number\s+|#\s*)?" + _NUMBER,
            0.9,
            requires=("unit",),
        ),
        Pattern(r"\bпольов\w+\s+пошт\w+\s*" + _NUMBER, 0.9),
        Pattern(r"\bчаст\w*\s+№?\s*" + _NUMBER, 0.85),
        # Ukrainian unit codes: a letter A and four digits (А0224, A-4123)
        Pattern(r"(?<!\w)(?P<value>[АA]-?\d{4})(?!\w)", 0.8, flags=0),
        Pattern(
            r"\b" + _ORDINAL + r"\s+(?:(?:[\w-]+)\s+){0,4}?" + _FORMATION + r"\w*",
            0.85,
        ),
        Pattern(r"\b" + _FORMATION + r"\w*\s+№\s*" + r"(?P<value>\d{1,5})", 0.85),
    )
