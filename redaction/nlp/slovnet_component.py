"""natasha's slovnet NER as a spaCy component, so Russian and Ukrainian run as spaCy pipelines.

The model and navec embeddings ship inside the natasha package: nothing is downloaded.
slovnet was trained on Russian news; on Ukrainian it still finds most capitalised names, and the
morphology-based name recogniser covers what it misses.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

_LABELS = {"PER": "PERSON", "LOC": "LOC", "ORG": "ORG"}
_BATCH = 64


@cache
def _model() -> Any:
    import natasha
    from navec import Navec
    from slovnet import NER

    data = Path(natasha.__file__).parent / "data"
    ner = NER.load(str(data / "model" / "slovnet_ner_news_v1.tar"))
    ner.navec(Navec.load(str(data / "emb" / "navec_news_v1_1B_250K_300d_100q.tar")))
    return ner


class SlovnetNER:
    """Sets doc.ents from slovnet's PER/LOC/ORG spans, sentence by sentence."""

    def __call__(self, doc: Doc) -> Doc:
        from razdel import sentenize

        text = doc.text
        sentences = [s for s in sentenize(text) if s.text.strip()]
        found = []
        for i in range(0, len(sentences), _BATCH):
            batch = sentences[i : i + _BATCH]
            for sent, markup in zip(batch, _model().map([s.text for s in batch]), strict=True):
                for span in markup.spans:
                    ent = doc.char_span(
                        sent.start + span.start,
                        sent.start + span.stop,
                        label=_LABELS.get(span.type, span.type),
                        alignment_mode="expand",
                    )
                    if ent is not None:
                        found.append(ent)
        doc.ents = filter_spans(found)
        return doc


@Language.factory("slovnet_ner")
def make_slovnet_ner(nlp: Language, name: str) -> SlovnetNER:
    return SlovnetNER()
