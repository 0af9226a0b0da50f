"""Strict encodings shared by every on-disk and in-database format.

Strictness matters: a lenient base64 or JSON reader lets a modified byte slip through
unnoticed, which would make "every tampered byte is detected" false.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def b64e(data: bytes) -> str:
    """Unpadded base64url."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64d(text: str) -> bytes:
    """Decode unpadded base64url, rejecting every non-canonical spelling."""
    if not isinstance(text, str) or "=" in text:
        raise ValueError("not canonical base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not canonical base64url") from exc
    if b64e(data) != text:
        raise ValueError("not canonical base64url")
    return data


def frame(*parts: bytes | str | int) -> bytes:
    """Length-prefix each part so that distinct tuples never encode to the same bytes.

    Used for every AEAD associated-data and HPKE info string.
    """
    out = bytearray()
    for part in parts:
        if isinstance(part, int):
            part = str(part)
        if isinstance(part, str):
            part = part.encode("utf-8")
        out += len(part).to_bytes(4, "big") + part
    return bytes(out)


def dumps(obj: Any) -> bytes:
    """Canonical compact JSON (sorted keys, no whitespace)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def loads_canonical(data: bytes, what: str) -> Any:
    """Parse JSON and insist it is byte-for-byte canonical, so no byte can change unnoticed."""
    try:
        obj = json.loads(data)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"{what} is not valid JSON") from exc
    if dumps(obj) != data:
        raise ValueError(f"{what} is not in canonical form")
    return obj


def fields(obj: Any, what: str, **types: type) -> dict[str, Any]:
    """Check that a JSON object has exactly the given keys with the given types."""
    if not isinstance(obj, dict) or set(obj) != set(types):
        raise ValueError(f"{what} has unexpected structure")
    for name, typ in types.items():
        value = obj[name]
        if not isinstance(value, typ) or (typ is int and isinstance(value, bool)):
            raise ValueError(f"{what}: field {name!r} has the wrong type")
    return obj


def atomic_write(path: str | os.PathLike[str], data: bytes, mode: int = 0o600) -> None:
    """Write a file atomically with restrictive permissions from the first byte on."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
