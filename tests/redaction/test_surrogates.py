"""Surrogate generation without NER: shapes, inflection, gender, keyed linking, tag numbering."""

from __future__ import annotations

import random
import re

import pytest

from redaction import Memory, morph
from redaction.surrogates import SurrogateMaker, shapes
from redaction.surrogates.people import person_token


@pytest.fixture
def rng() -> random.Random:
    return random.Random(7)


def test_phone_keeps_plus_country_code_and_layout(rng: random.Random) -> None:
    new = shapes.contact("+380 67 123-45-67", rng)
    assert new.startswith("+380 ") and re.fullmatch(r"\+380 \d\d \d{3}-\d\d-\d\d", new)
    assert new != "+380 67 123-45-67"


def test_email_keeps_public_webmail_but_not_private_domains(rng: random.Random) -> None:
    assert shapes.contact("ivan.petrov@gmail.com", rng).endswith("@gmail.com")
    new = shapes.contact("ivan@small-village-council.ru", rng)
    assert new.endswith("@example.org") and "ivan" not in new


def test_links_keep_public_platform_hosts_only(rng: random.Random) -> None:
    assert shapes.contact("t.me/ivanp", rng).startswith("t.me/")
    assert "example.org" in shapes.contact("https://myblog.net/about", rng)


def test_date_keeps_format_and_year(rng: random.Random) -> None:
    new = shapes.date("12.03.1995", "ru", rng)
    assert re.fullmatch(r"\d\d\.\d\d\.1995", new)
    textual = shapes.date("5 травня 1990 року", "uk", rng)
    assert textual.endswith(" 1990 року") and textual != "5 травня 1990 року"
    assert re.fullmatch(r"\d{1,2} [а-яіїє]+ 1990 року", textual)


def test_renumbered_keeps_letters_and_fixes_english_ordinals(rng: random.Random) -> None:
    assert re.fullmatch(r"А-\d{4}", shapes.renumbered("А-1234", rng))
    for _ in range(20):
        new = shapes.renumbered("21st", rng)
        n = int(new[:-2])
        assert new.endswith(
            {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th") if n % 100 not in range(10, 21) else "th"
        )


@pytest.mark.parametrize(
    ("language", "word", "role", "lemma"),
    [
        ("ru", "Сергея", "first", "сергей"),
        ("ru", "Серёжей", "first", "сергей"),
        ("ru", "Петровны", "patr", "петрович"),
        ("ru", "Ивановой", "last", "иванов"),
        ("uk", "Андрію", "first", "андрій"),
        ("uk", "Сашко", "first", "олександр"),
        ("en", "Misha", "first", "mikhail"),
    ],
)
def test_person_words_are_classified_and_normalised(
    language: str, word: str, role: str, lemma: str
) -> None:
    token = person_token(language, word)
    assert (token.role, token.lemma) == (role, lemma)


def test_feminine_surname_and_patronymic_follow_the_first_name() -> None:
    maker = SurrogateMaker(Memory())
    first, patr, last = maker.replacement("Анной Петровной Ивановой", "PERSON", "ru").split()
    for word, kind in ((first, "Name"), (patr, "Patr"), (last, "Surn")):
        readings = {
            morph.features(p) for p in morph.parses("ru", word) if morph.name_kind(p) == kind
        }
        assert ("ablt", "sing", "femn") in readings, word


def test_link_key_is_deterministic_and_key_dependent() -> None:
    def surrogate(key: bytes) -> str:
        return SurrogateMaker(Memory(), link_key=key).replacement("Сергей", "PERSON", "ru")

    assert surrogate(b"a" * 32) == surrogate(b"a" * 32)
    assert len({surrogate(bytes([i]) * 32) for i in range(12)}) > 1


def test_avoid_list_is_respected() -> None:
    pool = ["Алексей", "Андрей", "Борис"]
    maker = SurrogateMaker(Memory(), avoid=[morph.normalise(n) for n in pool])
    for _ in range(10):
        assert maker.replacement("Олег", "PERSON", "ru").lower() not in {
            "алексей",
            "андрей",
            "борис",
        }
        maker.memory.entries.clear()


def test_tag_style_numbers_each_label_separately() -> None:
    maker = SurrogateMaker(Memory(), style="tag")
    assert maker.replacement("Сергей Петров", "PERSON", "ru") == "[PERSON 1]"
    assert maker.replacement("Бахмут", "LOCATION", "ru") == "[LOCATION 1]"
    assert maker.replacement("Петрова", "PERSON", "ru") == "[PERSON 1]"
    assert maker.replacement("Ольга Ким", "PERSON", "ru") == "[PERSON 2]"


@pytest.mark.parametrize(
    ("mention", "name", "shape"),
    [
        ("Siverek village", "Siverek", "{} village"),
        ("island of Lemland", "Lemland", "island of {}"),
        ("archipelago of the Åland", "Åland", "archipelago of the {}"),
        ("Co. Limerick", "Limerick", "Co. {}"),
        ("Donetsk region", "Donetsk", "{} region"),
    ],
)
def test_english_place_noun_stays_verbatim_around_the_names_surrogate(
    mention: str, name: str, shape: str
) -> None:
    """The surrogate is made, cased and remembered for the name alone: a leading lower-case
    noun must not lower-case it, and the bare name elsewhere gets the same one."""
    maker = SurrogateMaker(Memory(), link_key=b"k" * 32)
    whole = maker.replacement(mention, "LOCATION", "en")
    bare = maker.replacement(name, "LOCATION", "en")
    assert bare[:1].isupper() and bare != name
    assert whole == shape.format(bare)


def test_english_place_noun_stays_in_tag_style() -> None:
    maker = SurrogateMaker(Memory(), style="tag")
    assert maker.replacement("Siverek village", "LOCATION", "en") == "[LOCATION 1] village"
    assert maker.replacement("Siverek", "LOCATION", "en") == "[LOCATION 1]"


def test_capitalised_place_head_is_part_of_the_name() -> None:
    maker = SurrogateMaker(Memory(), link_key=b"k" * 32)
    assert " of " not in maker.replacement("District of Famagusta", "LOCATION", "en")


def test_random_initial_avoids_letters_in_use(rng: random.Random) -> None:
    taken = set("abcdefghijklmnopqrstuvwxy")
    assert {shapes.random_letter(rng, "K", taken) for _ in range(20)} == {"Z"}


def test_an_initial_never_becomes_another_initial_of_the_text() -> None:
    """The surrogate for "N." must not be a letter standing alone elsewhere in the text ("K."):
    here every letter but "q" does."""
    letters = set("abcdefghijklmnopqrstuvwxyz") - {"q"}
    for _ in range(20):
        maker = SurrogateMaker(Memory(), avoid=letters | {"applicant"})
        replaced = maker.replacement("N.", "PERSON", "en")
        assert replaced.rstrip(".") == "Q", replaced
