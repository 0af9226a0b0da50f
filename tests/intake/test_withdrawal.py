"""A witness withdraws with the receipt; rejected testimonies expire. Both crypto-shred.

Shredding is proved by the absence of every ciphertext of the record (envelope, original,
memory, follow-ups, attachments, corrections, notes, pseudonymised text) from a dump of every
table, while another testimony stays whole, and by an audit entry that carries no content.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

import keys
from intake.cli import app as cli
from intake.db.models import Attachment, Correction, Message, Note, Testimony
from intake.receipts import exact
from intake.services.shredding import purge_expired
from intake.services.witness import Upload, submit_testimony
from tests.intake.test_end_to_end import database_dump
from tests.web import media

SECRET = "Sergeant Ostapchuk beat Pavlo Hrytsenko behind the bakery on Lesnaya street."


def _record_of(app: FastAPI, receipt: str) -> Testimony:
    services = app.state.services
    lookup = keys.derive_receipt_keys(exact(receipt), services.vault.receipt_salt).lookup
    with services.sessions() as db:
        row = db.scalar(select(Testimony).where(Testimony.receipt_lookup == lookup))
        assert row is not None
        db.expunge(row)
        return row


def _ciphertexts(app: FastAPI, testimony_id: str) -> list[bytes]:
    """Every stored value that belongs to one record."""
    with app.state.services.sessions() as db:
        row = db.get(Testimony, testimony_id)
        values = [row.envelope, row.witness_key, row.original, row.memory, row.redacted]
        values += [v for m in row.messages for v in (m.original, m.redacted)]
        values += [a.content for a in row.attachments]
        values += [c.sealed for c in row.corrections]
        values += [n.body for n in row.notes]
    return values


def _counts(app: FastAPI, testimony_id: str) -> dict[str, int]:
    with app.state.services.sessions() as db:
        counts = {
            table.__tablename__: db.scalar(
                select(func.count()).select_from(table).where(table.testimony_id == testimony_id)
            )
            for table in (Message, Attachment, Correction, Note)
        }
        counts["testimonies"] = db.scalar(
            select(func.count()).select_from(Testimony).where(Testimony.id == testimony_id)
        )
    return counts


@pytest.fixture
def full_record(
    app: FastAPI, client: TestClient, api_login: Callable[..., dict[str, str]]
) -> tuple[str, str, dict[str, str]]:
    """A testimony with a follow-up, a file, an editor's correction and note; its receipt."""
    services = app.state.services
    with services.sessions() as db:
        upload = Upload("photo.png", "image/png", media.png_with_text())
        receipt = submit_testimony(
            db, services, text=SECRET, language="en", attachments=[upload]
        ).code
    assert (
        client.post(
            "/api/v1/receipts/messages", json={"receipt": receipt, "text": "They came again."}
        ).status_code
        == 201
    )
    editor = api_login("editor")
    testimony_id = _record_of(app, receipt).id
    base = f"/api/v1/editor/testimonies/{testimony_id}"
    assert (
        client.post(
            f"{base}/corrections", json={"surface": "bakery", "label": "FACILITY"}, headers=editor
        ).status_code
        == 204
    )
    assert client.post(f"{base}/notes", json={"body": "Check."}, headers=editor).status_code == 204
    return receipt, testimony_id, editor


def _assert_shredded(client: TestClient, testimony_id: str, before: list[bytes]) -> None:
    assert set(_counts(client.app, testimony_id).values()) == {0}
    dump = database_dump(client)
    for blob in before:
        assert blob not in dump


def test_withdrawal_over_the_api_shreds_every_ciphertext_and_audits_no_content(
    app: FastAPI, client: TestClient, full_record: tuple[str, str, dict[str, str]]
) -> None:
    receipt, testimony_id, _ = full_record
    counts = _counts(app, testimony_id)
    assert all(counts.values()), counts  # every kind of row exists before
    before = _ciphertexts(app, testimony_id)
    kept = client.post("/api/v1/testimonies", json={"text": "Another, kept.", "language": "en"})
    kept_receipt = kept.json()["receipt"]

    refused = client.post("/api/v1/receipts/withdraw", json={"receipt": receipt, "confirm": False})
    assert refused.status_code == 422 and "confirm" in refused.json()["detail"]
    response = client.post("/api/v1/receipts/withdraw", json={"receipt": receipt, "confirm": True})
    assert response.status_code == 200 and response.json()["withdrawn"] is True

    _assert_shredded(client, testimony_id, before)
    gone = client.post("/api/v1/receipts/status", json={"receipt": receipt})
    assert gone.status_code == 404
    assert client.post("/api/v1/receipts/status", json={"receipt": kept_receipt}).status_code == 200


