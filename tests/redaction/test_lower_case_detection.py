"""Lower-case messages: settlements after prepositions, people after role words, Slavic names in
English messages. Sentences written for these tests, none taken from an evaluation set."""

from __future__ import annotations

import pytest

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
