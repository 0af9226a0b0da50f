"""SurrogateMaker: realistic, consistent surrogates in the mention's language, script and
gender, in Russian/Ukrainian inflected into the original's case and number.

Every choice is remembered in the Memory under the normalised real lemma, so every inflected form
of one name, and a follow-up message, get the same surrogate. Choices are random
(SystemRandom) unless a link key is given: then the candidate with the smallest
HMAC-SHA256(link_key, key|candidate) wins - the same person gets the same surrogate in every
testimony, and excluding a taken candidate moves as few assignments as possible.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Collection, Container, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from redaction import morph
from redaction.labels import (
    ADDRESS,
    CALLSIGN,
    CONTACT,
    DATE,
    FACILITY,
    LOCATION,
    MILITARY_UNIT,
    ORGANIZATION,
    OTHER,
    PERSON,
)
from redaction.memory import Memory
from redaction.placewords import (
    PLACE_AFTER,
    english_place_names,
    is_place_prefix,
    preposition_cases,
)
from redaction.surrogates import dates, shapes
from redaction.surrogates.context import NEUTRAL, Context, read_context
from redaction.surrogates.people import (
    PersonToken,
    can_make_diminutive,
    canonical_first_name,
    declension_class,
    diminutive_class,
    diminutives_by_class,
    is_patronymic,
    make_diminutive,
    name_parses,
    name_possessive,
    noun_surname,
    person_token,
    pools,
    possessive_of,
    possessive_surname_lemma,
    possessive_surname_readings,
    surname_class,
    truncate_vocative,
    truncated_vocative,
)
from redaction.text import Word, match_casing, words

if TYPE_CHECKING:
    from pymorphy3.analyzer import Parse

_DRAWS = 16
_DATE_OFFSET = "DATE|offset|"  # memory entry: the testimony's date shift in days
_HARD_CONSONANTS = frozenset("бвдзлмнпрстфк")
_VOWEL_LETTERS = frozenset("аеёиоуыэюяіїєь")
_NUMBER_ONLY = re.compile(r"(?:№|No\.?|number|#)?\s*\d+", re.IGNORECASE)
# A detention facility's code, "ИК-6", "SIZO-1": same kind, another number.
_FACILITY_CODE = re.compile(r"[^\W\d_]{2,4}\s?-?\s?№?\s?\d{1,3}")
_OPENING_QUOTES = ("«", '"', "“", "„", "'")
_QUOTED_PART = re.compile(r"«([^»]+)»")
# fmt: off
_STREET_WORDS = frozenset(
    [
        "ул", "улица", "улице", "улицы", "улицу", "вул", "вулиця", "вулиці", "вулицю", "пр",
        "просп", "проспект", "проспекте", "проспекті", "пер", "переулок", "переулке", "пров",
        "провулок", "провулку", "б-р", "бульвар", "бульваре", "бульварі", "шоссе", "шосе", "пл",
        "площадь", "площади", "площа", "площі", "наб", "набережная", "набережна", "мкр",
        "микрорайон", "мікрорайон", "д", "дом", "буд", "будинок", "кв", "квартира", "квартире",
        "квартирі", "корп", "корпус", "стр", "street", "st", "avenue", "ave", "road", "rd",
        "lane", "boulevard", "blvd", "drive", "prospekt", "square", "highway", "embankment",
        "apt", "apartment", "flat",
    ]
)
# fmt: on
_WORD = r"[^\W\d_]+(?:['’-][^\W\d_]+)*"
_NOT_STREET_WORD = "(?!(?i:" + "|".join(sorted(_STREET_WORDS, key=len, reverse=True)) + r")\b)"
_CAPITALISED = _NOT_STREET_WORD + r"[A-ZА-ЯЁІЇЄҐ][^\W\d_]*(?:['’-][^\W\d_]+)*"
# A run of capitalised words (one street name), or any other word, or a number.
_ADDRESS_PART = re.compile(rf"{_CAPITALISED}(?:\s+{_CAPITALISED})*|{_WORD}|\d+")


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
        self._context: Context = NEUTRAL
        self._quoted = False
        self._real_dates: list[str] = []
        self._made: dict[tuple[str, str, str, frozenset[str], bool, Context], str] = {}

    # -- public -------------------------------------------------------------------------------
    def replacement(
        self, surface: str, label: str, language: str, before: str = "", after: str = ""
    ) -> str:
        """The surrogate for one mention; `before` and `after` are the text around it, whose
        preposition, agreeing words and punctuation tell the mention's case and gender.

        Memory entries are written once, so a mention met again in the same grammatical setting
        gets the surrogate made the first time without making it again."""
        context = read_context(language, before, after) if label != DATE else NEUTRAL
        # «с. Песчанокопское», «г. Ишим»: a letter with a dot abbreviates a place noun.
        cases = preposition_cases("" if before.rstrip().endswith(".") else before, language)
        quoted = before.rstrip().endswith(_OPENING_QUOTES)
        key = (surface, label, language, cases, quoted, context)
        made = self._made.get(key)
        if made is None:
            self._cases, self._quoted, self._context = cases, quoted, context
            made = self._made[key] = self._make(surface, label, language)
        return made

    def _make(self, surface: str, label: str, language: str) -> str:
        if self.style == "tag":
            if label == LOCATION and language == "en":
                return _around_names(surface, lambda name: self._tag(name, label, language))
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
            MILITARY_UNIT: lambda s, lang: self._numbered(s, MILITARY_UNIT),
            OTHER: lambda s, lang: self._tag(s, OTHER, lang),
        }
        if label == FACILITY and (
            _NUMBER_ONLY.fullmatch(surface) or _FACILITY_CODE.fullmatch(surface)
        ):
            return self._numbered(surface, FACILITY)  # "№ 2" of "школа № 2"
        if label == FACILITY and any(w.text.lower() in _STREET_WORDS for w in words(surface)):
            return self._address(surface, language)  # NER calls "Bazhova Street 68" a facility
        return handlers.get(label, lambda s, lang: self._scrambled(s, label))(surface, language)

    # -- choosing -----------------------------------------------------------------------------
    def _choose(self, key: str, pool: list[str], **extra: str) -> str:
        entry = self.memory.entries.get(key)
        if entry is not None:
            return entry["surrogate"]
        used = _Either(self.memory.surrogates(), self.avoid)
        if self.link_key is not None:
            key_bytes = self.link_key
            choice = min(
                [c for c in pool if not _clashes(c, used)] or pool,
                key=lambda c: hmac.new(key_bytes, f"{key}|{c}".encode(), hashlib.sha256).digest(),
            )
        else:
            choice = self._random_free(pool, used)
        self.memory.entries[key] = {"surrogate": choice, **extra}
        return choice

    def _choose_entity(self, label: str, language: str, surface: str, pool: list[str]) -> str:
        """One surrogate per entity of a one-word name: «Малой», «Малого», «Малым» share a
        lemma, so the first of them to be replaced gives the others its surrogate (the entry is
        remembered under each of its lemmas)."""
        key = f"{label}||{phrase_key(language, surface)}"
        toks = words(surface, english=language == "en")
        if len(toks) != 1 or language == "en":
            return self._choose(key, pool)
        lemmas = {morph.normalise(p.normal_form) for p in morph.parses(language, toks[0].text)}
        aliases = [f"{label}||{lemma}" for lemma in sorted(lemmas)]
        found = next((a for a in (key, *aliases) if a in self.memory.entries), None)
        choice = self._choose(found or key, pool)
        if found is None:
            for alias in aliases:
                self.memory.entries.setdefault(alias, self.memory.entries[key])
        return choice

    def _random_free(self, pool: list[str], used: Container[str]) -> str:
        """A uniform choice among the candidates that do not clash. Drawing and rejecting gives
        the same distribution as filtering the pool first, without testing every candidate
        (most are free); a crowded pool falls back to the filter."""
        for _ in range(_DRAWS):
            candidate = self._rng.choice(pool)
            if not _clashes(candidate, used):
                return candidate
        return self._rng.choice([c for c in pool if not _clashes(c, used)] or pool)

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
        cue = self._context.surname_cue
        first = [
            person_token(
                language,
                t.text,
                alone=len(toks) == 1,
                surname_cue=cue,
                before_patronymic=i + 1 < len(toks) and is_patronymic(toks[i + 1].text),
                before_surname=i == 0
                and len(toks) == 2
                and not _name_reading(language, toks[1].text),
            )
            for i, t in enumerate(toks)
        ]
        if language == "en" and len(toks) > 1 and all(t.role == "last" for t in first):
            # English puts the given name first: "Zebulon Quackenbush" is not two surnames.
            lemma = morph.normalise(toks[0].text)
            first[0] = PersonToken("first", lemma, False, None)
        # Initials stand for the first name and patronymic: the word after them is the surname
        # («А. Л. Текслеру»).
        has_first = [
            any(o.role == "first" for j, o in enumerate(first) if j < i)
            or (i > 0 and all(o.role == "initial" for o in first[:i]))
            for i in range(len(toks))
        ]
        return [
            (
                t,
                self._as_remembered(
                    language,
                    t.text,
                    person_token(language, t.text, others_have_first=h) if h else f,
                ),
            )
            for t, f, h in zip(toks, first, has_first, strict=True)
        ]

    def _as_remembered(self, language: str, word: str, info: PersonToken) -> PersonToken:
        """The role another mention of the entity gave this word: after «по фамилии Пастух»,
        «Пастуха» is that surname's genitive, not a new first name."""
        if info.role == "initial" or f"PERSON|{info.role}|{info.lemma}" in self.memory.entries:
            return info
        stem = possessive_surname_lemma(word)
        for lemma in sorted(morph.lemmas(language, word) | ({stem} if stem else set())):
            for role in ("last", "first", "patr"):
                if f"PERSON|{role}|{lemma}" in self.memory.entries and role != info.role:
                    return PersonToken(role, lemma, False, None)
        return info

    def _person(self, surface: str, language: str) -> str:
        # A case of a name in -ина is no possessive («Галині привіт»).
        possessive = (
            name_possessive(surface)
            if self._context.noun_after and not _singular_name(language, surface)
            else None
        )
        if possessive and language in ("ru", "uk"):
            return match_casing(self._possessive(language, *possessive), surface)
        short = truncated_vocative(surface) if self._context.vocative else None
        if short and language == "ru":
            return match_casing(self._vocative(language, short), surface)
        toks = self._person_tokens(surface, language)
        if not toks:
            return self._scrambled(surface, PERSON)
        if language == "en":
            gender, case, number = self._english_gender(toks), "nomn", "sing"
        else:
            gender, case, number = self._features(language, toks)
        out, last = [], 0
        for word, info in toks:
            out.append(surface[last : word.start])
            out.append(
                match_casing(
                    self._person_word(language, info, gender, case, number, word.text), word.text
                )
            )
            last = word.end
        out.append(surface[last:])
        return "".join(out)

    def _vocative(self, language: str, short: str) -> str:
        """«Серёг, ты где?»: the surrogate's short form cut the same way (Маш, Кать); a
        surrogate without a short form in -а/-я is called by its nominative."""
        gender = _name_gender(language, short)
        key = f"PERSON|first|{canonical_first_name(language, short)}"
        real = canonical_first_name(language, short)
        pool = pools(language)["female" if gender == "femn" else "male"]
        pool = [n for n in pool if morph.normalise(n) != real]

        # Only a short form the dictionary knows is cut (Маш; not Василис, not Кристь).
        def cuttable(name: str) -> bool:
            short = _short_form(language, name, True)
            return short not in ("", name) and _singular_name(language, short)

        lemma = self._choose(key, self._narrowed(pool, cuttable))
        short = _short_form(language, lemma, True)
        return (truncate_vocative(short) if short != lemma else None) or lemma

    def _possessive(self, language: str, name: str, ending: str) -> str:
        """«Олин син», «сашиной мамы»: the possessive of the surrogate of the name it is made
        from, in the real word's case; when that surrogate has no form in -а/-я (Андрей), the
        possessive pronoun, which is right in every case and gender."""
        gender = _name_gender(language, name)
        key = f"PERSON|first|{canonical_first_name(language, name)}"
        pool = pools(language)["female" if gender == "femn" else "male"]
        pool = [n for n in pool if morph.normalise(n) != canonical_first_name(language, name)]
        # «Олин» is made from a short form: the possessive is made from the surrogate's.
        small = canonical_first_name(language, name) != morph.normalise(name)
        lemma = self._choose(
            key, self._narrowed(pool, lambda n: _short_form(language, n, small) != "")
        )
        short = _short_form(language, lemma, small)
        made = possessive_of(language, short, ending) if short else None
        if made:
            return made
        return {"ru": "его" if gender == "masc" else "её"}.get(
            language, "його" if gender == "masc" else "її"
        )

    def _english_gender(self, toks: list[tuple[Word, PersonToken]]) -> str:
        for _, info in toks:
            entry = self.memory.entries.get(f"PERSON|{info.role}|{info.lemma}")
            if entry and entry.get("gender") and info.role in ("first", "patr"):
                return entry["gender"]
        for _, info in toks:
            if info.role == "first":
                female = {n.lower() for n in pools("en")["female"]}
                return "femn" if info.lemma in female or info.lemma.endswith("a") else "masc"
        return "masc"

    def _features(
        self, language: str, toks: list[tuple[Word, PersonToken]]
    ) -> tuple[str, str, str]:
        """(gender, case, number) of a Russian/Ukrainian person mention: the reading its words
        support together with the sentence (preposition, agreeing words, a predicate's gender,
        a vocative's commas) and the gender the entity was given before. Unknown words barely
        vote, so a foreign name is a nominative singular unless the sentence says otherwise."""
        remembered = None
        for _, info in toks:
            entry = self.memory.entries.get(f"PERSON|{info.role}|{info.lemma}")
            if entry and entry.get("gender") and info.role in ("first", "patr"):
                remembered = entry["gender"]
        ctx = self._context
        # An initial says nothing of case or gender (its letter parses as a conjunction).
        per_word = [
            self._word_readings(language, word.text, info)
            for word, info in toks
            if info.role != "initial"
        ]
        # Guesses for an unknown word («жека») are weak: they vote but veto nothing.
        known = [
            any(p.is_known for p in name_parses(language, word.text))
            for word, info in toks
            if info.role != "initial"
        ]
        best, best_score = ("masc", "nomn", "sing"), float("-inf")
        for gender in ("masc", "femn"):
            for case in morph.CASES:
                if case not in ctx.cases:
                    continue
                for number in ("sing", "plur"):
                    support = [
                        max(
                            (
                                w
                                for (c, n, g), w in readings.items()
                                if c == case and n == number and g in (None, gender)
                            ),
                            default=0.0,
                        )
                        for readings in per_word
                    ]
                    if any(
                        r and not s and k for r, s, k in zip(per_word, support, known, strict=True)
                    ):
                        continue  # a word the dictionary knows has no such reading
                    # A guessed word without the reading counts against it, without a veto.
                    score = sum(support) - 0.5 * sum(
                        bool(r and not s) for r, s in zip(per_word, support, strict=True)
                    )
                    # One person is singular unless every reading says otherwise («родину
                    # Дорошенків»): agreement cues do not outvote that.
                    score += 1.5 * (number == "sing") + 0.3 * (case == "nomn")
                    score += 2.0 * (remembered == gender)
                    agrees = not ctx.agreeing_cases or case in ctx.agreeing_cases
                    score += 1.0 * (ctx.gender == gender and agrees)
                    score += 0.6 * (ctx.subject_gender == gender and case == "nomn")
                    score += 0.5 * (ctx.before_verb and case == "nomn")
                    score += 0.5 * (case in ctx.agreeing_cases)
                    score += 0.4 * (case == "accs" and ctx.after_transitive)
                    score -= 3.0 * (case == "voct" and not ctx.vocative)
                    if score > best_score:
                        best, best_score = (gender, case, number), score
        return best

    @staticmethod
    def _word_readings(
        language: str, word: str, info: PersonToken
    ) -> dict[tuple[str, str, str | None], float]:
        """(case, number, gender) -> weight of one word's readings as the name it is: known
        readings 1, guesses 0.3, indeclinable readings a little in every case."""
        out: dict[tuple[str, str, str | None], float] = {}
        ps = name_parses(language, word)
        kinds = [p for p in ps if info.kind and morph.name_kind(p) == info.kind]
        chosen = kinds or ps
        # How likely each lexeme is (Марина the woman rather than Марин the man, in «о Марине»).
        lexeme: dict[str, float] = {}
        for p in chosen:
            lexeme[p.normal_form] = lexeme.get(p.normal_form, 0.0) + p.score
        total = sum(lexeme.values()) or 1.0
        for p in chosen:
            case, number, gender = morph.features(p)
            if case is None:
                continue
            g = gender if gender in ("masc", "femn") else None
            if info.role == "last" and not morph.name_kind(p):
                g = None  # a surname read as a common noun: the noun's gender is not the person's
            weight = (1.0 if p.is_known else 0.3) * (0.8 + 0.2 * lexeme[p.normal_form] / total)
            if "Fixd" in morph.tags_of(p):
                for c in morph.CASES:
                    out[(c, number, g)] = max(out.get((c, number, g), 0.0), 0.2)
                continue
            if number == "plur" and info.role != "last":
                weight *= 0.3  # one person: a plural reading of a first name is a stretch
            out[(case, number, g)] = max(out.get((case, number, g), 0.0), weight)
        if info.role == "last" and not kinds:
            # A surname the dictionary knows at most as another word reads by its ending
            # (Зарубину: no "notch" here).
            for reading in possessive_surname_readings(language, word):
                out[reading] = max(out.get(reading, 0.0), 0.6)
        return out

    def _taken_letters(self) -> set[str]:
        """Letters already standing alone in the text or given to another initial."""
        letters = {w for w in self.avoid if len(w) == 1}
        return letters | {s for s in self.memory.surrogates() if len(s) == 1}

    def _person_word(
        self,
        language: str,
        info: PersonToken,
        gender: str,
        case: str,
        number: str,
        real: str = "",
    ) -> str:
        """One word of a person surrogate, of the real word's role; a diminutive or surname of
        the real one's class takes the real word's ending change (its case, as written)."""
        # The real name itself is never its surrogate, whatever form it was written in
        # («наташке» stands for Наталья, which the text never spells out).
        names = {
            k: [n for n in v if morph.normalise(n) != info.lemma] if isinstance(v, list) else v
            for k, v in pools(language).items()
        }
        key = f"PERSON|{info.role}|{info.lemma}"
        if info.role == "initial":
            return self._remembered(
                key, lambda: shapes.random_letter(self._rng, info.lemma, self._taken_letters())
            )
        if info.role == "first":
            pool = names["female" if gender == "femn" else "male"]
            suffix, own = self._diminutive_suffix(language, key, info, real)
            if info.diminutive:  # a name that has a diminutive with the same suffix
                pool = self._narrowed(pool, lambda n: can_make_diminutive(language, n, suffix))
            extra = {"suffix": suffix} if info.diminutive else {}
            lemma = self._choose(key, pool, gender=gender, **extra)
            if info.diminutive:
                lemma = make_diminutive(language, lemma, suffix)
                if suffix and diminutive_class(lemma) == suffix and own:
                    like = morph.inflect_like(lemma, own, real)
                    if like:
                        return like
            return morph.inflect(language, lemma, "Name", {gender, case, number})
        if info.role == "patr":
            patr_pool = names["patronymics_female" if gender == "femn" else "patronymics_male"]
            lemma = self._choose(key, patr_pool, gender=gender)
            return morph.inflect(language, lemma, "Patr", {gender, case, number})
        noun_like = noun_surname(language, info.lemma, real) if language in ("ru", "uk") else None
        if noun_like:  # every case of «Ворона» is one entry, whatever lemma a form reads as
            key = f"PERSON|last|{noun_like}"
        cls = "а" if noun_like else surname_class(info.lemma)
        pool = self._narrowed(names["surnames"], lambda n: declension_class(n) == cls)
        if not cls and gender == "masc":  # a man's consonant-final surname declines
            pool = self._narrowed(pool, lambda n: _declines_as_man(language, n))
        lemma = self._choose(key, pool, gender=gender)
        hard = all(w[-1:] in _HARD_CONSONANTS for w in (lemma.lower(), info.lemma))
        # A noun-like surname is declined by the dictionary: its stem alternates (Сорока ->
        # Сороці), which copying the real word's ending change would miss.
        same = declension_class(lemma) == cls and (cls or hard) and not noun_like
        if real and language in ("ru", "uk") and same:
            like = morph.inflect_like(lemma, info.lemma, real)
            if like:
                return like
        return morph.inflect(language, lemma, "Surn", {gender, case, number})

    def _narrowed(self, pool: list[str], keep: Callable[[str], bool]) -> list[str]:
        """The candidates that keep the real word's form and are free (no real name of the
        text, no surrogate in use); the whole pool when none is: a free surrogate of another
        form beats one that equals a real name."""
        used = _Either(self.memory.surrogates(), self.avoid)
        return [n for n in pool if keep(n) and not _clashes(n, used)] or pool

    def _diminutive_suffix(
        self, language: str, key: str, info: PersonToken, real: str
    ) -> tuple[str, str]:
        """The diminutive's suffix class and the real word's own lemma of that class. Another
        mention of the entity settles an ambiguous form: after «Сашко», «Сашка» is its
        genitive, not the nominative of Сашка."""
        if not info.diminutive:
            return "", ""
        entry = self.memory.entries.get(key)
        remembered = entry.get("suffix") if entry else None
        candidates = [remembered, info.suffix] if remembered is not None else [info.suffix]
        lemmas = [
            morph.normalise(p.normal_form)
            for p in morph.parses(language, real)
            if morph.name_kind(p) == "Name"
        ]
        for suffix in candidates:
            own = next((lem for lem in lemmas if diminutive_class(lem) == suffix), "")
            if own or suffix == info.suffix:
                return suffix, own if suffix else ""
        return info.suffix, ""

    # -- places, callsigns, organisations -----------------------------------------------------
    def _place(self, surface: str, language: str) -> str:
        """A place surrogate; in English only the names are replaced, not the place nouns."""
        if language == "en":
            return _around_names(surface, lambda name: self._one_place(name, language))
        return self._one_place(surface, language)

    def _one_place(self, surface: str, language: str) -> str:
        """A town of the same number: «в Бучі» -> «в Ніжині», «в Лубнах» -> «в Боровичах»."""
        toks = words(surface, english=language == "en")
        pool = _declinable(language, "places", "Geox")
        if toks and language in ("ru", "uk"):
            plural = _plural_only(language, toks[-1].text)
            pool = [p for p in pool if _plural_only(language, p, lemma=True) == plural] or pool
            genders = _genders(language, toks[-1].text)
            pool = [p for p in pool if _genders(language, p, lemma=True) & genders] or pool
        # «посёлок Победа» and a bare «Победу» are one place: the name alone is the key.
        named = toks[1:] if len(toks) > 1 and is_place_prefix(surface, toks[0], toks[1]) else toks
        key = surface[named[0].start :] if named else surface
        lemma = self._choose_entity(LOCATION, language, key, pool)
        return self._inflected_like(language, lemma, surface, "Geox")

    def _callsign(self, surface: str, language: str) -> str:
        lemma = self._choose_entity(
            CALLSIGN, language, surface, _declinable(language, "callsigns", None)
        )
        return self._inflected_like(language, lemma, surface, None)

    def _inflected_like(self, language: str, lemma: str, surface: str, kind: str | None) -> str:
        toks = words(surface, english=language == "en")
        if not toks:
            return lemma
        head = _place_head(toks)
        ps = morph.parses(language, head.text)
        prefixed = len(toks) > 1 and is_place_prefix(surface, toks[0], toks[1])
        # «Малой» in quotes stays in the nominative; «у «Грозы»» is declined as written. A name
        # after «посёлок», «с.» keeps its own case when it is a nominative («в посёлок Победа»,
        # «з с. Кам'янка»): the place noun carries the preposition's.
        naming = self._quoted and "loct" not in self._cases
        naming |= prefixed and any(morph.features(p)[0] == "nomn" for p in ps)
        if language in ("ru", "uk") and not naming:
            cases = self._cases
            # After в/у/на a place is where something happens (locative) unless a verb of
            # motion leads there: «были в Счастье», «поехали в Мирное».
            where = "loct" if not self._context.motion else "accs"
            ranked = sorted(
                ps,
                key=lambda p: (
                    morph.features(p)[0] not in cases,
                    kind is not None and kind not in morph.tags_of(p),
                    morph.features(p)[1] != "sing",
                    morph.features(p)[0] != where,
                    -p.score,
                ),
            )
            case, number, _ = morph.features(ranked[0]) if ranked else ("nomn", "sing", None)
            # A Russian «-ово/-ино» town written undeclined reads only as a nominative or
            # accusative («под Работино», «у Работино»): that is no motion, only its spelling.
            undeclined = (
                language == "ru"
                and head.text.lower().endswith("о")
                and not self._context.motion
                and {c for p in ps if (c := morph.features(p)[0])} <= {"nomn", "accs"}
            )
            if undeclined and case == "accs":
                case = "nomn"
            if case not in cases and cases != preposition_cases(""):
                # No reading fits the preposition (an indeclinable «из Котельниково»): the
                # surrogate takes the case the preposition governs.
                # Where something happens or comes from: «под Шуей», «з Переяслава», not the
                # motion «под Шую» nor «з Переяславом» ("together with").
                order = (where, "loct", "gent", "ablt", "datv", "accs", *morph.CASES)
                case = next(c for c in order if c in cases)
            animate = kind is None and number == "sing" and case in ("gent", "accs")
            like = (
                _animate_form(language, lemma, ranked[0], head.text) if animate and ranked else None
            )
            lemma = like or morph.inflect(language, lemma, kind, {case or "nomn", number or "sing"})
        prefix = ""
        if len(toks) > 1 and is_place_prefix(surface, toks[0], toks[1]):
            prefix, toks = surface[: toks[1].start], toks[1:]
        return prefix + match_casing(lemma, toks[0].text)

    def _pooled(self, surface: str, language: str, label: str, pool_name: str) -> str:
        name = self._choose(f"{label}||{phrase_key(language, surface)}", pools(language)[pool_name])
        inner = _QUOTED_PART.search(name)
        return inner.group(1) if self._quoted and inner else name  # «Вектор», not «ООО «Вектор»»

    # -- structured identifiers ---------------------------------------------------------------
    def _address(self, surface: str, language: str) -> str:
        """Street names become one surrogate street (however many words: "Богдана
        Хмельницького"), numbers new numbers; "ул.", "кв." and the like stay."""
        streets = pools(language)["streets"]
        out, last = [], 0
        for m in _ADDRESS_PART.finditer(surface):
            out.append(surface[last : m.start()])
            part = m.group()
            if part.isdigit():
                out.append(self._scrambled(part, ADDRESS))
            elif (
                part.lower().strip(".") in _STREET_WORDS or not part[:1].isupper() or len(part) == 1
            ):
                out.append(part)
            else:
                street = self._choose(f"ADDRESS|street|{phrase_key(language, part)}", streets)
                out.append(match_casing(street, part))
            last = m.end()
        out.append(surface[last:])
        return "".join(out)

    def know_dates(self, surfaces: Iterable[str]) -> None:
        """The text's real dates: the testimony's date offset must not map one onto another."""
        self._real_dates = list(surfaces)

    def _date(self, surface: str, language: str) -> str:
        """The date moved by the testimony's offset (chosen once, kept in the memory so a
        follow-up moves its dates the same way); a format that cannot be read gets a new day
        and month of the same shape."""
        entry = self.memory.entries.get(_DATE_OFFSET)
        if entry is None:
            offset = dates.choose_offset(self._real_dates, self._rng)
            entry = self.memory.entries[_DATE_OFFSET] = {"surrogate": "", "offset": str(offset)}
        moved = dates.shifted(surface, int(entry["offset"]))
        if moved is not None:
            return moved
        return self._remembered(
            f"DATE||{surface.lower()}", lambda: shapes.date(surface, language, self._rng)
        )

    def _contact(self, surface: str, language: str) -> str:
        return self._remembered(
            f"CONTACT||{shapes.normalised_value(surface)}",
            lambda: shapes.contact(surface, self._rng),
        )

    def _numbered(self, surface: str, label: str) -> str:
        return self._remembered(
            f"{label}||{shapes.normalised_value(surface)}",
            lambda: shapes.renumbered(surface, self._rng),
        )

    def _scrambled(self, surface: str, label: str) -> str:
        return self._remembered(
            f"{label}||{shapes.normalised_value(surface)}",
            lambda: shapes.scramble(surface, self._rng),
        )


