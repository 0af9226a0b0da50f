"""Probes for a process supervisor or load balancer: nothing in them names data or keys."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from intake.deps import AppServices

router = APIRouter(include_in_schema=False)
log = logging.getLogger(__name__)


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up and answering."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(services: AppServices) -> JSONResponse:
    """Ready for traffic: the database answers and the keys needed to seal are loaded."""
    try:
        with services.sessions() as db:
            db.execute(text("SELECT 1"))
        ready = bool(services.vault.recipients.holders) and bool(
            services.vault.editorial.current_key_id
        )
    except Exception:  # any failure means "not ready"; its details stay in the log
        log.warning("readiness check failed", exc_info=True)
        ready = False
    if not ready:
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ready"})
