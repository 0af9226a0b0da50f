"""Invariants of our marked-up testimony set (tests/data/testimonies*.json).

Besides well-formedness, this guards the two markup mistakes that silently distort figures:
a name marked in one place but left unmarked elsewhere (the scorer would count the marked
mention as leaked), and a must-mask surface that also occurs as an ordinary word with the
same capitalisation (uncatchable under the "surface gone" rule).
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from redaction.evaluation.markup import parse_markup
from redaction.evaluation.model import LANGUAGES
from redaction.evaluation.readers import default_testimony_files, read_testimonies

FILES = default_testimony_files()
RECORDS = [record for path in FILES for record in json.loads(path.read_text(encoding="utf-8"))]
DOCUMENTS = read_testimonies(FILES)
_MARK = re.compile(r"\[\[[A-Z_]+\|([^\]]*)\]\]")


def test_files_exist_and_ids_are_unique() -> None:
    assert FILES[0].name == "testimonies.json"
    ids = [record["id"] for record in RECORDS]
    assert len(ids) == len(set(ids)) == len(DOCUMENTS)


def test_at_least_twenty_documents_per_language() -> None:
    counts = Counter(record["lang"] for record in RECORDS)
    assert set(counts) == set(LANGUAGES)
    assert min(counts.values()) >= 20
    assert len(RECORDS) >= 60


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_record_is_well_formed(record: dict) -> None:
    assert set(record) == {"id", "lang", "text"}
    assert record["id"].startswith(("en-", "ru-", "uk-", "mix-"))
    parsed = parse_markup(record["text"])
    # plain text reconstructs: dropping the markup syntax gives the parsed text
    assert _MARK.sub(r"\1", record["text"]) == parsed.text
    assert "[[" not in parsed.text and "]]" not in parsed.text
    assert 80 <= len(parsed.text.split()) <= 300
    assert parsed.must_mask, "every testimony has something to mask"
    for mention in (*parsed.must_mask, *parsed.keep):
        assert mention.surface.strip() == mention.surface != ""
        assert parsed.text[mention.start : mention.end] == mention.surface


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.id)
def test_every_occurrence_of_a_must_mask_surface_is_marked(doc) -> None:
    marked = {(m.start, m.end) for m in doc.must_mask}
    for mention in doc.must_mask:
        pattern = r"(?<!\w)" + re.escape(mention.surface) + r"(?!\w)"
        for match in re.finditer(pattern, doc.text):
            inside = any(s <= match.start() and match.end() <= e for s, e in marked)
            assert inside, f"{doc.id}: unmarked {mention.surface!r} at {match.start()}"


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.id)
def test_keep_and_must_mask_never_overlap(doc) -> None:
    for keep in doc.keep:
        for mention in doc.must_mask:
            assert keep.end <= mention.start or mention.end <= keep.start


def test_set_covers_the_hard_cases() -> None:
    """The set must keep exercising what testimonies are full of."""
    labels = Counter(m.label for d in DOCUMENTS for m in d.must_mask)
    assert {"PERSON", "LOCATION", "ORGANIZATION", "CONTACT", "ID", "DATE"} <= set(labels)
    plain = "\n".join(d.text for d in DOCUMENTS)
    for needle in ("позывной", "позивний", "callsign", "в/ч", "@", "t.me/", "+380", "+7"):
        assert needle in plain, needle
    surfaces = {m.surface for d in DOCUMENTS for m in d.must_mask}
    for name in ("Вера", "Роман", "Лев", "Mark", "Will", "Сергея", "Андрієм", "ваня"):
        assert name in surfaces or any(s.startswith(name + " ") for s in surfaces), name
    # the same words also occur as ordinary, unmarked words
    for word in ("роман", "лев", "надежд", "will", "mark", "grace", "любов"):
        assert word in plain, word
    assert sum(len(d.keep) for d in DOCUMENTS) >= 60
