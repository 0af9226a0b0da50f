"""uvicorn's HTTP/1.1 protocol, with the security headers on the responses it writes itself.

uvicorn answers a request it cannot parse (or a refused upgrade) with its own 400 before
the application runs, so ``SecurityHeadersMiddleware`` never sees that response. This
subclass, handed to uvicorn as its ``http`` protocol class, writes the same 400 with the
same headers every application response carries.
"""

from __future__ import annotations

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from intake.security_headers import HEADERS

_HEADERS_400 = [
    (b"content-type", b"text/plain; charset=utf-8"),
    (b"connection", b"close"),
    *((name.lower().encode("ascii"), value.encode("ascii")) for name, value in HEADERS.items()),
]


class SecureH11Protocol(H11Protocol):
    """h11 (pure Python, always installed with uvicorn), so the class does not change with
    whether httptools happens to be installed."""

    def send_400_response(self, msg: str) -> None:
        """uvicorn's 400, headers included; ``msg`` is uvicorn's fixed text, never input."""
        for event in (
            h11.Response(status_code=400, headers=_HEADERS_400, reason=b"Bad Request"),
            h11.Data(data=msg.encode("ascii")),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event))
        self.transport.close()
