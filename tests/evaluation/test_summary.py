"""Headline figures per language and per style: over-masking per span, targets, grouping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redaction.evaluation import cli
from redaction.evaluation.markup import parse_markup
from redaction.evaluation.model import Document
from redaction.evaluation.scoring import ALL, Counts, score_document
from redaction.evaluation.summary import BY_LANGUAGE, BY_STYLE, NO_STYLE, TARGETS, summarise

from .fakes import FakeSpan, apply_spans, dictionary_redactor


def doc(marked: str, lang: str = "en", style: str = "", doc_id: str = "d") -> Document:
    parsed = parse_markup(marked)
    return Document(doc_id, lang, parsed.text, parsed.must_mask, parsed.keep, style=style)


def test_a_span_touching_no_gold_mention_is_over_masking() -> None:
    d = doc("ask [[PER|Vasya]] at Mum's in [[KEEP|Kyiv]]")
    text = d.text
    spans = [
        FakeSpan(text.index("Vasya"), text.index("Vasya") + 3, "PERSON"),  # partial: counts
        FakeSpan(text.index("Mum"), text.index("Mum") + 3, "PERSON"),  # plain word
        FakeSpan(text.index("Kyiv"), text.index("Kyiv") + 4, "LOCATION"),  # public name
    ]
    score = score_document(d, apply_spans(text, spans))
    assert (score.spans, score.spurious_spans) == (3, 2)


def test_summary_groups_documents_by_language_and_style() -> None:
    docs = [
        doc("[[PER|Vasya]] in [[KEEP|Kyiv]]", "en", "sms", "a"),
        doc("[[PER|Петя]] и [[PER|Оля]]", "ru", "sms", "b"),
        doc("[[PER|Гриша]] тут", "ru", "formal-complaint", "c"),
    ]
    redact = dictionary_redactor({"Vasya": "PERSON", "Петя": "PERSON", "Гриша": "PERSON"})
    scores = [score_document(d, redact(d.text, d.lang)) for d in docs]
    summary = summarise({"dev": scores})
    sms = summary[("dev", BY_STYLE, "sms")]
    assert (sms.docs, sms.mentions, sms.caught, sms.leak_docs) == (2, 3, 2, 1)
    assert (sms.keep_total, sms.kept) == (1, 1)
    ru = summary[("dev", BY_LANGUAGE, "ru")]
    assert (ru.docs, ru.leak_rate, ru.recall) == (2, 0.5, 2 / 3)
    assert summary[("dev", "all", ALL)].docs == 3
    assert next(iter(summary)) == ("dev", "all", ALL)


def test_documents_without_style_get_their_own_group_only_in_styled_corpora() -> None:
    redact = dictionary_redactor({})
    styled = [doc("[[PER|A]]", style="sms", doc_id="a"), doc("[[PER|B]]", doc_id="b")]
    plain = [doc("[[PER|C]]", doc_id="c")]
    summary = summarise(
        {
            "x": [score_document(d, redact(d.text, d.lang)) for d in styled],
            "y": [score_document(d, redact(d.text, d.lang)) for d in plain],
        }
    )
    assert ("x", BY_STYLE, NO_STYLE) in summary
    assert not any(key[0] == "y" and key[1] == BY_STYLE for key in summary)


@pytest.mark.parametrize(
    ("counts", "met"),
    [
        (Counts(mentions=100, caught=98, docs=10, leak_docs=1, keep_total=10, kept=9), True),
        (Counts(mentions=100, caught=97, docs=10, leak_docs=1, keep_total=10, kept=9), False),
    ],
)
def test_targets_are_the_issue_bounds(counts: Counts, met: bool) -> None:
    counts.spans, counts.spurious_spans = 20, 3
    recall, leak, keep, over = TARGETS
    assert recall.met(counts) is met
    assert leak.met(counts) and keep.met(counts) and over.met(counts)
    counts.spurious_spans = 4
    assert over.met(counts) is False
    assert TARGETS[2].met(Counts()) is None


def test_file_option_evaluates_any_marked_up_file_per_style(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [
        {"id": "1", "lang": "en", "style": "sms", "text": "ask [[PER|vasya]] in [[KEEP|Kyiv]]"},
        {"id": "2", "lang": "uk", "style": "translit", "text": "syn [[PER|Taras]] tut"},
    ]
    marked = tmp_path / "mine.json"
    marked.write_text(json.dumps(records), encoding="utf-8")
    monkeypatch.setattr(
        cli, "load_redactor", lambda mask_public=False, residual=True: dictionary_redactor({})
    )
    monkeypatch.setattr(cli, "load_public_policy", lambda: None)
    out = tmp_path / "f.json"
    result = CliRunner().invoke(
        cli.app, ["--file", str(marked), "--json", str(out)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["settings"]["documents"] == {"testimonies": 2}  # no public corpus
    groups = {(r["by"], r["group"]): r for r in figures["summary"]}
    assert groups[("style", "translit")]["leak_rate"] == 1.0
    assert groups[("language", "en")]["keep_rate"] == 1.0
    assert "Headline figures per language and per style" in result.output
    assert "translit" in result.output
