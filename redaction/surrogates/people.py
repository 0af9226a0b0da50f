"""Person names: which word of a mention is a first name, patronymic, surname or initial, its
normalised lemma (diminutives mapped to the full name) and the surrogate pools."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from redaction import morph
from redaction.data import load
from redaction.recognizers.names import english_first_names

# fmt: off
_SURNAME_ENDINGS = (
    "ов", "ев", "ёв", "ин", "ын", "ко", "ук", "юк", "чук", "ський", "цький", "ский", "цкий",
    "ова", "ева", "ина", "ська", "цька", "ская", "ак", "як", "ич", "ov", "ev", "in", "ko", "uk",
    "yk", "sky", "skyi", "skiy", "ova", "eva", "ina", "ska",
)
# fmt: on
_EN_PATRONYMIC = re.compile(r"(?:ovich|evich|ovych|ovna|evna|ivna|ich)$", re.IGNORECASE)
_VOWELS = frozenset("аеёиоуыэюяіїє")
_PATRONYMIC = re.compile(r"(?:ович|евич|ьович|йович|ович|овна|евна|івна|ївна|ична|ічна)$")
# Diminutive suffix classes, longest first: a surrogate diminutive is made with the same one
# (Катька -> Олька, Андрійко -> Данилко, Славик -> Владик), so its tone survives.
_DIMINUTIVE_SUFFIXES = (
    ("ечка", "ечка"),
    ("очка", "очка"),
    ("енька", "енька"),
    ("онька", "онька"),
    ("ушка", "ушка"),
    ("юшка", "ушка"),
    ("юха", "уха"),
    ("уха", "уха"),
    ("уля", "уля"),
    ("уся", "уся"),
    ("юся", "уся"),
    ("чик", "ик"),
    ("ик", "ик"),
    ("ік", "ик"),
    ("ёк", "ёк"),
    ("ек", "ёк"),
    ("ько", "ко"),
    ("ко", "ко"),
    ("ька", "ка"),
    ("ка", "ка"),
    ("ась", "ась"),
    ("усь", "ась"),
)
_SURNAME_CLASSES = (
    ("енко", "енко"),
    ("ко", "енко"),
    ("ський", "ский"),
    ("цький", "ский"),
    ("ська", "ский"),
    ("цька", "ский"),
    ("ский", "ский"),
    ("цкий", "ский"),
    ("ская", "ский"),
    ("цкая", "ский"),
    ("ов", "ов"),
    ("ев", "ов"),
    ("ёв", "ов"),
    ("ин", "ов"),
    ("ын", "ов"),
    ("ова", "ов"),
    ("ева", "ов"),
    ("ина", "ов"),
    ("ына", "ов"),
    ("их", "их"),
    ("ых", "их"),
)


# Feminine surname endings of the possessive and adjectival classes and their masculine forms.
_FEMININE_SURNAME_ENDINGS = (
    ("ова", "ов"),
    ("ева", "ев"),
    ("ёва", "ёв"),
    ("ина", "ин"),
    ("ына", "ын"),
    ("ская", "ский"),
    ("цкая", "цкий"),
    ("ська", "ський"),
    ("цька", "цький"),
)

# A possessive surname (-ов/-ев/-ин/-ын, Ukrainian -ів/-їн) and any case ending of its masculine,
# feminine or plural paradigm.
_POSSESSIVE_SURNAME_FORM = re.compile(
    r"(.+(?:ов|ев|ин|ын|ів|їв|ін|їн))(?:а|у|ым|ом|е|ой|ою|ы|ых|ыми|им|ими|их|ові|и|ої|ій)?"
)

_M, _F, _P = "masc", "femn", None


def _paradigm(rows: dict[str, str]) -> dict[str, tuple[tuple[str, str, str | None], ...]]:
    """Ending -> readings, from "case number/gender" rows ("gent m", "nomn p")."""
    out: dict[str, list[tuple[str, str, str | None]]] = {}
    for ending, cells in rows.items():
        for cell in cells.split(","):
            case, who = cell.split()
            gender = {"m": _M, "f": _F, "p": _P}[who]
            out.setdefault(ending, []).append((case, "plur" if who == "p" else "sing", gender))
    return {e: tuple(r) for e, r in out.items()}


_POSSESSIVE_ENDINGS_RU = _paradigm(
    {
        "": "nomn m",
        "а": "gent m,accs m,nomn f",
        "у": "datv m,accs f",
        "ым": "ablt m,datv p",
        "ом": "ablt m",
        "е": "loct m",
        "ой": "gent f,datv f,ablt f,loct f",
        "ою": "ablt f",
        "ы": "nomn p",
        "ых": "gent p,accs p,loct p",
        "ыми": "ablt p",
    }
)
_POSSESSIVE_ENDINGS_UK = _paradigm(
    {
        "": "nomn m",
        "а": "gent m,accs m,nomn f",
        "у": "datv m,loct m,accs f",
        "ові": "datv m,loct m",
        "им": "ablt m,datv p",
        "е": "voct m",
        "ої": "gent f",
        "ій": "datv f,loct f",
        "ою": "ablt f",
        "и": "nomn p",
        "их": "gent p,accs p,loct p",
        "ими": "ablt p",
    }
)


@cache
def pools(language: str) -> dict[str, Any]:
    """The language's surrogate lists (data/names_<language>.json)."""
    return load(f"names_{language}")


