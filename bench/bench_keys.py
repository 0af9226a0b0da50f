"""Throughput of the testimony crypto path next to bare AES-256-GCM.

Seal = DataKey.generate + wrap to 3 key holders + seal; open = unwrap + open.
Run: python bench/bench_keys.py [--seconds 0.5]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from rich.console import Console
from rich.table import Table

import keys
from keys import kdf

SIZES = {"1 KB": 1024, "10 KB": 10 * 1024, "1 MB": 1024 * 1024}


def rate(fn: Callable[[], object], seconds: float) -> float:
    fn()
    n, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        fn()
        n += 1
    return n / elapsed


def once(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=0.5, help="time per measurement")
    seconds = parser.parse_args().seconds
    console = Console(width=140)

    table = Table(title="Seal/open per testimony (3 key holders, threshold 1)")
    for col in (
        "suite",
        "size",
        "seal ops/s",
        "open ops/s",
        "AES-GCM enc ops/s",
        "AES-GCM dec ops/s",
        "overhead bytes",
    ):
        table.add_column(col, justify="right")
    for suite in keys.Suite:
        holders = [keys.PrivateKey.generate(suite) for _ in range(3)]
        recipients = keys.Recipients([h.public_key() for h in holders])
        for label, size in SIZES.items():
            data = os.urandom(size)

            def seal(
                data: bytes = data, recipients: keys.Recipients = recipients
            ) -> tuple[bytes, bytes]:
                dk = keys.DataKey.generate()
                env = keys.wrap(dk, record_id="bench", recipients=recipients)
                return env, keys.seal(dk, data, record_id="bench", item="original")

            env, blob = seal()

            def open_(
                env: bytes = env, blob: bytes = blob, key: keys.PrivateKey = holders[0]
            ) -> bytes:
                dk = keys.unwrap(env, record_id="bench", private_key=key)
                return keys.open(dk, blob, record_id="bench", item="original")

            aes, nonce = AESGCM(os.urandom(32)), os.urandom(12)
            ct = aes.encrypt(nonce, data, None)
            table.add_row(
                str(suite),
                label,
                f"{rate(seal, seconds):,.0f}",
                f"{rate(open_, seconds):,.0f}",
                f"{rate(lambda a=aes, d=data: a.encrypt(os.urandom(12), d, None), seconds):,.0f}",
                f"{rate(lambda a=aes, c=ct, n=nonce: a.decrypt(n, c, None), seconds):,.0f}",
                f"{len(env) + len(blob) - size:,}",
            )
    console.print(table)

    costs = Table(title="Memory-hard KDF at production cost (one call)")
    costs.add_column("operation")
    costs.add_column("parameters")
    costs.add_column("seconds", justify="right")
    costs.add_row(
        "derive_receipt_keys",
        str(kdf.RECEIPT_KDF),
        f"{once(lambda: keys.derive_receipt_keys('ABCD-EFGH-JKLM', b's' * 16)):.2f}",
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "k"
        key = keys.PrivateKey.generate()
        costs.add_row(
            "PrivateKey.save",
            str(kdf.KEYFILE_KDF),
            f"{once(lambda: key.save(path, 'passphrase')):.2f}",
        )
        costs.add_row(
            "PrivateKey.load",
            str(kdf.KEYFILE_KDF),
            f"{once(lambda: keys.PrivateKey.load(path, 'passphrase')):.2f}",
        )
    console.print(costs)


if __name__ == "__main__":
    main()
