"""Writes the hash-chained audit log (key changes, exports, imports, status changes)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.models import AuditEntry
from keys import audit


def record_event(db: Session, *, actor: str, action: str, details: dict) -> AuditEntry:
    """Append one entry in the caller's transaction; never put witness text in details."""
    last = db.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
    entry = {
        "seq": (last.seq + 1) if last else 1,
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "actor": actor,
        "action": action,
        "details": details,
    }
    row = AuditEntry(
        seq=entry["seq"],
        entry=entry,
        hash=audit.chain(last.hash if last else audit.GENESIS, entry),
    )
    db.add(row)
    return row


def entries(db: Session) -> list[tuple[dict, str]]:
    return [
        (row.entry, row.hash) for row in db.scalars(select(AuditEntry).order_by(AuditEntry.seq))
    ]
