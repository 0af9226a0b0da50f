"""What a key holder does offline with an export: recover data keys, decrypt, rewrap.

Pure functions over already-verified exports; the CLI adds files, prompts and progress.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from keys import aead
from keys import envelope as envelopes
from keys.aead import DataKey
from keys.encoding import b64d
from keys.envelope import Recipients, Share
from keys.errors import DecryptionError
from keys.export import ExportRecord
from keys.keypair import PrivateKey


def data_key(
    record: ExportRecord, private_key: PrivateKey, shares: Sequence[Share] = ()
) -> DataKey:
    """Whole-key slot if we have one; otherwise own share plus ``shares`` from others.

    If the current envelope does not open (a bad import), the envelopes it replaced, which
    the server keeps until the rotation is confirmed, are tried in turn."""
    try:
        return current_data_key(record, private_key, shares)
    except DecryptionError:
        for kept in replaced_envelopes(record):
            try:
                return _data_key(kept, record, private_key, shares)
            except DecryptionError:
                continue
        raise


def current_data_key(
    record: ExportRecord, private_key: PrivateKey, shares: Sequence[Share] = ()
) -> DataKey:
    """The data key from the record's current envelope only: what a confirmation vouches for."""
    return _data_key(record.envelope, record, private_key, shares)


def replaced_envelopes(record: ExportRecord) -> list[bytes]:
    """Envelopes imports replaced, newest first, as the export carries them."""
    kept = record.meta.get("replaced_envelopes", [])
    return [b64d(e) for e in kept if isinstance(e, str)] if isinstance(kept, list) else []


def _data_key(
    envelope: bytes, record: ExportRecord, private_key: PrivateKey, shares: Sequence[Share]
) -> DataKey:
    record = replace(record, envelope=envelope)
    env = envelopes.parse(record.envelope, record.record_id)
    slot = env.slot_for(private_key.public_key().key_id)
    if slot is None or slot.role != envelopes.SHARE:
        return envelopes.unwrap(
            record.envelope, record_id=record.record_id, private_key=private_key
        )
    own = envelopes.unwrap_share(
        record.envelope, record_id=record.record_id, private_key=private_key
    )
    mine = [s for s in shares if s.record_id == record.record_id]
    return envelopes.combine_shares(
        [own, *mine], envelope=record.envelope, record_id=record.record_id
    )


def open_items(record: ExportRecord, key: DataKey) -> dict[str, bytes]:
    return {
        item: aead.open(key, blob, record_id=record.record_id, item=item)
        for item, blob in record.items.items()
    }


def own_shares(records: Iterable[ExportRecord], private_key: PrivateKey) -> Iterator[Share]:
    """This holder's share of every threshold record they hold a share of."""
    me = private_key.public_key().key_id
    for rec in records:
        slot = envelopes.parse(rec.envelope, rec.record_id).slot_for(me)
        if slot is None:
            raise DecryptionError(f"wrong key: key {me} holds nothing for record {rec.record_id!r}")
        if slot.role == envelopes.SHARE:
            yield envelopes.unwrap_share(
                rec.envelope, record_id=rec.record_id, private_key=private_key
            )


def rewrap(
    record: ExportRecord,
    private_key: PrivateKey,
    recipients: Recipients,
    shares: Sequence[Share] = (),
) -> bytes:
    """New envelope for ``recipients``; the data key never leaves this machine."""
    key = data_key(record, private_key, shares)
    return envelopes.rewrap(record.envelope, key, record_id=record.record_id, recipients=recipients)
