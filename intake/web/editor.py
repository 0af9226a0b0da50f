"""The editors' desk: login, queue, review (highlighted pseudonyms), corrections, export.

Every state-changing form is POST with a CSRF token (see ``desk_auth``), then redirects
(Post/Redirect/Get) so a reload never repeats an action.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse, Response

from intake.db.models import STATUSES, Account
from intake.errors import AuthError, Forbidden, InvalidInput
from intake.pseudonymised import PseudonymisedText
from intake.services import Services
from intake.services.accounts import authenticate, end_session, start_session
from intake.services.marking import free_words, terms_from_picks
from intake.services.replies import MAX_REPLY_CHARS, OpenedReply, clean_reply, send_reply
from intake.services.review import (
    LABELS,
    add_note,
    export_approved,
    get_testimony,
    list_testimonies,
    mark_missed,
    next_in_queue,
    set_status,
)
from intake.services.stats import hidden_by_witness
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
from intake.web.highlight import pickable, segments
from intake.web.i18n import LANGUAGES, Translator
from intake.web.params import AppServices, CheckedAccount, DbSession, DeskAccount
from intake.web.rendering import render
from intake.web.routing import HtmlRoute

router = APIRouter(prefix="/desk", route_class=HtmlRoute, include_in_schema=False)

DONE_MESSAGES = {
    "status": "Status changed.",
    "missed": "The identifier was pseudonymised everywhere in this testimony.",
    "picked": "The picked words were pseudonymised everywhere in this testimony.",
    "note": "Note added.",
    "reply": "Reply sealed and sent. Only the witness's receipt can open it; it is not kept in "
    "readable form, so it cannot be shown here again.",
}
# Where the editor acted: the redirect's fragment names the field they used, which browsers
# scroll to and focus (the same field carries autofocus, which a fragment would otherwise cancel).
FORM_ANCHORS = {
    "status": "status",
    "missed": "surface",
    "picked": "pick",
    "note": "body",
    "reply": "reply-body",
}
LABEL_NAMES = {
    "PERSON": "person",
    "LOCATION": "place",
    "ORGANIZATION": "organisation",
    "FACILITY": "building or facility",
    "CONTACT": "phone, e-mail or account",
    "MILITARY_UNIT": "military unit",
    "CALLSIGN": "call sign",
    "ID": "document or other number",
    "ADDRESS": "address",
    "DATE": "date",
    "OTHER": "other identifying detail",
}
MAX_PICKS = 50
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


def queue_link(filters: dict[str, str], **changes: object) -> str:
    """The queue URL with these filters (empty ones left out) and changes: every link of the
    queue page (pages, status counts) keeps the editor's other filters."""
    query = {k: v for k, v in {**filters, **changes}.items() if v not in ("", None, 1)}
    return f"{DESK_PATH}/" + (f"?{urlencode(query)}" if query else "")


