"""Key pairs, public-key lines and passphrase-encrypted key files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

import keys
from keys import kdf
from keys.keypair import read_public_key
from tests.keys.conftest import PRODUCTION_KDF, flips


@pytest.mark.parametrize("suite", list(keys.Suite))
def test_public_key_text_round_trip(suite: keys.Suite) -> None:
    pk = keys.PrivateKey.generate(suite).public_key()
    text = pk.to_text()
    assert text.startswith(f"tk-pub-1:{suite}:") and text.isascii() and "\n" not in text
    again = keys.PublicKey.from_text(text + "\n")
    assert again == pk and again.key_id == pk.key_id and again.suite is suite
    assert len(pk.key_id) == 16 and int(pk.key_id, 16) >= 0


def test_default_suite_is_hybrid() -> None:
    assert keys.PrivateKey.generate().suite is keys.Suite.MLKEM768_X25519


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("hello", "not a public key line"),
        ("tk-pub-1:rsa:AAAA", "unknown suite"),
        ("tk-pub-1:x25519:AAAA", "damaged"),
        ("tk-pub-1:x25519:!!!!", "damaged"),
    ],
)
def test_bad_public_key_text(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        keys.PublicKey.from_text(text)


def test_non_canonical_base64_spelling_is_rejected() -> None:
    """Lenient base64 would let a changed character through unnoticed."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    text = keys.PrivateKey.generate(keys.Suite.X25519).public_key().to_text()
    last = alphabet[alphabet.index(text[-1]) ^ 1]  # only unused padding bits differ
    with pytest.raises(ValueError, match="damaged"):
        keys.PublicKey.from_text(text[:-1] + last)


def test_key_file_round_trip_perms_and_no_plaintext(tmp_path: Path) -> None:
    key = keys.PrivateKey.generate()
    path = tmp_path / "holder.key"
    key.save(path, "correct horse")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text())
    assert data["format"] == "tk-keyfile" and data["version"] == 1
    assert data["kdf"]["name"] == "argon2id"
    assert key.to_bytes()[-32:].hex() not in path.read_text()
    loaded = keys.PrivateKey.load(path, "correct horse")
    assert loaded.public_key() == key.public_key()
    assert read_public_key(path) == key.public_key()


def test_wrong_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "holder.key"
    keys.PrivateKey.generate(keys.Suite.X25519).save(path, "right")
    with pytest.raises(keys.KeyFileError, match="wrong passphrase"):
        keys.PrivateKey.load(path, "wrong")


def test_empty_passphrase_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="empty passphrase"):
        keys.PrivateKey.generate(keys.Suite.X25519).save(tmp_path / "k", "")


def test_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(keys.KeyFileError, match="cannot read key file"):
        keys.PrivateKey.load(tmp_path / "nope.key", "x")


def test_every_corrupted_byte_of_a_key_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "holder.key"
    keys.PrivateKey.generate(keys.Suite.X25519).save(path, "pw")
    original = path.read_bytes()
    for i, bad in flips(original):
        if i == len(original) - 1:  # trailing newline is insignificant JSON whitespace
            continue
        path.write_bytes(bad)
        with pytest.raises(keys.KeyFileError):
            keys.PrivateKey.load(path, "pw")


def test_key_file_records_its_own_kdf_cost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "k"
    monkeypatch.setattr(kdf, "KEYFILE_KDF", kdf.Argon2Params(128, 2, 1))
    keys.PrivateKey.generate(keys.Suite.X25519).save(path, "pw")
    monkeypatch.setattr(kdf, "KEYFILE_KDF", kdf.Argon2Params(64, 1, 1))
    assert json.loads(path.read_text())["kdf"]["memory_kib"] == 128
    keys.PrivateKey.load(path, "pw")


def test_production_kdf_costs_are_memory_hard() -> None:
    keyfile_cost, receipt_cost = PRODUCTION_KDF
    assert keyfile_cost.memory_kib >= 64 * 1024 and keyfile_cost.time_cost >= 3
    # Receipts carry ~90 bits; OWASP's argon2id baseline is enough and bounds server load.
    assert receipt_cost.memory_kib >= 19 * 1024 and receipt_cost.time_cost >= 2
