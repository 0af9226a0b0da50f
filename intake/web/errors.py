"""HTML error pages. They show a fixed, translated message chosen by error type, never input."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, Response

from intake.attachments import AttachmentRejected
from intake.errors import Conflict, IntakeError, InvalidInput, RateLimited, ReceiptNotFound
from intake.services.witness import AlreadySent
from intake.web.i18n import LANGUAGES, negotiate
from intake.web.rendering import render, render_witness

log = logging.getLogger(__name__)
KNOWN_STATUSES = (400, 401, 403, 404, 405, 409, 413, 422, 429, 500)


class FormRejected(InvalidInput):
    """A witness form refused by the web layer before any service ran; ``code`` picks the text.

    ``params`` fill the translated message (a file's name, a limit); ``form`` is what could be
    read, so the page can give the witness their text back.
    """

    def __init__(
        self,
        code: str,
        message: str,
        status: int = 422,
        *,
        params: dict[str, object] | None = None,
        form: object | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.status_code = status
        self.params = params or {}
        self.form = form


def _status(status: int) -> int:
    return status if status in KNOWN_STATUSES else (500 if status >= 500 else 400)


def witness_message(exc: Exception | None, status: int) -> str:
    """Locale key of the message a witness sees for ``exc``."""
    match exc:
        case AttachmentRejected() | FormRejected():
            return f"error_{exc.code}"
        case AlreadySent():
            return "error_already_sent"
        case ReceiptNotFound():
            return "error_receipt_not_found"
        case RateLimited():
            return "error_rate_limited"
        case Conflict():
            return "error_conflict"
        case InvalidInput():
            return "error_not_accepted"
    return f"error_{_status(status)}"


def _witness_lang(request: Request) -> str:
    first = request.url.path.strip("/").split("/")[0]
    return first if first in LANGUAGES else negotiate(request.headers.get("accept-language"))


def error_page(request: Request, status: int, exc: Exception | None = None) -> HTMLResponse:
    """The error page for this part of the site: English on the desk, translated for witnesses."""
    status = _status(status)
    if request.url.path.startswith("/desk"):
        message = exc.message if isinstance(exc, IntakeError) else None
        return render(
            request, "desk/error.html", {"status": status, "message": message}, status=status
        )
    lang = _witness_lang(request)
    unsaved = request.method == "POST" and request.url.path.endswith(("/submit", "/followup"))
    context = {"status": status, "message_key": witness_message(exc, status), "unsaved": unsaved}
    return render_witness(request, lang, "witness/error.html", context, status=status)


def exception_page(request: Request, exc: Exception) -> Response:
    """Map any exception raised in an HTML route to its page; unexpected ones are logged."""
    if isinstance(exc, IntakeError):
        return error_page(request, exc.status_code, exc)
    if isinstance(exc, RequestValidationError):
        return error_page(request, 422, exc)
    if isinstance(exc, StarletteHTTPException):
        return error_page(request, exc.status_code, exc)
    log.error("unhandled error in an HTML page", exc_info=exc)
    return error_page(request, 500, exc)


def install(app: FastAPI) -> None:
    """HTML pages for paths no route matched and for crashes outside the API; /api keeps JSON.

    Call after the API's own handlers are registered: those stay in charge of /api paths.
    """
    for exc_class in (StarletteHTTPException, Exception):
        api_handler = app.exception_handlers.get(exc_class)

        async def handler(request: Request, exc: Exception, api_handler=api_handler) -> Response:
            if api_handler is not None and request.url.path.startswith("/api/"):
                return await api_handler(request, exc)
            return exception_page(request, exc)

        app.add_exception_handler(exc_class, handler)
