"""Reader for the Text Anonymization Benchmark test split (English ECHR judgments).

Only PERSON, ORG, LOC and CODE are must-mask here: they are the categories a testimony
pseudonymiser is meant to replace. DATETIME, QUANTITY, DEM and MISC are kept as informational
mentions (reported separately, and counted as gold for token precision) because TAB annotates
them whether or not they need masking, and the pseudonymiser deliberately leaves most dates,
ages and nationalities readable.
"""

from __future__ import annotations

import json
from pathlib import Path

from redaction.evaluation.model import ID, LOCATION, ORGANIZATION, PERSON, Document, Mention

TAB_MUST_MASK: dict[str, str] = {
    "PERSON": PERSON,
    "ORG": ORGANIZATION,
    "LOC": LOCATION,
    "CODE": ID,
}

#: Words TAB's own scorer (evaluation.py, TOKENS_TO_IGNORE_IN_COUNTS) does not require to be
#: masked: titles, determiners, prepositions, conjunctions and the possessive 's.
TAB_IGNORABLE_WORDS: frozenset[str] = frozenset(
    {
        *("mr", "mrs", "ms", "no", "nr", "'s"),
        *("the", "a", "an", "and", "or"),
        *("about", "after", "as", "at", "before", "between", "by", "during", "for", "from"),
        *("in", "into", "of", "on", "over", "since", "to", "until", "with"),
    }
)


def parse_tab(texts: dict[str, str], gold: dict[str, list[list]]) -> list[Document]:
    """Build documents from TAB's ``texts.json`` and ``gold_mentions.json`` contents."""
    documents = []
    for doc_id in sorted(texts):
        text = texts[doc_id]
        must_mask: list[Mention] = []
        other: list[Mention] = []
        for start, end, kind in sorted({tuple(m) for m in gold.get(doc_id, [])}):
            surface = text[start:end]
            if not surface.strip():
                continue
            if kind in TAB_MUST_MASK:
                must_mask.append(Mention(start, end, TAB_MUST_MASK[kind], surface, kind))
            else:
                other.append(Mention(start, end, f"tab:{kind}", surface, kind))
        documents.append(Document(doc_id, "en", text, must_mask, [], other, TAB_IGNORABLE_WORDS))
    return documents


def read_tab(directory: Path) -> list[Document]:
    """Read ``texts.json`` and ``gold_mentions.json`` from ``directory``."""
    texts = json.loads((directory / "texts.json").read_text(encoding="utf-8"))
    gold = json.loads((directory / "gold_mentions.json").read_text(encoding="utf-8"))
    return parse_tab(texts, gold)
