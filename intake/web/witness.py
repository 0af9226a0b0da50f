"""Witness pages: submit a testimony, come back with the receipt, add to it, read it back.

No JavaScript, no cookies, nothing about the visitor is read. These forms carry no CSRF
token on purpose: CSRF abuses a victim's ambient credentials (a session cookie), and witness
pages have none. A forged cross-site POST can only do what its author could do by posting
directly, and reading a status needs the receipt, which a forger would already have to know.
Setting a cookie just to hold a token would leave a trace of the visit on the witness's device.
The receipt always travels in a POST body, never in a URL, so it stays out of history and logs.

The submission form carries its receipt from the start (as SecureDrop issues the code before
the first message): sending the same form twice stores one testimony and shows the same receipt.
A refused form comes back from the server with the text filled in, never relying on Back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse

from intake import form_tokens
from intake.attachments import AttachmentRejected
from intake.config import Settings
from intake.errors import IntakeError, ReceiptNotFound
from intake.receipts import words_of
from intake.services import Services
from intake.services.shredding import withdraw
from intake.services.witness import (
    WitnessStatus,
    add_followup,
    canonical_receipt,
    read_back,
    receipt_status,
    submit_testimony,
)
from intake.validation import LANGUAGES as TEXT_LANGUAGES
from intake.web import preview, static
from intake.web.errors import FormRejected, witness_message
from intake.web.forms import WitnessForm, page_limits, read_witness_form
from intake.web.i18n import negotiate
from intake.web.params import AppServices, DbSession
from intake.web.rendering import render_witness
from intake.web.routing import HtmlRoute, ShowPage
from intake.web.writing_form import writing_form

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
router.include_router(static.router)  # the stylesheet travels with the pages that need it
router.include_router(preview.router)  # check the pseudonymised text before it is sent

FILE_ERRORS = ("file_too_large", "too_many_files", "unsupported", "corrupt", "encrypted")
T = TypeVar("T")


def _text(form: WitnessForm, settings: Settings) -> str:
    """Checked here as well as in the service so the witness gets the reason in their language."""
    text = form.fields.get("text", "").strip()
    if not text:
        raise FormRejected("text_empty", "The text is empty.")
    if len(text.replace("\r\n", "\n")) > settings.max_text_chars:
        raise FormRejected("text_too_long", "The text is too long.")
    return text


def _problem(exc: IntakeError, form: WitnessForm | None) -> dict[str, Any]:
    """Which field a refusal belongs to, its message, and whether files must be chosen again."""
    key = witness_message(exc, exc.status_code)
    code = key.removeprefix("error_")
    field = "attachments" if code in FILE_ERRORS else "text"
    if code == "not_accepted" and form and form.fields.get("language") not in TEXT_LANGUAGES:
        field = "language"
    return {
        "field": field,
        "key": key,
        "params": getattr(exc, "params", {}),
        "files_dropped": bool(form and form.files) or code in FILE_ERRORS,
    }


@router.get("/")
def choose_language(request: Request) -> RedirectResponse:
    lang = negotiate(request.headers.get("accept-language"))
    return RedirectResponse(f"/{lang}/", status_code=303, headers={"Vary": "Accept-Language"})


def _form_again(
    request: Request, lang: str, services: Services, form: WitnessForm, exc: IntakeError
) -> HTMLResponse:
    """The refused form with everything filled in but its receipt: a fresh one for every form
    shown, so a refused or already used receipt is never offered again."""
    fields = {k: v for k, v in form.fields.items() if k != "receipt"}
    problem = _problem(exc, form)
    return writing_form(
        request, lang, services, fields=fields, problem=problem, status=exc.status_code
    )


@router.get("/{lang:lang}/")
def submission_form(request: Request, lang: str, services: AppServices) -> HTMLResponse:
    return writing_form(request, lang, services)


def _receipt_page(request: Request, lang: str, code: str) -> HTMLResponse:
    return render_witness(
        request, lang, "witness/receipt_issued.html", {"words": words_of(code), "receipt": code}
    )


@router.post("/{lang:lang}/submit")
async def submit(
    request: Request,
    lang: str,
    services: AppServices,
    db: DbSession,
) -> HTMLResponse:
    form: WitnessForm | None = None
    try:
        form = await read_witness_form(request, services.settings)
        text = _text(form, services.settings)
        token = form_tokens.verify(
            services.vault.form_key, form.fields.get("form_token"), time.time()
        )
        files = form.take_files()
        receipt = await run_in_threadpool(
            lambda: submit_testimony(
                db,
                services,
                text=text,
                language=form.fields.get("language", "auto"),
                attachments=files,
                form_token=token,
                receipt=form.fields.get("receipt"),
                receipt_language=lang,
                **preview.confirmed(form),  # words hidden and surrogates drawn on the preview
            )
        )
    except (IntakeError, AttachmentRejected) as exc:
        form = form or getattr(exc, "form", None)
        if form is None:
            raise
        return _form_again(request, lang, services, form, exc)
    return _receipt_page(request, lang, receipt.code)


@router.post("/{lang:lang}/issued")
async def receipt_again(
    request: Request,
    lang: str,
    receipt: Annotated[str, Form(max_length=300)],
    services: AppServices,
    db: DbSession,
) -> HTMLResponse:
    """The receipt page in another language: its language switch posts the receipt here."""
    code = await run_in_threadpool(lambda: canonical_receipt(db, services, receipt=receipt))
    return _receipt_page(request, lang, code)


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
    form: WitnessForm | None = None,
    problem: dict[str, Any] | None = None,
    status: int = 200,
) -> HTMLResponse:
    context = {
        "status": found,
        "receipt": receipt,
        "added": added,
        "limits": page_limits(services.settings),
        "files_left": max(0, services.settings.max_attachments - found.attachments),
        "text": form.fields.get("text", "") if form else "",
        "problem": problem,
    }
    return render_witness(request, lang, "witness/status.html", context, status=status)


async def _with_receipt(request: Request, lang: str, typed: str, call: Callable[[], T]) -> T:
    """Run a service call that opens ``typed``; a receipt that opens nothing answers with the
    receipt form again (404), what was typed filled in so that a slip can be corrected."""
    try:
        return await run_in_threadpool(call)
    except ReceiptNotFound:
        context = {"typed": typed[:300], "not_found": True}
        raise ShowPage(
            render_witness(request, lang, "witness/receipt_form.html", context, status=404)
        ) from None


@router.post("/{lang:lang}/receipt")
async def status(
    request: Request,
    lang: str,
    receipt: Annotated[str, Form(max_length=300)],
    services: AppServices,
    db: DbSession,
) -> HTMLResponse:
    found = await _with_receipt(
        request, lang, receipt, lambda: receipt_status(db, services, receipt=receipt)
    )
    return _status_page(request, lang, services, receipt, found, added=False)


@router.post("/{lang:lang}/followup")
async def followup(
    request: Request,
    lang: str,
    services: AppServices,
    db: DbSession,
) -> HTMLResponse:
    form: WitnessForm | None = None
    try:
        form = await read_witness_form(request, services.settings)
        receipt = form.fields.get("receipt", "")
        text = _text(form, services.settings)
        files = form.take_files()
        found = await _with_receipt(
            request,
            lang,
            receipt,
            lambda: add_followup(db, services, receipt=receipt, text=text, attachments=files),
        )
    except (IntakeError, AttachmentRejected) as exc:
        form = form or getattr(exc, "form", None)
        if form is None:
            raise
        receipt = form.fields.get("receipt", "")
        found = await _with_receipt(
            request, lang, receipt, lambda: receipt_status(db, services, receipt=receipt)
        )
        problem = _problem(exc, form)
        return _status_page(
            request,
            lang,
            services,
            receipt,
            found,
            added=False,
            form=form,
            problem=problem,
            status=exc.status_code,
        )
    return _status_page(request, lang, services, receipt, found, added=True)


@router.post("/{lang:lang}/sent")
async def sent(
    request: Request,
    lang: str,
    receipt: Annotated[str, Form(max_length=300)],
    services: AppServices,
    db: DbSession,
) -> HTMLResponse:
    """Read back what was sent; the page is never cached (no-store) and nothing is logged."""
    opened = await _with_receipt(
        request, lang, receipt, lambda: read_back(db, services, receipt=receipt)
    )
    return render_witness(request, lang, "witness/sent.html", {"sent": opened, "receipt": receipt})


@router.post("/{lang:lang}/withdraw")
async def withdraw_testimony(
    request: Request,
    lang: str,
    receipt: Annotated[str, Form(max_length=300)],
    services: AppServices,
    db: DbSession,
    confirm: Annotated[str, Form(max_length=10)] = "",
) -> HTMLResponse:
    """Crypto-shred the testimony; a ticked box guards against a slip of the finger."""
    if confirm != "yes":
        raise FormRejected("withdraw_unconfirmed", "Withdrawal not confirmed.")
    await _with_receipt(request, lang, receipt, lambda: withdraw(db, services, receipt=receipt))
    return render_witness(request, lang, "witness/withdrawn.html")
