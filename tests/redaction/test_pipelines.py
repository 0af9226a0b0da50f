"""How the NER pipelines are set up for a server."""

from __future__ import annotations

import pytest
from threadpoolctl import threadpool_info

from redaction.nlp.pipelines import pipeline

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("language", ["en", "ru"])
def test_ner_runs_one_blas_thread(language: str) -> None:
    """Concurrent redactions must not each spawn a BLAS thread per core."""
    pipeline(language)
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas
    assert all(pool["num_threads"] == 1 for pool in blas), blas


def test_english_runs_only_what_redaction_reads() -> None:
    """Entities and the tagger's NNP are read; parse, lemmas and POS/MORPH are not computed."""
    nlp = pipeline("en")
    assert not {"parser", "lemmatizer", "attribute_ruler"} & set(nlp.pipe_names)
    doc = nlp("We drove from Rylsk to Kursk with Sergei Ivanov.")
    assert doc[3].tag_ == "NNP"
    assert "Sergei Ivanov" in [e.text for e in doc.ents]
