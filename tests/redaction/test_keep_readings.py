"""A mention matches a public person only through a reading of one person: a surname the
analyser also reads as the plural of a kept name ("Ермаков" as "of the Ермаки") is someone else."""

from __future__ import annotations

import pytest

from redaction import keep
from redaction.labels import PERSON
from tests.redaction.conftest import replaced


@pytest.mark.parametrize(
    ("language", "surface"),
    [
        ("ru", "Ермаков"),
        ("ru", "Николай Ермаков"),
        ("ru", "Ермаков Николай Петрович"),
        ("uk", "Єрмаков"),
        ("uk", "Миколи Єрмакова"),
    ],
)
def test_surname_read_as_plural_of_a_kept_name_is_not_public(language: str, surface: str) -> None:
    assert not keep.is_public(language, surface, PERSON)


@pytest.mark.parametrize(
    ("language", "surface"),
    [
        ("ru", "Ермак"),
        ("ru", "Ермака"),
        ("ru", "Ермаком"),
        ("ru", "Андрея Ермака"),
        ("uk", "Єрмаком"),
        ("ru", "Пушкиных"),  # plural only: the family of a public figure still reads as his
    ],
)
def test_kept_name_stays_public_in_its_cases(language: str, surface: str) -> None:
    assert keep.is_public(language, surface, PERSON)


@pytest.mark.usefixtures("warm")
def test_private_person_is_replaced_next_to_the_kept_public_one() -> None:
    text = (
        "Бригадиром у нас был Николай Ермаков. Ермаков говорил, что Андрей Ермак "
        "всё знает, и по телевизору Ермака показывали каждый день."
    )
    result, found = replaced(text, "ru")
    assert "Николай Ермаков" in found
    assert "Ермаков" not in result.text
    assert "Андрей Ермак" in result.text and "Ермака" in result.text
