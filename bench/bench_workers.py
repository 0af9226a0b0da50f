"""Memory per worker: resident and unique set size of each ``serve`` worker after warm-up.

Starts ``python -m intake serve --workers N``, waits until it is ready, sends a few
submissions in every language so each worker has loaded and used its models, then prints
RSS (what the process maps, shared pages counted in every process) and USS (what freeing the
process would return) for the supervisor and each worker.

    python bench/bench_workers.py --workers 2
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_load import settings_for
from tests.intake import live_server

SAMPLES = (
    "My neighbour Oleg Ivanov was taken to the enlistment office in Tula.",
    "Моего брата Сергея забрали в военкомат в Курске.",
    "Мого сусіда Андрія забрали з роботи в Харкові.",
)
MIB = 1024 * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        server = live_server.start(
            settings_for(Path(tmp)),
            Path(tmp) / "server.log",
            workers=args.workers,
            TESTIMONY_RATE_GLOBAL_PER_MINUTE="100000000",
        )
        try:
            server.wait_ready()
            for _ in range(args.workers * 2):
                for text in SAMPLES:
                    httpx.post(f"{server.url}/api/v1/testimonies", json={"text": text}, timeout=300)
            supervisor = server.process.pid
            print(f"{'process':>10} {'pid':>8} {'RSS MiB':>8} {'USS MiB':>8}")
            rows = [("supervisor", psutil.Process(supervisor))]
            rows += [(f"worker {n}", p) for n, p in enumerate(server.workers(), start=1)]
            total_rss = total_uss = 0.0
            for name, process in rows:
                info = process.memory_full_info()
                total_rss += info.rss / MIB
                total_uss += info.uss / MIB
                print(f"{name:>10} {process.pid:>8} {info.rss / MIB:>8.0f} {info.uss / MIB:>8.0f}")
            print(f"{'total':>10} {'':>8} {total_rss:>8.0f} {total_uss:>8.0f}")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
