"""The ``[[TYPE|surface]]`` markup parser."""

from __future__ import annotations

import pytest

from redaction.evaluation.markup import MarkupError, parse_markup


def test_plain_text_and_offsets() -> None:
    parsed = parse_markup("Я [[PER|Серёжа]] из [[LOC|Копейска]], [[KEEP|Путин]] врёт.")
    assert parsed.text == "Я Серёжа из Копейска, Путин врёт."
    assert [(m.label, m.surface) for m in parsed.must_mask] == [
        ("PERSON", "Серёжа"),
        ("LOCATION", "Копейска"),
    ]
    assert [(m.label, m.surface) for m in parsed.keep] == [("KEEP", "Путин")]
    for mention in (*parsed.must_mask, *parsed.keep):
        assert parsed.text[mention.start : mention.end] == mention.surface


def test_every_markup_type_maps_to_a_canonical_label() -> None:
    parsed = parse_markup(
        "[[PER|a]] [[LOC|b]] [[ORG|c]] [[CONTACT|+7 912 345-67-89]] [[ID|75 12 345678]] "
        "[[DATE_EXACT|14.03.1991]]"
    )
    assert [m.label for m in parsed.must_mask] == [
        "PERSON",
        "LOCATION",
        "ORGANIZATION",
        "CONTACT",
        "ID",
        "DATE",
    ]
    assert [m.source_label for m in parsed.must_mask][-1] == "DATE_EXACT"


def test_text_without_markup_is_unchanged() -> None:
    parsed = parse_markup("no marks here")
    assert parsed.text == "no marks here"
    assert parsed.must_mask == [] and parsed.keep == []


@pytest.mark.parametrize(
    ("marked", "message"),
    [
        ("[[NAME|Ivan]]", "unknown type"),
        ("[[PER| ]]", "empty surface"),
        ("[[PER| Ivan]]", "padded"),
        ("[[PER|Ivan]", "stray"),
        ("Ivan]] went", "stray"),
        ("[[PER|[[LOC|x]]]]", "stray"),
    ],
)
def test_malformed_markup_is_rejected(marked: str, message: str) -> None:
    with pytest.raises(MarkupError, match=message):
        parse_markup(marked)
