"""Editors' desk: TOTP login, sessions, CSRF, roles, review actions and exports."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from intake.services import accounts
from intake.services.review import get_testimony
from intake.web.desk_auth import LOGIN_COOKIE, SESSION_COOKIE
from tests.web.conftest import csrf_from

JAR = {"domain": "testserver.local", "path": "/desk"}  # where httpx files cookies of "testserver"
DESK_PAGES = ["/desk/", "/desk/t/{id}", "/desk/export/approved.md", "/desk/export/approved.json"]
DESK_FORMS = ["/desk/t/{id}/status", "/desk/t/{id}/missed", "/desk/t/{id}/notes", "/desk/logout"]


def status_of(app: FastAPI, testimony_id: str) -> str:
    services = app.state.services
    with services.sessions() as db:
        return get_testimony(db, services, testimony_id).status


def login_form(client: TestClient) -> str:
    return csrf_from(client.get("/desk/login").text)


def test_login_sets_a_strict_session_cookie(client: TestClient, make_account) -> None:
    creds = make_account("editor")
    csrf = login_form(client)
    response = client.post(
        "/desk/login",
        follow_redirects=False,
        data={
            "csrf": csrf,
            "username": creds.username,
            "password": creds.password,
            "totp": creds.totp(),
        },
    )
    assert response.status_code == 303 and response.headers["location"] == "/desk/"
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith(SESSION_COOKIE + "=")
    )
    for attribute in ("Secure", "HttpOnly", "SameSite=strict", "Path=/desk"):
        assert attribute.lower() in cookie.lower()
    assert client.get("/desk/").status_code == 200


def test_login_page_sets_only_a_login_nonce_cookie(client: TestClient) -> None:
    cookies = client.get("/desk/login").headers.get_list("set-cookie")
    assert len(cookies) == 1 and cookies[0].startswith(LOGIN_COOKIE + "=")
    assert "path=/desk/login" in cookies[0].lower() and "samesite=strict" in cookies[0].lower()


@pytest.mark.parametrize("field", ["totp", "password", "username"])
def test_wrong_credentials_are_refused_without_a_session(
    client: TestClient, make_account, field: str
) -> None:
    creds = make_account("editor")
    form = {"username": creds.username, "password": creds.password, "totp": creds.totp()}
    form[field] = "000000" if field == "totp" and form["totp"] != "000000" else "wrong-" + field
    response = client.post(
        "/desk/login", data={"csrf": login_form(client), **form}, follow_redirects=False
    )
    assert response.status_code == 401
    assert "Wrong username, password or code" in response.text
    assert "wrong-" not in response.text and creds.username not in response.text
    assert SESSION_COOKIE not in client.cookies
    assert client.get("/desk/", follow_redirects=False).status_code == 303


def test_login_without_csrf_token_is_forbidden(client: TestClient, make_account) -> None:
    creds = make_account("editor")
    client.get("/desk/login")  # the nonce cookie is there, the token is not sent
    response = client.post(
        "/desk/login",
        data={
            "username": creds.username,
            "password": creds.password,
            "totp": creds.totp(),
        },
    )
    assert response.status_code == 403
    assert SESSION_COOKIE not in client.cookies


def test_session_fixation_a_planted_cookie_is_replaced(client: TestClient, make_account) -> None:
    creds = make_account("editor")
    planted = "attacker-chosen-token"
    client.cookies.set(SESSION_COOKIE, planted, **JAR)
    response = client.post(
        "/desk/login",
        follow_redirects=False,
        data={
            "csrf": login_form(client),
            "username": creds.username,
            "password": creds.password,
            "totp": creds.totp(),
        },
    )
    assert response.status_code == 303
    issued = client.cookies.get(SESSION_COOKIE, path="/desk")
    assert issued and issued != planted
    attacker = TestClient(client.app, base_url="https://testserver")
    attacker.cookies.set(SESSION_COOKIE, planted, **JAR)
    assert attacker.get("/desk/", follow_redirects=False).status_code == 303


def test_each_login_issues_a_new_token(desk_client, make_account) -> None:
    browser = desk_client("editor")
    first = browser.cookies.get(SESSION_COOKIE)
    creds = make_account("editor")
    browser.post(
        "/desk/login",
        data={
            "csrf": login_form(browser),
            "username": creds.username,
            "password": creds.password,
            "totp": creds.totp(),
        },
    )
    second = browser.cookies.get(SESSION_COOKIE)
    assert second != first
    stale = TestClient(browser.app, base_url="https://testserver")
    stale.cookies.set(SESSION_COOKIE, first, **JAR)
    assert stale.get("/desk/", follow_redirects=False).status_code == 303


def test_expired_session_is_refused(desk_client, monkeypatch) -> None:
    browser = desk_client("editor")
    assert browser.get("/desk/").status_code == 200
    later = datetime.now(UTC) + timedelta(minutes=61)
    monkeypatch.setattr(accounts, "_now", lambda: later)
    response = browser.get("/desk/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/desk/login"


def test_logout_ends_the_session_on_the_server(desk_client) -> None:
    browser = desk_client("editor")
    token = browser.cookies.get(SESSION_COOKIE)
    page = browser.get("/desk/")
    response = browser.post(
        "/desk/logout", data={"csrf": csrf_from(page.text)}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/desk/login"
    replay = TestClient(browser.app, base_url="https://testserver")
    replay.cookies.set(SESSION_COOKIE, token, **JAR)
    assert replay.get("/desk/", follow_redirects=False).status_code == 303


def test_anonymous_visitors_are_sent_to_login(client: TestClient, submit) -> None:
    testimony = submit()
    for path in DESK_PAGES:
        response = client.get(path.format(id=testimony.testimony_id), follow_redirects=False)
        assert (response.status_code, response.headers["location"]) == (303, "/desk/login")
    for path in DESK_FORMS:
        response = client.post(
            path.format(id=testimony.testimony_id),
            follow_redirects=False,
            data={"csrf": "x", "status": "approved"},
        )
        assert (response.status_code, response.headers["location"]) == (303, "/desk/login")


def test_keyholders_are_refused_with_403(
    app: FastAPI, client: TestClient, make_account, submit
) -> None:
    testimony = submit()
    creds = make_account("keyholder")
    response = client.post(
        "/desk/login",
        data={
            "csrf": login_form(client),
            "username": creds.username,
            "password": creds.password,
            "totp": creds.totp(),
        },
    )
    assert response.status_code == 403
    assert SESSION_COOKIE not in client.cookies

    with app.state.services.sessions() as db:  # even holding a session, every page is closed
        token = accounts.start_session(db, accounts.find_account(db, creds.username), 60)
    client.cookies.set(SESSION_COOKIE, token, **JAR)
    for path in DESK_PAGES:
        assert client.get(path.format(id=testimony.testimony_id)).status_code == 403
    for path in DESK_FORMS:
        response = client.post(path.format(id=testimony.testimony_id), data={"status": "approved"})
        assert response.status_code == 403
    assert status_of(app, testimony.testimony_id) == "new"


@pytest.mark.parametrize("token", [None, "", "0" * 64, "forged"])
def test_missing_or_wrong_csrf_changes_nothing(app: FastAPI, desk_client, submit, token) -> None:
    testimony = submit()
    browser = desk_client("editor")
    base = f"/desk/t/{testimony.testimony_id}"
    extra = {} if token is None else {"csrf": token}
    for path, form in [
        ("/status", {"status": "approved"}),
        ("/notes", {"body": "note"}),
        ("/missed", {"surface": "Курске", "label": "LOCATION"}),
    ]:
        response = browser.post(base + path, data={**form, **extra})
        assert response.status_code == 403, path
    assert browser.post("/desk/logout", data=extra).status_code == 403
    view = get_view(app, testimony.testimony_id)
    assert view.status == "new" and view.notes == []
    assert browser.get("/desk/").status_code == 200  # still logged in


def get_view(app: FastAPI, testimony_id: str):
    services = app.state.services
    with services.sessions() as db:
        return get_testimony(db, services, testimony_id)


def test_csrf_token_of_another_session_is_refused(app: FastAPI, desk_client, submit) -> None:
    testimony = submit()
    alice, mallory = desk_client("editor"), desk_client("editor")
    foreign = csrf_from(mallory.get("/desk/").text)
    response = alice.post(
        f"/desk/t/{testimony.testimony_id}/status", data={"csrf": foreign, "status": "rejected"}
    )
    assert response.status_code == 403
    assert status_of(app, testimony.testimony_id) == "new"


def test_review_highlights_every_pseudonym(desk_client, submit, app: FastAPI) -> None:
    testimony = submit("Меня допрашивал майор Сергей Волков в Валуйках. Потом Волков ушёл.")
    view = get_view(app, testimony.testimony_id)
    page = desk_client("editor").get(f"/desk/t/{testimony.testimony_id}")
    marks = re.findall(
        r'<mark title="([A-Z_]+) → ([^"]+)">([^<]+)<span class="tag">([A-Z_]+)', page.text
    )
    assert len(marks) == len(view.spans) > 0
    for (label, replacement, shown, tag), span in zip(marks, view.spans, strict=True):
        assert (label, replacement, shown, tag) == (
            span.label,
            span.replacement,
            span.replacement,
            span.label,
        )
    assert "Волков" not in page.text and "Валуйках" not in page.text


def test_mark_missed_add_note_and_approve(desk_client, submit, app: FastAPI) -> None:
    testimony = submit("Старший там был бородач, он отбирал телефоны.")  # redaction misses it
    browser = desk_client("editor")
    base = f"/desk/t/{testimony.testimony_id}"
    csrf = csrf_from(browser.get(base).text)
    assert "бородач" in get_view(app, testimony.testimony_id).text
    marked = browser.post(
        base + "/missed", data={"csrf": csrf, "surface": "бородач", "label": "PERSON"}
    )
    assert marked.status_code == 200
    assert "pseudonymised everywhere" in marked.text
    view = get_view(app, testimony.testimony_id)
    assert "бородач" not in view.text
    assert [span.label for span in view.spans] == ["PERSON"]
    noted = browser.post(base + "/notes", data={"csrf": csrf, "body": "Checked dates."})
    assert "Checked dates." in noted.text
    approved = browser.post(
        base + "/status", data={"csrf": csrf, "status": "approved"}, follow_redirects=False
    )
    assert (
        approved.status_code == 303 and approved.headers["location"] == base + "?done=status#status"
    )
    assert status_of(app, testimony.testimony_id) == "approved"


def test_refused_action_keeps_the_input_in_its_field_not_in_the_message(
    desk_client, submit
) -> None:
    testimony = submit()
    browser = desk_client("editor")
    base = f"/desk/t/{testimony.testimony_id}"
    csrf = csrf_from(browser.get(base).text)
    response = browser.post(
        base + "/missed", data={"csrf": csrf, "surface": "Canary-Not-In-Text", "label": "OTHER"}
    )
    assert response.status_code == 422
    error = re.search(r'<p class="error" role="alert" id="missed-error">([^<]*)</p>', response.text)
    assert "does not occur" in error[1] and "Canary" not in error[1]
    assert response.text.count("Canary-Not-In-Text") == 1
    field = re.search(r'<input type="text" id="surface"[^>]*>', response.text)[0]
    assert 'value="Canary-Not-In-Text"' in field and "autofocus" in field
    assert '<option value="OTHER" selected>' in response.text


def test_queue_filters_and_paging(desk_client, submit, app: FastAPI) -> None:
    ids = [submit(f"Свидетельство номер {n}: меня призвали в Туле.").testimony_id for n in range(3)]
    browser = desk_client("editor")
    csrf = csrf_from(browser.get(f"/desk/t/{ids[0]}").text)
    browser.post(f"/desk/t/{ids[0]}/status", data={"csrf": csrf, "status": "in_review"})

    in_review = browser.get("/desk/", params={"status": "in_review"}).text
    assert ids[0][:8] in in_review and ids[1][:8] not in in_review
    today = datetime.now(UTC).date().isoformat()
    dated = browser.get("/desk/", params={"since": today, "until": today, "language": "ru"})
    assert all(i[:8] in dated.text for i in ids)
    assert (
        browser.get("/desk/", params={"since": "2001-01-01", "until": "2001-01-02"}).text.count(
            "/desk/t/"
        )
        == 0
    )
    page = browser.get("/desk/", params={"page": 2}).text
    assert "page 2 of 1" in page
    bad = browser.get("/desk/", params={"since": "Canary-date"})
    assert bad.status_code == 422 and "Canary-date" not in bad.text


def test_exports_are_downloads(desk_client, submit, app: FastAPI) -> None:
    testimony = submit()
    browser = desk_client("editor")
    csrf = csrf_from(browser.get(f"/desk/t/{testimony.testimony_id}").text)
    browser.post(
        f"/desk/t/{testimony.testimony_id}/status", data={"csrf": csrf, "status": "approved"}
    )
    markdown = browser.get("/desk/export/approved.md")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.headers["content-disposition"].startswith("attachment;")
    assert testimony.testimony_id in markdown.text
    exported = browser.get("/desk/export/approved.json")
    assert exported.headers["content-disposition"].endswith('.json"')
    assert [t["id"] for t in json.loads(exported.text)["testimonies"]] == [testimony.testimony_id]
