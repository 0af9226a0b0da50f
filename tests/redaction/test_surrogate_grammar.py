"""Surrogates a native reader believes: case, gender and role from the sentence, one kind and
one name per entity, no span across a sentence end (issue 10)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redaction import Policy, morph, redact
from redaction.evaluation.agreement import fits
from redaction.surrogates.people import person_token

# (template, case the name takes); both languages, both genders.
_RU = [
    ("Вчера {} пришёл домой.", "nomn"),
    ("Я долго ждала {} у ворот.", "gent"),
    ("Передайте {} привет от мамы.", "datv"),
    ("Я видела {} на видео.", "accs"),
    ("Мы гордимся {} всей семьёй.", "ablt"),
    ("Мы часто думаем о {} и молимся.", "loct"),
]
_UK = [
    ("Учора {} прийшов додому.", "nomn"),
    ("Я довго чекала {} біля воріт.", "gent"),
    ("Передайте {} привіт від мами.", "datv"),
    ("Я бачила {} на відео.", "accs"),
    ("Ми пишаємося {} всією родиною.", "ablt"),
    ("Ми часто думаємо про {} і молимося.", "accs"),
]
_NAMES = {
    "ru": [("Андрей", "masc"), ("Сергей", "masc"), ("Марина", "femn"), ("Ольга", "femn")],
    "uk": [("Андрій", "masc"), ("Тарас", "masc"), ("Оксана", "femn"), ("Галина", "femn")],
}


def _inflected(language: str, name: str, case: str) -> str:
    return morph.inflect(language, name, "Name", {case, "sing"}).capitalize()


def _surrogate_reading(language: str, word: str) -> set[tuple[str, str | None]]:
    return {
        (morph.features(p)[0], morph.features(p)[2])
        for p in morph.parses(language, word)
        if morph.name_kind(p) == "Name"
    }


@settings(max_examples=40, deadline=None)
@given(
    language=st.sampled_from(["ru", "uk"]),
    template=st.integers(0, 5),
    name=st.integers(0, 3),
)
def test_first_name_keeps_case_gender_and_role(language: str, template: int, name: int) -> None:
    sentence, case = (_RU if language == "ru" else _UK)[template]
    real, gender = _NAMES[language][name]
    form = _inflected(language, real, case)
    text = sentence.format(form)
    result = redact(text, language)
    spans = [s for s in result.spans if text[s.start : s.end] == form]
    assert spans, text
    surrogate = spans[0].replacement
    before = text[: spans[0].start]
    assert fits(language, form, surrogate, before, True), (text, result.text)
    assert gender in {g for _, g in _surrogate_reading(language, surrogate)}, result.text


def test_gender_from_context_for_an_ambiguous_diminutive() -> None:
    text = "Син у мене, Женька, служить. Женька пішов добровольцем."
    result = redact(text, "uk")
    for s in result.spans:
        assert fits("uk", text[s.start : s.end], s.replacement, text[: s.start], True)
        genders = {morph.features(p)[2] for p in morph.parses("uk", s.replacement)}
        assert "masc" in genders, result.text


def test_surname_keeps_its_declension_class_and_case() -> None:
    text = "Мама Владислава Приходька приїхала. За свідченням Кушніра Богдана все так."
    result = redact(text, "uk")
    for s in result.spans:
        assert fits(
            "uk", text[s.start : s.end], s.replacement, text[max(0, s.start - 12) : s.start], True
        ), result.text


def test_patronymic_stays_a_patronymic() -> None:
    text = "Мій син, солдат Мельник Тарас Степанович, зник."
    result = redact(text, "uk")
    span = next(s for s in result.spans if "Степанович" in text[s.start : s.end])
    assert span.replacement.split()[-1].endswith(("ович", "евич", "йович"))


@pytest.mark.parametrize(
    ("language", "text", "place"),
    [
        ("uk", "Я сам з Бородянки, а брат у Носівці.", "Бородянки"),
        ("uk", "Нас накрило під Роботиним.", "Роботиним"),
        ("ru", "Он жил в Котельниково, потом в Урюпинске.", "Урюпинске"),
    ],
)
def test_place_is_never_replaced_by_a_person(language: str, text: str, place: str) -> None:
    result = redact(text, language)
    span = next(s for s in result.spans if text[s.start : s.end] == place)
    assert span.label == "LOCATION"


def test_no_span_crosses_a_sentence_end() -> None:
    text = "Мене тримали разом із Михайлом Дячуком. Михайла обміняли торік."
    result = redact(text, "uk")
    assert result.spans
    for s in result.spans:
        assert ". " not in text[s.start : s.end]


def test_surrogates_never_equal_a_real_name_of_the_text() -> None:
    text = "Андрей и Сергей Иванов дружили. Сергей уехал, Андрей остался с Мариной."
    result = redact(text, "ru")
    real = {morph.normalise(text[s.start : s.end]) for s in result.spans}
    for s in result.spans:
        for word in s.replacement.split():
            assert morph.normalise(word) not in real


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_unknown_foreign_name_becomes_a_nominative_singular_name(language: str) -> None:
    opening = "Меня зовут" if language == "ru" else "Мене звати"
    text = f"{opening} Зебулон Квакенбуш."
    result = redact(text, language)
    span = next(s for s in result.spans if text[s.start : s.end] == "Зебулон Квакенбуш")
    first, last = span.replacement.split()
    assert any(
        morph.name_kind(p) == "Name"
        and "nomn" in morph.tags_of(p)
        and "plur" not in morph.tags_of(p)
        for p in morph.parses(language, first)
    ), span.replacement
    assert person_token(language, last, others_have_first=True).role == "last"


def test_english_given_name_and_surname_keep_their_roles() -> None:
    text = "Zebulon Quackenbush told me. Private Medvedev was there."
    result = redact(text, "en")
    names = {text[s.start : s.end]: s for s in result.spans}
    first, _ = names["Zebulon Quackenbush"].replacement.split()
    assert person_token("en", first).role == "first"
    assert names["Medvedev"].label == "PERSON"


def test_diminutive_family_follows_the_entity() -> None:
    text = "Андрійко пішов служити. Бачили, як Андрійка вели. Андрій мовчав."
    result = redact(text, "uk")
    by_real = {text[s.start : s.end]: s.replacement for s in result.spans}
    full = person_token("uk", by_real["Андрій"], alone=True)
    small = person_token("uk", by_real["Андрійко"], alone=True)
    assert small.diminutive and small.suffix == "ко"
    assert small.lemma == full.lemma  # one entity, one name family
    assert by_real["Андрійка"] == by_real["Андрійко"][:-1] + "а"


def test_rank_stays_outside_and_preposition_is_kept() -> None:
    text = "Капітан Ковальчук наказав. Допит вів майор Дедов в присутності інших."
    result = redact(text, "uk")
    assert result.text.startswith("Капітан ")
    assert " в присутності" in result.text
    dedov = next(s for s in result.spans if text[s.start : s.end] == "Дедов")
    assert dedov.label == "PERSON"


def test_one_word_entity_keeps_one_surrogate_across_its_forms() -> None:
    text = "Все звали его «Малой». Малому было девятнадцать. Малого ранило, а с Малым мы дружили."
    result = redact(text, "ru")
    lemmas = {morph.best_lemma("ru", s.replacement, ()) for s in result.spans}
    assert len(result.spans) == 4 and len(lemmas) == 1
    assert {s.label for s in result.spans} == {"CALLSIGN"}


_OV_SURNAME_TEMPLATES = [
    ("Я {} {}, пишу вам.", "nomn"),
    ("Передайте {} {} привет.", "datv"),
    ("Заявление от {} {} приняли.", "gent"),
]


@settings(max_examples=20, deadline=None)
@given(template=st.integers(0, 2), woman=st.booleans(), key=st.binary(min_size=4, max_size=8))
def test_unknown_possessive_surname_keeps_gender_and_case(
    template: int, woman: bool, key: bytes
) -> None:
    """A surname the dictionary does not know (Зарубин) keeps the woman's or man's form and the
    case the sentence gives it: «Евгения Зарубина» never becomes «Софья Семёнов»."""
    sentence, case = _OV_SURNAME_TEMPLATES[template]
    gender = "femn" if woman else "masc"
    first = morph.inflect("ru", "Евгения" if woman else "Олег", "Name", {gender, case, "sing"})
    ending = {("femn", "nomn"): "а", ("femn", "datv"): "ой", ("femn", "gent"): "ой"}
    ending |= {("masc", "nomn"): "", ("masc", "datv"): "у", ("masc", "gent"): "а"}
    last = "Зарубин" + ending[(gender, case)]
    text = sentence.format(first.capitalize(), last)
    result = redact(text, "ru", policy=Policy(link_key=key))
    span = next(s for s in result.spans if last in text[s.start : s.end])
    new_last = span.replacement.split()[-1]
    readings = {
        (morph.features(p)[0], morph.features(p)[2])
        for p in morph.parses("ru", new_last)
        if morph.name_kind(p) == "Surn"
    }
    assert (case, gender) in readings, result.text


def test_a_wife_and_husband_share_the_surname_surrogate() -> None:
    text = "Мой муж, Олег Зарубин, служит. Я Евгения Зарубина. Передайте Зарубиной привет."
    result = redact(text, "ru")
    stems = {s.replacement.split()[-1][:5] for s in result.spans}
    assert len(stems) == 1, result.text


def test_initials_do_not_hide_the_surname_case() -> None:
    text = "Там Кравцю А. С. протягом шести годин не давали води."
    result = redact(text, "uk")
    span = next(s for s in result.spans if text[s.start : s.end].startswith("Кравцю"))
    surname = span.replacement.split()[0]
    assert any(
        "datv" in morph.tags_of(p) and "masc" in morph.tags_of(p) and "Fixd" not in morph.tags_of(p)
        for p in morph.parses("uk", surname)
    ), result.text


def test_built_diminutives_are_names_a_reader_knows() -> None:
    from redaction.surrogates.people import diminutives_by_class

    for language in ("ru", "uk"):
        for forms in diminutives_by_class(language).values():
            made = forms.get("ка")
            if made:
                assert any(
                    p.is_known and morph.name_kind(p) == "Name"
                    for lang in ("ru", "uk")
                    for p in morph.parses(lang, made)
                ), made


def test_a_nominative_is_the_lemma_itself() -> None:
    # pymorphy3 tags «кремінь» without a case; inflecting it gave the plural «кремені».
    assert morph.inflect("uk", "Кремінь", None, {"nomn", "sing"}) == "кремінь"


def test_no_span_crosses_a_line_break() -> None:
    text = "з його групи живий лишився тільки він і павлік\nсвекруха досі кличе його"
    result = redact(text, "uk")
    for s in result.spans:
        assert "\n" not in text[s.start : s.end]


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("ru", "Из Мирного их перекинули в посёлок Победа.", "Победа"),
        ("uk", "Його затримали на виїзді з с. Кам'янка та вивезли.", "Кам'янка"),
    ],
)
def test_a_name_after_a_settlement_noun_keeps_its_nominative(
    language: str, text: str, name: str
) -> None:
    result = redact(text, language)
    span = next(s for s in result.spans if name in text[s.start : s.end])
    town = span.replacement.split()[-1]
    assert ("nomn", "sing") in {morph.features(p)[:2] for p in morph.parses(language, town)}, (
        result.text
    )


def test_region_tail_does_not_give_the_town_its_case() -> None:
    text = "ПАНКРАТОВ СЕРГЕЙ, 12.12.1997 Г.Р., Г. НОВОХОПЁРСК ВОРОНЕЖСКОЙ ОБЛАСТИ. В/Ч 91701."
    result = redact(text, "ru")
    span = next(s for s in result.spans if "НОВОХОПЁРСК" in text[s.start : s.end])
    town = span.replacement.split()[-1]
    assert any("nomn" in morph.tags_of(p) for p in morph.parses("ru", town)), result.text


def test_russian_u_takes_the_genitive_of_an_indeclinable_place() -> None:
    text = "Его ранило, и он остался на позиции у Работино."
    result = redact(text, "ru")
    span = next(s for s in result.spans if text[s.start : s.end] == "Работино")
    assert span.label == "LOCATION"
    assert any("gent" in morph.tags_of(p) for p in morph.parses("ru", span.replacement))


@pytest.mark.parametrize(
    ("language", "text", "word", "label"),
    [
        (
            "ru",
            "Адрес: ул. Гагарина, д. 3, кв. 9, с. Кушнаренково, 452230.",
            "Кушнаренково",
            "LOCATION",
        ),
        ("uk", "Левко Гуменюк, з Олешків, сидів з нами.", "Олешків", "LOCATION"),
        ("uk", "Він у плєну з 18 лютого, з-під Авдіївки.", "Авдіївки", "LOCATION"),
        (
            "ru",
            "Из Мирного их перекинули в посёлок Победа. Про Победу он не шутил.",
            "Победу",
            "LOCATION",
        ),
        (
            "ru",
            "Номер был забран прапорщиком Зиннатуллиным и до сих пор.",
            "Зиннатуллиным",
            "PERSON",
        ),
        (
            "uk",
            "Народився він у Великій Писарівці. Пішов добровольцем.",
            "Великій Писарівці",
            "LOCATION",
        ),
    ],
)
def test_kind_from_grammar_title_and_entity(
    language: str, text: str, word: str, label: str
) -> None:
    result = redact(text, language)
    span = next(s for s in result.spans if text[s.start : s.end] == word)
    assert span.label == label, result.text


def test_first_name_before_a_patronymic_or_surname_stays_a_first_name() -> None:
    text = "мама його ганна степанівна працює в магазині. Справжнє ім’я Левко Гуменюк."
    result = redact(text, "uk")
    for s in result.spans:
        first = s.replacement.split()[0]
        assert person_token("uk", first, before_surname=True).role == "first", result.text


def test_an_indeclinable_place_under_pod_is_where_not_whither() -> None:
    text = "Он погиб под Работино летом."
    result = redact(text, "ru")
    span = next(s for s in result.spans if text[s.start : s.end] == "Работино")
    assert any("ablt" in morph.tags_of(p) for p in morph.parses("ru", span.replacement)), (
        result.text
    )


def test_the_word_after_initials_is_a_surname_in_its_case() -> None:
    text = "Обращение к губернатору А. Л. Текслеру от родственников."
    result = redact(text, "ru")
    span = next(s for s in result.spans if "Текслеру" in text[s.start : s.end])
    surname = span.replacement.split()[-1]
    assert any(
        morph.name_kind(p) == "Surn" and "datv" in morph.tags_of(p)
        for p in morph.parses("ru", surname)
    ), result.text


def test_initials_and_a_surname_are_no_place() -> None:
    from redaction.surrogates.kinds import _initials_and_surname
    from redaction.text import words

    for surface, person in (("Т. Н. Зарубиной", True), ("Г. Новохопёрск", False)):
        assert _initials_and_surname("ru", surface, words(surface)) is person


@settings(max_examples=15, deadline=None)
@given(key=st.binary(min_size=4, max_size=8))
def test_a_diminutive_never_gets_its_own_name_back(key: bytes) -> None:
    text = "Я уехал к наташке. Деньги скинь на карту наташки."
    result = redact(text, "ru", policy=Policy(link_key=key))
    for s in result.spans:
        assert person_token("ru", s.replacement, alone=True).lemma != "наталья", result.text


def test_a_place_after_z_that_fits_no_case_comes_from_it() -> None:
    text = "Справжнє ім’я Левко Гуменюк, з Олешків. Там і жив."
    result = redact(text, "uk")
    span = next(s for s in result.spans if text[s.start : s.end] == "Олешків")
    assert any("gent" in morph.tags_of(p) for p in morph.parses("uk", span.replacement)), (
        result.text
    )
