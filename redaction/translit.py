"""Russian and Ukrainian written in Latin letters: recognise it, project it to Cyrillic, and write
surrogates back in the writer's own transliteration style.

Informal schemes differ (ya/ja/ia, kh/h, y/i/j, soft signs dropped), so a word is not converted
letter by letter: Latin and Cyrillic words are both reduced to a lossy key that every common
scheme shares, and the most frequent Russian or Ukrainian word (wordfreq) with the Latin word's
key is its projection. Words no dictionary knows (rare surnames, villages) get a deterministic
letter table. cyrtranslit (one strict scheme) and iuliia (Cyrillic to Latin only) were measured
and do not read informal spellings ("ya" became "иа").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import dawg

from redaction import morph
from redaction.frequency import most_frequent, zipf

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_INDEXED_WORDS = 200_000  # most frequent words per language; the tail is names and typos
_COMMON_ZIPF = 3.0  # wordfreq's scale: 3 = once per million words

# Cyrillic -> the plainest Latin spelling; the key below erases the differences between schemes.
_BASE = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ё": "e", "є": "ye", "ж": "zh", "з": "z",
    "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ґ": "g", "'": "",
    "’": "",
}  # fmt: skip
_BASE_BY_LANGUAGE = {"ru": {"г": "g", "и": "i"}, "uk": {"г": "h", "и": "y"}}
_KEY_REPLACEMENTS = (
    ("shch", "$"), ("sch", "$"), ("zh", "%"), ("kh", "h"), ("ch", "&"), ("4", "&"), ("sh", "#"),
    ("ts", "c"), ("tz", "c"),
)  # fmt: skip
_KEY_LETTERS = str.maketrans({"'": "", "’": "", "`": "", "ʼ": "", "w": "v", "q": "k", "y": "i",
                              "j": "i", "x": "ks"})  # fmt: skip

# Latin -> Cyrillic for words the dictionaries do not know, longest chunk first.
_TABLE_COMMON = (
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"),
    ("ts", "ц"), ("tz", "ц"), ("yu", "ю"), ("ju", "ю"), ("iu", "ю"), ("ya", "я"), ("ja", "я"),
    ("ia", "я"), ("yo", "ё"), ("jo", "ё"), ("a", "а"), ("b", "б"), ("c", "ц"), ("d", "д"),
    ("e", "е"), ("f", "ф"), ("g", "г"), ("j", "й"), ("k", "к"), ("l", "л"), ("m", "м"),
    ("n", "н"), ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("v", "в"), ("w", "в"), ("x", "кс"), ("z", "з"), ("'", "ь"), ("’", "ь"),
)  # fmt: skip
_TABLE = {
    language: tuple(sorted(chunks, key=lambda chunk: -len(chunk[0])))  # "yu" before "y"
    for language, chunks in {
        "ru": (("ye", "е"), ("je", "е"), ("ie", "ие"), ("yi", "ый"), ("h", "х"), ("y", "ы"),
               ("i", "и"), *_TABLE_COMMON),
        "uk": (("ye", "є"), ("je", "є"), ("ie", "є"), ("yi", "ї"), ("h", "г"), ("y", "и"),
               ("i", "і"), *_TABLE_COMMON),
    }.items()
}  # fmt: skip
_VOWELS = set("aeiouy")


def _key(latin: str) -> str:
    """A spelling every common scheme shares: kh/h, y/i/j, ts/c, doubled i's and soft signs."""
    key = latin.lower()
    for chunk, repl in _KEY_REPLACEMENTS:
        key = key.replace(chunk, repl)
    key = key.translate(_KEY_LETTERS)
    while "ii" in key:
        key = key.replace("ii", "i")
    return key


_PLAIN = {
    language: str.maketrans({**_BASE, **extra}) for language, extra in _BASE_BY_LANGUAGE.items()
}


def plain_latin(word: str, language: str) -> str:
    """The plainest Latin spelling of a Cyrillic word (Тимоха -> timokha)."""
    return word.lower().translate(_PLAIN[language])


class _Index:
    """Latin key -> Cyrillic word, as "key\x01word" strings in a DAWG (about 10 MiB a
    language): as a dict, the 180,000 keys and words took about 40 MiB."""

    def __init__(self, words: dict[str, str]) -> None:
        # Sorted here and fed one by one: built from a list, the DAWG holds the interpreter
        # for seconds, and a server's supervisor takes a worker that long silent for dead.
        entries = sorted(f"{key}\x01{word}" for key, word in words.items())
        self._dawg = dawg.CompletionDAWG((e for e in entries), input_is_sorted=True)

    def get(self, key: str) -> str | None:
        found = self._dawg.keys(key + "\x01")  # one at most: a key has one word
        return found[0][len(key) + 1 :] if found else None


@cache
def _index(language: str) -> _Index:
    """Latin key -> the most frequent Cyrillic word with that key."""
    from itertools import islice

    index: dict[str, str] = {}
    for word in islice(most_frequent(language), _INDEXED_WORDS):
        if not _CYRILLIC.search(word) or not word.isalpha():
            continue
        index.setdefault(_key(plain_latin(word, language)), word)
    return _Index(index)


