"""``python -m redaction.evaluation.surrogate_sample FILE LANG [N]``: the first N name surrogates
of a marked-up testimony file, original in context next to surrogate in context, for a native
reader to review (RESULTS.md). Surrogates are drawn with a fixed link key, so a rerun on the
same code shows the same sample; Latin-script documents are left out (their script is another
module's concern).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from redaction.evaluation.markup import parse_markup

NAME_LABELS = ("PERSON", "LOCATION", "CALLSIGN", "ORGANIZATION", "FACILITY")
_SAMPLE_KEY = b"results-sample"
_CONTEXT = 30


def _flat(text: str) -> str:
    return text.replace("\n", " ").replace("|", "/")


def sample(path: Path, language: str, size: int = 100) -> Iterator[tuple[str, ...]]:
    """(number, document, label, original in context, surrogate in context) rows."""
    from redaction import Policy, redact  # heavy: only when sampling

    shown = 0
    for item in json.loads(path.read_text(encoding="utf-8")):
        if item["lang"] != language or item.get("style") == "translit":
            continue
        plain = parse_markup(item["text"]).text
        result = redact(plain, language, policy=Policy(link_key=_SAMPLE_KEY))
        for s in result.spans:
            if s.label not in NAME_LABELS:
                continue
            if shown == size:
                return
            shown += 1
            before = _flat(plain[max(0, s.start - _CONTEXT) : s.start])
            after = _flat(plain[s.end : s.end + 20])
            out_before = _flat(result.text[max(0, s.out_start - _CONTEXT) : s.out_start])
            out_after = _flat(result.text[s.out_end : s.out_end + 20])
            yield (
                str(shown),
                item["id"],
                s.label,
                f"…{before}**{plain[s.start : s.end]}**{after}…",
                f"…{out_before}**{s.replacement}**{out_after}…",
            )


def main(argv: list[str]) -> None:
    path, language, *rest = argv
    for row in sample(Path(path), language, int(rest[0]) if rest else 100):
        print("\t".join(row))


if __name__ == "__main__":
    main(sys.argv[1:])
