"""Least privilege and what the server must never keep: client identity, originals in logs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

import keys
from intake.db.models import Testimony
from intake.logs import RedactingFormatter
from tests.intake.test_api_witness import STORY, submit
from tests.intake.test_end_to_end import database_dump

CLIENT_ADDRESS = "203.0.113.77"
CLIENT_AGENT = "CanaryBrowser/9.41 (Witness phone)"


def test_client_address_and_user_agent_are_neither_stored_nor_logged(
    client: TestClient, settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    headers = {"User-Agent": CLIENT_AGENT, "X-Forwarded-For": CLIENT_ADDRESS}
    response = client.post("/api/v1/testimonies", json={"text": STORY}, headers=headers)
    receipt = response.json()["receipt"]
    client.post("/api/v1/receipts/status", json={"receipt": receipt}, headers=headers)
    client.post(
        "/api/v1/receipts/messages", json={"receipt": receipt, "text": "more"}, headers=headers
    )
    client.app.state.services.sessions.kw["bind"].dispose()
    haystacks = [database_dump(client), caplog.text.encode()]
    haystacks += [p.read_bytes() for p in Path(settings.data_dir).rglob("*") if p.is_file()]
    for haystack in haystacks:
        assert CLIENT_ADDRESS.encode() not in haystack
        assert b"CanaryBrowser" not in haystack
        assert b"testclient" not in haystack  # the test client's own address


def test_editor_routes_never_touch_originals(client: TestClient, api_login) -> None:
    """Blank out everything only key holders can open: the editors' desk must not notice."""
    submit(client)
    with client.app.state.services.sessions() as db:
        row = db.scalars(select(Testimony)).one()
        row.original = row.memory = row.envelope = row.witness_key = b""
        db.commit()
    headers = api_login("editor")
    testimony_id = client.get("/api/v1/editor/testimonies", headers=headers).json()["items"][0]
    testimony_id = testimony_id["id"]
    assert client.get(f"/api/v1/editor/testimonies/{testimony_id}", headers=headers).is_success
    assert client.put(
        f"/api/v1/editor/testimonies/{testimony_id}/status",
        json={"status": "approved"},
        headers=headers,
    ).is_success
    assert client.get("/api/v1/editor/exports/approved", headers=headers).is_success


def test_every_envelope_slot_is_post_quantum(client: TestClient) -> None:
    """The witness's per-record key can open the data key, so it must be hybrid too."""
    submit(client)
    with client.app.state.services.sessions() as db:
        row = db.scalars(select(Testimony)).one()
    witness = keys.PublicKey.from_text(row.witness_public_key)
    assert witness.suite == keys.Suite.MLKEM768_X25519
    for holder in client.app.state.services.vault.recipients.holders:
        assert holder.suite == keys.Suite.MLKEM768_X25519


def test_tracebacks_in_logs_keep_frames_but_drop_messages() -> None:
    secret = "Sergei Volkonsky from Pskov"
    try:
        raise KeyError(secret)
    except KeyError:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "failed", None, True)
        import sys

        record.exc_info = sys.exc_info()
    formatted = RedactingFormatter("%(message)s").format(record)
    assert "KeyError" in formatted
    assert "test_privacy.py" in formatted
    assert secret not in formatted
