"""The whole intake flow as the server runs it, and as a key holder reads it back."""

from __future__ import annotations

import json

import keys

SALT = b"server-receipt-salt!"


def test_submission_follow_up_and_key_holder_read(holders) -> None:
    recipients = keys.Recipients([h.public_key() for h in holders], threshold=1)
    record_id = "7f1c0c1e-2d4a-4a53-9c11-0d9b1e1f2a3b"

    # --- submission (server) ---
    receipt = "K7QX-M2PD-9HZT"
    rk = keys.derive_receipt_keys(receipt, SALT)
    dk = keys.DataKey.generate()
    wk = keys.PrivateKey.generate(keys.Suite.X25519)
    db = {
        "envelope": keys.wrap(
            dk, record_id=record_id, recipients=recipients, extra=[wk.public_key()]
        ),
        "original": keys.seal(
            dk, "Я отказался выполнять приказ.".encode(), record_id=record_id, item="original"
        ),
        "memory": keys.seal(
            dk, json.dumps({"P1": "Ivan Petrov"}).encode(), record_id=record_id, item="memory"
        ),
        "witness_key": keys.seal_private_key(wk, secret=rk.secret, record_id=record_id),
        "receipt_lookup": rk.lookup,
    }
    del dk, wk, rk  # the server forgets everything secret after the request

    # --- follow-up: the witness returns with the receipt (typed differently) ---
    rk = keys.derive_receipt_keys("k7qx m2pd 9hzt", SALT)
    assert rk.lookup == db["receipt_lookup"]
    wk = keys.open_private_key(db["witness_key"], secret=rk.secret, record_id=record_id)
    dk = keys.unwrap(db["envelope"], record_id=record_id, private_key=wk)
    db["follow-up/1"] = keys.seal(dk, b"They came back.", record_id=record_id, item="follow-up/1")
    del dk, wk, rk

    # --- key holder, offline ---
    holder_dk = keys.unwrap(db["envelope"], record_id=record_id, private_key=holders[2])
    opened = {
        item: keys.open(holder_dk, db[item], record_id=record_id, item=item)
        for item in ("original", "memory", "follow-up/1")
    }
    assert opened == {
        "original": "Я отказался выполнять приказ.".encode(),
        "memory": b'{"P1": "Ivan Petrov"}',
        "follow-up/1": b"They came back.",
    }