def _around_names(surface: str, replace: Callable[[str], str]) -> str:
    """An English place mention with each name replaced and its place nouns kept verbatim:
    "Siverek village" -> "[Dubno] village", "Co. Limerick" -> "Co. [Dubno]". The name alone
    keys the memory and gives the casing, so its bare mentions get the same surrogate and the
    lower-case noun cannot lower-case it."""
    out, last = [], 0
    for start, end in english_place_names(surface):
        out += [surface[last:start], replace(surface[start:end])]
        last = end
    out.append(surface[last:])
    return "".join(out)


def inflect_pools(language: str) -> None:
    """Put every surrogate of the language's pools into every case and number once, as the
    maker asks for them. The pools are small (a few hundred lemmas), and pymorphy3 takes about
    0.1 ms per new form: a server would otherwise pay that on the witnesses' time, form by form,
    for weeks."""
    if language not in ("ru", "uk"):
        return
    names = pools(language)
    by_kind = [
        ("Name", "masc", names["male"]),
        ("Name", "femn", names["female"]),
        ("Patr", "masc", names["patronymics_male"]),
        ("Patr", "femn", names["patronymics_female"]),
        ("Surn", "masc", names["surnames"]),
        ("Surn", "femn", names["surnames"]),
    ]
    for case in morph.CASES:
        for number in ("sing", "plur"):
            for kind, gender, lemmas in by_kind:
                for lemma in lemmas:
                    morph.inflect(language, lemma, kind, {gender, case, number})
            for kind_or_none, pool in (("Geox", names["places"]), (None, names["callsigns"])):
                for lemma in pool:
                    morph.inflect(language, lemma, kind_or_none, {case, number})


