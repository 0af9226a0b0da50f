"""Passport, ID-card, tax, military-ID and service numbers, found by the words before them;
letter and case numbers with slashes after "№" ("№ 3/14-2271", "вих. № 12/3")."""

import re

from redaction.labels import ID
from redaction.recognizers.base import Pattern, PatternRecognizer

# An optional series or prefix ("AK-", "Zh-", "АА №") and five or more digits.
# A cue abbreviation ("ИНН 6153...") is context, not a series: it must stay before the value.
_NOT_SERIES = r"(?!(?i:инн|іпн|id|inn|ipn|no|nr|tin)\b)"
_VALUE = (
    r"(?<!\w)(?P<value>(?:"
    + _NOT_SERIES
    + r"[A-ZА-ЯІЇЄ][A-Za-zА-Яа-яІЇЄіїє]{0,2}[\s№-]*)?\d[\d\s№-]{4,16}\d)(?!\w)"
)


# Names of identifiers that NER now and then takes for a person ("РНОКПП", "ID-картка").
_DOCUMENT_WORD = re.compile(
    r"(?:инн|іпн|рнокпп|снилс|ипн|inn|ipn|rnokpp|id|id[- ]?(?:картк\w*|карт\w*|card)|"
    r"паспорт\w*|passport|жетон\w*|iban)",
    re.IGNORECASE,
)


def is_identifier_word(surface: str) -> bool:
    """True when the mention is only the name of an identifier (a cue word, never a name)."""
    return _DOCUMENT_WORD.fullmatch(surface.strip()) is not None


class IdNumberRecognizer(PatternRecognizer):
    label = ID
    # fmt: off
    context = (
        "паспорт", "passport", "серия", "серії", "серія", "id", "ідентиф", "идентиф", "инн",
        "іпн", "рнокпп", "снилс", "жетон", "жетона", "личный номер", "особистий номер",
        "військовий квиток", "военный билет", "военного билета", "військового квитка",
        "service number", "serial number", "license", "licence", "водительск", "посвідчення",
        "удостоверени", "табельн", "dog tag", "студент", "квиток", "билет", "student", "свідоцтв",
        "свидетельств", "card", "картк", "карт", "рахун", "счёт", "счет", "iban", "account",
        "inn", "taxpayer", "tax id", "tax number", "rnokpp", "ipn", "personal number",
        "personal no", "token", " tag", "military id", "лицевой", "особовий номер",
    )
    # fmt: on
    context_window = 48
    patterns = (
        Pattern(_VALUE, 0.92, needs_context=True, flags=0),
        Pattern(r"\bUA\d{2}(?:\s?\d{4}){6}\s?\d{1,3}\b", 0.95),  # Ukrainian IBAN
        Pattern(r"\b\d{4}[\s-]\d{4}[\s-]\d{4}[\s-]\d{4}\b", 0.8),  # payment card
        Pattern(r"\b\d{3}-\d{3}-\d{3}\s\d{2}\b", 0.9),  # SNILS
        # case and file numbers: "application no. 10424/05", "дело № 1-234/2022"
        Pattern(
            r"(?i:(?:\b(?:nos?\.|application|case|file|дел[оау]|справ[аиі]|провадженн\w*)\s*(?:no\.?|№)?|№)\s*)"
            r"(?P<value>(?:\d{1,2}-)?\d{2,6}/\d{2,4})(?!\d)",
            0.85,
            flags=0,
        ),
        # outgoing-letter and registry numbers: "№ 3/14-2271", "вих. № 12/3", "№ 12-4/118"
        Pattern(
            r"№\s*(?P<value>\d{1,6}(?:-\d{1,6})?/\d{1,6}(?:[/-]\d{1,6})*)(?![\d/])",
            0.85,
            flags=0,
            requires=("№",),
        ),
        # document series and number without a context word: "КВ 12094418", "АА №123456"
        Pattern(r"(?<!\w)[A-ZА-ЯІЇЄ]{2}\s?№?\s?\d{6,8}(?!\w)", 0.75, flags=0),
    )

    def validate(self, value: str) -> bool:
        return sum(c.isdigit() for c in value) >= 5 or "/" in value
