"""The editors' desk in real headless Chromium, JavaScript off, driven by the keyboard alone:
Tab, Shift+Tab, Enter, Space, arrows and typing; never a click. Each step leaves a screenshot
under test-artifacts/screenshots/desk/ (the committed set is docs/screenshots/desk/)."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from PIL import Image
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from intake.services.exports import CLOSE, NOTICE, OPEN
from tests.web import browser
from tests.web.test_browser import is_detached
from tests.web.test_desk_queue_review import set_times

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser.available(), reason="needs /usr/bin/chromium and chromedriver"),
]
SHOTS = browser.SCREENSHOTS / "desk"
MAX_TABS = 80


@pytest.fixture
def live_url(app: FastAPI) -> Iterator[str]:
    yield from browser.serve(app)


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[WebDriver]:
    chromium = browser.chromium(tmp_path / "profile")
    yield chromium
    chromium.quit()


def shot(driver: WebDriver, name: str) -> None:
    """A small PNG of the viewport: 64 colours are plenty for text pages."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    image = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    image.quantize(colors=64).save(SHOTS / f"{name}.png", optimize=True)


def active(driver: WebDriver) -> WebElement:
    return driver.switch_to.active_element


def press(driver: WebDriver, *keys: str) -> None:
    """Key presses to whatever has the focus, as a keyboard would send them."""
    ActionChains(driver).send_keys(*keys).perform()


def tab_to(driver: WebDriver, matches: Callable[[WebElement], bool], *, back: bool = False) -> None:
    """Tab (or Shift+Tab) until the focused element matches; fails if it is never reached."""
    for _ in range(MAX_TABS):
        if back:
            ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(
                Keys.SHIFT
            ).perform()
        else:
            press(driver, Keys.TAB)
        if matches(active(driver)):
            return
    raise AssertionError("the control was not reachable with Tab")


def by_id(element_id: str) -> Callable[[WebElement], bool]:
    return lambda el: el.get_attribute("id") == element_id


def by_text(text: str) -> Callable[[WebElement], bool]:
    return lambda el: el.text.strip() == text


def enter_and_wait(driver: WebDriver, key: str = Keys.ENTER) -> None:
    """Press Enter (or Space) on the focused control and wait for the next page."""
    page = driver.find_element(By.TAG_NAME, "html")
    press(driver, key)
    WebDriverWait(driver, 60).until(lambda _: is_detached(page))
    WebDriverWait(driver, 60).until(
        lambda d: (
            d.execute_cdp_cmd("Runtime.evaluate", {"expression": "document.readyState"})["result"][
                "value"
            ]
            == "complete"
        )
    )


def log_in(driver: WebDriver, live_url: str, creds) -> None:
    driver.get(f"{live_url}/desk/")
    tab_to(driver, by_id("username"))
    press(driver, creds.username, Keys.TAB, creds.password, Keys.TAB, creds.totp())
    enter_and_wait(driver)
    assert driver.current_url == f"{live_url}/desk/"


def open_review(driver: WebDriver, live_url: str, testimony_id: str) -> None:
    """From the queue, Tab to the testimony's preview link and follow it."""
    driver.get(f"{live_url}/desk/")
    tab_to(driver, lambda el: (el.get_attribute("href") or "").endswith(f"/t/{testimony_id}"))
    enter_and_wait(driver)


def text_of(driver: WebDriver) -> str:
    return driver.find_element(By.CSS_SELECTOR, ".testimony-text").text