@lru_cache(maxsize=16)
def _animate_form(language: str, surrogate: str, parse: Parse, real: str) -> str | None:
    """A callsign names a person: its accusative is its genitive («Ворона забрали»), which an
    inanimate noun's dictionary entry would not give («Шторм», Ukrainian «Шторму»). The
    real word's ending change from its masculine lemma is copied (Ворон -> Ворона makes Шторм
    -> Шторма) when both end in a consonant; None otherwise."""
    real_lemma = morph.normalise(parse.normal_form)
    consonant = all(
        w[-1:].isalpha() and w[-1] not in _VOWEL_LETTERS for w in (surrogate.lower(), real_lemma)
    )
    if not consonant or "masc" not in morph.tags_of(parse):
        return None
    own = morph.normalise(surrogate)
    if not morph.inflect(language, own, None, {"gent", "sing"}).startswith(own):
        return None  # a stem that alternates (Сокіл -> Сокола) is the dictionary's to decline
    if not any(
        "masc" in morph.tags_of(p) and morph.normalise(p.normal_form) == own
        for p in morph.parses(language, surrogate)
    ):
        return None  # «Північ» is feminine: no -а
    return morph.inflect_like(surrogate, real_lemma, real)


def _name_gender(language: str, name: str) -> str:
    """masc when the name can be a man's (Саша too), else femn."""
    genders = {
        morph.features(p)[2]
        for p in morph.parses(language, name)
        if morph.name_kind(p) == "Name" and p.is_known
    }
    return "femn" if "masc" not in genders else "masc"


