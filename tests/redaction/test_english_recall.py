"""English recall rules: honorifics, initials, case numbers and compound place names."""

from __future__ import annotations

import pytest

from redaction import redact
from redaction.labels import LOCATION, PERSON
from redaction.placewords import english_place_names
from redaction.policy import Policy
from redaction.recognizers.case_number import CaseNumberRecognizer
from redaction.recognizers.en_initials import InitialsRecognizer
from redaction.recognizers.en_places import EnglishPlaceRecognizer
from redaction.recognizers.en_titles import EnglishTitleRecognizer, is_honorific
from redaction.surrogates.kinds import _slavic_name_in_english
from tests.redaction.conftest import replaced


def found(recognizer: object, text: str) -> list[str]:
    return [text[d.start : d.end] for d in recognizer.analyze(text, "en")]  # type: ignore[attr-defined]


# -- honorifics ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("ex officio Sir John Freeland, the elected judge", "Sir John Freeland"),
        ("A dissenting opinion of Judge Kalaydjieva was appended.", "Judge Kalaydjieva"),
        ("Mr R. Siev and Dr A. Connolly, all of the Department", "Dr A. Connolly"),
        ("Mr Justice Potts held that", "Justice Potts"),
        ("refused by Lord Justice Simon Brown who", "Lord Justice Simon Brown"),
        ("Agent, Lord Rodger of Earlsferry, QC, Lord Advocate", "Lord Rodger of Earlsferry"),
        ("My doctor, Prof. O’Brien, said so.", "Prof. O’Brien"),
        ("Judge Darwall-Smith’s judgment", "Judge Darwall-Smith"),
        ("the Tribunal. Mummery LJ found", "Mummery LJ"),
        ("On 16 May 2008, Tugendhat J handed down judgment", "Tugendhat J"),
    ],
)
def test_honorific_is_part_of_the_person(text: str, person: str) -> None:
    assert found(EnglishTitleRecognizer(), text) == [person]


@pytest.mark.parametrize(
    "text",
    [
        "the Lord Chief Justice recommended",
        "we prayed to the Lord Jesus Christ",
        "under the Criminal Justice Act 1988",
        "rejected by an Immigration Judge. On 1 November",
        "see Section J below",
        "the Judge said nothing",
    ],
)
def test_honorific_without_a_name_is_no_person(text: str) -> None:
    assert found(EnglishTitleRecognizer(), text) == []


def test_possessive_stays_outside_the_name() -> None:
    assert found(EnglishTitleRecognizer(), "Dr Price’s wife") == ["Dr Price"]


def test_is_honorific() -> None:
    assert is_honorific("Dr.") and is_honorific("Judge") and not is_honorific("Colonel")


# -- initials -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("On 3 September 1992 W.K lodged a divorce petition", ["W.K"]),
        ("an opinion on C.Ç's operation", ["C.Ç"]),
        ("When M. gave evidence the judge", ["M."]),
        ("my friend S. was taken. A car came", ["S."]),
        ("we were sued by “K”, a former patient", ["K"]),
        ("because of K’s absence", ["K"]),
        ("five co-accused, A, B, H, N and R, were charged", ["A", "B", "H", "N", "R"]),
    ],
)
def test_initials_standing_for_people(text: str, initials: list[str]) -> None:
    assert found(InitialsRecognizer(), text) == initials


@pytest.mark.parametrize(
    "text",
    [
        "in the U.S. and the U.K. today",
        "see Annex A and Plan B",
        "cars with the Z symbol and V signs",
        "I think I was right",
        "THE FACTS I. THE CIRCUMSTANCES",
        "(ii) A statement of the witness",
        "at 5 p.m. we left, e.g. by bus",
        "Class A drugs",
    ],
)
def test_letters_that_name_no_one(text: str) -> None:
    assert found(InitialsRecognizer(), text) == []


# -- case numbers -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("two applications (nos. 8319/07 and 11449/07) against", ["8319/07", "11449/07"]),
        ("under file nos. 36529/97 and 37393/97, respectively", ["36529/97", "37393/97"]),
        ("Maxwell v. the United Kingdom (no. 31/1993/426/505)", ["31/1993/426/505"]),
        ("nos. 26480/95, 28291/95, 62776/00 63388/00 and 43362/96)", ["26480/95", "28291/95"]),
        ("plots nos. 19, 20, 28 and 29, sheet/plan", ["19", "20", "28", "29"]),
        ("a criminal case no. 12345 was opened", ["12345"]),
        ("case No. 1-234/2022 against me", ["1-234/2022"]),
    ],
)
def test_case_numbers_and_their_lists(text: str, numbers: list[str]) -> None:
    assert found(CaseNumberRecognizer(), text)[: len(numbers)] == numbers


