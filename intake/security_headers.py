"""Security headers on every response, as the outermost ASGI layer.

Starlette answers unhandled exceptions from ``ServerErrorMiddleware``, which sits *outside*
middleware added with ``add_middleware``; wrapping the whole built stack is the only place
where 500 responses, static files and router-level 404s all pass through.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), bluetooth=(), "
        "serial=(), hid=(), accelerometer=(), gyroscope=(), magnetometer=(), "
        "display-capture=(), fullscreen=(), browsing-topics=()"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "X-Permitted-Cross-Domain-Policies": "none",
    # Also on static files: a cached stylesheet on a seized phone proves a visit.
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
}


class SecurityHeadersMiddleware:
    """Pure ASGI middleware that sets ``HEADERS`` on every HTTP response, replacing any value."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install(app: FastAPI) -> None:
    """Wrap the application's whole middleware stack, error handling included."""
    build: Callable[[], ASGIApp] = app.build_middleware_stack

    def build_wrapped() -> ASGIApp:
        return SecurityHeadersMiddleware(build())

    app.build_middleware_stack = build_wrapped  # type: ignore[method-assign]
