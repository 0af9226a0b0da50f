"""Hash-chained audit log: chain/verify, JSON-lines export, every tampered byte found."""

from __future__ import annotations

import pytest

from keys import audit
from tests.keys.conftest import flips


def _log(n: int, key: bytes | None = None) -> list[tuple[dict, str]]:
    entries, prev = [], audit.GENESIS
    for seq in range(1, n + 1):
        entry = {
            "seq": seq,
            "time": f"2025-01-01T00:00:{seq:02d}+00:00",
            "actor": "admin",
            "action": "export",
            "details": {"records": seq, "note": "экспорт"},
        }
        prev = audit.chain(prev, entry, key=key)
        entries.append((entry, prev))
    return entries


def test_intact_log_verifies_and_chain_is_deterministic() -> None:
    log = _log(5)
    assert audit.verify(log) is None
    assert log == _log(5)
    assert len(log[-1][1]) == 64 and audit.head(log) == log[-1][1]
    assert audit.head([]) == audit.GENESIS


@pytest.mark.parametrize("index", range(5))
def test_edited_entry_is_reported_at_its_index(index: int) -> None:
    log = _log(5)
    entry, digest = log[index]
    log[index] = ({**entry, "actor": "mallory"}, digest)
    assert audit.verify(log) == index


def test_deleted_inserted_and_reordered_entries() -> None:
    log = _log(5)
    assert audit.verify(log[:2] + log[3:]) == 2
    assert audit.verify([log[1], log[0], *log[2:]]) == 0
    assert audit.verify([*log[:3], log[1], *log[3:]]) == 3


def test_rechained_forgery_without_hmac_key_is_caught_with_key() -> None:
    key = b"k" * 32
    forged = _log(3)  # someone re-computed a plain SHA-256 chain
    assert audit.verify(forged) is None
    assert audit.verify(forged, key=key) == 0
    assert audit.verify(_log(3, key=key), key=key) is None


def test_jsonl_round_trip_and_every_flipped_byte_detected() -> None:
    log = _log(4)
    data = audit.to_jsonl(log)
    assert audit.parse_jsonl(data) == (log, None)
    assert audit.verify_jsonl(data) is None
    for i, bad in flips(data):
        broken = audit.verify_jsonl(bad)
        assert broken is not None, i
        line = data[:i].count(b"\n")
        assert broken == line, (i, broken, line)


def test_truncation_is_caught_only_against_a_known_head() -> None:
    log = _log(4)
    cut = audit.to_jsonl(log[:3])
    assert audit.verify_jsonl(cut) is None
    assert audit.verify_jsonl(cut, expect_head=audit.head(log)) == 3
    assert audit.verify_jsonl(audit.to_jsonl(log)[:-5]) == 3  # cut mid-line


def _rechained(log: list[tuple[dict, str]], drop: int, key: bytes | None) -> bytes:
    """A log with one entry deleted and every later hash recomputed (seq renumbered)."""
    kept = [entry for i, (entry, _) in enumerate(log) if i != drop]
    rebuilt, prev = [], audit.GENESIS
    for seq, entry in enumerate(kept, start=1):
        entry = {**entry, "seq": seq}
        prev = audit.chain(prev, entry, key=key)
        rebuilt.append((entry, prev))
    return audit.to_jsonl(rebuilt)


def test_keyed_chain_detects_deletion_and_recompute_without_the_key() -> None:
    """Review 10: someone with the database but not the server's audit key re-chains."""
    key = b"k" * 32
    log = _log(6, key=key)
    forged = _rechained(log, drop=2, key=None)
    assert audit.verify_jsonl(audit.to_jsonl(log), key=key) is None
    assert audit.verify_jsonl(forged, key=key) == 0


def test_a_head_recorded_earlier_detects_deletion_and_recompute() -> None:
    """Even re-chained with the key (a seized server), a signed export's head no longer fits."""
    key = b"k" * 32
    log = _log(6, key=key)
    recorded = f"4:{log[3][1]}"  # the head an earlier export carried
    assert audit.verify_jsonl(audit.to_jsonl(log), key=key, expect_head=recorded) is None
    forged = _rechained(log, drop=1, key=key)
    assert audit.verify_jsonl(forged, key=key) is None  # consistent on its own
    assert audit.verify_jsonl(forged, key=key, expect_head=recorded) == 3
    with pytest.raises(ValueError):
        audit.parse_head("x:abc")
