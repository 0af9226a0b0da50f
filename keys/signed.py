"""Signed JSON-lines containers for files that cross the air gap.

Layout: a header line, one line per record, then a trailer line with an Ed25519
signature over every preceding byte. All lines are canonical JSON, so a reader can
reject any modified byte before trusting a single field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from keys.encoding import b64d, b64e, dumps, fields, frame, loads_canonical
from keys.errors import DecryptionError
from keys.signing import SigningKey, VerifyKey

VERSION = 1


@dataclass(frozen=True)
class SignedFile:
    header: dict[str, Any]
    records: list[dict[str, Any]]
    digest: str  # SHA-256 of the whole file; later files bind to it


def _message(kind: str, body: bytes) -> bytes:
    return frame(b"tk-signed-1", kind, body)


def write_signed(
    kind: str, header: dict[str, Any], records: Iterable[dict[str, Any]], signing_key: SigningKey
) -> bytes:
    body = dumps({**header, "kind": kind, "version": VERSION}) + b"\n"
    body += b"".join(dumps(r) + b"\n" for r in records)
    signature = signing_key.sign(_message(kind, body))
    return body + dumps({"signature": b64e(signature)}) + b"\n"


def _split(data: bytes, what: str) -> tuple[bytes, list[bytes], bytes]:
    """Body bytes, its lines, and the signature; nothing of the body is parsed here."""
    try:
        if not data.endswith(b"\n"):
            raise ValueError("truncated")
        cut = data.rfind(b"\n", 0, len(data) - 1) + 1
        body, trailer = data[:cut], data[cut:-1]
        lines = body.split(b"\n")[:-1]
        if not lines:
            raise ValueError("no header")
        signature = b64d(
            fields(loads_canonical(trailer, f"{what} trailer"), what, signature=str)["signature"]
        )
    except ValueError as exc:
        raise DecryptionError(f"{what} is corrupt or truncated ({exc})") from None
    return body, lines, signature


def _parse(data: bytes, lines: list[bytes], kind: str, what: str) -> SignedFile:
    try:
        header = loads_canonical(lines[0], f"{what} header")
        if not isinstance(header, dict) or header.get("kind") != kind:
            raise ValueError(f"not a {what}")
        if header.get("version") != VERSION:
            raise ValueError("unsupported version")
        records = [loads_canonical(line, f"{what} record") for line in lines[1:]]
    except ValueError as exc:  # a trusted signer may still have written garbage
        raise DecryptionError(f"{what} is corrupt ({exc})") from None
    return SignedFile(header, records, hashlib.sha256(data).hexdigest())


def read_signed(
    data: bytes, kind: str, what: str, signer: Callable[[dict[str, Any]], VerifyKey]
) -> SignedFile:
    """Verify and parse a file whose signer is named in its header (share files: the
    sender is checked by what the file can open, not by a list). ``signer`` picks the
    key from the parsed header and raises DecryptionError if it is not acceptable."""
    body, lines, signature = _split(data, what)
    try:
        header = loads_canonical(lines[0], f"{what} header")
        if not isinstance(header, dict) or header.get("kind") != kind:
            raise ValueError(f"not a {what}")
    except ValueError as exc:
        raise DecryptionError(f"{what} is corrupt or truncated ({exc})") from None
    signer(header).verify(signature, _message(kind, body), what)
    return _parse(data, lines, kind, what)


def read_signed_by(
    data: bytes, kind: str, what: str, trusted: Sequence[VerifyKey], refusal: str
) -> tuple[SignedFile, VerifyKey]:
    """Verify the signature against the trusted keys before parsing a single field;
    returns the parsed file and the key that signed it."""
    body, lines, signature = _split(data, what)
    message = _message(kind, body)
    for key in trusted:
        try:
            key.verify(signature, message, what)
        except DecryptionError:
            continue
        return _parse(data, lines, kind, what), key
    raise DecryptionError(f"{what}: signature does not verify: {refusal}, or the file was modified")
