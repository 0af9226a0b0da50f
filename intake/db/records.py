"""Sealed records as key holders receive them: envelopes and ciphertexts, never plaintext."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from intake.db.engine import make_engine, make_sessionmaker
from intake.db.models import ReplacedEnvelope, Testimony
from keys.encoding import b64e
from keys.export import ExportRecord


def _replaced(db: Session) -> dict[str, list[str]]:
    """Envelopes kept since imports, newest first, per record."""
    kept: dict[str, list[str]] = {}
    for row in db.scalars(select(ReplacedEnvelope).order_by(ReplacedEnvelope.id.desc())):
        kept.setdefault(row.testimony_id, []).append(b64e(row.envelope))
    return kept


def export_records(db: Session, *, status: str | None = None) -> Iterator[ExportRecord]:
    query = select(Testimony).options(
        selectinload(Testimony.messages), selectinload(Testimony.attachments)
    )
    if status is not None:
        query = query.where(Testimony.status == status)
    replaced = _replaced(db)
    for row in db.scalars(query.order_by(Testimony.submitted_on, Testimony.id)):
        items = {"original": row.original, "memory": row.memory}
        items |= {f"message/{m.seq}": m.original for m in row.messages}
        items |= {f"attachment/{a.seq}": a.content for a in row.attachments}
        yield ExportRecord(
            record_id=row.id,
            envelope=row.envelope,
            items=items,
            meta={
                "language": row.language,
                "status": row.status,
                "submitted_on": row.submitted_on.isoformat(),
            }
            | ({"replaced_envelopes": replaced[row.id]} if row.id in replaced else {}),
        )


def database_records(url: str) -> list[ExportRecord]:
    """For ``python -m keys decrypt --database URL`` on a machine the key holder trusts.

    Read everything, then close: a decryption that stops half-way must not leave a
    transaction open on the server's database."""
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as db:
            return list(export_records(db))
    finally:
        engine.dispose()
