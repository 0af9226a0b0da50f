"""The compact frequency table gives wordfreq's own Zipf values, for listed and absent words."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import wordfreq

from redaction import frequency

pytestmark = pytest.mark.slow  # loads wordfreq's lists, as the reference

# Not in any list, or only as parts: spelling variants, several tokens, digits, apostrophes,
# letters of another script, control characters, nothing at all.
ODD = [
    "", " ", "-", "...", "Qwxzptl", "PETROV", "Ivan Petrov", "don’t", "rock'n'roll", "12",
    "1999", "+380 67 123 45 67", "2024-й", "в/ч", "Ёжик", "ёжик", "ʼїжак", "м'ята", "a\x00b",
    "Хмельницький-Подільський", "Ꙩ", "x" * 80, "ΑΘΗΝΑ", "naïve", "Straße",
]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_same_zipf_as_wordfreq(language: str) -> None:
    listed = list(itertools.islice(wordfreq.iter_wordlist(language), 0, None, 499))
    other_case = [w.capitalize() for w in listed[::5]] + [w.upper() for w in listed[1::5]]
    altered = [w + "щ" for w in listed[::7]] + [a + " " + b for a, b in itertools.pairwise(listed)]
    words = listed + other_case + altered + ODD
    assert len(listed) > 600
    assert [frequency.zipf(w, language) for w in words] == [
        wordfreq.zipf_frequency(w, language) for w in words
    ]


def test_table_is_cached_on_disk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = frequency._bands.__wrapped__("en")
    (cached,) = (tmp_path / "testimony-redaction").iterdir()
    loaded = frequency._bands.__wrapped__("en")
    for word in ("the", "witness", "qwxzptl", "00"):
        assert built.get(word) == loaded.get(word)
    assert loaded.get("the") == 127  # wordfreq: "the" is -127 cB, Zipf 7.73
    assert cached.name.endswith("-en.dawg")


def test_unwritable_cache_still_answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert frequency._bands.__wrapped__("en").get("the") == 127


def test_no_home_directory_still_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", no_home)
    assert frequency._bands.__wrapped__("en").get("the") == 127


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_most_frequent_in_wordfreqs_order(language: str) -> None:
    head = 300_000  # past the 200,000 words the transliteration index reads
    assert list(itertools.islice(frequency.most_frequent(language), head)) == list(
        itertools.islice(wordfreq.iter_wordlist(language), head)
    )


def test_transliteration_index_answers_as_a_dict() -> None:
    from redaction.translit import _Index

    index = _Index({"moskva": "москва", "mosk": "моск", "": "и"})
    assert [index.get(k) for k in ("moskva", "mosk", "", "mos", "moskvaa")] == [
        "москва",
        "моск",
        "и",
        None,
        None,
    ]
