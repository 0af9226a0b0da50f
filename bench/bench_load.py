"""Load benchmark: submissions/s and latency for 1, 2 and 8 clients, one worker against two.

Starts ``python -m intake serve --workers W`` (the real multi-process server) on loopback with
a throw-away data directory for each worker count, then for each testimony length lets N
concurrent clients submit back to back and prints throughput and p50/p99 latency. The last
lines compare two workers with one at the highest client count (target on a 2-core machine:
at least 1.7x). Measure on a quiet machine; figures from a busy one say nothing.

    python bench/bench_load.py                       # full run (several minutes)
    python bench/bench_load.py --requests 2 --clients 1,2 --sizes 500   # smoke run
    TESTIMONY_DATABASE_URL=postgresql://... python bench/bench_load.py   # on PostgreSQL
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import keys
from bench.bench_intake import load_texts
from intake.config import Settings
from tests.intake import live_server


def texts_of_length(chars: int, count: int = 12) -> list[str]:
    """Realistic testimonies cut (or repeated) to ``chars`` characters at a word boundary."""
    result = []
    for base in load_texts(count):
        text = base
        while len(text) < chars:
            text += "\n\n" + base
        result.append(text[:chars].rsplit(" ", 1)[0])
    return result


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_clients(url: str, texts: list[str], clients: int, requests: int) -> dict[str, float]:
    """``clients`` threads, each submitting ``requests`` testimonies back to back."""
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()

    def client(offset: int) -> None:
        nonlocal failures
        with httpx.Client(base_url=url, timeout=600) as http:
            for i in range(requests):
                text = texts[(offset * requests + i) % len(texts)]
                start = time.perf_counter()
                response = http.post("/api/v1/testimonies", json={"text": text})
                elapsed = time.perf_counter() - start
                with lock:
                    if response.status_code == 201:
                        latencies.append(elapsed)
                    else:
                        failures += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    return {
        "rate": len(latencies) / wall,
        "p50": percentile(latencies, 0.50) if latencies else float("nan"),
        "p99": percentile(latencies, 0.99) if latencies else float("nan"),
        "failures": failures,
    }


def settings_for(root: Path) -> Settings:
    holder = keys.PrivateKey.generate()
    public = root / "keyholders.pub"
    public.write_text(holder.public_key().to_text() + "\n")
    return Settings(
        data_dir=root / "data",
        database_url=os.environ.get("TESTIMONY_DATABASE_URL"),
        keyholder_keys_file=public,
        dev_keyholder=False,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="1,2", help="worker counts to compare")
    parser.add_argument("--clients", default="1,2,8", help="concurrent client counts")
    parser.add_argument("--sizes", default="2000,10000", help="testimony lengths (characters)")
    parser.add_argument("--requests", type=int, default=8, help="submissions per client")
    args = parser.parse_args()
    worker_counts = [int(v) for v in args.workers.split(",")]
    client_counts = [int(v) for v in args.clients.split(",")]
    sizes = [int(v) for v in args.sizes.split(",")]
    texts = {size: texts_of_length(size) for size in sizes}
    results: dict[tuple[int, int, int], dict[str, float]] = {}

    print(f"cores: {os.cpu_count()}  requests per client: {args.requests}")
    print(f"{'workers':>7} {'chars':>6} {'clients':>7} {'subm/s':>7} {'p50 ms':>7} {'p99 ms':>7}")
    for workers in worker_counts:
        with tempfile.TemporaryDirectory() as tmp:
            settings = settings_for(Path(tmp))
            server = live_server.start(
                settings,
                Path(tmp) / "server.log",
                workers=workers,
                TESTIMONY_RATE_GLOBAL_PER_MINUTE="100000000",
            )
            try:
                server.wait_ready()
                # Every worker warms its models in its lifespan; one round per worker more
                # makes sure no first-request cost lands in the timed runs.
                run_clients(server.url, texts[sizes[0]], workers * 2, 1)
                for size in sizes:
                    for clients in client_counts:
                        result = run_clients(server.url, texts[size], clients, args.requests)
                        results[(workers, size, clients)] = result
                        print(
                            f"{workers:>7} {size:>6} {clients:>7} {result['rate']:>7.2f} "
                            f"{result['p50'] * 1000:>7.0f} {result['p99'] * 1000:>7.0f}"
                            + (
                                f"  ({result['failures']:.0f} failed)" if result["failures"] else ""
                            ),
                            flush=True,
                        )
            finally:
                server.stop()

    if len(worker_counts) > 1:
        low, high, top = min(worker_counts), max(worker_counts), max(client_counts)
        for size in sizes:
            ratio = results[(high, size, top)]["rate"] / results[(low, size, top)]["rate"]
            print(f"{high} workers / {low} worker at {top} clients, {size} chars: {ratio:.2f}x")


if __name__ == "__main__":
    main()
