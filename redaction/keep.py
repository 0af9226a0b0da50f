"""The keep list: public figures, countries, capitals and national institutions stay readable.

Entries in data/keep.json are lemmatised with the language's analyser when first used, and a
mention matches when each of its words can have the entry's lemma (so Россия, России, Россией all
match "Россия"). Persons match on any word (the surname alone is enough); places and bodies on a
whole phrase, which may be part of a longer mention.

Beyond the curated entries, names nobody is identified by are recognised by kind rather than
listed: cities over 100,000 people from GeoNames (`cities`), regions ("Kursk region",
"Ростовская область", "Донеччина"), laws and conventions, roles and UN bodies heading an
organisation mention ("Уповноважений Верховної Ради...", "UN Working Group on..."), public
numbered brigades, and brands and formations (`NOT_PERSON` in keep.json). Those that could
also be a person's name apply only to mentions not labelled as a person.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from redaction import cities, morph
from redaction.data import load
from redaction.labels import FACILITY, MILITARY_UNIT, NAME_LIKE, ORGANIZATION, PERSON
from redaction.placewords import PLACE_AFTER
from redaction.recognizers.names import english_first_names, has_given_name_reading
from redaction.text import words

_DETERMINERS = frozenset({"the", "a", "an"})


def _tokens(language: str, text: str) -> list[str]:
    return [w.text for w in words(text, english=language == "en")]


def _lemma(language: str, word: str) -> str:
    if language == "en":
        return word.lower()
    return morph.best_lemma(language, word, prefer=("Geox", "Surn", "Name", "Orgn"))


_Phrases = dict[tuple[int, str], list[tuple[str, ...]]]


@cache
def _entries(language: str) -> tuple[frozenset[str], _Phrases, _Phrases]:
    """(distinctive public surnames, full names of public people with common surnames,
    place/organisation phrases), phrases as lemma tuples indexed by (length, first lemma)."""
    data = load("keep")
    surnames: set[str] = set()
    full_names: _Phrases = {}
    for entry in data["PERSON"][language]:
        lemmas = tuple(_lemma(language, w) for w in _tokens(language, entry))
        if len(lemmas) == 1:
            surnames.add(lemmas[0])
        else:
            full_names.setdefault((len(lemmas), lemmas[0]), []).append(lemmas)
    phrases: _Phrases = {}
    for label in ("LOCATION", "ORGANIZATION"):
        for entry in data[label][language]:
            phrase = tuple(_lemma(language, w) for w in _tokens(language, entry))
            phrases.setdefault((len(phrase), phrase[0]), []).append(phrase)
    return frozenset(surnames), full_names, phrases


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _phrase_table(language: str, entries: list[str] | frozenset[str]) -> _Phrases:
    phrases: _Phrases = {}
    for entry in entries:
        toks = _tokens(language, entry)
        if not toks:
            continue
        # Latin names in a Russian or Ukrainian text are not inflected by the analyser.
        phrase = tuple(_lemma(language, w) if _CYRILLIC.search(w) else w.lower() for w in toks)
        phrases.setdefault((len(phrase), phrase[0]), []).append(phrase)
    return phrases


@cache
def _city_phrases(language: str) -> _Phrases:
    """Cities over 100k people, in Latin letters and (ru/uk) in Cyrillic."""
    entries = cities.big_city_names("latin")
    if language != "en":
        entries |= cities.big_city_names("cyrillic")
    # A surrogate town must never read as a kept real one: those cities are replaced too.
    surrogates = {morph.normalise(p) for p in load(f"names_{language}")["places"]}
    return _phrase_table(
        language, frozenset(e for e in entries if morph.normalise(e) not in surrogates)
    )


@cache
def _not_person_entries(language: str) -> _Phrases:
    """Brands and formations (keep.json NOT_PERSON): public unless the mention is a person's."""
    return _phrase_table(language, load("keep")["NOT_PERSON"][language])


@cache
def _brand_phrases(language: str) -> _Phrases:
    """NOT_PERSON entries no one is called (a person label there is a tagging error: Вайбер)."""
    entries = load("keep")["NOT_PERSON"][language]
    return _phrase_table(language, [e for e in entries if not cities.is_first_name(e.split()[0])])


