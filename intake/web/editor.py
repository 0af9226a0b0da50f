"""The editors' desk: login, queue, review (highlighted pseudonyms), corrections, export.

Every state-changing form is POST with a CSRF token (see ``desk_auth``), then redirects
(Post/Redirect/Get) so a reload never repeats an action.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse, Response

from intake.db.models import STATUSES, Account
from intake.errors import AuthError, Forbidden, InvalidInput
from intake.services import Services
from intake.services.accounts import authenticate, end_session, start_session
from intake.services.review import (
    LABELS,
    add_note,
    export_approved,
    get_testimony,
    list_testimonies,
    mark_missed,
    set_status,
)
from intake.validation import LANGUAGES as TEXT_LANGUAGES
from intake.web.desk_auth import (
    DESK_PATH,
    DESK_ROLES,
    LOGIN_COOKIE,
    LOGIN_NONCE_SECONDS,
    LOGIN_PATH,
    SESSION_COOKIE,
    check_csrf,
    check_login_csrf,
    csrf_token,
    delete_cookie,
    new_login_nonce,
    session_csrf,
    set_cookie,
)
from intake.web.highlight import segments
from intake.web.params import AppServices, CheckedAccount, DbSession, DeskAccount
from intake.web.rendering import render
from intake.web.routing import HtmlRoute

router = APIRouter(prefix="/desk", route_class=HtmlRoute, include_in_schema=False)

DONE_MESSAGES = {
    "status": "Status changed.",
    "missed": "The identifier was pseudonymised everywhere in this testimony.",
    "note": "Note added.",
}
EXPORTS = {"md": ("markdown", "text/markdown"), "json": ("json", "application/json")}


# --- login and logout --------------------------------------------------------------------


def _login_page(request: Request, services: Services, *, failed: bool) -> HTMLResponse:
    """A fresh nonce cookie per login page: its token is the login form's CSRF token."""
    nonce = new_login_nonce()
    response = render(
        request,
        "desk/login.html",
        {"csrf": csrf_token(nonce), "failed": failed},
        status=401 if failed else 200,
    )
    set_cookie(
        response, services, LOGIN_COOKIE, nonce, path=LOGIN_PATH, max_age=LOGIN_NONCE_SECONDS
    )
    return response


@router.get("/login")
def login_page(request: Request, services: AppServices) -> HTMLResponse:
    return _login_page(request, services, failed=False)


@router.post("/login", dependencies=[Depends(check_login_csrf)])
async def login(
    request: Request,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    totp: Annotated[str, Form(max_length=16)],
    db: DbSession,
    services: AppServices,
) -> Response:
    try:
        account = await run_in_threadpool(
            lambda: authenticate(db, services, username=username, password=password, totp_code=totp)
        )
    except AuthError:
        return _login_page(request, services, failed=True)
    if account.role not in DESK_ROLES:
        raise Forbidden("The editors' desk is for editors and admins only.")
    if previous := request.cookies.get(SESSION_COOKIE):
        end_session(db, previous)  # logging in again never keeps or upgrades an old token
    token = start_session(db, account, services.settings.session_minutes)
    response = RedirectResponse(f"{DESK_PATH}/", status_code=303)
    set_cookie(
        response,
        services,
        SESSION_COOKIE,
        token,
        path=DESK_PATH,
        max_age=services.settings.session_minutes * 60,
    )
    delete_cookie(response, services, LOGIN_COOKIE, path=LOGIN_PATH)
    return response


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request, db: DbSession, services: AppServices) -> RedirectResponse:
    end_session(db, request.cookies[SESSION_COOKIE])
    response = RedirectResponse(LOGIN_PATH, status_code=303)
    delete_cookie(response, services, SESSION_COOKIE, path=DESK_PATH)
    return response


# --- queue and review --------------------------------------------------------------------


def _date(value: str, what: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"The {what} date must look like 2024-03-01.") from None


