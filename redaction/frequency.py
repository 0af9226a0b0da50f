"""How common a word is (wordfreq's Zipf scale: 3 = once per million words, 0 = never seen).

One cached lookup for every stage that asks (truecasing, Latin-script projection, the residual
pass, NER clean-up, consistency): a testimony asks about the same words again and again.

wordfreq holds a language's list as a dict of Python strings: about 70 MiB a language for the
0.3 to 0.7 million words of English, Russian and Ukrainian, in every worker. The same lists are
kept here as DAWGs (2 to 7 MiB each) of word -> centibel band, built once from wordfreq's own
files and cached on disk (``$XDG_CACHE_HOME/testimony-redaction``, else ``~/.cache``; built in
memory when that is not writable). The value is the one ``wordfreq.zipf_frequency`` gives: the
same tokenizer and the same arithmetic on the same bands (tests compare them word for word).
"""

from __future__ import annotations

import gzip
import heapq
import math
import os
import tempfile
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path

import dawg

_MINIMUM = 1e-9  # zipf_frequency's default minimum (Zipf 0) as a frequency


@lru_cache(maxsize=200_000)
def zipf(word: str, language: str) -> float:
    """``wordfreq.zipf_frequency(word, language)`` for the regex-tokenised languages."""
    from wordfreq import freq_to_zipf

    return round(freq_to_zipf(_frequency(word, language)), 2)


def _frequency(word: str, language: str) -> float:
    """wordfreq's ``_word_frequency``: tokens' frequencies combined as 1/f = 1/f1 + 1/f2 ...,
    any unknown token making the whole unknown, rounded to 3 significant digits."""
    from wordfreq import cB_to_freq, lossy_tokenize
    from wordfreq.numbers import digit_freq, smash_numbers

    tokens = lossy_tokenize(word, language)
    if not tokens:
        return _MINIMUM
    bands = _bands(language)
    one_over_result = 0.0
    for token in tokens:
        smashed = smash_numbers(token)  # digits counted together, then spread by digit_freq
        band = bands.get(smashed)
        if band is None:
            return _MINIMUM
        freq = cB_to_freq(-band)
        if smashed != token:
            freq *= digit_freq(token)
        one_over_result += 1.0 / freq
    freq = max(1.0 / one_over_result, _MINIMUM)
    return round(freq, math.floor(-math.log(freq, 10)) + 3)


@cache
def _bands(language: str) -> dawg.IntDAWG:
    """Word -> its band (minus centibels) in wordfreq's best list for ``language``."""
    directory = _cache_dir()
    cached = directory / f"wordfreq-{version('wordfreq')}-{language}.dawg" if directory else None
    if cached is not None and cached.exists():
        return dawg.IntDAWG().load(str(cached))
    table = _build(language)
    if cached is not None:
        _save(table, cached)
    return table


def _cache_dir() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home: an arbitrary uid without a passwd entry
            return None
    return Path(base) / "testimony-redaction"


def _save(table: dawg.IntDAWG, path: Path) -> None:
    """Whole or not at all, also when workers build at once. A cache that cannot be written
    is no error: every process then builds its own, a few seconds at start-up."""
    written: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as out:
            written = Path(out.name)
            table.write(out)
        os.replace(written, path)
    except OSError:
        if written is not None:
            written.unlink(missing_ok=True)


def most_frequent(language: str) -> Iterator[str]:
    """wordfreq's words for ``language``, most frequent first (``wordfreq.iter_wordlist``'s
    order), read from its file as they are asked for: wordfreq would keep the whole list."""
    for band in _read_bands(language):
        for word in band:
            yield word.decode()


def _read_bands(language: str) -> Iterator[list[bytes]]:
    """wordfreq's cBpack, one band at a time: after a header, one alphabetical list of UTF-8
    words per centibel band, most frequent first; each word is in one band."""
    import msgpack
    from wordfreq import available_languages

    with gzip.open(available_languages()[language], "rb") as packed:
        unpacker = msgpack.Unpacker(packed, raw=True)
        count = unpacker.read_array_header()
        header = unpacker.unpack()
        if header.get(b"format") != b"cB" or header.get(b"version") != 1:
            raise ValueError(f"unexpected wordfreq list header: {header!r}")
        for _ in range(count - 1):
            yield unpacker.unpack()


def _build(language: str) -> dawg.IntDAWG:
    """Merge the bands into one sorted stream, holding the words as one bytes string per band
    rather than as a million Python strings."""
    bands = [b"\n".join(words) for words in _read_bands(language)]
    merged = heapq.merge(*(_words(blob, band) for band, blob in enumerate(bands) if blob))
    return dawg.IntDAWG(((word.decode(), band) for word, band in merged), input_is_sorted=True)


def _words(blob: bytes, band: int) -> Iterator[tuple[bytes, int]]:
    start = 0
    while start <= len(blob):
        end = blob.find(b"\n", start)
        end = len(blob) if end < 0 else end
        yield blob[start:end], band
        start = end + 1
