"""seal_to/open_sealed: direct multi-recipient HPKE for small payloads."""

from __future__ import annotations

import pytest

import keys
from tests.keys.conftest import flips


def test_every_recipient_opens(holders, x_holder) -> None:
    pks = [x_holder.public_key(), holders[0].public_key()]
    blob = keys.seal_to(pks, b"correction", record_id="r1", item="correction")
    assert b'correction"' not in blob.replace(b'"tk-sealed"', b"")
    for key in (x_holder, holders[0]):
        assert (
            keys.open_sealed(blob, record_id="r1", item="correction", private_key=key)
            == b"correction"
        )


def test_wrong_key_record_and_item(holders, x_holder) -> None:
    blob = keys.seal_to([x_holder.public_key()], b"c", record_id="r1", item="correction")
    with pytest.raises(keys.DecryptionError, match="wrong key"):
        keys.open_sealed(blob, record_id="r1", item="correction", private_key=holders[1])
    with pytest.raises(keys.DecryptionError, match="another record"):
        keys.open_sealed(blob, record_id="r2", item="correction", private_key=x_holder)
    with pytest.raises(keys.DecryptionError, match="another record"):
        keys.open_sealed(blob, record_id="r1", item="note", private_key=x_holder)


def test_every_flipped_byte_is_detected(x_holder) -> None:
    blob = keys.seal_to([x_holder.public_key()], b"c", record_id="r1", item="correction")
    for _, bad in flips(blob):
        with pytest.raises(keys.DecryptionError):
            keys.open_sealed(bad, record_id="r1", item="correction", private_key=x_holder)


def test_needs_a_recipient() -> None:
    with pytest.raises(ValueError, match="at least one recipient"):
        keys.seal_to([], b"c", record_id="r1", item="correction")
