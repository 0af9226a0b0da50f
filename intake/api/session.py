"""Log in and out over the API (editors, key holders, admins)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, status
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy.orm import Session

from intake.api.schemas import LoginIn, TokenOut
from intake.deps import _bearer, api_account, get_db, get_services
from intake.services import Services, accounts

router = APIRouter(prefix="/api/v1/session", tags=["session"])


@router.post("", response_model=TokenOut)
def login(
    body: LoginIn, db: Session = Depends(get_db), services: Services = Depends(get_services)
) -> TokenOut:
    account = accounts.authenticate(
        db, services, username=body.username, password=body.password, totp_code=body.totp
    )
    minutes = services.settings.session_minutes
    return TokenOut(token=accounts.start_session(db, account, minutes), expires_in=minutes * 60)


@router.delete("", status_code=status.HTTP_204_NO_CONTENT, dependencies=[Depends(api_account)])
def logout(
    credentials: HTTPAuthorizationCredentials = Depends(_bearer), db: Session = Depends(get_db)
) -> None:
    accounts.end_session(db, credentials.credentials)
