"""End to end in real headless browsers: witnesses with JavaScript off, an editor with TOTP."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI

from intake.receipts import WORDS
from tests.web import engines, media

pytestmark = pytest.mark.browser
CHROMIUM = engines.params("chromium")

TESTIMONIES = {
    "en": ("The recruiter Oleg Markov took my passport at the office in Tver.", "Received"),
    "ru": ("Военком Олег Марков забрал мой паспорт в Твери.", "Получен"),
    "uk": ("Працівник ТЦК Олег Марченко забрав мій паспорт у Рівному.", "Отримано"),
}
FOLLOWUP_SAVED = {
    "en": "Your addition has been saved",
    "ru": "Ваше дополнение сохранено",
    "uk": "Ваше доповнення збережено",
}


@pytest.mark.parametrize("engine", engines.params())
def test_javascript_really_is_off(open_browser, tmp_path: Path, engine: str) -> None:
    script = tmp_path / "script.html"  # a file: Firefox refuses to open data: URLs from a driver
    script.write_text("<title>off</title><script>document.title='on'</script>")
    page = open_browser(engine)
    page.open(script.as_uri())
    assert page.title == "off"


@pytest.mark.parametrize("engine", CHROMIUM)
@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_witness_submits_and_comes_back_without_javascript(
    live_url: str, open_browser, tmp_path: Path, engine: str, lang: str
) -> None:
    page = open_browser(engine)
    text, received = TESTIMONIES[lang]
    page.open(f"{live_url}/{lang}/")
    assert page.find("html").get_attribute("lang") == lang
    page.screenshot(f"witness-{lang}-1-form")

    page.find("#text").send_keys(text)
    page.choose("#language", lang)
    page.submit()  # to the preview; files are chosen on its confirming form
    photo = tmp_path / "IMG_20240301_134500.jpg"
    photo.write_bytes(media.jpeg_with_gps())
    page.find("#attachments").send_keys(str(photo))
    page.submit("#confirm-send")

    words = [li.text for li in page.find_all("#receipt-code li")]
    assert len(words) == WORDS
    page.screenshot(f"witness-{lang}-2-receipt")

    page.open(f"{live_url}/{lang}/receipt")
    page.find("#receipt").send_keys(" ".join(words))
    page.submit()
    assert received in page.find("dl.facts").text
    page.screenshot(f"witness-{lang}-3-status")

    page.find("#text").send_keys("+")
    page.submit("form[action$='/followup'] button")
    assert FOLLOWUP_SAVED[lang] in page.find("[role=status]").text
    page.screenshot(f"witness-{lang}-4-followup")

    assert page.cookies() == []
    assert not any(word in page.url() for word in words)


@pytest.mark.parametrize("engine", CHROMIUM)  # headless Firefox makes no window under 500 px
def test_witness_form_fits_320_pixels(live_url: str, open_browser, engine: str) -> None:
    page = open_browser(engine)
    page.viewport(320, 800)
    page.open(f"{live_url}/ru/")
    assert page.content_width() <= 320
    assert page.find("#text").size["width"] <= 300
    page.screenshot("witness-ru-320px")


@pytest.mark.parametrize("engine", CHROMIUM)
def test_editor_logs_in_reviews_marks_a_missed_name_and_approves(
    app: FastAPI, live_url: str, open_browser, make_account, submit, engine: str
) -> None:
    testimony = submit("Майор Сергей Волков приказал, а бородач отбирал телефоны. Бородач ушёл.")
    creds = make_account("editor")
    page = open_browser(engine)

    page.open(f"{live_url}/desk/")
    assert page.url().endswith("/desk/login")
    page.find("#username").send_keys(creds.username)
    page.find("#password").send_keys(creds.password)
    page.find("#totp").send_keys(creds.totp())
    page.submit()
    assert page.url().endswith("/desk/")
    (cookie,) = page.cookies()
    assert (cookie["httpOnly"], cookie["secure"], cookie["sameSite"], cookie["path"]) == (
        True,
        True,
        "Strict",
        "/desk",
    )
    page.screenshot("desk-1-queue")

    page.submit(f'a[href="/desk/t/{testimony.testimony_id}"]')
    text = page.find(".testimony-text")
    assert "бородач" in text.text
    page.screenshot("desk-2-review")

    page.find("#surface").send_keys("бородач")
    page.choose("#label", "PERSON")
    page.submit("form[action$='/missed'] button")
    assert "pseudonymised everywhere" in page.find("[role=status]").text
    text = page.find(".testimony-text")
    assert "бородач" not in text.text
    marks = text.find_elements("css selector", "mark")
    assert any(m.get_attribute("title").startswith("PERSON → ") for m in marks)

    page.choose("#status", "approved")
    page.submit("form[action$='/status'] button")
    assert "approved" in page.find("dl.facts").text
    page.screenshot("desk-3-approved")
