"""Audit completeness and concurrency, receipt and submission budgets (review 11-14)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import keys
from intake.audit import entries
from intake.cli import app as intake_cli
from intake.db.models import Testimony
from intake.receipts import new_receipt
from intake.services import review
from intake.services.accounts import find_account
from tests.intake.test_api_witness import count, submit
from tests.web.conftest import receipt_from

NOTE = "Zanzibarov called twice about this one."


def audit_actions(app) -> list[dict]:  # type: ignore[no-untyped-def]
    with app.state.services.sessions() as db:
        return [entry for entry, _ in entries(db)]


def test_exports_notes_logins_and_account_changes_are_audited_without_content(
    client: TestClient, api_login, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 11."""
    submit(client)
    editor = api_login("editor")
    testimony_id = client.get("/api/v1/editor/testimonies", headers=editor).json()["items"][0]["id"]
    client.post(
        f"/api/v1/editor/testimonies/{testimony_id}/notes", json={"body": NOTE}, headers=editor
    )
    client.get("/api/v1/editor/exports/approved?format=markdown", headers=editor)
    client.post("/api/v1/session", json={"username": "nobody", "password": "x" * 12, "totp": "1"})

    for name, value in settings.model_dump().items():
        if value is not None:
            monkeypatch.setenv(f"TESTIMONY_{name.upper()}", str(value))
    password = tmp_path / "password"
    password.write_text("a very long password indeed")
    runner = CliRunner()
    for args in (
        ["accounts", "create", "olga", "--password-file", str(password)],
        ["accounts", "disable", "olga"],
        ["accounts", "enable", "olga"],
        ["accounts", "reset", "olga", "--password-file", str(password)],
    ):
        assert runner.invoke(intake_cli, args).exit_code == 0

    log = audit_actions(client.app)
    actions = [e["action"] for e in log]
    for action in (
        "account_create",
        "login",
        "note",
        "export_pseudonymised",
        "login_failed",
        "account_disable",
        "account_enable",
        "account_reset",
    ):
        assert action in actions, action
    olga = [e for e in log if e["details"].get("account") == "olga"]
    assert [e["action"] for e in olga][-4:] == [
        "account_create",
        "account_disable",
        "account_enable",
        "account_reset",
    ]
    text = json.dumps(log)
    assert NOTE not in text and "a very long password indeed" not in text


def test_concurrent_status_changes_never_fail(app, make_account: Callable) -> None:
    """Review 12: ten editors at once; every change lands and the chain stays intact."""
    services = app.state.services
    client = TestClient(app)
    submit(client)
    with services.sessions() as db:
        testimony_id = db.query(Testimony.id).scalar()
        editor = find_account(db, make_account("editor").username)
    start = threading.Barrier(10)

    def change(n: int) -> None:
        with services.sessions() as db:
            start.wait()
            status = ("in_review", "approved")[n % 2]
            review.set_status(db, services, testimony_id, status, actor=editor)

    with ThreadPoolExecutor(10) as pool:
        list(pool.map(change, range(10)))
    log = audit_actions(app)
    assert [e["action"] for e in log].count("status") == 10
    with services.sessions() as db:
        assert keys.audit.verify(entries(db), key=services.vault.audit_key) is None


def test_unknown_receipts_share_one_budget_checked_before_argon2(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 13: well-formed but unknown receipts stop costing CPU at the global budget."""
    import intake.services.witness as witness_service

    derived = []
    real = keys.derive_receipt_keys
    monkeypatch.setattr(
        witness_service.keys,
        "derive_receipt_keys",
        lambda *a, **k: derived.append(1) or real(*a, **k),
    )
    client.app.state.services.limiter.receipt_lookups.limit = 3
    guesses = [new_receipt() for _ in range(4)]  # well formed, never issued
    answers = [client.post("/api/v1/receipts/status", json={"receipt": g}) for g in guesses]
    assert [a.status_code for a in answers] == [404, 404, 404, 429]
    assert len(derived) == 3
    malformed = client.post("/api/v1/receipts/status", json={"receipt": "not a receipt"})
    assert malformed.status_code in (404, 429)
    assert len(derived) == 3  # malformed codes never reach argon2


def test_one_client_cannot_take_the_budget_of_witnesses_using_the_form(
    client: TestClient,
) -> None:
    """Review 14: a scripted flood spends only the budget of posts without a form token,
    and one form page (its token) sends at most a few testimonies."""
    limiter = client.app.state.services.limiter
    limiter.submissions.limit = 3
    for _ in range(3):
        submit(client)
    assert client.post("/api/v1/testimonies", json={"text": "junk"}).status_code == 429
    flooded = client.post("/en/submit", files={"text": (None, "junk")})
    assert flooded.status_code == 429

    token = form_token(client)
    for _ in range(limiter.per_form.limit):
        assert post_form(client, token).status_code == 200
    assert post_form(client, token).status_code == 429  # that page is used up

    assert post_form(client, form_token(client)).status_code == 200  # another witness
    assert count(client, Testimony) == 3 + limiter.per_form.limit + 1


def form_token(client: TestClient) -> str:
    page = client.get("/en/").text
    return page.split('name="form_token" value="', 1)[1].split('"', 1)[0]


def post_form(client: TestClient, token: str):  # type: ignore[no-untyped-def]
    response = client.post(
        "/en/submit", files={"text": (None, "I refused to go."), "form_token": (None, token)}
    )
    if response.status_code == 200:
        receipt_from(response.text)
    return response


def test_submissions_and_receipt_checks_do_not_spend_each_others_budget(
    client: TestClient,
) -> None:
    """A submission's receipt costs an argon2 too, but under the submissions' own budgets:
    a flood of submissions leaves witnesses their receipt checks, and a flood of scripted
    posts leaves form pages theirs."""
    limiter = client.app.state.services.limiter
    limiter.receipt_lookups.limit = 1
    receipts = [submit(client) for _ in range(3)]
    check = [client.post("/api/v1/receipts/status", json={"receipt": r}) for r in receipts[:2]]
    assert [c.status_code for c in check] == [200, 429]  # the lookup budget was all there
    submit(client)  # and a spent lookup budget refuses no submission

    limiter.submission_receipts.limit = 5  # four spent above
    submit(client)
    assert client.post("/api/v1/testimonies", json={"text": "junk"}).status_code == 429
    assert post_form(client, form_token(client)).status_code == 200


def test_forged_or_expired_form_tokens_count_as_no_token(client: TestClient) -> None:
    from intake import form_tokens

    key = client.app.state.services.vault.form_key
    genuine = form_tokens.issue(key, 1_000_000.0)
    assert form_tokens.verify(key, genuine, 1_000_000.0)
    assert form_tokens.verify(key, genuine, 1_000_000.0 + 25 * 3600) is None
    assert form_tokens.verify(b"another server" * 3, genuine, 1_000_000.0) is None
    tampered = genuine[:-1] + ("1" if genuine.endswith("0") else "0")
    assert form_tokens.verify(key, tampered, 1_000_000.0) is None
