"""Truecasing: give lower-case and ALL-CAPS paragraphs the capitals NER and the capitalisation-
based recognisers rely on. Same length in, same length out, so offsets need no map.

The decision is per paragraph (a phone message with no capitals, an appeal in capitals); inside
one, a word gets its capital from case-insensitive lexicons read in context:
* a word whose readings are (nearly) only names or places (pymorphy3 Name/Surn/Patr/Geox,
  the English first-name list when English rarely uses the word otherwise);
* a name that is also an ordinary word ("вера", "роман", "mark") only after a cue: a kinship
  word, a rank, a verb or noun of naming ("тётя вера", "брат роман", "name is roman");
* a word no dictionary knows (wordfreq) after a place preposition or settlement noun ("под
  кстово", "in oktyabrsky"), after a person cue, or right after a name (a surname) - unless
  it is a typo of a common word or, in Russian, pymorphy3 guesses no name or place for it;
* every other occurrence of a word taken for a name (unless it is a frequent homonym).
Sentence starts get their capital too; short unknown words in capitals stay capitals (ТЦК).
Everything else stays as the writer typed it. A paragraph is lower-case when its sentences
open in lower case; names in capitals inside ordinary text get a capital and lower case, and
in English so does a lower-case surname after a rank or title ("then major lapin said").
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from redaction import morph
from redaction.frequency import zipf
from redaction.morph import FUNCTION_TAGS
from redaction.recognizers.names import english_first_names
from redaction.text import WORD_RE
from redaction.translit import plain_latin, to_cyrillic

_SENTENCE_END = re.compile(r"[.!?…]\s+$")
_PARAGRAPH = re.compile(r"[^\n]+")
_CAPS_WORD = re.compile(r"\b[^\W\d_a-zа-яёіїєґ]{2,}\b")
_LOWER_SHARE = 0.06  # at most this share of capitalised words inside sentences: "lower-case"
_CAPS_SHARE = 0.8
_QUOTE = re.compile(r"[«“\"]([^«»“”\"\n]+)[»”\"]")
_QUOTE_WORDS = 3
_RARE_ZIPF = 2.5
_COMMON_ZIPF = 3.0  # wordfreq: below this a word is rare enough to be a name or a typo
_COMMON_NAME_ZIPF = 4.0  # English first names more frequent than this are ordinary words too
_FUNCTION_WORD_ZIPF = 5.5  # more frequent than "mark" (5.0): never a name in lower case
_SURNAME_ZIPF = 3.0  # after a first name, a word rarer than this is taken for a surname
_ACRONYM = 4  # unknown capitalised words this short stay in capitals (ТЦК, ICRC, СИЗО)
_INITIAL_GAP = re.compile(r"\.?\s*")  # between an initial and its name or the next initial
# "O. KUZNETSOVA": a surname follows a capital initial; "д.н.з. ВЕ 3417" is no initial.
_INITIAL_BEFORE = re.compile(r"(?<![\w.])[A-ZА-ЯЁІЇЄҐ]\.\s*$")

# fmt: off
_PERSON_CUES = frozenset(
    [
        "брат", "сестра", "сестричка", "сын", "син", "дочь", "дочка", "донька", "муж", "чоловік",
        "жена", "дружина", "мама", "мать", "мати", "папа", "отец", "тато", "батько", "дядя",
        "дядько", "тётя", "тетя", "тітка", "тётка", "тетка", "бабушка", "баба", "бабуся", "дед",
        "дедушка", "дід", "дідусь", "друг", "подруга", "сосед", "соседка", "сусід", "сусідка",
        "командир", "майор", "капитан", "капітан", "лейтенант", "сержант", "старшина", "полковник",
        "подполковник", "підполковник", "прапорщик", "рядовой", "рядовий", "солдат", "товарищ",
        "товариш", "хлопець", "парень", "пацан", "звать", "звати", "зватися", "имя", "ім'я",
        "фамилия", "прізвище", "позывной", "позивний", "кличка", "зять", "кум", "кума", "племянник",
        "племінник", "внук", "онук", "следователь", "слідчий", "ефрейтор", "кузен", "кузина",
        "невестка", "невістка", "свекровь", "свекруха", "its", "it's", "named", "called", "call",
        "calls", "brother", "sister", "son", "daughter", "wife", "husband", "mum", "mom", "mother",
        "father", "dad", "uncle", "aunt", "cousin", "friend", "neighbour", "neighbor", "sergeant",
        "sgt", "commander", "comander", "officer", "captain", "lieutenant", "major", "colonel",
        "private", "corporal", "mr", "mrs", "ms", "guy", "nephew", "niece", "grandson",
        "granddaughter", "grandma", "grandpa", "boyfriend", "girlfriend", "callsign", "surname",
        # roles people are named after in messages: "дільничний мельник", "doctor hrytsenko"
        "участковый", "дільничний", "врач", "доктор", "лікар", "фельдшер", "адвокат", "юрист",
        "прокурор", "судья", "суддя", "начальник", "директор", "комбат", "ротный", "ротний",
        "взводный", "взводний", "doctor", "dr", "lawyer", "judge", "prosecutor", "investigator",
        "nurse", "director", "chief",
        "побратим", "сослуживец", "однополчанин", "напарник", "mate", "buddy",
    ]
)
# Greetings: a name after one is in the nominative or vocative ("привіт надія", not "друзі").
_GREETINGS = frozenset(
    [
        "привет", "привіт", "здравствуй", "здравствуйте", "здрастуй", "здорово", "hi", "hello",
        "hey", "dear",
    ]
)
# Ranks and titles a writer who otherwise uses capitals may still type in lower case before a
# name, or capitalise while leaving the name lower case: "major lapin", "Sgt. kovalenko".
_TITLE_CUES = frozenset(
    [
        "sergeant", "sgt", "commander", "officer", "captain", "capt", "cpt", "lieutenant", "lt",
        "major", "maj", "colonel", "col", "general", "gen", "private", "pvt", "corporal", "cpl",
        "mr", "mrs", "ms", "doctor", "dr", "judge", "prosecutor", "investigator",
    ]
)
_TITLE_GAP = re.compile(r"\.?[ \u00a0]+")  # "dr hnatyshyn", "sgt. kovalenko"
_NAME_PHRASES = frozenset({("name", "is"), ("this", "is"), ("ask", "for"), ("its", "me")})
_PLACE_CUES = frozenset(
    [
        "в", "во", "у", "на", "из", "с", "со", "под", "подо", "під", "з", "із", "зі", "до", "около",
        "возле", "біля", "поблизу", "через", "от", "від", "село", "деревня", "станица", "станиця",
        "город", "місто", "поселок", "посёлок", "селище", "хутор", "хутір", "пгт", "смт", "in",
        "from", "near", "to", "at", "outside", "around", "into", "towards", "via", "village",
        "town",
    ]
)
_SETTLEMENTS = frozenset(
    [
        "село", "деревня", "станица", "станиця", "поселок", "посёлок", "селище", "хутор", "хутір",
        "пгт", "смт",
    ]
)
# Street words: the word after one names the street ("вул лугова", "street polova"); in
# English the abbreviation may follow it ("lisova str").
_STREET_WORDS = frozenset(
    [
        "улица", "ул", "вулиця", "вул", "проспект", "просп", "переулок", "провулок", "пров",
        "бульвар", "площадь", "площа", "street", "avenue", "prospekt", "str",
    ]
)
_STREET_AFTER = frozenset(["str", "st", "street", "avenue", "ave", "rd", "road"])
# Adjectives that open compound place names: "в новой каховке", "під старим салтовом".
# fmt: off
_MODIFIERS = frozenset(
    [
        "новый", "старый", "великий", "малый", "верхний", "нижний", "красный", "белый",
        "черный", "новий", "старий", "малий", "верхній", "нижній", "червоний", "білий", "чорний",
    ]
)
# fmt: on
# Endings of settlement names (lemmas): Якимівка, Василівці, Роботине, Бережани, Кстово.
_SETTLEMENT_END = re.compile(
    r"(?:[іїоеё]вк|инк)а$|(?:[іо]вці|инці|ове|еве|ине|ино|ово|ево|ани|яни|ичі|ськ|цьк|поль|піль"
    r"|град|город)$"
)
_PLACE_ZIPF = 3.5  # after a place preposition, a settlement reading counts below this
_INDECLINABLE_PLACE = re.compile(r"(?:[оеё]в|[иы]н)о$")  # Кстово, Гремячево, Кудрино
_POSSESSIVE_TOWN = re.compile(r"^\w{3,}[іїо]в$")  # Бердичів, Старокостянтинів, Зборів
_TOWN_IN = re.compile(r"^\w{3,}[иі]н$")  # Ніжин, Пнятин; "магазин" is frequent
_NOT_NAMES = frozenset({"i", "god", "бог", "господь", "господи", "мама", "папа", "тато"})
# fmt: on


@lru_cache(maxsize=100_000)
def _cue_lemmas(language: str, word: str) -> frozenset[str]:
    return morph.lemmas(language, word) if language != "en" else frozenset({word})


def _is_cue(language: str, word: str, cues: frozenset[str]) -> bool:
    return bool(_cue_lemmas(language, word) & cues)


@lru_cache(maxsize=200_000)
def _kind(language: str, word: str) -> str:
    """'name' (only or mostly a name or place), 'both' (also an ordinary word), 'unknown'
    (no dictionary knows it) or 'word' - for one lower-case word."""
    if word in _NOT_NAMES or len(word) < 3:
        return "word"
    if language == "en":
        if word in english_first_names():
            common = zipf(word, "en")
            if common >= _FUNCTION_WORD_ZIPF:  # "and", "said" are in the name list too
                return "word"
            return "name" if common < _COMMON_NAME_ZIPF else "both"
        freq = zipf(word, "en")
        slavic = _slavic_kinds(word) if freq < _RARE_ZIPF else frozenset()
        if "name" in slavic or (freq < _RARE_ZIPF - 0.5 and "both" in slavic):
            return "name"
        return "unknown" if freq < _RARE_ZIPF - 0.5 else "word"
    ps = [p for p in morph.parses(language, word) if p.is_known]
    if not ps:
        # Diminutives the dictionary lacks are in the first-name list, in Latin letters, as
        # the word or as the lemma the analyser guesses for it ("костику": костик).
        if plain_latin(word, language) in english_first_names() or _guessed_first_name(
            language, word
        ):
            return "name"
        if morph.possessive_of_name(language, word):
            return "name"
        rare = zipf(word, language) < _RARE_ZIPF and not _typo_of_common(word, language)
        return "unknown" if rare and _guessed_name(language, word) else "word"
    if morph.possessive_of_name(language, word):
        return "name"
    total = sum(p.score for p in ps) or 1.0
    named = sum(
        p.score for p in ps if morph.name_kind(p) or "Geox" in morph.tags_of(p)
    )  # fmt: skip
    if not named:
        return "word"
    top_is_name = language == "ru" and morph.name_kind(ps[0]) is not None and ps[0].score >= 0.5
    if named / total >= 0.9 or top_is_name or not morph.is_common_word(language, word):
        return "name"
    return "both"


def _slavic_kinds(word: str) -> frozenset[str]:
    """How a word English rarely uses reads in Cyrillic, in Russian and Ukrainian: English
    messages name people and streets in transliteration ("hnatyshyn" as Гнатишин, a name;
    "shevchenka" as Шевченка, a name that is also an ordinary word)."""
    return frozenset(_kind(language, to_cyrillic(word, language)) for language in ("ru", "uk"))


def _guessed_first_name(language: str, word: str) -> bool:
    names = english_first_names()
    return zipf(word, language) < _RARE_ZIPF and any(
        len(p.normal_form) > 3 and plain_latin(p.normal_form, language) in names
        for p in morph.parses(language, word)
        if "NOUN" in morph.tags_of(p)
    )


def _guessed_surname(language: str, word: str) -> bool:
    """No dictionary reading, but the analyser's guess is a surname ("сизова")."""
    ps = morph.parses(language, word)
    return not any(p.is_known for p in ps) and any(morph.name_kind(p) == "Surn" for p in ps)


