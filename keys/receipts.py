"""Witness receipt codes -> a DB lookup value and a never-stored secret.

One memory-hard argon2id over the normalised code (the expensive step an attacker
with a DB dump must repeat per guess), then HKDF into two independent values. The
``lookup`` is stored as an index; the ``secret`` is not and encrypts the witness's
per-record private key. HKDF outputs under distinct ``info`` are independent PRF
outputs, so knowing ``lookup`` gives nothing about ``secret``.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from cryptography.exceptions import InvalidTag

from keys import kdf
from keys.aead import decrypt, encrypt
from keys.encoding import frame
from keys.errors import DecryptionError
from keys.keypair import PrivateKey

SEALED_KEY_VERSION = 1


class ReceiptKeys(NamedTuple):
    lookup: bytes
    secret: bytes

    def __repr__(self) -> str:
        return "ReceiptKeys(<hidden>)"


def normalise_receipt(receipt: str) -> str:
    """NFKC, upper-case, spaces and dashes dropped: what a witness types back in."""
    code = unicodedata.normalize("NFKC", receipt).upper()
    code = "".join(ch for ch in code if not ch.isspace() and ch not in "-‐‑–—")
    if not code:
        raise ValueError("empty receipt code")
    return code


def derive_receipt_keys(receipt: str, salt: bytes) -> ReceiptKeys:
    """argon2id(normalised receipt, salt) -> HKDF -> (lookup, secret), 32 bytes each.

    ``salt`` is the server-wide receipt salt (a per-row salt would make lookup impossible).
    """
    if len(salt) < 16:
        raise ValueError("receipt salt must be at least 16 bytes")
    master = kdf.argon2id(normalise_receipt(receipt).encode("utf-8"), salt, kdf.RECEIPT_KDF)
    return ReceiptKeys(
        lookup=kdf.hkdf(master, b"tk-receipt-lookup-1"),
        secret=kdf.hkdf(master, b"tk-receipt-secret-1"),
    )


def _aad(record_id: str) -> bytes:
    return frame(b"tk-witness-key", SEALED_KEY_VERSION, record_id)


def seal_private_key(private_key: PrivateKey, *, secret: bytes, record_id: str) -> bytes:
    """Encrypt the witness's per-record private key under HKDF(receipt secret)."""
    key = kdf.hkdf(secret, b"tk-witness-key-1")
    return encrypt(key, private_key.to_bytes(), _aad(record_id), bytes([SEALED_KEY_VERSION]))


def open_private_key(blob: bytes, *, secret: bytes, record_id: str) -> PrivateKey:
    if not blob or blob[0] != SEALED_KEY_VERSION:
        raise DecryptionError(f"sealed witness key of record {record_id!r}: unknown version")
    key = kdf.hkdf(secret, b"tk-witness-key-1")
    try:
        return PrivateKey.from_bytes(decrypt(key, blob[1:], _aad(record_id)))
    except (InvalidTag, ValueError):
        raise DecryptionError(
            f"sealed witness key of record {record_id!r} does not open: wrong receipt code, "
            "tampered data or another record's key"
        ) from None
