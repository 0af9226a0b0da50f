"""Ed25519 signatures for files that cross the air gap (exports, imports, share files).

The server signs exports with its own key (kept in the server key directory); key
holders sign imports and share files with the Ed25519 half of their key pair.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from keys.encoding import atomic_write, b64d, b64e, dumps
from keys.errors import DecryptionError, KeyFileError

ED25519_BYTES = 32
_TEXT_PREFIX = "tk-sign-1:ed25519:"
SERVER_KEY_FILE = "server-signing.key"


class VerifyKey:
    """An Ed25519 public key; one-line text form ``tk-sign-1:ed25519:<base64url>``."""

    def __init__(self, raw: bytes) -> None:
        self._key = ed25519.Ed25519PublicKey.from_public_bytes(raw)
        self.raw = bytes(raw)

    @property
    def key_id(self) -> str:
        return hashlib.sha256(self.to_text().encode()).hexdigest()[:16]

    def to_text(self) -> str:
        return _TEXT_PREFIX + b64e(self.raw)

    @classmethod
    def from_text(cls, text: str) -> VerifyKey:
        text = text.strip()
        if not text.startswith(_TEXT_PREFIX):
            raise ValueError(f"not a signing public key (expected {_TEXT_PREFIX}...)")
        try:
            raw = b64d(text[len(_TEXT_PREFIX) :])
            return cls(raw)
        except ValueError:
            raise ValueError("signing public key is damaged (bad base64 or length)") from None

    def verify(self, signature: bytes, message: bytes, what: str) -> None:
        try:
            self._key.verify(signature, message)
        except InvalidSignature:
            raise DecryptionError(
                f"{what}: signature does not verify (file modified or signed by another key)"
            ) from None


class SigningKey:
    """An Ed25519 private key."""

    def __init__(self, raw: bytes) -> None:
        self._key = ed25519.Ed25519PrivateKey.from_private_bytes(raw)

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(ed25519.Ed25519PrivateKey.generate().private_bytes_raw())

    def raw(self) -> bytes:
        return self._key.private_bytes_raw()

    def verify_key(self) -> VerifyKey:
        return VerifyKey(self._key.public_key().public_bytes_raw())

    def sign(self, message: bytes) -> bytes:
        return self._key.sign(message)

    @classmethod
    def load_or_create(cls, directory: str | Path) -> SigningKey:
        """The server's export-signing key, created on first use (file mode 0600).

        Give ``verify_key().to_text()`` to the key holders once, over a trusted channel.
        """
        path = Path(directory) / SERVER_KEY_FILE
        if not path.exists():
            key = cls.generate()
            Path(directory).mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write(
                path, dumps({"format": "tk-signing-key", "version": 1, "key": b64e(key.raw())})
            )
            return key
        try:
            obj = json.loads(path.read_bytes())
            if obj.get("format") != "tk-signing-key" or obj.get("version") != 1:
                raise ValueError
            return cls(b64d(obj["key"]))
        except (OSError, ValueError, KeyError, TypeError):
            raise KeyFileError(f"server signing key {path} is unreadable or corrupt") from None
