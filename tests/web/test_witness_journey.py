"""The witness journey: nothing lost on error, nothing stored twice, a receipt they can use
again, read-back of what they sent, and pages that leave no telling trace on the device."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from intake import receipts
from intake.db.models import Testimony
from intake.receipt_words import wordlist
from intake.services import witness
from intake.web.i18n import Translator, catalog
from tests.web.conftest import receipt_from

TEXT = "Военком Олег Марков забрал мой паспорт в Твери 3 марта."


def count(app: FastAPI) -> int:
    with app.state.services.sessions() as db:
        return db.scalar(select(func.count()).select_from(Testimony))


def form_receipt(html: str) -> str:
    return re.search(r'name="receipt" value="([^"]+)"', html)[1]


def textarea(html: str) -> str:
    return re.search(r"<textarea[^>]*>([^<]*)</textarea>", html)[1]


def send(client: TestClient, lang: str, receipt: str, text: str = TEXT, **files):
    return client.post(
        f"/{lang}/submit", files={"receipt": (None, receipt), "text": (None, text), **files}
    )


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_each_form_carries_a_fresh_receipt_in_the_page_language(
    client: TestClient, lang: str
) -> None:
    first, second = (form_receipt(client.get(f"/{lang}/").text) for _ in range(2))
    assert first != second
    assert set(first.split("-")) <= set(wordlist(lang))


def test_double_tap_reload_and_resend_store_one_testimony_and_show_the_same_receipt(
    client: TestClient, app: FastAPI
) -> None:
    receipt = form_receipt(client.get("/ru/").text)
    pages = [send(client, "ru", receipt) for _ in range(3)]  # tap, tap again, reload
    assert [p.status_code for p in pages] == [200, 200, 200]
    assert count(app) == 1
    shown = {receipt_from(p.text) for p in pages}
    assert shown == {receipt.replace("-", " ")}


def test_a_used_form_with_another_text_stores_nothing_and_gives_a_fresh_form(
    client: TestClient, app: FastAPI
) -> None:
    receipt = form_receipt(client.get("/en/").text)
    send(client, "en", receipt)
    response = send(client, "en", receipt, text="Something else entirely.")
    assert response.status_code == 409
    assert count(app) == 1
    assert textarea(response.text) == "Something else entirely."
    assert form_receipt(response.text) != receipt
    assert "already used to send a different text" in response.text


def test_two_requests_racing_with_one_form_store_one_testimony(
    client: TestClient, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both requests find the receipt unused; the second commit fails on the unique lookup
    and answers with the first one's testimony."""
    services = app.state.services
    receipt = receipts.new_receipt("uk")
    with services.sessions() as db:
        first = witness.submit_testimony(db, services, text=TEXT, receipt=receipt)
    real = witness._already_sent
    lookups: list[object] = []

    def unused_at_first(*args: object) -> object:
        lookups.append(args)
        return None if len(lookups) == 1 else real(*args)

    monkeypatch.setattr(witness, "_already_sent", unused_at_first)
    with services.sessions() as db:
        second = witness.submit_testimony(db, services, text=TEXT, receipt=receipt)
    assert second == first
    assert len(lookups) == 2  # the second look came after the failed commit
    assert count(app) == 1


@pytest.mark.parametrize(
    ("lang", "files", "message", "field"),
    [
        ("ru", {"text": (None, "   ")}, "Текст пустой", "text"),
        ("uk", {"language": (None, "xx")}, "Перевірте текст", "language"),
        (
            "en",
            {"attachments": ("notes.txt", b"plain text", "text/plain")},
            "One of the files is of a type we do not accept",
            "attachments",
        ),
    ],
)
def test_refused_form_comes_back_with_the_text_and_the_message_beside_the_field(
    client: TestClient, app: FastAPI, lang: str, files: dict, message: str, field: str
) -> None:
    text = "Всё, что я написал за час.\nВторая строка <b>с разметкой</b>."
    body = {"text": (None, text), "language": (None, "ru"), **files}
    response = client.post(f"/{lang}/submit", files=body)
    assert response.status_code == 422
    assert count(app) == 0
    html = response.text
    assert f'<html lang="{lang}">' in html
    assert catalog(lang)["error_summary"] in html
    shown = textarea(html)
    if field != "text":
        assert shown == "Всё, что я написал за час.\nВторая строка &lt;b&gt;с разметкой&lt;/b&gt;."
    error = re.search(rf'<span class="field-error" id="{field}-error">([^<]*)</span>', html)
    assert message in error[1].replace("&#39;", "'")
    assert "Back" not in html and "Назад" not in html
    assert form_receipt(html)  # and a fresh one-time receipt to send it with


