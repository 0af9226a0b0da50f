"""Shared fixtures: cheap argon2 costs (production values are checked separately)."""

from __future__ import annotations

import pytest

import keys
from keys import kdf

FAST = kdf.Argon2Params(memory_kib=64, time_cost=1, parallelism=1)
PRODUCTION_KDF = (kdf.KEYFILE_KDF, kdf.RECEIPT_KDF)  # captured before any monkeypatch


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kdf, "KEYFILE_KDF", FAST)
    monkeypatch.setattr(kdf, "RECEIPT_KDF", FAST)


@pytest.fixture(scope="session")
def holders() -> list[keys.PrivateKey]:
    """Three hybrid key holders (generation is cheap; reuse them anyway)."""
    return [keys.PrivateKey.generate() for _ in range(3)]


@pytest.fixture(scope="session")
def x_holder() -> keys.PrivateKey:
    return keys.PrivateKey.generate(keys.Suite.X25519)


def flips(data: bytes, stride: int = 1) -> list[tuple[int, bytes]]:
    """Every (or every ``stride``-th) position with one bit flipped, plus the last byte."""
    positions = sorted({*range(0, len(data), stride), len(data) - 1})
    return [(i, data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1 :]) for i in positions]
