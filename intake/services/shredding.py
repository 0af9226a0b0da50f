"""Crypto-shredding: a witness withdraws a testimony, or a rejected one outlives its retention.

The record's envelope (the only way to its data key) and every ciphertext of the record go in
one transaction: original, memory, follow-ups, attachments, corrections, editors' notes and the
pseudonymised text. The audit log says that a record was shredded and why, never what it held.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from intake.audit import entries, record_event
from intake.db.models import (
    Attachment,
    Correction,
    Message,
    Note,
    ReplacedEnvelope,
    Reply,
    Testimony,
)
from intake.services import Services
from intake.services.witness import find_by_receipt

_CHILDREN = (Message, Attachment, Correction, Note, Reply, ReplacedEnvelope)


def shred(db: Session, audit_key: bytes, testimony_id: str, *, actor: str, reason: str) -> None:
    """Delete the record and all that hangs on it, in the caller's transaction.

    A record another process shredded meanwhile is left alone and not audited twice."""
    for table in _CHILDREN:
        db.execute(delete(table).where(table.testimony_id == testimony_id))
    if db.execute(delete(Testimony).where(Testimony.id == testimony_id)).rowcount == 0:
        return
    record_event(
        db,
        audit_key,
        actor=actor,
        action="shred",
        details={"testimony": testimony_id, "reason": reason},
    )


def withdraw(db: Session, services: Services, *, receipt: str) -> None:
    """The witness takes the testimony back; only the receipt can ask for it."""
    row, _ = find_by_receipt(db, services, receipt)
    testimony_id = row.id
    db.expunge(row)
    shred(db, services.vault.audit_key, testimony_id, actor="witness", reason="withdrawn")
    db.commit()


def _rejected_since(db: Session) -> dict[str, datetime]:
    """When each testimony was last set to rejected, from the audit log's status entries."""
    since: dict[str, datetime] = {}
    for entry, _ in entries(db):
        details = entry.get("details") or {}
        if entry.get("action") == "status" and details.get("to") == "rejected":
            since[details["testimony"]] = datetime.fromisoformat(entry["time"])
    return since


def purge_expired(db: Session, services: Services, *, now: datetime | None = None) -> int:
    """Shred testimonies rejected longer ago than TESTIMONY_RETENTION_DAYS_REJECTED.

    Off when the setting is unset. A record rejected before the audit log knew (none should
    be) counts from its submission day."""
    days = services.settings.retention_days_rejected
    if days is None:
        return 0
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    since = _rejected_since(db)
    rejected = db.execute(
        select(Testimony.id, Testimony.submitted_on).where(Testimony.status == "rejected")
    ).all()
    expired = [
        testimony_id
        for testimony_id, submitted_on in rejected
        if since.get(testimony_id, datetime.combine(submitted_on, time(), UTC)) < cutoff
    ]
    for testimony_id in expired:
        shred(
            db,
            services.vault.audit_key,
            testimony_id,
            actor="retention",
            reason="retention_expired",
        )
    db.commit()
    return len(expired)
