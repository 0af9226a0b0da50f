"""AES-256-GCM for testimony content, with the record and item bound as associated data.

Blob layout: ``version (1 byte) || nonce (12) || ciphertext+tag``. Nonces are random;
a data key encrypts only a handful of items, far below the 2^32 random-nonce limit.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from keys.encoding import frame
from keys.errors import DecryptionError

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
SEAL_VERSION = 1


class DataKey:
    """An opaque per-testimony AES-256 key. Never serialised except inside an envelope."""

    __slots__ = ("_key",)

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("a data key is 32 bytes")
        self._key = bytes(key)

    @classmethod
    def generate(cls) -> DataKey:
        return cls(os.urandom(KEY_BYTES))

    def __repr__(self) -> str:
        return "DataKey(<hidden>)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DataKey) and other._key == self._key

    __hash__ = None  # type: ignore[assignment]


def encrypt(key: bytes, plaintext: bytes, aad: bytes, prefix: bytes = b"") -> bytes:
    """Raw AES-256-GCM: returns prefix || nonce || ciphertext+tag.

    Encrypts straight into the output buffer: concatenating megabyte-sized ciphertexts
    was ten times slower than the cipher itself (see bench/bench_keys.py).
    """
    nonce = os.urandom(NONCE_BYTES)
    start = len(prefix) + NONCE_BYTES
    out = bytearray(start + len(plaintext) + TAG_BYTES)
    out[:start] = prefix + nonce
    AESGCM(key).encrypt_into(nonce, plaintext, aad, memoryview(out)[start:])
    return bytes(out)


def decrypt(key: bytes, blob: bytes | memoryview, aad: bytes) -> bytes:
    """Inverse of :func:`encrypt` (without prefix); raises ``InvalidTag`` on any mismatch."""
    if len(blob) < NONCE_BYTES + TAG_BYTES:
        raise InvalidTag
    view = memoryview(blob)  # slicing a view avoids copying large ciphertexts
    return AESGCM(key).decrypt(view[:NONCE_BYTES], view[NONCE_BYTES:], aad)


def _aad(record_id: str, item: str) -> bytes:
    return frame(b"tk-seal", SEAL_VERSION, record_id, item)


def seal(data_key: DataKey, plaintext: bytes, *, record_id: str, item: str) -> bytes:
    """Encrypt one item of one testimony (original, memory, follow-up-3, ...)."""
    return encrypt(data_key._key, plaintext, _aad(record_id, item), bytes([SEAL_VERSION]))


def open(data_key: DataKey, blob: bytes, *, record_id: str, item: str) -> bytes:
    """Decrypt an item; any tampering, wrong key, record or item raises DecryptionError."""
    if not blob or blob[0] != SEAL_VERSION:
        raise DecryptionError(f"item {item!r} of record {record_id!r}: unknown format version")
    try:
        return decrypt(data_key._key, memoryview(blob)[1:], _aad(record_id, item))
    except InvalidTag:
        raise DecryptionError(
            f"item {item!r} of record {record_id!r} does not decrypt: wrong data key, "
            "data tampered with, or the ciphertext belongs to another record or item"
        ) from None
