"""One entity, one decision: once any mention of a name is replaced, no other mention of it
stays readable, whatever label or sentence position each mention got."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redaction import keep, redact
from tests.redaction.conftest import replaced

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("warm")]

# Generic words a replaced span may contain and the text may repeat: ranks, titles, nouns.
# fmt: off
GENERIC = frozenset(
    [
        "corporal", "sergeant", "private", "captain", "major", "colonel", "lieutenant", "mr",
        "mrs", "ms", "dr", "unit", "village", "town", "street", "family", "group", "company",
        "brigade", "the", "of", "ефрейтор", "сержант", "рядовой", "капитан", "майор",
        "полковник", "лейтенант", "село", "деревня", "улица", "семья", "часть", "в", "ч",
    ]
)
# fmt: on
EN_SURNAMES = ["Ilyin", "Zvyagintsev", "Kovalchuk", "Voronin", "Shestakov", "Gnatyuk"]
RU_SURNAMES = ["Ильин", "Звягинцев", "Ковальчук", "Воронин", "Шестаков", "Гнатюк"]
EN_TEMPLATES = [
    "Corporal {s} gave the order.",
    "{s} said nothing.",
    "Later I saw {s} again near the river.",
    "The {s} family stayed behind.",
    "We were told by Mr {s} to wait.",
    "Everyone was afraid of {s}.",
]
RU_TEMPLATES = [
    "Ефрейтор {s} отдал приказ.",
    "{s} ничего не сказал.",
    "Потом я снова видел, как {s} уходил к реке.",
    "Нам велел ждать майор {s}.",
    "Все боялись, что {s} вернётся.",
]


def leaked_words(text: str, language: str) -> set[str]:
    result = redact(text, language)
    out = result.text.lower()
    leaked = set()
    for span in result.spans:
        for word in re.findall(r"[^\W\d_]{3,}", text[span.start : span.end]):
            lower = word.lower()
            if lower in GENERIC or keep.is_public(language, word, "LOCATION"):
                continue
            if re.search(rf"(?<!\w){re.escape(lower)}(?!\w)", out):
                leaked.add(word)
    return leaked


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    surname=st.sampled_from(EN_SURNAMES),
    order=st.lists(st.sampled_from(EN_TEMPLATES), min_size=2, max_size=5),
)
def test_no_word_of_a_replaced_english_span_survives_elsewhere(
    surname: str, order: list[str]
) -> None:
    text = " ".join(t.format(s=surname) for t in order)
    assert leaked_words(text, "en") == set()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    surname=st.sampled_from(RU_SURNAMES),
    order=st.lists(st.sampled_from(RU_TEMPLATES), min_size=2, max_size=5),
)
def test_no_word_of_a_replaced_russian_span_survives_elsewhere(
    surname: str, order: list[str]
) -> None:
    text = " ".join(t.format(s=surname) for t in order)
    assert leaked_words(text, "ru") == set()


def test_a_name_inside_an_organisation_mention_goes_everywhere() -> None:
    text = "The order came from the Ilyin Group headquarters. Later Ilyin said nothing."
    result, _ = replaced(text, "en")
    assert "Ilyin" not in result.text