def _table_projection(word: str, language: str) -> str:
    low, out, i = word.lower(), [], 0
    table = _TABLE[language]
    while i < len(low):
        # й for y/j at a word start before a vowel handled by the chunks; "y" after a vowel is й.
        if (
            low[i] in "yj"
            and (i == 0 or low[i - 1] in _VOWELS)
            and (i + 1 >= len(low) or low[i + 1] not in _VOWELS)
        ):
            out.append("й")
            i += 1
            continue
        for latin, cyr in table:
            if low.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(low[i])
            i += 1
    return "".join(out)


def _recase(cyrillic: str, latin: str) -> str:
    if len(latin) > 1 and latin.isupper():
        return cyrillic.upper()
    if latin[:1].isupper():
        return cyrillic[:1].upper() + cyrillic[1:]
    return cyrillic


@lru_cache(maxsize=100_000)
def to_cyrillic(word: str, language: str) -> str:
    """One Latin word in Cyrillic: the most frequent word sharing its key, else the table."""
    known = _index(language).get(_key(word))
    return _recase(known if known else _table_projection(word, language), word)


@lru_cache(maxsize=100_000)
def _word_votes(word: str) -> tuple[bool, bool, bool]:
    """(common English, common Russian, common Ukrainian) for one lower-case Latin word."""
    english = zipf(word, "en") >= _COMMON_ZIPF
    votes = [english]
    for language in ("ru", "uk"):
        known = _index(language).get(_key(word))
        common = bool(known) and zipf(known, language) >= _COMMON_ZIPF
        # Names are spelt alike in every language ("Sergei Ivanov in Bakhmut"): no vote.
        votes.append(common and morph.is_common_word(language, known))
    return votes[0], votes[1], votes[2]


def _votes(paragraph: str) -> tuple[int, int, int]:
    """Ordinary words only one side knows vote: "syna", "zabrali" for Russian; "the", "from"
    for English; names vote for neither. (English, Russian, Ukrainian) vote counts."""
    english = russian = ukrainian = 0
    for m in _WORD.finditer(paragraph):
        word = m.group().lower()
        if len(word) < 2:
            continue
        en, ru, uk = _word_votes(word)
        english += en and not (ru or uk)
        russian += ru and not en
        ukrainian += uk and not en
    return english, russian, ukrainian


def latin_language(paragraph: str) -> str | None:
    """'ru' or 'uk' when a Latin-script paragraph reads as Russian or Ukrainian, else None."""
    english, russian, ukrainian = _votes(paragraph)
    if max(russian, ukrainian) < 2 or max(russian, ukrainian) <= english:
        return None
    return "uk" if ukrainian > russian else "ru"


def is_english(paragraph: str) -> bool:
    """A Latin paragraph where English words outvote Russian and Ukrainian ones."""
    english, russian, ukrainian = _votes(paragraph)
    return english > 0 and english >= max(russian, ukrainian)


def is_latin(paragraph: str) -> bool:
    return len(_LATIN.findall(paragraph)) > len(_CYRILLIC.findall(paragraph))


# E-mail addresses, links, handles and file names are written in Latin in every language.
_ADDRESS_LIKE = re.compile(r"\S*(?:@|://|www\.|_|[A-Za-z0-9]\.[A-Za-z]{2,})\S*")


def projection(paragraph: str, language: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, Cyrillic) for every Latin word of the paragraph outside addresses."""
    kept = [m.span() for m in _ADDRESS_LIKE.finditer(paragraph)]
    for m in _WORD.finditer(paragraph):
        if not any(s <= m.start() < e for s, e in kept):
            yield m.start(), m.end(), to_cyrillic(m.group(), language)


@dataclass(frozen=True, slots=True)
class Style:
    """How one writer spells the letters that informal schemes disagree on."""

    table: tuple[tuple[str, str], ...]

    def latin(self, cyrillic: str) -> str:
        """A Cyrillic surrogate in this writer's Latin letters, in the surrogate's casing."""
        out = []
        mapping = dict(self.table)
        for i, c in enumerate(cyrillic):
            low = c.lower()
            latin = mapping.get(low)
            if latin is None:
                out.append(c)
                continue
            if i == 0 or not cyrillic[i - 1].isalpha():  # national style: "Yu" at a start
                latin = "y" + latin[1:] if latin[:1] == "i" and low in "йяюєї" else latin
            if c.isupper() and latin:
                upper = i + 1 < len(cyrillic) and cyrillic[i + 1].isupper()
                latin = latin.upper() if upper else latin[:1].upper() + latin[1:]
            out.append(latin)
        return "".join(out)


def style_of(paragraph: str, language: str) -> Style:
    """The writer's choices, read from the Latin text: j or y for й and я/ю, kh or h for х."""
    low = paragraph.lower()
    j_style = len(re.findall(r"j[aueo]|[aeiouy]j\b|ij\b", low)) > len(re.findall(r"y[aueo]", low))
    national = language == "uk" and len(re.findall(r"i[aue]", low)) > len(
        re.findall(r"y[aue]", low)
    )
    iotated = "j" if j_style else ("i" if national else "y")
    table = dict(_BASE)
    table.update(_BASE_BY_LANGUAGE[language])
    table.update(
        {
            "й": "j" if j_style else ("i" if language == "uk" else "y"),
            "я": iotated + "a",
            "ю": iotated + "u",
            "ё": iotated + "o",
            "є": iotated + "e",
            "ї": "i" if national else "yi",
            "х": "kh" if "kh" in low or language == "uk" else "h",
            "щ": "sch" if "sch" in low and "shch" not in low else "shch",
        }
    )
    return Style(tuple(sorted(table.items())))
