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


def test_diminutives_point_to_full_names_in_every_language() -> None:
    table = load("diminutives")
    assert table["ru"]["серёжа"] == "сергей" and table["ru"]["саша"] == "александр"
    assert table["uk"]["сашко"] == "олександр"
    assert set(table) >= {"en", "ru", "uk"}
