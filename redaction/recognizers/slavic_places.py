"""Russian/Ukrainian place mentions the NER and the name recogniser miss or cut short.

* Road numbers: "траса М-15", "автодороги Н-02", "на трассе Р-22". A road number near a
  village narrows it down; a letter and a number alone are also tanks and missiles ("Т-72",
  "С-300"), so a road word shortly before is required, except for the zero-padded Ukrainian
  national road numbers ("М-03", "Н-02").
* Coordinated region adjectives sharing one region noun: "Волинської та Львівської областей",
  "Херсонська, Запорізька і Донецька області" - the first adjectives have no noun of their own.
* Settlements in quotes: "село «Калинівка»", "в посёлке "Солнечный"".
* Street addresses the address patterns miss: "вул.. Паращука, 5", "вул. Леваневського, 2-В",
  "вул. Саперне поле, 5", "на Грушевського 9а".
* Ukrainian place names opening a sentence: pymorphy3's Ukrainian dictionary has no place tag,
  so "Бахмут обстрілювали щодня" or "Чечня входить..." is judged by the Russian dictionary's
  place reading or a toponymic ending (Покровськ, Мелітополь, Мирноград); ordinary words
  ("Війна", "Це") have neither.
"""

from __future__ import annotations

import re
from functools import cache

from redaction import morph
from redaction.data import load
from redaction.labels import ADDRESS, LOCATION
from redaction.recognizers.first_chars import compile_scanning
from redaction.text import is_sentence_start, words
from redaction.types import Detection

_UP = "А-ЯЁІЇЄҐ"
_LOW = "а-яёіїєґ"
_NAME = rf"[{_UP}][{_LOW}'’ʼ]+(?:-[{_UP}{_LOW}][{_LOW}'’ʼ]+)*"

_ROAD_WORDS = re.compile(
    r"(?:трас|дорог|автодорог|шосе|шоссе|автомагістрал|магістрал|автошлях|автотрас|"
    r"road|highway|route)\w*[^.!?\n]{0,40}$",
    re.IGNORECASE,
)
_ROAD = compile_scanning(r"(?<![\w-])(?:[МНРТОСАЕEMHPT]|ДН|АЕ)-?\s?\d{1,3}(?![\w-])")
_PADDED_ROAD = re.compile(r"(?<![\w-])[МН]-0\d(?![\w-])")

_REGION_ADJ = (
    rf"[{_UP}][{_LOW}'’ʼ-]+(?:ськ|цьк|зьк|ск|цк|зск)"
    r"(?:а|ая|ій|ой|ої|ую|у|ого|ому|их|им|ими|ий|ые|і|ие|ом|ім|ої|ое|е)"
)
_REGION_LIST = compile_scanning(
    rf"(?<!\w){_REGION_ADJ}(?:(?:\s*,\s*|\s+(?:та|і|й|и|або|чи|или)\s+){_REGION_ADJ})+"
    r"\s+(?:област\w*|обл\.|район\w*|р-н\w*|округ\w*|кра[йяюеіїя]\w*|громад\w*)"
)

# An inflected settlement noun before a capitalised word makes it a place whatever its other
# readings: "на хуторі Вільному", "у селі Лука", "селищем Мирне", "в городе Шахты".
_SETTLEMENT_NOUN = compile_scanning(
    r"(?<![\w-])(?i:сел[аоіуе]|селом|селищ[еаіу]|селищем|хутор[аіуе]|хуторі|хутором|хутір|"
    r"міст[аоі]|містом|містечк[оуаі]|містечком|пос[её]лк[аеуі]|пос[её]лком|посел[еи]нн?\w*|"
    r"деревн[яиеюі]|деревней|город|город[аеу]|городом|станиц[аыеуі]|станицей|смт)\s+"
    rf"(?P<value>{_NAME}(?:\s+{_NAME})?)"
)
# After a place preposition, a toponymic noun ending settles a label the NER often gets wrong
# ("до Покровська", "з Маріуполя", "під Мелітополем" are no people): masculine -ськ/-цьк and
# -поль/-піль/-град nouns in an inflected form no personal name takes.
_PREPOSITION_TOPONYM = compile_scanning(
    r"(?<![\w-])(?i:до|з|із|зі|під|біля|поблизу|від|через|у|в|на|из|под|около|возле|от)\s+"
    rf"(?P<value>[{_UP}][{_LOW}'’ʼ-]*(?:[сцз]ьк(?:а|у|ом|ові)?|[сцз]к(?:а|е|у)?|"
    r"пол[ья]|пол[іюе]|полем|піл|град[аеуі]?|градом))(?![\w-])"
)
_QUOTED_SETTLEMENT = compile_scanning(
    r"(?<!\w)(?:село|селі|села|селом|селище|селищі|селища|смт|місто|місті|міста|деревн\w+|"
    r"пос[её]л\w*|посел\w*|хутор\w*|хутір|станиц\w+|с\.|м\.|г\.|п\.)\s*"
    rf"[«\"„“](?P<value>[{_UP}][^»\"”“\n]{{1,40}})[»\"”“]",
    re.IGNORECASE,
)

