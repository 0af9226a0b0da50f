"""Offline threshold decryption: a holder's shares travel to the combining holder.

Each holder unwraps their share of every record in an export and writes a *share
file*: every share HPKE-sealed to the combiner's public key (info binds export, record,
share index, key check and both holders), the whole file signed by the sender. The
combiner checks that the sender really is the holder of that share slot in the
(server-signed) envelope, so no separate trust list is needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from keys import envelope as envelopes
from keys.encoding import b64d, b64e, fields, frame
from keys.envelope import Share
from keys.errors import DecryptionError
from keys.export import Export
from keys.keypair import PrivateKey, PublicKey
from keys.signed import read_signed, write_signed
from keys.signing import VerifyKey

KIND = "tk-shares"


def _info(export: Export, share: Share, to: str, sender: str) -> bytes:
    return frame(
        b"tk-share-transfer",
        1,
        export.export_id,
        export.digest,
        share.record_id,
        share.index,
        share.threshold,
        share.key_check,
        to,
        sender,
    )


def write_shares(
    export: Export, shares: Sequence[Share], *, sender: PrivateKey, to: PublicKey
) -> bytes:
    sender_id = sender.public_key().key_id
    lines = [
        {
            "record_id": s.record_id,
            "index": s.index,
            "share": b64e(to.encrypt(s.value, _info(export, s, to.key_id, sender_id))),
        }
        for s in shares
    ]
    header = {
        "export_id": export.export_id,
        "export_digest": export.digest,
        "sender": sender.public_key().to_text(),
        "to": to.key_id,
    }
    return write_signed(KIND, header, lines, sender.signing_key)


def read_shares(data: bytes, export: Export, *, recipient: PrivateKey) -> list[Share]:
    """Verify and open a share file addressed to ``recipient``."""
    sender: list[PublicKey] = []

    def signer(header: dict[str, Any]) -> VerifyKey:
        try:
            sender.append(PublicKey.from_text(str(header.get("sender"))))
        except ValueError:
            raise DecryptionError("share file is corrupt (bad sender key)") from None
        return sender[0].verify_key

    signed = read_signed(data, KIND, "share file", signer)
    head, me = signed.header, recipient.public_key().key_id
    if head.get("to") != me:
        raise DecryptionError(f"share file is addressed to key {head.get('to')}, not {me}")
    if head.get("export_id") != export.export_id or head.get("export_digest") != export.digest:
        raise DecryptionError("share file was made from a different export file")
    sender_id = sender[0].key_id
    shares = []
    for obj in signed.records:
        try:
            fields(obj, "share record", record_id=str, index=int, share=str)
            sealed = b64d(obj["share"])
        except ValueError as exc:
            raise DecryptionError(f"share file is corrupt ({exc})") from None
        rec = export.record(obj["record_id"])
        env = envelopes.parse(rec.envelope, rec.record_id)
        slot = env.slot_for(sender_id)
        if slot is None or slot.role != envelopes.SHARE or slot.index != obj["index"]:
            raise DecryptionError(
                f"share file sender {sender_id} holds no share {obj['index']} of record "
                f"{rec.record_id!r}"
            )
        stub = Share(rec.record_id, slot.index, env.threshold, env.key_check, b"")
        value = recipient.decrypt(
            sealed, _info(export, stub, me, sender_id), f"share of record {rec.record_id!r}"
        )
        shares.append(Share(rec.record_id, slot.index, env.threshold, env.key_check, value))
    return shares