@router.get("/")
def queue(
    request: Request,
    account: DeskAccount,
    db: DbSession,
    services: AppServices,
    status: Annotated[str, Query(max_length=20)] = "",
    language: Annotated[str, Query(max_length=10)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    sort: Annotated[str, Query(max_length=10)] = "newest",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> HTMLResponse:
    filters = {
        "status": status,
        "language": language,
        "since": since,
        "until": until,
        "sort": "" if sort == "newest" else sort,
    }
    results = list_testimonies(
        db,
        services,
        status=status or None,
        language=language or None,
        since=_date(since, "from"),
        until=_date(until, "to"),
        page=page,
        sort=sort,
    )
    context = {
        "account": account,
        "csrf": session_csrf(request),
        "results": results,
        "filters": filters,
        "sort": sort,
        "link": lambda **changes: queue_link(filters, **changes),
        "statuses": STATUSES,
        "languages": TEXT_LANGUAGES[1:],
        "hidden_by_witness": hidden_by_witness(db),
    }
    return render(request, "desk/queue.html", context)


@dataclass(frozen=True)
class Outcome:
    """What to show beside the form the editor just used: a refusal keeps what they typed."""

    form: str = ""
    error: str | None = None
    kept: dict[str, str] = field(default_factory=dict)
    candidates: tuple[str, ...] = ()
    preview: OpenedReply | None = None


def _review_page(
    request: Request,
    db: Session,
    services: Services,
    account: Account,
    testimony_id: str,
    *,
    done: str = "",
    mark: bool = False,
    outcome: Outcome = Outcome(),
) -> HTMLResponse:
    view = get_testimony(db, services, testimony_id)
    mark = mark or outcome.form == "picked"
    texts = [("redacted", None, view.text, view.spans)] + [
        (f"message/{m.seq}", m, m.text, m.spans) for m in view.followups
    ]
    context = {
        "account": account,
        "csrf": session_csrf(request),
        "view": view,
        "texts": [
            {
                "message": message,
                "segments": pickable(text, spans, free_words(PseudonymisedText(text, spans)), item)
                if mark
                else segments(text, spans),
            }
            for item, message, text, spans in texts
        ],
        "mark": mark,
        "labels": LABELS,
        "label_names": LABEL_NAMES,
        "statuses": STATUSES,
        "done": done if done in DONE_MESSAGES else "",
        "done_message": DONE_MESSAGES.get(done),
        "outcome": outcome,
        "next_id": next_in_queue(db, testimony_id),
        "witness_t": Translator(view.language if view.language in LANGUAGES else "en"),
        "max_reply": MAX_REPLY_CHARS,
    }
    status = 422 if outcome.error else 200
    return render(request, "desk/review.html", context, status=status)


@router.get("/t/{testimony_id}")
def review(
    request: Request,
    testimony_id: str,
    account: DeskAccount,
    db: DbSession,
    services: AppServices,
    done: Annotated[str, Query(max_length=20)] = "",
    mark: Annotated[bool, Query()] = False,
) -> HTMLResponse:
    return _review_page(request, db, services, account, testimony_id, done=done, mark=mark)


async def _act(
    request: Request,
    db: Session,
    services: Services,
    account: Account,
    testimony_id: str,
    done: str,
    action: Callable[[], object],
    kept: dict[str, str],
) -> Response:
    """Run a review action, then back to the form the editor used (Post/Redirect/Get with its
    fragment); on refusal, the page again with the reason and their input still in the field."""
    try:
        await run_in_threadpool(action)
    except InvalidInput as exc:
        db.rollback()
        outcome = Outcome(
            form=done,
            error=exc.message,
            kept=kept,
            candidates=tuple(getattr(exc, "candidates", ())),
        )
        return _review_page(request, db, services, account, testimony_id, outcome=outcome)
    mode = "&mark=1" if done == "picked" else ""
    return RedirectResponse(
        f"{DESK_PATH}/t/{testimony_id}?done={done}{mode}#{FORM_ANCHORS[done]}", status_code=303
    )


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
        {},
    )


def _marked_terms(
    db: Session, services: Services, testimony_id: str, surface: str, picks: list[str]
) -> list[str]:
    """The words picked in the text (mark mode) or the typed text."""
    if not picks:
        return [surface] if surface.strip() else []
    view = get_testimony(db, services, testimony_id)
    views = {"redacted": PseudonymisedText(view.text, view.spans)} | {
        f"message/{m.seq}": PseudonymisedText(m.text, m.spans) for m in view.followups
    }
    try:
        return terms_from_picks(views, picks)
    except ValueError:
        raise InvalidInput("A picked word is not in this testimony; reload the page.") from None


@router.post("/t/{testimony_id}/missed")
async def missed(
    request: Request,
    testimony_id: str,
    label: Annotated[str, Form(max_length=40)],
    account: CheckedAccount,
    db: DbSession,
    services: AppServices,
    surface: Annotated[str, Form(max_length=200)] = "",
    pick: Annotated[list[str], Form(max_length=200)] = [],  # noqa: B006 - FastAPI form default
) -> Response:
    def mark() -> None:
        terms = _marked_terms(db, services, testimony_id, surface, pick[:MAX_PICKS])
        mark_missed(db, services, testimony_id, surfaces=terms, label=label, actor=account)

    kept = {"surface": surface, "label": label}
    done = "picked" if pick else "missed"
    return await _act(request, db, services, account, testimony_id, done, mark, kept)


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
        {"body": body},
    )


@router.post("/t/{testimony_id}/reply")
async def reply(
    request: Request,
    testimony_id: str,
    body: Annotated[str, Form(max_length=MAX_REPLY_CHARS * 2)],
    action: Annotated[Literal["preview", "send"], Form()],
    account: CheckedAccount,
    db: DbSession,
    services: AppServices,
) -> Response:
    """``preview`` shows the reply exactly as the witness's page will and stores nothing;
    ``send`` seals it to the witness and keeps only the ciphertext."""
    if action == "send":
        return await _act(
            request,
            db,
            services,
            account,
            testimony_id,
            "reply",
            lambda: send_reply(db, services, testimony_id, body, actor=account),
            {"body": body},
        )
    try:
        text = clean_reply(body)
    except InvalidInput as exc:
        outcome = Outcome(form="reply", error=exc.message, kept={"body": body})
    else:
        preview = OpenedReply(0, datetime.now(UTC), text)
        outcome = Outcome(form="reply", kept={"body": text}, preview=preview)
    return _review_page(request, db, services, account, testimony_id, outcome=outcome)


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
