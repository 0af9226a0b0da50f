"""Direct multi-recipient HPKE sealing of a small payload (e.g. an editor's correction).

Each recipient gets its own HPKE ciphertext of the whole payload; ``info`` binds the
record id, item name, version, suite and recipient, so blobs cannot be moved around.
"""

from __future__ import annotations

from collections.abc import Sequence

from keys.encoding import b64d, b64e, dumps, fields, frame, loads_canonical
from keys.errors import DecryptionError
from keys.hpke_suites import Suite
from keys.keypair import PrivateKey, PublicKey

FORMAT = "tk-sealed"
VERSION = 1


def _info(record_id: str, item: str, suite: Suite, key_id: str) -> bytes:
    return frame(b"tk-sealed", VERSION, record_id, item, suite, key_id)


def seal_to(
    public_keys: Sequence[PublicKey], plaintext: bytes, *, record_id: str, item: str
) -> bytes:
    if not public_keys:
        raise ValueError("seal_to needs at least one recipient")
    slots = [
        {
            "key_id": pk.key_id,
            "suite": str(pk.suite),
            "ct": b64e(pk.encrypt(plaintext, _info(record_id, item, pk.suite, pk.key_id))),
        }
        for pk in public_keys
    ]
    return dumps({"format": FORMAT, "version": VERSION, "slots": slots})


def open_sealed(blob: bytes, *, record_id: str, item: str, private_key: PrivateKey) -> bytes:
    what = f"sealed item {item!r} of record {record_id!r}"
    try:
        obj = fields(loads_canonical(blob, what), what, format=str, version=int, slots=list)
        if obj["format"] != FORMAT or obj["version"] != VERSION:
            raise ValueError("unknown format or version")
        slots = [fields(s, what, key_id=str, suite=str, ct=str) for s in obj["slots"]]
    except ValueError as exc:
        raise DecryptionError(f"{what} is corrupt: {exc}") from None
    pk = private_key.public_key()
    slot = next((s for s in slots if s["key_id"] == pk.key_id), None)
    if slot is None:
        raise DecryptionError(f"wrong key: key {pk.key_id} is not a recipient of {what}")
    if slot["suite"] != pk.suite:
        raise DecryptionError(f"{what} is corrupt: suite mismatch")
    try:
        ct = b64d(slot["ct"])
    except ValueError:
        raise DecryptionError(f"{what} is corrupt") from None
    return private_key.decrypt(ct, _info(record_id, item, pk.suite, pk.key_id), what)
