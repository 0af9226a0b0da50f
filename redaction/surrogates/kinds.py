"""One kind per entity before surrogates are drawn: a person is never replaced by a place,
firm or facility, nor a place by a person.

Detectors label mentions one by one and sometimes cross kinds: a village after «з» read as a
person («з Бородянки»), a nickname read as a firm in one sentence («Малого») and as a callsign in
the next. The grammar of Russian and Ukrainian settles most of them: a locative after «в/у/на»
or a genitive after «з/из» that cannot be a known first name is a place, and a mention sharing
a lemma with a person or callsign mention is that same entity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from redaction import morph
from redaction.cities import big_city_names
from redaction.consistency import word_keys
from redaction.frequency import zipf
from redaction.labels import CALLSIGN, CONTACT, DATE, LOCATION, NAME_LIKE, ORGANIZATION, PERSON
from redaction.placewords import ABBREVIATIONS, PLACE_AFTER, PLACE_BEFORE, is_place_prefix
from redaction.recognizers.en_titles import is_honorific
from redaction.surrogates import dates
from redaction.surrogates.people import (
    canonical_first_name,
    name_parses,
    possessive_surname_lemma,
    surname_class,
)
from redaction.text import Word, words
from redaction.translit import to_cyrillic
from redaction.types import Detection

# Prepositions after which a noun in the given case names a place, not a person.
# fmt: off
_PLACE_GOVERNMENT: dict[str, frozenset[str]] = {
    **dict.fromkeys(("в", "во", "у", "на"), frozenset({"loct"})),
    **dict.fromkeys(("з", "із", "зі", "из", "с", "со", "поблизу", "біля", "около", "возле"),
                    frozenset({"gent"})),
    **dict.fromkeys(("под", "під"), frozenset({"ablt"})),
    **dict.fromkeys(("з-під", "із-під", "из-под"), frozenset({"gent"})),
    **dict.fromkeys(("між", "между"), frozenset({"ablt"})),
}
# fmt: on
_LAST_WORD = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)?)\s*$")
_OPENING_QUOTES = ("«", '"', "“", "„")
_RARE_EN_ZIPF = 2.5  # wordfreq: English rarely writes a word below this
_OBLIQUE = frozenset({"gent", "datv", "accs", "ablt", "loct"})
_ONE_WORD_KINDS = frozenset({PERSON, LOCATION, ORGANIZATION})
_PERSON_ADJECTIVE_END = re.compile(r"(?:ой|ый|ий|ого|его|ому|ему|ым|им|ая|яя|ую|юю)$")
# A full stop, question or exclamation mark after a word of two letters or more that is no
# abbreviation, then a capital: a sentence ends there ("Дячуком. Михайла"; not "О. П.", "м.").
_SENTENCE_END = re.compile(r"([^\W\d_]{2,})([.!?…]+)\s+(?=[^\W\d_])")
_LINE = re.compile(r"\S(?:[^\n]*\S)?")


def within_sentences(
    text: str, found: Sequence[Detection], language_at: Callable[[int], str]
) -> list[Detection]:
    """Name-like detections cut at sentence ends: no surrogate swallows a full stop. English
    titles and abbreviations ("Co.", "Mrs.", "Col.") are short, so there a sentence ends only
    after a word of four letters or more."""
    out = []
    for d in (piece for whole in found for piece in _lines(text, whole)):
        if d.label not in NAME_LIKE:
            out.append(d)
            continue
        start = d.start
        for m in _SENTENCE_END.finditer(text, d.start, d.end):
            word = m.group(1)
            if word.lower() in ABBREVIATIONS or not text[m.end() : m.end() + 1].isupper():
                continue
            if language_at(m.start()) == "en" and len(word) < 4:
                continue
            if m.end(1) > start:
                out.append(Detection(start, m.end(1), d.label, d.score, d.source))
            start = m.end()
        if start < d.end:
            out.append(Detection(start, d.end, d.label, d.score, d.source))
    return [_without_function_words(text, d, language_at(d.start)) for d in out]


def _lines(text: str, d: Detection) -> list[Detection]:
    """A name-like detection cut at line breaks: a line ends a message or a sentence even in
    text without full stops («павлік\nсвекруха»)."""
    if d.label not in NAME_LIKE or "\n" not in text[d.start : d.end]:
        return [d]
    pieces = []
    for m in _LINE.finditer(text, d.start, d.end):
        pieces.append(Detection(m.start(), m.end(), d.label, d.score, d.source))
    return pieces


def _without_function_words(text: str, d: Detection, language: str) -> Detection:
    """A name-like span without a lower-case preposition, conjunction or particle at its
    edges («Червонопоповкой и», «Дедов в») nor a person's rank or kin word before the name
    («Капітан Ковальчук»): those words stay readable around the surrogate."""
    if d.label not in NAME_LIKE or language not in ("ru", "uk"):
        return d
    toks = all_toks = words(text[d.start : d.end])
    while len(toks) > 1 and _function_word(language, toks[-1].text):
        toks = toks[:-1]
    while len(toks) > 1 and _function_word(language, toks[0].text):
        toks = toks[1:]
    if d.label == PERSON and _rank_and_surname(language, [t.text for t in toks]):
        toks = toks[1:]
    if len(toks) == len(all_toks):
        return d
    start = d.start + toks[0].start if toks[0] is not all_toks[0] else d.start
    end = d.start + toks[-1].end if toks[-1] is not all_toks[-1] else d.end
    if text[end : d.end].startswith(".") and len(toks[-1].text) == 1:
        end += 1  # an initial keeps its dot
    return Detection(start, end, d.label, d.score, d.source)


def _function_word(language: str, word: str) -> bool:
    if not word.islower():
        return False
    ps = morph.parses(language, word)
    return bool(ps) and all(morph.tags_of(p) & {"PREP", "CONJ", "PRCL"} for p in ps[:1])


def settle_kinds(
    text: str, found: Sequence[Detection], language_at: Callable[[int], str]
) -> list[Detection]:
    """The detections with one kind per entity (see the module docstring)."""
    relabel: dict[tuple[str, str], str] = {}
    for d in found:
        lang = language_at(d.start)
        toks = words(text[d.start : d.end])
        if lang not in ("ru", "uk") or len(toks) != 1 or d.label not in _ONE_WORD_KINDS:
            continue
        word = toks[0].text
        if d.label != ORGANIZATION and _place_by_grammar(lang, text[: d.start], word):
            kind = LOCATION  # a place's grammar outvotes a nickname's look («в Мирном»)
        elif d.label == PERSON and _place_word(lang, text[: d.start], word):
            kind = LOCATION  # «с. Кушнаренково», «у Работино», «Цимлянск»
        elif d.label == LOCATION and _first_name_not_place(lang, text[: d.start], word):
            kind = PERSON  # «вместе с жекой», «жека говорит»
        elif not _after_place_word(text[: d.start]) and (
            _adjective_only(lang, word)
            or (d.label != PERSON and _nickname_noun(lang, word))
            or (_quoted(text, d) and _quoted_adjective(lang, word))
        ):
            kind = CALLSIGN
        else:
            continue
        for key in word_keys(lang, word):
            if relabel.get((lang, key)) != LOCATION:
                relabel[(lang, key)] = kind
    people = {
        (language_at(d.start), key): d.label
        for d in found
        if d.label in (PERSON, CALLSIGN)
        for w in words(text[d.start : d.end])
        for key in word_keys(language_at(d.start), w.text)
        if (language_at(d.start), key) not in relabel
    }
    callsigns = {
        (language_at(d.start), key): d.label
        for d in found
        if d.label == CALLSIGN and text[max(0, d.start - 1) : d.start] in _OPENING_QUOTES
        for key in word_keys(language_at(d.start), text[d.start : d.end])
    }
    places = [
        (
            language_at(d.start),
            [word_keys(language_at(d.start), w.text) for w in words(text[d.start : d.end])],
        )
        for d in found
        if d.label == LOCATION
    ]
    # The name of a place written with its settlement noun («посёлок Победа»): a bare «Победу»
    # is that place.
    named_places = {
        (language_at(d.start), key)
        for d in found
        if d.label == LOCATION
        and len(ws := words(text[d.start : d.end])) == 2
        and is_place_prefix(text[d.start : d.end], ws[0], ws[1])
        for key in word_keys(language_at(d.start), ws[1].text)
    }
    out = []
    for d in found:
        lang = language_at(d.start)
        surface = text[d.start : d.end]
        toks = words(surface)
        label = d.label
        keys = [(lang, k) for k in word_keys(lang, toks[0].text)] if len(toks) == 1 else []
        entity_kind = d.label in _ONE_WORD_KINDS and any(k in relabel for k in keys)
        if (
            len(toks) == 1
            and d.label != PERSON
            and not entity_kind
            and _titled(lang, text[: d.start], toks[0].text)
        ):
            label = PERSON  # «майор Дедов», "Private Medvedev"
        elif (
            len(toks) == 1
            and lang == "en"
            and d.label in (LOCATION, ORGANIZATION)
            and _slavic_name_in_english(toks[0].text)
        ):
            label = PERSON  # "from Sergeya", "with Mykoloyu", "Sashko's"
        elif len(toks) == 1 and lang in ("ru", "uk"):
            if entity_kind:
                kinds = {relabel[k] for k in keys if k in relabel}
                label = LOCATION if LOCATION in kinds else kinds.pop()
            elif d.label in (ORGANIZATION, LOCATION):
                label = next((people[k] for k in keys if k in people), label)
            elif d.label == PERSON and any(k in named_places for k in keys):
                label = LOCATION  # «Про Победу» after «в посёлок Победа»
            elif d.label == PERSON and any(callsigns.get(k) == CALLSIGN for k in keys):
                label = CALLSIGN  # «сказал Бате» after «позывной «Батя»»
            elif d.label == CALLSIGN and _first_name_unquoted(lang, text, d):
                label = PERSON  # «Зовут его Руслан»
        elif d.label == CONTACT and dates.parse(surface) is not None:
            label = DATE  # «06.08.2023» is a date, not a web address
        elif d.label == ORGANIZATION and _all_person_words(lang, text, d):
            label = PERSON
        elif d.label == ORGANIZATION and len(toks) > 1 and PLACE_AFTER.match(toks[0].text):
            label = LOCATION  # «в районе Работино»
        elif d.label == ORGANIZATION and len(toks) > 1 and lang in ("ru", "uk"):
            label = _same_words(lang, toks, places, label)  # «Часовому Яру» as «Часів Яр»
        elif d.label == PERSON and len(toks) > 1 and _place_prefixed(surface, toks):
            label = LOCATION  # «м. Нова Одеса», not the initials «С. Й. Мельник»
        elif d.label == PERSON and len(toks) == 2 and _adjective_and_place(lang, text, d, toks):
            label = LOCATION  # «у Великій Писарівці»
        elif d.label == LOCATION and len(toks) > 1 and _initials_and_surname(lang, surface, toks):
            label = PERSON  # «Т. Н. Москальковой»
        out.append(d if label == d.label else Detection(d.start, d.end, label, d.score, d.source))
    return out


def _place_by_grammar(language: str, before: str, word: str) -> bool:
    """After a place preposition, in the case it governs for places, with no known first name
    or patronymic reading in that case: «в Іванкові», «з Бородянки», «під Роботиним»."""
    m = _LAST_WORD.search(before[-20:])
    cases = _PLACE_GOVERNMENT.get(m.group(1).lower()) if m else None
    if not cases:
        return False
    # A guessed adjective is no evidence («с жекой» guessed as an adjective's genitive).
    readings = [
        p
        for p in morph.parses(language, word)
        if morph.features(p)[0] in cases and (p.is_known or "ADJF" not in morph.tags_of(p))
    ]
    if not readings or "loct" in cases:
        return bool(readings)
    return not any(p.is_known and morph.name_kind(p) in ("Name", "Patr") for p in readings)


def _place_word(language: str, before: str, word: str) -> bool:
    """A one-word "person" that reads as a place: right after a settlement noun or its
    abbreviation («с. Кушнаренково»); a known place and never a name («Цимлянск»); or after a
    place preposition, a place reading (an indeclinable «у Работино») or only inanimate noun
    readings («з Олешків»: a person is animate)."""
    ps = morph.parses(language, word)
    m = _LAST_WORD.search(before.rstrip(". ")[-25:] + " ")
    prev = m.group(1).lower() if m else ""
    settlement = prev in PLACE_BEFORE or (
        len(prev) > 2 and bool(morph.lemmas(language, prev) & PLACE_BEFORE)  # «селі», «посёлке»
    )
    if settlement and before.rstrip()[-1:] in (".", prev[-1:]) and word[:1].isupper():
        return True
    named = any(morph.name_kind(p) for p in ps)
    if any(p.is_known and "Geox" in morph.tags_of(p) for p in ps) and not named:
        return True
    if prev not in _PLACE_GOVERNMENT or not before.endswith(" ") or named:
        return False
    nouns = [p for p in ps if "NOUN" in morph.tags_of(p)]
    inanimate = bool(nouns) and all("anim" not in morph.tags_of(p) for p in nouns)
    return any("Geox" in morph.tags_of(p) for p in ps) or (inanimate and nouns == list(ps))


def _first_name_not_place(language: str, before: str, word: str) -> bool:
    """A one-word "place" that is a first name and nowhere a place says it is one: no place
    reading, no place preposition or settlement noun before it («вместе с жекой»)."""
    if _after_place_word(before) and not before.rstrip().endswith((" с", " со")):
        return False
    lemmas = morph.lemmas(language, word)
    ps = morph.parses(language, word)
    if any("Geox" in morph.tags_of(p) for p in ps):
        return False
    named = any(morph.name_kind(p) == "Name" for p in ps)
    return named or any(canonical_first_name(language, lem) != lem for lem in lemmas)


def _same_words(
    language: str, toks: list[Word], places: list[tuple[str, list[frozenset[str]]]], label: str
) -> str:
    """LOCATION when a place mention of the text has the same words in another case."""
    keys = [word_keys(language, t.text) for t in toks]
    for lang, other in places:
        same = lang == language and len(other) == len(keys)
        if same and all(a & b for a, b in zip(keys, other, strict=True)):
            return LOCATION
    return label


def _titled(language: str, before: str, word: str) -> bool:
    """A name right after a rank, title or kin word is a person's: an English honorific, or a
    Russian/Ukrainian animate common noun with a surname or first-name reading of the word in
    its case («майор Дедов», «сержанта Ильина»)."""
    m = _LAST_WORD.search(before[-25:])
    if not m or not before.endswith((" ", ". ")):
        return False
    title = m.group(1)
    if language == "en":
        return is_honorific(title)
    if language not in ("ru", "uk"):
        return False
    title_cases = {
        morph.features(p)[0]
        for p in morph.parses(language, title)
        if {"NOUN", "anim"} <= morph.tags_of(p) and not morph.name_kind(p)
    }
    if not title_cases:
        return False
    ps = morph.parses(language, word)
    if any("Geox" in morph.tags_of(p) for p in ps):
        return False
    named = any(
        p.is_known
        and morph.name_kind(p) in ("Surn", "Name")
        and morph.features(p)[0] in title_cases
        for p in ps
    )
    shaped = bool(surname_class(word) or possessive_surname_lemma(word))  # «Зиннатуллиным»
    return named or (word[:1].isupper() and not word.isupper() and shaped)


def _slavic_name_in_english(word: str) -> bool:
    """A transliterated name English writers keep in its Slavic case ("from Sergeya", "with
    Mykoloyu"): English rarely uses the word, its Cyrillic reading is a known first name (in
    Ukrainian, whose dictionary tags many places as names, the likelier reading) or a known
    surname in an oblique case ("Kovalenka"), and neither language reads it likelier as a place."""
    if zipf(word.lower(), "en") >= _RARE_EN_ZIPF or word.lower() in big_city_names("latin"):
        return False
    readings = {lang: morph.parses(lang, to_cyrillic(word, lang)) for lang in ("ru", "uk")}
    for ps in readings.values():  # «оленька» is a name before it is a place's genitive
        place = sum(p.score for p in ps if p.is_known and "Geox" in morph.tags_of(p))
        if place and place >= sum(p.score for p in ps if morph.name_kind(p)):
            return False
    uk = [p for p in readings["uk"] if p.is_known]
    uk_share = sum(p.score for p in uk if morph.name_kind(p) == "Name") / (
        sum(p.score for p in readings["uk"]) or 1.0
    )
    first_name = uk_share >= 0.5 or any(
        p.is_known and morph.name_kind(p) == "Name" for p in readings["ru"]
    )
    surname = any(
        p.is_known
        and morph.name_kind(p) == "Surn"
        and morph.features(p)[0] in _OBLIQUE
        and "Fixd" not in morph.tags_of(p)  # an indeclinable reading shows no case ("Torez")
        for ps in readings.values()
        for p in ps
    )
    return first_name or surname


def _rank_and_surname(language: str, toks: list[str]) -> bool:
    """«Капітан Ковальчук», «майор Дедов»: a rank or title (an animate common noun, never a
    first name) before one word that is no first name. A surname before a first name
    («Мельник Тарас», «Кушніра Богдана») or a full name keeps its first word."""
    if len(toks) != 2 or toks[0].isupper():
        return False
    title, name = (name_parses(language, t) for t in toks)
    is_title = any(
        p.is_known and {"NOUN", "anim"} <= morph.tags_of(p) and not morph.name_kind(p)
        for p in title
    ) and not any(morph.name_kind(p) == "Name" for p in title)
    return is_title and not any(morph.name_kind(p) == "Name" for p in name)


def _adjective_and_place(language: str, text: str, d: Detection, toks: list[Word]) -> bool:
    """An adjective and a noun in the place case after a place preposition: no person's name
    opens with an adjective («у Великій Писарівці», «під Новою Каховкою»)."""
    if language not in ("ru", "uk") or not _place_by_grammar(
        language, text[: d.start], toks[1].text
    ):
        return False
    ps = [p for p in morph.parses(language, toks[0].text) if p.is_known]
    return bool(ps) and all("ADJF" in morph.tags_of(p) and not morph.name_kind(p) for p in ps)


def _initials_and_surname(language: str, surface: str, toks: list[Word]) -> bool:
    """Capital initials before one surname («Т. Н. Москальковой»), not «Г. Новохопёрск»."""
    if language not in ("ru", "uk") or _place_prefixed(surface, toks):
        return False
    *initials, last = toks
    if not all(len(t.text) == 1 and t.text.isupper() for t in initials):
        return False
    ps = morph.parses(language, last.text)
    shaped = surname_class(last.text) or possessive_surname_lemma(last.text)
    return any(morph.name_kind(p) == "Surn" for p in ps) or bool(shaped)


def _place_prefixed(surface: str, toks: list[Word]) -> bool:
    first = toks[0].text
    return is_place_prefix(surface, toks[0], toks[1]) and (len(first) > 1 or first.islower())


def _after_place_word(before: str) -> bool:
    """Right after «с.», «село», «посёлок» or a place preposition («в», «під»): what follows
    is more likely a settlement's name than a nickname."""
    m = _LAST_WORD.search(before.rstrip(". ")[-20:] + " ")
    word = m.group(1).lower() if m else ""
    return word in PLACE_BEFORE or word in _PLACE_GOVERNMENT