@cache
def diminutive_of(language: str) -> dict[str, str]:
    """Full first name -> the first diminutive listed for it (surrogate for a diminutive)."""
    out: dict[str, str] = {}
    for dim, full in load("diminutives")[language].items():
        known = language == "en" or any(
            morph.name_kind(p) == "Name" for p in morph.parses(language, dim)
        )
        if known:  # only diminutives the analyser can inflect
            out.setdefault(morph.normalise(full), dim)
    return out


def make_diminutive(language: str, full: str, suffix: str) -> str:
    """A diminutive of a surrogate's full name with the wanted suffix: the table's, or built
    (Данило + "ко" -> Данилко); else the short form, else the name."""
    forms = diminutives_by_class(language).get(morph.normalise(full), {})
    if suffix in forms:
        return forms[suffix]
    low = morph.normalise(full)
    vowel_before = low[-3:-2] in "аеиоуіїєя"
    short = sum(c in "аеиоуіїєяю" for c in low) <= 2  # Андрійко, Данилко; not Григорійко
    from_o = low.endswith("о") and vowel_before
    if language == "uk" and suffix == "ко" and short and (low.endswith("ій") or from_o):
        return (low[:-1] if low.endswith("о") else low) + "ко"
    return forms.get("") or next(iter(forms.values()), low)


def can_make_diminutive(language: str, full: str, suffix: str) -> bool:
    """Whether make_diminutive has a diminutive of that suffix for the name (not a fallback)."""
    made = make_diminutive(language, full, suffix)
    return (
        made != morph.normalise(full)
        and diminutive_class(made) == suffix
        and _reads_as_itself(language, made)
    )


def _reads_as_itself(language: str, word: str) -> bool:
    """Not a known oblique form of another name only: Ukrainian «Юрка», «Васька» read as the
    genitive of Юрко, Васько, so they cannot stand for a nominative «Женька»."""
    ps = [p for p in morph.parses(language, word) if p.is_known]
    return not ps or any(morph.normalise(p.normal_form) == morph.normalise(word) for p in ps)


@cache
def _full_names(language: str) -> dict[str, str]:
    """Normalised diminutive -> normalised full name, the language's table first."""
    tables = load("diminutives")
    out: dict[str, str] = {}
    for lang in (language, *(t for t in ("ru", "uk", "en") if t != language)):
        for dim, full in tables[lang].items():
            out.setdefault(morph.normalise(dim), morph.normalise(full))
    return out


def canonical_first_name(language: str, lemma: str) -> str:
    """Серёжа -> сергей: diminutives share the full name's key (a Russian diminutive in a
    Ukrainian testimony too)."""
    return _full_names(language).get(morph.normalise(lemma), morph.normalise(lemma))


def surname_class(lemma: str) -> str:
    """The declension class of a surname: -енко/-ко (indeclinable), -ов/-ин, -ский/-ський,
    -их/-ых (indeclinable), or another (consonant-final, declined for men only)."""
    low = morph.normalise(lemma)
    return next((c for end, c in _SURNAME_CLASSES if low.endswith(end)), "")


def declension_class(lemma: str) -> str:
    """surname_class, plus "а" for a surname in -а/-я that declines like a noun (Сорока,
    Гребеня: Сороці, Сорокою for a man and a woman alike)."""
    low = morph.normalise(lemma)
    return surname_class(low) or ("а" if low.endswith(("а", "я")) and len(low) > 2 else "")


