"""Log in and out over the API (editors, key holders, admins)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, status
from fastapi.security import HTTPAuthorizationCredentials

from intake.api.schemas import LoginIn, TokenOut, errors
from intake.deps import AppServices, DbSession, _bearer, api_account
from intake.services import accounts

router = APIRouter(
    prefix="/api/v1/session", tags=["session"], responses=errors(400, 401, 413, 422, 429)
)


@router.post("", response_model=TokenOut)
def login(body: LoginIn, db: DbSession, services: AppServices) -> TokenOut:
    account = accounts.authenticate(
        db, services, username=body.username, password=body.password, totp_code=body.totp
    )
    minutes = services.settings.session_minutes
    return TokenOut(token=accounts.start_session(db, account, minutes), expires_in=minutes * 60)


@router.delete("", status_code=status.HTTP_204_NO_CONTENT, dependencies=[Depends(api_account)])
def logout(
    credentials: Annotated[HTTPAuthorizationCredentials, Depends(_bearer)], db: DbSession
) -> None:
    accounts.end_session(db, credentials.credentials)