def _guessed_name(language: str, word: str) -> bool:
    """pymorphy3 guesses unknown Russian words by their endings; a guess that is a name or a
    place (Гремячево, Вован) is worth a capital, a plain noun or verb guess (репост) is not.
    The Ukrainian dictionary has no place tag, so there every guess may be a place."""
    if language != "ru":
        return True
    return any(
        morph.name_kind(p) or "Geox" in morph.tags_of(p) for p in morph.parses(language, word)
    )


@lru_cache(maxsize=100_000)
def _acronym(language: str, word: str) -> bool:
    """A short word in capitals no dictionary knows: ТЦК, ICRC, СИЗО stay in capitals."""
    if language == "en":
        return zipf(word, "en") < _COMMON_ZIPF
    return not morph.is_known(language, word) and zipf(word, language) < _COMMON_ZIPF + 1


def _typo_of_common(word: str, language: str) -> bool:
    """One letter dropped or doubled away from a common word ("растрел" for "расстрел"):
    phone messages are full of such typos, and they name nobody."""
    for i in range(len(word)):
        dropped = word[:i] + word[i + 1 :]
        doubled = word[:i] + word[i] + word[i:]
        if zipf(dropped, language) >= _COMMON_ZIPF or zipf(doubled, language) >= _COMMON_ZIPF:
            return True
    return False


