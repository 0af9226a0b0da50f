"""Scoring rules (catch/leak, keep, token precision) and aggregation, with a fake redactor."""

from __future__ import annotations

from redaction.evaluation.markup import parse_markup
from redaction.evaluation.model import Document, Mention
from redaction.evaluation.readers.tab import TAB_IGNORABLE_WORDS
from redaction.evaluation.runner import evaluate
from redaction.evaluation.scoring import (
    ALL,
    CAUGHT,
    KEPT,
    MISSED,
    PARTIAL,
    REPLACED,
    SURFACE_GONE,
    SURFACE_LEFT,
    aggregate,
    score_document,
    significant_positions,
    surface_in,
)

from .fakes import FakeResult, FakeSpan, apply_spans, dictionary_redactor


def doc_from(marked: str, lang: str = "ru", doc_id: str = "d") -> Document:
    parsed = parse_markup(marked)
    return Document(doc_id, lang, parsed.text, parsed.must_mask, parsed.keep)


def span_of(doc: Document, surface: str, label: str, occurrence: int = 0) -> FakeSpan:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(surface, start + 1)
    return FakeSpan(start, start + len(surface), label)


def reasons(score) -> list[tuple[str, str]]:
    return [(o.mention.surface, o.reason) for o in score.must_mask]


def test_fully_replaced_mention_is_caught() -> None:
    doc = doc_from("Мой брат [[PER|Серёжа]] уехал.")
    score = score_document(doc, apply_spans(doc.text, [span_of(doc, "Серёжа", "PERSON")]))
    assert reasons(score) == [("Серёжа", CAUGHT)]
    assert not score.leaked


def test_untouched_and_partially_replaced_mentions_leak() -> None:
    doc = doc_from("[[PER|Андрей Викторович Лаптев]] и [[LOC|Копейск]]")
    result = apply_spans(doc.text, [span_of(doc, "Андрей", "PERSON")])
    score = score_document(doc, result)
    assert reasons(score) == [("Андрей Викторович Лаптев", PARTIAL), ("Копейск", MISSED)]
    assert score.leaked


def test_punctuation_inside_a_mention_need_not_be_replaced() -> None:
    doc = doc_from("звоните [[CONTACT|+7 (912) 345-67-89]]!")
    spans = [span_of(doc, "7", "CONTACT"), span_of(doc, "912) 345-67-89", "CONTACT")]
    score = score_document(doc, apply_spans(doc.text, spans))
    assert reasons(score) == [("+7 (912) 345-67-89", CAUGHT)]


def test_mention_replaced_here_but_verbatim_elsewhere_still_leaks() -> None:
    # The name's second occurrence is not gold-marked, yet it reveals the first one.
    doc = doc_from("[[PER|Вадик]] звонил. Вадик плакал.")
    score = score_document(doc, apply_spans(doc.text, [span_of(doc, "Вадик", "PERSON")]))
    assert reasons(score) == [("Вадик", SURFACE_LEFT)]


def test_surface_check_is_whole_word_and_case_sensitive() -> None:
    assert surface_in("Вера", "Вера пришла")
    assert not surface_in("Вера", "вера пришла")
    assert not surface_in("Лев", "Левченко пришёл")
    assert surface_in("+7 912", "тел. +7 912.")


def test_name_that_is_also_a_word() -> None:
    doc = doc_from("[[PER|Вера]] сказала, что вера в людей осталась.")
    good = score_document(doc, apply_spans(doc.text, [span_of(doc, "Вера", "PERSON")]))
    assert reasons(good) == [("Вера", CAUGHT)]
    assert good.replaced_tokens == good.precise_tokens == {"PERSON": 1}
    overeager = score_document(
        doc,
        apply_spans(doc.text, [span_of(doc, "Вера", "PERSON"), span_of(doc, "вера", "PERSON")]),
    )
    assert overeager.replaced_tokens == {"PERSON": 2}
    assert overeager.precise_tokens == {"PERSON": 1}


def test_tab_convention_ignores_titles_and_function_words() -> None:
    text = "Mr S. Esmer of the Sinop Assize Court"
    person = Mention(0, 11, "PERSON", "Mr S. Esmer", "PERSON")
    court = Mention(15, 37, "ORGANIZATION", "the Sinop Assize Court", "ORG")
    doc = Document("t", "en", text, [person, court], ignorable_words=TAB_IGNORABLE_WORDS)
    assert [text[i] for i in significant_positions(text, person, doc.ignorable_words)] == list(
        "SEsmer"
    )
    spans = [FakeSpan(3, 11, "PERSON"), FakeSpan(19, 37, "ORGANIZATION")]
    score = score_document(doc, apply_spans(text, spans))
    assert reasons(score) == [("Mr S. Esmer", CAUGHT), ("the Sinop Assize Court", CAUGHT)]
    # without the convention the untouched "Mr" / "the" make both mentions partial
    strict = Document("t", "en", text, [person, court])
    assert [o.reason for o in score_document(strict, apply_spans(text, spans)).must_mask] == [
        PARTIAL,
        PARTIAL,
    ]


def test_mention_with_nothing_significant_is_not_scored() -> None:
    text = "Mr and Mrs"
    doc = Document("t", "en", text, [Mention(0, 2, "PERSON", "Mr")], [], [], TAB_IGNORABLE_WORDS)
    assert score_document(doc, FakeResult(text)).must_mask == []


