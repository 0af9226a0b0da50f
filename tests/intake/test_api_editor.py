"""Editors' API: queue, pseudonymised reading, status, corrections, notes, exports, roles."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.intake.test_api_witness import submit

STORY_RU = (
    "Меня зовут Сергей Пантелеев. Мой брат Андрей Пантелеев получил повестку в Копейске. "
    "Сергея потом искали дома, а Андрея увезли в часть."
)


def first_id(client: TestClient, headers: dict) -> str:
    response = client.get("/api/v1/editor/testimonies", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"][0]["id"]


def test_editor_reads_pseudonymised_text_with_annotations(client: TestClient, api_login) -> None:
    submit(client, STORY_RU, "ru")
    headers = api_login("editor")
    testimony = client.get(
        f"/api/v1/editor/testimonies/{first_id(client, headers)}", headers=headers
    ).json()
    assert testimony["language"] == "ru"
    for real in ("Сергей", "Пантелеев", "Андрей", "Копейск"):
        assert real not in testimony["text"]
    persons = [p for p in testimony["pseudonyms"] if p["label"] == "PERSON"]
    assert persons
    for pseudonym in testimony["pseudonyms"]:
        assert testimony["text"][pseudonym["start"] : pseudonym["end"]] == pseudonym["replacement"]


def test_queue_filters_and_pages(client: TestClient, api_login) -> None:
    submit(client, "Ivan Petrov from Tula refused to go.", "en")
    submit(client, STORY_RU, "ru")
    submit(client, "Мене звати Олена Коваль, я з Бердичева.", "uk")
    headers = api_login("editor")
    page = client.get("/api/v1/editor/testimonies?per_page=2", headers=headers).json()
    assert page["total"] == 3
    assert len(page["items"]) == 2
    second = client.get("/api/v1/editor/testimonies?per_page=2&page=2", headers=headers).json()
    assert len(second["items"]) == 1
    ru = client.get("/api/v1/editor/testimonies?language=ru", headers=headers).json()
    assert [item["language"] for item in ru["items"]] == ["ru"]
    bad = client.get("/api/v1/editor/testimonies?status=lost", headers=headers)
    assert bad.status_code == 422


def test_status_change_is_audited(client: TestClient, api_login) -> None:
    submit(client)
    headers = api_login("editor")
    testimony_id = first_id(client, headers)
    response = client.put(
        f"/api/v1/editor/testimonies/{testimony_id}/status",
        json={"status": "approved"},
        headers=headers,
    )
    assert response.status_code == 204
    approved = client.get("/api/v1/editor/testimonies?status=approved", headers=headers).json()
    assert approved["items"][0]["id"] == testimony_id
    from intake.audit import entries

    with client.app.state.services.sessions() as db:
        log = entries(db)
    assert log[-1][0]["action"] == "status"
    assert log[-1][0]["details"]["to"] == "approved"


def test_marking_a_missed_identifier_replaces_it_everywhere(client: TestClient, api_login) -> None:
    """An identifier only a local would recognise: no recogniser can know it is one."""
    receipt = submit(client, "We hid in the old tannery. The old tannery had no windows.", "en")
    client.post(
        "/api/v1/receipts/messages",
        json={"receipt": receipt, "text": "Police searched the Old Tannery yesterday."},
    )
    headers = api_login("editor")
    testimony_id = first_id(client, headers)
    before = client.get(f"/api/v1/editor/testimonies/{testimony_id}", headers=headers).json()
    assert "old tannery" in before["text"]
    response = client.post(
        f"/api/v1/editor/testimonies/{testimony_id}/corrections",
        json={"surface": "old tannery", "label": "FACILITY"},
        headers=headers,
    )
    assert response.status_code == 204, response.text
    after = client.get(f"/api/v1/editor/testimonies/{testimony_id}", headers=headers).json()
    assert "tannery" not in after["text"].lower()
    assert "tannery" not in after["followups"][0]["text"].lower()
    for text, spans in [(after["text"], after["pseudonyms"])] + [
        (m["text"], m["pseudonyms"]) for m in after["followups"]
    ]:
        for pseudonym in spans:
            assert text[pseudonym["start"] : pseudonym["end"]] == pseudonym["replacement"]
    facilities = {p["replacement"] for p in after["pseudonyms"] if p["label"] == "FACILITY"}
    assert len(facilities) == 1
    client.post(
        "/api/v1/receipts/messages",
        json={"receipt": receipt, "text": "They still guard the old tannery."},
    )
    latest = client.get(f"/api/v1/editor/testimonies/{testimony_id}", headers=headers).json()
    assert "tannery" not in latest["followups"][-1]["text"]
    assert facilities.pop() in latest["followups"][-1]["text"]


def test_marking_text_that_is_absent_is_a_clear_4xx(client: TestClient, api_login) -> None:
    submit(client)
    headers = api_login("editor")
    response = client.post(
        f"/api/v1/editor/testimonies/{first_id(client, headers)}/corrections",
        json={"surface": "Nonexistentname", "label": "PERSON"},
        headers=headers,
    )
    assert response.status_code == 422
    assert "does not occur" in response.json()["detail"]


def test_notes_are_kept_and_shown(client: TestClient, api_login) -> None:
    submit(client)
    headers = api_login("editor")
    testimony_id = first_id(client, headers)
    client.post(
        f"/api/v1/editor/testimonies/{testimony_id}/notes",
        json={"body": "Check dates with the lawyer."},
        headers=headers,
    )
    notes = client.get(f"/api/v1/editor/testimonies/{testimony_id}", headers=headers).json()[
        "notes"
    ]
    assert notes[0]["body"] == "Check dates with the lawyer."


def test_export_of_approved_testimonies(client: TestClient, api_login) -> None:
    submit(client)
    submit(client, STORY_RU, "ru")
    headers = api_login("editor")
    testimony_id = first_id(client, headers)
    client.put(
        f"/api/v1/editor/testimonies/{testimony_id}/status",
        json={"status": "approved"},
        headers=headers,
    )
    exported = client.get("/api/v1/editor/exports/approved?format=json", headers=headers)
    assert [item["id"] for item in json.loads(exported.text)["testimonies"]] == [testimony_id]
    markdown = client.get("/api/v1/editor/exports/approved?format=markdown", headers=headers)
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert f"## Testimony {testimony_id}" in markdown.text


EDITOR_ROUTES = [
    ("get", "/api/v1/editor/testimonies", None),
    ("get", "/api/v1/editor/testimonies/x", None),
    ("put", "/api/v1/editor/testimonies/x/status", {"status": "approved"}),
    ("post", "/api/v1/editor/testimonies/x/corrections", {"surface": "a", "label": "PERSON"}),
    ("post", "/api/v1/editor/testimonies/x/notes", {"body": "a"}),
    ("get", "/api/v1/editor/exports/approved", None),
]


@pytest.mark.parametrize(("method", "path", "body"), EDITOR_ROUTES)
def test_editor_routes_refuse_anonymous_and_wrong_roles(
    client: TestClient, api_login: Callable, method: str, path: str, body: dict | None
) -> None:
    anonymous = client.request(method, path, json=body)
    assert anonymous.status_code == 401
    bogus = client.request(method, path, json=body, headers={"Authorization": "Bearer nope"})
    assert bogus.status_code == 401
    keyholder = client.request(method, path, json=body, headers=api_login("keyholder"))
    assert keyholder.status_code == 403


def test_logout_ends_the_session(client: TestClient, api_login) -> None:
    headers = api_login("editor")
    assert client.delete("/api/v1/session", headers=headers).status_code == 204
    assert client.get("/api/v1/editor/testimonies", headers=headers).status_code == 401


def test_wrong_totp_or_password_is_401(client: TestClient, make_account) -> None:
    creds = make_account("editor")
    for password, code in [(creds.password, "000000"), ("wrong password!!", creds.totp())]:
        response = client.post(
            "/api/v1/session",
            json={"username": creds.username, "password": password, "totp": code},
        )
        assert response.status_code == 401
    assert (
        client.post(
            "/api/v1/session",
            json={"username": "nobody", "password": creds.password, "totp": creds.totp()},
        ).status_code
        == 401
    )


def test_a_totp_code_cannot_be_replayed(client: TestClient, make_account) -> None:
    creds = make_account("editor")
    body = {"username": creds.username, "password": creds.password, "totp": creds.totp()}
    assert client.post("/api/v1/session", json=body).status_code == 200
    assert client.post("/api/v1/session", json=body).status_code == 401