def test_whole_list_of_case_numbers() -> None:
    text = "nos. 26480/95, 28291/95, 62776/00 63388/00 and 43362/96)"
    assert len(found(CaseNumberRecognizer(), text)) == 5


@pytest.mark.parametrize(
    "text", ["section 23 of Law no. 5683", "Protocol No. 1 to the Convention", "school no. 5"]
)
def test_plain_numbers_need_a_word_saying_what_they_number(text: str) -> None:
    assert found(CaseNumberRecognizer(), text) == []


# -- places -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("he lives in Stoke-on-Trent. The", "Stoke-on-Trent"),
        ("I was born in Rostov-on-Don", "Rostov-on-Don"),
        ("on its way to Adare, Co. Limerick. When", "Co. Limerick"),
        ("a village in the District of Famagusta.", "District of Famagusta"),
        ("we lived on the Island of Lemland", "Island of Lemland"),
        ("in HM Prison Rye Hill, Warwickshire. On", "Warwickshire"),
        ("he was moved to Worcestershire, where", "Worcestershire"),
    ],
)
def test_place_names_claimed_whole(text: str, place: str) -> None:
    assert found(EnglishPlaceRecognizer(), text)[0] == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("some plots of land in Siverek village were", "Siverek village"),
        ("officers left Limerick city in a car", "Limerick city"),
        ("we fled the Kherson region in March", "Kherson region"),
        ("on the island of Lemland in the", "island of Lemland"),
        ("the Finnish archipelago of Åland", "archipelago of Åland"),
    ],
)
def test_lower_case_settlement_noun_is_claimed_with_its_name(text: str, place: str) -> None:
    """One mention, so no part of "Limerick city" is left as a half-replaced phrase."""
    assert found(EnglishPlaceRecognizer(), text)[0] == place


def test_part_of_a_place_is_a_description_and_only_the_name_is_claimed() -> None:
    assert found(EnglishPlaceRecognizer(), "the occupation of the northern part of Cyprus") == [
        "Cyprus"
    ]


@pytest.mark.parametrize(
    ("surface", "names"),
    [
        ("Siverek village", ["Siverek"]),
        ("island of Lemland", ["Lemland"]),
        ("region of the Donbas", ["Donbas"]),
        ("Co. Limerick", ["Limerick"]),
        ("County Durham", ["Durham"]),
        ("Donetsk region of Ukraine", ["Donetsk", "Ukraine"]),
        ("Island of Lemland", ["Island of Lemland"]),
        ("Stoke-on-Trent", ["Stoke-on-Trent"]),
    ],
)
def test_place_nouns_are_split_off_the_names(surface: str, names: list[str]) -> None:
    assert [surface[s:e] for s, e in english_place_names(surface)] == names


@pytest.mark.parametrize(
    "text",
    [
        "Our village was shelled",
        "another Swedish town, far away",
        "a Ukrainian village near the border",
        "Smith & Co. Ltd paid",
        "the County Administrative Board",
        "in the eastern part of the country",
        "The Shire was green",
        "the Hampshire Constabulary arrested him",
    ],
)
def test_settlement_nouns_alone_are_no_place(text: str) -> None:
    assert found(EnglishPlaceRecognizer(), text) == []


def test_name_marked_by_a_settlement_noun_is_found_elsewhere_too() -> None:
    text = "We lived in the village of Yahidne. Soldiers came to Yahidne in March."
    assert found(EnglishPlaceRecognizer(), text) == ["village of Yahidne", "Yahidne"]