def noun_surname(language: str, lemma: str, word: str) -> str | None:
    """The lemma of a surname of the noun-like -а/-я class: its own lemma when that ends so,
    or the noun the dictionary knows the written form as a case of (Вороні, Ворону of ворона),
    which the surname reading's own lemma («ворон») hides; None for another class."""
    if declension_class(lemma) == "а":
        return morph.normalise(lemma)
    if declension_class(lemma):
        return None
    return next(
        (
            morph.normalise(p.normal_form)
            for p in morph.parses(language, word)
            if p.is_known and "NOUN" in morph.tags_of(p) and declension_class(p.normal_form) == "а"
        ),
        None,
    )


_NAME_POSSESSIVE = re.compile(
    r"(.+?)(ин|ін|їн)(ого|ому|ими|ыми|ых|их|ою|ой|ым|ом|им|ім|ій|ої|ую|а|у|е|ы|і)?"
)


def name_possessive(word: str) -> tuple[str, str] | None:
    """(first name, case ending) of a possessive adjective made from a first name in -а/-я
    (сашиной -> саша + ой, Олин -> оля + ""), or None."""
    m = _NAME_POSSESSIVE.fullmatch(morph.normalise(word))
    if not m or len(m.group(1)) < 2:
        return None
    stem = m.group(1)
    bases = (stem + "а", stem + "я", stem[:-1] + "ія" if stem.endswith("ї") else "")
    base = next((b for b in bases if b and _known_name(b)), None)
    return (base, m.group(3) or "") if base else None


def possessive_of(language: str, name: str, ending: str) -> str | None:
    """The possessive adjective of a first name in -а/-я with the given case ending (Таня +
    "ой" -> таниной, Марія -> маріїн); None for a name of another shape."""
    low = morph.normalise(name)
    if not low.endswith(("а", "я")) or len(low) < 3:
        return None
    if language == "uk" and low.endswith("ія"):
        return low[:-2] + "іїн" + ending
    return low[:-1] + "ин" + ending


def truncated_vocative(word: str) -> str | None:
    """The short form a Russian colloquial vocative is cut from (Серёг -> серёга, Тань -> таня,
    Саш -> саша), or None: the word itself is no name, the form plus -а/-я is."""
    low = word.lower()
    nominative = any(
        p.is_known and morph.name_kind(p) == "Name" and {"nomn", "sing"} <= morph.tags_of(p)
        for p in morph.parses("ru", low)
    )
    if len(low) < 2 or low[-1] in "аяоеиуыюэ" or nominative:  # Игорь, Олег are themselves
        return None
    bases = (low[:-1] + "я", low + "а") if low.endswith("ь") else (low + "а", low + "я")
    known = _full_names("ru")
    return next((b for b in bases if _known_name(b) or morph.normalise(b) in known), None)


def truncate_vocative(short: str) -> str | None:
    """The colloquial vocative of a short form in -а/-я (Маша -> Маш, Катя -> Кать), or None."""
    low = short.lower()
    if len(low) < 3 or low[-1] not in "ая":
        return None
    if low[-1] == "а":
        return low[:-1]
    return low[:-1] + ("ь" if low[-2] not in "аеёиоуыэюяі" else "й")


def masculine_surname(word: str) -> str:
    """The masculine lemma of a surname the dictionary does not know: Зарубина -> зарубин,
    Лозовская -> лозовский. A wife's and a husband's surname share one entry, and the
    surrogate takes the real word's ending change from the masculine lemma, so a woman's
    surname stays a woman's (Зарубина -> Семёнова, not Семёнов)."""
    low = morph.normalise(word)
    for female, male in _FEMININE_SURNAME_ENDINGS:
        if low.endswith(female) and len(low) > len(female) + 1:
            return low[: -len(female)] + male
    return low


def possessive_surname_lemma(word: str) -> str | None:
    """The masculine lemma an -ов/-ин surname form may have (Зарубиной, Зарубину -> зарубин),
    for words the dictionary cannot analyse: a surname met before in another case is found."""
    m = _POSSESSIVE_SURNAME_FORM.fullmatch(morph.normalise(word))
    return m.group(1) if m and len(m.group(1)) > 4 else None


