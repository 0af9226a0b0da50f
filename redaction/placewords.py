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
    **dict.fromkeys(("в", "во", "на"), frozenset({"loct", "accs"})),
    "у": frozenset({"loct", "accs", "gent"}),  # ru "у Петра", uk "у Києві", "у Михалича"
    **dict.fromkeys(("о", "об", "обо", "при"), frozenset({"loct"})),
    **dict.fromkeys(
        (
            "из", "изо", "от", "до", "около", "возле", "без", "для", "из-за", "из-под", "від",
            "з-під", "із-під", "з-за", "із-за",
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


_LAST_WORD = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)?)\W*$")


_NO_PREPOSITION = frozenset({"nomn", "gent", "datv", "accs", "ablt", "voct"})


# English generic nouns that mark the word next to them as a place ("Siverek village", "the
# island of Lemland"); lower-case, they are no part of the name.
EN_PLACE_NOUNS = (
    r"(?:city|village|town|township|district|region|province|county|oblast|raion|rayon|"
    r"municipality|settlement|hromada|krai|island|archipelago)"
)
# The readable parts of an English place mention: a lower-case place noun (with its "of" or
# "of the") anywhere, or an Irish "Co."/"County" opening it ("Co. Limerick").
_EN_PLACE_WORDS = re.compile(
    rf"^(?:Co\.|County)(?=\s)|(?<![\w'’-]){EN_PLACE_NOUNS}(?:\s+of(?:\s+the)?)?(?![\w'’-])"
)
_TOKEN = re.compile(r"[^\W_]+")


def english_place_names(surface: str) -> list[tuple[int, int]]:
    """Ranges of the names in an English place mention, without the place nouns around them:
    "Siverek village" -> "Siverek", "island of Lemland" -> "Lemland". The noun stays readable
    and unchanged around a surrogate made for the name alone, so the name's bare mentions get
    the same one. A mention without such a noun is one name as a whole ("Island of Lemland",
    capitalised, is a proper name)."""
    gaps, last = [], 0
    for m in _EN_PLACE_WORDS.finditer(surface):
        gaps.append((last, m.start()))
        last = m.end()
    if not last:
        return [(0, len(surface))]
    gaps.append((last, len(surface)))
    names = []
    for start, end in gaps:
        # From the first capitalised word (or number) to the last letter or digit: a stray
        # "the" before it stays, a ", Ukraine" after a noun is a name of its own.
        toks = list(_TOKEN.finditer(surface, start, end))
        first = next((t for t in toks if t.group()[0].isupper() or t.group()[0].isdigit()), None)
        if first is not None:
            names.append((first.start(), toks[-1].end()))
    return names or [(0, len(surface))]


def preposition_cases(before: str, language: str = "") -> frozenset[str]:
    """Cases a mention can be in, judging by the word before it: what its preposition governs,
    or - without a preposition - anything but the locative, which never stands alone. Russian
    «у» takes only the genitive (Ukrainian «у» is also «в»)."""
    m = _LAST_WORD.search(before)
    word = m.group(1).lower() if m else ""
    if language == "ru" and word == "у":
        return frozenset({"gent"})
    return PREPOSITION_CASES.get(word) or _NO_PREPOSITION