_HOUSE = r"\d{1,4}(?:[-/]?[А-ЯЁІЇЄҐа-яёіїєґA-Za-z](?!\w)|[/-]\d{1,4}[а-яa-z]?)?"
_STREET = compile_scanning(
    r"(?<!\w)(?:вул|ул|пров|пер|просп|пр|бульв|пл|наб)\.{1,2}\s*"
    rf"{_NAME}(?:\s+(?:{_NAME}|[{_LOW}]{{3,}}))?,?\s*(?:буд\.|д\.|№)?\s*{_HOUSE}(?![\w-])"
)
_BARE_STREET = compile_scanning(
    rf"(?<!\w)(?i:на|по|з|із|зі|с|со|від|от|до)\s(?P<value>[{_UP}][{_LOW}'’ʼ-]+"
    r"(?:ського|цького|зького|ова|ева|єва|іна|ина|енка|ого|ої|ой|ая|ій)\s+"
    r"\d{1,4}(?:[а-яєіїa-z]|/\d{1,4})?)(?![\w-])"
    r"(?!\s*(?:км|кілометр|километр|м\b|метр|хвилин|минут|годин|час|рок|рік|років|лет|"
    r"раз|чоловік|человек|осіб|людей|%|гр|грн|руб|тис|тыс|млн|штук))"
)

# Adjectives that open compound settlement names: "Нова Каховка", "Мала Токмачка", "Великий
# Бурлук", "Верхній Рогачик", "Старобільськ" aside. Opening a sentence, the adjective is missed
# while the name after it is caught, which leaves half the place readable.
_COMPOUND = compile_scanning(
    r"(?<![\w-])(?:Нов|Стар|Велик|Мал|Верхн|Нижн|Середн|Крив|Біл|Бел|Чорн|Черн|Червон|Красн|"
    r"Зелен|Золот|Сух|Широк|Глибок|Глубок|Висок|Высок)"
    r"(?:а|ая|ий|ій|ый|е|ое|і|ые|ої|ой|ого|ому|ую|у|ім|ом|их|ых|я|є|ього|ьому|ьої|ю|іх)\s+"
    rf"(?P<name>[{_UP}][{_LOW}'’ʼ]{{3,}}(?:-[{_UP}][{_LOW}'’ʼ]+)?)"
)
# A proper adjective and a geographic noun: "Маршаллові острови", "Кінбурнська коса",
# "Голосіївський ліс". Mid-sentence the name recogniser finds the adjective; opening a sentence
# or a bracket it does not.
_GEO_NOUN = compile_scanning(
    r"(?<![\w-])(?!Україн|Укра[ії]н|Російськ|Росси|Русск|Руськ|Польськ|Польск|Білорус|Белорус|"
    r"Європ|Европ|Азіат|Азиат)"
    rf"[{_UP}][{_LOW}'’ʼ-]+(?:[сцз]ьк|[оеєі]в|ин|ін)(?:а|е|ий|і|ого|ої|ому|ій|ою|"
    r"им|их|ими|ая|ое|ые|ой|ую|ым|ых)\s+"
    r"(?:остр[оі]в\w*|кос[аиіуою]|кос[оі]ю|ліс|ліс[іуа]|лісом|ліси|лісах|лісів|лес|лес[уеа]|лесом|леса|лесах|пущ[аіиу]\w*|озер\w*|бухт\w*|затоц\w*|"
    r"заток\w*|лиман\w*|водосховищ\w*|водохранилищ\w*|урочищ\w*|балк\w*|півостр\w*|"
    r"полуостр\w*|хреб\w+|протоц\w*|проток\w*)(?!\w)"
)
_COMPOUND_END = re.compile(
    r"(?:к[аиуіо]|[сцз]ьк\w*|[іїо]в|поль|піль|град|город|[еє]ць|иц[яі]|ичі|ани|[иоеі]не|"
    r"[оеє]ве|ик|ук|ок)$"
)
_TOPONYM_END = re.compile(r"(?:[сцз]ьк|поль|піль|град|город|горськ)$")
_CAPITALISED = re.compile(rf"[{_UP}][{_LOW}'’ʼ-]{{3,}}")
_GEOX_SHARE = 0.5
_ABBREVIATION = compile_scanning(rf"(?<![\w-])[{_UP}]{{2,5}}(?![\w-])")
_TO_RUSSIAN = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": "ь", "’": "ь"})


