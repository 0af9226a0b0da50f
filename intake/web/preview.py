"""Witness pages between "send" and the receipt: check the pseudonymised text, hide more words.

The server keeps nothing between the steps: the text, the words to hide and the surrogates the
preview drew travel in hidden form fields, as the text always has. Attachments are chosen on
the confirming form, next to the final "send" button, so they cross the network once and are
never held by the server (or put in a page) while the witness reads the preview.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse

from intake.errors import InvalidInput
from intake.pseudonymised import Pseudonym
from intake.services import Services, preview
from intake.validation import LANGUAGES as TEXT_LANGUAGES
from intake.validation import clean_language, clean_text
from intake.web.errors import FormRejected
from intake.web.forms import WitnessForm, page_limits, read_witness_form
from intake.web.highlight import segments
from intake.web.params import AppServices
from intake.web.rendering import render_witness
from intake.web.routing import HtmlRoute
from intake.web.writing_form import writing_form
from redaction.text import words

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)


@dataclass(frozen=True)
class Run:
    """A piece of the preview text: a surrogate, a word the witness may tick, or the rest."""

    text: str
    pseudonym: Pseudonym | None = None
    word: bool = False


def runs(text: str, spans: tuple[Pseudonym, ...], language: str) -> list[Run]:
    """The text cut into surrogates, words (tickable, as redaction tokenises them) and gaps."""
    out: list[Run] = []
    for seg in segments(text, spans):
        if seg.pseudonym is not None:
            out.append(Run(seg.text, seg.pseudonym))
            continue
        last = 0
        for word in words(seg.text, english=language == "en"):
            if word.start > last:
                out.append(Run(seg.text[last : word.start]))
            out.append(Run(word.text, word=True))
            last = word.end
        if last < len(seg.text):
            out.append(Run(seg.text[last:]))
    return out


def confirmed(form: WitnessForm) -> dict[str, Any]:
    """What the confirming form adds to a submission: the words to hide, the preview's
    surrogates. Empty for a form that skipped the preview (the API, older pages)."""
    return {
        "hide": preview.terms_from_lines(form.fields.get("hide", "")),
        "memory": preview.memory_from_form(form.fields.get("memory", "")),
    }


def _draft(form: WitnessForm) -> dict[str, Any]:
    """The form's own fields, to be filled in again on whichever page comes next."""
    fields = form.fields
    language = fields.get("language", "auto")
    return {
        "text": fields.get("text", "").replace("\r\n", "\n").strip(),
        "language": language if language in TEXT_LANGUAGES else "auto",
        "hide": [
            *preview.terms_from_lines(fields.get("hide", "")),
            *form.lists.get("mark", []),
        ],
        "memory": fields.get("memory", ""),
        # The one-time token of the writing form, if it has one, rides along to the final send.
        "receipt": fields.get("receipt", ""),
        "form_token": fields.get("form_token", ""),
    }


def _form_page(
    request: Request, lang: str, services: Services, draft: dict[str, Any], error: str | None
) -> HTMLResponse:
    """The writing form again, text and words to hide filled in (never lost on an error)."""
    fields = {**draft, "hide": "\n".join(draft["hide"])}
    problem = error and {"field": "text", "key": error, "params": {}, "files_dropped": False}
    return writing_form(
        request, lang, services, fields=fields, problem=problem, status=422 if error else 200
    )


def _error_key(exc: InvalidInput) -> str:
    match exc:
        case FormRejected():
            return f"error_{exc.code}"
        case preview.TermsRefused():
            return "preview_error_hide"
    return "error_not_accepted"


@router.post("/{lang:lang}/preview")
async def show_preview(request: Request, lang: str, services: AppServices) -> HTMLResponse:
    settings = services.settings
    form = await read_witness_form(request, settings)
    draft = _draft(form)
    try:
        if not draft["text"]:
            raise FormRejected("text_empty", "The text is empty.")
        if len(draft["text"]) > settings.max_text_chars:
            raise FormRejected("text_too_long", "The text is too long.")
        clean_text(draft["text"], max_chars=settings.max_text_chars)  # NUL, lone surrogates
        result = await run_in_threadpool(
            lambda: preview.pseudonymise(
                draft["text"],
                clean_language(draft["language"]),
                policy=services.policy,
                hide=draft["hide"],
                memory=preview.memory_from_form(draft["memory"]),
            )
        )
    except InvalidInput as exc:
        return _form_page(request, lang, services, draft, _error_key(exc))
    context = {
        "draft": draft,
        "result": result,
        "runs": runs(result.view.text, result.view.spans, result.language),
        "memory_json": result.memory.to_json(),
        "hide_lines": "\n".join(result.hidden + result.not_found),
        "replaced": len([s for s in result.view.spans if s.label != preview.HIDDEN]),
        "limits": page_limits(settings),
        "labels": sorted({span.label for span in result.view.spans}),
    }
    return render_witness(request, lang, "witness/preview.html", context)


@router.post("/{lang:lang}/edit")
async def edit(request: Request, lang: str, services: AppServices) -> HTMLResponse:
    """Back from the preview to the writing form, everything filled in, without relying on
    the browser's Back button (Firefox drops form state on no-store pages)."""
    form = await read_witness_form(request, services.settings)
    return _form_page(request, lang, services, _draft(form), None)
