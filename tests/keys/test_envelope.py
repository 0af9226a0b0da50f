"""Envelopes: HPKE-sealed data keys, record binding, threshold M-of-N, tamper detection."""

from __future__ import annotations

import itertools
import json

import pytest

import keys
from keys.encoding import dumps
from tests.keys.conftest import flips


def _env(
    recipients: keys.Recipients, record_id: str = "rec-1", extra=()
) -> tuple[keys.DataKey, bytes]:
    dk = keys.DataKey.generate()
    return dk, keys.wrap(dk, record_id=record_id, recipients=recipients, extra=extra)


@pytest.mark.parametrize("suite", list(keys.Suite))
def test_each_holder_and_extra_key_unwraps(suite: keys.Suite) -> None:
    holders = [keys.PrivateKey.generate(suite) for _ in range(3)]
    witness = keys.PrivateKey.generate(keys.Suite.X25519)
    dk, env = _env(keys.Recipients([h.public_key() for h in holders]), extra=[witness.public_key()])
    for key in [*holders, witness]:
        assert keys.unwrap(env, record_id="rec-1", private_key=key) == dk
    assert dk._key not in env and dk._key.hex().encode() not in env


def test_envelope_is_versioned_json_binding_record_and_suite(holders) -> None:
    _, env = _env(keys.Recipients([holders[0].public_key()]))
    obj = json.loads(env)
    assert obj["format"] == "tk-envelope" and obj["version"] == 1
    assert obj["record_id"] == "rec-1"
    assert obj["slots"][0]["suite"] == "mlkem768-x25519"


def test_wrong_key_is_named(holders, x_holder) -> None:
    _, env = _env(keys.Recipients([holders[0].public_key()]))
    key_id = x_holder.public_key().key_id
    with pytest.raises(keys.DecryptionError, match=f"wrong key: key {key_id}"):
        keys.unwrap(env, record_id="rec-1", private_key=x_holder)


def test_envelope_of_another_record_is_rejected(holders) -> None:
    _, env = _env(keys.Recipients([holders[0].public_key()]), record_id="rec-B")
    with pytest.raises(keys.DecryptionError, match="belongs to record 'rec-B'"):
        keys.unwrap(env, record_id="rec-A", private_key=holders[0])


def test_rewritten_record_id_inside_envelope_is_detected(holders) -> None:
    """Editing the record id in the JSON does not help: HPKE info binds it."""
    _, env = _env(keys.Recipients([holders[0].public_key()]), record_id="rec-B")
    obj = json.loads(env)
    obj["record_id"] = "rec-A"
    with pytest.raises(keys.DecryptionError, match="does not decrypt"):
        keys.unwrap(dumps(obj), record_id="rec-A", private_key=holders[0])


def test_slot_moved_between_records_is_detected(holders) -> None:
    recipients = keys.Recipients([holders[0].public_key()])
    _, env_a = _env(recipients, "rec-A")
    _, env_b = _env(recipients, "rec-B")
    a, b = json.loads(env_a), json.loads(env_b)
    a["slots"] = b["slots"]
    with pytest.raises(keys.DecryptionError, match="does not decrypt"):
        keys.unwrap(dumps(a), record_id="rec-A", private_key=holders[0])


def test_every_flipped_byte_of_an_envelope_is_detected(holders, x_holder) -> None:
    _, env = _env(keys.Recipients([x_holder.public_key(), holders[0].public_key()]))
    for i, bad in flips(env):
        with pytest.raises(keys.DecryptionError):
            keys.unwrap(bad, record_id="rec-1", private_key=x_holder)
        with pytest.raises(keys.DecryptionError):
            keys.unwrap(bad, record_id="rec-1", private_key=holders[0])
        assert bad != env, i


@pytest.mark.parametrize(("m", "n"), [(0, 3), (4, 3), (-1, 1)])
def test_recipients_validate_threshold(m: int, n: int, holders) -> None:
    with pytest.raises(ValueError, match="1 <= M <= N"):
        keys.Recipients([h.public_key() for h in holders[:n]], threshold=m)


def test_recipients_reject_duplicates_and_empty(holders) -> None:
    with pytest.raises(ValueError, match="twice"):
        keys.Recipients([holders[0].public_key()] * 2)
    with pytest.raises(ValueError, match="between 1 and"):
        keys.Recipients([])


# --- threshold ---------------------------------------------------------------------

M, N = 3, 5


