"""Annotated dependency types shared by the HTML routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from sqlalchemy.orm import Session

from intake.db.models import Account
from intake.deps import get_db, get_services
from intake.services import Services
from intake.web.desk_auth import check_csrf, desk_account

DbSession = Annotated[Session, Depends(get_db)]
AppServices = Annotated[Services, Depends(get_services)]
DeskAccount = Annotated[Account, Depends(desk_account)]
CheckedAccount = Annotated[Account, Depends(check_csrf)]
"""The logged-in desk account, after the form's CSRF token was verified."""
