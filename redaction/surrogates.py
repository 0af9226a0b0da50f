"""Surrogate values: realistic, consistent within a testimony, same language, script and gender,
and in Russian/Ukrainian inflected into the original's case and number.

Every choice is remembered in the Memory under the normalised real lemma, so every inflected form
of one name, and a follow-up message, get the same surrogate. Choices are random
(SystemRandom) unless Policy.link_key is set: then the candidate with the smallest
HMAC-SHA256(link_key, key|candidate) wins - the same person gets the same surrogate in every
testimony, and excluding a taken candidate moves as few assignments as possible.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache

from redaction import morph
from redaction.data import load
from redaction.labels import (
    ADDRESS,
    CALLSIGN,
    CONTACT,
    DATE,
    FACILITY,
    LOCATION,
    ORGANIZATION,
    PERSON,
)
from redaction.memory import Memory
from redaction.placewords import is_place_prefix, preposition_cases
from redaction.recognizers.date import MONTHS
from redaction.recognizers.names import english_first_names
from redaction.text import Word, match_casing, words

_SURNAME_ENDINGS = (
    "ов",
    "ев",
    "ёв",
    "ин",
    "ын",
    "ко",
    "ук",
    "юк",
    "чук",
    "ський",
    "цький",
    "ский",
    "цкий",
    "ова",
    "ева",
    "ина",
    "ська",
    "цька",
    "ская",
    "ак",
    "як",
    "ич",
    "ov",
    "ev",
    "in",
    "ko",
    "uk",
    "yk",
    "sky",
    "skyi",
    "skiy",
    "ova",
    "eva",
    "ina",
    "ska",
)
_EN_PATRONYMIC = re.compile(r"(?:ovich|evich|ovych|ovna|evna|ivna|ich)$", re.IGNORECASE)
_PUBLIC_MAIL = frozenset(
    [
        "gmail.com",
        "yandex.ru",
        "ya.ru",
        "mail.ru",
        "bk.ru",
        "inbox.ru",
        "list.ru",
        "ukr.net",
        "i.ua",
        "meta.ua",
        "proton.me",
        "protonmail.com",
        "outlook.com",
        "hotmail.com",
        "yahoo.com",
        "icloud.com",
        "tutanota.com",
        "rambler.ru",
    ]
)
_PUBLIC_HOSTS = frozenset(
    [
        "t.me",
        "telegram.me",
        "vk.com",
        "facebook.com",
        "fb.com",
        "instagram.com",
        "youtube.com",
        "x.com",
        "twitter.com",
        "ok.ru",
        "tiktok.com",
        "linkedin.com",
    ]
)
_COUNTRY_CODES = (
    "380",
    "375",
    "370",
    "371",
    "372",
    "373",
    "374",
    "995",
    "998",
    "48",
    "49",
    "44",
    "7",
    "1",
)
_STREET_WORDS = frozenset(
    [
        "ул",
        "улица",
        "улице",
        "улицы",
        "улицу",
        "вул",
        "вулиця",
        "вулиці",
        "вулицю",
        "пр",
        "просп",
        "проспект",
        "проспекте",
        "проспекті",
        "пер",
        "переулок",
        "переулке",
        "пров",
        "провулок",
        "провулку",
        "б-р",
        "бульвар",
        "бульваре",
        "бульварі",
        "шоссе",
        "шосе",
        "пл",
        "площадь",
        "площади",
        "площа",
        "площі",
        "наб",
        "набережная",
        "набережна",
        "мкр",
        "микрорайон",
        "мікрорайон",
        "д",
        "дом",
        "буд",
        "будинок",
        "кв",
        "квартира",
        "квартире",
        "квартирі",
        "корп",
        "корпус",
        "стр",
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "lane",
        "boulevard",
        "blvd",
        "drive",
        "prospekt",
        "square",
        "highway",
        "embankment",
        "apt",
        "apartment",
        "flat",
    ]
)
_ALPHABETS = {
    "latin": "abcdefghijklmnopqrstuvwxyz",
    "cyrillic": "абвгдежзиклмнопрстуфхцчшэюя",
}


@cache
def _pool(language: str) -> dict:
    return load(f"names_{language}")


@cache
def _diminutive_of(language: str) -> dict[str, str]:
    """Full first name -> the first diminutive listed for it (surrogate for a diminutive)."""
    out: dict[str, str] = {}
    for dim, full in load("diminutives")[language].items():
        out.setdefault(morph.normalise(full), dim)
    return out


def canonical_first_name(language: str, lemma: str) -> str:
    """Серёжа -> сергей: diminutives share the full name's key."""
    return morph.normalise(load("diminutives")[language].get(lemma, lemma))


