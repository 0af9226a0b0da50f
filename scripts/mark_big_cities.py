"""Re-mark the older testimony set under the keep policy: a LOC mention that names a city of
over 100,000 people (the project's own list, `redaction.keep.is_big_city`) becomes KEEP,
unless it names a street ("на Кирова 14", "с Октябрьского проспекта"); so does an ORG mark
that is only such a city's name ("военкомата [[ORG|Рыбинска]]"), since the redactor keeps the
city there too.

Usage: python scripts/mark_big_cities.py tests/data/testimonies*.json
Rewrites the files in place and prints how many mentions changed per file.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from redaction.keep import is_big_city

_LOC = re.compile(r"\[\[(?:LOC|ORG)\|([^\[\]|]*)\]\]")
_STREET_AFTER = re.compile(
    r"\s*(?:\d|(?i:проспект|улиц|вулиц|переул|провул|бульвар|площ|street|st\.|avenue|road))"
)
_STREET_BEFORE = re.compile(r"(?i:ул\.|вул\.|улиц\w*|вулиц\w*|просп\.|пр-т)\s*$")


def remark(text: str, language: str) -> tuple[str, int]:
    """The markup with big-city LOC mentions turned into KEEP, and how many there were."""
    changed = 0

    def swap(m: re.Match[str]) -> str:
        nonlocal changed
        street = _STREET_AFTER.match(m.string, m.end()) or _STREET_BEFORE.search(
            m.string, 0, m.start()
        )
        if street or not is_big_city(language, m.group(1)):
            return m.group(0)
        changed += 1
        return f"[[KEEP|{m.group(1)}]]"

    return _LOC.sub(swap, text), changed


def main(paths: list[str]) -> None:
    for name in paths:
        path = Path(name)
        records = json.loads(path.read_text(encoding="utf-8"))
        total = 0
        for record in records:
            record["text"], changed = remark(record["text"], record["lang"])
            total += changed
        path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{path}: {total} mention(s) re-marked")


if __name__ == "__main__":
    main(sys.argv[1:])
