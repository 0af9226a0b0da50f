"""Shared fixtures: a fresh data directory and database per test, on SQLite or PostgreSQL.

Set ``TESTIMONY_TEST_DATABASE_URL`` (a SQLAlchemy URL) to run everything against that
database instead of a SQLite file; each test then starts from an empty schema.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyotp
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

import keys
from intake.app import create_app
from intake.config import Settings
from intake.db.engine import make_engine
from keys import kdf

TEST_DATABASE_URL = os.environ.get("TESTIMONY_TEST_DATABASE_URL")
KEYHOLDER_PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory-hard KDF costs are production-sized in code; tests use the minimum."""
    cheap = kdf.Argon2Params(memory_kib=8, time_cost=1, parallelism=1)
    monkeypatch.setattr(kdf, "KEYFILE_KDF", cheap)
    monkeypatch.setattr(kdf, "RECEIPT_KDF", cheap)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    if not TEST_DATABASE_URL:
        return f"sqlite:///{tmp_path / 'data' / 'testimonies.sqlite3'}"
    engine = make_engine(Settings(database_url=TEST_DATABASE_URL).sqlalchemy_url)
    with engine.begin() as connection:
        # A connection a failed test left open must not block the reset.
        connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return TEST_DATABASE_URL


@dataclass(frozen=True)
class KeyHolder:
    private_key: keys.PrivateKey
    key_file: Path
    passphrase: str


@pytest.fixture
def keyholder(tmp_path: Path) -> KeyHolder:
    """A key holder whose private key lives outside the server's data directory."""
    offline = tmp_path / "offline-laptop"
    offline.mkdir()
    private = keys.PrivateKey.generate()
    private.save(offline / "holder.key", KEYHOLDER_PASSPHRASE)
    return KeyHolder(private, offline / "holder.key", KEYHOLDER_PASSPHRASE)


@pytest.fixture
def settings(tmp_path: Path, database_url: str, keyholder: KeyHolder) -> Settings:
    public_file = tmp_path / "keyholders.pub"
    public_file.write_text(keyholder.private_key.public_key().to_text() + "\n")
    return Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        keyholder_keys_file=public_file,
        dev_keyholder=False,
    )


THROTTLE_NOW = 1_800_000_000.0  # budgets count in fixed windows; a frozen clock keeps a test in one


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    application = create_app(settings)
    application.state.services.limiter.store.clock = lambda: THROTTLE_NOW
    yield application
    application.state.services.sessions.kw["bind"].dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="https://testserver") as test_client:
        yield test_client


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str
    totp_secret: str

    def totp(self) -> str:
        return pyotp.TOTP(self.totp_secret).now()


@pytest.fixture
def make_account(app: FastAPI) -> Callable[..., Credentials]:
    from intake.services.accounts import create_account

    services = app.state.services
    counter = iter(range(1, 1000))

    def make(role: str = "editor") -> Credentials:
        username = f"{role}{next(counter)}"
        password = f"long enough password for {username}"
        with services.sessions() as db:
            _, secret = create_account(
                db, services, username=username, password=password, role=role
            )
        return Credentials(username, password, secret)

    return make


@pytest.fixture
def api_login(client: TestClient, make_account: Callable[..., Credentials]) -> Callable:
    """Bearer headers for a fresh account of the given role."""

    def login(role: str = "editor") -> dict[str, str]:
        creds = make_account(role)
        response = client.post(
            "/api/v1/session",
            json={"username": creds.username, "password": creds.password, "totp": creds.totp()},
        )
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['token']}"}

    return login
