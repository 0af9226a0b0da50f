"""Shamir "any M of N" splitting of a 32-byte data key (pycryptodome, GF(2^128)).

pycryptodome shares 16-byte secrets only. We split the 256-bit key as two 128-bit
halves, each with its *own* random polynomial (every ``Shamir.split`` call draws fresh
coefficients), and give participant i both evaluations at x = i. Each half on its own
is information-theoretically hidden from M-1 shares, and the polynomials are
independent, so M-1 shares reveal nothing about the whole key.

We deliberately do *not* split a 16-byte seed and stretch it: that would cap the data
key at 128 bits of entropy, halving the margin we chose AES-256 for (Grover).
"""

from __future__ import annotations

from Crypto.Protocol.SecretSharing import Shamir

HALF = 16
MAX_SHARES = 255


def split_secret(secret: bytes, m: int, n: int) -> list[tuple[int, bytes]]:
    """Return n shares ``(index, 32 bytes)``; any m reconstruct ``secret``."""
    if len(secret) != 2 * HALF:
        raise ValueError("only 32-byte secrets are split")
    if not 2 <= m <= n <= MAX_SHARES:
        raise ValueError("need 2 <= M <= N <= 255")
    low = Shamir.split(m, n, secret[:HALF])
    high = Shamir.split(m, n, secret[HALF:])
    return [(i, a + b) for (i, a), (j, b) in zip(low, high, strict=True) if i == j]


def combine_secret(shares: list[tuple[int, bytes]]) -> bytes:
    """Interpolate exactly the given shares (pass exactly M of them)."""
    low = Shamir.combine([(i, v[:HALF]) for i, v in shares])
    high = Shamir.combine([(i, v[HALF:]) for i, v in shares])
    return low + high
