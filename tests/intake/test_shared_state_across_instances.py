"""Two instances behind one proxy, one database: they must behave as one service.

Instance B has its own data directory; all it shares with A is the database and the static
files of the server key directory (copied once at deployment, as docs/deployment.md says).
Everything that changes while the service runs (sessions, spent TOTP steps, the current
editorial key) must therefore travel through the database. Run with
TESTIMONY_TEST_DATABASE_URL set for PostgreSQL; on SQLite both instances open the same file.

Rate limits and throttles live in the database too, so one budget holds across instances.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from intake.app import create_app
from intake.config import Settings
from intake.db.models import Testimony
from intake.services.keyholder import rotate_editorial_key
from tests.conftest import Credentials


@dataclass
class Instances:
    a: TestClient
    b: TestClient

    def __iter__(self) -> Iterator[TestClient]:
        return iter((self.a, self.b))

    @staticmethod
    def app_of(client: TestClient) -> FastAPI:
        return client.app  # type: ignore[return-value]


@pytest.fixture
def two_instances(client: TestClient, settings: Settings, tmp_path: Path) -> Iterator[Instances]:
    """A is the usual test app; B a second app object with its own data directory."""
    b_settings = settings.model_copy(
        update={"data_dir": tmp_path / "instance-b", "database_url": settings.sqlalchemy_url}
    )
    shutil.copytree(settings.key_dir, b_settings.key_dir)
    app_b = create_app(b_settings)
    # Budgets count in fixed windows: both instances read the same (frozen) clock.
    app_b.state.services.limiter.store.clock = Instances.app_of(
        client
    ).state.services.limiter.store.clock
    try:
        with TestClient(app_b, base_url="https://testserver") as client_b:
            yield Instances(client, client_b)
    finally:
        app_b.state.services.sessions.kw["bind"].dispose()


def _login(client: TestClient, creds: Credentials, code: str | None = None) -> int | str:
    response = client.post(
        "/api/v1/session",
        json={"username": creds.username, "password": creds.password, "totp": code or creds.totp()},
    )
    return response.json()["token"] if response.status_code == 200 else response.status_code


def test_sessions_hold_across_instances(
    two_instances: Instances, make_account: Callable[..., Credentials]
) -> None:
    token = _login(two_instances.a, make_account("editor"))
    bearer = {"Authorization": f"Bearer {token}"}
    assert two_instances.b.get("/api/v1/editor/testimonies", headers=bearer).status_code == 200
    assert two_instances.b.delete("/api/v1/session", headers=bearer).status_code == 204
    assert two_instances.a.get("/api/v1/editor/testimonies", headers=bearer).status_code == 401


def test_totp_code_spent_on_one_instance_is_refused_on_the_other(
    two_instances: Instances, make_account: Callable[..., Credentials]
) -> None:
    creds = make_account("editor")
    code = creds.totp()
    assert isinstance(_login(two_instances.a, creds, code), str)
    assert _login(two_instances.b, creds, code) == 401


def test_editorial_key_rotation_holds_across_instances(two_instances: Instances) -> None:
    app_a, app_b = (Instances.app_of(two_instances.a), Instances.app_of(two_instances.b))
    services_a, services_b = app_a.state.services, app_b.state.services
    assert services_a.vault.editorial.current_key_id == services_b.vault.editorial.current_key_id
    two_instances.b.post("/api/v1/testimonies", json={"text": "Before the rotation."})

    with services_a.sessions() as db:
        new_id, resealed = rotate_editorial_key(db, services_a, actor="test")
    assert resealed >= 1

    after = two_instances.b.post("/api/v1/testimonies", json={"text": "After the rotation."})
    assert after.status_code == 201
    with services_b.sessions() as db:
        rows = db.scalars(select(Testimony)).all()
    assert len(rows) == 2
    for row in rows:
        # B sealed the new one under A's new key, and reads what A resealed; A reads both.
        assert services_b.vault.editorial.key_id_of(row.redacted) == new_id
        for services in (services_a, services_b):
            assert services.vault.editorial.open(row.redacted, record_id=row.id, item="redacted")


def test_rate_limits_hold_across_instances(two_instances: Instances) -> None:
    """A budget spent on A is spent on B: submissions, and login attempts per account."""
    limiters = [Instances.app_of(c).state.services.limiter for c in two_instances]
    for limiter in limiters:
        limiter.submissions.limit = 2
        limiter.logins_per_account.limit = 2
    submit = {"text": "Меня вызвали в военкомат.", "language": "ru"}
    assert two_instances.a.post("/api/v1/testimonies", json=submit).status_code == 201
    assert two_instances.b.post("/api/v1/testimonies", json=submit).status_code == 201
    assert two_instances.a.post("/api/v1/testimonies", json=submit).status_code == 429
    assert two_instances.b.post("/api/v1/testimonies", json=submit).status_code == 429

    attempt = {"username": "nobody", "password": "wrong", "totp": "000000"}
    assert two_instances.a.post("/api/v1/session", json=attempt).status_code == 401
    assert two_instances.b.post("/api/v1/session", json=attempt).status_code == 401
    assert two_instances.a.post("/api/v1/session", json=attempt).status_code == 429
    assert two_instances.b.post("/api/v1/session", json=attempt).status_code == 429
