"""Use cases, free of HTTP: the witness, review, account and key-holder operations."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from intake.config import Settings
from intake.ratelimit import Limiter
from intake.vault import Vault
from redaction import Policy


@dataclass
class Services:
    """What every use case needs besides the database session."""

    settings: Settings
    vault: Vault
    limiter: Limiter
    policy: Policy
    sessions: sessionmaker[Session]
