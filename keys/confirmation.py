"""Confirmations that re-sealed envelopes open, before the server forgets the old ones.

The server cannot open an envelope, so after an import it keeps the envelope each record had
before; only a key holder can say the new one works. ``keys confirm`` opens each rotated
record's *current* envelope (no fallback to the kept ones) with the holder's private key,
checks that the data key matches the envelope's key check and the key check of every kept
envelope (the same data key) and that it opens every item of the record, then signs, with
the holder's Ed25519 key, one line per record: its id and the SHA-256 of the envelope bytes
it opened. The server forgets a kept envelope only for a record whose current envelope is
covered by a confirmation from a configured key holder who holds a slot in it and did not
sign the import that replaced it.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from keys import envelope as envelopes
from keys import holder
from keys.encoding import fields
from keys.envelope import Share
from keys.errors import DecryptionError
from keys.export import ExportRecord, envelope_digest
from keys.keypair import PrivateKey, PublicKey
from keys.signed import read_signed_by, write_signed

KIND = "tk-confirm"


@dataclass(frozen=True)
class Confirmation:
    """What one configured key holder signed: record id -> digest of the envelope opened."""

    signer: PublicKey
    envelopes: dict[str, str]
    digest: str  # SHA-256 of the file, for the audit log

    def covers(self, record_id: str, envelope: bytes) -> bool:
        """True if the signer opened exactly these envelope bytes for this record and holds
        a slot in them (a holder cannot vouch for an envelope not sealed to them)."""
        confirmed = self.envelopes.get(record_id)
        if confirmed is None or not hmac.compare_digest(confirmed, envelope_digest(envelope)):
            return False
        try:
            env = envelopes.parse(envelope, record_id)
        except DecryptionError:
            return False
        return env.slot_for(self.signer.key_id) is not None


def rotated(records: Iterable[ExportRecord]) -> list[ExportRecord]:
    """Records whose export carries envelopes an import replaced."""
    return [r for r in records if holder.replaced_envelopes(r)]


def _check(record: ExportRecord, private_key: PrivateKey, shares: Sequence[Share]) -> str:
    key = holder.current_data_key(record, private_key, shares)
    check = envelopes.key_check(key, record.record_id)
    for kept in holder.replaced_envelopes(record):
        if not hmac.compare_digest(envelopes.parse(kept, record.record_id).key_check, check):
            raise DecryptionError(
                f"record {record.record_id!r}: a replaced envelope is for a different data key"
            )
    holder.open_items(record, key)
    return envelope_digest(record.envelope)


def write_confirmation(
    records: Iterable[ExportRecord], private_key: PrivateKey, shares: Sequence[Share] = ()
) -> bytes:
    """Key-holder side: open every record's current envelope, then sign what was opened.

    Raises DecryptionError on the first record that does not open: nothing is confirmed
    then, and the server keeps every replaced envelope."""
    lines = [
        {"record_id": rec.record_id, "envelope": _check(rec, private_key, shares)}
        for rec in records
    ]
    header = {"signer": private_key.public_key().to_text()}
    return write_signed(KIND, header, lines, private_key.signing_key)


def read_confirmation(data: bytes, holders: Sequence[PublicKey]) -> Confirmation:
    """Server side: the signature must verify under a configured key holder's key before
    a single field is read."""
    verify_keys = [h.verify_key for h in holders]
    signed, key = read_signed_by(
        data, KIND, "confirmation", verify_keys, "not signed by a configured key holder"
    )
    signer = holders[next(i for i, k in enumerate(verify_keys) if k is key)]
    if signed.header.get("signer") != signer.to_text():
        raise DecryptionError("confirmation is not signed by a configured key holder")
    confirmed: dict[str, str] = {}
    for obj in signed.records:
        try:
            line = fields(obj, "confirmation record", record_id=str, envelope=str)
        except ValueError as exc:
            raise DecryptionError(f"confirmation is corrupt ({exc})") from None
        confirmed[line["record_id"]] = line["envelope"]
    return Confirmation(signer, confirmed, signed.digest)
