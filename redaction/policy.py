"""What to redact and how surrogates are chosen; the defaults are the safe ones."""

from __future__ import annotations

from dataclasses import dataclass, field

from redaction.labels import ALL_LABELS


@dataclass(frozen=True)
class Policy:
    """labels: which identifier kinds to replace. keep_public: leave the curated keep list
    (public figures, countries, capitals, national institutions) readable. keep: extra surface
    forms to leave readable. link_key: opt-in keyed linking - the same real name gets the same
    surrogate in every testimony redacted with this key (HMAC-SHA256) instead of a random one.
    residual: run the fail-closed residual pass (redaction/residual.py) after detection.
    """

    labels: frozenset[str] = ALL_LABELS
    keep_public: bool = True
    keep: frozenset[str] = field(default_factory=frozenset)
    link_key: bytes | None = None
    residual: bool = True
