"""The backup file: a short public header and one sealed tar archive.

Layout: ``tk-backup-1\n`` then a JSON line ``{"backup_id", "envelope"}`` then the ciphertext.
Only the random backup id and the HPKE envelope are outside the seal; everything that says
what the backup holds (database kind, creation time, files) is inside, authenticated. The
envelope and the ciphertext are both bound to the backup id.
"""

from __future__ import annotations

import io
import json
import tarfile
import uuid
from collections.abc import Mapping, Sequence

import keys
from keys import holder
from keys.encoding import b64d, b64e

MAGIC = b"tk-backup-1\n"
ITEM = "backup-archive"


class BackupError(Exception):
    """A backup that cannot be read or restored, phrased for the operator."""


def pack(files: Mapping[str, bytes]) -> bytes:
    """A tar archive built in memory (owner and times zeroed: they say nothing useful)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in sorted(files.items()):
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o600
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def unpack(data: bytes) -> dict[str, bytes]:
    files = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r") as archive:
        for member in archive.getmembers():
            if not member.isfile() or member.name.startswith("/") or ".." in member.name:
                raise BackupError(f"backup archive holds an unexpected entry {member.name!r}")
            extracted = archive.extractfile(member)
            assert extracted is not None  # a regular file always extracts
            files[member.name] = extracted.read()
    return files


def seal(archive: bytes, recipients: keys.Recipients) -> bytes:
    backup_id = f"backup/{uuid.uuid4()}"
    data_key = keys.DataKey.generate()
    header = {
        "backup_id": backup_id,
        "envelope": b64e(keys.wrap(data_key, record_id=backup_id, recipients=recipients)),
    }
    body = keys.seal(data_key, archive, record_id=backup_id, item=ITEM)
    return MAGIC + json.dumps(header).encode() + b"\n" + body


def _parse(blob: bytes) -> tuple[str, bytes, bytes]:
    if not blob.startswith(MAGIC):
        raise BackupError("this is not a backup file made by `python -m intake backup`")
    line, _, body = blob[len(MAGIC) :].partition(b"\n")
    try:
        header = json.loads(line)
        return header["backup_id"], b64d(header["envelope"]), body
    except (ValueError, KeyError, TypeError):
        raise BackupError("the backup file's header is damaged") from None


def open_sealed(blob: bytes, private_keys: Sequence[keys.PrivateKey]) -> bytes:
    """The archive, for one key holder (or, with a threshold, enough of them)."""
    backup_id, envelope, body = _parse(blob)
    record = keys.ExportRecord(backup_id, envelope, {}, {})
    first, *others = private_keys
    try:
        shares = [
            keys.unwrap_share(envelope, record_id=backup_id, private_key=key) for key in others
        ]
        data_key = holder.data_key(record, first, shares)
        return keys.open(data_key, body, record_id=backup_id, item=ITEM)
    except keys.DecryptionError as exc:
        raise BackupError(f"the backup does not open with the given key(s): {exc}") from None
