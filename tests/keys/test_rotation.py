"""Rotation: change key holders or M offline; the server never sees a data key."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import keys
from keys import holder, sharefile
from keys.export import read_export, read_import, write_import
from tests.keys.world import TESTIMONIES, build


def _rotate(
    server, by: keys.PrivateKey, new: keys.Recipients, trusted: list[keys.PublicKey]
) -> None:
    """Server exports, key holder rewraps offline, server verifies and applies the import."""
    export_data = server.export()
    export = read_export(export_data, server.signing.verify_key())
    envs = {r.record_id: holder.rewrap(r, by, new) for r in export.records}
    import_data = write_import(export, envs, by)
    for r in read_import(
        import_data,
        export_data=export_data,
        server_key=server.signing.verify_key(),
        holders=trusted,
    ):
        row = server.rows[r.record_id]
        assert r.replaces == hashlib.sha256(row["envelope"]).hexdigest()  # compare-and-swap
        row["envelope"] = r.envelope
    server.recipients = new


def _read_all(server, key: keys.PrivateKey, shares=()) -> dict[str, str]:
    out = {}
    for rec in server.export_records():
        items = holder.open_items(rec, holder.data_key(rec, key, shares))
        out[rec.record_id] = items["original"].decode()
    return out


@pytest.fixture
def abc_d(holders):
    return [*holders, keys.PrivateKey.generate(keys.Suite.X25519)]


def test_remove_c_add_d_and_raise_threshold(tmp_path: Path, abc_d) -> None:
    a, b, c, d = abc_d
    server, receipts = build(tmp_path, keys.Recipients([k.public_key() for k in (a, b, c)]))
    before = [r["envelope"] for r in server.rows.values()]
    new = keys.Recipients([k.public_key() for k in (a, b, d)], threshold=2)
    _rotate(server, a, new, trusted=[k.public_key() for k in (a, b, c)])
    assert before != [r["envelope"] for r in server.rows.values()]
    late_receipt = server.submit("rec-late", "Written after the rotation.", {"P1": "Late"})

    expected = {rid: text for rid, (text, _) in TESTIMONIES.items()}
    expected["rec-late"] = "Written after the rotation."
    # every pair of the new set reads every old (and new) testimony
    export_data = server.export()
    export = read_export(export_data, server.signing.verify_key())
    for combiner, sender in [(a, b), (b, d), (d, a)]:
        data = sharefile.write_shares(
            export,
            list(holder.own_shares(export.records, sender)),
            sender=sender,
            to=combiner.public_key(),
        )
        shares = sharefile.read_shares(data, export, recipient=combiner)
        assert _read_all(server, combiner, shares) == expected
    # the removed holder's key opens nothing any more, old records or new
    for rec in server.export_records():
        with pytest.raises(keys.DecryptionError, match="wrong key"):
            holder.data_key(rec, c)
    # the witness key survived the rewrap: follow-ups still work
    for rid, receipt in {**receipts, "rec-late": late_receipt}.items():
        rk = keys.derive_receipt_keys(receipt, server.salt)
        wk = keys.open_private_key(server.rows[rid]["witness_key"], secret=rk.secret, record_id=rid)
        dk = keys.unwrap(server.rows[rid]["envelope"], record_id=rid, private_key=wk)
        assert (
            keys.open(dk, server.rows[rid]["original"], record_id=rid, item="original").decode()
            == expected[rid]
        )


def test_lower_threshold_back_to_one_using_shares(tmp_path: Path, holders) -> None:
    a, b, c = holders
    server, _ = build(tmp_path, keys.Recipients([k.public_key() for k in holders], threshold=2))
    export_data = server.export()
    export = read_export(export_data, server.signing.verify_key())
    shares = sharefile.read_shares(
        sharefile.write_shares(
            export, list(holder.own_shares(export.records, b)), sender=b, to=a.public_key()
        ),
        export,
        recipient=a,
    )
    new = keys.Recipients([a.public_key(), c.public_key()], threshold=1)
    envs = {r.record_id: holder.rewrap(r, a, new, shares) for r in export.records}
    for r in read_import(
        write_import(export, envs, a),
        export_data=export_data,
        server_key=server.signing.verify_key(),
        holders=[k.public_key() for k in holders],
    ):
        server.rows[r.record_id]["envelope"] = r.envelope
    assert _read_all(server, c) == {rid: t for rid, (t, _) in TESTIMONIES.items()}
    for rec in server.export_records():
        with pytest.raises(keys.DecryptionError, match="wrong key"):
            holder.data_key(rec, b)
    assert json.loads(server.rows["rec-0001"]["envelope"])["threshold"] == 1
