"""Editor, key-holder and admin accounts: argon2id passwords, TOTP, server-side sessions."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from intake.db.models import ROLES, Account, AccountSession
from intake.errors import AuthError, Conflict, InvalidInput, NotFound
from intake.services import Services

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified when the username is unknown, so a wrong name costs as much time as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-password")
MIN_PASSWORD = 12


def _now() -> datetime:
    return datetime.now(UTC)


def account_item(account_id: int) -> tuple[str, str]:
    """Record id and item name binding a TOTP secret's ciphertext to its account."""
    return f"account/{account_id}", "totp"


def _check_password(password: str) -> None:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidInput(f"Passwords must be at least {MIN_PASSWORD} characters long.")


def create_account(
    db: Session, services: Services, *, username: str, password: str, role: str
) -> tuple[Account, str]:
    """Create an account; returns it with the TOTP secret, to be shown once."""
    if role not in ROLES:
        raise InvalidInput(f"Unknown role: use one of {', '.join(ROLES)}.")
    if not username or len(username) > 64 or not username.isprintable():
        raise InvalidInput("Usernames are 1 to 64 printable characters.")
    _check_password(password)
    if db.scalar(select(Account).where(Account.username == username)):
        raise Conflict("An account with this username already exists.")
    account = Account(
        username=username,
        role=role,
        password_hash=_hasher.hash(password),
        totp_secret=b"",
        created_at=_now(),
    )
    db.add(account)
    db.flush()
    secret = pyotp.random_base32()
    _store_totp(services, account, secret)
    db.commit()
    return account, secret


def _store_totp(services: Services, account: Account, secret: str) -> None:
    record_id, item = account_item(account.id)
    account.totp_secret = services.vault.editorial.seal(
        secret.encode(), record_id=record_id, item=item
    )
    account.last_totp_step = 0


def _totp(services: Services, account: Account) -> pyotp.TOTP:
    record_id, item = account_item(account.id)
    secret = services.vault.editorial.open(account.totp_secret, record_id=record_id, item=item)
    return pyotp.TOTP(secret.decode())


def find_account(db: Session, username: str) -> Account:
    account = db.scalar(select(Account).where(Account.username == username))
    if account is None:
        raise NotFound("No account with this username.")
    return account


def set_disabled(db: Session, username: str, disabled: bool) -> Account:
    account = find_account(db, username)
    account.disabled = disabled
    if disabled:
        db.execute(delete(AccountSession).where(AccountSession.account_id == account.id))
    db.commit()
    return account


def reset_account(db: Session, services: Services, username: str, password: str) -> str:
    """New password and new TOTP secret; ends every session of the account."""
    _check_password(password)
    account = find_account(db, username)
    account.password_hash = _hasher.hash(password)
    secret = pyotp.random_base32()
    _store_totp(services, account, secret)
    db.execute(delete(AccountSession).where(AccountSession.account_id == account.id))
    db.commit()
    return secret


def authenticate(
    db: Session, services: Services, *, username: str, password: str, totp_code: str
) -> Account:
    account = db.scalar(select(Account).where(Account.username == username))
    try:
        _hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
    except (VerifyMismatchError, InvalidHashError):
        raise AuthError() from None
    if account is None or account.disabled:
        raise AuthError()
    totp = _totp(services, account)
    now = _now()
    step = int(now.timestamp()) // totp.interval
    accepted = next(
        (
            s
            for s in (step, step - 1)
            if secrets.compare_digest(totp.at(s * totp.interval), str(totp_code).strip())
        ),
        None,
    )
    if accepted is None or accepted <= account.last_totp_step:
        raise AuthError()  # wrong code, or a code already used (replay)
    account.last_totp_step = accepted
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(password)
    db.commit()
    return account


def _token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def start_session(db: Session, account: Account, minutes: int) -> str:
    token = secrets.token_urlsafe(32)
    db.add(
        AccountSession(
            token_hash=_token_hash(token),
            account_id=account.id,
            expires_at=_now() + timedelta(minutes=minutes),
        )
    )
    db.commit()
    return token


def resolve_session(db: Session, token: str) -> Account | None:
    if not token:
        return None
    session = db.get(AccountSession, _token_hash(token))
    if session is None:
        return None
    expires = session.expires_at
    if expires.tzinfo is None:  # SQLite drops the zone; values are written in UTC
        expires = expires.replace(tzinfo=UTC)
    if expires <= _now() or session.account.disabled:
        db.delete(session)
        db.commit()
        return None
    return session.account


def end_session(db: Session, token: str) -> None:
    db.execute(delete(AccountSession).where(AccountSession.token_hash == _token_hash(token)))
    db.commit()