def test_queue_sort_and_status_counts_by_keyboard(
    app: FastAPI, live_url: str, driver: WebDriver, make_account, submit
) -> None:
    first = submit("Свидетельство первое. Майор Сергей Волков забрал паспорт.")
    second = submit("Свидетельство второе. Меня вызвали в военкомат.")
    morning = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    set_times(app, {first.testimony_id: morning, second.testimony_id: morning + timedelta(hours=3)})
    log_in(driver, live_url, make_account("editor"))
    rows = driver.find_elements(By.CSS_SELECTOR, "table.queue tbody tr")
    assert [r.find_element(By.CSS_SELECTOR, "td.preview a").text for r in rows] == [
        "Свидетельство второе. Меня вызвали в военкомат.",
        rows[1].find_element(By.CSS_SELECTOR, "td.preview a").text,
    ]
    assert "Волков" not in driver.find_element(By.TAG_NAME, "main").text
    assert rows[0].find_element(By.TAG_NAME, "time").text.count(":") == 1  # a time, not a day
    shot(driver, "01-queue")

    tab_to(driver, by_id("f-sort"))
    press(driver, Keys.ARROW_DOWN)  # "oldest first"
    tab_to(driver, by_text("Filter"))
    enter_and_wait(driver)
    assert "sort=oldest" in driver.current_url
    links = driver.find_elements(By.CSS_SELECTOR, "td.preview a")
    assert [a.get_attribute("href").rsplit("/", 1)[1] for a in links] == [
        first.testimony_id,
        second.testimony_id,
    ]
    tab_to(driver, lambda el: "in review" in el.text and el.tag_name == "a")
    enter_and_wait(driver)
    assert driver.current_url == f"{live_url}/desk/?status=in_review&sort=oldest"
    assert "0 testimonies" in driver.find_element(By.TAG_NAME, "main").text


def test_mark_words_from_the_text_by_keyboard(
    live_url: str, driver: WebDriver, make_account, submit
) -> None:
    testimony = submit("Старший там был рыжий бородач, он отбирал телефоны.")
    log_in(driver, live_url, make_account("editor"))
    open_review(driver, live_url, testimony.testimony_id)
    shot(driver, "02-review")
    tab_to(driver, by_id("mark-mode"))
    enter_and_wait(driver)
    assert driver.current_url.endswith("?mark=1#pick")
    for word in ("рыжий", "бородач"):
        tab_to(
            driver,
            lambda el, w=word: (
                el.get_attribute("type") == "checkbox" and el.find_element(By.XPATH, "..").text == w
            ),
        )
        press(driver, Keys.SPACE)
        assert active(driver).is_selected()
    shot(driver, "03-mark-mode")
    tab_to(driver, by_id("pick-label"))  # "person" is the first label
    tab_to(driver, by_text("Pseudonymise the picked words"))
    enter_and_wait(driver)
    assert driver.current_url.endswith("done=picked&mark=1#pick")
    assert "picked words were pseudonymised" in driver.find_element(By.ID, "pick").text
    assert "бородач" not in text_of(driver) and "рыжий" not in text_of(driver)
    assert "телефоны" in text_of(driver)


def test_other_label_typo_candidates_and_focus_by_keyboard(
    live_url: str, driver: WebDriver, make_account, submit
) -> None:
    testimony = submit("Мій сусід казав, що він християнин, і його забрали.", lang="uk")
    log_in(driver, live_url, make_account("editor"))
    open_review(driver, live_url, testimony.testimony_id)
    tab_to(driver, by_id("surface"))
    press(driver, "хрістиянин")  # a typo: і for и
    tab_to(driver, by_id("label"))
    press(driver, "other")  # type-ahead selects "other identifying detail"
    tab_to(driver, by_text("Pseudonymise it"))
    enter_and_wait(driver)
    # Refused: the input is still in the field, which has the focus, and candidates are offered.
    assert active(driver).get_attribute("id") == "surface"
    assert active(driver).get_attribute("value") == "хрістиянин"
    assert "does not occur" in driver.find_element(By.ID, "missed-error").text
    shot(driver, "04-typo-candidates")
    tab_to(driver, by_text("Pseudonymise “християнин”"))
    enter_and_wait(driver)
    assert driver.current_url.endswith("?done=missed#surface")
    assert active(driver).get_attribute("id") == "surface"  # back where the editor acted
    assert "він [OTHER 1]OTHER, і" in text_of(driver)
    assert "ТОВ" not in text_of(driver)