@lru_cache(maxsize=200_000)
def _could_be_named(language: str, word: str) -> bool:
    """A rare word that is no verb or function word: after "майор" or "станица" it is a name
    the dictionary reads otherwise ("майор дедов", "станицы каневской")."""
    if language == "en" or len(word) < 3 or zipf(word, language) >= _RARE_ZIPF + 1:
        return False
    ps = morph.parses(language, word)
    if not any(p.is_known for p in ps) and not _guessed_name(language, word):
        return False  # an unknown word guessed as a verb or plain noun: "растрындит"
    return not any(p.is_known and morph.tags_of(p) & (FUNCTION_TAGS - {"PRTF"}) for p in ps)


@lru_cache(maxsize=200_000)
def _rare_noun(language: str, word: str) -> bool:
    """A noun wordfreq has (almost) never seen: after a place preposition, a village
    ("в якимівці", "під роботиним") - Ukrainian dictionaries carry no place tag."""
    if language == "en" or zipf(word, language) >= _RARE_ZIPF:
        return False
    return any(
        "NOUN" in morph.tags_of(p) and _SETTLEMENT_END.search(morph.normalise(p.normal_form))
        for p in morph.parses(language, word)
    )


@lru_cache(maxsize=200_000)
def _settlement_after_preposition(language: str, word: str) -> bool:
    """After a place preposition, a word that reads as a settlement although the dictionary
    also knows it otherwise or not at all: a place reading of an uncommon word ("в каменке"),
    an indeclinable -ово/-ино name nothing else reads as a noun ("в сафоново"), or a Ukrainian
    noun lemma with a town's possessive ending ("у бердичеві": -ів/-їв, -ин)."""
    if language == "en" or len(word) < 4:
        return False
    freq = zipf(word, language)
    if freq >= _PLACE_ZIPF:
        return False
    ps = morph.parses(language, word)
    if _rare_noun(language, word) or any(p.is_known and "Geox" in morph.tags_of(p) for p in ps):
        return True
    nouns = [p for p in ps if p.is_known and "NOUN" in morph.tags_of(p)]
    if _INDECLINABLE_PLACE.search(word):
        return freq < _COMMON_ZIPF and not nouns
    if language != "uk":
        return False
    return any(
        "inan" in morph.tags_of(p)
        and (
            _POSSESSIVE_TOWN.search(lemma := morph.normalise(p.normal_form))
            or (freq < _RARE_ZIPF and _TOWN_IN.search(lemma))
        )
        for p in nouns
    )


