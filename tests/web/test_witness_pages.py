"""Witness pages: languages, no cookies, no scripts, receipts only in POST bodies, safe errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from intake.db.models import STATUSES
from intake.errors import RateLimited
from intake.validation import LANGUAGES as TEXT_LANGUAGES
from intake.web.errors import KNOWN_STATUSES
from intake.web.i18n import LOCALE_DIR, catalog, negotiate
from intake.web.rendering import TEMPLATE_DIR
from tests.web import media
from tests.web.conftest import receipt_from

CANARY = "Canary-7f3a<script>alert(1)</script>"


def without_field_values(html: str) -> str:
    """The page without what its form fields hold (a textarea's text, inputs' values)."""
    html = re.sub(r"(<textarea[^>]*>)[^<]*(</textarea>)", r"\1\2", html)
    return re.sub(r'(<input[^>]*value=")[^"]*(")', r"\1\2", html)


def assert_no_cookie(response) -> None:
    assert "set-cookie" not in response.headers, response.request.url


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ru-RU,ru;q=0.9,en-US;q=0.8", "ru"),
        ("uk,ru;q=0.8", "uk"),
        ("de-DE,uk;q=0.3,ru;q=0.5", "ru"),
        ("en-US,en;q=0.5", "en"),  # what Tor Browser always sends
        ("fr, ru;q=0", "en"),
        (None, "en"),
        ("ru;q=abc", "en"),
    ],
)
def test_accept_language_negotiation(header, expected) -> None:
    assert negotiate(header) == expected


def test_root_redirects_by_accept_language(client: TestClient) -> None:
    response = client.get("/", headers={"Accept-Language": "uk-UA,uk"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/uk/"
    assert "accept-language" in response.headers["vary"].lower()


@pytest.mark.parametrize(
    ("lang", "phrase"),
    [
        ("en", "Tell us what happened"),
        ("ru", "Расскажите, что произошло"),
        ("uk", "Розкажіть, що сталося"),
    ],
)
def test_form_page_in_each_language(client: TestClient, lang: str, phrase: str) -> None:
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.text
    assert phrase in response.text
    assert 'enctype="multipart/form-data"' in response.text
    assert_no_cookie(response)


@pytest.mark.parametrize("path", ["/en/", "/ru/receipt", "/uk/", "/en/receipt"])
def test_pages_have_no_scripts_and_no_third_party_resources(client: TestClient, path) -> None:
    html = client.get(path).text
    assert "<script" not in html.lower()
    assert not re.search(r"<[^>]*\son[a-z]+=", html)  # no onclick= and friends
    assert not re.search(r'(?:src|action)="(?:https?:)?//', html)
    # The one link elsewhere is "leave quickly": a navigation away, not a resource.
    outside = re.findall(r'href="((?:https?:)?//[^"]*)"', html)
    assert outside == [catalog(path.strip("/").split("/")[0])["leave_url"]]
    assert "style=" not in html  # inline styles would need 'unsafe-inline'


def test_locales_have_the_same_keys_and_templates_use_only_known_keys() -> None:
    catalogs = {p.stem: json.loads(p.read_text("utf-8")) for p in LOCALE_DIR.glob("*.json")}
    assert set(catalogs) == {"en", "ru", "uk"}
    assert catalogs["en"].keys() == catalogs["ru"].keys() == catalogs["uk"].keys()
    used = set()
    for template in Path(TEMPLATE_DIR, "witness").glob("*.html"):
        used |= set(re.findall(r't\("([a-z0-9_]+)"[,)]', template.read_text("utf-8")))
    used |= {f"status_{status}" for status in STATUSES}
    used |= {f"text_language_{code}" for code in TEXT_LANGUAGES}
    used |= {f"error_{kind}{status}" for status in KNOWN_STATUSES for kind in ("", "title_")}
    used |= {
        f"error_{code}"
        for code in (
            "unsupported",
            "corrupt",
            "encrypted",
            "malformed",
            "too_large",
            "file_too_large",
            "too_many_files",
            "text_empty",
            "text_too_long",
        )
    }
    assert used <= catalogs["en"].keys()
    assert all(catalogs["ru"][key] != catalogs["en"][key] for key in used if "language" not in key)


def test_full_witness_journey_sets_no_cookie_and_keeps_receipt_out_of_urls(
    client: TestClient,
) -> None:
    submitted = client.post(
        "/uk/submit",
        files={
            "text": (None, "Мене забрали до ТЦК у Львові, командир Петро Іваненко."),
            "language": (None, "uk"),
            "attachments": ("IMG_0001.jpg", media.jpeg_with_gps(), "image/jpeg"),
        },
    )
    assert submitted.status_code == 200
    assert_no_cookie(submitted)
    assert "Вашу розповідь отримано" in submitted.text
    receipt = receipt_from(submitted.text)

    status = client.post("/uk/receipt", data={"receipt": receipt.upper()})
    assert status.status_code == 200
    assert_no_cookie(status)
    assert "Отримано, чекає на розгляд" in status.text
    assert re.search(r"<dt>Файли</dt><dd>1</dd>", status.text)

    added = client.post(
        "/uk/followup",
        files={
            "receipt": (None, receipt),
            "text": (None, "Ще одна деталь."),
        },
    )
    assert added.status_code == 200
    assert_no_cookie(added)
    assert "Ваше доповнення збережено" in added.text
    assert re.search(r"<dt>Доповнення</dt><dd>1</dd>", added.text)
    for response in (submitted, status, added):
        assert receipt.split()[0] not in str(response.url)
        assert all(receipt.split()[0] not in str(r.url) for r in response.history)


def test_receipt_in_a_query_string_is_ignored(client: TestClient, submit) -> None:
    receipt = submit().receipt
    response = client.get("/ru/receipt", params={"receipt": receipt})
    assert response.status_code == 200
    assert receipt.split()[0] not in response.text  # just the empty form


@pytest.mark.parametrize(
    ("request_kwargs", "status"),
    [
        ({"method": "POST", "url": "/ru/receipt", "data": {"receipt": CANARY}}, 404),
        (
            {
                "method": "POST",
                "url": "/ru/submit",
                "files": {"text": (None, CANARY), "language": (None, CANARY)},
            },
            422,
        ),
        (
            {
                "method": "POST",
                "url": "/en/submit",
                "files": {
                    "text": (None, CANARY),
                    "attachments": (CANARY + ".jpg", CANARY.encode(), "image/jpeg"),
                },
            },
            422,
        ),
        (
            {
                "method": "POST",
                "url": "/uk/followup",
                "files": {"receipt": (None, CANARY), "text": (None, CANARY)},
            },
            404,
        ),
        ({"method": "GET", "url": "/de/" + CANARY}, 404),
        (
            {
                "method": "POST",
                "url": "/en/submit",
                "content": CANARY,
                "headers": {"Content-Type": "text/plain"},
            },
            400,
        ),
    ],
)
def test_error_pages_never_echo_input(client: TestClient, request_kwargs, status) -> None:
    """A refused form gives the witness their own text back, escaped, inside its field and
    nowhere else; no message quotes input."""
    response = client.request(**request_kwargs)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert "<script>" not in response.text
    assert "Canary-7f3a" not in without_field_values(response.text)
    assert_no_cookie(response)


def test_error_is_translated_and_says_nothing_was_saved(client: TestClient) -> None:
    response = client.post(
        "/ru/submit",
        files={
            "text": (None, "Текст"),
            "attachments": ("notes.txt", b"plain text, not an accepted type", "text/plain"),
        },
    )
    assert response.status_code == 422
    assert "Один из файлов неподходящего типа" in response.text
    assert "Форма не отправлена" in response.text
    assert re.search(r"<textarea[^>]*>Текст</textarea>", response.text)


def test_wrong_receipt_is_a_clear_404(client: TestClient) -> None:
    response = client.post("/en/receipt", data={"receipt": "one two three four five six seven"})
    assert response.status_code == 404
    assert "No testimony matches this code" in response.text


def test_rate_limit_shows_a_429_page(client: TestClient, app: FastAPI, submit, monkeypatch) -> None:
    receipt = submit().receipt

    def refuse(*_: object) -> None:
        raise RateLimited("Too many.")

    monkeypatch.setattr(app.state.services.limiter, "check_receipt", refuse)
    response = client.post("/uk/receipt", data={"receipt": receipt})
    assert response.status_code == 429
    assert "Забагато запитів" in response.text


def test_too_many_files_and_oversized_files_are_refused(client: TestClient, app: FastAPI) -> None:
    settings = app.state.services.settings
    too_many = [
        ("attachments", (f"{i}.png", media.png_with_text(), "image/png"))
        for i in range(settings.max_attachments + 1)
    ]
    response = client.post("/en/submit", files=[("text", (None, "Text.")), *too_many])
    assert response.status_code == 422
    assert "Too many files" in response.text

    big = b"\xff\xd8\xff" + b"\0" * settings.max_attachment_bytes
    response = client.post(
        "/en/submit", files={"text": (None, "Text."), "attachments": ("big.jpg", big, "image/jpeg")}
    )
    assert response.status_code == 413


def test_empty_and_overlong_text_are_refused(client: TestClient, app: FastAPI) -> None:
    assert client.post("/en/submit", files={"text": (None, "   ")}).status_code == 422
    too_long = "a" * (app.state.services.settings.max_text_chars + 1)
    response = client.post("/en/submit", files={"text": (None, too_long)})
    assert response.status_code == 422
    assert "The text is too long" in response.text


def test_large_attachments_never_touch_a_temporary_file(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Evidence must not reach the server's disk in plaintext, even for a while."""
    import io
    import tempfile

    import starlette.formparsers
    from PIL import Image

    def no_disk(*args: object, **kwargs: object) -> None:
        raise AssertionError("an upload was spooled to a temporary file")

    for name in ("SpooledTemporaryFile", "NamedTemporaryFile", "TemporaryFile", "mkstemp"):
        monkeypatch.setattr(tempfile, name, no_disk)
    monkeypatch.setattr(starlette.formparsers, "SpooledTemporaryFile", no_disk)
    noisy = Image.effect_noise((1400, 1400), 80).convert("RGB")  # about 2 MB as PNG
    buffer = io.BytesIO()
    noisy.save(buffer, "PNG")
    assert len(buffer.getvalue()) > 1024 * 1024
    response = client.post(
        "/en/submit",
        files={
            "text": (None, "Photo of the summons."),
            "attachments": ("p.png", buffer.getvalue()),
        },
    )
    assert response.status_code == 200, response.text
    assert receipt_from(response.text)