@router.get("/")
def queue(
    request: Request,
    account: DeskAccount,
    db: DbSession,
    status: Annotated[str, Query(max_length=20)] = "",
    language: Annotated[str, Query(max_length=10)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> HTMLResponse:
    filters = {"status": status, "language": language, "since": since, "until": until}
    results = list_testimonies(
        db,
        status=status or None,
        language=language or None,
        since=_date(since, "from"),
        until=_date(until, "to"),
        page=page,
    )
    context = {
        "account": account,
        "csrf": session_csrf(request),
        "results": results,
        "filters": filters,
        "statuses": STATUSES,
        "languages": TEXT_LANGUAGES[1:],
    }
    return render(request, "desk/queue.html", context)


def _review_page(
    request: Request,
    db: Session,
    services: Services,
    account: Account,
    testimony_id: str,
    *,
    done: str = "",
    error: str | None = None,
) -> HTMLResponse:
    view = get_testimony(db, services, testimony_id)
    context = {
        "account": account,
        "csrf": session_csrf(request),
        "view": view,
        "segments": segments(view.text, view.spans),
        "followups": [(m, segments(m.text, m.spans)) for m in view.followups],
        "labels": LABELS,
        "statuses": STATUSES,
        "done": DONE_MESSAGES.get(done),
        "error": error,
    }
    return render(request, "desk/review.html", context, status=422 if error else 200)


@router.get("/t/{testimony_id}")
def review(
    request: Request,
    testimony_id: str,
    account: DeskAccount,
    db: DbSession,
    services: AppServices,
    done: Annotated[str, Query(max_length=20)] = "",
) -> HTMLResponse:
    return _review_page(request, db, services, account, testimony_id, done=done)


async def _act(
    request: Request,
    db: Session,
    services: Services,
    account: Account,
    testimony_id: str,
    done: str,
    action: Callable[[], None],
) -> Response:
    """Run a review action; on refusal show the review page with the (input-free) reason."""
    try:
        await run_in_threadpool(action)
    except InvalidInput as exc:
        db.rollback()
        return _review_page(request, db, services, account, testimony_id, error=exc.message)
    return RedirectResponse(f"{DESK_PATH}/t/{testimony_id}?done={done}", status_code=303)


@router.post("/t/{testimony_id}/status")
async def change_status(
    request: Request,
    testimony_id: str,
    status: Annotated[str, Form(max_length=20)],
    account: CheckedAccount,
    db: DbSession,
    services: AppServices,
) -> Response:
    return await _act(
        request,
        db,
        services,
        account,
        testimony_id,
        "status",
        lambda: set_status(db, services, testimony_id, status, actor=account),
    )


@router.post("/t/{testimony_id}/missed")
async def missed(
    request: Request,
    testimony_id: str,
    surface: Annotated[str, Form(max_length=200)],
    label: Annotated[str, Form(max_length=40)],
    account: CheckedAccount,
    db: DbSession,
    services: AppServices,
) -> Response:
    return await _act(
        request,
        db,
        services,
        account,
        testimony_id,
        "missed",
        lambda: mark_missed(
            db, services, testimony_id, surface=surface, label=label, actor=account
        ),
    )


@router.post("/t/{testimony_id}/notes")
async def note(
    request: Request,
    testimony_id: str,
    body: Annotated[str, Form(max_length=10_000)],
    account: CheckedAccount,
    db: DbSession,
    services: AppServices,
) -> Response:
    return await _act(
        request,
        db,
        services,
        account,
        testimony_id,
        "note",
        lambda: add_note(db, services, testimony_id, body, actor=account),
    )


# --- export ------------------------------------------------------------------------------


@router.get("/export/approved.{ext}")
def export(
    ext: Literal["md", "json"],
    account: DeskAccount,
    db: DbSession,
    services: AppServices,
) -> Response:
    fmt, media_type = EXPORTS[ext]
    body = export_approved(db, services, fmt, actor=account)  # type: ignore[arg-type]
    name = f"approved-testimonies-{datetime.now(UTC).date().isoformat()}.{ext}"
    return Response(
        body,
        media_type=f"{media_type}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
