"""Key holders' API: sealed exports out, re-sealed envelopes in. No plaintext either way."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, File, Response, UploadFile
from sqlalchemy.orm import Session

from intake.db.models import Account
from intake.deps import api_role, get_db, get_services
from intake.services import Services, keyholder

router = APIRouter(prefix="/api/v1/keyholder", tags=["key holder"])
holder = api_role("keyholder")


def _download(data: bytes, filename: str, media_type: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/server-key", dependencies=[Depends(holder)])
def server_key(services: Services = Depends(get_services)) -> dict[str, str]:
    """The export-signing public key; compare it with the one you were given in person."""
    return {"server_key": services.vault.signing.verify_key().to_text()}


@router.get("/export")
def export(
    status: Literal["new", "in_review", "approved", "rejected"] | None = None,
    actor: Account = Depends(holder),
    db: Session = Depends(get_db),
    services: Services = Depends(get_services),
) -> Response:
    data = keyholder.export(db, services, actor=actor.username, status=status)
    return _download(data, "testimonies.tkx", "application/octet-stream")


@router.post("/import")
def import_envelopes(
    import_file: UploadFile = File(..., description="Import file written by `keys rewrap`."),
    export_file: UploadFile = File(..., description="The export file it answers."),
    actor: Account = Depends(holder),
    db: Session = Depends(get_db),
    services: Services = Depends(get_services),
) -> dict[str, int]:
    count = keyholder.import_envelopes(
        db,
        services,
        import_data=import_file.file.read(),
        export_data=export_file.file.read(),
        actor=actor.username,
    )
    return {"replaced": count}


@router.get("/audit-log", dependencies=[Depends(holder)])
def audit_log(db: Session = Depends(get_db)) -> Response:
    return _download(keyholder.audit_log(db), "audit-log.jsonl", "application/x-ndjson")
