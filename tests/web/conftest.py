"""Fixtures for the HTML front end: logged-in desk clients, a submitted testimony, the app on
a live port and real headless browsers for it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from intake.receipts import WORDS
from tests.web import engines


@pytest.fixture
def live_url(app: FastAPI) -> Iterator[str]:
    """The app served on localhost for a real browser."""
    yield from engines.serve(app)


@pytest.fixture
def open_browser(tmp_path: Path) -> Iterator[Callable[[str], engines.Browser]]:
    """Start headless browsers (JavaScript off) by engine name; all quit after the test."""
    started: list[engines.Browser] = []

    def start(engine: str) -> engines.Browser:
        started.append(engines.start(engine, tmp_path / f"profile-{len(started)}"))
        return started[-1]

    yield start
    for each in started:
        each.quit()


def csrf_from(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html)[1]


def receipt_from(html: str) -> str:
    words = re.findall(r"<li>([^\W\d_]+)</li>", html.split('id="receipt-code"', 1)[1])
    assert len(words) == WORDS
    return " ".join(words)


@dataclass(frozen=True)
class Submitted:
    receipt: str
    testimony_id: str


def _testimony_ids(app: FastAPI) -> set[str]:
    from sqlalchemy import select

    from intake.db.models import Testimony

    with app.state.services.sessions() as db:
        return set(db.scalars(select(Testimony.id)))


@pytest.fixture
def submit(client: TestClient, app: FastAPI) -> Callable[..., Submitted]:
    """Submit through the witness page; returns the receipt and the new testimony's id."""

    def run(text: str = "Меня допрашивал майор Сергей Волков в Курске.", lang: str = "ru"):
        before = _testimony_ids(app)
        response = client.post(f"/{lang}/submit", files={"text": (None, text)})
        assert response.status_code == 200, response.text
        (new_id,) = _testimony_ids(app) - before
        return Submitted(receipt_from(response.text), new_id)

    return run


@pytest.fixture
def desk_client(app: FastAPI, make_account: Callable) -> Iterator[Callable[..., TestClient]]:
    """A separate browser-like client logged in to the desk through the HTML form."""
    clients: list[TestClient] = []

    def login(role: str = "editor") -> TestClient:
        creds = make_account(role)
        browser = TestClient(app, base_url="https://testserver")
        clients.append(browser)
        page = browser.get("/desk/login")
        response = browser.post(
            "/desk/login",
            data={
                "csrf": csrf_from(page.text),
                "username": creds.username,
                "password": creds.password,
                "totp": creds.totp(),
            },
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        return browser

    yield login
    for browser in clients:
        browser.close()
