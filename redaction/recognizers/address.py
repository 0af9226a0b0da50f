"""Street addresses: street-type word plus name and house/flat numbers, in either order."""

import re

from redaction.labels import ADDRESS
from redaction.recognizers.base import Pattern, PatternRecognizer

_CAP = r"[A-ZА-ЯЁІЇЄҐ0-9][\w'’.-]*"
_STREET_RU_UK = (
    r"(?i:\b(?:ул|вул)(?:\.|(?=\s))|улиц[аыуеой]\w*|вулиц[яіюеьой]\w*|просп?\.|проспект\w*|пр-т|пер\.|переул\w*|"
    r"пров\.|провул\w*|бульв?\.|бульвар\w*|б-р|шоссе|шосе|пл\.|площад[ьи]\w*|площ[аіу]\w*|наб\.|"
    r"набережн\w+|мкр\.?|микрорайон\w*|мікрорайон\w*|проезд\w*|проїзд\w*)"
)
_HOUSE = (
    r"(?i:,?\s*(?:д\.|дом|будинок|буд\.|б\.)?\s*№?\s*\d{1,4}[а-яa-zієї]?(?:[/-]\d{1,4}[а-яa-z]?)?)?"
    r"(?i:\s*,?\s*(?:корп\.|корпус|стр\.|к\.)\s*\d{1,3})?"
    r"(?i:\s*,?\s*(?:кв\.|квартира|квартиру|квартире|квартирі|apt\.?|apartment|flat)\s*\d{1,4})?"
)
_STREET_EN_WORDS = (
    "Street", "St.", "St", "Str.", "Str", "Avenue", "Ave.", "Road", "Rd.", "Lane", "Boulevard",
    "Blvd.", "Drive", "Prospekt", "Square", "Highway", "Embankment",
)  # fmt: skip
# Case-insensitive: messages write "shkilna st 4" and only the name gets a capital.
_STREET_EN = "(?i:" + "|".join(re.escape(w) for w in _STREET_EN_WORDS) + r")(?!\w)"
_STREET_EN_REQUIRED = tuple(w.lower() for w in _STREET_EN_WORDS)


class AddressRecognizer(PatternRecognizer):
    label = ADDRESS
    patterns = (
        # ул. Ленина, 5, кв. 12 / вулиця Шевченка 10
        Pattern(
            _STREET_RU_UK + r"\s*" + _CAP + r"(?:\s+" + _CAP + r"){0,2}" + _HOUSE, 0.85, flags=0
        ),
        # Садовая улица, 5 / на Садовой улице
        Pattern(
            r"\b[А-ЯЁІЇЄҐ][\w'’-]{2,}(?:ая|ой|ий|ый|ій|а|я|ої|ій)\s+"
            r"(?:улиц\w+|вулиц\w+|проспект\w*|переул\w+|провул\w+|площад\w+|площ[аіу]\w*)" + _HOUSE,
            0.8,
            flags=0,
        ),
        # 5 Lenin Street, apt. 3 / Lenin Street 5
        Pattern(
            r"\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][\w'-]*\s+){1,3}" + _STREET_EN + _HOUSE,
            0.85,
            flags=0,
            requires=_STREET_EN_REQUIRED,
        ),
        Pattern(
            r"\b(?:[A-Z][\w'-]*\s+){1,3}" + _STREET_EN + _HOUSE,
            0.75,
            flags=0,
            requires=_STREET_EN_REQUIRED,
        ),
        # "street Sadova 12": the street word first, as in Russian and Ukrainian
        Pattern(
            r"(?i:\bstreet|\bstr\.?)\s+[A-Z][\w'-]+" + _HOUSE,
            0.85,
            flags=0,
            requires=("street", "str"),
        ),
        Pattern(
            r"\b(?:apt\.?|apartment|flat|кв\.|квартира)\s*№?\s*\d{1,4}\b",
            0.6,
            requires=("apt", "apartment", "flat", "кв"),
        ),
        # "on Chistopolskaya 19": a transliterated Russian/Ukrainian street name and a number
        Pattern(
            r"(?<=\b(?:on|at) )[A-Z][a-z]+(?:aya|aia|ska|ogo|ova|eva|ina|ya|ka)\s+\d{1,4}[a-z]?\b",
            0.7,
            flags=0,
            requires=("on ", "at "),
        ),
    )
