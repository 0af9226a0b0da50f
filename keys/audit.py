"""Append-only, hash-chained audit log (pure functions; intake stores the rows).

Each entry is ``{seq, time, actor, action, details}``; its hash is
``SHA-256(frame("tk-audit-1", prev_hash, canonical_json(entry)))`` (or HMAC-SHA256 with
a server key, which stops someone holding only the database from re-chaining). The
first entry chains from ``GENESIS`` and has seq 1.

A chain detects edits, insertions and deletions *inside* the log; cutting entries off
the end is detected only against a head hash kept elsewhere (``--expect-head``). Without
the key, whoever can write the log can also delete an entry and recompute every later
hash; with it (the server keeps it in ``server-keys/audit.key``) they cannot, and a head
recorded earlier (every signed export carries one) no longer matches its sequence number.

Export format (JSON lines): one canonical JSON object ``{"entry": {...}, "hash": "..."}``
per line, each line ending in ``\\n``, in seq order. Produce it with :func:`to_jsonl`.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from typing import Any

from keys.encoding import dumps, frame, loads_canonical

GENESIS = "0" * 64
ENTRY_FIELDS = frozenset({"seq", "time", "actor", "action", "details"})

Entry = Mapping[str, Any]


def chain(prev_hash: str, entry: Entry, *, key: bytes | None = None) -> str:
    """Hash of ``entry`` linked to ``prev_hash`` (hex)."""
    message = frame(b"tk-audit-1", prev_hash, dumps(dict(entry)))
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _well_formed(entry: object) -> bool:
    return (
        isinstance(entry, Mapping)
        and set(entry) == ENTRY_FIELDS
        and isinstance(entry["seq"], int)
        and all(isinstance(entry[f], str) for f in ("time", "actor", "action"))
        and isinstance(entry["details"], Mapping)
    )


def verify(entries: Sequence[tuple[Entry, str]], *, key: bytes | None = None) -> int | None:
    """Index of the first entry whose link is broken, or None if the chain is intact."""
    prev, seq = GENESIS, 0
    for i, (entry, digest) in enumerate(entries):
        if not _well_formed(entry) or entry["seq"] != seq + 1:
            return i
        if not hmac.compare_digest(str(digest), chain(prev, entry, key=key)):
            return i
        prev, seq = digest, entry["seq"]
    return None


def head(entries: Sequence[tuple[Entry, str]]) -> str:
    """Latest hash; publish it elsewhere to make truncation detectable."""
    return entries[-1][1] if entries else GENESIS


def to_jsonl(entries: Sequence[tuple[Entry, str]]) -> bytes:
    return b"".join(dumps({"entry": dict(e), "hash": h}) + b"\n" for e, h in entries)


def parse_jsonl(data: bytes) -> tuple[list[tuple[Entry, str]], int | None]:
    """Parse an export; returns the entries before the first malformed line and its index."""
    if not data:
        return [], None
    lines = data.split(b"\n")
    complete, tail = lines[:-1], lines[-1]
    entries: list[tuple[Entry, str]] = []
    for i, line in enumerate(complete):
        try:
            obj = loads_canonical(line, "log line")
        except ValueError:
            return entries, i
        if not (
            isinstance(obj, dict) and set(obj) == {"entry", "hash"} and isinstance(obj["hash"], str)
        ):
            return entries, i
        entries.append((obj["entry"], obj["hash"]))
    return entries, (len(complete) if tail else None)


def parse_head(text: str) -> tuple[int | None, str]:
    """``HASH`` (the latest entry) or ``SEQ:HASH`` (the entry with that sequence number)."""
    seq, _, digest = text.strip().rpartition(":")
    if seq and not seq.isdigit():
        raise ValueError(f"expected head {text!r} is not HASH or SEQ:HASH")
    return (int(seq) if seq else None), digest


def head_mismatch(entries: Sequence[tuple[Entry, str]], expect_head: str) -> int | None:
    """Index at which a recorded head is missing from ``entries``, or None if it is there."""
    seq, digest = parse_head(expect_head)
    if seq is None:
        return None if head(entries) == digest else len(entries)
    if seq == 0:
        return None if digest == GENESIS else 0
    if seq > len(entries):
        return len(entries)  # cut off the end
    return None if hmac.compare_digest(str(entries[seq - 1][1]), digest) else seq - 1


def verify_jsonl(
    data: bytes, *, key: bytes | None = None, expect_head: str | None = None
) -> int | None:
    """First broken line of a JSON-lines export (or len(entries) if the head is missing)."""
    entries, bad_line = parse_jsonl(data)
    broken = verify(entries, key=key)
    if broken is not None:
        return broken
    if bad_line is not None:
        return bad_line
    if expect_head is not None:
        return head_mismatch(entries, expect_head)
    return None
