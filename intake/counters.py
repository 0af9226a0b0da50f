"""Project-wide counters: one atomic increment, read back as a plain mapping.

A counter says how often something happened, never to which testimony, so it may be read by
editors and admins.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from intake.db.models import Counter

WITNESS_HID = "witness_hid"  # testimonies where the witness hid words redaction had missed


def increment(db: Session, name: str) -> None:
    """Add one in the caller's transaction (committed with the testimony or not at all)."""
    changed = db.execute(
        update(Counter).where(Counter.name == name).values(value=Counter.value + 1)
    )
    if not changed.rowcount:
        db.add(Counter(name=name, value=1))


def read(db: Session, prefix: str = "") -> dict[str, int]:
    rows = db.execute(select(Counter.name, Counter.value).where(Counter.name.startswith(prefix)))
    return {name: value for name, value in rows}
