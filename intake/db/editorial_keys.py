"""The editorial keyring kept in the database, so a rotation reaches every process and instance.

Each key is sealed (AES-256-GCM, bound to its key id) under a wrapping key that stays in the
server's key directory: a database dump alone still opens nothing. Instances behind one
database share the key directory's static files (wrapping key, receipt salt, signing key) and
read the changing part, which key is current, from here.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import keys
from intake.db.models import EditorialKeyRow
from keys.editorial import FileKeyringStore
from keys.errors import KeyFileError

_RECORD = "editorial-keyring"
_ATTEMPTS = 5


class DatabaseKeyringStore:
    """``keys.editorial.KeyringStore`` on the ``editorial_keys`` table."""

    def __init__(self, engine: Engine, wrapping_key: bytes, legacy: FileKeyringStore) -> None:
        self._engine = engine
        self._wrap = keys.DataKey(wrapping_key)
        self._legacy = legacy

    def _seal(self, key_id: bytes, key: bytes) -> bytes:
        return keys.seal(self._wrap, key, record_id=_RECORD, item=key_id.hex())

    def load(self) -> tuple[dict[bytes, bytes], str]:
        with Session(self._engine) as db:
            rows = db.scalars(select(EditorialKeyRow).order_by(EditorialKeyRow.generation)).all()
        if not rows:
            raise KeyFileError("the editorial keyring in the database is empty")
        try:
            ring = {
                bytes.fromhex(row.key_id): keys.open(
                    self._wrap, row.wrapped, record_id=_RECORD, item=row.key_id
                )
                for row in rows
            }
        except keys.DecryptionError:
            raise KeyFileError(
                "the editorial keys in the database do not open with this server's "
                "editorial-wrap.key (another server's key directory?)"
            ) from None
        return ring, rows[-1].key_id

    def stamp(self) -> Hashable:
        with self._engine.connect() as connection:
            top, count = connection.execute(
                select(func.max(EditorialKeyRow.generation), func.count())
            ).one()
        return top, count

    def _insert(self, pairs: list[tuple[bytes, bytes]], *, only_if_empty: bool) -> None:
        """Append keys above the current generation; the last becomes current."""
        for _ in range(_ATTEMPTS):
            with Session(self._engine) as db:
                top = db.scalar(select(func.max(EditorialKeyRow.generation)))
                if only_if_empty and top is not None:
                    return
                now = datetime.now(UTC)
                for offset, (key_id, key) in enumerate(pairs, start=1):
                    db.add(
                        EditorialKeyRow(
                            generation=(top or 0) + offset,
                            key_id=key_id.hex(),
                            wrapped=self._seal(key_id, key),
                            created_at=now,
                        )
                    )
                try:
                    db.commit()
                    return
                except IntegrityError:
                    db.rollback()  # another process wrote the same generation; look again
        raise KeyFileError("could not store an editorial key: too many concurrent rotations")

    def create_if_empty(self, key_id: bytes, key: bytes) -> None:
        """First start: adopt the keyring file of a single-machine install, else a new key."""
        pairs = [(key_id, key)]
        if self._legacy.path.exists():
            old, current = self._legacy.load()
            pairs = sorted(old.items(), key=lambda item: item[0].hex() == current)
        self._insert(pairs, only_if_empty=True)

    def add_current(self, key_id: bytes, key: bytes) -> None:
        self._insert([(key_id, key)], only_if_empty=False)

    def remove(self, key_id: bytes) -> None:
        with Session(self._engine) as db:
            top = db.scalar(select(func.max(EditorialKeyRow.generation)))
            db.execute(
                delete(EditorialKeyRow).where(
                    EditorialKeyRow.key_id == key_id.hex(), EditorialKeyRow.generation != top
                )
            )
            db.commit()
