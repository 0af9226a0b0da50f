"""Numbered institutions: "школа № 2", "больница № 3", "лікарня №5", "School No. 12", and
detention facilities by their code: "ИК-2", "СИЗО-1", "ІК-10", "SIZO-1", "ik-6".

For a school the number is what identifies it, so only "№ 2" goes. A facility code is one name
("ИК-6" is penal colony No. 6 of a region): it goes whole, or "ИК-" would be left readable
next to a surrogate number. ИВС or СИЗО alone is a generic word and stays."""

from redaction.labels import FACILITY
from redaction.recognizers.base import Pattern, PatternRecognizer

_INSTITUTION = (
    r"(?:школ\w*|гимнази\w*|гімназі\w*|лице\w*|ліце\w*|больниц\w*|лікарн\w*|поликлиник\w*|"
    r"полікліні\w*|госпитал\w*|шпитал\w*|детск\w+\s+сад\w*|дитяч\w+\s+садк\w*|садик\w*|колони\w*|"
    r"колоні\w*|отдел\w*\s+полиции|відділ\w*\s+поліції|отделени\w*|відділенн\w*|"
    r"school|hospital|kindergarten|penal\s+colony|colony|detention\s+cent(?:er|re)|clinic)"
)
# Codes of penal colonies, pre-trial and temporary detention, in Cyrillic and Latin letters.
_FACILITY_CODE = r"(?:ИК|ИВС|СИЗО|СІЗО|ІК|ІТТ|ИТТ|ЛИУ|ИТК|ЛВК|ВК|ПНД|ВОП|IK|SIZO|IVS|ITK|LIU|ITT)"


class FacilityRecognizer(PatternRecognizer):
    label = FACILITY
    patterns = (
        Pattern(
            _INSTITUTION + r"\s*(?P<value>(?:№|No\.?|number|#)\s*\d{1,4})",
            0.85,
            requires=("№", "no", "number", "#"),
        ),
        Pattern(rf"(?<!\w){_FACILITY_CODE}\s?-?\s?№?\s?\d{{1,3}}(?![\d/])", 0.9),
    )
