"""Key holders' API: sealed exports out, re-sealed envelopes in. No plaintext either way."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from intake.api.schemas import errors
from intake.db.models import Account
from intake.deps import AppServices, DbSession, api_role
from intake.errors import InvalidInput
from intake.services import keyholder

router = APIRouter(
    prefix="/api/v1/keyholder",
    tags=["key holder"],
    responses=errors(400, 401, 403, 409, 413, 422),
)
DOWNLOAD = {"schema": {"type": "string", "format": "binary"}}
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


@router.get("/export", responses={200: {"content": {"application/octet-stream": DOWNLOAD}}})
def export(
    actor: Holder,
    db: DbSession,
    services: AppServices,
    status: Literal["new", "in_review", "approved", "rejected"] | None = None,
) -> Response:
    data = keyholder.export(db, services, actor=actor.username, status=status)
    return _download(data, "testimonies.tkx", "application/octet-stream")


IMPORT_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["import_file", "export_file"],
                "properties": {
                    "import_file": {
                        "type": "string",
                        "format": "binary",
                        "description": "Written by `keys rewrap`.",
                    },
                    "export_file": {
                        "type": "string",
                        "format": "binary",
                        "description": "The export file it answers.",
                    },
                },
            }
        }
    },
}


async def _upload(form, name: str) -> bytes:  # type: ignore[no-untyped-def]
    value = form.get(name)
    if not isinstance(value, UploadFile):
        raise InvalidInput(f"Send the {name.replace('_', ' ')} as a file part named {name}.")
    return await value.read()


@router.post("/import", openapi_extra={"requestBody": IMPORT_BODY})
async def import_envelopes(
    request: Request, actor: Holder, db: DbSession, services: AppServices
) -> dict[str, int]:
    """The body is read only after the caller is known to be a key holder."""
    async with request.form(max_files=2, max_fields=0) as form:
        import_data = await _upload(form, "import_file")
        export_data = await _upload(form, "export_file")
    count = await run_in_threadpool(
        lambda: keyholder.import_envelopes(
            db, services, import_data=import_data, export_data=export_data, actor=actor.username
        )
    )
    return {"replaced": count}


@router.get("/audit-log", responses={200: {"content": {"application/x-ndjson": DOWNLOAD}}})
def audit_log(_: Holder, db: DbSession) -> Response:
    return _download(keyholder.audit_log(db), "audit-log.jsonl", "application/x-ndjson")