@cache
def _brands(language: str) -> frozenset[str]:
    """Lemmas of one-word brands: a brand heading a mention is kept with its model name."""
    table = _brand_phrases(language)
    return frozenset(p[0] for (n, _), ps in table.items() if n == 1 for p in ps)


# Nouns of first-level regions: an oblast, krai or republic identifies nobody.
_REGION_NOUNS = frozenset(
    {
        "область", "обл", "край", "республика", "республіка", "oblast", "oblasti", "oblast'",
        "oblasts", "region", "krai", "kray", "krai'", "oblasti'", "oblastʹ", "republic",
    }
)  # fmt: skip
# Region nouns that also come first: "Республика Татарстан", "Republic of Bashkortostan".
_NOUN_FIRST = frozenset({"республика", "республіка", "republic"})
_NOUN_FIRST_WORDS = 2  # "Республика Марий Эл", "Республика Северная Осетия"
_REGION_SUFFIXES = ("щина", "ччина")  # Донеччина, Харківщина: a region by its name alone
# Heads of a law, a convention or a code: the whole mention is public.
_LAW_WORDS = frozenset(
    {
        "закон", "конвенция", "конвенція", "кодекс", "конституция", "конституція", "указ",
        "convention", "law", "code", "constitution", "decree", "statute",
    }
)  # fmt: skip
# Roles of office-holders that head a public body's name ("Уповноважений Верховної Ради").
_ROLE_WORDS = frozenset(
    {
        "уповноважений", "уполномоченный", "омбудсмен", "омбудсман", "министр", "міністр",
        "minister", "ombudsman", "ombudsperson", "commissioner",
    }
)  # fmt: skip
# International bodies whose sub-bodies are public too ("UN Working Group on ..."); a national
# body's local branch ("ТЦК Шевченківського району") names a district and is not.
_INTERNATIONAL_HEADS = frozenset(
    {"un", "оон", "osce", "обсе", "обсє", "icrc", "мккк", "мкчх", "unhcr", "ohchr", "eu", "єс"}
)  # fmt: skip
# A brigade named with its type is a public formation ("3rd Separate Assault Brigade",
# "36-та бригада морської піхоти"); a bare "72nd brigade" is a unit number and goes, and so
# does an English one described in lower case ("the 200th motorised rifle brigade").
_BRIGADE_TYPE = (
    r"(?i:separate|assault|marine|mechani[sz]ed|airborne|air\s+assault|motori[sz]ed|tank|"
    r"artillery|mountain|territorial|jaeger|rifle|guards|naval|infantry|окрем\w*|штурмов\w*|"
    r"механізован\w*|механизирован\w*|десантн\w*|морськ\w*|морск\w*|мотостр\w*|танков\w*|"
    r"гвард\w*|пехот\w*|піхот\w*|аеромобільн\w*|гірськ\w*|горн\w*|artyleriisk\w*|"
    r"okrem\w*|shturmov\w*|morsk\w*|pikhot\w*|mekhanizovan\w*|desantn\w*)"
)
_NUMBERED_BRIGADE = re.compile(
    r"(?<!\w)\d{1,3}(?:-?[^\W\d_]{1,3})?\s+(?:(?:[^\W\d_]+\s+){0,2}"
    + _BRIGADE_TYPE
    + r"\s+(?:[^\W\d_]+\s+){0,2}(?:Brigade|(?i:бригад|bryhad)\w*)|(?i:бригад|bryhad)\w*"
    r"\s+(?:[^\W\d_]+\s+)?"
    + _BRIGADE_TYPE
    + r"(?:\s+(?:морськ\w*|морск\w*|morsk\w*)?\s*(?:піхот\w*|пехот\w*|pikhot\w*))?)",
)


_AND = frozenset({"та", "і", "и", "й", "and"})


_REGION_ADJECTIVE = re.compile(r"(?:ськ|цьк|зьк|ск|цк)\w{1,3}$", re.IGNORECASE)


