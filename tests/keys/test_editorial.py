"""Editorial keyring: server-held key for redacted text, rotation without downtime."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

import keys
from tests.keys.conftest import flips


def test_seal_open_and_key_file_permissions(tmp_path: Path) -> None:
    ring = keys.EditorialKeyring.load_or_create(tmp_path / "ed")
    blob = ring.seal(b"redacted text", record_id="r1", item="redacted")
    assert b"redacted text" not in blob
    assert blob[1:9].hex() == ring.current_key_id
    assert ring.open(blob, record_id="r1", item="redacted") == b"redacted text"
    key_file = tmp_path / "ed" / "editorial-keys.json"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = keys.EditorialKeyring.load_or_create(tmp_path / "ed")
    assert again.current_key_id == ring.current_key_id


def test_binding_and_tampering(tmp_path: Path) -> None:
    ring = keys.EditorialKeyring.load_or_create(tmp_path)
    blob = ring.seal(b"text", record_id="r1", item="redacted")
    with pytest.raises(keys.DecryptionError, match="another record or item"):
        ring.open(blob, record_id="r2", item="redacted")
    for _, bad in flips(blob):
        with pytest.raises(keys.DecryptionError):
            ring.open(bad, record_id="r1", item="redacted")


def test_rotation_without_downtime(tmp_path: Path) -> None:
    worker_a = keys.EditorialKeyring.load_or_create(tmp_path)
    worker_b = keys.EditorialKeyring.load_or_create(tmp_path)
    old_id = worker_a.current_key_id
    old_blob = worker_a.seal(b"old", record_id="r1", item="redacted")

    new_id = worker_a.rotate()
    assert new_id != old_id and worker_a.current_key_id == new_id
    assert sorted(worker_a.key_ids) == sorted([old_id, new_id])
    new_blob = worker_a.seal(b"new", record_id="r2", item="redacted")
    # worker B has not reloaded yet: it still reads new blobs (reloads on unknown key id)
    assert worker_b.open(new_blob, record_id="r2", item="redacted") == b"new"
    assert worker_b.current_key_id == new_id

    assert worker_a.needs_reseal(old_blob) and not worker_a.needs_reseal(new_blob)
    resealed = worker_a.reseal(old_blob, record_id="r1", item="redacted")
    assert not worker_a.needs_reseal(resealed)
    worker_a.retire(old_id)
    assert worker_a.open(resealed, record_id="r1", item="redacted") == b"old"
    with pytest.raises(keys.DecryptionError, match="not in the keyring"):
        worker_a.open(old_blob, record_id="r1", item="redacted")
    with pytest.raises(ValueError, match="current"):
        worker_a.retire(new_id)


def test_corrupt_keyring_file(tmp_path: Path) -> None:
    keys.EditorialKeyring.load_or_create(tmp_path)
    path = tmp_path / "editorial-keys.json"
    obj = json.loads(path.read_text())
    obj["current"] = "00" * 8
    path.write_text(json.dumps(obj))
    with pytest.raises(keys.KeyFileError, match="unreadable or corrupt"):
        keys.EditorialKeyring.load_or_create(tmp_path)


def test_a_rotation_by_another_process_is_used_for_new_seals(tmp_path) -> None:
    """The CLI rotates while the server runs: the server must seal under the new key."""
    from keys import EditorialKeyring

    server = EditorialKeyring.load_or_create(tmp_path)
    cli = EditorialKeyring.load_or_create(tmp_path)
    new_id = cli.rotate()
    blob = server.seal(b"pseudonymised", record_id="r", item="redacted")
    assert server.key_id_of(blob) == new_id
    assert not cli.needs_reseal(blob)
