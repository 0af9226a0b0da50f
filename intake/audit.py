"""Writes the hash-chained audit log (key changes, exports, imports, status changes)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from intake.db.models import AuditEntry
from keys import audit

# Any constant: PostgreSQL advisory lock that serialises appends across processes and instances.
_APPEND_LOCK = 0x7465_7374_6175_6469


def record_event(db: Session, *, actor: str, action: str, details: dict) -> AuditEntry:
    """Append one entry in the caller's transaction; never put witness text in details.

    Two processes must not both extend the chain from the same last entry: on PostgreSQL a
    transaction-scoped advisory lock orders them (SQLite already has one writer at a time)."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _APPEND_LOCK})
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