@dataclass(frozen=True, slots=True)
class PersonToken:
    role: str  # first | patr | last | initial
    lemma: str
    diminutive: bool
    kind: str | None  # pymorphy3 tag used to pick parses: Name, Patr, Surn


def person_token(language: str, word: str, *, others_have_first: bool = False) -> PersonToken:
    """Classify one word of a person mention and find its normalised lemma."""
    if len(word) == 1:
        return PersonToken("initial", morph.normalise(word), False, None)
    if language == "en":
        lower = morph.normalise(word)
        if _EN_PATRONYMIC.search(lower) and others_have_first:
            return PersonToken("patr", lower, False, None)
        if lower in english_first_names() and not others_have_first:
            canon = canonical_first_name("en", lower)
            return PersonToken("first", canon, canon != lower, None)
        return PersonToken("last", lower, False, None)
    ps = morph.parses(language, word)
    by_kind: dict[str, float] = {}
    for p in ps:
        kind = morph.name_kind(p)
        if kind:
            by_kind[kind] = by_kind.get(kind, 0.0) + p.score
    lower = morph.normalise(word)
    if by_kind and not (others_have_first and "Name" in by_kind and "Surn" in by_kind):
        kind = max(by_kind, key=lambda k: by_kind[k])
    elif by_kind and others_have_first:
        kind = "Surn"
    else:
        role = "last" if others_have_first or lower.endswith(_SURNAME_ENDINGS) else "first"
        return PersonToken(role, lower, False, None)
    lemma = morph.normalise(next(p.normal_form for p in ps if morph.name_kind(p) == kind))
    role = {"Name": "first", "Patr": "patr", "Surn": "last"}[kind]
    if role == "first":
        canon = canonical_first_name(language, lemma)
        return PersonToken(role, canon, canon != lemma, kind)
    return PersonToken(role, lemma, False, kind)