@lru_cache(maxsize=200_000)
def _lone_adjective(language: str, word: str) -> bool:
    """An uncommon adjective that is no pronoun, numeral or substantivised word ("дежурный"):
    standing alone after a place preposition it names a village or a street ("из заозерного",
    "на вишневій")."""
    if language == "en" or zipf(word, language) >= _COMMON_ZIPF:
        return False
    ps = [p for p in morph.parses(language, word) if p.is_known]
    adjectives = [p for p in ps if "ADJF" in morph.tags_of(p)]
    return bool(adjectives) and not any(
        morph.tags_of(p) & {"Apro", "Anum", "Subx", "PRTF"} for p in adjectives
    )


@lru_cache(maxsize=100_000)
def _street_name(language: str, word: str) -> bool:
    """A word that can name a street: in English an uncommon word; in Russian and Ukrainian an
    adjective, a name, a noun in the genitive (вулиця Миру) or a word no dictionary knows -
    not a verb, adverb or pronoun ("на вулиці було холодно")."""
    if language == "en":
        return zipf(word, "en") < _COMMON_ZIPF
    ps = [p for p in morph.parses(language, word) if p.is_known]
    if not ps:
        return True
    if any(morph.tags_of(p) & FUNCTION_TAGS or "Apro" in morph.tags_of(p) for p in ps):
        return False
    return any(morph.tags_of(p) & {"ADJF", "Name", "Surn", "Geox", "gent"} for p in ps)