def _singular_name(language: str, word: str) -> bool:
    return any(
        p.is_known and morph.name_kind(p) == "Name" and "plur" not in morph.tags_of(p)
        for p in morph.parses(language, word)
    )


def _short_form(language: str, name: str, small: bool) -> str:
    """The name's short form when one is asked for and ends in -а/-я (Ольга -> Оля), else the
    name itself when it does (Таня), else ""."""
    low = morph.normalise(name)
    short = diminutives_by_class(language).get(low, {}).get("", "")
    if small and morph.normalise(short).endswith(("а", "я")):
        return short
    return name if low.endswith(("а", "я")) else ""


def _declinable(language: str, pool: str, kind: str | None) -> list[str]:
    """The pool's nouns the analyser declines into forms it recognises (all, if none does)."""
    names = pools(language)[pool]
    return [n for n in names if morph.declines_cleanly(language, n, kind)] or names


def _place_head(toks: list[Word]) -> Word:
    """The word of a place mention that carries its case: the last one before a region tail
    («Петровск Саратовской обл», «Новохопёрск Воронежской области»), else the last one
    («Часів Яр», «Великій Писарівці»)."""
    for i, t in enumerate(toks[2:], start=2):
        if PLACE_AFTER.match(t.text):
            return toks[i - 2]
    return toks[-1]