def possessive_surname_readings(language: str, word: str) -> set[tuple[str, str, str | None]]:
    """(case, number, gender) an -ов/-ин surname form has by its ending, for surnames the
    dictionary only guesses at (Зарубину: a man's dative or a woman's accusative)."""
    m = _POSSESSIVE_SURNAME_FORM.fullmatch(morph.normalise(word))
    if not m or len(m.group(1)) <= 4:
        return set()
    ending = morph.normalise(word)[len(m.group(1)) :]
    table = _POSSESSIVE_ENDINGS_UK if language == "uk" else _POSSESSIVE_ENDINGS_RU
    return {(c, n, g) for c, n, g in table.get(ending, ())}


def diminutive_class(lemma: str) -> str:
    """The suffix a diminutive is built with ("ка" for Катька, "ик" for Славик), or "" for a
    short form (Саша, Женя)."""
    low = morph.normalise(lemma)
    return next(
        (
            c
            for end, c in _DIMINUTIVE_SUFFIXES
            if low.endswith(end) and len(low) > len(end) + 1 and low[-len(end) - 1] not in _VOWELS
        ),
        "",
    )


@cache
def diminutives_by_class(language: str) -> dict[str, dict[str, str]]:
    """Full first name -> {suffix class -> a diminutive of that class}: the language's table,
    plus the "ка" form of every short form (Катя -> Катька, Саша -> Сашка)."""
    out: dict[str, dict[str, str]] = {}
    for dim, full in load("diminutives")[language].items():
        known = language == "en" or any(
            morph.name_kind(p) == "Name" for p in morph.parses(language, dim)
        )
        if not known:
            continue
        forms = out.setdefault(morph.normalise(full), {})
        cls = diminutive_class(dim)
        forms.setdefault(cls, dim)
        if language != "en" and cls == "" and dim.endswith(("а", "я")):
            stem = dim[:-1]
            made = stem + ("ька" if dim.endswith("я") and stem[-1] not in "иі" else "ка")
            if _known_name(made):  # not every short form has one: Костя, Вика, Лара
                forms.setdefault("ка", made)
    return out


def _known_name(word: str) -> bool:
    """A first name either dictionary knows (a Russian and a Ukrainian reader share most)."""
    return any(
        p.is_known and morph.name_kind(p) == "Name"
        for lang in ("ru", "uk")
        for p in morph.parses(lang, word)
    )


def full_name_of_diminutive(language: str, word_lemma: str) -> str | None:
    """The full name an unlisted diminutive is built on, judged by its suffix: Славик -> слава
    -> вячеслав, Колька -> коля -> николай, Соломійка -> соломія."""
    low = morph.normalise(word_lemma)
    for end, _ in _DIMINUTIVE_SUFFIXES:
        stem = low[: -len(end)]
        if not low.endswith(end) or len(stem) < 2 or stem[-1] in "аеиоуыэюяіїєё":
            continue
        soft = stem[:-1] if stem.endswith("ь") else stem
        bases = (stem, stem + "ей", soft + "я", stem + "а", stem + "ій", stem + "о")
        for base in bases:
            full = canonical_first_name(language, base)
            if full != base or _is_name_lemma(language, base):
                return full
    return None


def _is_name_lemma(language: str, word: str) -> bool:
    return any(
        p.is_known and morph.name_kind(p) == "Name" and morph.normalise(p.normal_form) == word
        for p in morph.parses(language, word)
    )


@dataclass(frozen=True, slots=True)
class PersonToken:
    role: str  # first | patr | last | initial
    lemma: str
    diminutive: bool
    kind: str | None  # pymorphy3 tag used to pick parses: Name, Patr, Surn
    suffix: str = ""  # a diminutive's suffix class ("ка", "ик", "" for a short form)


def is_patronymic(word: str) -> bool:
    """Known by its suffix (Степанович, Іванівна)."""
    return bool(_PATRONYMIC.search(morph.normalise(word)))


