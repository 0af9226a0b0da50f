"""Supervisor probes: liveness always, readiness only with a database and keys; no details."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_healthz_says_only_that_the_process_is_up(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz_is_ready_with_database_and_keys(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json() == {"status": "ready"}


def test_readyz_is_unavailable_without_the_database_and_says_nothing_more(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = client.app.state.services

    def unreachable() -> None:
        raise OSError("connection refused to db.internal:5432 as user intake")

    with monkeypatch.context() as patched:  # undone before the app fixture disposes
        patched.setattr(services, "sessions", unreachable)
        response = client.get("/readyz")
    assert response.status_code == 503 and response.json() == {"status": "unavailable"}
    assert "db.internal" not in response.text
    assert client.get("/healthz").status_code == 200


def test_readyz_is_unavailable_without_an_editorial_key(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client.app.state.services.vault.editorial, "current_key_id", "")
    assert client.get("/readyz").status_code == 503
