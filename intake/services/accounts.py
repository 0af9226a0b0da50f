"""Editor, key-holder and admin accounts: argon2id passwords, TOTP, server-side sessions."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
from datetime import UTC, datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from intake.audit import record_event
from intake.db.models import ROLES, Account, AccountSession
from intake.errors import AuthError, Conflict, InvalidInput, NotFound
from intake.services import Services

log = logging.getLogger(__name__)

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified when the username is unknown, so a wrong name costs as much time as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-password")
MIN_PASSWORD = 12
MAX_PASSWORD = 1024  # longer inputs are refused before argon2 sees them
# Each verification takes 64 MiB for a moment; a burst of logins waits here instead of
# multiplying that by the number of concurrent requests.
ARGON2_CONCURRENCY = 2
_argon2_slots = threading.BoundedSemaphore(ARGON2_CONCURRENCY)
# ASCII only: str.isdigit() and \d also accept other scripts' digits ("١٢٣٤٥٦").
_TOTP_CODE = re.compile(r"[0-9]{6}", re.ASCII)


def _now() -> datetime:
    return datetime.now(UTC)


def account_item(account_id: int) -> tuple[str, str]:
    """Record id and item name binding a TOTP secret's ciphertext to its account."""
    return f"account/{account_id}", "totp"


def _check_password(password: str) -> None:
    if not isinstance(password, str) or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidInput(
            f"Passwords must be at least {MIN_PASSWORD} characters long "
            f"(and at most {MAX_PASSWORD})."
        )


def create_account(
    db: Session,
    services: Services,
    *,
    username: str,
    password: str,
    role: str,
    actor: str = "cli",
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
    _audit(db, services, actor, "account_create", account, role=role)
    db.commit()
    return account, secret


def _audit(
    db: Session, services: Services, actor: str, action: str, account: Account | None, **more
) -> None:
    """Account events name the account, never a password, code or secret."""
    details = {"account": account.username if account else None, **more}
    record_event(db, services.vault.audit_key, actor=actor, action=action, details=details)


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


def set_disabled(
    db: Session, services: Services, username: str, disabled: bool, *, actor: str = "cli"
) -> Account:
    account = find_account(db, username)
    account.disabled = disabled
    if disabled:
        db.execute(delete(AccountSession).where(AccountSession.account_id == account.id))
    _audit(db, services, actor, "account_disable" if disabled else "account_enable", account)
    db.commit()
    return account


def reset_account(
    db: Session, services: Services, username: str, password: str, *, actor: str = "cli"
) -> str:
    """New password and new TOTP secret; ends every session of the account."""
    _check_password(password)
    account = find_account(db, username)
    account.password_hash = _hasher.hash(password)
    secret = pyotp.random_base32()
    _store_totp(services, account, secret)
    db.execute(delete(AccountSession).where(AccountSession.account_id == account.id))
    _audit(db, services, actor, "account_reset", account)
    db.commit()
    return secret


def _password_matches(password_hash: str, password: str) -> bool:
    if len(password) > MAX_PASSWORD:
        return False
    with _argon2_slots:
        try:
            return _hasher.verify(password_hash, password)
        except (VerifyMismatchError, InvalidHashError, VerificationError):
            return False


def _accepted_step(totp: pyotp.TOTP, code: object, now: datetime) -> int | None:
    """The time step a well-formed code belongs to (this one or the previous), else None."""
    if not isinstance(code, str) or not _TOTP_CODE.fullmatch(code.strip()):
        return None
    code = code.strip()
    step = int(now.timestamp()) // totp.interval
    for candidate in (step, step - 1):
        if secrets.compare_digest(totp.at(candidate * totp.interval).encode(), code.encode()):
            return candidate
    return None


def _refuse(db: Session, services: Services, account: Account | None) -> AuthError:
    """Audit and log a failed login (which account, never what was typed), then refuse."""
    db.rollback()
    _audit(db, services, "anonymous", "login_failed", account)
    db.commit()
    log.warning("failed login for %s", f"account {account.id}" if account else "no account")
    return AuthError()


def authenticate(
    db: Session, services: Services, *, username: str, password: str, totp_code: str
) -> Account:
    """Check password and code; throttled per account and overall before any argon2 work.

    A code's time step is claimed with one conditional UPDATE, so of several concurrent
    logins with the same fresh code exactly one succeeds (on SQLite and PostgreSQL alike).
    """
    services.limiter.check_login(username)
    account = db.scalar(select(Account).where(Account.username == username))
    if not _password_matches(account.password_hash if account else _DUMMY_HASH, password):
        raise _refuse(db, services, account)
    if account is None or account.disabled:
        raise _refuse(db, services, account)
    accepted = _accepted_step(_totp(services, account), totp_code, _now())
    claimed = accepted is not None and (
        db.execute(
            update(Account)
            .where(Account.id == account.id, Account.last_totp_step < accepted)
            .values(last_totp_step=accepted)
            .execution_options(synchronize_session=False)
        ).rowcount
        == 1
    )
    if not claimed:
        raise _refuse(db, services, account)  # wrong code, or a code already used (replay)
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(password)
    _audit(db, services, account.username, "login", account)
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
