"""The per-testimony envelope: one data key, sealed with HPKE to each key holder.

Threshold 1: every holder gets the whole data key. Threshold M > 1: the key is split
M-of-N and each holder gets one share. ``extra`` keys (the witness's per-record key)
always get the whole key. Every slot's HPKE ``info`` binds the format version, record
id, suite, role, share index, threshold and a key-check value, so a slot cannot be
moved to another record, role or recipient. The key-check value (HKDF of the data key)
commits the envelope to one data key: all recipients provably get the same key, and
combined shares are verified before use. Finally a MAC under a key derived from the
data key covers the whole envelope, so any recipient detects a change to *any* slot.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass, field

from keys.aead import DataKey
from keys.encoding import b64d, b64e, dumps, fields, frame, loads_canonical
from keys.errors import DecryptionError
from keys.hpke_suites import Suite
from keys.kdf import hkdf
from keys.keypair import PrivateKey, PublicKey
from keys.threshold import MAX_SHARES, combine_secret, split_secret

FORMAT = "tk-envelope"
VERSION = 1
HOLDER, SHARE, EXTRA = "holder", "share", "extra"


@dataclass(frozen=True)
class Recipients:
    """Key holders and how many of them must cooperate ("any M of N")."""

    holders: Sequence[PublicKey]
    threshold: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "holders", tuple(self.holders))
        n = len(self.holders)
        if not 1 <= n <= MAX_SHARES:
            raise ValueError(f"need between 1 and {MAX_SHARES} key holders, got {n}")
        if not 1 <= self.threshold <= n:
            raise ValueError(f"threshold must satisfy 1 <= M <= N (M={self.threshold}, N={n})")
        if len({h.key_id for h in self.holders}) != n:
            raise ValueError("the same key holder is listed twice")


@dataclass(frozen=True)
class Share:
    """One holder's Shamir share of one record's data key (secret: handle like a key)."""

    record_id: str
    index: int
    threshold: int
    key_check: bytes
    value: bytes = field(repr=False)


@dataclass(frozen=True)
class _Slot:
    role: str
    key_id: str
    suite: Suite
    index: int
    ct: bytes


@dataclass(frozen=True)
class Envelope:
    """Parsed envelope (no secrets inside)."""

    record_id: str
    threshold: int
    key_check: bytes
    slots: tuple[_Slot, ...]
    body: bytes = field(repr=False)
    mac: bytes = field(repr=False)

    def holder_ids(self) -> list[str]:
        return [s.key_id for s in self.slots if s.role != EXTRA]

    def slot_for(self, key_id: str) -> _Slot | None:
        return next((s for s in self.slots if s.key_id == key_id), None)


def key_check(data_key: DataKey, record_id: str) -> bytes:
    return hkdf(data_key._key, frame(b"tk-key-check", VERSION, record_id))


def _mac(data_key: DataKey, body: bytes) -> bytes:
    mac_key = hkdf(data_key._key, frame(b"tk-envelope-mac", VERSION))
    return hmac.new(mac_key, body, hashlib.sha256).digest()


def _info(
    record_id: str,
    slot_role: str,
    suite: Suite,
    index: int,
    threshold: int,
    key_id: str,
    check: bytes,
) -> bytes:
    bound_threshold = threshold if slot_role == SHARE else 0
    return frame(
        b"tk-envelope", VERSION, record_id, suite, slot_role, index, bound_threshold, key_id, check
    )


def _seal_slot(
    pk: PublicKey,
    role: str,
    index: int,
    threshold: int,
    payload: bytes,
    record_id: str,
    check: bytes,
) -> dict:
    info = _info(record_id, role, pk.suite, index, threshold, pk.key_id, check)
    return {
        "role": role,
        "key_id": pk.key_id,
        "suite": str(pk.suite),
        "index": index,
        "ct": b64e(pk.encrypt(payload, info)),
    }


def _encode(data_key: DataKey, record_id: str, threshold: int, slots: list[dict]) -> bytes:
    body = {
        "format": FORMAT,
        "version": VERSION,
        "record_id": record_id,
        "threshold": threshold,
        "key_check": b64e(key_check(data_key, record_id)),
        "slots": slots,
    }
    return dumps({**body, "mac": b64e(_mac(data_key, dumps(body)))})


def wrap(
    data_key: DataKey, *, record_id: str, recipients: Recipients, extra: Sequence[PublicKey] = ()
) -> bytes:
    """Seal ``data_key`` for the key holders (and whole to each ``extra`` key)."""
    check = key_check(data_key, record_id)
    m = recipients.threshold
    if m == 1:
        slots = [
            _seal_slot(pk, HOLDER, 0, 1, data_key._key, record_id, check)
            for pk in recipients.holders
        ]
    else:
        shares = split_secret(data_key._key, m, len(recipients.holders))
        slots = [
            _seal_slot(pk, SHARE, i, m, value, record_id, check)
            for pk, (i, value) in zip(recipients.holders, shares, strict=True)
        ]
    slots += [_seal_slot(pk, EXTRA, 0, 0, data_key._key, record_id, check) for pk in extra]
    return _encode(data_key, record_id, m, slots)


def parse(envelope: bytes, record_id: str) -> Envelope:
    """Validate structure and record binding; DecryptionError if malformed or misplaced."""
    try:
        obj = fields(
            loads_canonical(envelope, "envelope"),
            "envelope",
            format=str,
            version=int,
            record_id=str,
            threshold=int,
            key_check=str,
            slots=list,
            mac=str,
        )
        if obj["format"] != FORMAT or obj["version"] != VERSION:
            raise ValueError("unknown envelope format or version")
        slots = []
        for s in obj["slots"]:
            fields(s, "envelope slot", role=str, key_id=str, suite=str, index=int, ct=str)
            slots.append(
                _Slot(s["role"], s["key_id"], Suite(s["suite"]), s["index"], b64d(s["ct"]))
            )
        mac = b64d(obj.pop("mac"))
        env = Envelope(
            obj["record_id"],
            obj["threshold"],
            b64d(obj["key_check"]),
            tuple(slots),
            dumps(obj),
            mac,
        )
        _check_shape(env)
    except ValueError as exc:
        raise DecryptionError(f"envelope for record {record_id!r} is corrupt: {exc}") from None
    if env.record_id != record_id:
        raise DecryptionError(
            f"envelope belongs to record {env.record_id!r}, not {record_id!r} (swapped?)"
        )
    return env


def _check_shape(env: Envelope) -> None:
    roles = {s.role for s in env.slots if s.role != EXTRA}
    holders = env.holder_ids()
    if roles - {HOLDER, SHARE} or len(holders) != len(set(holders)) or not holders:
        raise ValueError("bad slots")
    if env.threshold == 1 and roles != {HOLDER}:
        raise ValueError("threshold 1 envelope must hold whole keys")
    if env.threshold > 1:
        indices = sorted(s.index for s in env.slots if s.role == SHARE)
        if (
            roles != {SHARE}
            or indices != list(range(1, len(indices) + 1))
            or (env.threshold > len(indices))
        ):
            raise ValueError("bad threshold slots")
    if env.threshold < 1 or len(env.key_check) != 32:
        raise ValueError("bad header")


def _open_slot(env: Envelope, private_key: PrivateKey) -> tuple[_Slot, bytes]:
    pk = private_key.public_key()
    slot = env.slot_for(pk.key_id)
    if slot is None:
        raise DecryptionError(
            f"wrong key: key {pk.key_id} is not a recipient of record {env.record_id!r}"
        )
    if slot.suite != pk.suite:
        raise DecryptionError(f"envelope slot for key {pk.key_id} has the wrong suite")
    info = _info(
        env.record_id, slot.role, slot.suite, slot.index, env.threshold, pk.key_id, env.key_check
    )
    payload = private_key.decrypt(slot.ct, info, f"envelope of record {env.record_id!r}")
    if len(payload) != 32:
        raise DecryptionError(f"envelope of record {env.record_id!r} is corrupt")
    return slot, payload


def _verified(env: Envelope, key: bytes) -> DataKey:
    dk = DataKey(key)
    if not hmac.compare_digest(key_check(dk, env.record_id), env.key_check):
        raise DecryptionError(
            f"data key for record {env.record_id!r} fails its key check "
            "(corrupt share or forged envelope)"
        )
    if not hmac.compare_digest(_mac(dk, env.body), env.mac):
        raise DecryptionError(f"envelope of record {env.record_id!r} was modified")
    return dk


def unwrap(envelope: bytes, *, record_id: str, private_key: PrivateKey) -> DataKey:
    """Recover the data key as a threshold-1 holder or an ``extra`` key."""
    env = parse(envelope, record_id)
    slot = env.slot_for(private_key.public_key().key_id)
    if slot is not None and slot.role == SHARE:
        raise DecryptionError(
            f"record {record_id!r} needs {env.threshold} shares of "
            f"{len(env.holder_ids())} to decrypt; use share/combine"
        )
    _, key = _open_slot(env, private_key)
    return _verified(env, key)


def unwrap_share(envelope: bytes, *, record_id: str, private_key: PrivateKey) -> Share:
    """Recover this holder's share of a threshold envelope."""
    env = parse(envelope, record_id)
    slot, value = _open_slot(env, private_key)
    if slot.role != SHARE:
        raise DecryptionError(f"record {record_id!r} is not threshold-sealed; use unwrap")
    return Share(record_id, slot.index, env.threshold, env.key_check, value)


