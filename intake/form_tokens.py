"""Witness form tokens: a short signed value in each form page, so budgets can be per form.

The server keeps no IP address, and a witness page cannot run JavaScript (no proof of work),
so the one thing that tells two witnesses apart is the form page each of them opened. A token
is ``<hour>.<nonce>.<tag>``: the hour it was issued, 16 random bytes, and an HMAC over both
under the server's form key. Nothing is stored when a token is issued; submissions count per
token in the shared throttle table. Tokens expire after a day.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

LIFETIME_HOURS = 24
_SHAPE = re.compile(r"([0-9]{1,10})\.([0-9a-f]{32})\.([0-9a-f]{32})", re.ASCII)


def _tag(key: bytes, hour: int, nonce: str) -> str:
    return hmac.new(key, f"tk-form-1|{hour}|{nonce}".encode(), hashlib.sha256).hexdigest()[:32]


def issue(key: bytes, now: float) -> str:
    hour = int(now // 3600)
    nonce = secrets.token_hex(16)
    return f"{hour}.{nonce}.{_tag(key, hour, nonce)}"


def verify(key: bytes, token: object, now: float) -> bytes | None:
    """The token's identity if it is genuine and fresh, else None (treated as no token)."""
    match = _SHAPE.fullmatch(token) if isinstance(token, str) else None
    if match is None:
        return None
    hour, nonce, tag = int(match[1]), match[2], match[3]
    if not 0 <= int(now // 3600) - hour < LIFETIME_HOURS:
        return None
    if not hmac.compare_digest(tag, _tag(key, hour, nonce)):
        return None
    return nonce.encode()
