"""Key holders' API: sealed exports out, re-sealed envelopes in. No plaintext either way."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Response, UploadFile

from intake.db.models import Account
from intake.deps import AppServices, DbSession, api_role
from intake.services import keyholder

router = APIRouter(prefix="/api/v1/keyholder", tags=["key holder"])
Holder = Annotated[Account, Depends(api_role("keyholder"))]


def _download(data: bytes, filename: str, media_type: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/server-key")
def server_key(_: Holder, services: AppServices) -> dict[str, str]:
    """The export-signing public key; compare it with the one you were given in person."""
    return {"server_key": services.vault.signing.verify_key().to_text()}


@router.get("/export")
def export(
    actor: Holder,
    db: DbSession,
    services: AppServices,
    status: Literal["new", "in_review", "approved", "rejected"] | None = None,
) -> Response:
    data = keyholder.export(db, services, actor=actor.username, status=status)
    return _download(data, "testimonies.tkx", "application/octet-stream")


@router.post("/import")
def import_envelopes(
    actor: Holder,
    db: DbSession,
    services: AppServices,
    import_file: Annotated[UploadFile, File(description="Written by `keys rewrap`.")],
    export_file: Annotated[UploadFile, File(description="The export file it answers.")],
) -> dict[str, int]:
    count = keyholder.import_envelopes(
        db,
        services,
        import_data=import_file.file.read(),
        export_data=export_file.file.read(),
        actor=actor.username,
    )
    return {"replaced": count}


@router.get("/audit-log")
def audit_log(_: Holder, db: DbSession) -> Response:
    return _download(keyholder.audit_log(db), "audit-log.jsonl", "application/x-ndjson")
