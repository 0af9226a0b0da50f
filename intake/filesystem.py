"""Private directories and files for the server's data: 0700 and 0600 from the first byte.

Everything under the data directory (database, keys, logs) is readable by the service user
only. The process umask is narrowed first, so files that libraries create themselves (the
SQLite database and its WAL, rotated logs) are born private too; modes left by an older
install are tightened at start.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077


def restrict_umask() -> None:
    os.umask(PRIVATE_UMASK)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as 0700, and tighten it if it already existed."""
    missing = []
    for parent in (path, *path.parents):
        if parent.exists():
            break
        missing.append(parent)
    for directory in reversed(missing):
        directory.mkdir(mode=0o700, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty with mode 0600 unless it exists; tighten it either way."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    return path


def tighten_sqlite(database: Path) -> None:
    """The SQLite file exists 0600 before SQLite opens it; WAL and shared-memory files too."""
    private_dir(database.parent)
    private_file(database)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.chmod(companion, 0o600)
