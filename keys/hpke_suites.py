"""The two HPKE suites we support (RFC 9180 via pyca/cryptography) and nothing else.

Hybrid ML-KEM-768 + X25519 is the default so that a recorded database dump stays
secret even against a future quantum computer (harvest now, decrypt later) as long
as either component holds. KDF and AEAD are fixed: HKDF-SHA256, AES-256-GCM.
"""

from __future__ import annotations

import enum

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519

from keys.errors import DecryptionError

X25519_BYTES = 32
MLKEM768_PUBLIC_BYTES = 1184
MLKEM768_SEED_BYTES = 64


class Suite(enum.StrEnum):
    MLKEM768_X25519 = "mlkem768-x25519"
    X25519 = "x25519"

    @property
    def public_bytes(self) -> int:
        if self is Suite.X25519:
            return X25519_BYTES
        return MLKEM768_PUBLIC_BYTES + X25519_BYTES

    @property
    def private_bytes(self) -> int:
        if self is Suite.X25519:
            return X25519_BYTES
        return MLKEM768_SEED_BYTES + X25519_BYTES


DEFAULT_SUITE = Suite.MLKEM768_X25519

PublicObject = x25519.X25519PublicKey | hpke.MLKEM768X25519PublicKey
PrivateObject = x25519.X25519PrivateKey | hpke.MLKEM768X25519PrivateKey

_HPKE = {
    Suite.MLKEM768_X25519: hpke.Suite(
        hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM
    ),
    Suite.X25519: hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM),
}


def public_object(suite: Suite, raw: bytes) -> PublicObject:
    """Build the pyca public-key object from raw bytes (ML-KEM || X25519 for the hybrid)."""
    if len(raw) != suite.public_bytes:
        raise ValueError(f"a {suite} public key is {suite.public_bytes} bytes")
    if suite is Suite.X25519:
        return x25519.X25519PublicKey.from_public_bytes(raw)
    return hpke.MLKEM768X25519PublicKey(
        mlkem.MLKEM768PublicKey.from_public_bytes(raw[:MLKEM768_PUBLIC_BYTES]),
        x25519.X25519PublicKey.from_public_bytes(raw[MLKEM768_PUBLIC_BYTES:]),
    )


def private_object(suite: Suite, raw: bytes) -> PrivateObject:
    """Rebuild the pyca private key from its stored components (ML-KEM seed || X25519)."""
    if len(raw) != suite.private_bytes:
        raise ValueError(f"a {suite} private key is {suite.private_bytes} bytes")
    if suite is Suite.X25519:
        return x25519.X25519PrivateKey.from_private_bytes(raw)
    return hpke.MLKEM768X25519PrivateKey(
        mlkem.MLKEM768PrivateKey.from_seed_bytes(raw[:MLKEM768_SEED_BYTES]),
        x25519.X25519PrivateKey.from_private_bytes(raw[MLKEM768_SEED_BYTES:]),
    )


def generate(suite: Suite) -> bytes:
    """Private components for a fresh key pair (the hybrid wrapper has no generate())."""
    xk = x25519.X25519PrivateKey.generate().private_bytes_raw()
    if suite is Suite.X25519:
        return xk
    return mlkem.MLKEM768PrivateKey.generate().private_bytes_raw() + xk


def public_from_private(suite: Suite, raw: bytes) -> bytes:
    """Public bytes from the components (the hybrid wrapper has no serialiser)."""
    xk = x25519.X25519PrivateKey.from_private_bytes(raw[-X25519_BYTES:])
    xpub = xk.public_key().public_bytes_raw()
    if suite is Suite.X25519:
        return xpub
    mk = mlkem.MLKEM768PrivateKey.from_seed_bytes(raw[:MLKEM768_SEED_BYTES])
    return mk.public_key().public_bytes_raw() + xpub


def encrypt(suite: Suite, public_raw: bytes, plaintext: bytes, info: bytes) -> bytes:
    return _HPKE[suite].encrypt(plaintext, public_object(suite, public_raw), info=info)


def decrypt(
    suite: Suite, private_obj: PrivateObject, ciphertext: bytes, info: bytes, what: str
) -> bytes:
    try:
        return _HPKE[suite].decrypt(ciphertext, private_obj, info=info)
    except (InvalidTag, ValueError):
        raise DecryptionError(
            f"{what} does not decrypt: data tampered with, or it was sealed for another "
            "record or another key"
        ) from None