def _first_name_unquoted(language: str, text: str, d: Detection) -> bool:
    """A known first name outside quotes is a person's name even where a cue suggested a
    nickname; quoted («Руслан») it may be a callsign."""
    if language not in ("ru", "uk") or text[max(0, d.start - 1) : d.start] in _OPENING_QUOTES:
        return False
    return any(
        p.is_known and morph.name_kind(p) == "Name"
        for p in morph.parses(language, text[d.start : d.end])
    )


def _nickname_noun(language: str, word: str) -> bool:
    """An adjective used as a person's noun («Малого», «Малому»: the dictionary knows "малый"
    as an animate noun) with a masculine or feminine ending; towns named by adjectives are
    neuter or plural («Мирное», «Песчанокопское»)."""
    if not _PERSON_ADJECTIVE_END.search(word.lower()):
        return False
    ps = [p for p in morph.parses(language, word) if p.is_known]
    tags = [morph.tags_of(p) for p in ps]
    return (
        any({"NOUN", "anim"} <= t for t in tags)
        and any("ADJF" in t for t in tags)
        and not any(t & {"Name", "Surn", "Patr", "Geox"} for t in tags)
    )


def _adjective_only(language: str, word: str) -> bool:
    """A nickname made of an adjective («Малий», «Малой»): every known reading is one, and none
    is a name."""
    if not _PERSON_ADJECTIVE_END.search(word.lower()):
        return False
    ps = [p for p in morph.parses(language, word) if p.is_known]
    return bool(ps) and all("ADJF" in morph.tags_of(p) and not morph.name_kind(p) for p in ps)


def _quoted(text: str, d: Detection) -> bool:
    return text[max(0, d.start - 1) : d.start] in _OPENING_QUOTES


def _quoted_adjective(language: str, word: str) -> bool:
    """«Малий» in quotes: an adjective (also a surname in the dictionary, as many are) that is
    no first name is a nickname, not a person's name."""
    if not _PERSON_ADJECTIVE_END.search(word.lower()):
        return False
    ps = [p for p in morph.parses(language, word) if p.is_known]
    tags = [morph.tags_of(p) for p in ps]
    return any("ADJF" in t for t in tags) and not any("Name" in t for t in tags)


def _all_person_words(language: str, text: str, d: Detection) -> bool:
    """A two- or three-word "organisation" made of known names and not in quotes is a person
    («ШАРАПОВ ИЛЬЯ»)."""
    toks = words(text[d.start : d.end])
    if language not in ("ru", "uk") or not 2 <= len(toks) <= 3:
        return False
    if text[max(0, d.start - 1) : d.start] in _OPENING_QUOTES:
        return False
    return all(
        any(p.is_known and morph.name_kind(p) for p in morph.parses(language, t.text)) for t in toks
    )
