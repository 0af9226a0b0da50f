"""Cryptography for testimony intake: recipes only, primitives stay inside.

Originals and the real-name map are encrypted under a fresh per-testimony data key
(AES-256-GCM); the data key is sealed with HPKE (hybrid ML-KEM-768 + X25519 by default)
to key holders whose private keys never touch the server. See THREAT_MODEL.md.
"""

from keys.aead import DataKey, open, seal
from keys.editorial import EditorialKey, EditorialKeyring
from keys.envelope import Recipients, Share, combine_shares, unwrap, unwrap_share, wrap
from keys.errors import DecryptionError, KeyFileError
from keys.export import ExportRecord
from keys.hpke_suites import Suite
from keys.keypair import PrivateKey, PublicKey
from keys.receipts import (
    ReceiptKeys,
    derive_receipt_keys,
    normalise_receipt,
    open_private_key,
    seal_private_key,
)
from keys.sealed import open_sealed, seal_to
from keys.signing import SigningKey, VerifyKey

__all__ = [
    "DataKey",
    "DecryptionError",
    "EditorialKey",
    "EditorialKeyring",
    "ExportRecord",
    "KeyFileError",
    "PrivateKey",
    "PublicKey",
    "ReceiptKeys",
    "Recipients",
    "Share",
    "SigningKey",
    "Suite",
    "VerifyKey",
    "combine_shares",
    "derive_receipt_keys",
    "normalise_receipt",
    "open",
    "open_private_key",
    "open_sealed",
    "seal",
    "seal_private_key",
    "seal_to",
    "unwrap",
    "unwrap_share",
    "wrap",
]
