"""How common a word is (wordfreq's Zipf scale: 3 = once per million words, 0 = never seen).

One cached lookup for every stage that asks (truecasing, Latin-script projection, the residual
pass, NER clean-up, consistency): a testimony asks about the same words again and again.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=200_000)
def zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency  # heavy: loads the frequency lists on first use

    return zipf_frequency(word, language)
