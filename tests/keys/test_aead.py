"""Per-item AES-256-GCM sealing: round trip, binding to record and item, tamper detection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import keys
from keys.encoding import frame
from tests.keys.conftest import flips


def test_round_trip_and_layout() -> None:
    dk = keys.DataKey.generate()
    blob = keys.seal(dk, b"testimony", record_id="r1", item="original")
    assert blob[0] == 1 and len(blob) == 1 + 12 + len(b"testimony") + 16
    assert b"testimony" not in blob
    assert keys.open(dk, blob, record_id="r1", item="original") == b"testimony"


def test_data_key_repr_hides_key() -> None:
    dk = keys.DataKey.generate()
    assert repr(dk) == "DataKey(<hidden>)"
    assert dk._key.hex() not in repr(dk)


@pytest.mark.parametrize(
    ("record_id", "item", "reason"),
    [("r2", "original", "another record"), ("r1", "memory", "another record or item")],
)
def test_wrong_record_or_item_is_rejected(record_id: str, item: str, reason: str) -> None:
    dk = keys.DataKey.generate()
    blob = keys.seal(dk, b"secret words", record_id="r1", item="original")
    with pytest.raises(keys.DecryptionError, match=reason) as err:
        keys.open(dk, blob, record_id=record_id, item=item)
    assert "secret words" not in str(err.value)


def test_wrong_data_key_is_rejected() -> None:
    blob = keys.seal(keys.DataKey.generate(), b"x", record_id="r1", item="original")
    with pytest.raises(keys.DecryptionError, match="wrong data key"):
        keys.open(keys.DataKey.generate(), blob, record_id="r1", item="original")


def test_every_flipped_byte_is_detected() -> None:
    dk = keys.DataKey.generate()
    blob = keys.seal(dk, b"A" * 64, record_id="r1", item="original")
    for i, bad in flips(blob):
        with pytest.raises(keys.DecryptionError):
            keys.open(dk, bad, record_id="r1", item="original")
        assert bad != blob, i


@pytest.mark.parametrize("cut", [0, 1, 13, 28])
def test_truncated_blob_is_rejected(cut: int) -> None:
    dk = keys.DataKey.generate()
    blob = keys.seal(dk, b"abc", record_id="r1", item="original")
    with pytest.raises(keys.DecryptionError):
        keys.open(dk, blob[:cut], record_id="r1", item="original")


@given(st.binary(max_size=2048), st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=20))
def test_round_trip_property(plaintext: bytes, record_id: str, item: str) -> None:
    dk = keys.DataKey.generate()
    blob = keys.seal(dk, plaintext, record_id=record_id, item=item)
    assert keys.open(dk, blob, record_id=record_id, item=item) == plaintext
    with pytest.raises(keys.DecryptionError):
        keys.open(dk, blob, record_id=record_id + "x", item=item)


@given(st.lists(st.binary(max_size=8), max_size=4), st.lists(st.binary(max_size=8), max_size=4))
def test_associated_data_framing_is_injective(a: list[bytes], b: list[bytes]) -> None:
    """Distinct (record, item, ...) tuples never share associated data."""
    assert (frame(*a) == frame(*b)) == (a == b)
