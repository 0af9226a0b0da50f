"""The curated data files are usable: every surrogate inflects, nothing public is a surrogate."""

from __future__ import annotations

import pytest

from redaction import keep, morph
from redaction.data import load

KINDS = {
    "male": "Name",
    "female": "Name",
    "surnames": "Surn",
    "patronymics_male": "Patr",
    "patronymics_female": "Patr",
}


@pytest.mark.parametrize("language", ["ru", "uk"])
@pytest.mark.parametrize("pool", sorted(KINDS))
def test_surrogate_names_are_known_to_the_analyser_and_inflect(language: str, pool: str) -> None:
    for name in load(f"names_{language}")[pool]:
        assert any(morph.name_kind(p) == KINDS[pool] for p in morph.parses(language, name)), name
        assert morph.inflect(language, name, KINDS[pool], {"datv", "sing"}) != "", name


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_no_surrogate_is_on_the_keep_list(language: str) -> None:
    pools = load(f"names_{language}")
    for name in pools["surnames"]:
        assert not keep.is_public(language, name, "PERSON"), name
    for place in pools["places"]:
        assert not keep.is_public(language, place, "LOCATION"), place


def test_russian_surrogate_places_are_no_common_words() -> None:
    """ "Дно" or "Луга" as a surrogate town reads as "bottom" or "meadows"."""
    for place in load("names_ru")["places"]:
        assert not morph.is_common_word("ru", place), place


def test_diminutives_point_to_full_names_in_every_language() -> None:
    table = load("diminutives")
    assert table["ru"]["серёжа"] == "сергей" and table["ru"]["саша"] == "александр"
    assert table["uk"]["сашко"] == "олександр"
    assert set(table) >= {"en", "ru", "uk"}


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_no_kept_place_is_mainly_a_first_name(language: str) -> None:
    """София or Ахмат on the keep list would leave a woman or a man named so readable."""
    for label in ("LOCATION", "ORGANIZATION"):
        for entry in load("keep")[label][language]:
            if " " in entry or entry.isupper():
                continue  # phrases and abbreviations are no first names
            ps = morph.parses(language, entry)
            total = sum(p.score for p in ps) or 1.0
            share = sum(p.score for p in ps if morph.name_kind(p) == "Name") / total
            assert share < 0.5 or entry == "Вагнер", entry


def test_english_keep_list_is_latin_script() -> None:
    """redact() skips the English keep list for mentions without Latin letters."""
    data = load("keep")
    for label in ("PERSON", "LOCATION", "ORGANIZATION"):
        for entry in data[label]["en"]:
            assert not any("\u0400" <= c <= "\u04ff" for c in entry), entry
            assert any("a" <= c.lower() <= "z" for c in entry), entry