def _region_start(surface: str, toks: list, noun: int) -> int:
    """First token of the region names before a region noun, coordinated ones included:
    "Kursk region", "Волинська та Харківська область", "Херсонська, Запорізька і Донецька".
    A comma ends the region unless it lists region adjectives: in "Bilozerka, Kherson Oblast"
    the village is not part of the oblast's name."""

    def gap(left: int) -> str:
        return surface[toks[left].end : toks[left + 1].start].strip()

    def listed(left: int) -> bool:
        return gap(left) == "," and all(
            _REGION_ADJECTIVE.search(toks[k].text) for k in (left, left + 1)
        )

    i = noun - 1
    while i > 0:
        prev = toks[i - 1].text
        # "Nizhny Novgorod Oblast" has two words; "Воронежской области" is whole, and a town
        # before it ("г. Новохопёрск Воронежской области") is not part of the region.
        whole = bool(_REGION_ADJECTIVE.search(toks[i].text))
        if prev[:1].isupper() and (
            (noun - i < 2 and not whole and not gap(i - 1)) or listed(i - 1)
        ):
            i -= 1
        elif prev.lower() in _AND and i > 1 and toks[i - 2].text[:1].isupper():
            i -= 2
        else:
            break
    return i


def _whole_is_public(language: str, toks: list, cands: list[frozenset[str]], label: str) -> bool:
    """A law, a role or UN body heading an organisation's name, a brand and its model."""
    if any(c & _LAW_WORDS for c in cands):
        return True  # nobody is called "закон": a person label here is a tagging slip
    if label == PERSON:
        return False
    local = any(PLACE_AFTER.match(t.text) for t in toks)  # "району", "district" name a place
    heads_public_body = cands[0] & (_ROLE_WORDS | _INTERNATIONAL_HEADS)
    if label == ORGANIZATION and len(toks) > 1 and heads_public_body and not local:
        return True  # "UN Working Group on ...", an ombudsman's office
    return bool(cands[0] & _brands(language)) and all(t.text[:1].isupper() for t in toks[1:3])


def _by_kind(
    language: str, surface: str, toks: list, cands: list[frozenset[str]], label: str
) -> list:
    """Public ranges recognised by kind (module docstring), as token index pairs."""
    spans = _regions(surface, toks, cands)
    if label != PERSON:
        spans += _phrase_spans(cands, _not_person_entries(language))
        spans += _phrase_spans(cands, _city_phrases(language))
        return spans
    spans += _phrase_spans(cands, _brand_phrases(language))
    # NER calls "Харкова" a person now and then; a one-word Cyrillic city that no reading
    # makes a name is still the city ("Калинин" or, in English, "Jackson" may be a man).
    if language != "en" and len(toks) == 1 and not _may_be_a_name(language, toks[0].text):
        spans += _phrase_spans(cands, _city_phrases(language))
    return spans


def _may_be_a_name(language: str, word: str) -> bool:
    """Some reading makes the word a personal name. The Ukrainian dictionary scores readings
    alike and lists rare names for common words ("Ради": ради, Рада): a third of them there."""
    ps = morph.parses(language, word)
    names = sum(1 for p in ps if morph.name_kind(p))
    return names > 0 and (language != "uk" or 3 * names >= len(ps))


def _names_region(word: str) -> bool:
    """The word before a region noun names the region: capitalised, or a region adjective
    typed in lower case ("саратовской обл")."""
    return word[:1].isupper() or bool(_REGION_ADJECTIVE.search(word) and word.isalpha())


def _noun_first_end(surface: str, toks: list, noun: int) -> int | None:
    """End of a region named after its noun ("Республика Татарстан", "Republic of
    Bashkortostan"): the capitalised words right after it; None when there are none."""
    j = noun + 1
    if j < len(toks) - 1 and toks[j].text == "of":
        j += 1
    end = j
    while (
        end < len(toks)
        and end - j < _NOUN_FIRST_WORDS
        and toks[end].text[:1].isupper()
        and not surface[toks[end - 1].end : toks[end].start].strip()
    ):
        end += 1
    return end if end > j else None


