"""A logical dump of every table through SQLAlchemy: the fallback when ``pg_dump`` is missing.

One JSON object per row, binary values in base64. It restores into a database migrated to
the same schema revision (the code that made it), on either engine.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    delete,
    func,
    insert,
    select,
    text,
)

from intake.backup.container import BackupError
from intake.db.engine import make_engine
from intake.db.migrate import upgrade
from intake.db.models import Base
from keys.encoding import b64d, b64e

MEMBER = "database/logical.jsonl"


def _encode(value: object) -> object:
    if isinstance(value, bytes):
        return b64e(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _decode(column: Column, value: object) -> object:
    if value is None:
        return None
    if isinstance(column.type, LargeBinary):
        return b64d(str(value))
    if isinstance(column.type, DateTime):
        return datetime.fromisoformat(str(value))
    if isinstance(column.type, Date):
        return date.fromisoformat(str(value))
    return value


def dump(url: str) -> bytes:
    """Every row of every table, read in one transaction (one consistent snapshot)."""
    engine = make_engine(url)
    try:
        snapshot = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name != "sqlite" else {}
        with engine.connect().execution_options(**snapshot) as db, db.begin():
            revision = db.execute(text("SELECT version_num FROM alembic_version")).scalar()
            lines = [json.dumps({"revision": revision})]
            for table in Base.metadata.sorted_tables:
                for row in db.execute(select(table)).mappings():
                    values = {key: _encode(value) for key, value in row.items()}
                    lines.append(json.dumps({"table": table.name, "row": values}))
    finally:
        engine.dispose()
    return "\n".join(lines).encode()


def restore(url: str, image: bytes) -> None:
    head, *rows = (json.loads(line) for line in image.decode().splitlines())
    engine = make_engine(url)
    try:
        upgrade(engine)
        with engine.begin() as db:
            revision = db.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if revision != head["revision"]:
                raise BackupError(
                    f"this logical backup is of schema {head['revision']}, the code is at "
                    f"{revision}: restore it with the version that made it, then upgrade"
                )
            for table in reversed(Base.metadata.sorted_tables):
                db.execute(delete(table))
            tables = Base.metadata.tables
            for table in Base.metadata.sorted_tables:
                batch = [
                    {name: _decode(table.c[name], value) for name, value in item["row"].items()}
                    for item in rows
                    if item["table"] == table.name
                ]
                if batch:
                    db.execute(insert(tables[table.name]), batch)
                if engine.dialect.name == "postgresql":
                    _advance_sequences(db, table)
    finally:
        engine.dispose()


def _advance_sequences(db, table) -> None:  # type: ignore[no-untyped-def]
    """Rows came with their ids; the id sequences must continue after them."""
    for column in table.primary_key.columns:
        if isinstance(column.type, Integer) and column.autoincrement is True:
            top = db.scalar(select(func.max(column)))
            db.execute(
                text("SELECT setval(pg_get_serial_sequence(:table, :column), :next, false)"),
                {"table": table.name, "column": column.name, "next": (top or 0) + 1},
            )