@lru_cache(maxsize=100_000)
def _addressed(language: str, word: str) -> bool:
    """A word that can name the person a greeting addresses: a name reading in the nominative
    or vocative, or a word no dictionary knows."""
    if language == "en":
        return True
    ps = morph.parses(language, word)
    if not any(p.is_known for p in ps):
        return True
    return any(
        p.is_known and morph.name_kind(p) and morph.tags_of(p) & {"nomn", "voct"} for p in ps
    )


def _agrees(language: str, adjective: str, word: str) -> bool:
    """The next word is a noun or adjective in the case of the adjective before it."""
    cases = {p.tag.case for p in morph.parses(language, adjective) if "ADJF" in morph.tags_of(p)}
    return any(
        p.is_known and morph.tags_of(p) & {"NOUN", "ADJF"} and p.tag.case in cases
        for p in morph.parses(language, word)
    )


def _capitalise(chars: list[str], start: int, end: int) -> None:
    first = chars[start].upper()
    if len(first) == 1:
        chars[start] = first
    for i in range(start + 1, end):
        low = chars[i].lower()
        if len(low) == 1:
            chars[i] = low


def _lower(text: str) -> str:
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _recase_words(
    paragraph: str,
    language: str,
    *,
    caps: bool,
    known: frozenset[str] = frozenset(),
    openings: bool = True,
) -> tuple[str, set[str]]:
    """Capitals for a paragraph whose own capitals say nothing (already lower-cased), and the
    words it took for names. `known`: words taken for names elsewhere in the text ("майор
    дедов ... дедов им даже воды не возит"); `openings`: capitalise sentence starts too."""
    chars = list(paragraph)
    names: set[str] = set()
    tokens = list(WORD_RE.finditer(paragraph))
    named_prev = False
    named_at: set[int] = set()
    for i, m in enumerate(tokens):
        word = m.group().lower()
        prev = tokens[i - 1].group().lower() if i else ""
        prev2 = tokens[i - 2].group().lower() if i > 1 else ""
        nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
        kind = _kind(language, word)
        person_cue = (
            _is_cue(language, prev, _PERSON_CUES)
            or (prev2, prev) in _NAME_PHRASES
            or (prev in _GREETINGS and _addressed(language, word))
        )
        place_cue = prev in _PLACE_CUES or _is_cue(language, prev, _PLACE_CUES)
        sentence_start = i == 0 or bool(_SENTENCE_END.search(paragraph[: m.start()]))
        settlement_cue = prev not in _PLACE_CUES and _is_cue(language, prev, _SETTLEMENTS)
        name = (
            kind == "name"
            or (kind == "both" and (person_cue or named_prev))
            or (kind == "unknown" and (person_cue or place_cue or named_prev or caps))
            or ((person_cue or settlement_cue) and _could_be_named(language, word))
            or (place_cue and _settlement_after_preposition(language, word))
            or (
                place_cue
                and _lone_adjective(language, word)
                and not (nxt and _agrees(language, word, nxt))
            )
            or (_is_cue(language, prev, _STREET_WORDS) and _street_name(language, word))
            or (language == "en" and nxt in _STREET_AFTER and _street_name(language, word))
            or word in known
            or (
                named_prev
                and zipf(word, language) < _SURNAME_ZIPF
                and (kind != "word" or _guessed_surname(language, word))
            )
            or (
                (named_prev or person_cue)
                and language == "en"
                and zipf(word, language) < _SURNAME_ZIPF
            )
        )
        if name and i > 1 and _is_cue(language, prev, _MODIFIERS):
            before = tokens[i - 1]
            if tokens[i - 2].group().lower() in _PLACE_CUES:  # "в новой каховке"
                _capitalise(chars, before.start(), before.end())
        if caps and len(word) <= _ACRONYM and kind != "name" and _acronym(language, word):
            chars[m.start() : m.end()] = list(m.group().upper())
            name = False
        elif name or (sentence_start and openings):
            _capitalise(chars, m.start(), m.end())
        if name and (kind != "both" or zipf(word, language) < _COMMON_NAME_ZIPF):
            names.add(word)  # not "вера": "тётя вера" says nothing of "вера в бога"
        named_prev = name and kind != "word"
        if name or kind != "word":
            named_at.add(i)  # a name, or a word that may be one ("КОВАЛЬЧУК" after "Н.")
    if caps:
        for i in _initials(paragraph, tokens, named_at):
            chars[tokens[i].start()] = tokens[i].group().upper()
    return "".join(chars), names


