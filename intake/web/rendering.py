"""Jinja2 environment (autoescaped) and the one way pages are rendered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from intake.web.i18n import LANGUAGES, Translator

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
templates = Jinja2Templates(directory=TEMPLATE_DIR)
templates.env.globals["languages"] = LANGUAGES


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status: int = 200
) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context or {}, status_code=status)


def render_witness(
    request: Request,
    lang: str,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
) -> HTMLResponse:
    """Witness pages get the language and its translator."""
    return render(
        request, name, {"lang": lang, "t": Translator(lang), **(context or {})}, status=status
    )