# -- end to end ---------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_titled_person_is_replaced_as_one_unit_and_the_title_does_not_spread() -> None:
    text = (
        "Judge Kalaydjieva heard my case no. 8319/07 in Stoke-on-Trent. "
        "Later Judge Clarke and my friend K. spoke to the Judge."
    )
    result, repl = replaced(text, "en")
    assert "Judge Kalaydjieva" in repl and "Judge Clarke" in repl
    for secret in ("Kalaydjieva", "Clarke", "8319/07", " K."):
        assert secret not in result.text
    assert "Stoke-on-Trent" in result.text  # a city of over 100,000 people names nobody
    assert result.text.endswith("spoke to the Judge.")


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_village_keeps_its_noun_and_one_surrogate() -> None:
    text = "We lived in the village of Yahidne. Soldiers came to Yahidne in March."
    result, repl = replaced(text, "en")
    assert "Yahidne" not in result.text and "the village of " in result.text
    assert result.text.count(repl["Yahidne"]) == 2


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
@pytest.mark.parametrize(
    ("mention", "noun_before", "noun_after"),
    [
        ("Siverek village", "", " village"),
        ("Limerick city", "", " city"),
        ("island of Lemland", "island of ", ""),
        ("region of the Donbas", "region of the ", ""),
    ],
)
def test_place_with_its_noun_is_one_span_and_the_noun_comes_back_verbatim(
    mention: str, noun_before: str, noun_after: str
) -> None:
    name = mention.removeprefix(noun_before).removesuffix(noun_after)
    text = f"Some plots of land near the {mention} were seized. Later {name} was shelled."
    result, repl = replaced(text, "en", policy=Policy(keep_public=False, link_key=b"k" * 32))
    span = next(s for s in result.spans if text[s.start : s.end] == mention)
    assert span.label == LOCATION
    surrogate = repl[name]
    assert surrogate[:1].isupper() and surrogate != name
    assert span.replacement == f"{noun_before}{surrogate}{noun_after}"
    assert name not in result.text and result.text.count(surrogate) == 2


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_irish_county_is_a_place_keeping_co() -> None:
    """NER calls "Limerick" in "Co. Limerick" a person; "Co." says it is a county."""
    text = "The money was on its way to Adare village, Co. Tipperary. He grew up in Tipperary."
    result, repl = replaced(text, "en", policy=Policy(link_key=b"k" * 32))
    county = next(s for s in result.spans if text[s.start : s.end] == "Co. Tipperary")
    assert county.label == LOCATION
    assert county.replacement == f"Co. {repl['Tipperary']}"
    assert repl["Adare village"] == repl["Adare village"].split()[0] + " village"
    assert "Tipperary" not in result.text and "Adare" not in result.text


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_shire_county_is_a_place_even_when_ner_misses_it() -> None:
    text = "He served his sentence in HM Prison Rye Hill, Warwickshire. His wife stayed there."
    result, _ = replaced(text, "en", policy=Policy(link_key=b"k" * 32))
    assert "Warwickshire" not in result.text
    assert any(
        text[s.start : s.end] == "Warwickshire" and s.label == LOCATION for s in result.spans
    )


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_settlement_noun_after_a_common_word_or_demonym_stays() -> None:
    text = "Our village was shelled. He worked in another Swedish town for a year."
    result, _ = replaced(text, "en")
    assert result.text == text


@pytest.mark.slow
@pytest.mark.usefixtures("warm")
def test_kept_name_stays_readable_inside_a_place_with_its_noun() -> None:
    text = "Officers left Limerick city for Yahidne village."
    result, _ = replaced(text, "en", policy=Policy(keep=frozenset({"Limerick"})))
    assert "Limerick city" in result.text and "Yahidne" not in result.text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Yesterday I got a message from Sergeya about the convoy.", "Sergeya"),
        ("Please pass this to Olenka when she comes back.", "Olenka"),
        ("I went to the market with Mykoloyu and his wife.", "Mykoloyu"),
        ("We stayed at Sashko's flat for two weeks.", "Sashko"),
        ("I have not heard from Natashi since March.", "Natashi"),
    ],
)
def test_a_slavic_name_inflected_in_english_text_is_a_person(text: str, name: str) -> None:
    r = redact(text, "en")
    assert [s.label for s in r.spans if text[s.start : s.end] == name] == [PERSON]
    assert name not in r.text


@pytest.mark.parametrize("word", ["Sergeya", "Mykoloyu", "Sashko", "Kovalenka", "Andriya"])
def test_slavic_name_readings_of_english_words(word: str) -> None:
    assert _slavic_name_in_english(word)


@pytest.mark.parametrize("word", ["Kharkiv", "Torez", "Chystiakove", "Mariupol", "London"])
def test_places_and_english_words_are_no_slavic_names(word: str) -> None:
    assert not _slavic_name_in_english(word)