def test_withdrawal_audit_entry_names_the_record_and_reason_only(
    app: FastAPI, client: TestClient, full_record: tuple[str, str, dict[str, str]]
) -> None:
    from intake.audit import entries

    receipt, testimony_id, _ = full_record
    client.post("/api/v1/receipts/withdraw", json={"receipt": receipt, "confirm": True})
    with app.state.services.sessions() as db:
        shreds = [entry for entry, _ in entries(db) if entry["action"] == "shred"]
    assert [s["details"] for s in shreds] == [{"testimony": testimony_id, "reason": "withdrawn"}]
    assert shreds[0]["actor"] == "witness"


@pytest.mark.parametrize(
    ("lang", "confirm_error"),
    [("en", "tick the box"), ("ru", "отметьте флажок"), ("uk", "позначте прапорець")],
)
def test_withdrawal_page_needs_the_box_ticked_then_shreds(
    app: FastAPI,
    client: TestClient,
    full_record: tuple[str, str, dict[str, str]],
    lang: str,
    confirm_error: str,
) -> None:
    from intake.web.i18n import catalog

    receipt, testimony_id, _ = full_record
    status_page = client.post(f"/{lang}/receipt", data={"receipt": receipt})
    assert catalog(lang)["withdraw_button"] in status_page.text
    before = _ciphertexts(app, testimony_id)

    unticked = client.post(f"/{lang}/withdraw", data={"receipt": receipt})
    assert unticked.status_code == 422 and confirm_error in unticked.text
    assert _counts(app, testimony_id)["testimonies"] == 1

    done = client.post(f"/{lang}/withdraw", data={"receipt": receipt, "confirm": "yes"})
    assert done.status_code == 200
    assert catalog(lang)["withdrawn_done"] in done.text
    _assert_shredded(client, testimony_id, before)


def _reject(client: TestClient, editor: dict[str, str], testimony_id: str) -> None:
    response = client.put(
        f"/api/v1/editor/testimonies/{testimony_id}/status",
        json={"status": "rejected"},
        headers=editor,
    )
    assert response.status_code == 204


def test_rejected_testimonies_are_shredded_after_the_retention_period(
    app: FastAPI,
    client: TestClient,
    full_record: tuple[str, str, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    receipt, testimony_id, editor = full_record
    kept = client.post("/api/v1/testimonies", json={"text": "New one, kept.", "language": "en"})
    services = app.state.services
    _reject(client, editor, testimony_id)
    before = _ciphertexts(app, testimony_id)

    with services.sessions() as db:
        assert purge_expired(db, services) == 0  # retention unset: off
    monkeypatch.setattr(services.settings, "retention_days_rejected", 30)
    soon = datetime.now(UTC) + timedelta(days=29)
    later = datetime.now(UTC) + timedelta(days=31)
    with services.sessions() as db:
        assert purge_expired(db, services, now=soon) == 0
        assert purge_expired(db, services, now=later) == 1
    _assert_shredded(client, testimony_id, before)
    assert client.post("/api/v1/receipts/status", json={"receipt": receipt}).status_code == 404
    still = client.post("/api/v1/receipts/status", json={"receipt": kept.json()["receipt"]})
    assert still.status_code == 200


def test_purge_expired_command_uses_the_configured_retention(
    app: FastAPI,
    client: TestClient,
    full_record: tuple[str, str, dict[str, str]],
    settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, testimony_id, editor = full_record
    _reject(client, editor, testimony_id)
    for name, value in settings.model_dump(exclude_none=True).items():
        monkeypatch.setenv(f"TESTIMONY_{name.upper()}", str(value))
    off = CliRunner().invoke(cli, ["purge-expired"])
    assert off.exit_code == 0 and "retention is off" in off.output
    monkeypatch.setenv("TESTIMONY_RETENTION_DAYS_REJECTED", "1")
    # Rejected just now: not yet expired.
    result = CliRunner().invoke(cli, ["purge-expired"])
    assert result.exit_code == 0 and "Shredded 0" in result.output
    assert _counts(app, testimony_id)["testimonies"] == 1


def test_service_start_up_runs_the_retention_purge(
    app: FastAPI, client: TestClient, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lifespan purges at start (then hourly); a record never audited as rejected
    counts from its submission day."""
    from intake.app import create_app

    receipt = client.post("/api/v1/testimonies", json={"text": "Old and rejected."}).json()
    testimony_id = _record_of(app, receipt["receipt"]).id
    with app.state.services.sessions() as db:
        row = db.get(Testimony, testimony_id)
        row.status = "rejected"
        row.submitted_on = row.submitted_on - timedelta(days=10)
        db.commit()
    second = create_app(settings.model_copy(update={"retention_days_rejected": 5}))
    try:
        with TestClient(second, base_url="https://testserver"):
            pass  # start-up and shut-down
    finally:
        second.state.services.sessions.kw["bind"].dispose()
    assert _counts(app, testimony_id)["testimonies"] == 0
