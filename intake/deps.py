"""FastAPI dependencies: database session, services, and who is calling."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from intake.db.models import Account
from intake.errors import AuthError, Forbidden
from intake.services import Services
from intake.services.accounts import resolve_session


def get_services(request: Request) -> Services:
    return request.app.state.services


def get_db(services: Annotated[Services, Depends(get_services)]) -> Iterator[Session]:
    with services.sessions() as db:
        try:
            yield db
        except BaseException:
            db.rollback()
            raise


DbSession = Annotated[Session, Depends(get_db)]
AppServices = Annotated[Services, Depends(get_services)]

_bearer = HTTPBearer(auto_error=False)


def api_account(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    db: DbSession,
) -> Account:
    account = resolve_session(db, credentials.credentials) if credentials else None
    if account is None:
        raise AuthError("Log in first: send 'Authorization: Bearer <token>'.")
    return account


def api_role(*roles: str) -> Callable[..., Account]:
    """Dependency that admits only the given roles (admins are not implicitly editors)."""

    def check(account: Annotated[Account, Depends(api_account)]) -> Account:
        if account.role not in roles:
            raise Forbidden()
        return account

    return check