def combine_shares(shares: Sequence[Share], *, envelope: bytes, record_id: str) -> DataKey:
    """Combine M shares into the data key, rejecting shares of other records."""
    env = parse(envelope, record_id)
    by_index: dict[int, Share] = {}
    for share in shares:
        if share.record_id != record_id or not hmac.compare_digest(share.key_check, env.key_check):
            raise DecryptionError(
                f"a share of record {share.record_id!r} cannot be used for record {record_id!r}"
            )
        by_index[share.index] = share
    if len(by_index) < env.threshold:
        raise DecryptionError(
            f"record {record_id!r} needs {env.threshold} shares, only {len(by_index)} given"
        )
    chosen = sorted(by_index.values(), key=lambda s: s.index)[: env.threshold]
    key = combine_secret([(s.index, s.value) for s in chosen])
    return _verified(env, key)


def rewrap(envelope: bytes, data_key: DataKey, *, record_id: str, recipients: Recipients) -> bytes:
    """New envelope for new recipients, same data key, keeping ``extra`` slots verbatim.

    Extra slots (the witness key) cannot be re-created offline because key holders do
    not have the witness's public key; their ``info`` does not bind the threshold, so
    they stay valid under the new header.
    """
    env = parse(envelope, record_id)
    _verified(env, data_key._key)
    fresh = parse(wrap(data_key, record_id=record_id, recipients=recipients), record_id)
    slots = [*fresh.slots, *(s for s in env.slots if s.role == EXTRA)]
    return _encode(
        data_key,
        record_id,
        fresh.threshold,
        [
            {
                "role": s.role,
                "key_id": s.key_id,
                "suite": str(s.suite),
                "index": s.index,
                "ct": b64e(s.ct),
            }
            for s in slots
        ],
    )
