"""Russian end to end: NER + morphology + consistency + inflected surrogates."""

from __future__ import annotations

import pytest

from redaction import morph, redact
from tests.redaction.conftest import replaced

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("warm")]


def lemma_case(word: str) -> tuple[str, str | None]:
    """Lemma and case of a Russian first name as pymorphy3 reads it."""
    p = next(p for p in morph.parses("ru", word) if morph.name_kind(p) == "Name")
    return morph.normalise(p.normal_form), morph.features(p)[0]


def test_every_form_of_a_first_name_gets_one_surrogate_in_the_right_case() -> None:
    text = "Сергей пришёл утром. Я ждал Сергея весь день. Потом мы ушли с Сергеем в лес."
    result, repl = replaced(text, "ru")
    assert {"Сергей", "Сергея", "Сергеем"} <= repl.keys()
    lemmas = {lemma_case(repl[w])[0] for w in ("Сергей", "Сергея", "Сергеем")}
    assert len(lemmas) == 1 and lemmas != {"сергей"}
    assert lemma_case(repl["Сергей"])[1] == "nomn"
    assert lemma_case(repl["Сергеем"])[1] == "ablt"
    assert "Сергей" not in result.text and "Сергея" not in result.text


def test_full_name_and_surname_alone_map_to_the_same_person() -> None:
    text = "Командир роты Иван Петрович Сидоренко приказал стрелять. Потом Сидоренко исчез."
    result, repl = replaced(text, "ru")
    full = repl["Иван Петрович Сидоренко"].split()
    assert len(full) == 3
    assert repl["Сидоренко"] == full[2]
    assert "Сидоренко" not in result.text


def test_female_name_keeps_gender_and_case() -> None:
    text = "Я позвонил Анне Ивановой."
    _, repl = replaced(text, "ru")
    first, last = repl["Анне Ивановой"].split()
    readings = {
        morph.features(p) for p in morph.parses("ru", first) if morph.name_kind(p) == "Name"
    }
    assert ("datv", "sing", "femn") in readings
    assert last.endswith(("ой", "ей"))


def test_diminutive_maps_to_the_full_name_person() -> None:
    text = "Сергей Ковалёв был моим другом. Серёжа погиб под Бахмутом."
    result, _ = replaced(text, "ru")
    assert "Серёжа" not in result.text and "Сергей" not in result.text


def test_homonyms_of_ordinary_words_are_decided_by_context() -> None:
    text = "Моя вера не позволяла стрелять. Со мной служила Вера Павловна, мы звали её Вера."
    result, repl = replaced(text, "ru")
    assert "вера не позволяла" in result.text
    assert "Вера Павловна" in repl
    assert "Вера" not in result.text


def test_lowercase_name_without_ordinary_meaning_is_caught() -> None:
    result, _ = replaced("потом пришёл сергей и сказал, что надо уходить", "ru")
    assert "сергей" not in result.text


def test_identifiers_of_every_kind_are_replaced() -> None:
    text = (
        "Меня зовут Дмитрий Орешкин, позывной «Бес». Служил в в/ч 12345 в Валуйках. "
        "Паспорт 4506 123456, родился 12.03.1995. Телефон +7 916 123-45-67, почта "
        "dima.o@mail.ru. Жил на ул. Садовой, д. 5. Бес потом уехал."
    )
    result, _repl = replaced(text, "ru")
    labels = {s.label for s in result.spans}
    assert {
        "PERSON",
        "CALLSIGN",
        "MILITARY_UNIT",
        "LOCATION",
        "ID",
        "DATE",
        "CONTACT",
        "ADDRESS",
    } <= labels
    for secret in (
        "Орешкин",
        "Бес",
        "12345",
        "Валуйках",
        "4506 123456",
        "12.03.1995",
        "916 123",
        "dima.o",
    ):
        assert secret not in result.text, secret


def test_public_figures_and_countries_stay() -> None:
    text = (
        "Путин начал войну, Россия напала на Украину, а Шойгу врал. "
        "Мой брат Олег Ткачук уехал в Москву."
    )
    result, _repl = replaced(text, "ru")
    for public in ("Путин", "Россия", "Украину", "Шойгу", "Москву"):
        assert public in result.text
    assert "Ткачук" not in result.text


def test_surrogates_never_reuse_a_real_name_of_the_text() -> None:
    names = [
        "Алексей",
        "Андрей",
        "Борис",
        "Вадим",
        "Виктор",
        "Григорий",
        "Денис",
        "Евгений",
        "Егор",
        "Игорь",
    ]
    text = " ".join(f"Вчера {n} пришёл." for n in names)
    result = redact(text, "ru")
    for s in result.spans:
        assert s.replacement.lower() not in {n.lower() for n in names}


def test_spans_report_offsets_into_input_and_output() -> None:
    text = "Я видел Сергея в Бахмуте."
    result = redact(text, "ru")
    assert result.spans
    for s in result.spans:
        assert result.text[s.out_start : s.out_end] == s.replacement
        assert text[s.start : s.end] not in result.text
