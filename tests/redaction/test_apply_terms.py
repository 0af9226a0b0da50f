"""Editor-marked terms in already redacted text: every inflected form, no NER."""

from __future__ import annotations

import pytest

from redaction import apply_terms, morph

pytestmark = pytest.mark.usefixtures("warm")


def test_every_inflected_form_of_a_marked_name_is_replaced() -> None:
    text = "Потом Сергей ушёл. Без Сергея было тяжело, с Сергеем легче. Алексей остался."
    result = apply_terms(text, "ru", [("Сергей", "PERSON")], avoid=["Алексей"])
    assert [text[s.start : s.end] for s in result.spans] == ["Сергей", "Сергея", "Сергеем"]
    lemmas = {morph.best_lemma("ru", s.replacement) for s in result.spans}
    assert len(lemmas) == 1 and lemmas.isdisjoint({"сергей", "алексей"})
    assert "Алексей остался" in result.text  # existing surrogates are not touched


def test_marked_term_is_case_insensitive_and_covers_possessives() -> None:
    text = "We met Bohdan. bohdan's house burned. BOHDAN left."
    result = apply_terms(text, "en", [("Bohdan", "PERSON")])
    assert len(result.spans) == 3
    assert "bohdan" not in result.text.lower()
    assert "'s house" in result.text


def test_multi_word_terms_and_places() -> None:
    text = "Жили в Новой Каховке. Из Новой Каховки уехали все."
    result = apply_terms(text, "ru", [("Новая Каховка", "LOCATION")])
    assert len(result.spans) == 2 and "Каховк" not in result.text


def test_memory_holds_only_the_new_terms() -> None:
    result = apply_terms("Оксана пришла.", "uk", [("Оксана", "PERSON")])
    assert list(result.memory.entries) == ["PERSON|first|оксана"]


def test_apply_terms_rejects_auto_language() -> None:
    with pytest.raises(ValueError):
        apply_terms("x", "auto", [("x", "PERSON")])
