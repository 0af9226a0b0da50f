"""Editors' API: pseudonymised text only; no route here can reach an original."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from intake.api.schemas import CorrectionIn, NoteIn, PageOut, StatusIn, TestimonyOut, errors
from intake.db.models import Account
from intake.deps import AppServices, DbSession, api_role
from intake.pseudonymised import Pseudonym
from intake.services import review

router = APIRouter(
    prefix="/api/v1/editor", tags=["editor"], responses=errors(400, 401, 403, 404, 413, 422)
)
EXPORT_RESPONSES: dict[int | str, dict] = {
    200: {
        "description": "Approved testimonies, pseudonymised, as a download.",
        "content": {"application/json": {}, "text/markdown": {"schema": {"type": "string"}}},
    }
}
Editor = Annotated[Account, Depends(api_role("editor", "admin"))]


def _pseudonyms(spans: tuple[Pseudonym, ...]) -> list[dict]:
    return [span.__dict__ for span in spans]


@router.get("/testimonies", response_model=PageOut)
def queue(
    _: Editor,
    db: DbSession,
    services: AppServices,
    status_: Annotated[str | None, Query(alias="status")] = None,
    language: Literal["en", "ru", "uk"] | None = None,
    since: date | None = None,
    until: date | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1, le=200)] = 25,
    sort: Literal["newest", "oldest"] = "newest",
) -> PageOut:
    found = review.list_testimonies(
        db,
        services,
        status=status_,
        language=language,
        since=since,
        until=until,
        page=page,
        per_page=per_page,
        sort=sort,
    )
    return PageOut(
        items=[item.__dict__ for item in found.items],
        page=found.page,
        per_page=found.per_page,
        total=found.total,
        counts=found.counts,
    )


@router.get("/testimonies/{testimony_id}", response_model=TestimonyOut)
def read(testimony_id: str, _: Editor, db: DbSession, services: AppServices) -> TestimonyOut:
    view = review.get_testimony(db, services, testimony_id)
    return TestimonyOut(
        id=view.id,
        language=view.language,
        status=view.status,
        submitted_on=view.submitted_on,
        text=view.text,
        pseudonyms=_pseudonyms(view.spans),
        followups=[
            {
                "seq": m.seq,
                "submitted_on": m.submitted_on,
                "text": m.text,
                "pseudonyms": _pseudonyms(m.spans),
            }
            for m in view.followups
        ],
        attachments=[a.__dict__ for a in view.attachments],
        notes=[
            {"author": n.author, "created_at": n.created_at.isoformat(), "body": n.body}
            for n in view.notes
        ],
    )


@router.put("/testimonies/{testimony_id}/status", status_code=status.HTTP_204_NO_CONTENT)
def set_status(
    testimony_id: str, body: StatusIn, actor: Editor, db: DbSession, services: AppServices
) -> None:
    review.set_status(db, services, testimony_id, body.status, actor=actor)


@router.post("/testimonies/{testimony_id}/corrections", status_code=status.HTTP_204_NO_CONTENT)
def mark_missed(
    testimony_id: str, body: CorrectionIn, actor: Editor, db: DbSession, services: AppServices
) -> None:
    review.mark_missed(
        db, services, testimony_id, surfaces=[body.surface], label=body.label, actor=actor
    )


@router.post("/testimonies/{testimony_id}/notes", status_code=status.HTTP_204_NO_CONTENT)
def add_note(
    testimony_id: str, body: NoteIn, actor: Editor, db: DbSession, services: AppServices
) -> None:
    review.add_note(db, services, testimony_id, body.body, actor=actor)


@router.get("/exports/approved", responses=EXPORT_RESPONSES)
def export(
    actor: Editor,
    db: DbSession,
    services: AppServices,
    format: Literal["markdown", "json"] = "json",
) -> Response:
    body = review.export_approved(db, services, format, actor=actor)
    media = "text/markdown" if format == "markdown" else "application/json"
    extension = "md" if format == "markdown" else "json"
    return Response(
        body,
        media_type=f"{media}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="approved.{extension}"'},
    )
