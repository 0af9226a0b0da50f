"""Logins under attack: replay by racing, non-ASCII codes, guessing, bursts (review 2, 3, 4, 15)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pyotp
import pytest
from fastapi.testclient import TestClient

from intake.errors import AuthError, RateLimited
from intake.services import accounts
from tests.conftest import THROTTLE_NOW, Credentials


class HasherSpy:
    """The real password hasher with ``verify`` replaced."""

    def __init__(self, real, verify) -> None:  # type: ignore[no-untyped-def]
        self._real = real
        self.verify = verify

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._real, name)


def login(client: TestClient, creds: Credentials, *, password=None, totp=None):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/session",
        json={
            "username": creds.username,
            "password": creds.password if password is None else password,
            "totp": creds.totp() if totp is None else totp,
        },
    )


def test_concurrent_logins_with_one_fresh_code_give_exactly_one_session(
    app, make_account: Callable[..., Credentials]
) -> None:
    """Review 2: eight racing logins with the same code; the step is claimed atomically."""
    services = app.state.services
    creds = make_account("editor")
    code = creds.totp()
    start = threading.Barrier(8)

    def attempt() -> bool:
        with services.sessions() as db:
            start.wait()
            try:
                accounts.authenticate(
                    db, services, username=creds.username, password=creds.password, totp_code=code
                )
            except AuthError:
                return False
            return True

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: attempt(), range(8)))
    assert results.count(True) == 1


@pytest.mark.parametrize("code", ["١٢٣٤٥٦", "é", "１２３４５６", "12345é", "\u0000"])
def test_non_ascii_codes_are_a_plain_401_with_or_without_the_right_password(
    client: TestClient, make_account: Callable[..., Credentials], code: str
) -> None:
    """Review 3: the same 401 either way, so the answer says nothing about the password."""
    creds = make_account("editor")
    right = login(client, creds, totp=code)
    wrong = login(client, creds, password="not the password at all", totp=code)
    assert right.status_code == wrong.status_code == 401
    assert right.json() == wrong.json()


def test_logins_are_throttled_per_account_even_with_the_right_password(
    client: TestClient, make_account: Callable[..., Credentials]
) -> None:
    """Review 4: ten attempts per account per 15 minutes, then 429 before any argon2."""
    creds = make_account("editor")
    other = make_account("editor")
    for _ in range(10):
        assert login(client, creds, password="wrong password, again").status_code == 401
    refused = login(client, creds)
    assert refused.status_code == 429
    assert "15 minutes" in refused.json()["detail"]
    assert login(client, other).status_code == 200  # another account is not locked out


def test_login_throttle_lives_in_the_database_for_every_process(
    app, make_account: Callable[..., Credentials]
) -> None:
    """A second server process on the same database sees the same counters."""
    from intake.ratelimit import Limiter, ThrottleStore

    services = app.state.services
    engine = services.sessions.kw["bind"]
    creds = make_account("editor")
    for _ in range(10):
        services.limiter.check_login(creds.username)
    other_process = Limiter(ThrottleStore(engine, clock=lambda: THROTTLE_NOW), 60, 20)
    with pytest.raises(RateLimited):
        other_process.check_login(creds.username)


def test_logins_are_throttled_overall(
    client: TestClient, make_account: Callable[..., Credentials]
) -> None:
    client.app.state.services.limiter.logins.limit = 3
    for n in range(3):
        anonymous = Credentials(f"nobody{n}", "some password here", pyotp.random_base32())
        assert login(client, anonymous).status_code == 401
    refused = login(client, make_account("editor"))
    assert refused.status_code == 429


def test_failed_logins_are_audited_and_logged_without_secrets(
    client: TestClient, make_account: Callable[..., Credentials], settings
) -> None:
    creds = make_account("editor")
    typed = "Zanzibar-typed-password-1"
    assert login(client, creds, password=typed).status_code == 401
    assert login(client, creds, totp="000000").status_code in (200, 401)
    stranger = Credentials("Zanzibar-name", typed, pyotp.random_base32())
    assert login(client, stranger).status_code == 401
    holder = client.app.state.services
    from intake.audit import entries

    with holder.sessions() as db:
        log = [entry for entry, _ in entries(db)]
    failed = [e for e in log if e["action"] == "login_failed"]
    assert {e["details"]["account"] for e in failed} == {creds.username, None}
    service_log = (settings.data_dir / "logs" / "service.log").read_text()
    assert "failed login" in service_log
    for secret in (typed, "Zanzibar-name", creds.password):
        assert secret not in json.dumps(log)
        assert secret not in service_log


def test_argon2_verifications_are_bounded_however_many_logins_arrive(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 4: 40 concurrent logins, at most ARGON2_CONCURRENCY hashes in memory at once."""
    services = app.state.services
    services.limiter.logins.limit = 1000
    services.limiter.logins_per_account.limit = 1000
    running, peak, lock = 0, 0, threading.Lock()
    real_verify = accounts._hasher.verify

    def counting_verify(hash_: str, password: str) -> bool:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        try:
            threading.Event().wait(0.02)
            return real_verify(hash_, password)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(accounts, "_hasher", HasherSpy(accounts._hasher, counting_verify))

    def attempt(n: int) -> None:
        with services.sessions() as db, pytest.raises(AuthError):
            accounts.authenticate(
                db, services, username=f"ghost{n}", password="x" * 20, totp_code="123456"
            )

    with ThreadPoolExecutor(40) as pool:
        list(pool.map(attempt, range(40)))
    assert 1 <= peak <= accounts.ARGON2_CONCURRENCY


def test_api_login_refuses_long_passwords_before_argon2(
    client: TestClient, make_account: Callable[..., Credentials], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 15: a megabyte password is a 422 without a single hash computed."""
    creds = make_account("editor")

    def no_hashing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("argon2 must not run")

    monkeypatch.setattr(accounts, "_hasher", HasherSpy(accounts._hasher, no_hashing))
    response = login(client, creds, password="p" * 100_000)
    assert response.status_code == 422
    assert "password" in response.json()["detail"]
