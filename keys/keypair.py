"""Key-holder and witness key pairs: an HPKE key (hybrid or X25519) plus an Ed25519 key.

One public line per person both receives sealed data keys and verifies that person's
signed import/share files, so the server's configuration is a list of lines.
"""

from __future__ import annotations

import hashlib
import os

from keys import hpke_suites, keyfile
from keys.encoding import b64d, b64e
from keys.errors import KeyFileError
from keys.hpke_suites import DEFAULT_SUITE, Suite
from keys.signing import ED25519_BYTES, SigningKey, VerifyKey

_PUB_PREFIX = "tk-pub-1"
_PRIV_PREFIX = b"tk-priv-1"


class PublicKey:
    """Public half; text form ``tk-pub-1:<suite>:<base64url>``."""

    __slots__ = ("_kem", "suite", "verify_key")

    def __init__(self, suite: Suite, kem_public: bytes, verify_key: VerifyKey) -> None:
        hpke_suites.public_object(suite, kem_public)  # validates length and point
        self.suite = Suite(suite)
        self._kem = bytes(kem_public)
        self.verify_key = verify_key

    def to_text(self) -> str:
        return f"{_PUB_PREFIX}:{self.suite}:{b64e(self._kem + self.verify_key.raw)}"

    @property
    def key_id(self) -> str:
        """Short fingerprint: first 16 hex digits of SHA-256 of the text form."""
        return hashlib.sha256(self.to_text().encode("ascii")).hexdigest()[:16]

    @classmethod
    def from_text(cls, text: str) -> PublicKey:
        parts = text.strip().split(":")
        if len(parts) != 3 or parts[0] != _PUB_PREFIX:
            raise ValueError("not a public key line (expected tk-pub-1:<suite>:<base64url>)")
        try:
            suite = Suite(parts[1])
        except ValueError:
            raise ValueError(f"unknown suite {parts[1]!r} in public key line") from None
        try:
            raw = b64d(parts[2])
            if len(raw) != suite.public_bytes + ED25519_BYTES:
                raise ValueError
            return cls(suite, raw[: suite.public_bytes], VerifyKey(raw[suite.public_bytes :]))
        except ValueError:
            raise ValueError("public key line is damaged (bad base64 or wrong length)") from None

    def encrypt(self, plaintext: bytes, info: bytes) -> bytes:
        return hpke_suites.encrypt(self.suite, self._kem, plaintext, info)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PublicKey) and other.to_text() == self.to_text()

    def __hash__(self) -> int:
        return hash(self.to_text())

    def __repr__(self) -> str:
        return f"PublicKey({self.suite}, key_id={self.key_id})"


class PrivateKey:
    """Private half. Lives in a passphrase-encrypted file on a key holder's machine."""

    __slots__ = ("_kem", "_obj", "_public", "signing_key", "suite")

    def __init__(self, suite: Suite, kem_private: bytes, signing_key: SigningKey) -> None:
        self.suite = Suite(suite)
        self._obj = hpke_suites.private_object(self.suite, kem_private)
        self._kem = bytes(kem_private)
        self.signing_key = signing_key
        self._public = PublicKey(
            self.suite,
            hpke_suites.public_from_private(self.suite, kem_private),
            signing_key.verify_key(),
        )

    @classmethod
    def generate(cls, suite: Suite = DEFAULT_SUITE) -> PrivateKey:
        return cls(suite, hpke_suites.generate(Suite(suite)), SigningKey.generate())

    def public_key(self) -> PublicKey:
        return self._public

    def decrypt(self, ciphertext: bytes, info: bytes, what: str) -> bytes:
        return hpke_suites.decrypt(self.suite, self._obj, ciphertext, info, what)

    def to_bytes(self) -> bytes:
        """Serialised secret (ML-KEM seed, X25519, Ed25519). Only ever stored encrypted."""
        return (
            b":".join([_PRIV_PREFIX, self.suite.encode()])
            + b":"
            + self._kem
            + (self.signing_key.raw())
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> PrivateKey:
        prefix, suite_name, raw = data.split(b":", 2)
        suite = Suite(suite_name.decode("ascii"))
        if prefix != _PRIV_PREFIX or len(raw) != suite.private_bytes + ED25519_BYTES:
            raise ValueError("malformed private key")
        return cls(suite, raw[: suite.private_bytes], SigningKey(raw[suite.private_bytes :]))

    def save(self, path: str | os.PathLike[str], passphrase: str) -> None:
        """Write an argon2id + AES-256-GCM encrypted key file (0600, atomic)."""
        keyfile.write(path, passphrase, self.to_bytes(), self._public.to_text())

    @classmethod
    def load(cls, path: str | os.PathLike[str], passphrase: str) -> PrivateKey:
        public_text, secret = keyfile.read(path, passphrase)
        try:
            key = cls.from_bytes(secret)
        except ValueError:
            raise KeyFileError(f"key file {path} holds a malformed key") from None
        if key.public_key().to_text() != public_text:
            raise KeyFileError(f"key file {path} is inconsistent (public key mismatch)")
        return key

    def __repr__(self) -> str:
        return f"PrivateKey({self.suite}, key_id={self._public.key_id})"


def read_public_key(path: str | os.PathLike[str]) -> PublicKey:
    """Public key from a key file's clear header; no passphrase needed."""
    return PublicKey.from_text(keyfile.read_header(path)["public_key"])
