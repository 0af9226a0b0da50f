"""Words around names that carry grammar or type: settlement abbreviations, region nouns,
abbreviations that end in a dot without ending a sentence, and the cases prepositions govern."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redaction.text import Word

# Settlement-type words before a place name ("с. Комарів", "смт Козова").
# fmt: off
PLACE_BEFORE = frozenset(
    [
        "с", "м", "г", "п", "пос", "смт", "х", "ст", "д", "село", "селище", "місто", "город",
        "деревня", "посёлок", "поселок", "хутір", "хутор", "станица",
    ]
)
# fmt: on
# Administrative nouns after a place adjective ("Харківській області", "Луцького району").
PLACE_AFTER = re.compile(
    r"(?:област|обл$|район|р-н|округ|край$|краю|краї|сельсовет|сільрад|громад|улус)\w*$",
    re.IGNORECASE,
)
# Lower-case abbreviations whose dot does not end a sentence.
# fmt: off
ABBREVIATIONS = frozenset(
    [
        "с", "м", "г", "п", "х", "д", "т", "ст", "ул", "вул", "пер", "пос", "смт", "им", "ім",
        "св", "проф", "акад", "ген", "полк", "пл", "обл", "р", "кв", "буд", "просп", "пр", "мкр",
        "ср", "напр", "див", "тов", "гр", "тел", "e.g", "dr", "mr", "mrs", "ms", "st",
    ]
)
# fmt: on
# Cases a preposition allows after it (Russian and Ukrainian together; the analyser disambiguates).
# fmt: off
PREPOSITION_CASES: dict[str, frozenset[str]] = {
    **dict.fromkeys(("в", "во", "у", "на"), frozenset({"loct", "accs"})),
    **dict.fromkeys(("о", "об", "обо", "при"), frozenset({"loct"})),
    **dict.fromkeys(
        (
            "из", "изо", "от", "до", "около", "возле", "без", "для", "из-за", "из-под", "від",
            "біля", "після", "коло", "поблизу", "серед", "замість", "вздовж", "кроме", "крім",
            "після", "против", "проти", "мимо", "повз",
        ),
        frozenset({"gent"}),
    ),
    **dict.fromkeys(("з", "із", "зі", "с", "со"), frozenset({"gent", "ablt"})),
    **dict.fromkeys(("к", "ко", "по"), frozenset({"datv", "loct"})),
    **dict.fromkeys(
        ("над", "под", "под", "за", "перед", "между", "під", "між", "поза"),
        frozenset({"ablt", "accs"}),
    ),
    **dict.fromkeys(("про", "через", "сквозь", "крізь"), frozenset({"accs"})),
}
# fmt: on
_SHORT_PREFIX = 2  # "с", "м", "г", "ст" are prepositions or words unless a dot follows


def is_place_prefix(text: str, prefix: Word, name: Word) -> bool:
    """True for "с. Комарів", "смт Козова", "село Лука"; false for the preposition "с Сергеем"."""
    word = prefix.text.lower()
    gap = text[prefix.end : name.start].strip()
    if word not in PLACE_BEFORE or gap not in (".", ""):
        return False
    return len(word) > _SHORT_PREFIX or gap == "."


# Prepositions after which a word that may be a place or a person is a place ("в Бахмуте").
STRONG_PLACE_PREPOSITIONS = frozenset(
    ("в", "во", "на", "из", "под", "около", "возле", "вблизи", "під", "біля", "поблизу", "із")
)


_LAST_WORD = re.compile(r"([^\W\d_]+)\W*$")


_NO_PREPOSITION = frozenset({"nomn", "gent", "datv", "accs", "ablt", "voct"})


def preposition_cases(before: str) -> frozenset[str]:
    """Cases a mention can be in, judging by the word before it: what its preposition governs,
    or - without a preposition - anything but the locative, which never stands alone."""
    m = _LAST_WORD.search(before)
    found = PREPOSITION_CASES.get(m.group(1).lower()) if m else None
    return found or _NO_PREPOSITION