def test_note_focus_and_next_in_queue_by_keyboard(
    app: FastAPI, live_url: str, driver: WebDriver, make_account, submit
) -> None:
    older = submit("Свидетельство раньше.")
    newer = submit("Свидетельство позже.")
    morning = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    set_times(app, {older.testimony_id: morning, newer.testimony_id: morning + timedelta(hours=3)})
    log_in(driver, live_url, make_account("editor"))
    open_review(driver, live_url, newer.testimony_id)
    link = driver.find_element(By.ID, "next-in-queue")
    assert link.get_attribute("accesskey") == "n"  # needs Alt(+Shift): never fires while typing
    tab_to(driver, by_id("body"))
    press(driver, "Checked the dates.")
    tab_to(driver, by_text("Add note"))
    enter_and_wait(driver)
    assert driver.current_url.endswith("?done=note#body")
    assert active(driver).get_attribute("id") == "body"
    assert "Checked the dates." in driver.find_element(By.ID, "notes").text
    tab_to(driver, by_id("next-in-queue"), back=True)
    enter_and_wait(driver)
    assert driver.current_url == f"{live_url}/desk/t/{older.testimony_id}"


def test_reply_preview_send_and_the_witness_reads_it_by_keyboard(
    live_url: str, driver: WebDriver, make_account, submit, tmp_path: Path
) -> None:
    testimony = submit("Меня допрашивал майор Сергей Волков в Рыльске.")
    log_in(driver, live_url, make_account("editor"))
    open_review(driver, live_url, testimony.testimony_id)
    tab_to(driver, by_id("reply-body"))
    press(driver, "Спасибо. В какой день это было?")
    tab_to(driver, by_text("Preview"))
    enter_and_wait(driver)
    preview = driver.find_element(By.ID, "reply-preview").text
    assert "Ответы редакции" in preview and "В какой день это было?" in preview
    assert active(driver).get_attribute("id") == "reply-body"
    shot(driver, "05-reply-preview")
    tab_to(driver, by_text("Seal and send"))
    enter_and_wait(driver)
    assert driver.current_url.endswith("?done=reply#reply-body")
    section = driver.find_element(By.ID, "reply").text
    assert "Reply sealed and sent" in section and "Reply 1 sent by" in section
    assert "В какой день" not in driver.find_element(By.TAG_NAME, "main").text
    shot(driver, "06-reply-sent")

    driver.get(f"{live_url}/ru/receipt")
    tab_to(driver, by_id("receipt"))
    press(driver, testimony.receipt)
    enter_and_wait(driver)
    replies = driver.find_element(By.ID, "replies").text
    assert "Спасибо. В какой день это было?" in replies
    shot(driver, "07-witness-reads-reply")
    tab_to(driver, by_id("text"))
    press(driver, "Это было в среду.")
    tab_to(driver, lambda el: el.tag_name == "button")
    enter_and_wait(driver)
    assert "Спасибо. В какой день это было?" in driver.find_element(By.ID, "replies").text
    assert driver.get_cookies() == []

    driver.get(f"{live_url}/desk/")  # back on the desk: the queue flags the answer
    row = driver.find_element(By.CSS_SELECTOR, "table.queue tbody tr").text
    assert "1 follow-up" in row and "1 sent, answered" in row
    shot(driver, "08-queue-flags")


def test_exports_by_keyboard_carry_the_notice_and_marks(
    live_url: str, driver: WebDriver, make_account, submit, tmp_path: Path
) -> None:
    testimony = submit("Майор Сергей Волков увёз нас в Рыльск.")
    log_in(driver, live_url, make_account("editor"))
    open_review(driver, live_url, testimony.testimony_id)
    tab_to(driver, by_id("status"))
    press(driver, "approved")
    tab_to(driver, by_text("Change status"))
    enter_and_wait(driver)
    assert active(driver).get_attribute("id") == "status"
    downloads = tmp_path / "downloads"
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    for label, suffix in (
        ("Export approved (Markdown)", ".md"),
        ("Export approved (JSON)", ".json"),
    ):
        tab_to(driver, by_text(label), back=True)
        press(driver, Keys.ENTER)
        deadline = time.monotonic() + 30
        while not list(downloads.glob(f"*{suffix}")) and time.monotonic() < deadline:
            time.sleep(0.2)
        (path,) = downloads.glob(f"*{suffix}")
        body = path.read_text(encoding="utf-8")
        if suffix == ".md":
            assert NOTICE in body and f"{OPEN}" in body and f"{CLOSE}" in body
            assert "Волков" not in body
        else:
            assert json.loads(body)["notice"] == NOTICE
