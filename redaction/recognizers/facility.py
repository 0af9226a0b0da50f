"""Numbered institutions: "школа № 2", "больница № 3", "лікарня №5", "School No. 12",
"ИК-2", "СИЗО-1". The number (with its sign) is what identifies the place."""

from redaction.labels import FACILITY
from redaction.recognizers.base import Pattern, PatternRecognizer

_INSTITUTION = (
    r"(?:школ\w*|гимнази\w*|гімназі\w*|лице\w*|ліце\w*|больниц\w*|лікарн\w*|поликлиник\w*|"
    r"полікліні\w*|госпитал\w*|шпитал\w*|детск\w+\s+сад\w*|дитяч\w+\s+садк\w*|садик\w*|колони\w*|"
    r"колоні\w*|отдел\w*\s+полиции|відділ\w*\s+поліції|отделени\w*|відділенн\w*|"
    r"school|hospital|kindergarten|penal\s+colony|colony|detention\s+cent(?:er|re)|clinic)"
)


class FacilityRecognizer(PatternRecognizer):
    label = FACILITY
    patterns = (
        Pattern(
            _INSTITUTION + r"\s*(?P<value>(?:№|No\.?|number|#)\s*\d{1,4})",
            0.85,
            requires=("№", "no", "number", "#"),
        ),
        Pattern(
            r"(?<!\w)(?:ИК|ИВС|СИЗО|СІЗО|ЛИУ|ИТК|ПНД|ВОП)\s?-?\s?(?P<value>№?\s?\d{1,3})(?!\d)",
            0.85,
            flags=0,
        ),
    )
