"""Annotated dependency types shared by the HTML routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from intake.db.models import Account
from intake.deps import AppServices, DbSession
from intake.web.desk_auth import check_csrf, desk_account

DeskAccount = Annotated[Account, Depends(desk_account)]
CheckedAccount = Annotated[Account, Depends(check_csrf)]
__all__ = ["AppServices", "CheckedAccount", "DbSession", "DeskAccount"]
"""The logged-in desk account, after the form's CSRF token was verified."""
