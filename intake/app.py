"""Application factory: configuration, keys, database, routers, error handling."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

import keys
from intake import body_limit, connection_spread, logs, malloc, security_headers
from intake.api import editor, health, keyholder, preview, session, witness
from intake.config import Settings, load_settings
from intake.db.engine import make_engine, make_sessionmaker
from intake.db.migrate import upgrade
from intake.errors import IntakeError
from intake.filesystem import private_dir, restrict_umask, tighten_sqlite
from intake.ratelimit import Limiter, ThrottleStore
from intake.services import Services
from intake.services.shredding import purge_expired
from intake.vault import open_vault
from intake.web import editor as editor_pages
from intake.web import errors as error_pages
from intake.web import witness as witness_pages
from redaction import Policy, warm_up

log = logging.getLogger(__name__)

PURGE_INTERVAL_SECONDS = 3600


def build_services(settings: Settings) -> Services:
    restrict_umask()  # before the first file is written: logs, keys, the database
    private_dir(settings.data_dir)  # the SQLite file's home
    if settings.database_url is None:
        tighten_sqlite(settings.data_dir / "testimonies.sqlite3")
    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    vault = open_vault(settings, engine)
    limiter = Limiter(
        ThrottleStore(engine),
        settings.rate_global_per_minute,
        settings.rate_receipt_per_hour,
        per_form_token=settings.rate_per_form_token,
        receipt_lookups_per_minute=settings.rate_receipt_lookups_per_minute,
        login_per_account=settings.login_attempts_per_account,
        login_per_minute=settings.login_attempts_per_minute,
    )
    return Services(
        settings=settings,
        vault=vault,
        limiter=limiter,
        policy=Policy(link_key=vault.link_key),
        sessions=make_sessionmaker(engine),
    )


def _validation_message(exc: RequestValidationError) -> str:
    """Say what is wrong and where, never echoing the submitted value (nor unknown key names)."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
        if error.get("type") == "json_invalid":
            parts.append("The request body is not valid JSON.")
        elif error.get("type") == "extra_forbidden":
            parts.append("The body has a field this request does not take.")
        else:
            parts.append(f"{where}: {error.get('msg', 'invalid value')}")
    return " ".join(parts) or "The request is not valid."


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(IntakeError)
    async def intake_error(request: Request, exc: IntakeError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _validation_message(exc)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)

    @app.exception_handler(keys.DecryptionError)
    async def integrity_error(request: Request, exc: keys.DecryptionError) -> JSONResponse:
        log.error("stored ciphertext failed its integrity check")
        return JSONResponse(
            {
                "detail": "A stored record failed its integrity check: it may have been "
                "tampered with. Nothing was changed. Tell the administrator."
            },
            status_code=500,
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        route = request.scope.get("route")
        log.error("unhandled error on %s", getattr(route, "path", "?"), exc_info=exc)
        return JSONResponse(
            {"detail": "Something went wrong on our side. Nothing was saved."}, status_code=500
        )


def _purge_once(services: Services) -> None:
    with services.sessions() as db:
        count = purge_expired(db, services)
    if count:
        log.info("retention: shredded %d rejected testimonies", count)


async def _purge_safely(services: Services) -> None:
    try:
        await run_in_threadpool(_purge_once, services)
    except Exception:
        log.error("retention purge failed; will retry", exc_info=True)


async def _purge_periodically(services: Services) -> None:
    """Every worker purges hourly; a purge is idempotent across workers and instances."""
    while True:
        await asyncio.sleep(PURGE_INTERVAL_SECONDS)
        await _purge_safely(services)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Per worker: models loaded before the first request, retention purge in the background."""
    services: Services = app.state.services
    try:
        await run_in_threadpool(warm_up)
    except Exception:  # requests will load the models themselves and report their own errors
        log.error("model warm-up failed; models load on first use", exc_info=True)
    purge = None
    if services.settings.retention_days_rejected is not None:
        await _purge_safely(services)  # at start-up, before the first request
        purge = asyncio.create_task(_purge_periodically(services))
    yield
    if purge is not None:
        purge.cancel()


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application; also uvicorn's factory (``intake.app:create_app``) for each worker."""
    settings = settings or load_settings()
    restrict_umask()
    malloc.tune()  # before the models load: they and the uploads are the bulk of the memory
    logs.configure(settings.data_dir / "logs", settings.log_level)
    app = FastAPI(
        title="Testimony intake",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=_lifespan,
    )
    app.state.services = build_services(settings)
    for router in (
        witness.router,
        preview.router,
        session.router,
        editor.router,
        keyholder.router,
        health.router,
    ):
        app.include_router(router)
    app.include_router(witness_pages.router)
    app.include_router(editor_pages.router)
    _install_error_handlers(app)
    error_pages.install(app)  # HTML for everything outside /api/
    body_limit.install(app, body_limit.route_limits(settings))
    connection_spread.install(app)
    security_headers.install(app)
    return app
