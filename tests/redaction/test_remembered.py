"""Follow-ups: what the testimony's memory knows is caught even where no recogniser fires."""

from __future__ import annotations

import redaction


def test_followup_reuses_surrogates_for_forms_no_recogniser_flags() -> None:
    original = redaction.redact("Меня зовут Сергей Пантелеев. Позывной «Бес».", "ru")
    followup = redaction.redact(
        "сергей звонил, Пантелееву плохо. Бес тоже.", "ru", memory=original.memory
    )
    entries = original.memory.entries
    callsign = entries["CALLSIGN||бес"]["surrogate"]
    assert "Бес" not in followup.text
    assert callsign in followup.text
    assert "сергей" not in followup.text.lower()
    assert "Пантелеев" not in followup.text


def test_editor_marked_phrase_is_caught_in_any_case() -> None:
    marked = redaction.apply_terms(
        "We hid in the old tannery.", "en", [("old tannery", "FACILITY")]
    )
    (surrogate,) = {s.replacement for s in marked.spans}
    later = redaction.redact("They still guard the Old Tannery.", "en", memory=marked.memory)
    assert "Tannery" not in later.text
    assert surrogate.lower() in later.text.lower()


def test_remembered_first_name_that_is_an_ordinary_word_stays_in_lower_case() -> None:
    original = redaction.redact("Мой брат Роман Лысенко отказался служить.", "ru")
    later = redaction.redact("Я читал роман. Роман уехал.", "ru", memory=original.memory)
    assert later.text.startswith("Я читал роман.")
    assert "Роман уехал" not in later.text
