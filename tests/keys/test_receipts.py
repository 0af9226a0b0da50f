"""Receipt codes: one argon2id, two independent outputs; the sealed witness key."""

from __future__ import annotations

import pytest

import keys
from keys import kdf
from tests.keys.conftest import flips

SALT = b"s" * 16


def test_derivation_is_deterministic_and_normalised() -> None:
    a = keys.derive_receipt_keys("abcd-efgh 2345", SALT)
    b = keys.derive_receipt_keys("ABCDEFGH2345", SALT)
    assert a == b
    assert len(a.lookup) == len(a.secret) == 32 and a.lookup != a.secret


def test_different_code_or_salt_gives_unrelated_values() -> None:
    base = keys.derive_receipt_keys("ABCD", SALT)
    assert keys.derive_receipt_keys("ABCE", SALT).lookup != base.lookup
    assert keys.derive_receipt_keys("ABCD", b"t" * 16).secret != base.secret


def test_lookup_and_secret_are_hkdf_outputs_of_one_argon2id(monkeypatch) -> None:
    """Both come from a single memory-hard call; secret is not computable from lookup."""
    calls = []
    real = kdf.argon2id
    monkeypatch.setattr(kdf, "argon2id", lambda *a: calls.append(a) or real(*a))
    rk = keys.derive_receipt_keys("ABCD", SALT)
    assert len(calls) == 1 and calls[0][2] is kdf.RECEIPT_KDF
    master = real(b"ABCD", SALT, kdf.RECEIPT_KDF)
    assert rk.lookup == kdf.hkdf(master, b"tk-receipt-lookup-1")
    assert rk.secret == kdf.hkdf(master, b"tk-receipt-secret-1")
    assert rk.secret not in (kdf.hkdf(rk.lookup, b"tk-receipt-secret-1"), rk.lookup)


def test_repr_hides_values() -> None:
    rk = keys.derive_receipt_keys("ABCD", SALT)
    assert rk.secret.hex() not in repr(rk) and rk.lookup.hex() not in repr(rk)


@pytest.mark.parametrize(
    ("code", "salt", "message"),
    [
        (" - ", SALT, "empty receipt"),
        ("ABCD", b"short", "at least 16 bytes"),
    ],
)
def test_bad_inputs(code: str, salt: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        keys.derive_receipt_keys(code, salt)


def test_sealed_witness_key_round_trip_and_binding() -> None:
    wk = keys.PrivateKey.generate(keys.Suite.X25519)
    secret = keys.derive_receipt_keys("ABCD", SALT).secret
    blob = keys.seal_private_key(wk, secret=secret, record_id="r1")
    opened = keys.open_private_key(blob, secret=secret, record_id="r1")
    assert opened.public_key() == wk.public_key()
    wrong = keys.derive_receipt_keys("ABCE", SALT).secret
    with pytest.raises(keys.DecryptionError, match="wrong receipt code"):
        keys.open_private_key(blob, secret=wrong, record_id="r1")
    with pytest.raises(keys.DecryptionError, match="another record"):
        keys.open_private_key(blob, secret=secret, record_id="r2")
    for _, bad in flips(blob):
        with pytest.raises(keys.DecryptionError):
            keys.open_private_key(bad, secret=secret, record_id="r1")