def person_token(
    language: str,
    word: str,
    *,
    others_have_first: bool = False,
    alone: bool = False,
    surname_cue: bool = False,
    before_patronymic: bool = False,
    before_surname: bool = False,
) -> PersonToken:
    """Classify one word of a person mention and find its normalised lemma. A lone word is a
    first name when it can be one ("Will", "Sonya", «Назар», «Юрою») unless a cue ("по
    фамилии") or its shape says surname; a patronymic is known by its suffix."""
    if len(word) == 1 and word.isupper():
        return PersonToken("initial", morph.normalise(word), False, None)
    if language == "en":
        lower = morph.normalise(word)
        if _EN_PATRONYMIC.search(lower) and others_have_first:
            return PersonToken("patr", lower, False, None)
        is_first = lower in english_first_names() or (
            alone and not lower.endswith(_SURNAME_ENDINGS)
        )
        if is_first and not others_have_first:
            canon = canonical_first_name("en", lower)
            return PersonToken("first", canon, canon != lower, None)
        return PersonToken("last", lower, False, None)
    lower = morph.normalise(word)
    if others_have_first and _PATRONYMIC.search(lower):
        return PersonToken("patr", morph.best_lemma(language, word, ("Patr",)), False, "Patr")
    ps = name_parses(language, word)
    by_kind: dict[str, float] = {}
    for p in ps:
        kind = morph.name_kind(p)
        # A plural first name («Байрамов» as "of the Bayrams») is no evidence of one person's.
        if kind and not (kind == "Name" and "plur" in morph.tags_of(p)):
            by_kind[kind] = by_kind.get(kind, 0.0) + p.score
    if surname_cue and alone:
        return PersonToken("last", morph.best_lemma(language, word, ("Surn",)), False, None)
    singular_name = any(morph.name_kind(p) == "Name" and "plur" not in morph.tags_of(p) for p in ps)
    if (alone or before_patronymic or before_surname) and singular_name:
        # A patronymic or a word that is no first name follows the first name («ганна
        # степанівна»: not the surname Ганн; «Левко Гуменюк»).
        by_kind = {"Name": by_kind["Name"]}
    guessed = not any(p.is_known for p in ps if morph.name_kind(p))
    full = full_name_of_diminutive(language, lower) if before_surname or guessed else None
    if full and "Name" not in by_kind and not others_have_first:
        # «Левко Гуменюк», «мой рустамчик»: a diminutive of a known name that the dictionary
        # knows only as a surname (before a word that is no first name) or merely guesses at.
        return PersonToken("first", full, True, None, diminutive_class(lower))
    if by_kind and not (others_have_first and "Name" in by_kind and "Surn" in by_kind):
        kind = max(by_kind, key=lambda k: by_kind[k])
    elif by_kind and others_have_first:
        kind = "Surn"
    else:
        role = "last" if others_have_first or lower.endswith(_SURNAME_ENDINGS) else "first"
        full = full_name_of_diminutive(language, lower) if role == "first" else None
        suffix = diminutive_class(lower) if full else ""
        if role == "last":
            lemma = possessive_surname_lemma(lower) or masculine_surname(lower)
        else:
            lemma = full or lower
        return PersonToken(role, lemma, full is not None, None, suffix)
    # The vocative is the rarest reading: «Сашко» is the nominative of сашко, not the
    # vocative of сашка.
    of_kind = sorted(
        (p for p in ps if morph.name_kind(p) == kind),
        key=lambda p: ("voct" in morph.tags_of(p), "nomn" not in morph.tags_of(p)),
    )
    lemma = morph.normalise(of_kind[0].normal_form)
    role = {"Name": "first", "Patr": "patr", "Surn": "last"}[kind]
    if role == "first":
        canon = canonical_first_name(language, lemma)
        if canon == lemma and diminutive_class(lemma):
            canon = full_name_of_diminutive(language, lemma) or lemma
        # A spelling variant the tables map across languages (Ганна -> анна) is no diminutive.
        variant = lemma.endswith(canon) or canon.endswith(lemma)
        is_small = canon != lemma and not variant
        return PersonToken(role, canon, is_small, kind, diminutive_class(lemma))
    return PersonToken(role, lemma, False, kind)


def name_parses(language: str, word: str) -> tuple:
    """The word's analyses; a Ukrainian name the Ukrainian dictionary knows only as a surname
    or not at all («Назар», «Петро» as a vocative woman) is read with the Russian one too."""
    ps = morph.parses(language, word)
    if language == "uk" and not any(morph.name_kind(p) == "Name" for p in ps):
        ru = tuple(
            p
            for p in morph.parses("ru", word)
            if morph.name_kind(p) == "Name" and p.is_known and "sing" in morph.tags_of(p)
        )
        return ps + ru
    return ps
