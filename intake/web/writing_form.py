"""The witness's writing form, shown fresh or again after a refusal or an edit.

The preview step and the witness routes both come back here, so the form is filled in the same
way everywhere: text, language, words to hide and the preview's surrogates are never lost.
"""

from __future__ import annotations

import time
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse

from intake import form_tokens
from intake.receipts import new_receipt
from intake.services import Services
from intake.validation import LANGUAGES as TEXT_LANGUAGES
from intake.web.forms import page_limits
from intake.web.rendering import render_witness


def writing_form(
    request: Request,
    lang: str,
    services: Services,
    *,
    fields: dict[str, str] | None = None,
    problem: dict[str, Any] | None = None,
    status: int = 200,
) -> HTMLResponse:
    """``fields`` are what the witness sent: a ``receipt`` or form ``token`` in them rides on
    (sending after an edit stays idempotent and on the same budget); otherwise new ones."""
    fields = fields or {}
    context = {
        "limits": page_limits(services.settings),
        "text_languages": TEXT_LANGUAGES,
        "form_receipt": fields.get("receipt") or new_receipt(lang),
        "form_token": fields.get("form_token")
        or form_tokens.issue(services.vault.form_key, time.time()),
        "text": fields.get("text", ""),
        "chosen_language": fields.get("language", "auto"),
        "hide": fields.get("hide", ""),
        "memory": fields.get("memory", ""),
        "problem": problem,
    }
    return render_witness(request, lang, "witness/form.html", context, status=status)