def _name_reading(language: str, word: str) -> bool:
    return any(morph.name_kind(p) == "Name" for p in name_parses(language, word))


def _declines_as_man(language: str, surname: str) -> bool:
    return morph.inflect(language, surname, "Surn", {"masc", "gent", "sing"}) != surname.lower()


def _genders(language: str, word: str, *, lemma: bool = False) -> frozenset[str]:
    """Genders the word's noun readings have: a town's verb agrees with it («Мирное было»)."""
    ps = [p for p in morph.parses(language, word) if "NOUN" in morph.tags_of(p)]
    if lemma:
        own = [p for p in ps if morph.normalise(p.normal_form) == morph.normalise(word)]
        ps = own or ps
    return frozenset(g for p in ps if (g := morph.features(p)[2]))


def _plural_only(language: str, word: str, *, lemma: bool = False) -> bool:
    """Every reading of the word is plural (Лубни, Боровичи, Кобеляки); a lemma is judged by
    the readings of which it is itself the normal form (Прилуки, not the genitive of Прилука)."""
    ps = [p for p in morph.parses(language, word) if morph.features(p)[0]]
    if lemma:
        own = [p for p in ps if morph.normalise(p.normal_form) == morph.normalise(word)]
        ps = own or ps
    return bool(ps) and all(morph.features(p)[1] == "plur" for p in ps)


