"""What the witness preview costs: pseudonymise() with and without words to hide, per text.

Runs in-process on the project's marked-up testimonies, markup removed (no server, no
database): the preview page and the final submission each run it once, so this is the wait a
witness sees per step. The words to hide are each text's longest words redaction left alone.

    python bench/bench_preview.py --hide 5 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from pathlib import Path

import redaction
from intake.services import preview
from redaction.text import words

TESTIMONY_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"
MARKUP = re.compile(r"\[\[[A-Z_]+\|(.*?)\]\]")


def load(directory: Path) -> list[tuple[str, str]]:
    return [
        (doc["lang"], MARKUP.sub(r"\1", doc["text"]))
        for path in sorted(directory.glob("testimonies*.json"))
        for doc in json.loads(path.read_text(encoding="utf-8"))
    ]


def plain_words(result: preview.Preview, count: int) -> list[str]:
    """Words the preview shows unchanged, longest first: what a witness might still hide."""
    seen = sorted({w.text for w in words(result.view.text)} - result.view.replacements, key=len)
    return seen[::-1][:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=TESTIMONY_DIR)
    parser.add_argument("--count", type=int, default=60, help="texts to use")
    parser.add_argument("--hide", type=int, default=5, help="words to hide per text")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    policy = redaction.Policy()
    redaction.warm_up()
    texts = load(args.data)[: args.count]
    plain, hidden = [], []
    for language, text in texts:
        first = preview.pseudonymise(text, language, policy=policy)
        terms = plain_words(first, args.hide)
        for _ in range(args.repeat):
            start = time.perf_counter()
            preview.pseudonymise(text, language, policy=policy)
            plain.append(time.perf_counter() - start)
            start = time.perf_counter()
            preview.pseudonymise(text, language, policy=policy, hide=terms, memory=first.memory)
            hidden.append(time.perf_counter() - start)
    chars = sum(len(text) for _, text in texts) / len(texts)
    print(f"{len(texts)} texts, mean {chars:.0f} characters, {args.repeat} runs each")
    for name, times in (("no words to hide", plain), (f"{args.hide} words to hide", hidden)):
        ms = sorted(t * 1000 for t in times)
        print(
            f"{name:>18}: median {statistics.median(ms):7.1f} ms, "
            f"p95 {ms[int(len(ms) * 0.95) - 1]:7.1f} ms"
        )


if __name__ == "__main__":
    main()
