"""The database part of a backup: SQLite's online backup API, or ``pg_dump`` for PostgreSQL
(a logical dump of every table when ``pg_dump`` is not installed).

Both run against a live service: SQLite's backup copies a consistent snapshot page by page,
``pg_dump`` reads in one repeatable-read transaction. Neither writes anything to disk here;
images travel in memory to the sealed archive.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess

from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from intake.backup import logical
from intake.backup.container import BackupError
from intake.db.engine import make_engine

SQLITE_MEMBER = "database/testimonies.sqlite3"
POSTGRES_MEMBER = "database/postgresql.pgdump"


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password (argv is public) and the environment carrying it."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    bare = parsed.set(drivername="postgresql", password=None)
    return bare.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed: install the PostgreSQL client tools")
    return path


def method_for(url: str) -> str:
    """``sqlite`` (online backup), ``pg_dump``, or ``logical`` when pg_dump is missing."""
    if make_url(url).get_backend_name() == "sqlite":
        return "sqlite"
    return "pg_dump" if shutil.which("pg_dump") else "logical"


def dump(url: str) -> tuple[str, bytes]:
    """(archive member name, image) of the whole database."""
    parsed = make_url(url)
    method = method_for(url)
    if method == "logical":
        return logical.MEMBER, logical.dump(url)
    if method == "sqlite":
        source = sqlite3.connect(f"file:{parsed.database}?mode=ro", uri=True)
        memory = sqlite3.connect(":memory:")
        try:
            source.backup(memory)
            image = bytearray(memory.serialize())
            # Header bytes 18-19 say "WAL"; an in-memory image must say "rollback journal"
            # to be loadable again (the service switches the restored file back to WAL).
            image[18:20] = b"\x01\x01"
            return SQLITE_MEMBER, bytes(image)
        finally:
            source.close()
            memory.close()
    libpq_url, env = _libpq(url)
    result = subprocess.run(  # noqa: S603 - fixed argv; the URL is the operator's own setting
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", libpq_url],
        capture_output=True,
        check=False,
        env=env,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.decode(errors='replace').strip()}")
    return POSTGRES_MEMBER, result.stdout


def is_empty(url: str) -> bool:
    """No testimony table, or an empty one: nothing a restore could overwrite."""
    engine = make_engine(url)
    try:
        if not inspect(engine).has_table("testimonies"):
            return True
        with engine.connect() as connection:
            return connection.exec_driver_sql("SELECT count(*) FROM testimonies").scalar() == 0
    finally:
        engine.dispose()


def restore(url: str, member: str, image: bytes) -> None:
    """Load an image into an empty database (of the same kind, unless it is a logical dump)."""
    if member == logical.MEMBER:
        logical.restore(url, image)
        return
    parsed = make_url(url)
    kind = "sqlite" if member == SQLITE_MEMBER else "postgresql"
    if parsed.get_backend_name() != kind:
        raise BackupError(
            f"this backup holds a {kind} database; TESTIMONY_DATABASE_URL is "
            f"{parsed.get_backend_name()}"
        )
    if kind == "sqlite":
        memory = sqlite3.connect(":memory:")
        target = sqlite3.connect(parsed.database)
        try:
            memory.deserialize(image)
            memory.backup(target)
        finally:
            memory.close()
            target.close()
        return
    libpq_url, env = _libpq(url)
    result = subprocess.run(  # noqa: S603 - fixed argv; the URL is the operator's own setting
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            f"--dbname={libpq_url}",
        ],
        input=image,
        capture_output=True,
        check=False,
        env=env,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.decode(errors='replace').strip()}")
