"""Request-body limits at the edge, for every route, before anything parses or spools a body.

Starlette reads a form (and spools file parts to temporary files) before a route's
dependencies can refuse an anonymous caller, and reads JSON whole before validating it; so
the limit sits in the ASGI ``receive`` channel. A declared ``Content-Length`` above the limit
is refused on the first read, a chunked body as soon as the running count passes it. The
refusal is an ``HTTPException(413)``, which the usual handlers turn into the JSON or HTML
error of the route, security headers included.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from intake.config import Settings
from intake.web.forms import max_form_bytes

JSON_ESCAPE_BYTES = 12  # a character outside the BMP written as two \\uXXXX escapes
SLACK = 64 * 1024


@dataclass(frozen=True)
class RouteLimit:
    pattern: re.Pattern[str]
    limit: int


def route_limits(settings: Settings) -> list[RouteLimit]:
    """First match wins; everything else gets ``max_request_bytes``."""
    json_text = settings.max_text_chars * JSON_ESCAPE_BYTES + SLACK
    return [
        # The form parser has its own, slightly lower limit with a translated message.
        RouteLimit(
            re.compile(r"/[a-z]{2}/(submit|followup|preview|edit)"),
            max_form_bytes(settings) + SLACK,
        ),
        RouteLimit(re.compile(r"/api/v1/(testimonies|receipts/messages)"), json_text),
        RouteLimit(re.compile(r"/api/v1/keyholder/import"), settings.max_import_bytes),
    ]


def too_large(limit: int) -> HTTPException:
    return HTTPException(
        413,
        f"The request body is larger than this address accepts ({limit // 1024} KiB). "
        "Nothing was saved.",
    )


class BodyLimitMiddleware:
    """Counts body bytes as the application reads them and stops at the route's limit."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = _content_length(scope)
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            if declared is not None and declared > limit:
                raise too_large(limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise too_large(limit)
            return message

        await self.app(scope, limited_receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def install(app: FastAPI, limits: list[RouteLimit]) -> None:
    default = app.state.services.settings.max_request_bytes

    def limit_for(path: str) -> int:
        return next((r.limit for r in limits if r.pattern.fullmatch(path)), default)

    app.add_middleware(BodyLimitMiddleware, limit_for=limit_for)
