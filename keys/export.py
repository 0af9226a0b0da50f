"""Export files (server -> key holder) and import files (key holder -> server).

An export holds sealed records only (envelope + ciphertexts + non-secret metadata) and
is signed by the server signing key. An import carries new envelopes back after a
rotation; it is signed by a key holder, names the export it answers (id and SHA-256),
and for each record states the hash of the envelope it replaces and must commit to the
same data key, so the server can check it without ever seeing a data key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from keys import envelope as envelopes
from keys.encoding import b64d, b64e, fields
from keys.errors import DecryptionError
from keys.keypair import PrivateKey, PublicKey
from keys.signed import read_signed_by, write_signed
from keys.signing import SigningKey, VerifyKey

EXPORT_KIND = "tk-export"
IMPORT_KIND = "tk-import"


@dataclass(frozen=True)
class ExportRecord:
    """One sealed testimony as stored by the server. ``meta`` is signed, not encrypted:
    put nothing identifying in it."""

    record_id: str
    envelope: bytes
    items: dict[str, bytes]
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "record_id": self.record_id,
            "envelope": b64e(self.envelope),
            "items": {k: b64e(v) for k, v in self.items.items()},
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, obj: object) -> ExportRecord:
        obj = fields(obj, "export record", record_id=str, envelope=str, items=dict, meta=dict)
        return cls(
            obj["record_id"],
            b64d(obj["envelope"]),
            {str(k): b64d(v) for k, v in obj["items"].items()},
            obj["meta"],
        )


@dataclass(frozen=True)
class Export:
    export_id: str
    created: str
    digest: str
    records: list[ExportRecord]
    audit_seq: int = 0  # the server's audit log head when the export was written
    audit_head: str = "0" * 64

    def record(self, record_id: str) -> ExportRecord:
        for rec in self.records:
            if rec.record_id == record_id:
                return rec
        raise DecryptionError(f"record {record_id!r} is not in export {self.export_id}")


@dataclass(frozen=True)
class ImportedEnvelope:
    """Apply only if the record's current envelope still hashes to ``replaces``."""

    record_id: str
    envelope: bytes
    replaces: str
    signer: str  # key id of the key holder who signed the import


def envelope_digest(envelope: bytes) -> str:
    return hashlib.sha256(envelope).hexdigest()


def write_export(
    records: Iterable[ExportRecord],
    signing_key: SigningKey,
    audit_head: tuple[int, str] = (0, "0" * 64),
) -> bytes:
    """Server side: serialise and sign sealed records (no plaintext is involved).

    The audit log's head goes into the signed header: key holders keep it, and a later
    log that no longer leads to it has lost or changed entries (``verify-log``)."""
    lines = [r.to_json() for r in records]
    if len({r["record_id"] for r in lines}) != len(lines):
        raise ValueError("duplicate record id in export")
    header = {
        "export_id": os.urandom(16).hex(),
        "count": len(lines),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "signer": signing_key.verify_key().to_text(),
        "audit_seq": audit_head[0],
        "audit_head": audit_head[1],
    }
    return write_signed(EXPORT_KIND, header, lines, signing_key)


def read_export(data: bytes, server_key: VerifyKey) -> Export:
    """Key-holder side: verify the server's signature, then parse."""
    signed, _ = read_signed_by(
        data, EXPORT_KIND, "export file", [server_key], "not signed by the expected server key"
    )
    if signed.header.get("signer") != server_key.to_text():
        raise DecryptionError("export file was not signed by the expected server key")
    try:
        head = fields(
            signed.header,
            "export header",
            kind=str,
            version=int,
            export_id=str,
            count=int,
            created=str,
            signer=str,
            audit_seq=int,
            audit_head=str,
        )
        records = [ExportRecord.from_json(r) for r in signed.records]
        if len(records) != head["count"]:
            raise ValueError("record count mismatch")
    except ValueError as exc:
        raise DecryptionError(f"export file is corrupt ({exc})") from None
    return Export(
        head["export_id"],
        head["created"],
        signed.digest,
        records,
        head["audit_seq"],
        head["audit_head"],
    )


def _extra_slots(env: envelopes.Envelope) -> list[tuple[str, str, bytes]]:
    """The witness's slots, which a rewrap copies verbatim (key holders cannot re-create them)."""
    return [(s.key_id, str(s.suite), s.ct) for s in env.slots if s.role == envelopes.EXTRA]


def write_import(export: Export, new_envelopes: Mapping[str, bytes], signer: PrivateKey) -> bytes:
    """Key-holder side: new envelopes bound to the export they answer."""
    lines = [
        {
            "record_id": rid,
            "envelope": b64e(env),
            "replaces": envelope_digest(export.record(rid).envelope),
        }
        for rid, env in new_envelopes.items()
    ]
    header = {
        "export_id": export.export_id,
        "export_digest": export.digest,
        "signer": signer.public_key().to_text(),
    }
    return write_signed(IMPORT_KIND, header, lines, signer.signing_key)


def read_import(
    data: bytes, *, export_data: bytes, server_key: VerifyKey, holders: Sequence[PublicKey]
) -> list[ImportedEnvelope]:
    """Server side: accept new envelopes only if a trusted holder signed them, they
    answer ``export_data`` (the export file the server wrote), and each new envelope
    commits to the same data key as the one it replaces."""
    export = read_export(export_data, server_key)
    verify_keys = [h.verify_key for h in holders]
    signed, key = read_signed_by(
        data, IMPORT_KIND, "import file", verify_keys, "not signed by a configured key holder"
    )
    head = signed.header
    signer = holders[next(i for i, k in enumerate(verify_keys) if k is key)]
    if head.get("signer") != signer.to_text():
        raise DecryptionError("import file is not signed by a configured key holder")
    if head.get("export_id") != export.export_id or head.get("export_digest") != export.digest:
        raise DecryptionError("import file answers a different export")
    result = []
    for obj in signed.records:
        try:
            fields(obj, "import record", record_id=str, envelope=str, replaces=str)
            new = b64d(obj["envelope"])
        except ValueError as exc:
            raise DecryptionError(f"import file is corrupt ({exc})") from None
        old = export.record(obj["record_id"]).envelope
        if obj["replaces"] != envelope_digest(old):
            raise DecryptionError(
                f"import for record {obj['record_id']!r} replaces another envelope"
            )
        old_env = envelopes.parse(old, obj["record_id"])
        new_env = envelopes.parse(new, obj["record_id"])
        if not hmac.compare_digest(new_env.key_check, old_env.key_check):
            raise DecryptionError(
                f"new envelope for record {obj['record_id']!r} is for a different data key"
            )
        if _extra_slots(new_env) != _extra_slots(old_env):
            raise DecryptionError(
                f"new envelope for record {obj['record_id']!r} does not keep the witness's "
                "slot unchanged"
            )
        result.append(ImportedEnvelope(obj["record_id"], new, obj["replaces"], signer.key_id))
    return result
