"""What the server does for key holders: sealed exports, envelope imports, the audit log.

None of it needs or yields a data key: exports carry ciphertext, imports are checked against
key commitments, and the server's only secret here is its export-signing key.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.audit import entries, record_event
from intake.db.models import Account, Message, Note, Testimony
from intake.db.records import export_records
from intake.errors import Conflict, InvalidInput
from intake.services import Services
from keys import DecryptionError, audit
from keys.export import envelope_digest, read_import, write_export


def export(db: Session, services: Services, *, actor: str, status: str | None = None) -> bytes:
    data = write_export(export_records(db, status=status), services.vault.signing)
    record_event(
        db,
        actor=actor,
        action="export",
        details={"status": status, "bytes": len(data)},
    )
    db.commit()
    return data


def import_envelopes(
    db: Session, services: Services, *, import_data: bytes, export_data: bytes, actor: str
) -> int:
    """Replace envelopes after a key-holder rotation, all or none."""
    try:
        imported = read_import(
            import_data,
            export_data=export_data,
            server_key=services.vault.signing.verify_key(),
            holders=services.vault.recipients.holders,
        )
    except DecryptionError as exc:
        raise InvalidInput(f"Import refused: {exc}") from None
    for item in imported:
        row = db.get(Testimony, item.record_id)
        if row is None:
            raise InvalidInput(f"Import refused: record {item.record_id} no longer exists.")
        if envelope_digest(row.envelope) != item.replaces:
            raise Conflict(
                f"Import refused: record {item.record_id} changed since the export; "
                "export again and re-run the rotation."
            )
        row.envelope = item.envelope
    record_event(db, actor=actor, action="import", details={"envelopes": len(imported)})
    db.commit()
    return len(imported)


def audit_log(db: Session) -> bytes:
    return audit.to_jsonl(entries(db))


def reseal_editorial(db: Session, services: Services, *, actor: str) -> int:
    """Re-encrypt every editorial ciphertext under the current editorial key."""
    keyring = services.vault.editorial
    count = 0
    for row in db.scalars(select(Testimony)):
        if keyring.needs_reseal(row.redacted):
            row.redacted = keyring.reseal(row.redacted, record_id=row.id, item="redacted")
            count += 1
    for message in db.scalars(select(Message)):
        item = f"message/{message.seq}"
        if keyring.needs_reseal(message.redacted):
            message.redacted = keyring.reseal(
                message.redacted, record_id=message.testimony_id, item=item
            )
            count += 1
    for note in db.scalars(select(Note)):
        if keyring.needs_reseal(note.body):
            note.body = keyring.reseal(
                note.body, record_id=note.testimony_id, item=f"note/{note.id}"
            )
            count += 1
    for account in db.scalars(select(Account)):
        if keyring.needs_reseal(account.totp_secret):
            account.totp_secret = keyring.reseal(
                account.totp_secret, record_id=f"account/{account.id}", item="totp"
            )
            count += 1
    record_event(
        db,
        actor=actor,
        action="editorial_reseal",
        details={"key_id": keyring.current_key_id, "resealed": count},
    )
    db.commit()
    return count


def rotate_editorial_key(db: Session, services: Services, *, actor: str) -> tuple[str, int]:
    """New editorial key, then re-encrypt everything; old keys still read meanwhile."""
    keyring = services.vault.editorial
    old = keyring.current_key_id
    new = keyring.rotate()
    record_event(db, actor=actor, action="editorial_rotate", details={"from": old, "to": new})
    db.commit()
    return new, reseal_editorial(db, services, actor=actor)
