"""Confirmations that re-sealed envelopes open, in "any M of N" mode as well."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import keys
from keys import holder, sharefile
from keys.confirmation import read_confirmation, rotated, write_confirmation
from keys.encoding import b64e
from keys.export import read_export
from tests.keys.world import build


def test_a_threshold_holder_confirms_only_with_the_shares_of_others(
    tmp_path: Path, holders: list[keys.PrivateKey]
) -> None:
    a, b, c = holders
    server, _ = build(tmp_path, keys.Recipients([a.public_key()]))
    kept = {rid: row["envelope"] for rid, row in server.rows.items()}
    new = keys.Recipients([k.public_key() for k in (a, b, c)], threshold=2)
    for rec in server.export_records():
        server.rows[rec.record_id]["envelope"] = holder.rewrap(rec, a, new)
    export = read_export(server.export(), server.signing.verify_key())
    records = [
        replace(r, meta={**r.meta, "replaced_envelopes": [b64e(kept[r.record_id])]})
        for r in export.records
    ]
    assert rotated(records) == records and rotated(export.records) == []

    with pytest.raises(keys.DecryptionError):  # one share of two opens nothing
        write_confirmation(records, b)
    shares = sharefile.read_shares(
        sharefile.write_shares(
            export, list(holder.own_shares(records, c)), sender=c, to=b.public_key()
        ),
        export,
        recipient=b,
    )
    confirmation = read_confirmation(
        write_confirmation(records, b, shares), [k.public_key() for k in (a, b, c)]
    )
    assert confirmation.signer == b.public_key()
    for rec in records:
        assert confirmation.covers(rec.record_id, rec.envelope)
        assert not confirmation.covers(rec.record_id, kept[rec.record_id])
