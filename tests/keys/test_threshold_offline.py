"""Offline "any M of N": holders send sealed share files to one combining holder."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

import keys
from keys import holder, sharefile
from keys.export import read_export
from tests.keys.conftest import flips
from tests.keys.world import TESTIMONIES, build

M, N = 2, 3


@pytest.fixture
def setup(tmp_path: Path, holders):
    server, _ = build(tmp_path, keys.Recipients([h.public_key() for h in holders], threshold=M))
    export = read_export(server.export(), server.signing.verify_key())
    return server, export


def _share_file(export, sender, combiner) -> bytes:
    return sharefile.write_shares(
        export,
        list(holder.own_shares(export.records, sender)),
        sender=sender,
        to=combiner.public_key(),
    )


@pytest.mark.parametrize(("combiner", "sender"), list(itertools.permutations(range(N), 2)))
def test_any_two_holders_decrypt_everything(setup, holders, combiner: int, sender: int) -> None:
    _, export = setup
    data = _share_file(export, holders[sender], holders[combiner])
    shares = sharefile.read_shares(data, export, recipient=holders[combiner])
    assert len(shares) == len(TESTIMONIES)
    for rec in export.records:
        items = holder.open_items(rec, holder.data_key(rec, holders[combiner], shares))
        text, names = TESTIMONIES[rec.record_id]
        assert items["original"].decode() == text and json.loads(items["memory"]) == names


@pytest.mark.parametrize("alone", range(N))
def test_one_holder_alone_cannot_decrypt(setup, holders, alone: int) -> None:
    _, export = setup
    for rec in export.records:
        with pytest.raises(keys.DecryptionError, match=f"needs {M} shares, only 1 given"):
            holder.data_key(rec, holders[alone])


def test_share_file_is_sealed_to_the_combiner_only(setup, holders) -> None:
    _, export = setup
    data = _share_file(export, holders[1], holders[0])
    with pytest.raises(keys.DecryptionError, match="addressed to key"):
        sharefile.read_shares(data, export, recipient=holders[2])
    for share in holder.own_shares(export.records, holders[1]):
        assert share.value not in data


def test_share_file_for_another_export_is_rejected(setup, holders) -> None:
    server, export = setup
    data = _share_file(export, holders[1], holders[0])
    other = read_export(server.export(), server.signing.verify_key())
    with pytest.raises(keys.DecryptionError, match="different export"):
        sharefile.read_shares(data, other, recipient=holders[0])


def test_share_of_another_testimony_is_rejected(setup, holders) -> None:
    _, export = setup
    received = sharefile.read_shares(
        _share_file(export, holders[1], holders[0]), export, recipient=holders[0]
    )
    rec_a = export.records[1]
    foreign = next(s for s in received if s.record_id != rec_a.record_id)
    own = list(holder.own_shares([rec_a], holders[0]))
    with pytest.raises(keys.DecryptionError, match="cannot be used for record"):
        keys.combine_shares([*own, foreign], envelope=rec_a.envelope, record_id=rec_a.record_id)


def test_every_tampered_byte_of_a_share_file_is_detected(setup, holders) -> None:
    _, export = setup
    data = _share_file(export, holders[1], holders[0])
    for _, bad in flips(data, stride=5):
        with pytest.raises(keys.DecryptionError, match="share file"):
            sharefile.read_shares(bad, export, recipient=holders[0])


def test_share_file_from_a_non_holder_is_rejected(setup, holders) -> None:
    _, export = setup
    stranger = keys.PrivateKey.generate(keys.Suite.X25519)
    forged = sharefile.write_shares(
        export,
        [keys.Share(export.records[0].record_id, 2, M, b"\0" * 32, b"\0" * 32)],
        sender=stranger,
        to=holders[0].public_key(),
    )
    with pytest.raises(keys.DecryptionError, match="holds no share"):
        sharefile.read_shares(forged, export, recipient=holders[0])
