"""What the server does for key holders: sealed exports, envelope imports, the audit log.

None of it needs or yields a data key: exports carry ciphertext, imports are checked against
key commitments, and the server's only secret here is its export-signing key.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from intake.audit import entries, head, record_event
from intake.db.models import Account, Message, Note, ReplacedEnvelope, Testimony
from intake.db.records import export_records
from intake.errors import Conflict, InvalidInput
from intake.services import Services
from intake.services.accounts import account_item
from keys import DecryptionError, audit
from keys.confirmation import read_confirmation
from keys.export import envelope_digest, read_import, write_export


def export(db: Session, services: Services, *, actor: str, status: str | None = None) -> bytes:
    audit_head = head(db)
    data = write_export(export_records(db, status=status), services.vault.signing, audit_head)
    record_event(
        db,
        services.vault.audit_key,
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
        db.add(
            ReplacedEnvelope(
                testimony_id=row.id,
                envelope=row.envelope,
                replaced_at=_now(),
                replaced_by=item.signer,
            )
        )
        row.envelope = item.envelope
    record_event(
        db,
        services.vault.audit_key,
        actor=actor,
        action="import",
        details={"envelopes": len(imported)},
    )
    db.commit()
    return len(imported)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Forgotten:
    envelopes: int  # replaced envelopes forgotten
    unconfirmed: list[str]  # records that keep theirs: no confirmation covers the current one


def forget_replaced(
    db: Session, services: Services, *, confirmations: Sequence[bytes], actor: str
) -> Forgotten:
    """Drop the envelopes imports replaced, for records whose current envelope a configured
    key holder confirmed opens (``keys confirm``); every other record keeps them.

    The holder who signed an import cannot confirm it alone: one holder's garbage import
    and false confirmation together must not destroy access. A confirmation that does not
    verify refuses the whole run: nothing is forgotten."""
    try:
        confirmed = [
            read_confirmation(data, services.vault.recipients.holders) for data in confirmations
        ]
    except DecryptionError as exc:
        raise InvalidInput(f"Confirmation refused: {exc}") from None
    importers: dict[str, set[str | None]] = {}
    for record_id, signer in db.execute(
        select(ReplacedEnvelope.testimony_id, ReplacedEnvelope.replaced_by)
    ):
        importers.setdefault(record_id, set()).add(signer)
    covered, unconfirmed = [], []
    for record_id in sorted(importers):
        envelope = db.get_one(Testimony, record_id).envelope
        if any(
            c.covers(record_id, envelope) and c.signer.key_id not in importers[record_id]
            for c in confirmed
        ):
            covered.append(record_id)
        else:
            unconfirmed.append(record_id)
    count = 0
    if covered:
        count = db.execute(
            delete(ReplacedEnvelope).where(ReplacedEnvelope.testimony_id.in_(covered))
        ).rowcount
    record_event(
        db,
        services.vault.audit_key,
        actor=actor,
        action="forget_replaced_envelopes",
        details={
            "envelopes": count,
            "records": len(covered),
            "unconfirmed": len(unconfirmed),
            "confirmed_by": sorted({c.signer.key_id for c in confirmed}),
            "confirmations": [c.digest for c in confirmed],
        },
    )
    db.commit()
    return Forgotten(count, unconfirmed)


def audit_log(db: Session) -> bytes:
    return audit.to_jsonl(entries(db))


def _editorial_values(db: Session) -> Iterator[tuple[object, str, str, str]]:
    """(row, column, record id, item) of every value sealed under the editorial key."""
    for row in db.scalars(select(Testimony)):
        yield row, "redacted", row.id, "redacted"
    for message in db.scalars(select(Message)):
        yield message, "redacted", message.testimony_id, f"message/{message.seq}"
    for note in db.scalars(select(Note)):
        yield note, "body", note.testimony_id, f"note/{note.id}"
    for account in db.scalars(select(Account)):
        yield account, "totp_secret", *account_item(account.id)


def reseal_editorial(db: Session, services: Services, *, actor: str) -> int:
    """Re-encrypt every editorial ciphertext under the current editorial key."""
    keyring = services.vault.editorial
    count = 0
    for row, column, record_id, item in _editorial_values(db):
        blob = getattr(row, column)
        if keyring.needs_reseal(blob):
            setattr(row, column, keyring.reseal(blob, record_id=record_id, item=item))
            count += 1
    record_event(
        db,
        services.vault.audit_key,
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
    record_event(
        db,
        services.vault.audit_key,
        actor=actor,
        action="editorial_rotate",
        details={"from": old, "to": new},
    )
    db.commit()
    return new, reseal_editorial(db, services, actor=actor)