class SurrogateMaker:
    """Makes replacements for one redaction call, reading and writing the (copied) memory."""

    def __init__(
        self,
        memory: Memory,
        *,
        style: str = "realistic",
        link_key: bytes | None = None,
        avoid: Collection[str] = (),
    ) -> None:
        self.memory = memory
        self.style = style
        self.link_key = link_key
        self.avoid = {morph.normalise(a) for a in avoid}
        self._rng = secrets.SystemRandom()
        self._cases: frozenset[str] = frozenset()

    # -- public -------------------------------------------------------------------------------
    def replacement(self, surface: str, label: str, language: str, before: str = "") -> str:
        """The surrogate for one mention; `before` is the text preceding it, whose preposition
        (if any) tells the mention's grammatical case."""
        self._cases = preposition_cases(before)
        if self.style == "tag":
            return self._tag(surface, label, language)
        handlers: dict[str, Callable[[str, str], str]] = {
            PERSON: self._person,
            LOCATION: self._place,
            ORGANIZATION: lambda s, lang: self._pooled(s, lang, ORGANIZATION, "organizations"),
            FACILITY: lambda s, lang: self._pooled(s, lang, FACILITY, "facilities"),
            CALLSIGN: self._callsign,
            ADDRESS: self._address,
            DATE: self._date,
            CONTACT: self._contact,
        }
        return handlers.get(label, lambda s, lang: self._scrambled(s, label))(surface, language)

    # -- choosing -----------------------------------------------------------------------------
    def _choose(self, key: str, pool: list[str], **extra: str) -> str:
        entry = self.memory.entries.get(key)
        if entry is not None:
            return entry["surrogate"]
        used = self.memory.surrogates() | self.avoid
        candidates = [c for c in pool if morph.normalise(c) not in used] or pool
        if self.link_key is not None:
            key_bytes = self.link_key
            choice = min(
                candidates,
                key=lambda c: hmac.new(key_bytes, f"{key}|{c}".encode(), hashlib.sha256).digest(),
            )
        else:
            choice = self._rng.choice(candidates)
        self.memory.entries[key] = {"surrogate": choice, **extra}
        return choice

    def _remembered(self, key: str, make: Callable[[], str]) -> str:
        entry = self.memory.entries.get(key)
        if entry is None:
            entry = {"surrogate": make()}
            self.memory.entries[key] = entry
        return entry["surrogate"]

    # -- tag style ----------------------------------------------------------------------------
    def _tag(self, surface: str, label: str, language: str) -> str:
        if label == PERSON:
            toks = [t for t in self._person_tokens(surface, language) if t[1].role != "initial"]
            surnames = [f"PERSON|{t.lemma}" for _, t in toks if t.role == "last"]
            keys = (
                surnames or [f"PERSON|{t.lemma}" for _, t in toks] or [f"PERSON|{surface.lower()}"]
            )
        else:
            keys = [f"{label}|{phrase_key(language, surface)}"]
        number = next((self.memory.tags[k] for k in keys if k in self.memory.tags), None)
        if number is None:
            number = self.memory.next_tag(label)
        for k in keys:
            self.memory.tags.setdefault(k, number)
        return f"[{label} {number}]"

    # -- persons ------------------------------------------------------------------------------
    def _person_tokens(self, surface: str, language: str) -> list[tuple[Word, PersonToken]]:
        toks = words(surface, english=language == "en")
        first = [person_token(language, t.text) for t in toks]
        has_first = [
            any(o.role == "first" for j, o in enumerate(first) if j < i) for i in range(len(toks))
        ]
        return [
            (t, person_token(language, t.text, others_have_first=h) if h else f)
            for t, f, h in zip(toks, first, has_first, strict=True)
        ]

    def _person(self, surface: str, language: str) -> str:
        toks = self._person_tokens(surface, language)
        if not toks:
            return self._scrambled(surface, PERSON)
        gender = self._gender(language, toks)
        case, number = self._case(language, toks, gender)
        out, last = [], 0
        for word, info in toks:
            out.append(surface[last : word.start])
            out.append(
                match_casing(self._person_word(language, info, gender, case, number), word.text)
            )
            last = word.end
        out.append(surface[last:])
        return "".join(out)

    def _gender(self, language: str, toks: list[tuple[Word, PersonToken]]) -> str:
        for _, info in toks:
            entry = self.memory.entries.get(f"PERSON|{info.role}|{info.lemma}")
            if entry and entry.get("gender") and info.role in ("first", "patr"):
                return entry["gender"]
        for word, info in sorted(
            toks, key=lambda t: ("first", "patr", "last", "initial").index(t[1].role)
        ):
            if language == "en":
                if info.role == "first":
                    female = {n.lower() for n in _pool("en")["female"]}
                    return "femn" if info.lemma in female or info.lemma.endswith("a") else "masc"
                continue
            for p in morph.parses(language, word.text):
                if info.kind is None or morph.name_kind(p) == info.kind:
                    gender = morph.features(p)[2]
                    if gender in ("masc", "femn"):
                        if info.role == "last":
                            entry = self.memory.entries.get(f"PERSON|last|{info.lemma}")
                            return entry.get("gender", gender) if entry else gender
                        return gender
        return "masc"

    def _case(
        self, language: str, toks: list[tuple[Word, PersonToken]], gender: str
    ) -> tuple[str, str]:
        if language == "en":
            return "nomn", "sing"
        votes: dict[tuple[str, str], float] = {}
        for word, info in toks:
            best: dict[tuple[str, str], float] = {}
            for p in morph.parses(language, word.text):
                case, number, g = morph.features(p)
                if case is None or (info.kind and morph.name_kind(p) != info.kind):
                    continue
                if g in ("masc", "femn") and g != gender:
                    continue
                # Indeclinable readings (Fixd) fit every case, so they barely vote.
                weight = 0.1 if "Fixd" in morph.tags_of(p) else 1.0
                vote = weight * (1.0 + (p.score or 0.01))
                best[(case, number)] = max(best.get((case, number), 0.0), vote)
            for k, v in best.items():
                votes[k] = votes.get(k, 0.0) + v
        if not votes:
            return "nomn", "sing"
        allowed = {k: v for k, v in votes.items() if k[0] in self._cases} or votes
        return max(allowed, key=lambda k: (allowed[k], k == ("nomn", "sing")))

    def _person_word(
        self, language: str, info: PersonToken, gender: str, case: str, number: str
    ) -> str:
        pool = _pool(language)
        key = f"PERSON|{info.role}|{info.lemma}"
        if info.role == "initial":
            alphabet = _ALPHABETS["latin" if info.lemma.isascii() else "cyrillic"]
            return self._remembered(key, lambda: self._rng.choice(alphabet)).upper()
        if info.role == "first":
            lemma = self._choose(key, pool["female" if gender == "femn" else "male"], gender=gender)
            if info.diminutive:
                lemma = _diminutive_of(language).get(morph.normalise(lemma), lemma)
            return morph.inflect(language, lemma, "Name", {case, number})
        if info.role == "patr":
            patr_pool = pool["patronymics_female" if gender == "femn" else "patronymics_male"]
            lemma = self._choose(key, patr_pool, gender=gender)
            return morph.inflect(language, lemma, "Patr", {gender, case, number})
        lemma = self._choose(key, pool["surnames"], gender=gender)
        return morph.inflect(language, lemma, "Surn", {gender, case, number})

    # -- places, callsigns, organisations -----------------------------------------------------
    def _place(self, surface: str, language: str) -> str:
        lemma = self._choose(
            f"LOCATION||{phrase_key(language, surface)}", _pool(language)["places"]
        )
        return self._inflected_like(language, lemma, surface, "Geox")

    def _callsign(self, surface: str, language: str) -> str:
        lemma = self._choose(
            f"CALLSIGN||{phrase_key(language, surface)}", _pool(language)["callsigns"]
        )
        return self._inflected_like(language, lemma, surface, None)

    def _inflected_like(self, language: str, lemma: str, surface: str, kind: str | None) -> str:
        toks = words(surface, english=language == "en")
        if not toks:
            return lemma
        if language in ("ru", "uk"):
            ps = morph.parses(language, toks[-1].text)
            cases = self._cases
            ranked = sorted(
                ps,
                key=lambda p: (
                    morph.features(p)[0] not in cases,
                    kind is not None and kind not in morph.tags_of(p),
                    -p.score,
                ),
            )
            case, number, _ = morph.features(ranked[0]) if ranked else ("nomn", "sing", None)
            lemma = morph.inflect(language, lemma, kind, {case or "nomn", number or "sing"})
        prefix = ""
        if len(toks) > 1 and is_place_prefix(surface, toks[0], toks[1]):
            prefix, toks = surface[: toks[1].start], toks[1:]
        return prefix + match_casing(lemma, toks[0].text)

    def _pooled(self, surface: str, language: str, label: str, pool_name: str) -> str:
        return self._choose(f"{label}||{phrase_key(language, surface)}", _pool(language)[pool_name])

    # -- structured identifiers ---------------------------------------------------------------
    def _address(self, surface: str, language: str) -> str:
        pool = _pool(language)["streets"]
        out, last = [], 0
        for m in re.finditer(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+", surface):
            out.append(surface[last : m.start()])
            token = m.group()
            if token.isdigit():
                out.append(self._scrambled(token, ADDRESS))
            elif (
                token.lower().strip(".") in _STREET_WORDS
                or not token[:1].isupper()
                or len(token) == 1
            ):
                out.append(token)
            else:
                street = self._choose(f"ADDRESS|street|{phrase_key(language, token)}", pool)
                out.append(match_casing(street, token))
            last = m.end()
        out.append(surface[last:])
        return "".join(out)

    def _date(self, surface: str, language: str) -> str:
        def make() -> str:
            months = MONTHS[language].split()
            numbers = iter((self._rng.randint(1, 28), self._rng.randint(1, 12)))

            def number(m: re.Match[str]) -> str:
                if len(m.group()) == 4:
                    return m.group()  # the year stays: it dates events, and alone identifies no one
                value = next(numbers, self._rng.randint(1, 12))
                return str(value).zfill(len(m.group()))

            def month(m: re.Match[str]) -> str:
                return match_casing(self._rng.choice(months), m.group())

            text = re.sub(r"\d+", number, surface)
            month_words = "|".join(ms for v in MONTHS.values() for ms in v.split())
            return re.sub(rf"\b(?:{month_words})\b", month, text, flags=re.IGNORECASE)

        return self._remembered(f"DATE||{surface.lower()}", make)

    def _contact(self, surface: str, language: str) -> str:
        def make() -> str:
            if "@" in surface and not surface.startswith("@"):
                local, _, domain = surface.rpartition("@")
                kept = domain if domain.lower() in _PUBLIC_MAIL else "example.org"
                return f"{_scramble(local, self._rng)}@{kept}"
            host = re.match(r"(?:https?://)?(?:www\.)?([^/\s]+)", surface)
            if host and "." in host.group(1) and not surface.startswith(("+", "@")):
                name = host.group(1).lower()
                if name in _PUBLIC_HOSTS:
                    return surface[: host.end()] + _scramble(surface[host.end() :], self._rng)
                return (
                    surface[: host.start(1)]
                    + "example.org"
                    + _scramble(surface[host.end() :], self._rng)
                )
            return _scramble(surface, self._rng, keep_prefix=_phone_prefix(surface))

        return self._remembered(f"CONTACT||{_normalised_value(surface)}", make)

    def _scrambled(self, surface: str, label: str) -> str:
        return self._remembered(
            f"{label}||{_normalised_value(surface)}", lambda: _scramble(surface, self._rng)
        )


def phrase_key(language: str, surface: str) -> str:
    """Lemmatised lower-case words: the identity of a multi-word mention across its forms."""
    toks = words(surface, english=language == "en")
    if language == "en":
        return " ".join(morph.normalise(t.text) for t in toks) or surface.lower()
    return (
        " ".join(morph.best_lemma(language, t.text, ("Geox", "Name", "Surn")) for t in toks)
        or surface.lower()
    )


def _normalised_value(surface: str) -> str:
    return "".join(c for c in surface.lower() if c.isalnum())


def _phone_prefix(surface: str) -> int:
    """Characters to keep at the start of a phone number: '+' and the country code."""
    m = re.match(r"\s*\+\s*", surface)
    if not m:
        return 0
    rest = surface[m.end() :]
    code = next((c for c in _COUNTRY_CODES if rest.startswith(c)), "")
    return m.end() + len(code)


def _scramble(value: str, rng: secrets.SystemRandom, keep_prefix: int = 0) -> str:
    """Same shape, new characters: digits stay digits, letters keep script and case."""
    out = list(value[:keep_prefix])
    for c in value[keep_prefix:]:
        if c.isdigit():
            out.append(str(rng.randint(1, 9)))
        elif c.isalpha():
            alphabet = _ALPHABETS["latin" if c.isascii() else "cyrillic"]
            new = rng.choice(alphabet)
            out.append(new.upper() if c.isupper() else new)
        else:
            out.append(c)
    return "".join(out)
