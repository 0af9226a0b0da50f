"""The witness journey in real headless Chromium and Firefox ESR, JavaScript off.

Every numbered problem of the witness issue, in both engines: text kept on error, one
testimony for a double tap or a resend, a wrong receipt with a field to retry, the text box in
the first screen of a phone, neutral titles; and a withdrawal that needs its box ticked.
Screenshots of each step go to test-artifacts/screenshots/<engine>-<step>.png.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from intake.db import models
from intake.receipts import WORDS
from intake.web import witness as witness_pages
from intake.web.i18n import catalog
from tests.web import engines, media

pytestmark = pytest.mark.browser
ENGINES = engines.params()
PHONE = (360, 740)
CONFIRM = "#confirm-send"  # the preview's final send
TEXT = {
    "ru": "Военком Олег Марков забрал мой паспорт в Твери.",
    "uk": "Працівник ТЦК Олег Марченко забрав мій паспорт у Рівному.",
    "en": "The recruiter Oleg Markov took my passport at the office in Tver.",
}


def stored(app: FastAPI) -> int:
    with app.state.services.sessions() as db:
        return db.scalar(select(func.count()).select_from(models.Testimony))


def receipt_words(page: engines.Browser) -> list[str]:
    return [li.text for li in page.find_all("#receipt-code li")]


def value(element) -> str:
    """What a field holds now (both drivers' elements answer ``get_property``)."""
    return element.get_property("value")


def assert_neutral(page: engines.Browser, lang: str) -> None:
    assert page.title == catalog(lang)["neutral_title"]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("lang", ["ru", "uk", "en"])
def test_whole_journey_with_a_typo_in_the_receipt_and_a_read_back(
    live_url: str, open_browser, tmp_path: Path, engine: str, lang: str
) -> None:
    page = open_browser(engine)
    page.open(f"{live_url}/{lang}/")
    assert_neutral(page, lang)
    page.screenshot(f"{lang}-1-form")
    page.find("#text").send_keys(TEXT[lang])
    page.choose("#language", lang)
    page.submit()  # to the preview; files are chosen on its confirming form
    assert_neutral(page, lang)
    page.screenshot(f"{lang}-1b-preview")
    photo = tmp_path / "IMG_20240301_134500.jpg"
    photo.write_bytes(media.jpeg_with_gps())
    page.find("#attachments").send_keys(str(photo))
    page.submit(CONFIRM)

    words = receipt_words(page)
    assert len(words) == WORDS
    assert_neutral(page, lang)
    page.screenshot(f"{lang}-2-receipt")
    other = "uk" if lang != "uk" else "ru"
    page.submit(f'form[action="/{other}/issued"] button')  # the language switch
    assert receipt_words(page) == words
    assert page.find("html").get_attribute("lang") == other
    page.screenshot(f"{lang}-3-receipt-in-{other}")

    page.open(f"{live_url}/{lang}/receipt")
    typo = words.copy()
    typo[2] = typo[2][:-1]  # one letter missing
    page.find("#receipt").send_keys(" ".join(typo))
    page.submit()
    assert catalog(lang)["status_new"] in page.find("dl.facts").text
    assert_neutral(page, lang)
    page.screenshot(f"{lang}-4-status")

    page.submit('form[action$="/sent"] button')
    assert TEXT[lang] in page.find("#sent-text").text
    page.screenshot(f"{lang}-5-read-back")

    page.submit('form[action$="/receipt"] button')
    page.find("#text").send_keys("+")
    page.submit('form[action$="/followup"] button')
    assert catalog(lang)["followup_saved"] in page.find("[role=status]").text
    page.screenshot(f"{lang}-6-followup")

    assert page.cookies() == []
    assert not any(word in page.url() for word in words)


@pytest.mark.parametrize("engine", ENGINES)
def test_refused_file_brings_the_form_back_with_the_text(
    app: FastAPI, live_url: str, open_browser, tmp_path: Path, engine: str
) -> None:
    page = open_browser(engine)
    page.open(f"{live_url}/ru/")
    text = "Я писал это целый час.\nИ вторая строка."
    page.find("#text").send_keys(text)
    page.submit()
    notes = tmp_path / "заметки.txt"
    notes.write_text("not a photo")
    page.find("#attachments").send_keys(str(notes))
    page.submit(CONFIRM)
    assert value(page.find("#text")).replace("\r\n", "\n") == text
    assert "неподходящего типа" in page.find("#attachments-error").text
    assert_neutral(page, "ru")
    page.screenshot("error-1-wrong-type")

    limit = app.state.services.settings.max_attachment_bytes
    big = tmp_path / "повестка.jpg"
    big.write_bytes(b"\xff\xd8\xff" + b"\0" * limit)
    page.submit()  # the preview again, to choose the files beside the final button
    page.find("#attachments").send_keys(str(big))
    page.submit(CONFIRM)
    message = page.find("#attachments-error").text
    assert "повестка.jpg" in message and f"{limit // (1024 * 1024)} МБ" in message
    assert value(page.find("#text")).replace("\r\n", "\n") == text
    page.screenshot("error-2-file-too-large")

    page.submit()
    page.submit(CONFIRM)  # now without the file: it goes through
    assert len(receipt_words(page)) == WORDS
    assert stored(app) == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_double_tap_and_resend_store_one_testimony_and_show_the_same_receipt(
    app: FastAPI, live_url: str, open_browser, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    calls: list[int] = []
    real = witness_pages.submit_testimony

    def counted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            time.sleep(3 * engines.TAP_GAP)  # a slow connection: the second tap comes meanwhile
        return real(*args, **kwargs)

    monkeypatch.setattr(witness_pages, "submit_testimony", counted)
    page = open_browser(engine)
    page.open(f"{live_url}/uk/")
    issued = page.find('input[name="receipt"]').get_attribute("value").split("-")
    page.find("#text").send_keys(TEXT["uk"])
    page.submit()  # the preview stores nothing
    assert not calls
    page.double_tap(CONFIRM)
    assert receipt_words(page) == issued
    taps = len(calls)
    # Firefox sends the form twice; Chromium drops a second submission of a form whose first
    # is still pending, so there the server-side race is covered by the service test.
    assert taps == (2 if engine == "firefox" else 1)
    page.screenshot("double-tap-receipt")
    page.resend()
    assert receipt_words(page) == issued
    assert len(calls) == taps + 1  # the reload did send the form again
    page.screenshot("resend-receipt")
    assert stored(app) == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_wrong_receipt_shows_a_clear_heading_and_the_field_to_retry(
    live_url: str, open_browser, engine: str
) -> None:
    page = open_browser(engine)
    page.open(f"{live_url}/uk/receipt")
    page.find("#receipt").send_keys("слово слово слово")
    page.submit()
    assert page.find("h1").text == catalog("uk")["wrong_receipt_title"]
    assert value(page.find("#receipt")) == "слово слово слово"
    assert_neutral(page, "uk")
    page.screenshot("wrong-receipt")


@pytest.mark.parametrize("engine", ENGINES)
def test_withdraw_needs_the_box_ticked_then_the_receipt_stops_working(
    live_url: str, open_browser, engine: str
) -> None:
    page = open_browser(engine)
    page.open(f"{live_url}/en/")
    page.find("#text").send_keys(TEXT["en"])
    page.submit()
    page.submit(CONFIRM)
    words = receipt_words(page)
    page.open(f"{live_url}/en/receipt")
    page.find("#receipt").send_keys(" ".join(words))
    page.submit()

    withdraw = 'form[action$="/withdraw"] button'
    assert page.find_all("#withdraw-confirm:invalid")  # the browser itself holds the form back
    page.find(withdraw).click()
    page.find("#withdraw-confirm").click()  # still the status page: nothing was sent
    page.submit(withdraw)
    assert catalog("en")["withdrawn_done"] in page.find("[role=status]").text
    assert_neutral(page, "en")
    page.screenshot("withdrawn")

    page.open(f"{live_url}/en/receipt")
    page.find("#receipt").send_keys(" ".join(words))
    page.submit()
    assert page.find("h1").text == catalog("en")["wrong_receipt_title"]
    assert page.cookies() == []


@pytest.mark.parametrize("engine", ENGINES)
def test_phone_text_box_and_way_back_are_in_the_first_screen(
    live_url: str, open_browser, engine: str
) -> None:
    page = open_browser(engine)
    width, height = page.viewport(*PHONE)
    assert height == PHONE[1]
    for lang in ("ru", "uk", "en"):
        page.open(f"{live_url}/{lang}/")
        box = page.find("#text").rect
        assert box["y"] + 80 <= height, (lang, box)  # the box and its first lines show
        assert box["x"] + box["width"] <= width
        back = page.find(f'main a[href="/{lang}/receipt"]').rect
        assert back["y"] + back["height"] <= height
        page.screenshot(f"phone-{lang}-form")
    page.open(f"{live_url}/ru/receipt")
    field = page.find("#receipt").rect
    assert field["y"] + field["height"] <= height
    page.screenshot("phone-ru-receipt")
    if engine == "chromium":
        assert width == PHONE[0]
        assert page.content_width() <= PHONE[0]  # nothing wider than the phone
