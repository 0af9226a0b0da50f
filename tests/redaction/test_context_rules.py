"""Context rules beyond NER: nicknames in quotes, numbered institutions, initials, small towns,
partial keep-list matches, lower-case diminutives, Russian quoted inside Ukrainian."""

from __future__ import annotations

import pytest

from tests.redaction.conftest import replaced

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("warm")]


def test_quoted_nicknames_after_a_role_word_stay_nominative() -> None:
    text = "Командир группы позывной «Кедр», его зам «Малой». Командир «Дед» сбежал."
    result, repl = replaced(text, "ru")
    for nick in ("Кедр", "Малой", "Дед"):
        assert nick in repl and f"«{nick}»" not in result.text
    assert {s.label for s in result.spans if text[s.start : s.end] in ("Малой", "Дед")} == {
        "CALLSIGN"
    }


def test_quoted_organisation_gets_a_quote_free_surrogate() -> None:
    text = "Она работала в ООО «Солнечный берег» в Анапе, потом в «Рассвете»."
    result, _ = replaced(text, "ru")
    assert "Солнечный" not in result.text and "Рассвет" not in result.text
    assert result.text.count("«") == result.text.count("»") == 2
    assert "««" not in result.text and "»»" not in result.text


def test_numbered_institutions_keep_their_kind() -> None:
    text = "Работаю учителем в школе № 2, жена в городской больнице №3."
    result, repl = replaced(text, "ru")
    assert "школе № " in result.text and "больнице №" in result.text
    assert "№ 2" in repl and "№3" in repl


def test_ordinal_unit_numbers_keep_their_ending() -> None:
    _result, repl = replaced("Брат служит в 58-й бригаде, а кум в в/ч А3720.", "ru")
    assert repl["58-й"].endswith("-й") and repl["58-й"] != "58-й"
    assert "А3720" in repl
    _en, en_repl = replaced("He served in the 24th brigade.", "en")
    assert en_repl["24th"][-2:] in {"st", "nd", "rd", "th"}


def test_initials_before_and_after_a_surname() -> None:
    text = "Там младший сержант Фёдоров Е. А. и рядовой С. Кравцов."
    result, _ = replaced(text, "ru")
    for piece in ("Фёдоров Е. А.", "С. Кравцов", "Кравцов"):
        assert piece not in result.text


def test_lowercase_diminutives_in_informal_text() -> None:
    text = "я оля, муж костя мобилизован, его друг серёжа тоже"
    _result, repl = replaced(text, "ru")
    assert {"оля", "костя", "серёжа"} <= repl.keys()
    assert all(r.islower() and r not in text.split() for r in repl.values())


def test_english_small_towns_after_place_prepositions() -> None:
    text = "Denis was held in a basement in Rylsk. Later he was moved to Lgov and near Pechi."
    result, _ = replaced(text, "en")
    for town in ("Rylsk", "Lgov", "Pechi"):
        assert town not in result.text


def test_public_part_of_a_longer_mention_stays_readable() -> None:
    text = "Я виїхав через Крим і Грузію, потім до Польщі. Писав до Червоного Хреста."
    result, _ = replaced(text, "uk")
    for public in ("Крим", "Грузію", "Польщі", "Червоного Хреста"):
        assert public in result.text


def test_keep_list_applies_to_russian_quoted_in_ukrainian() -> None:
    text = "Він сказав мені: «Тут теперь Россия, Серёжа, привыкай». Я мовчав і думав про маму."
    result, repl = replaced(text, "uk")
    assert "Россия" in result.text
    assert "Серёжа" in repl


def test_street_named_after_a_public_figure_is_still_an_address() -> None:
    result, _ = replaced("She lives at 5 Lenin Street with her mother.", "en")
    assert "Lenin" not in result.text
    result, _ = replaced("Путин выступал, а мы жили на ул. Ленина, 5.", "ru")
    assert "Путин" in result.text and "5." not in result.text


def test_place_reading_wins_after_a_place_preposition() -> None:
    result = replaced("Я жил в Бахмуте, потом уехал.", "ru")[0]
    assert [s.label for s in result.spans] == ["LOCATION"]


def test_proper_adjective_and_its_noun_form_one_place() -> None:
    result, repl = replaced("Моне изобразил Гаврский порт. Труба пойдёт по дну Чёрного моря.", "ru")
    assert "Гаврский порт" in repl and "Чёрного моря" in repl
    assert {s.label for s in result.spans} == {"LOCATION", "PERSON"}  # Моне is a person
    assert "порт." not in result.text and "моря" not in result.text


def test_public_figure_run_together_with_a_private_person_is_split() -> None:
    result, _ = replaced("Нравился Сталину Вертинский или нет, неизвестно.", "ru")
    assert "Сталину" in result.text and "Вертинский" not in result.text


def test_public_full_name_stays_whole() -> None:
    result, _ = replaced("Владимир Владимирович Путин выступил, Vladimir Putin said.", "ru")
    assert "Владимир Владимирович Путин" in result.text


def test_english_one_word_people_and_places_are_told_apart() -> None:
    text = "This is Will. I am from Kungur. My wife stayed with our daughter Sonya."
    result, _ = replaced(text, "en")
    labels = {text[s.start : s.end]: s.label for s in result.spans}
    assert labels.get("Kungur") == "LOCATION" and labels.get("Sonya") == "PERSON"
    assert labels.get("Will") == "PERSON"


def test_keep_phrase_longer_than_the_ner_mention_stays_whole() -> None:
    text = "Мы написали обращение в Комитет солдатских матерей и в прокуратуру."
    assert replaced(text, "ru")[0].text == text
    text = "Я дала їй номер гарячої лінії Уповноваженого з прав людини. Більше нічого."
    assert replaced(text, "uk")[0].text == text


def test_sentence_initial_pronoun_after_a_name_is_no_initial() -> None:
    result, repl = replaced("Його шукала мама Світлана Коваль. Я виїхав через Крим.", "uk")
    assert "Я виїхав" in result.text
    assert "Світлана Коваль" in repl


def test_common_surnames_of_public_figures_are_kept_only_with_the_first_name() -> None:
    text = "Сергей Лавров заявил. Мой сосед Лавров ушёл. Путин молчал."
    result, _ = replaced(text, "ru")
    assert result.text.startswith("Сергей Лавров заявил.") and "Путин молчал" in result.text
    assert "сосед Лавров" not in result.text
