"""Surrogate memory: follow-ups reuse surrogates, JSON round trip, merging, keyed linking."""

from __future__ import annotations

import json

import pytest

from redaction import Memory, Policy, morph, redact

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("warm")]


def forms_of(word: str) -> set[str]:
    """Lemmas the word form can belong to: shared ones mean the same surrogate lexeme."""
    return {morph.normalise(p.normal_form) for p in morph.parses("ru", word)}


def surrogate_of(text: str, surface: str, result: object) -> str:
    return next(s.replacement for s in result.spans if text[s.start : s.end] == surface)  # type: ignore[attr-defined]


def test_follow_up_reuses_surrogates_in_its_own_inflected_forms() -> None:
    first_text = "Меня зовут Сергей Ковальчук, я жил в Бахмуте."
    first = redact(first_text, "ru")
    restored = Memory.from_json(first.memory.to_json())
    follow_text = "Потом к Сергею приехали из Бахмута, Ковальчука искали."
    follow = redact(follow_text, "ru", memory=restored)
    name = surrogate_of(first_text, "Сергей Ковальчук", first).split()
    assert forms_of(surrogate_of(follow_text, "Сергею", follow)) & forms_of(name[0])
    place = surrogate_of(first_text, "Бахмуте", first)
    assert forms_of(surrogate_of(follow_text, "Бахмута", follow)) & forms_of(place)
    assert forms_of(surrogate_of(follow_text, "Ковальчука", follow)) & forms_of(name[1])
    # the follow-up needed no new surrogate for them
    assert set(follow.memory.entries) == set(restored.entries)


def test_redact_does_not_mutate_the_memory_passed_in() -> None:
    memory = Memory()
    result = redact("Я видел Сергея.", "ru", memory=memory)
    assert memory.entries == {} and result.memory.entries


def test_memory_is_plain_json_and_hides_its_content_in_repr() -> None:
    result = redact("Я видел Сергея в Бахмуте.", "ru")
    data = json.loads(result.memory.to_json())
    assert data["entries"]
    assert "сергей" in result.memory.to_json()
    assert "сергей" not in repr(result.memory)


def test_merge_keeps_existing_assignments_and_renumbers_tags() -> None:
    a = Memory({"PERSON|first|сергей": {"surrogate": "Алексей"}}, {"PERSON|сергей": 1})
    b = Memory(
        {"PERSON|first|сергей": {"surrogate": "Борис"}, "PERSON|first|олег": {"surrogate": "Глеб"}},
        {"PERSON|олег": 1},
    )
    merged = a.merge(b)
    assert merged.entries["PERSON|first|сергей"]["surrogate"] == "Алексей"
    assert merged.entries["PERSON|first|олег"]["surrogate"] == "Глеб"
    assert merged.tags == {"PERSON|сергей": 1, "PERSON|олег": 2}


def test_independent_testimonies_get_independent_surrogates() -> None:
    text = "Я видел Сергея Ковальчука."
    seen = {redact(text, "ru").text for _ in range(6)}
    assert len(seen) > 1


def test_link_key_gives_the_same_surrogate_across_testimonies() -> None:
    policy = Policy(link_key=b"k" * 32)
    a = redact("Я видел Сергея Ковальчука вчера.", "ru", policy=policy)
    b = redact("Сергей Ковальчук звонил мне.", "ru", policy=policy)
    lemma_a = [morph.best_lemma("ru", w) for w in a.spans[0].replacement.split()]
    lemma_b = [morph.best_lemma("ru", w) for w in b.spans[0].replacement.split()]
    assert lemma_a == lemma_b


def test_follow_up_catches_remembered_names_no_recogniser_would_flag() -> None:
    first = redact("Командир роты, позывной «Бес», Олег Ковальчук, родом из Рыльска.", "ru")
    callsign = next(s.replacement for s in first.spans if s.label == "CALLSIGN")
    text = "Потом Бес звонил снова, а ковальчук не отвечал. В Рыльске тихо."
    follow = redact(text, "ru", memory=first.memory)
    assert "Бес" not in follow.text and "ковальчук" not in follow.text
    assert f"Потом {callsign} звонил" in follow.text
    assert {s.label for s in follow.spans} == {"CALLSIGN", "PERSON", "LOCATION"}