def _regions(surface: str, toks: list, cands: list[frozenset[str]]) -> list[tuple[int, int]]:
    """ "Kursk region", "Ростовская область", "Республика Татарстан", "Донеччина"."""
    spans: list[tuple[int, int]] = []
    for j, c in enumerate(cands):
        if spans and j < spans[-1][1]:
            continue
        first = _noun_first_end(surface, toks, j) if c & _NOUN_FIRST else None
        if first is not None and toks[j].text[:1].isupper():
            spans.append((j, first))
        elif j and c & _REGION_NOUNS and _names_region(toks[j - 1].text):
            spans.append((_region_start(surface, toks, j), j + 1))
        elif toks[j].text[:1].isupper() and any(lemma.endswith(_REGION_SUFFIXES) for lemma in c):
            spans.append((j, j + 1))
    return spans


def _candidates(language: str, word: str) -> frozenset[str]:
    return frozenset({word.lower()}) if language == "en" else morph.lemmas(language, word)


@lru_cache(maxsize=20_000)
def _person_candidates(language: str, word: str) -> frozenset[str]:
    """Lemmas a public person's name may have in this word: its singular readings when it has
    any. A public figure is one person, so "Ермаков" (a surname in its own right) is not the
    genitive plural "of the Ермаки" that would make it Ермак; "Пушкиных", plural only, still is.
    """
    if language == "en":
        return frozenset({word.lower()})
    singular = [p for p in morph.parses(language, word) if "plur" not in morph.tags_of(p)]
    if not singular:
        return morph.lemmas(language, word)
    return frozenset({morph.normalise(word), *(morph.normalise(p.normal_form) for p in singular)})


_MAX_PHRASE = 8


_MODEL_NUMBER = re.compile(r"-\d{1,6}(?!\w)")


