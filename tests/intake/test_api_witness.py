"""Witness API: receipts, status, follow-ups, and refusals of bad input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from intake.db.models import Message, Testimony
from intake.receipts import WORDS, new_receipt

STORY = (
    "My name is Dmitry Olenev. In March the military enlistment office in Kovrov sent me "
    "a summons. My brother Pavel told me to leave. Call me at +7 912 345-67-89."
)


def count(client: TestClient, model: type) -> int:
    with client.app.state.services.sessions() as db:
        return db.scalar(select(func.count()).select_from(model))


def submit(client: TestClient, text: str = STORY, language: str = "auto") -> str:
    response = client.post("/api/v1/testimonies", json={"text": text, "language": language})
    assert response.status_code == 201, response.text
    return response.json()["receipt"]


def test_submission_returns_a_word_receipt_that_unlocks_the_status(client: TestClient) -> None:
    receipt = submit(client)
    assert len(receipt.split("-")) == WORDS
    response = client.post("/api/v1/receipts/status", json={"receipt": receipt.upper()})
    assert response.status_code == 200
    assert response.json()["status"] == "new"
    assert response.json()["language"] == "en"
    assert response.json()["followups"] == 0


def test_receipt_is_stored_only_as_a_hash(client: TestClient) -> None:
    receipt = submit(client)
    with client.app.state.services.sessions() as db:
        row = db.scalars(select(Testimony)).one()
    assert receipt.encode() not in row.receipt_lookup
    assert len(row.receipt_lookup) == 32


def test_followup_is_added_to_the_testimony(client: TestClient) -> None:
    receipt = submit(client)
    response = client.post(
        "/api/v1/receipts/messages",
        json={"receipt": receipt, "text": "Pavel was detained yesterday in Kovrov."},
    )
    assert response.status_code == 201, response.text
    status = client.post("/api/v1/receipts/status", json={"receipt": receipt}).json()
    assert status["followups"] == 1


def test_unknown_receipt_is_404_and_malformed_receipt_explains(client: TestClient) -> None:
    submit(client)
    unknown = new_receipt("ru")  # well formed, check word right, never issued
    response = client.post("/api/v1/receipts/status", json={"receipt": unknown})
    assert response.status_code == 404
    response = client.post("/api/v1/receipts/status", json={"receipt": "hello"})
    assert response.status_code == 404
    assert "check each word" in response.json()["detail"]


CANARY_INPUT = "Qwertyuiop Zanzibarov"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"text": "", "language": "en"}, "empty"),
        ({"text": "   \n\t ", "language": "en"}, "empty"),
        ({"text": "x" * 50_001, "language": "en"}, "too long"),
        ({"text": 42, "language": "en"}, "text"),
        ({"text": ["a"], "language": "en"}, "text"),
        ({"text": "fine text", "language": "de"}, "language"),
        ({"text": "fine text", "language": None}, "language"),
        ({"language": "en"}, "text"),
        ({"text": "fine text", CANARY_INPUT: 1}, "does not take"),  # the key is not echoed
        ({"text": f"{CANARY_INPUT} \x00 was here"}, "NUL"),
    ],
)
def test_bad_submissions_get_a_clear_4xx_and_store_nothing(
    client: TestClient, body: dict, fragment: str
) -> None:
    response = client.post("/api/v1/testimonies", json=body)
    assert response.status_code in (400, 422), response.text
    assert fragment.lower() in response.json()["detail"].lower()
    assert CANARY_INPUT not in response.text
    assert count(client, Testimony) == 0


@pytest.mark.parametrize(
    "raw",
    [
        b'{"text": "unterminated',
        b"not json at all",
        b'{"text": "lone \\ud800 surrogate " , "language": "en"}',
        b"\xff\xfe\x00garbage",
    ],
)
def test_malformed_bodies_get_a_clear_4xx(client: TestClient, raw: bytes) -> None:
    response = client.post(
        "/api/v1/testimonies", content=raw, headers={"Content-Type": "application/json"}
    )
    assert response.status_code in (400, 422), response.text
    assert response.json()["detail"]
    assert "ud800" not in response.text
    assert count(client, Testimony) == 0


def test_failure_half_way_stores_nothing(client: TestClient, monkeypatch) -> None:
    """A crash after redaction and encryption must not leave a partial record."""
    import keys

    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure")

    with monkeypatch.context() as patch, pytest.raises(RuntimeError):
        patch.setattr(keys, "seal_private_key", broken)
        client.post("/api/v1/testimonies", json={"text": STORY})
    assert count(client, Testimony) == 0


def test_failed_followup_leaves_the_testimony_as_it_was(client: TestClient, monkeypatch) -> None:
    receipt = submit(client)
    import intake.services.witness as witness_service

    def broken(*args, **kwargs):
        raise OSError("disk full")

    with monkeypatch.context() as patch, pytest.raises(OSError):
        patch.setattr(witness_service.PseudonymisedText, "seal", broken)
        client.post("/api/v1/receipts/messages", json={"receipt": receipt, "text": "more"})
    assert count(client, Message) == 0
    assert client.post("/api/v1/receipts/status", json={"receipt": receipt}).status_code == 200


def test_server_error_is_500_with_a_message_that_quotes_nothing(app, monkeypatch) -> None:
    import intake.services.witness as witness_service

    def broken(*args, **kwargs):
        raise KeyError(CANARY_INPUT)

    monkeypatch.setattr(witness_service.redaction, "redact", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/api/v1/testimonies", json={"text": f"I am {CANARY_INPUT}"})
    assert response.status_code == 500
    assert CANARY_INPUT not in response.text
    assert "Nothing was saved" in response.json()["detail"]


def test_global_rate_limit_refuses_with_429_and_a_message(client: TestClient) -> None:
    client.app.state.services.limiter.submissions.limit = 2
    submit(client)
    submit(client)
    response = client.post("/api/v1/testimonies", json={"text": STORY})
    assert response.status_code == 429
    assert "try again" in response.json()["detail"]
    assert count(client, Testimony) == 2


def test_witness_routes_set_no_cookies(client: TestClient) -> None:
    response = client.post("/api/v1/testimonies", json={"text": STORY})
    assert "set-cookie" not in response.headers
