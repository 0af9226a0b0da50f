"""End to end in real headless Chromium: witnesses with JavaScript off, an editor with TOTP."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

from intake.receipts import WORDS
from tests.web import browser, media

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser.available(), reason="needs /usr/bin/chromium and chromedriver"),
]

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


@pytest.fixture
def live_url(app: FastAPI) -> Iterator[str]:
    yield from browser.serve(app)


@pytest.fixture
def open_browser(tmp_path: Path) -> Iterator[Callable[..., WebDriver]]:
    drivers: list[WebDriver] = []

    def start(*, javascript: bool = False) -> WebDriver:
        driver = browser.chromium(tmp_path / f"profile-{len(drivers)}", javascript=javascript)
        drivers.append(driver)
        return driver

    yield start
    for driver in drivers:
        driver.quit()


def is_detached(element: WebElement) -> bool:
    """The old page is gone. Mid-navigation, newer chromedrivers answer with an inspector error
    ("node does not belong to the document") rather than a stale-element error; both mean it."""
    try:
        element.is_enabled()
    except (StaleElementReferenceException, WebDriverException):
        return True
    return False


def click_and_wait(driver: WebDriver, css: str = "main form button[type=submit]") -> None:
    """Submit a form and wait for the next page: a slow POST can outlast chromedriver's wait."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, css).click()
    WebDriverWait(driver, 60).until(lambda _: is_detached(page))
    WebDriverWait(driver, 60).until(
        lambda d: (
            d.execute_cdp_cmd("Runtime.evaluate", {"expression": "document.readyState"})["result"][
                "value"
            ]
            == "complete"
        )
    )


def test_javascript_really_is_off(open_browser) -> None:
    driver = open_browser()
    driver.get("data:text/html,<title>off</title><script>document.title='on'</script>")
    assert driver.title == "off"


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_witness_submits_and_comes_back_without_javascript(
    live_url: str, open_browser, tmp_path: Path, lang: str
) -> None:
    driver = open_browser()
    text, received = TESTIMONIES[lang]
    driver.get(f"{live_url}/{lang}/")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    browser.screenshot(driver, f"witness-{lang}-1-form")

    driver.find_element(By.ID, "text").send_keys(text)
    Select(driver.find_element(By.ID, "language")).select_by_value(lang)
    click_and_wait(driver)  # to the preview; files are chosen on its confirming form
    photo = tmp_path / "IMG_20240301_134500.jpg"
    photo.write_bytes(media.jpeg_with_gps())
    driver.find_element(By.ID, "attachments").send_keys(str(photo))
    click_and_wait(driver, "#confirm-send")

    words = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#receipt-code li")]
    assert len(words) == WORDS
    browser.screenshot(driver, f"witness-{lang}-2-receipt")

    driver.get(f"{live_url}/{lang}/receipt")
    driver.find_element(By.ID, "receipt").send_keys(" ".join(words))
    click_and_wait(driver)
    assert received in driver.find_element(By.CSS_SELECTOR, "dl.facts").text
    browser.screenshot(driver, f"witness-{lang}-3-status")

    driver.find_element(By.ID, "text").send_keys("+")
    click_and_wait(driver, "form[action$='/followup'] button")
    assert FOLLOWUP_SAVED[lang] in driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    browser.screenshot(driver, f"witness-{lang}-4-followup")

    assert driver.get_cookies() == []
    assert not any(word in driver.current_url for word in words)


def test_witness_form_fits_320_pixels(live_url: str, open_browser) -> None:
    driver = open_browser()
    browser.emulate_width(driver, 320)
    driver.get(f"{live_url}/ru/")
    assert browser.content_width(driver) <= 320
    assert driver.find_element(By.ID, "text").size["width"] <= 300
    browser.screenshot(driver, "witness-ru-320px")


def test_editor_logs_in_reviews_marks_a_missed_name_and_approves(
    app: FastAPI, live_url: str, open_browser, make_account, submit
) -> None:
    testimony = submit("Майор Сергей Волков приказал, а бородач отбирал телефоны. Бородач ушёл.")
    creds = make_account("editor")
    driver = open_browser()

    driver.get(f"{live_url}/desk/")
    assert driver.current_url.endswith("/desk/login")
    driver.find_element(By.ID, "username").send_keys(creds.username)
    driver.find_element(By.ID, "password").send_keys(creds.password)
    driver.find_element(By.ID, "totp").send_keys(creds.totp())
    click_and_wait(driver)
    assert driver.current_url.endswith("/desk/")
    (cookie,) = driver.get_cookies()
    assert (cookie["httpOnly"], cookie["secure"], cookie["sameSite"], cookie["path"]) == (
        True,
        True,
        "Strict",
        "/desk",
    )
    browser.screenshot(driver, "desk-1-queue")

    click_and_wait(driver, f'a[href="/desk/t/{testimony.testimony_id}"]')
    text = driver.find_element(By.CSS_SELECTOR, ".testimony-text")
    assert "бородач" in text.text
    browser.screenshot(driver, "desk-2-review")

    driver.find_element(By.ID, "surface").send_keys("бородач")
    Select(driver.find_element(By.ID, "label")).select_by_value("PERSON")
    click_and_wait(driver, "form[action$='/missed'] button")
    assert "pseudonymised everywhere" in driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    text = driver.find_element(By.CSS_SELECTOR, ".testimony-text")
    assert "бородач" not in text.text
    marks = text.find_elements(By.TAG_NAME, "mark")
    assert any(m.get_attribute("title").startswith("PERSON → ") for m in marks)

    Select(driver.find_element(By.ID, "status")).select_by_value("approved")
    click_and_wait(driver, "form[action$='/status'] button")
    assert "approved" in driver.find_element(By.CSS_SELECTOR, "dl.facts").text
    browser.screenshot(driver, "desk-3-approved")
