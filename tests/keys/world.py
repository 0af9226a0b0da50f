"""A miniature server built only from the keys API, as intake uses it."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import keys
from keys.export import ExportRecord, write_export

TESTIMONIES = {
    "rec-0001": ("Меня призвали в марте, я отказался.", {"P1": "Олег Смирнов"}),
    "rec-0002": ("Командир угрожал нам тюрьмой.", {"P1": "Анна Коваленко", "L1": "Курск"}),
    "rec-0003": ("We hid in the forest for two weeks.", {"P1": "Dmitri Volkov"}),
}


@dataclass
class Server:
    """Everything a seized server holds: DB rows, key directory, configuration."""

    key_dir: Path
    recipients: keys.Recipients
    salt: bytes = field(default_factory=lambda: os.urandom(16))
    rows: dict[str, dict[str, bytes]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.signing = keys.SigningKey.load_or_create(self.key_dir)
        self.editorial = keys.EditorialKeyring.load_or_create(self.key_dir / "editorial")

    def submit(self, record_id: str, text: str, names: dict[str, str]) -> str:
        """Intake's submission path; returns the receipt (given to the witness only)."""
        receipt = f"RCPT-{os.urandom(5).hex().upper()}"
        rk = keys.derive_receipt_keys(receipt, self.salt)
        dk = keys.DataKey.generate()
        wk = keys.PrivateKey.generate(keys.Suite.X25519)
        redacted = text
        for token, name in names.items():
            redacted = redacted.replace(name, f"[{token}]")
        self.rows[record_id] = {
            "envelope": keys.wrap(
                dk, record_id=record_id, recipients=self.recipients, extra=[wk.public_key()]
            ),
            "original": keys.seal(dk, text.encode(), record_id=record_id, item="original"),
            "memory": keys.seal(
                dk,
                json.dumps(names, ensure_ascii=False).encode(),
                record_id=record_id,
                item="memory",
            ),
            "witness_key": keys.seal_private_key(wk, secret=rk.secret, record_id=record_id),
            "receipt_lookup": rk.lookup,
            "redacted": self.editorial.seal(
                redacted.encode(), record_id=record_id, item="redacted"
            ),
        }
        return receipt

    def export_records(self) -> list[ExportRecord]:
        return [
            ExportRecord(
                rid,
                row["envelope"],
                {"original": row["original"], "memory": row["memory"]},
                {"language": "ru"},
            )
            for rid, row in self.rows.items()
        ]

    def export(self) -> bytes:
        return write_export(self.export_records(), self.signing)


def build(tmp_path: Path, recipients: keys.Recipients) -> tuple[Server, dict[str, str]]:
    server = Server(tmp_path / "server-keys", recipients)
    receipts = {rid: server.submit(rid, text, names) for rid, (text, names) in TESTIMONIES.items()}
    return server, receipts
