"""Corpus readers, on tiny inline samples of each format (plus one check on the real data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redaction.evaluation.readers import (
    CORPUS_DIRS,
    detokenise,
    load_corpus,
    parse_brat,
    parse_factrueval,
    parse_tab,
    parse_testimonies,
    read_testimonies,
)
from redaction.evaluation.readers.tab import TAB_IGNORABLE_WORDS

EVAL_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval"


# --- TAB -------------------------------------------------------------------------------------

TAB_TEXT = "Mr Yusuf Çamca lodged application no. 36110/97 in Ankara on 3 May 1996."


def test_tab_splits_must_mask_from_informational_types() -> None:
    gold = {"d1": [[0, 14, "PERSON"], [38, 46, "CODE"], [50, 56, "LOC"], [60, 70, "DATETIME"]]}
    (doc,) = parse_tab({"d1": TAB_TEXT}, gold)
    assert doc.lang == "en"
    assert [(m.label, m.surface) for m in doc.must_mask] == [
        ("PERSON", "Mr Yusuf Çamca"),
        ("ID", "36110/97"),
        ("LOCATION", "Ankara"),
    ]
    assert [(m.label, m.surface) for m in doc.other] == [("tab:DATETIME", "3 May 1996")]
    assert doc.ignorable_words == TAB_IGNORABLE_WORDS
    assert {"mr", "the", "of"} <= doc.ignorable_words


def test_tab_drops_duplicate_and_blank_mentions() -> None:
    gold = {"d1": [[50, 56, "LOC"], [50, 56, "LOC"], [14, 15, "ORG"]]}
    (doc,) = parse_tab({"d1": TAB_TEXT}, gold)
    assert [m.surface for m in doc.must_mask] == ["Ankara"]


# --- factRuEval-2016 -------------------------------------------------------------------------

FRE_TEXT = "Глава компании «Ромашка» Иван Петров приехал в Москву. Российские власти молчат."
FRE_SPANS = """\
1 org_descr 6 8 10 1  # 10 компании
2 org_name 16 7 12 1  # 12 Ромашка
3 name 25 4 14 1  # 14 Иван
4 surname 30 6 15 1  # 15 Петров
5 loc_name 47 6 18 1  # 18 Москву
6 geo_adj 55 10 20 1  # 20 Российские
7 job 0 5 9 1  # 9 Глава
"""
FRE_OBJECTS = """\
100 Org 1 2 # компании Ромашка
101 Person 3 4 # Иван Петров
102 LocOrg 5 # Москву
103 LocOrg 6 # Российские
"""


def test_factrueval_uses_name_spans_of_objects() -> None:
    doc = parse_factrueval("book_1", FRE_TEXT, FRE_SPANS, FRE_OBJECTS)
    assert doc.lang == "ru"
    assert [(m.label, m.surface, m.source_label) for m in doc.must_mask] == [
        ("ORGANIZATION", "Ромашка", "Org"),
        ("PERSON", "Иван Петров", "Person"),
        ("LOCATION", "Москву", "LocOrg"),
    ]
    # descriptors, job titles and geographic adjectives are informational only
    assert sorted(m.surface for m in doc.other) == ["Глава", "Российские", "компании"]


def test_factrueval_keeps_separated_name_parts_apart() -> None:
    text = "Петров, глава фирмы, и Иван"
    spans = "1 surname 0 6 1 1 # Петров\n2 name 23 4 5 1 # Иван\n"
    doc = parse_factrueval("b", text, spans, "9 Person 1 2 # Петров Иван\n")
    assert [m.surface for m in doc.must_mask] == ["Петров", "Иван"]


# --- NER-UK 2.0 ------------------------------------------------------------------------------

UK_TEXT = "Академік В . І . Вернадський жив у Києві ( Україна ) .\n\nКінець ."
UK_ANN = (
    "T1\tJOB\t0\t8\tАкадемік\n"
    "T2\tPERS\t9\t28\tВ . І . Вернадський\n"
    "T3\tLOC 35 40\tКиєві\n"
    "T4\tLOC\t43\t50\tУкраїна\n"
    "Україна\n"
)


def test_detokenise_removes_spaces_around_punctuation_and_maps_offsets() -> None:
    text, index_map = detokenise("В . І . Вернадський ( Україна ) .")
    assert text == "В. І. Вернадський (Україна)."
    assert len(index_map) == len("В . І . Вернадський ( Україна ) .") + 1
    assert text[index_map[22] : index_map[29]] == "Україна"


def test_brat_reader_maps_gold_offsets_onto_detokenised_text() -> None:
    doc = parse_brat("bruk_1", UK_TEXT, UK_ANN)
    assert doc.text == "Академік В. І. Вернадський жив у Києві (Україна).\n\nКінець."
    assert [(m.label, m.surface) for m in doc.must_mask] == [
        ("PERSON", "В. І. Вернадський"),
        ("LOCATION", "Києві"),
        ("LOCATION", "Україна"),
    ]
    assert [(m.label, m.surface) for m in doc.other] == [("ner-uk:JOB", "Академік")]


def test_brat_reader_can_keep_the_original_tokenisation() -> None:
    doc = parse_brat("bruk_1", UK_TEXT, UK_ANN, detok=False)
    assert doc.text == UK_TEXT
    assert doc.must_mask[0].surface == "В . І . Вернадський"


# --- testimonies -----------------------------------------------------------------------------


def test_testimony_records_become_documents() -> None:
    (doc,) = parse_testimonies(
        [{"id": "ru-x", "lang": "ru", "text": "[[PER|Вера]] верит, [[KEEP|Москва]] молчит"}]
    )
    assert doc.text == "Вера верит, Москва молчит"
    assert [m.surface for m in doc.must_mask] == ["Вера"]
    assert [m.surface for m in doc.keep] == ["Москва"]


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([{"id": "a", "lang": "en", "text": "x"}, {"id": "a", "lang": "en", "text": "y"}], "dup"),
        ([{"id": "a", "lang": "de", "text": "x"}], "unknown lang"),
        ([{"id": "a", "lang": "en", "text": "[[PER|x]"}], "testimony 'a'"),
    ],
)
def test_bad_testimony_records_are_errors(records: list[dict], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_testimonies(records)


def test_testimony_ids_must_be_unique_across_files(tmp_path: Path) -> None:
    record = {"id": "en-1", "lang": "en", "text": "[[PER|Vanya]] left."}
    for name in ("testimonies.json", "testimonies_en.json"):
        (tmp_path / name).write_text(json.dumps([record]), encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate"):
        read_testimonies(sorted(tmp_path.glob("*.json")))


# --- the real public corpora -----------------------------------------------------------------


@pytest.mark.skipif(not EVAL_DIR.is_dir(), reason="../shared/eval not present")
@pytest.mark.parametrize(
    ("corpus", "documents", "lang"),
    [("tab", 127, "en"), ("factrueval", 132, "ru"), ("ner-uk", 169, "uk")],
)
def test_real_corpora_parse(corpus: str, documents: int, lang: str) -> None:
    if not (EVAL_DIR / CORPUS_DIRS[corpus]).is_dir():
        pytest.skip(f"{corpus} not present")
    docs = load_corpus(corpus, EVAL_DIR)
    assert len(docs) == documents
    assert {d.lang for d in docs} == {lang}
    assert sum(len(d.must_mask) for d in docs) > 1000
    for doc in docs:
        for mention in (*doc.must_mask, *doc.other):
            assert doc.text[mention.start : mention.end] == mention.surface
