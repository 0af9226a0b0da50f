"""Key derivation: argon2id for human secrets, HKDF-SHA256 for splitting keys.

Argon2 cost parameters are module-level objects (``KEYFILE_KDF``, ``RECEIPT_KDF``) so
that production uses realistic costs while tests may monkeypatch cheaper ones.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


@dataclass(frozen=True)
class Argon2Params:
    memory_kib: int
    time_cost: int
    parallelism: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def check(self) -> None:
        """Refuse parameters that are absurd (too weak, or a denial-of-service)."""
        if not (
            8 <= self.memory_kib <= 4 * 1024 * 1024
            and 1 <= self.time_cost <= 64
            and 1 <= self.parallelism <= 64
        ):
            raise ValueError("argon2id parameters out of range")


# Key-holder key files: opened rarely, on the holder's own laptop -> expensive.
KEYFILE_KDF = Argon2Params(memory_kib=256 * 1024, time_cost=3, parallelism=4)
# Receipt codes: derived on the server at every witness visit. A receipt carries ~90 bits of
# entropy, so the work factor adds little; OWASP's baseline (19 MiB, t=2) keeps the hash slow
# without handing anyone a cheap way to tie up the server's memory and CPU.
RECEIPT_KDF = Argon2Params(memory_kib=19 * 1024, time_cost=2, parallelism=1)


def argon2id(secret: bytes, salt: bytes, params: Argon2Params) -> bytes:
    params.check()
    return hash_secret_raw(
        secret,
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def hkdf(key_material: bytes, info: bytes, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(key_material)
