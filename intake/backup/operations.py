"""Make a backup of a running install; restore one into a fresh install."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

import keys
from intake.audit import record_event
from intake.backup import container, database
from intake.backup.container import BackupError
from intake.config import Settings
from intake.db.engine import make_engine
from intake.vault import AUDIT_KEY_FILE

FORMAT = "tk-backup"
VERSION = 1
KEYS_PREFIX = "server-keys/"
KEYHOLDERS_MEMBER = "config/keyholders.pub"
_SKIPPED = {".editorial.lock"}


def _server_key_files(key_dir: Path) -> dict[str, bytes]:
    return {
        KEYS_PREFIX + path.relative_to(key_dir).as_posix(): path.read_bytes()
        for path in sorted(key_dir.rglob("*"))
        if path.is_file() and path.name not in _SKIPPED
    }


def make_backup(settings: Settings, recipients: keys.Recipients) -> bytes:
    """The sealed backup file's bytes; plaintext exists only in this process's memory."""
    member, image = database.dump(settings.sqlalchemy_url)
    files = {member: image, KEYHOLDERS_MEMBER: settings.keyholders_path.read_bytes()}
    files |= _server_key_files(settings.key_dir)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": member,
        "files": sorted(files),
    }
    files["manifest.json"] = json.dumps(manifest).encode()
    return container.seal(container.pack(files), recipients)


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def restore_backup(
    settings: Settings, blob: bytes, private_keys: Sequence[keys.PrivateKey]
) -> dict:
    """Put the database and server keys back, into an empty database and key directory.

    Refuses to overwrite anything: a restore is for a fresh install (or after a wipe), and a
    mistaken restore over live data must not be able to destroy it."""
    files = container.unpack(container.open_sealed(blob, private_keys))
    try:
        manifest = json.loads(files["manifest.json"])
        if manifest["format"] != FORMAT or manifest["version"] != VERSION:
            raise ValueError
    except (KeyError, ValueError, TypeError):
        raise BackupError("the backup's manifest is missing or of an unknown version") from None
    if any(path.is_file() for path in settings.key_dir.rglob("*")):
        raise BackupError(
            f"{settings.key_dir} already holds server keys: restore into a fresh install "
            "(move the old data directory away first)"
        )
    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not database.is_empty(settings.sqlalchemy_url):
        raise BackupError("the database already holds testimonies: restore into an empty one")
    database.restore(settings.sqlalchemy_url, manifest["database"], files[manifest["database"]])
    for name, data in files.items():
        if name.startswith(KEYS_PREFIX):
            _write_private(settings.key_dir / name.removeprefix(KEYS_PREFIX), data)
    if not settings.keyholders_path.exists():
        _write_private(settings.keyholders_path, files[KEYHOLDERS_MEMBER])
    _audit_restore(settings, manifest)
    return manifest


def _audit_restore(settings: Settings, manifest: dict) -> None:
    """The restored audit log says that, and from which backup, it was restored."""
    engine = make_engine(settings.sqlalchemy_url)
    try:
        with Session(engine) as db:
            record_event(
                db,
                (settings.key_dir / AUDIT_KEY_FILE).read_bytes(),
                actor="restore",
                action="restore",
                details={"backup": manifest["created"]},
            )
            db.commit()
    finally:
        engine.dispose()
