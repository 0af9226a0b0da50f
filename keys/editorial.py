"""The server-held editorial keyring: encrypts redacted text at rest.

Redacted text must be readable by the running service (editors work on it), so its
key lives on the server; the point is that a database dump *alone* reveals nothing
readable. Rotation without downtime: ``rotate()`` makes a new current key, old keys
stay for reading, ``needs_reseal``/``reseal`` let a background job re-encrypt, then
``retire()`` drops the old key.

Where the keys are kept is a ``KeyringStore``: a JSON file for one machine
(``FileKeyringStore``), or a shared store (intake keeps it in its database, wrapped) so that
every process and instance picks up a rotation.

Blob layout: ``version (1) || key id (8) || nonce (12) || ciphertext+tag``.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag

from keys.aead import KEY_BYTES, decrypt, encrypt
from keys.encoding import atomic_write, b64d, b64e, dumps, frame
from keys.errors import DecryptionError, KeyFileError

KEYRING_FILE = "editorial-keys.json"
FORMAT = "tk-editorial-keyring"
VERSION = 1
KEY_ID_BYTES = 8


def _aad(key_id: bytes, record_id: str, item: str) -> bytes:
    return frame(b"tk-editorial", VERSION, key_id, record_id, item)


class KeyringStore(Protocol):
    """Where the keyring lives: a file for one machine, the database for several."""

    def load(self) -> tuple[dict[bytes, bytes], str]:
        """Every key by id and the id (hex) of the current one; KeyFileError if unreadable."""

    def stamp(self) -> Hashable:
        """A cheap value that changes whenever the keyring changes."""

    def create_if_empty(self, key_id: bytes, key: bytes) -> None:
        """Store a first key unless a keyring exists (safe when workers start together)."""

    def add_current(self, key_id: bytes, key: bytes) -> None:
        """Add a key and make it the current one."""

    def remove(self, key_id: bytes) -> None:
        """Forget a key that is not the current one."""


class FileKeyringStore:
    """A JSON file, writers serialised with ``flock`` across the processes of one machine."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self._dir = Path(directory)

    @property
    def path(self) -> Path:
        return self._dir / KEYRING_FILE

    @contextmanager
    def _locked(self) -> Iterator[None]:
        fd = os.open(self._dir / ".editorial.lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def load(self) -> tuple[dict[bytes, bytes], str]:
        try:
            obj = json.loads(self.path.read_bytes())
            if obj["format"] != FORMAT or obj["version"] != VERSION:
                raise ValueError
            return {bytes.fromhex(k): b64d(v) for k, v in obj["keys"].items()}, obj["current"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            raise KeyFileError(f"editorial keyring {self.path} is unreadable or corrupt") from None

    def stamp(self) -> Hashable:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_ino

    def _save(self, keys: dict[bytes, bytes], current: str) -> None:
        atomic_write(
            self.path,
            dumps(
                {
                    "format": FORMAT,
                    "version": VERSION,
                    "current": current,
                    "keys": {k.hex(): b64e(v) for k, v in keys.items()},
                }
            ),
        )

    def create_if_empty(self, key_id: bytes, key: bytes) -> None:
        self._dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        with self._locked():
            if not self.path.exists():
                self._save({key_id: key}, key_id.hex())

    def add_current(self, key_id: bytes, key: bytes) -> None:
        with self._locked():
            keys, _ = self.load()
            self._save({**keys, key_id: key}, key_id.hex())

    def remove(self, key_id: bytes) -> None:
        with self._locked():
            keys, current = self.load()
            if key_id.hex() == current:
                raise ValueError("cannot retire the current editorial key")
            keys.pop(key_id, None)
            self._save(keys, current)


def new_key() -> tuple[bytes, bytes]:
    """A fresh (key id, key) pair."""
    return os.urandom(KEY_ID_BYTES), os.urandom(KEY_BYTES)


class EditorialKeyring:
    """Keys by id plus the id of the current (sealing) key, cached from a store."""

    def __init__(self, store: KeyringStore) -> None:
        self._store = store
        self._keys: dict[bytes, bytes] = {}
        self.current_key_id = ""
        self._loaded_stamp: Hashable = None

    @classmethod
    def load_or_create(cls, directory: str | os.PathLike[str]) -> EditorialKeyring:
        return cls.open_store(FileKeyringStore(directory))

    @classmethod
    def open_store(cls, store: KeyringStore) -> EditorialKeyring:
        store.create_if_empty(*new_key())
        ring = cls(store)
        ring.reload()
        return ring

    def reload(self) -> None:
        """Re-read the keyring (another worker or instance may have rotated)."""
        stamp = self._store.stamp()
        keys, current = self._store.load()
        if current not in {k.hex() for k in keys} or any(
            len(k) != KEY_ID_BYTES or len(v) != KEY_BYTES for k, v in keys.items()
        ):
            raise KeyFileError("editorial keyring is unreadable or corrupt")
        self._keys, self.current_key_id = keys, current
        self._loaded_stamp = stamp

    def _refresh(self) -> None:
        """Pick up a rotation made by another process (the CLI, another worker)."""
        if self._store.stamp() != self._loaded_stamp:
            self.reload()

    @property
    def key_ids(self) -> list[str]:
        return [k.hex() for k in self._keys]

    def rotate(self) -> str:
        """Create a new current key; old keys remain for reading. Returns the new id."""
        key_id, key = new_key()
        self._store.add_current(key_id, key)
        self.reload()
        return key_id.hex()

    def retire(self, key_id: str) -> None:
        """Forget an old key once nothing needs it any more (after resealing)."""
        self.reload()
        if key_id == self.current_key_id:
            raise ValueError("cannot retire the current editorial key")
        self._store.remove(bytes.fromhex(key_id))
        self.reload()

    def seal(self, plaintext: bytes, *, record_id: str, item: str) -> bytes:
        self._refresh()
        key_id = bytes.fromhex(self.current_key_id)
        return encrypt(
            self._keys[key_id], plaintext, _aad(key_id, record_id, item), bytes([VERSION]) + key_id
        )

    def key_id_of(self, blob: bytes) -> str:
        if len(blob) < 1 + KEY_ID_BYTES or blob[0] != VERSION:
            raise DecryptionError("editorial ciphertext is corrupt (unknown version)")
        return blob[1 : 1 + KEY_ID_BYTES].hex()

    def needs_reseal(self, blob: bytes) -> bool:
        self._refresh()
        return self.key_id_of(blob) != self.current_key_id

    def open(self, blob: bytes, *, record_id: str, item: str) -> bytes:
        key_id = bytes.fromhex(self.key_id_of(blob))
        if key_id not in self._keys:
            self.reload()
        key = self._keys.get(key_id)
        if key is None:
            raise DecryptionError(
                f"editorial item {item!r} of record {record_id!r}: key {key_id.hex()} "
                "is not in the keyring (retired, or data tampered with)"
            )
        try:
            return decrypt(key, memoryview(blob)[1 + KEY_ID_BYTES :], _aad(key_id, record_id, item))
        except InvalidTag:
            raise DecryptionError(
                f"editorial item {item!r} of record {record_id!r} does not decrypt: "
                "tampered data, or it belongs to another record or item"
            ) from None

    def reseal(self, blob: bytes, *, record_id: str, item: str) -> bytes:
        """Re-encrypt under the current key (for background rotation jobs)."""
        return self.seal(
            self.open(blob, record_id=record_id, item=item), record_id=record_id, item=item
        )


EditorialKey = EditorialKeyring
