"""Exact dates written in words: "третьего октября", "двадцять п'ятого березня 2023 року",
"the fifth of May", "May the fifth", "дев'ятого на десяте листопада".

Day numbers are a closed class: the ordinals 1-31 are the lemmas below (with "двадцать"/"twenty"
before a unit for 21-29 and 31), and pymorphy3 supplies every case and gender of each, so the
pattern is built from the dictionary, not from a list of seen phrases. A day needs a month word
next to it; a month or a year alone stays unmarked.
"""

from __future__ import annotations

import re
from functools import cache

from redaction.labels import DATE
from redaction.morph import analyzer
from redaction.recognizers.base import Pattern, PatternRecognizer
from redaction.recognizers.date import MONTHS, YEAR

ORDINALS = {
    "ru": "первый второй третий четвёртый пятый шестой седьмой восьмой девятый десятый"
    " одиннадцатый двенадцатый тринадцатый четырнадцатый пятнадцатый шестнадцатый семнадцатый"
    " восемнадцатый девятнадцатый двадцатый",
    "uk": "перший другий третій четвертий п'ятий шостий сьомий восьмий дев'ятий десятий"
    " одинадцятий дванадцятий тринадцятий чотирнадцятий п'ятнадцятий шістнадцятий сімнадцятий"
    " вісімнадцятий дев'ятнадцятий двадцятий",
    "en": "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
    " thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth",
}
THIRTIETH = {"ru": "тридцатый", "uk": "тридцятий", "en": "thirtieth"}
TENS = {"ru": ("двадцать", "тридцать"), "uk": ("двадцять", "тридцять"), "en": ("twenty", "thirty")}
# Years of the last century in words ("восемьдесят восьмого года", "тысяча девятьсот
# восьмидесятого года", "дев'яносто першого року"): the tens from forty, as numbers and ordinals.
YEAR_TENS = {
    "ru": "сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто",
    "uk": "сорок п'ятдесят шістдесят сімдесят вісімдесят дев'яносто",
}
YEAR_TENS_ORDINALS = {
    "ru": "сороковой пятидесятый шестидесятый семидесятый восьмидесятый девяностый",
    "uk": "сороковий п'ятдесятий шістдесятий сімдесятий вісімдесятий дев'яностий",
}
CENTURY = {"ru": r"(?:одна\s+)?тысяча\s+девятьсот", "uk": r"(?:одна\s+)?тисяча\s+дев['’ʼ`]ятсот"}
NOMINATIVE_MONTHS = {
    "ru": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
    "uk": "січень лютий березень квітень травень червень липень серпень вересень жовтень"
    " листопад грудень",
}
_APOS = "['’ʼ`]"


def ordinal_lemmas(language: str) -> dict[str, int]:
    """Lemma -> day number of the ordinals 1-20 and 30."""
    lemmas = {w: n for n, w in enumerate(ORDINALS[language].split(), start=1)}
    return lemmas | {THIRTIETH[language]: 30}


@cache
def ordinal_forms(language: str, *, year_tens: bool = False) -> dict[str, tuple[int, str]]:
    """Every written form of the ordinals 1-20 and 30 -> (number, lemma); with `year_tens`,
    of the ordinals 40-90 by tens instead."""
    lemmas = ordinal_lemmas(language)
    if year_tens:
        lemmas = {w: 10 * n for n, w in enumerate(YEAR_TENS_ORDINALS[language].split(), start=4)}
    forms: dict[str, tuple[int, str]] = {}
    for lemma, number in lemmas.items():
        forms[lemma] = (number, lemma)
        if language == "en":
            continue
        for parse in analyzer(language).parse(lemma):
            if parse.normal_form == lemma and "ADJF" in parse.tag:
                for form in parse.lexeme:
                    forms[form.word.replace("ё", "е")] = (number, lemma)
                    forms[form.word] = (number, lemma)
                break
    return forms


def _alternation(words: set[str]) -> str:
    return "|".join(re.escape(w).replace("'", _APOS) for w in sorted(words, key=len, reverse=True))


def _ordinal(language: str) -> str:
    """A day ordinal 1-31 (a compound "двадцать пятого", "twenty-fifth" included)."""
    units = _alternation(set(ordinal_forms(language)))
    tens = "|".join(TENS[language])
    joint = r"[\s-]+" if language == "en" else r"\s+"
    return rf"(?:(?:{tens}){joint})?(?:{units})"


def _months(language: str) -> str:
    words = set(MONTHS[language].split()) | set(NOMINATIVE_MONTHS.get(language, "").split())
    return _alternation(words)


def _year_ordinal(language: str) -> str:
    """A year in words: "двадцать третьего", "восемьдесят восьмого", "тысяча девятьсот
    восьмидесятого", "две тысячи первого"."""
    units = _alternation(set(ordinal_forms(language)))
    tens = _alternation(set(ordinal_forms(language, year_tens=True)))
    cardinal_tens = _alternation(set(TENS[language]) | set(YEAR_TENS[language].split()))
    thousands = rf"(?:{CENTURY[language]}|(?:две|дві)\s+(?:тысячи|тисячі))\s+"
    return rf"(?:{thousands})?(?:(?:(?:{cardinal_tens})\s+)?(?:{units})|{tens})"


def _slavic_pattern() -> str:
    ordinal = "(?:" + "|".join(_ordinal(lang) for lang in ("ru", "uk")) + ")"
    year = "(?:" + "|".join(_year_ordinal(lang) for lang in ("ru", "uk")) + ")"
    months = _months("ru") + "|" + _months("uk")
    year_words = rf"\s+{year}\s+(?:года|году|год|року|рік|році)"
    return (
        rf"(?<![\w'’ʼ]){ordinal}(?:\s+на\s+{ordinal})?\s+(?:{months})\b"
        rf"(?:{year_words}|{YEAR})?"
    )


_EN_CARDINAL = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen"
)
_EN_YEAR = (
    r"(?:,?\s+(?:(?:nineteen|twenty)\s+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
    rf"|ninety)(?:[\s-]+(?:{_EN_CARDINAL}))?|{_EN_CARDINAL})"
    rf"|two\s+thousand(?:\s+and)?(?:\s+(?:twenty[\s-]+)?(?:{_EN_CARDINAL}))?|\d{{4}}))?"
)


def _english_patterns() -> tuple[str, str]:
    ordinal, months = _ordinal("en"), _months("en")
    return (
        rf"\b(?:(?i:the)\s+)?{ordinal}\s+of\s+(?:{months})\b{_EN_YEAR}",
        rf"\b(?:{months})\s+(?:the\s+)?{ordinal}\b{_EN_YEAR}",
    )


class DateInWordsRecognizer(PatternRecognizer):
    label = DATE
    patterns = (
        Pattern(_slavic_pattern(), 0.85),
        *(Pattern(p, 0.85) for p in _english_patterns()),
    )
