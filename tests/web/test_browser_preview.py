"""The witness checks what editors will see, in headless Chromium and Firefox ESR, JavaScript off:
preview shown, a word ticked, the preview updated, back to the text and forward again, files
chosen on the confirming form, sent; the editors' desk never shows the word in any form."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from intake.db import models
from tests.web import browser, firefox, media
from tests.web.test_browser import click_and_wait

pytestmark = pytest.mark.browser

# Per page language: a testimony in that language, the word the witness ticks (as it appears
# first), a pattern for every form of it, and a real name redaction must replace by itself.
JOURNEYS = {
    "ru": (
        "Я работал в пекарне на углу. Все в посёлке знают эту пекарню, "
        "а хозяин пекарни Олег Марков сдал меня военкому.",
        "пекарне",
        re.compile("пекар", re.IGNORECASE),
        "Марков",
    ),
    "uk": (
        "Я працював у пекарні на розі. Усі в селищі знають цю пекарню, "
        "а власник пекарні Олег Марченко здав мене в ТЦК.",
        "пекарні",
        re.compile("пекар", re.IGNORECASE),
        "Марченко",
    ),
    "en": (
        "I sold papers at the kiosk by the station. The kiosk's owner, Oleg Markov, "
        "reported me to the recruiter.",
        "kiosk",
        re.compile("kiosk", re.IGNORECASE),
        "Markov",
    ),
}
ENGINES = [
    pytest.param(
        "chromium",
        marks=pytest.mark.skipif(not browser.available(), reason="needs chromium, chromedriver"),
    ),
    pytest.param(
        "firefox",
        marks=pytest.mark.skipif(not firefox.available(), reason="needs firefox-esr, marionette"),
    ),
]


class Witness:
    """One witness's browser, the same few steps in either engine."""

    def __init__(self, engine: str, profile: Path, *, phone: bool) -> None:
        self.engine = engine
        if engine == "chromium":
            self.driver = browser.chromium(profile)
            if phone:
                browser.emulate_width(self.driver, 360)
        else:
            self.driver = firefox.firefox(profile.with_suffix(".log"), narrow=phone)
        self.width = (360 if engine == "chromium" else firefox.NARROWEST) if phone else None

    def open(self, url: str) -> None:
        if self.engine == "chromium":
            self.driver.get(url)
        else:
            self.driver.navigate(url)

    def find(self, css: str):
        return self.driver.find_element("css selector", css)

    def finds(self, css: str) -> list:
        return self.driver.find_elements("css selector", css)

    def press(self, css: str) -> None:
        """Click a button that leads to a new page, and wait for it."""
        if self.engine == "chromium":
            click_and_wait(self.driver, css)
        else:
            self.find(css).click()  # Marionette waits for the navigation a click starts

    def page_width(self) -> float:
        if self.engine == "chromium":
            return browser.content_width(self.driver)
        return self.find("html").rect["width"]

    def screenshot(self, name: str) -> None:
        """Full page PNG under test-artifacts/screenshots/, for people to look at."""
        if self.engine == "chromium":
            browser.screenshot(self.driver, f"{name}-chromium")
        else:
            browser.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            png = self.driver.screenshot(format="binary", full=True)
            (browser.SCREENSHOTS / f"{name}-firefox.png").write_bytes(png)

    def quit(self) -> None:
        if self.engine == "chromium":
            self.driver.quit()
        else:
            self.driver.cleanup()


@pytest.fixture
def live_url(app: FastAPI) -> Iterator[str]:
    yield from browser.serve(app)


@pytest.fixture
def witness(tmp_path: Path) -> Iterator[Callable[..., Witness]]:
    started: list[Witness] = []

    def start(engine: str, *, phone: bool = False) -> Witness:
        started.append(Witness(engine, tmp_path / f"{engine}-{len(started)}", phone=phone))
        return started[-1]

    yield start
    for one in started:
        one.quit()


def _testimony_ids(app: FastAPI) -> set[str]:
    with app.state.services.sessions() as db:
        return set(db.scalars(select(models.Testimony.id)))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("lang", ["ru", "uk", "en"])
def test_witness_previews_hides_a_word_goes_back_and_sends(
    app: FastAPI, live_url: str, witness, desk_client, tmp_path: Path, engine: str, lang: str
) -> None:
    text, ticked, every_form, real_name = JOURNEYS[lang]
    page = witness(engine, phone=True)
    page.open(f"{live_url}/{lang}/")
    page.find("#text").send_keys(text)
    page.find(f'#language option[value="{lang}"]').click()
    page.press("main form button[type=submit]")

    shown = page.find("#preview-text")
    assert page.find("html").get_attribute("lang") == lang
    assert real_name not in shown.text
    assert page.finds("#preview-text mark")  # surrogates highlighted
    assert every_form.search(shown.text)  # redaction alone cannot know the kiosk, the bakery
    assert _testimony_ids(app) == set()  # nothing stored yet

    page.find("#mark-words summary").click()  # <details> opens without script
    page.find(f'#mark-words input[value="{ticked}"] + span').click()
    assert page.find(f'#mark-words input[value="{ticked}"]').is_selected()
    page.press("#update-preview")
    assert not every_form.search(page.find("#preview-text").text)
    assert page.find("[role=status]").text  # says which words are now hidden
    page.screenshot(f"preview-{lang}-phone")

    page.press("#edit-text")  # back to the text, kept by the server's page, not by Back
    assert page.find("#text").get_property("value") == text.strip()
    page.press("main form button[type=submit]")
    assert not every_form.search(page.find("#preview-text").text)  # the ticked word stays hidden
    assert _testimony_ids(app) == set()

    photo = tmp_path / "photo.jpg"
    photo.write_bytes(media.jpeg_with_gps())
    page.find("#attachments").send_keys(str(photo))
    page.press("#confirm-send")
    assert len(page.finds("#receipt-code li")) == 7

    (testimony_id,) = _testimony_ids(app)
    desk = desk_client("editor").get(f"/desk/t/{testimony_id}")
    assert desk.status_code == 200
    assert not every_form.search(desk.text)
    assert real_name not in desk.text
    assert "Attachment 1: image" in desk.text


@pytest.mark.parametrize("engine", ENGINES)
def test_preview_fits_a_phone(live_url: str, witness, engine: str) -> None:
    """360 px in Chromium; Firefox only goes down to 500 px, still narrower than any layout
    breakpoint of the stylesheet (48rem)."""
    page = witness(engine, phone=True)
    page.open(f"{live_url}/ru/")
    page.find("#text").send_keys(JOURNEYS["ru"][0])
    page.press("main form button[type=submit]")
    page.find("#mark-words summary").click()
    assert page.page_width() <= page.width  # no sideways scrolling
    for css in ("#preview-text", "#hide", "#confirm-send", "#mark-words", "#update-preview"):
        element = page.find(css)
        assert element.rect["x"] + element.rect["width"] <= page.width