@lru_cache(maxsize=512)
def public_parts(language: str, surface: str, label: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of `surface` that name something public, a public name's number
    included ("ГАЗ-66": the model number of a public brand is no more identifying than it)."""
    return tuple(
        (start, m.end() if (m := _MODEL_NUMBER.match(surface, end)) else end)
        for start, end in _public_parts(language, surface, label)
    )


def _public_parts(language: str, surface: str, label: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of `surface` that name something public, by words.

    A person mention with a public surname is public as a whole (Владимир Путин); other
    mentions are searched for keep-list phrases, so "Крим і Грузію" or "громадянин Російської
    Федерації" keep their public part and mask the rest, while "Lenin Street" is no public
    figure. The label is not trusted for single words (Україна may come back as PERSON).
    Names recur within a testimony: each mention is decided once."""
    if label in (*NAME_LIKE, MILITARY_UNIT) and _NUMBERED_BRIGADE.fullmatch(surface.strip()):
        return ((0, len(surface)),)  # "3rd Separate Assault Brigade": a public formation
    if label not in NAME_LIKE or (label == FACILITY and any(c.isdigit() for c in surface)):
        return ()  # "ИК-6" is one name: the generic "ИК" alone is kept, with its number not
    toks = words(surface, english=language == "en")
    while toks and toks[0].text.lower() in _DETERMINERS:
        toks = toks[1:]
    if not toks:
        return ()
    surnames, full_names, phrases = _entries(language)
    cands = [_candidates(language, t.text) for t in toks]
    people = [_person_candidates(language, t.text) for t in toks]
    if label == PERSON:
        public = [
            (toks[i].start, toks[j - 1].end)
            for i, j in _phrase_spans(people, full_names, min_length=2)
        ] + [(t.start, t.end) for c, t in zip(people, toks, strict=True) if c & surnames]
        if public:
            covered = {t.start for t in toks for s, e in public if s <= t.start < e}
            if all(t.start in covered or _is_given_name(language, t.text) for t in toks):
                return ((toks[0].start, toks[-1].end),)  # Владимир Владимирович Путин
            # "Сталину Вертинский": NER ran two people together; only the public one stays.
            return tuple(sorted(public))
        nameless = language != "en" and not any(_may_be_a_name(language, t.text) for t in toks)
        if len(toks) > 1 and not nameless:  # "Верховної Ради України" is nobody's name
            regions = _regions(surface, toks, cands)  # "Rostov Oblast" taken for a person
            if _whole_is_public(language, toks, cands, label):
                return ((toks[0].start, toks[-1].end),)
            return tuple((toks[i].start, toks[j - 1].end) for i, j in regions)
    if _whole_is_public(language, toks, cands, label):
        return ((toks[0].start, toks[-1].end),)
    ranges = _phrase_spans(cands, phrases) + _by_kind(language, surface, toks, cands, label)
    parts = [(toks[i].start, toks[j - 1].end) for i, j in ranges]
    if not parts and len(toks) == 1 and people[0] & surnames:
        parts = [(toks[0].start, toks[0].end)]
    return tuple(sorted(set(parts)))


def _phrase_spans(
    cands: list[frozenset[str]], phrases: _Phrases, min_length: int = 1
) -> list[tuple[int, int]]:
    """Token ranges [i, j) matching a phrase, longest first, left to right."""
    spans = []
    lengths = _lengths_by_first(phrases)
    i = 0
    while i < len(cands):
        # Only lengths some phrase starting with one of this token's lemmas has are worth trying.
        wanted = {n for first in cands[i] for n in lengths.get(first, ())}
        if not wanted:
            i += 1
            continue
        j = next(
            (
                j
                for j in range(min(len(cands), i + _MAX_PHRASE), i + min_length - 1, -1)
                if j - i in wanted and _is_phrase(cands[i:j], phrases)
            ),
            None,
        )
        if j is None:
            i += 1
        else:
            spans.append((i, j))
            i = j
    return spans


_LENGTHS: dict[int, tuple[_Phrases, dict[str, frozenset[int]]]] = {}


def _lengths_by_first(phrases: _Phrases) -> dict[str, frozenset[int]]:
    """Phrase lengths per first lemma (phrase tables are built once per language and kept)."""
    cached = _LENGTHS.get(id(phrases))
    if cached is None or cached[0] is not phrases:
        lengths: dict[str, set[int]] = {}
        for n, first in phrases:
            lengths.setdefault(first, set()).add(n)
        cached = (phrases, {k: frozenset(v) for k, v in lengths.items()})
        _LENGTHS[id(phrases)] = cached
    return cached[1]


def _is_given_name(language: str, word: str) -> bool:
    """A first name, patronymic or initial - what may precede a public surname."""
    if len(word) == 1 and word.isupper():
        return True
    if language == "en":
        return word.lower() in english_first_names()
    return has_given_name_reading(language, word)


def _is_phrase(cands: list[frozenset[str]], phrases: _Phrases) -> bool:
    return any(
        all(lem in c for lem, c in zip(phrase, cands, strict=True))
        for first in cands[0]
        for phrase in phrases.get((len(cands), first), ())
    )


def is_big_city(language: str, surface: str) -> bool:
    """The whole mention names a city of over 100,000 people (any case, Latin or Cyrillic)."""
    toks = words(surface, english=language == "en")
    cands = [_candidates(language, t.text) for t in toks]
    return bool(toks) and _phrase_spans(cands, _city_phrases(language)) == [(0, len(toks))]


def public_phrases(language: str, text: str) -> list[tuple[int, int]]:
    """Multi-word keep-list phrases and regions anywhere in the text ("Комитет солдатских
    матерей", "Donetsk Oblast"), so a mention that covers only part of one, or that the model
    cut elsewhere ("Bilozerske, Donetsk" and "Oblast"), is still recognised as public."""
    _surnames, _full_names, phrases = _entries(language)
    toks = words(text, english=language == "en")
    cands = [_candidates(language, t.text) for t in toks]
    ranges = _phrase_spans(cands, phrases, min_length=2) + _regions(text, toks, cands)
    return [(toks[i].start, toks[j - 1].end) for i, j in ranges] + [
        m.span() for m in _NUMBERED_BRIGADE.finditer(text)
    ]


def is_public(language: str, surface: str, label: str) -> bool:
    """True when the whole mention names a public figure, a country/capital or a national body."""
    parts = public_parts(language, surface, label)
    covered = [False] * len(surface)
    for start, end in parts:
        covered[start:end] = [True] * (end - start)
    toks = [
        t for t in words(surface, english=language == "en") if t.text.lower() not in _DETERMINERS
    ]
    return bool(parts) and all(covered[t.start] for t in toks)
