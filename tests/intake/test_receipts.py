"""Receipt codes: word lists per language, the check word, forgiving typing, old receipts."""

from __future__ import annotations

import itertools
import random

import pytest

import keys
from intake import receipts
from intake.receipt_words import LANGUAGES, LIST_SIZE, fold, near_keys, wordlist

SAMPLES = 40


@pytest.mark.parametrize("lang", LANGUAGES)
def test_entropy_per_language_is_at_least_80_bits(lang: str) -> None:
    bits = receipts.entropy_bits(lang)
    print(f"receipt entropy, {lang}: {bits:.1f} bits ({receipts.WORDS} words, one a check word)")
    assert bits >= 80
    assert len(set(wordlist(lang))) == LIST_SIZE


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lists_are_one_typo_apart_and_prefix_free_after_folding(lang: str) -> None:
    folded = sorted(fold(word, lang) for word in wordlist(lang))
    owner: dict[str, str] = {}
    for word in folded:
        for key in near_keys(word):
            assert owner.setdefault(key, word) == word, (word, owner[key])
    for a, b in itertools.pairwise(folded):  # a prefix sorts right before its word
        assert not b.startswith(a), (a, b)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_new_receipts_are_in_the_page_language_and_read_back_exactly(lang: str) -> None:
    for _ in range(SAMPLES):
        code = receipts.new_receipt(lang)
        words = code.split("-")
        assert len(words) == receipts.WORDS
        assert set(words) <= set(wordlist(lang))
        assert receipts.candidates(" ".join(words).upper()) == [code]
        assert receipts.candidates("".join(words)) == [code]  # spaces forgotten
        assert receipts.exact(code) == code


def _typo(word: str, rng: random.Random, alphabet: str) -> str:
    i = rng.randrange(len(word))
    kind = rng.choice(["drop", "swap", "replace", "insert"])
    if kind == "drop" and len(word) > 3:
        return word[:i] + word[i + 1 :]
    if kind == "swap" and i + 1 < len(word) and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "insert":
        return word[:i] + rng.choice(alphabet) + word[i:]
    return word[:i] + rng.choice(alphabet.replace(word[i], "")) + word[i + 1 :]


ALPHABETS = {"en": "abcdefghijklmnopqrstuvwxyz", "ru": "абвгдежзиклмнопрстуфхцчшыьэюя"}
ALPHABETS["uk"] = "абвгдежзиклмнопрстуфхцчшьюяі"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_typo_is_corrected_or_caught_never_another_receipt(lang: str) -> None:
    rng = random.Random(12)
    corrected = 0
    for _ in range(SAMPLES * 5):
        code = receipts.new_receipt(lang)
        words = code.split("-")
        pos = rng.randrange(len(words))
        typo = _typo(words[pos], rng, ALPHABETS[lang])
        if fold(typo, lang) == fold(words[pos], lang):
            continue  # a look-alike, not a typo
        found = receipts.candidates(" ".join([*words[:pos], typo, *words[pos + 1 :]]))
        assert found in ([code], []), (code, typo, found)
        corrected += found == [code]
    assert corrected >= SAMPLES * 4  # most typos are repaired outright
    print(f"{lang}: {corrected} of about {SAMPLES * 5} one-typo receipts corrected, none wrong")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_wrong_word_or_two_swapped_words_are_caught(lang: str) -> None:
    rng = random.Random(7)
    for _ in range(SAMPLES):
        words = receipts.new_receipt(lang).split("-")
        pos = rng.randrange(len(words))
        other = rng.choice([w for w in wordlist(lang)[:50] if w != words[pos]])
        assert receipts.candidates(" ".join([*words[:pos], other, *words[pos + 1 :]])) == []
        if words[0] != words[1]:
            swapped = [words[1], words[0], *words[2:]]
            numbers = [wordlist(lang).index(w) for w in words[:2]]
            if (numbers[0] - numbers[1]) % (LIST_SIZE // 2):  # the one blind spot of the sum
                assert receipts.candidates(" ".join(swapped)) == []


def test_case_yo_and_latin_cyrillic_look_alikes_are_forgiven() -> None:
    ru = receipts.new_receipt("ru")
    latinised = ru.replace("о", "o").replace("а", "a").replace("е", "e").replace("р", "p")
    assert receipts.candidates(latinised.upper()) == [ru]
    en = receipts.new_receipt("en")
    cyrillised = en.replace("o", "о").replace("a", "а").replace("e", "е")
    assert receipts.candidates(cyrillised) == [en]
    with_yo = ru.replace("е", "ё")
    assert receipts.candidates(with_yo) == [ru]


def test_old_english_receipts_keep_their_key() -> None:
    """Seven EFF words, as issued before: same canonical form, so the same stored lookup."""
    old = "parakeet-subatomic-outthink-prorate-unengaged-gosling-sizzling"
    assert receipts.candidates("Parakeet subatomic  OUTTHINK prorate unengaged gosling sizzling")[
        :1
    ] == [old]
    salt = b"s" * 16
    before = keys.derive_receipt_keys(old, salt)  # what submit_testimony stored for it
    assert keys.derive_receipt_keys(receipts.candidates(old)[0], salt) == before


def test_garbage_is_not_a_receipt() -> None:
    assert receipts.candidates("") == []
    assert receipts.candidates("hello") == []
    assert receipts.candidates("слово " * 200) == []
    assert receipts.exact("one two three") is None
