"""Every answer to a POST closes its connection, so costly requests spread over the workers.

uvicorn's workers share one listening socket and each keeps the connections it accepted. A
client or reverse proxy that holds connections open (nginx's upstream ``keepalive``, a load
generator, a browser) then stays pinned to whichever worker happened to accept them, and one
worker can redact every submission while the other idles. POSTs are the expensive requests
(redaction, argon2, sealing): closing after each one makes the next connection go to the
worker that is free to accept it. A new loopback or proxy connection costs far less than one
submission; pages, styles and other GETs keep their connections.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ConnectionSpreadMiddleware:
    """Pure ASGI middleware: ``Connection: close`` on the response to every POST."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return

        async def send_closing(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["Connection"] = "close"
            await send(message)

        await self.app(scope, receive, send_closing)


def install(app: FastAPI) -> None:
    app.add_middleware(ConnectionSpreadMiddleware)