def test_keep_rule() -> None:
    doc = doc_from("[[KEEP|Путин]] и [[KEEP|Москва]] и [[KEEP|ФСБ]].")
    spans = [span_of(doc, "Москва", "LOCATION")]
    result = apply_spans(doc.text, spans)
    # a redactor that rewrote "ФСБ" without declaring a span: surface gone, not kept
    result = FakeResult(result.text.replace("ФСБ", "ФСО"), result.spans)
    score = score_document(doc, result)
    assert [(o.mention.surface, o.reason) for o in score.keep] == [
        ("Путин", KEPT),
        ("Москва", REPLACED),
        ("ФСБ", SURFACE_GONE),
    ]
    assert not score.leaked  # KEEP failures are not leaks


def test_token_precision_counts_other_gold_but_not_keep() -> None:
    text = "Иван, 24 февраля, в Москве, сказал: привет"
    doc = Document(
        "x",
        "ru",
        text,
        must_mask=[Mention(0, 4, "PERSON", "Иван")],
        keep=[Mention(20, 26, "KEEP", "Москве")],
        other=[Mention(6, 16, "x:DATE", "24 февраля")],
    )
    spans = [
        FakeSpan(0, 4, "PERSON"),
        FakeSpan(6, 16, "DATE"),
        FakeSpan(20, 26, "LOCATION"),
        FakeSpan(36, 42, "PERSON"),
    ]
    score = score_document(doc, apply_spans(text, spans))
    assert score.replaced_tokens == {"PERSON": 2, "DATE": 2, "LOCATION": 1}
    assert score.precise_tokens == {"PERSON": 1, "DATE": 2}
    assert [o.ok for o in score.other] == [True]


def test_aggregate_per_label_and_all() -> None:
    docs = [
        doc_from("[[PER|Иван]] из [[LOC|Копейска]], [[KEEP|Россия]]", doc_id="a"),
        doc_from("[[PER|Оля]] и [[PER|Костя]]", doc_id="b"),
        doc_from("тут никого нет", doc_id="c"),
    ]
    redact = dictionary_redactor({"Иван": "PERSON", "Копейска": "LOCATION", "Оля": "PERSON"})
    agg = aggregate("testimonies", [score_document(d, redact(d.text, d.lang)) for d in docs])
    total = agg.rows[("testimonies", "ru", ALL)]
    person = agg.rows[("testimonies", "ru", "PERSON")]
    location = agg.rows[("testimonies", "ru", "LOCATION")]
    keep = agg.rows[("testimonies", "ru", "KEEP")]
    assert (total.mentions, total.caught, total.docs, total.leak_docs) == (4, 3, 3, 1)
    assert total.recall == 0.75
    assert (person.mentions, person.caught, person.docs, person.leak_docs) == (3, 2, 2, 1)
    assert (location.recall, location.leak_docs, location.token_precision) == (1.0, 0, 1.0)
    assert (keep.keep_total, keep.kept, keep.keep_rate) == (1, 1, 1.0)
    assert total.token_precision == 1.0 and total.replaced_tokens == 3


def test_empty_cells_have_no_rates() -> None:
    agg = aggregate("c", [score_document(doc_from("ничего"), FakeResult("ничего"))])
    cell = agg.rows[("c", "ru", ALL)]
    assert (cell.recall, cell.keep_rate, cell.token_precision) == (None, None, None)
    assert cell.as_dict()["docs"] == 1


def test_runner_passes_language_and_scores_crashes_as_unredacted() -> None:
    seen: list[str] = []

    def redact(text: str, language: str) -> FakeResult:
        seen.append(language)
        if "boom" in text:
            raise RuntimeError("model exploded")
        return dictionary_redactor({"Ivan": "PERSON"})(text, language)

    corpora = {
        "testimonies": [
            doc_from("[[PER|Ivan]] left", "en", "e1"),
            doc_from("[[PER|Petro]] boom", "uk", "u1"),
        ]
    }
    evaluation = evaluate(corpora, redact)
    assert seen == ["en", "uk"]
    assert evaluation.errors == [("testimonies", "u1", "RuntimeError: model exploded")]
    assert evaluation.aggregate.rows[("testimonies", "uk", ALL)].leak_docs == 1
    assert evaluation.aggregate.rows[("testimonies", "en", ALL)].recall == 1.0
    evaluate(corpora, redact, auto_language=True)
    assert seen[-2:] == ["auto", "auto"]


def test_keep_policy_flags_public_mentions_without_excusing_them() -> None:
    doc = doc_from("[[PER|Путин]] и [[PER|Иван]] и [[PER|Оля]]")
    redact = dictionary_redactor({"Иван": "PERSON"})
    score = score_document(doc, redact(doc.text, "ru"), lambda lang, s, label: s == "Путин")
    assert [(o.mention.surface, o.ok, o.public) for o in score.must_mask] == [
        ("Путин", False, True),
        ("Иван", True, False),
        ("Оля", False, False),
    ]
    assert score.leaked
    cell = aggregate("c", [score]).rows[("c", "ru", ALL)]
    assert (cell.recall, cell.public_mentions, cell.public_caught) == (1 / 3, 1, 0)
    assert cell.recall_private == 0.5
