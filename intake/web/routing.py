"""Route class that turns errors inside HTML routes into HTML pages (the app's are JSON)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute
from starlette.responses import RedirectResponse, Response

from intake.web.errors import exception_page


class LoginRequired(Exception):
    """No valid desk session: send the browser to the login page."""


class ShowPage(Exception):
    """Raised by a route's helper to answer with ``page`` instead of the route's own page."""

    def __init__(self, page: Response) -> None:
        super().__init__()
        self.page = page


class HtmlRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def html_errors(request: Request) -> Response:
            try:
                return await handler(request)
            except ShowPage as answer:
                return answer.page
            except LoginRequired:
                return RedirectResponse("/desk/login", status_code=303)
            except Exception as exc:
                return exception_page(request, exc)

        return html_errors
