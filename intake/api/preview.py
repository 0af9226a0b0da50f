"""Witness API: see the pseudonymised text before submitting. Stores and logs nothing."""

from __future__ import annotations

from fastapi import APIRouter

from intake.api.schemas import ErrorOut, PreviewIn, PreviewOut, PseudonymOut, errors
from intake.deps import AppServices
from intake.services import preview
from intake.validation import clean_language, clean_text

# Not rate-limited and bound to no receipt: malformed, too large or refused bodies only.
router = APIRouter(prefix="/api/v1", tags=["witness"], responses=errors(400, 413))


@router.post(
    "/testimonies/preview",
    response_model=PreviewOut,
    responses={422: {"model": ErrorOut, "description": "Empty or too long text, bad `hide`."}},
)
def preview_testimony(body: PreviewIn, services: AppServices) -> PreviewOut:
    """What editors would see if this body were submitted now, with `hide` applied.

    Nothing is stored: no database row, no file, no log line. Surrogates are drawn afresh on
    submission, so invented names may differ; which words are replaced does not."""
    text = clean_text(body.text, max_chars=services.settings.max_text_chars)
    result = preview.pseudonymise(
        text, clean_language(body.language), policy=services.policy, hide=body.hide
    )
    return PreviewOut(
        language=result.language,
        text=result.view.text,
        pseudonyms=[PseudonymOut(**span.__dict__) for span in result.view.spans],
        hidden=list(result.hidden),
        not_found=list(result.not_found),
    )