class SlavicPlaceRecognizer:
    label = LOCATION
    languages = frozenset({"ru", "uk"})

    def analyze(self, text: str, language: str) -> list[Detection]:
        found: list[Detection] = []

        def add(start: int, end: int, label: str, score: float) -> None:
            found.append(Detection(start, end, label, score, "slavic_places"))

        for m in _ROAD.finditer(text):
            before = text[max(0, m.start() - 60) : m.start()]
            if _ROAD_WORDS.search(before) or _PADDED_ROAD.fullmatch(m.group()):
                add(m.start(), m.end(), LOCATION, 0.8)
        for m in _REGION_LIST.finditer(text):
            add(m.start(), m.end(), LOCATION, 0.85)
        for m in _SETTLEMENT_NOUN.finditer(text):
            add(m.start("value"), m.end("value"), LOCATION, 0.9)
        for m in _PREPOSITION_TOPONYM.finditer(text):
            add(m.start("value"), m.end("value"), LOCATION, 0.9)
        for m in _QUOTED_SETTLEMENT.finditer(text):
            add(m.start("value"), m.end("value"), LOCATION, 0.85)
        for m in _STREET.finditer(text):
            add(m.start(), m.end(), ADDRESS, 0.86)
        for m in _BARE_STREET.finditer(text):
            add(m.start("value"), m.end("value"), ADDRESS, 0.86)
        for m in _COMPOUND.finditer(text):
            if _compound_place(language, m.group("name")):
                add(m.start(), m.end(), LOCATION, 0.8)
        for m in _GEO_NOUN.finditer(text):
            add(m.start(), m.end(), LOCATION, 0.7)
        abbreviations = _place_abbreviations(language)
        for m in _ABBREVIATION.finditer(text):
            if m.group() in abbreviations:
                add(m.start(), m.end(), LOCATION, 0.7)
        if language == "uk":
            for w in words(text):
                if (
                    _CAPITALISED.fullmatch(w.text)
                    and is_sentence_start(text, w.start)
                    and _sentence_initial_place(w.text)
                ):
                    add(w.start, w.end, LOCATION, 0.6)
        return sorted(found, key=lambda d: (d.start, d.end))


@cache
def _place_abbreviations(language: str) -> frozenset[str]:
    """Upper-case abbreviations the keep list names as places (США, СРСР, РФ, ДНР): public,
    so kept by default, but still places when the keep list is off."""
    entries = load("keep")["LOCATION"].get(language, [])
    return frozenset(e for e in entries if isinstance(e, str) and _ABBREVIATION.fullmatch(e))


def _sentence_initial_place(word: str) -> bool:
    """A Ukrainian word opening a sentence that is a place name: a place reading in the Russian
    dictionary (Бахмут, Херсон, Чечня) or a toponymic ending (Покровськ, Мелітополь), and no
    reading as a function word or a personal name in Ukrainian."""
    uk = morph.parses("uk", word)
    if any(morph.tags_of(p) & (morph.FUNCTION_TAGS | {"ADJF", "Name", "Patr"}) for p in uk):
        return False
    if _TOPONYM_END.search(word.lower()):
        return True
    # Spelt the Russian way, a Ukrainian place name is often in the Russian dictionary:
    # Японія -> Япония, Ізюм -> Изюм, Чернігів -> Черниговъ aside.
    for spelling in dict.fromkeys((word, word.lower().translate(_TO_RUSSIAN))):
        ru = [p for p in morph.parses("ru", spelling) if p.is_known]
        total = sum(p.score for p in ru)
        geox = sum(p.score for p in ru if "Geox" in morph.tags_of(p))
        if total > 0 and geox / total >= _GEOX_SHARE:
            return True
    return False


def _compound_place(language: str, word: str) -> bool:
    """The second half of "Нова Каховка": no person's first name or patronymic ("Старий
    Петро"), no ordinary word the dictionary knows ("Нова Пошта", "Червоний Хрест")."""
    ps = morph.parses(language, word)
    if any(morph.name_kind(p) in ("Name", "Patr") for p in ps):
        return False
    if any(p.is_known and "Geox" in morph.tags_of(p) for p in morph.parses("ru", word)):
        return True
    # Ukrainian toponyms are ordinary nouns to the Ukrainian dictionary but unknown to the
    # Russian one; a toponymic ending then decides (Каховка, Рогачик - not Пошта, Хрест).
    return not morph.is_common_word("ru", word) and bool(_COMPOUND_END.search(word.lower()))
