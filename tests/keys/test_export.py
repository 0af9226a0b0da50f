"""Export/import files across the air gap: signatures, binding, tamper detection."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import keys
from keys import holder
from keys.export import ExportRecord, read_export, read_import, write_export, write_import
from tests.keys.conftest import flips
from tests.keys.world import TESTIMONIES, build


@pytest.fixture
def world(tmp_path: Path, holders):
    server, _ = build(tmp_path, keys.Recipients([h.public_key() for h in holders]))
    return server


def test_export_verifies_and_decrypts_offline(world, holders) -> None:
    data = world.export()
    for rid, (text, _) in TESTIMONIES.items():
        assert text.encode() not in data and rid.encode() in data
    export = read_export(data, world.signing.verify_key())
    assert [r.record_id for r in export.records] == list(TESTIMONIES)
    for rec in export.records:
        items = holder.open_items(rec, holder.data_key(rec, holders[1]))
        text, names = TESTIMONIES[rec.record_id]
        assert items["original"].decode() == text
        assert json.loads(items["memory"]) == names
        assert rec.meta == {"language": "ru"}


def test_export_from_another_server_key_is_rejected(world) -> None:
    impostor = keys.SigningKey.generate()
    with pytest.raises(keys.DecryptionError, match="not signed by the expected server key"):
        read_export(write_export(world.export_records(), impostor), world.signing.verify_key())


def test_resigned_export_with_forged_signer_line_is_rejected(world) -> None:
    impostor = keys.SigningKey.generate()
    data = write_export(world.export_records(), impostor)
    forged = data.replace(
        impostor.verify_key().to_text().encode(), world.signing.verify_key().to_text().encode()
    )
    with pytest.raises(keys.DecryptionError, match="signature does not verify"):
        read_export(forged, world.signing.verify_key())


def test_every_tampered_byte_of_an_export_is_detected(world) -> None:
    data = world.export()
    vk = world.signing.verify_key()
    for _, bad in flips(data, stride=7):
        with pytest.raises(keys.DecryptionError, match="export file"):
            read_export(bad, vk)


@pytest.mark.parametrize("cut", [1, 100, 2000])
def test_truncated_export_is_rejected(world, cut: int) -> None:
    data = world.export()
    with pytest.raises(keys.DecryptionError, match="export file"):
        read_export(data[:-cut], world.signing.verify_key())


def test_swapped_ciphertexts_and_envelopes_between_records_are_detected(world, holders) -> None:
    a, b = world.export_records()[:2]
    swapped_items = ExportRecord(a.record_id, a.envelope, b.items)
    with pytest.raises(keys.DecryptionError, match="another record"):
        holder.open_items(swapped_items, holder.data_key(swapped_items, holders[0]))
    swapped_env = ExportRecord(a.record_id, b.envelope, a.items)
    with pytest.raises(keys.DecryptionError, match="belongs to record 'rec-0002'"):
        holder.data_key(swapped_env, holders[0])
    swapped_item_names = ExportRecord(a.record_id, a.envelope, {"original": a.items["memory"]})
    with pytest.raises(keys.DecryptionError, match="item 'original'"):
        holder.open_items(swapped_item_names, holder.data_key(a, holders[0]))


def _rotated(world, holders, new_holders):
    export_data = world.export()
    export = read_export(export_data, world.signing.verify_key())
    recipients = keys.Recipients([h.public_key() for h in new_holders])
    envs = {r.record_id: holder.rewrap(r, holders[0], recipients) for r in export.records}
    return export_data, write_import(export, envs, holders[0])


def test_import_round_trip(world, holders) -> None:
    export_data, import_data = _rotated(world, holders, holders[:2])
    result = read_import(
        import_data,
        export_data=export_data,
        server_key=world.signing.verify_key(),
        holders=[h.public_key() for h in holders],
    )
    assert [r.record_id for r in result] == list(TESTIMONIES)
    for r in result:
        assert r.replaces == hashlib.sha256(world.rows[r.record_id]["envelope"]).hexdigest()
        assert keys.unwrap(r.envelope, record_id=r.record_id, private_key=holders[1])


def test_import_signed_by_a_stranger_is_rejected(world, holders) -> None:
    export_data, _ = _rotated(world, holders, holders[:2])
    stranger = keys.PrivateKey.generate(keys.Suite.X25519)
    export = read_export(export_data, world.signing.verify_key())
    forged = write_import(export, {}, stranger)
    with pytest.raises(keys.DecryptionError, match="not signed by a configured key holder"):
        read_import(
            forged,
            export_data=export_data,
            server_key=world.signing.verify_key(),
            holders=[h.public_key() for h in holders],
        )


def test_import_for_another_export_is_rejected(world, holders) -> None:
    _, import_data = _rotated(world, holders, holders[:2])
    with pytest.raises(keys.DecryptionError, match="different export"):
        read_import(
            import_data,
            export_data=world.export(),
            server_key=world.signing.verify_key(),
            holders=[h.public_key() for h in holders],
        )


def test_import_with_an_envelope_for_a_different_data_key_is_rejected(world, holders) -> None:
    export_data = world.export()
    export = read_export(export_data, world.signing.verify_key())
    rid = export.records[0].record_id
    garbage = keys.wrap(
        keys.DataKey.generate(),
        record_id=rid,
        recipients=keys.Recipients([holders[0].public_key()]),
    )
    with pytest.raises(keys.DecryptionError, match="different data key"):
        read_import(
            write_import(export, {rid: garbage}, holders[0]),
            export_data=export_data,
            server_key=world.signing.verify_key(),
            holders=[h.public_key() for h in holders],
        )


def test_every_tampered_byte_of_an_import_is_detected(world, holders) -> None:
    export_data, import_data = _rotated(world, holders, holders[:2])
    for _, bad in flips(import_data, stride=11):
        with pytest.raises(keys.DecryptionError, match="import file"):
            read_import(
                bad,
                export_data=export_data,
                server_key=world.signing.verify_key(),
                holders=[h.public_key() for h in holders],
            )
