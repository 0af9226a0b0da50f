"""Receipt codes: seven words from the EFF large word list (about 90 bits).

Words rather than random characters because a frightened witness has to copy the code by
hand, often on a phone; the list's words are distinct enough to survive typos in case.
"""

from __future__ import annotations

import re
import secrets
from functools import cache
from importlib.resources import files

WORDS = 7


@cache
def _wordlist() -> tuple[str, ...]:
    text = (files("diceware") / "wordlists" / "wordlist_en_eff.txt").read_text()
    # Four entries (drop-down, t-shirt, ...) contain a hyphen, the receipt's own separator.
    words = tuple(token for token in text.split() if token.isalpha())
    if len(words) != 7772:
        raise RuntimeError("EFF word list has an unexpected size")
    return words


def new_receipt() -> str:
    words = _wordlist()
    return "-".join(secrets.choice(words) for _ in range(WORDS))


def normalise(code: str) -> str:
    """Accept any separators and case a person might type, yield the canonical form."""
    return "-".join(re.findall(r"[a-z]+", code.lower()))


def words_of(code: str) -> list[str]:
    return normalise(code).split("-")


def looks_valid(code: str) -> bool:
    parts = words_of(code)
    return len(parts) == WORDS and all(part in _known() for part in parts)


@cache
def _known() -> frozenset[str]:
    return frozenset(_wordlist())
