"""End-to-end benchmark: submissions through the running app, next to bare NER.

Starts the service with uvicorn on a free loopback port and a throw-away data directory,
submits N realistic testimonies over HTTP (one client, sequential: the witness path is
CPU-bound, and this machine has two cores), and prints throughput, latency percentiles and
the ratio of end-to-end time to the bare spaCy NER pass over the same texts.

    python bench/bench_intake.py --count 60
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

import keys
from intake.app import create_app
from intake.config import Settings
from redaction import detect_language
from redaction.nlp.pipelines import pipeline

MARKUP = re.compile(r"\[\[[A-Z_]+\|(.*?)\]\]")
TESTIMONY_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"


def load_texts(count: int, per_text: int = 3) -> list[str]:
    """Testimonies of realistic length (about 2,000 characters): three marked-up testimonies
    of one language joined, markup removed."""
    by_language: dict[str, list[str]] = {}
    docs = [
        d
        for f in sorted(TESTIMONY_DIR.glob("testimonies*.json"))
        for d in json.loads(f.read_text())
    ]
    for doc in docs:
        by_language.setdefault(doc["lang"], []).append(MARKUP.sub(r"\1", doc["text"]))
    pool = [
        "\n\n".join(docs[i : i + per_text])
        for docs in by_language.values()
        for i in range(0, len(docs) - per_text + 1, per_text)
    ]
    return [pool[i % len(pool)] for i in range(count)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: Path) -> tuple[uvicorn.Server, str]:
    holder = keys.PrivateKey.generate()
    public = data_dir / "keyholders.pub"
    public.write_text(holder.public_key().to_text() + "\n")
    settings = Settings(
        data_dir=data_dir / "data",
        keyholder_keys_file=public,
        dev_keyholder=False,
        rate_global_per_minute=1_000_000,
    )
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def bare_ner_seconds(texts: list[str]) -> float:
    languages = [detect_language(text) for text in texts]
    for language in set(languages):
        pipeline(language)("warm up")
    start = time.perf_counter()
    for text, language in zip(texts, languages, strict=True):
        pipeline(language)(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60, help="testimonies to submit")
    args = parser.parse_args()
    texts = load_texts(args.count)
    with tempfile.TemporaryDirectory() as tmp:
        server, base = start_server(Path(tmp))
        latencies = []
        with httpx.Client(base_url=base, timeout=60) as client:
            client.post("/api/v1/testimonies", json={"text": texts[0]})  # load models
            start = time.perf_counter()
            for text in texts:
                began = time.perf_counter()
                response = client.post("/api/v1/testimonies", json={"text": text})
                latencies.append(time.perf_counter() - began)
                response.raise_for_status()
            total = time.perf_counter() - start
        server.should_exit = True
    ner = bare_ner_seconds(texts)
    latencies.sort()
    chars = sum(map(len, texts))
    print(f"testimonies            {len(texts)} ({chars / len(texts):.0f} characters on average)")
    print(f"submissions per second {len(texts) / total:.2f}")
    print(f"latency p50            {statistics.median(latencies) * 1000:.0f} ms")
    print(f"latency p99            {latencies[int(0.99 * (len(latencies) - 1))] * 1000:.0f} ms")
    print(f"bare NER per text      {ner / len(texts) * 1000:.0f} ms")
    print(f"end-to-end / bare NER  {total / ner:.2f}x")


if __name__ == "__main__":
    main()