def test_file_too_large_names_the_file_and_the_limit_and_is_refused_before_processing(
    client: TestClient, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    from intake import attachments

    def never(*_: object) -> None:
        raise AssertionError("an over-limit upload reached the file processing")

    monkeypatch.setattr(attachments, "sanitise", never)
    limit = app.state.services.settings.max_attachment_bytes
    big = b"\xff\xd8\xff" + b"\0" * limit
    response = client.post(
        "/uk/submit",
        files=[
            ("text", (None, "Мій текст.")),
            ("attachments", ("повістка.jpg", big, "image/jpeg")),
        ],
    )
    assert response.status_code == 413
    assert count(app) == 0
    error = re.search(r'id="attachments-error">([^<]*)<', response.text)[1]
    assert "повістка.jpg" in error
    assert f"{limit // (1024 * 1024)} МБ" in error
    assert "Зменште" in error
    assert textarea(response.text) == "Мій текст."
    assert catalog("uk")["files_again"] in response.text


def test_receipt_page_language_switch_keeps_the_receipt(client: TestClient) -> None:
    page = send(client, "ru", form_receipt(client.get("/ru/").text))
    receipt = receipt_from(page.text)
    switch = re.search(r'<form method="post" action="/uk/issued"[^>]*>(.*?)</form>', page.text)
    assert switch and 'name="receipt"' in switch[1]
    again = client.post("/uk/issued", data={"receipt": receipt})
    assert again.status_code == 200
    assert '<html lang="uk">' in again.text
    assert receipt_from(again.text) == receipt
    assert client.post("/uk/issued", data={"receipt": receipts.new_receipt()}).status_code == 404


def test_wrong_receipt_page_has_a_clear_heading_and_the_field_to_retry(
    client: TestClient,
) -> None:
    typed = receipts.new_receipt("ru").replace("-", " ")
    response = client.post("/ru/receipt", data={"receipt": typed})
    assert response.status_code == 404
    assert "<h1>Мы не нашли такой код</h1>" in response.text
    assert "Страница не найдена" not in response.text
    field = re.search(r'<input type="text" id="receipt" name="receipt"[^>]*>', response.text)[0]
    assert f'value="{typed}"' in field
    assert 'action="/ru/receipt"' in response.text


def test_a_typo_and_look_alike_letters_in_the_receipt_still_open_the_testimony(
    client: TestClient,
) -> None:
    receipt = receipt_from(send(client, "ru", form_receipt(client.get("/ru/").text)).text)
    words = receipt.split()
    words[4] = words[4][:-1]  # one letter missing
    typed = " ".join(words).upper().replace("О", "O").replace("А", "A")  # Latin look-alikes
    response = client.post("/ru/receipt", data={"receipt": typed})
    assert response.status_code == 200
    assert catalog("ru")["status_new"] in response.text


def test_old_seven_word_receipts_keep_working(client: TestClient, app: FastAPI) -> None:
    old = "parakeet-subatomic-outthink-prorate-unengaged-gosling-sizzling"
    services = app.state.services
    with services.sessions() as db:
        witness.submit_testimony(db, services, text="Before the change.", receipt=old)
    response = client.post("/en/receipt", data={"receipt": old.replace("-", " ").title()})
    assert response.status_code == 200


def test_read_back_shows_what_was_sent_uncached_and_unlogged(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    receipt = receipt_from(send(client, "uk", form_receipt(client.get("/uk/").text)).text)
    client.post("/uk/followup", files={"receipt": (None, receipt), "text": (None, "Ще Сумська 5.")})
    response = client.post("/uk/sent", data={"receipt": receipt})
    assert response.status_code == 200
    assert TEXT in response.text and "Ще Сумська 5." in response.text
    assert "no-store" in response.headers["cache-control"]
    assert "Марков" not in caplog.text and "Сумська" not in caplog.text
    wrong = client.post("/uk/sent", data={"receipt": receipts.new_receipt("uk")})
    assert wrong.status_code == 404
    assert "Марков" not in wrong.text


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_titles_are_neutral_on_every_witness_page(client: TestClient, lang: str) -> None:
    receipt = receipt_from(send(client, lang, form_receipt(client.get(f"/{lang}/").text)).text)
    pages = [
        client.get(f"/{lang}/"),
        client.get(f"/{lang}/receipt"),
        client.post(f"/{lang}/submit", files={"text": (None, " ")}),
        client.post(f"/{lang}/receipt", data={"receipt": receipt}),
        client.post(f"/{lang}/receipt", data={"receipt": "wrong"}),
        client.post(f"/{lang}/sent", data={"receipt": receipt}),
        client.get(f"/{lang}/nothing-here"),
    ]
    neutral = catalog(lang)["neutral_title"]
    for page in pages:
        assert re.search(r"<title>([^<]*)</title>", page.text)[1] == neutral, page.url
    assert catalog(lang)["site_name"] not in neutral
    assert catalog(lang)["leave_link"] in pages[0].text


def test_dates_are_written_in_the_page_language(client: TestClient) -> None:
    receipt = receipt_from(send(client, "ru", form_receipt(client.get("/ru/").text)).text)
    today = datetime.now(UTC).date()
    page = client.post("/ru/receipt", data={"receipt": receipt}).text
    assert Translator("ru").date(today) in page
    assert Translator("uk").date(today.replace(month=11, day=25)) == "25 листопада 2026 р."
    assert Translator("en").date(today.replace(year=2026, month=3, day=1)) == "1 March 2026"


def test_followup_refused_comes_back_with_its_text(client: TestClient) -> None:
    receipt = receipt_from(send(client, "en", form_receipt(client.get("/en/").text)).text)
    response = client.post(
        "/en/followup",
        files={
            "receipt": (None, receipt),
            "text": (None, "A detail I forgot."),
            "attachments": ("x.txt", b"not a photo", "text/plain"),
        },
    )
    assert response.status_code == 422
    assert textarea(response.text) == "A detail I forgot."
    assert 'id="attachments-error"' in response.text
    assert "Additions</dt><dd>0</dd>" in response.text  # the refused message is not counted
