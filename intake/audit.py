"""Writes the keyed, hash-chained audit log (key changes, exports, imports, reviews, logins).

Each link is an HMAC under the server's audit key (``server-keys/audit.key``), so someone
holding only the database cannot delete an entry and recompute the chain; the head goes into
every signed export, so key holders can check a log later against the head they were shown.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from intake.db.models import AuditEntry
from keys import audit

# Any constant: PostgreSQL advisory lock that serialises appends across processes and instances.
_APPEND_LOCK = 0x7465_7374_6175_6469


def _serialise_writers(db: Session) -> None:
    """Hold the database's write lock before reading the last entry, so two concurrent
    transactions never pick the same sequence number (they would meet as a 500)."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _APPEND_LOCK})
    else:  # SQLite: any write statement takes the single writer lock until commit
        db.execute(update(AuditEntry).where(AuditEntry.seq < 0).values(seq=AuditEntry.seq))


def record_event(db: Session, key: bytes, *, actor: str, action: str, details: dict) -> AuditEntry:
    """Append one entry in the caller's transaction; never put witness text in details."""
    _serialise_writers(db)
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
        hash=audit.chain(last.hash if last else audit.GENESIS, entry, key=key),
    )
    db.add(row)
    return row


def entries(db: Session) -> list[tuple[dict, str]]:
    return [
        (row.entry, row.hash) for row in db.scalars(select(AuditEntry).order_by(AuditEntry.seq))
    ]


def head(db: Session) -> tuple[int, str]:
    """Sequence number and hash of the latest entry (0 and the genesis value when empty)."""
    last = db.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
    return (last.seq, last.hash) if last else (0, audit.GENESIS)
