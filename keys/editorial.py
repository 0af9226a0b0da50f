"""The server-held editorial keyring: encrypts redacted text at rest.

Redacted text must be readable by the running service (editors work on it), so its
key lives on the server; the point is that a database dump *alone* reveals nothing
readable. Rotation without downtime: ``rotate()`` makes a new current key, old keys
stay for reading, ``needs_reseal``/``reseal`` let a background job re-encrypt, then
``retire()`` drops the old key.

Blob layout: ``version (1) || key id (8) || nonce (12) || ciphertext+tag``.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


class EditorialKeyring:
    """Keys by id plus the id of the current (sealing) key."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self._dir = Path(directory)
        self._keys: dict[bytes, bytes] = {}
        self.current_key_id = ""
        self._loaded_stamp: tuple[int, int] | None = None

    @classmethod
    def load_or_create(cls, directory: str | os.PathLike[str]) -> EditorialKeyring:
        ring = cls(directory)
        ring._dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        with ring._locked():
            if not ring._path.exists():
                ring._keys = {}
                ring._add_key_and_save()
        ring.reload()
        return ring

    @property
    def _path(self) -> Path:
        return self._dir / KEYRING_FILE

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Serialise writers across worker processes."""
        fd = os.open(self._dir / ".editorial.lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def reload(self) -> None:
        """Re-read the keyring (another worker may have rotated)."""
        try:
            obj = json.loads(self._path.read_bytes())
            if obj["format"] != FORMAT or obj["version"] != VERSION:
                raise ValueError
            keys = {bytes.fromhex(k): b64d(v) for k, v in obj["keys"].items()}
            if obj["current"] not in obj["keys"] or any(
                len(k) != KEY_ID_BYTES or len(v) != KEY_BYTES for k, v in keys.items()
            ):
                raise ValueError
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            raise KeyFileError(f"editorial keyring {self._path} is unreadable or corrupt") from None
        self._keys, self.current_key_id = keys, obj["current"]
        self._loaded_stamp = self._stamp()

    def _stamp(self) -> tuple[int, int] | None:
        try:
            stat = self._path.stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_ino

    def _refresh(self) -> None:
        """Pick up a rotation made by another process (the CLI, another worker)."""
        if self._stamp() != self._loaded_stamp:
            self.reload()

    def _save(self) -> None:
        atomic_write(
            self._path,
            dumps(
                {
                    "format": FORMAT,
                    "version": VERSION,
                    "current": self.current_key_id,
                    "keys": {k.hex(): b64e(v) for k, v in self._keys.items()},
                }
            ),
        )

    def _add_key_and_save(self) -> str:
        key_id = os.urandom(KEY_ID_BYTES)
        self._keys[key_id] = os.urandom(KEY_BYTES)
        self.current_key_id = key_id.hex()
        self._save()
        return self.current_key_id

    @property
    def key_ids(self) -> list[str]:
        return [k.hex() for k in self._keys]

    def rotate(self) -> str:
        """Create a new current key; old keys remain for reading. Returns the new id."""
        with self._locked():
            self.reload()
            return self._add_key_and_save()

    def retire(self, key_id: str) -> None:
        """Forget an old key once nothing needs it any more (after resealing)."""
        with self._locked():
            self.reload()
            if key_id == self.current_key_id:
                raise ValueError("cannot retire the current editorial key")
            self._keys.pop(bytes.fromhex(key_id), None)
            self._save()

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
