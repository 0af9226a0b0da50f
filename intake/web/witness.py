"""Witness pages: submit a testimony, come back with the receipt, add to it.

No JavaScript, no cookies, nothing about the visitor is read. These forms carry no CSRF
token on purpose: CSRF abuses a victim's ambient credentials (a session cookie), and witness
pages have none. A forged cross-site POST can only do what its author could do by posting
directly, and reading a status needs the receipt, which a forger would already have to know.
Setting a cookie just to hold a token would leave a trace of the visit on the witness's device.
The receipt always travels in a POST body, never in a URL, so it stays out of history and logs.
"""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse

from intake import form_tokens
from intake.config import Settings
from intake.receipts import words_of
from intake.services import Services
from intake.services.witness import (
    WitnessStatus,
    add_followup,
    receipt_status,
    submit_testimony,
)
from intake.validation import LANGUAGES as TEXT_LANGUAGES
from intake.web import static
from intake.web.errors import FormRejected
from intake.web.forms import WitnessForm, read_witness_form
from intake.web.i18n import negotiate
from intake.web.params import AppServices, DbSession
from intake.web.rendering import render_witness
from intake.web.routing import HtmlRoute

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
router.include_router(static.router)  # the stylesheet travels with the pages that need it


def _limits(settings: Settings) -> dict[str, int]:
    return {
        "max_chars": settings.max_text_chars,
        "max_files": settings.max_attachments,
        "max_mb": max(1, settings.max_attachment_bytes // (1024 * 1024)),
    }


def _text(form: WitnessForm, settings: Settings) -> str:
    """Checked here as well as in the service so the witness gets the reason in their language."""
    text = form.fields.get("text", "").strip()
    if not text:
        raise FormRejected("text_empty", "The text is empty.")
    if len(text.replace("\r\n", "\n")) > settings.max_text_chars:
        raise FormRejected("text_too_long", "The text is too long.")
    return text


@router.get("/")
def choose_language(request: Request) -> RedirectResponse:
    lang = negotiate(request.headers.get("accept-language"))
    return RedirectResponse(f"/{lang}/", status_code=303, headers={"Vary": "Accept-Language"})


@router.get("/{lang:lang}/")
def submission_form(request: Request, lang: str, services: AppServices) -> HTMLResponse:
    context = {
        "limits": _limits(services.settings),
        "text_languages": TEXT_LANGUAGES,
        "form_token": form_tokens.issue(services.vault.form_key, time.time()),
    }
    return render_witness(request, lang, "witness/form.html", context)


@router.post("/{lang:lang}/submit")
async def submit(
    request: Request,
    lang: str,
    services: AppServices,
    db: DbSession,
) -> HTMLResponse:
    form = await read_witness_form(request, services.settings)
    text = _text(form, services.settings)
    language = form.fields.get("language", "auto")
    token = form_tokens.verify(services.vault.form_key, form.fields.get("form_token"), time.time())
    files = form.take_files()
    receipt = await run_in_threadpool(
        lambda: submit_testimony(
            db, services, text=text, language=language, attachments=files, form_token=token
        )
    )
    words = words_of(receipt.code)
    return render_witness(request, lang, "witness/receipt_issued.html", {"words": words})


@router.get("/{lang:lang}/receipt")
def receipt_form(request: Request, lang: str) -> HTMLResponse:
    return render_witness(request, lang, "witness/receipt_form.html")


def _status_page(
    request: Request,
    lang: str,
    services: Services,
    receipt: str,
    found: WitnessStatus,
    *,
    added: bool,
) -> HTMLResponse:
    context = {
        "status": found,
        "receipt": receipt,
        "added": added,
        "limits": _limits(services.settings),
        "files_left": max(0, services.settings.max_attachments - found.attachments),
    }
    return render_witness(request, lang, "witness/status.html", context)


@router.post("/{lang:lang}/receipt")
async def status(
    request: Request,
    lang: str,
    receipt: Annotated[str, Form(max_length=300)],
    services: AppServices,
    db: DbSession,
) -> HTMLResponse:
    found = await run_in_threadpool(lambda: receipt_status(db, services, receipt=receipt))
    return _status_page(request, lang, services, receipt, found, added=False)


@router.post("/{lang:lang}/followup")
async def followup(
    request: Request,
    lang: str,
    services: AppServices,
    db: DbSession,
) -> HTMLResponse:
    form = await read_witness_form(request, services.settings)
    receipt = form.fields.get("receipt", "")
    text = _text(form, services.settings)
    files = form.take_files()
    found = await run_in_threadpool(
        lambda: add_followup(db, services, receipt=receipt, text=text, attachments=files)
    )
    return _status_page(request, lang, services, receipt, found, added=True)