@pytest.fixture(scope="module")
def five() -> list[keys.PrivateKey]:
    return [keys.PrivateKey.generate(keys.Suite.X25519) for _ in range(N)]


@pytest.fixture(scope="module")
def threshold_env(five) -> tuple[keys.DataKey, bytes]:
    dk = keys.DataKey.generate()
    recipients = keys.Recipients([k.public_key() for k in five], threshold=M)
    return dk, keys.wrap(dk, record_id="rec-T", recipients=recipients)


def _shares(env: bytes, holders, record_id: str = "rec-T") -> list[keys.Share]:
    return [keys.unwrap_share(env, record_id=record_id, private_key=h) for h in holders]


@pytest.mark.parametrize("subset", list(itertools.combinations(range(N), M)))
def test_any_m_shares_recover_the_data_key(subset, five, threshold_env) -> None:
    dk, env = threshold_env
    shares = _shares(env, [five[i] for i in subset])
    assert keys.combine_shares(shares, envelope=env, record_id="rec-T") == dk


@pytest.mark.parametrize("subset", list(itertools.combinations(range(N), M - 1)))
def test_m_minus_one_shares_fail(subset, five, threshold_env) -> None:
    _, env = threshold_env
    shares = _shares(env, [five[i] for i in subset])
    with pytest.raises(keys.DecryptionError, match=f"needs {M} shares, only {M - 1} given"):
        keys.combine_shares(shares, envelope=env, record_id="rec-T")


def test_duplicate_shares_do_not_count_twice(five, threshold_env) -> None:
    _, env = threshold_env
    shares = _shares(env, five[:2])
    with pytest.raises(keys.DecryptionError, match="only 2 given"):
        keys.combine_shares([*shares, shares[0]], envelope=env, record_id="rec-T")


def test_unwrap_on_threshold_envelope_explains_shares(five, threshold_env) -> None:
    _, env = threshold_env
    with pytest.raises(keys.DecryptionError, match=f"needs {M} shares of {N}"):
        keys.unwrap(env, record_id="rec-T", private_key=five[0])


def test_share_from_another_testimony_is_rejected(five, threshold_env) -> None:
    _, env = threshold_env
    other = keys.wrap(
        keys.DataKey.generate(),
        record_id="rec-U",
        recipients=keys.Recipients([k.public_key() for k in five], threshold=M),
    )
    foreign = keys.unwrap_share(other, record_id="rec-U", private_key=five[2])
    own = _shares(env, five[:2])
    with pytest.raises(keys.DecryptionError, match="share of record 'rec-U' cannot be used"):
        keys.combine_shares([*own, foreign], envelope=env, record_id="rec-T")


def test_share_from_another_testimony_under_a_false_label_is_rejected(five, threshold_env) -> None:
    """Relabelling a foreign share does not help: the key check catches the wrong key."""
    _, env = threshold_env
    own = _shares(env, five[:2])
    other = keys.wrap(
        keys.DataKey.generate(),
        record_id="rec-U",
        recipients=keys.Recipients([k.public_key() for k in five], threshold=M),
    )
    foreign = keys.unwrap_share(other, record_id="rec-U", private_key=five[2])
    forged = keys.Share("rec-T", foreign.index, M, own[0].key_check, foreign.value)
    with pytest.raises(keys.DecryptionError, match="fails its key check"):
        keys.combine_shares([*own, forged], envelope=env, record_id="rec-T")


def test_sealed_share_slot_transplanted_from_another_envelope_is_rejected(five) -> None:
    recipients = keys.Recipients([k.public_key() for k in five], threshold=M)
    env_t = json.loads(keys.wrap(keys.DataKey.generate(), record_id="rec-T", recipients=recipients))
    env_u = json.loads(keys.wrap(keys.DataKey.generate(), record_id="rec-U", recipients=recipients))
    env_t["slots"][0] = env_u["slots"][0]
    with pytest.raises(keys.DecryptionError, match="does not decrypt"):
        keys.unwrap_share(dumps(env_t), record_id="rec-T", private_key=five[0])


def test_extra_key_unwraps_a_threshold_envelope_alone(five) -> None:
    witness = keys.PrivateKey.generate(keys.Suite.X25519)
    dk = keys.DataKey.generate()
    env = keys.wrap(
        dk,
        record_id="r",
        extra=[witness.public_key()],
        recipients=keys.Recipients([k.public_key() for k in five], threshold=M),
    )
    assert keys.unwrap(env, record_id="r", private_key=witness) == dk
