"""Passphrase-protected key files (argon2id -> AES-256-GCM), JSON, versioned, mode 0600.

The public key and KDF parameters sit in clear in the header (so ``public-key`` needs
no passphrase) and are bound as associated data, so editing them breaks decryption.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag

from keys import kdf
from keys.aead import decrypt, encrypt
from keys.encoding import atomic_write, b64d, b64e, dumps, fields, frame
from keys.errors import KeyFileError

FORMAT = "tk-keyfile"
VERSION = 1


def _aad(header: dict) -> bytes:
    return frame(b"tk-keyfile-aad", dumps(header))


def write(path: str | os.PathLike[str], passphrase: str, secret: bytes, public_text: str) -> None:
    if not passphrase:
        raise ValueError("an empty passphrase is not allowed")
    params = kdf.KEYFILE_KDF
    salt = os.urandom(16)
    header = {
        "format": FORMAT,
        "version": VERSION,
        "public_key": public_text,
        "kdf": {"name": "argon2id", "salt": b64e(salt), **params.as_dict()},
        "aead": "aes-256-gcm",
    }
    key = kdf.argon2id(passphrase.encode("utf-8"), salt, params)
    body = encrypt(key, secret, _aad(header))
    atomic_write(path, dumps({**header, "ciphertext": b64e(body)}) + b"\n")


def read_header(path: str | os.PathLike[str]) -> dict:
    """Parse and validate the clear part of a key file (no passphrase needed)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise KeyFileError(f"cannot read key file {path}: {exc.strerror}") from None
    try:
        obj = json.loads(raw)
        fields(
            obj,
            "key file",
            format=str,
            version=int,
            public_key=str,
            kdf=dict,
            aead=str,
            ciphertext=str,
        )
        if obj["format"] != FORMAT:
            raise ValueError("not a key file")
        if obj["version"] != VERSION or obj["aead"] != "aes-256-gcm":
            raise ValueError("unsupported key file version")
        fields(
            obj["kdf"],
            "key file kdf",
            name=str,
            salt=str,
            memory_kib=int,
            time_cost=int,
            parallelism=int,
        )
        if obj["kdf"]["name"] != "argon2id":
            raise ValueError("unsupported KDF")
        kdf.Argon2Params(
            **{k: obj["kdf"][k] for k in ("memory_kib", "time_cost", "parallelism")}
        ).check()
        b64d(obj["kdf"]["salt"])
        b64d(obj["ciphertext"])
    except (ValueError, UnicodeDecodeError) as exc:
        raise KeyFileError(f"key file {path} is corrupt: {exc}") from None
    return obj


def read(path: str | os.PathLike[str], passphrase: str) -> tuple[str, bytes]:
    """Return (public key text, secret bytes); wrong passphrase -> KeyFileError."""
    obj = read_header(path)
    header = {k: v for k, v in obj.items() if k != "ciphertext"}
    k = obj["kdf"]
    params = kdf.Argon2Params(k["memory_kib"], k["time_cost"], k["parallelism"])
    key = kdf.argon2id(passphrase.encode("utf-8"), b64d(k["salt"]), params)
    try:
        secret = decrypt(key, b64d(obj["ciphertext"]), _aad(header))
    except InvalidTag:
        raise KeyFileError(
            f"wrong passphrase for key file {path} (or the file was modified)"
        ) from None
    return obj["public_key"], secret
