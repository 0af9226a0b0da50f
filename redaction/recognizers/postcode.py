"""Postcodes: six digits in Russia, five in Ukraine, inside an address or after a cue word
("индекс", "поштовий індекс", "postcode"). A village's postcode points at a few hundred homes.

A bare five- or six-digit number is as often a sum or a count, so it needs an address word
before it (адрес, адресою, address, обл., Oblast, region, вул., ул., Street) and must stand
where a postcode stands: between commas, or at the end of the address.
"""

from redaction.labels import LOCATION
from redaction.recognizers.base import Pattern, PatternRecognizer

_CODE = r"(?<![\w.,/-])(?P<value>\d{6}|\d{5})(?![\w/-]|[.,]\d)"


class PostcodeRecognizer(PatternRecognizer):
    label = LOCATION
    # fmt: off
    context = (
        "адрес", "address", "обл", "oblast", "region", "область", "край", "krai", "вул", "ул.",
        "улиц", "street", "str.", "просп", "avenue", "індекс", "индекс", "postcode", "post code",
        "zip", "поштов", "почтов", "registered at", "проживаю", "мешкаю", "зареєстр",
        "зарегистр", "ukraine", "russia", "україна", "россия",
    )
    # fmt: on
    context_window = 60
    patterns = (
        # "адресу: 347660, Ростовская область", "Kherson Oblast, 75014, Ukraine"
        Pattern(_CODE + r"(?=\s*(?:,|\.(?:\s|$)|$|\n))", 0.85, needs_context=True, flags=0),
        # "индекс 347660", "postcode 75014"
        Pattern(
            r"(?:індекс|индекс|postcode|post\s+code|zip(?:\s+code)?)\s*:?\s*" + _CODE,
            0.9,
            requires=("індекс", "индекс", "post", "zip"),
        ),
    )