def _initials(paragraph: str, tokens: list[re.Match[str]], named_at: set[int]) -> list[int]:
    """Single letters with a full stop beside a (possible) name, through other initials: the
    initials of a signature in capitals ("ДЕНИСОВА М.", "Н. КОВАЛЬЧУК", "ПРОНИНА В.Н.")."""

    def initial(i: int) -> bool:
        m = tokens[i]
        return len(m.group()) == 1 and paragraph[m.end() : m.end() + 1] == "."

    def joined(a: int, b: int) -> bool:  # no comma or other mark between two tokens
        return bool(_INITIAL_GAP.fullmatch(paragraph[tokens[a].end() : tokens[b].start()]))

    out = []
    for i in range(len(tokens)):
        if not initial(i):
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(tokens) and joined(min(j, j - step), max(j, j - step)):
                if not initial(j):
                    if j in named_at:
                        out.append(i)
                    break
                j += step
            if out and out[-1] == i:
                break
    return out


def _mode(paragraph: str, document_lower: bool) -> str | None:
    """'lower', 'caps' or None (the writer's capitals can be trusted): a paragraph is lower-case
    when its sentences mostly open in lower case and hardly any other word is capitalised."""
    every = list(WORD_RE.finditer(paragraph))
    opening = {
        t.start()
        for i, t in enumerate(every)
        if i == 0 or _SENTENCE_END.search(paragraph[max(0, t.start() - 8) : t.start()])
    }
    tokens = [t for t in every if len(t.group()) > 1 or t.start() in opening]
    if not tokens:
        return None
    upper = sum(t.group().isupper() and len(t.group()) > 1 for t in tokens)
    if len(tokens) >= 3 and upper >= _CAPS_SHARE * len(tokens):
        return "caps"
    starts = [t.start() in opening for t in tokens]
    opened = [t.group()[:1].isupper() for t, start in zip(tokens, starts, strict=True) if start]
    inside = sum(
        t.group()[:1].isupper() for t, start in zip(tokens, starts, strict=True) if not start
    )
    if opened[0] or 2 * sum(opened) >= len(opened):
        return None
    if len(tokens) >= 4:
        return "lower" if inside <= _LOWER_SHARE * len(tokens) else None
    return "lower" if document_lower and not inside else None


