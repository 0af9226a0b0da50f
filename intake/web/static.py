"""Serves the few files in ``intake/static``: an allow-list fixed at start, nothing else."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from starlette.responses import FileResponse

from intake.errors import NotFound
from intake.web.routing import HtmlRoute

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
MEDIA_TYPES = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
FILES = {p.name: p for p in STATIC_DIR.iterdir() if p.suffix in MEDIA_TYPES}

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)


@router.get("/static/{name}")
def static_file(name: str) -> FileResponse:
    path = FILES.get(name)
    if path is None:
        raise NotFound("No such file.")
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix])
