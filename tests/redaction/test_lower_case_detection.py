"""Lower-case messages: settlements after prepositions, people after role words, Slavic names in
English messages. Sentences written for these tests, none taken from an evaluation set."""

from __future__ import annotations

import pytest

from redaction import redact
from redaction.truecase import truecase


def _capitalised(text: str) -> set[str]:
    return {w.strip(".,") for w in text.split()[1:] if w[:1].isupper()}


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        # indeclinable -ово/-ево/-ино after a preposition
        ("тетка живет в сафоново а мы с братом в городе", "ru", {"Сафоново"}),
        ("нас увезли из кудрино на автобусе ночью", "ru", {"Кудрино"}),
        # a place reading the dictionary has, for a word also read otherwise
        ("его держали в каменке двое суток без воды", "ru", {"Каменке"}),
        # Ukrainian noun lemmas with a settlement ending (-ів, -ин)
        ("ми зараз у бердичеві у тітки живемо", "uk", {"Бердичеві"}),
        ("його тримали в зборові три дні", "uk", {"Зборові"}),
        # a rare adjective standing alone after a preposition: a settlement or street
        ("приехали из заозерного трое ребят", "ru", {"Заозерного"}),
        ("жили на вишневій поки не почався обстріл", "uk", {"Вишневій"}),
    ],
)
def test_settlements_after_prepositions(text: str, language: str, names: set) -> None:
    assert names <= _capitalised(truecase(text, language))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ми сиділи на карантині і в магазині черги", "uk"),
        ("мы были на передовой а потом в дежурной части", "ru"),
        ("на нулевой позиции никого не осталось", "ru"),
        ("он пил вино в кино и читал слово", "ru"),
        ("в основном мы сидели в подвале на старой", "ru"),
    ],
)
def test_ordinary_words_after_prepositions_stay(text: str, language: str) -> None:
    assert _capitalised(truecase(text, language)) == set()


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("справку подписал врач орлов и отправил домой", "ru", {"Орлов"}),
        ("вчора приходив дільничний коваль і питав про сина", "uk", {"Коваль"}),
        ("the paper from doctor moroz says his back is broken", "en", {"Moroz"}),
        ("i spoke to dr kravets yesterday and she said wait", "en", {"Kravets"}),
        ("their commander is colonel sokol and he shouts at all", "en", {"Sokol"}),
    ],
)
def test_people_after_role_words(text: str, language: str, names: set) -> None:
    assert names <= _capitalised(truecase(text, language))


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("we waited for kovalchuk outside the station all night", "en", {"Kovalchuk"}),
        ("mum says hnatyshyn knows where they took him", "en", {"Hnatyshyn"}),
        ("my sister svitlanka is staying with us now", "en", {"Svitlanka"}),
        ("забрали мужа петю сизова прямо с работы", "ru", {"Петю", "Сизова"}),
        ("передай костику что мама ждет", "ru", {"Костику"}),
    ],
)
def test_names_without_a_cue(text: str, language: str, names: set) -> None:
    assert names <= _capitalised(truecase(text, language))


def test_english_words_stay_in_english_messages() -> None:
    text = "we waited outside the station all night and nobody came to help us"
    assert _capitalised(truecase(text, "en")) == set()


@pytest.mark.parametrize(
    ("text", "language", "street"),
    [
        ("мама живе на вул лугова 14 біля школи", "uk", "лугова 14"),
        ("нас тримали на вулиці квітковій у гаражі", "uk", "квітковій"),
        ("он снимает квартиру на ул береговой 7 кв 2", "ru", "береговой 7"),
        ("they took him from his flat on lisova str near the market", "en", "lisova"),
        ("we live in a village, street polova 9, near the lake", "en", "polova 9"),
    ],
)
def test_lower_case_street_names_are_replaced(text: str, language: str, street: str) -> None:
    out = redact(text, language).text
    assert street not in out


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("на вулиці було холодно і ми чекали", "uk"),
        ("на улице нас ждали двое", "ru"),
        ("we waited on the street for an hour", "en"),
    ],
)
def test_ordinary_words_after_street_words_stay(text: str, language: str) -> None:
    assert redact(text, language).text == text


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("they kept him in the garage on zelena st 12 for a week", "zelena st 12"),
        ("the office is on franka 5, second floor", "franka 5"),
    ],
)
def test_english_messages_with_transliterated_streets(text: str, street: str) -> None:
    assert street not in redact(text, "en").text


def test_street_word_before_a_transliterated_name() -> None:
    assert "lisova 3" not in redact("we rent a room in the village, street lisova 3", "en").text


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("позвони на катин номер она знает", "ru", {"Катин"}),
        ("мы нашли лёшиного брата в больнице", "ru", {"Лёшиного"}),
        ("це галин телефон пишіть сюди", "uk", {"Галин"}),
    ],
)
def test_possessives_of_first_names(text: str, language: str, names: set) -> None:
    assert names <= _capitalised(truecase(text, language))


def test_possessives_of_ordinary_words_stay() -> None:
    text = "взяли мамин телефон и бабушкин паспорт"
    assert _capitalised(truecase(text, "ru")) == set()


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("привет люба как ты там держишься", "ru", {"Люба"}),
        ("привіт надія це я з нового номера", "uk", {"Надія"}),
        ("з ним був його побратим лев і ще двоє", "uk", {"Лев"}),
        ("мой сослуживец орел погиб под бахмутом", "ru", {"Орел"}),
    ],
)
def test_names_after_greetings_and_comrade_words(text: str, language: str, names: set) -> None:
    assert names <= _capitalised(truecase(text, language))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("привет всем кто читает этот чат", "ru"),
        ("привіт друзі напишіть хто що знає", "uk"),
    ],
)
def test_greetings_alone_name_nobody(text: str, language: str) -> None:
    assert _capitalised(truecase(text, language)) == set()
