"""A seized server (database, key directory, configuration, exports) reveals no original
and no real name; the key holder's file plus passphrase reveals all of them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import keys
from keys import envelope as envelopes
from keys import hpke_suites
from keys.encoding import b64d
from keys.export import read_export
from tests.keys.world import TESTIMONIES, build

SECRET_ITEMS = ("original", "memory")


def _seize(server, tmp_path: Path) -> tuple[list[bytes], list[bytes]]:
    """Every byte the server holds, and every candidate key found among them."""
    blobs = [v for row in server.rows.values() for v in row.values()]
    files = [p.read_bytes() for p in sorted((tmp_path / "server-keys").rglob("*")) if p.is_file()]
    export_file = server.export()
    blobs += [*files, export_file, server.salt]
    blobs += [pk.to_text().encode() for pk in server.recipients.holders]
    ring = json.loads((tmp_path / "server-keys" / "editorial" / "editorial-keys.json").read_text())
    candidates = [b64d(k) for k in ring["keys"].values()]
    candidates.append(server.signing.raw())
    candidates += [row["receipt_lookup"] for row in server.rows.values()]
    candidates.append(hashlib.sha256(server.salt).digest())
    candidates += [hashlib.sha256(b).digest() for b in files]
    return blobs, candidates


def _plaintexts() -> list[bytes]:
    out = []
    for text, names in TESTIMONIES.values():
        out.append(text.encode())
        out += [name.encode() for name in names.values()]
    return out


def test_seized_server_reveals_no_original_and_no_real_name(tmp_path: Path, holders) -> None:
    server, _ = build(tmp_path, keys.Recipients([h.public_key() for h in holders]))
    blobs, candidates = _seize(server, tmp_path)
    assert len(candidates) >= 8

    # 1. nothing secret is stored in clear anywhere
    for secret in _plaintexts():
        assert not any(secret in blob for blob in blobs)
    # 2. what the server can legitimately read (editorial layer) has no real names
    for rid, row in server.rows.items():
        redacted = server.editorial.open(row["redacted"], record_id=rid, item="redacted")
        assert not any(name.encode() in redacted for name in TESTIMONIES[rid][1].values())
    # 3. try every key the server holds against every secret blob
    for key in candidates:
        as_hpke = {
            keys.Suite.X25519: hpke_suites.private_object(keys.Suite.X25519, key),
            keys.Suite.MLKEM768_X25519: hpke_suites.private_object(
                keys.Suite.MLKEM768_X25519, key + hashlib.sha256(key).digest() + key
            ),
        }
        for rid, row in server.rows.items():
            for item in SECRET_ITEMS:
                with pytest.raises(keys.DecryptionError):
                    keys.open(keys.DataKey(key), row[item], record_id=rid, item=item)
            with pytest.raises(keys.DecryptionError):
                keys.open_private_key(row["witness_key"], secret=key, record_id=rid)
            env = envelopes.parse(row["envelope"], rid)
            for slot in env.slots:
                info = envelopes._info(
                    rid,
                    slot.role,
                    slot.suite,
                    slot.index,
                    env.threshold,
                    slot.key_id,
                    env.key_check,
                )
                with pytest.raises(keys.DecryptionError):
                    hpke_suites.decrypt(slot.suite, as_hpke[slot.suite], slot.ct, info, "slot")


def test_key_holder_file_and_passphrase_recover_everything(tmp_path: Path, holders) -> None:
    server, _ = build(tmp_path, keys.Recipients([h.public_key() for h in holders]))
    key_file = tmp_path / "offline-laptop" / "holder.key"
    key_file.parent.mkdir()
    holders[1].save(key_file, "long passphrase on the offline laptop")
    key = keys.PrivateKey.load(key_file, "long passphrase on the offline laptop")
    export = read_export(server.export(), server.signing.verify_key())
    for rec in export.records:
        dk = keys.unwrap(rec.envelope, record_id=rec.record_id, private_key=key)
        text, names = TESTIMONIES[rec.record_id]
        assert (
            keys.open(dk, rec.items["original"], record_id=rec.record_id, item="original").decode()
            == text
        )
        assert (
            json.loads(keys.open(dk, rec.items["memory"], record_id=rec.record_id, item="memory"))
            == names
        )


def test_key_file_without_passphrase_is_useless(tmp_path: Path, holders) -> None:
    path = tmp_path / "holder.key"
    holders[0].save(path, "the right one")
    assert holders[0].to_bytes()[-64:] not in path.read_bytes()
    with pytest.raises(keys.KeyFileError, match="wrong passphrase"):
        keys.PrivateKey.load(path, "the wrong one")