class _Either:
    """Membership in either of two sets, without copying the (large) text vocabulary."""

    def __init__(self, a: Collection[str], b: Collection[str]) -> None:
        self._a, self._b = a, b

    def __contains__(self, item: object) -> bool:
        return item in self._a or item in self._b


def _clashes(candidate: str, used: Container[str]) -> bool:
    """A candidate is taken if it, or any of its words, is already used or occurs in the text
    («Рассвет» must not stand in for a firm when the text mentions «Рассвете»)."""
    return any(form in used for form in _clash_forms(candidate))


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


@lru_cache(maxsize=50_000)
def _clash_forms(candidate: str) -> tuple[str, ...]:
    """The normalised candidate, then its normalised words of four letters or more."""
    long_words = _LONG_WORD.findall(candidate)
    return (morph.normalise(candidate), *(morph.normalise(w) for w in long_words))


def phrase_key(language: str, surface: str) -> str:
    """Lemmatised lower-case words: the identity of a multi-word mention across its forms."""
    toks = words(surface, english=language == "en")
    if language == "en":
        return " ".join(morph.normalise(t.text) for t in toks) or surface.lower()
    return (
        " ".join(morph.best_lemma(language, t.text, ("Geox", "Name", "Surn")) for t in toks)
        or surface.lower()
    )