def _lower_quote(quote: str) -> bool:
    """A quoted message of a few words typed without any capital."""
    tokens = WORD_RE.findall(quote)
    return len(tokens) >= _QUOTE_WORDS and not any(t[:1].isupper() for t in tokens)


def _caps_name(language: str, word: str) -> bool:
    """A word in capitals inside ordinary text that is a name: "My cousin ANDRII HUMENIUK"."""
    kind = _kind(language, word.lower())
    return kind == "name" or (kind == "unknown" and len(word) > _ACRONYM)


def _titled_names(paragraph: str, language: str) -> list[re.Match[str]]:
    """Lower-case words after a rank or title in a paragraph whose capitals are otherwise
    trusted ("then major lapin said", "by Dr hnatyshyn"): a word English rarely uses, or one
    whose Cyrillic reading is a name, is the person the title introduces."""
    if language != "en":
        return []
    tokens = list(WORD_RE.finditer(paragraph))
    return [
        m
        for prev, m in pairwise(tokens)
        if m.group().islower()
        and prev.group().lower() in _TITLE_CUES
        and _TITLE_GAP.fullmatch(paragraph, prev.end(), m.start())
        and (zipf(m.group(), language) < _SURNAME_ZIPF or _kind(language, m.group()) == "name")
    ]


def _title(word: str) -> list[str]:
    chars = list(word)
    _capitalise(chars, 0, len(chars))
    return chars


def truecase(text: str, language: str) -> str:
    """The text with capitals where a careful writer would put them (same length)."""
    tokens = [m.group() for m in WORD_RE.finditer(text) if len(m.group()) > 1]
    capitalised = sum(t[:1].isupper() for t in tokens)
    document_lower = bool(tokens) and capitalised <= _LOWER_SHARE * len(tokens)
    out = list(text)
    changed = False
    modes = [(m, _mode(m.group(), document_lower)) for m in _PARAGRAPH.finditer(text)]
    first: dict[int, tuple[str, set[str]]] = {}
    for m, mode in modes:
        if mode is not None:
            first[m.start()] = _recase_words(_lower(m.group()), language, caps=mode == "caps")
    known = frozenset(word for _, names in first.values() for word in names)
    for m, mode in modes:
        if mode is None:
            for word in _CAPS_WORD.finditer(m.group()):
                after_initial = len(word.group()) > 2 and _INITIAL_BEFORE.search(
                    m.group(), 0, word.start()
                )
                if after_initial or _caps_name(language, word.group()):
                    start = m.start() + word.start()
                    out[start : start + len(word.group())] = _title(word.group())
                    changed = True
            for word in _titled_names(m.group(), language):
                start = m.start() + word.start()
                out[start : start + len(word.group())] = _title(word.group())
                changed = True
            for quote in _QUOTE.finditer(m.group()):
                if _lower_quote(quote.group(1)):  # a phone message quoted in the testimony
                    start = m.start() + quote.start(1)
                    # Names only: a capital opening a quote makes it read as a title.
                    recased, _ = _recase_words(
                        quote.group(1), language, caps=False, known=known, openings=False
                    )
                    out[start : start + len(recased)] = list(recased)
                    changed = True
            continue
        recased, _ = first[m.start()]
        if any(  # a name found further on, or in another paragraph, also goes here
            w.group().lower() in known and not w.group()[0].isupper()
            for w in WORD_RE.finditer(recased)
        ):
            recased, _ = _recase_words(
                _lower(m.group()), language, caps=mode == "caps", known=known
            )
        out[m.start() : m.end()] = list(recased)
        changed = True
    return "".join(out) if changed else text
