"""Choosing missed identifiers from the text: free words, picks to terms, close candidates."""

from __future__ import annotations

import pytest

from intake.pseudonymised import Pseudonym, PseudonymisedText
from intake.services.marking import candidates, free_words, terms_from_picks

TEXT = "Там был рыжий бородач, Глеб Блинов и д'Артаньян."
VIEW = PseudonymisedText(TEXT, (Pseudonym(23, 34, "PERSON", "Глеб Блинов"),))


def picks(*words: str, item: str = "redacted") -> list[str]:
    by_text = {w.text: w for w in free_words(VIEW)}
    return [by_text[w].pick(item) for w in words]


def test_free_words_leave_out_surrogates_and_keep_apostrophes() -> None:
    assert [w.text for w in free_words(VIEW)] == [
        "Там",
        "был",
        "рыжий",
        "бородач",
        "и",
        "д'Артаньян",
    ]


def test_neighbouring_picks_join_and_punctuation_splits() -> None:
    views = {"redacted": VIEW}
    assert terms_from_picks(views, picks("бородач", "рыжий")) == ["рыжий бородач"]
    assert terms_from_picks(views, picks("рыжий", "и")) == ["рыжий", "и"]
    assert terms_from_picks(views, picks("бородач", "бородач")) == ["бородач"]


@pytest.mark.parametrize("pick", ["redacted:23:27", "redacted:0:2", "message/9:0:3", "x", "a:b:c"])
def test_a_pick_that_is_not_a_free_word_is_refused(pick: str) -> None:
    with pytest.raises(ValueError):
        terms_from_picks({"redacted": VIEW}, [pick])


def test_candidates_survive_a_typo_a_missing_apostrophe_and_case() -> None:
    assert candidates([VIEW], "бородачь")[0] == "бородач"
    assert candidates([VIEW], "дАртаньян")[0] == "д'Артаньян"
    assert candidates([VIEW], "Рыжий Бородач")[0] == "рыжий бородач"
    assert "Глеб Блинов" not in candidates([VIEW], "Глеб Блинов")  # surrogates are not offered
