"""Where the key-holder CLI reads sealed records from.

``decrypt --export FILE`` reads a server-signed export. ``decrypt --database URL``
reads the database directly (only ever on a machine the key holder trusts); the
reading code belongs to intake and is imported lazily so that ``keys`` stays usable
on an offline laptop that has no server code installed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from keys.export import Export, ExportRecord, read_export
from keys.signing import VerifyKey

DATABASE_LOADER = "intake.db.records:database_records"


class RecordSource(Protocol):
    def iter_records(self) -> Iterable[ExportRecord]: ...


class ExportFileSource:
    """Records from an export file, after the server signature is verified."""

    def __init__(self, path: str | Path, server_key: VerifyKey) -> None:
        self.export: Export = read_export(Path(path).read_bytes(), server_key)

    def iter_records(self) -> Iterable[ExportRecord]:
        return self.export.records


class DatabaseSource:
    """Records straight from the database via intake's loader (no signature involved)."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._loader = load_database_loader()

    def iter_records(self) -> Iterable[ExportRecord]:
        return self._loader(self._url)


def load_database_loader() -> Callable[[str], Iterable[ExportRecord]]:
    module_name, attr = DATABASE_LOADER.split(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise RuntimeError(
            f"--database needs the server package ({module_name}), which is not installed "
            "here; use --export with an export file instead"
        ) from None
    loader = getattr(module, attr, None)
    if loader is None:
        raise RuntimeError(f"{DATABASE_LOADER} is missing; update the server package")
    return loader
