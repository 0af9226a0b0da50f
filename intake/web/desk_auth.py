"""Desk sessions and CSRF: cookies, tokens, and the dependencies that check them.

CSRF tokens are an HMAC keyed by the cookie they protect (the session token, or before login
a one-off login nonce). Only the server and this browser know the cookie (HttpOnly,
SameSite=Strict, host-only), so another site can neither read nor compute the token, and no
server-wide secret has to be stored or shared between workers.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Request, Response
from sqlalchemy.orm import Session

from intake.db.models import Account
from intake.deps import get_db
from intake.errors import Forbidden
from intake.services import Services
from intake.services.accounts import resolve_session
from intake.web.routing import LoginRequired

SESSION_COOKIE = "desk_session"
LOGIN_COOKIE = "desk_login"
DESK_PATH = "/desk"
LOGIN_PATH = "/desk/login"
DESK_ROLES = frozenset({"editor", "admin"})
LOGIN_NONCE_SECONDS = 15 * 60


def csrf_token(cookie_value: str) -> str:
    return hmac.new(cookie_value.encode(), b"desk-csrf-v1", hashlib.sha256).hexdigest()


def csrf_matches(cookie_value: str | None, submitted: object) -> bool:
    if not cookie_value or not isinstance(submitted, str):
        return False
    return hmac.compare_digest(csrf_token(cookie_value), submitted)


def set_cookie(
    response: Response, services: Services, name: str, value: str, *, path: str, max_age: int
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=path,
        secure=services.settings.secure_cookies,
        httponly=True,
        samesite="strict",
    )


def delete_cookie(response: Response, services: Services, name: str, *, path: str) -> None:
    response.delete_cookie(
        name,
        path=path,
        secure=services.settings.secure_cookies,
        httponly=True,
        samesite="strict",
    )


def new_login_nonce() -> str:
    return secrets.token_urlsafe(32)


def desk_account(request: Request, db: Annotated[Session, Depends(get_db)]) -> Account:
    """The logged-in editor or admin; anonymous visitors are sent to the login page."""
    token = request.cookies.get(SESSION_COOKIE, "")
    account = resolve_session(db, token) if token else None
    if account is None:
        raise LoginRequired()
    if account.role not in DESK_ROLES:
        raise Forbidden("The editors' desk is for editors and admins only.")
    return account


async def check_csrf(
    request: Request, account: Annotated[Account, Depends(desk_account)]
) -> Account:
    """Every state-changing desk form must echo the token derived from this session."""
    form = await request.form()
    if not csrf_matches(request.cookies.get(SESSION_COOKIE), form.get("csrf")):
        raise Forbidden("The form's security token is missing or wrong. Reload the page and retry.")
    return account


async def check_login_csrf(request: Request) -> None:
    """Login CSRF: the form must carry the token for the nonce cookie set by the login page."""
    form = await request.form()
    if not csrf_matches(request.cookies.get(LOGIN_COOKIE), form.get("csrf")):
        raise Forbidden("The login form has expired. Reload the page and try again.")


def session_csrf(request: Request) -> str:
    return csrf_token(request.cookies[SESSION_COOKIE])
