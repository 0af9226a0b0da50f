"""The editors' desk in real headless Chromium, JavaScript off, driven by the keyboard alone:
Tab, Shift+Tab, Enter, Space, arrows and typing; never a click. Each step leaves a screenshot
under test-artifacts/screenshots/desk/ (the committed set is docs/screenshots/desk/)."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from PIL import Image
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement

from intake.services.exports import CLOSE, NOTICE, OPEN
from tests.web import engines
from tests.web.test_desk_queue_review import set_times

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("engine", engines.params("chromium"))]
SHOTS = engines.SCREENSHOTS / "desk"
MAX_TABS = 80


@pytest.fixture
def page(open_browser, engine: str) -> engines.Browser:
    return open_browser(engine)


def shot(page: engines.Browser, name: str) -> None:
    """A small PNG of the viewport: 64 colours are plenty for text pages."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    image = Image.open(io.BytesIO(page.driver.get_screenshot_as_png())).convert("RGB")
    image.quantize(colors=64).save(SHOTS / f"{name}.png", optimize=True)


def active(page: engines.Browser) -> WebElement:
    return page.driver.switch_to.active_element


def press(page: engines.Browser, *keys: str) -> None:
    """Key presses to whatever has the focus, as a keyboard would send them."""
    ActionChains(page.driver).send_keys(*keys).perform()


def tab_to(
    page: engines.Browser, matches: Callable[[WebElement], bool], *, back: bool = False
) -> None:
    """Tab (or Shift+Tab) until the focused element matches; fails if it is never reached."""
    for _ in range(MAX_TABS):
        if back:
            ActionChains(page.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(
                Keys.SHIFT
            ).perform()
        else:
            press(page, Keys.TAB)
        if matches(active(page)):
            return
    raise AssertionError("the control was not reachable with Tab")


def by_id(element_id: str) -> Callable[[WebElement], bool]:
    return lambda el: el.get_attribute("id") == element_id


def by_text(text: str) -> Callable[[WebElement], bool]:
    return lambda el: el.text.strip() == text


def enter_and_wait(page: engines.Browser, key: str = Keys.ENTER) -> None:
    """Press Enter (or Space) on the focused control and wait for the next page."""
    page.navigate_by(lambda: press(page, key))


def log_in(page: engines.Browser, live_url: str, creds) -> None:
    page.open(f"{live_url}/desk/")
    tab_to(page, by_id("username"))
    press(page, creds.username, Keys.TAB, creds.password, Keys.TAB, creds.totp())
    enter_and_wait(page)
    assert page.url() == f"{live_url}/desk/"


def open_review(page: engines.Browser, live_url: str, testimony_id: str) -> None:
    """From the queue, Tab to the testimony's preview link and follow it."""
    page.open(f"{live_url}/desk/")
    tab_to(page, lambda el: (el.get_attribute("href") or "").endswith(f"/t/{testimony_id}"))
    enter_and_wait(page)


def text_of(page: engines.Browser) -> str:
    return page.find(".testimony-text").text


def test_queue_sort_and_status_counts_by_keyboard(
    app: FastAPI, live_url: str, page: engines.Browser, make_account, submit
) -> None:
    first = submit("Свидетельство первое. Майор Сергей Волков забрал паспорт.")
    second = submit("Свидетельство второе. Меня вызвали в военкомат.")
    morning = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    set_times(app, {first.testimony_id: morning, second.testimony_id: morning + timedelta(hours=3)})
    log_in(page, live_url, make_account("editor"))
    rows = page.find_all("table.queue tbody tr")
    assert [r.find_element(By.CSS_SELECTOR, "td.preview a").text for r in rows] == [
        "Свидетельство второе. Меня вызвали в военкомат.",
        rows[1].find_element(By.CSS_SELECTOR, "td.preview a").text,
    ]
    assert "Волков" not in page.find("main").text
    assert rows[0].find_element(By.TAG_NAME, "time").text.count(":") == 1  # a time, not a day
    shot(page, "01-queue")

    tab_to(page, by_id("f-sort"))
    press(page, Keys.ARROW_DOWN)  # "oldest first"
    tab_to(page, by_text("Filter"))
    enter_and_wait(page)
    assert "sort=oldest" in page.url()
    links = page.find_all("td.preview a")
    assert [a.get_attribute("href").rsplit("/", 1)[1] for a in links] == [
        first.testimony_id,
        second.testimony_id,
    ]
    tab_to(page, lambda el: "in review" in el.text and el.tag_name == "a")
    enter_and_wait(page)
    assert page.url() == f"{live_url}/desk/?status=in_review&sort=oldest"
    assert "0 testimonies" in page.find("main").text


def test_mark_words_from_the_text_by_keyboard(
    live_url: str, page: engines.Browser, make_account, submit
) -> None:
    testimony = submit("Старший там был рыжий бородач, он отбирал телефоны.")
    log_in(page, live_url, make_account("editor"))
    open_review(page, live_url, testimony.testimony_id)
    shot(page, "02-review")
    tab_to(page, by_id("mark-mode"))
    enter_and_wait(page)
    assert page.url().endswith("?mark=1#pick")
    for word in ("рыжий", "бородач"):
        tab_to(
            page,
            lambda el, w=word: (
                el.get_attribute("type") == "checkbox" and el.find_element(By.XPATH, "..").text == w
            ),
        )
        press(page, Keys.SPACE)
        assert active(page).is_selected()
    shot(page, "03-mark-mode")
    tab_to(page, by_id("pick-label"))  # "person" is the first label
    tab_to(page, by_text("Pseudonymise the picked words"))
    enter_and_wait(page)
    assert page.url().endswith("done=picked&mark=1#pick")
    assert "picked words were pseudonymised" in page.find("#pick").text
    assert "бородач" not in text_of(page) and "рыжий" not in text_of(page)
    assert "телефоны" in text_of(page)


def test_other_label_typo_candidates_and_focus_by_keyboard(
    live_url: str, page: engines.Browser, make_account, submit
) -> None:
    testimony = submit("Мій сусід казав, що він християнин, і його забрали.", lang="uk")
    log_in(page, live_url, make_account("editor"))
    open_review(page, live_url, testimony.testimony_id)
    tab_to(page, by_id("surface"))
    press(page, "хрістиянин")  # a typo: і for и
    tab_to(page, by_id("label"))
    press(page, "other")  # type-ahead selects "other identifying detail"
    tab_to(page, by_text("Pseudonymise it"))
    enter_and_wait(page)
    # Refused: the input is still in the field, which has the focus, and candidates are offered.
    assert active(page).get_attribute("id") == "surface"
    assert active(page).get_attribute("value") == "хрістиянин"
    assert "does not occur" in page.find("#missed-error").text
    shot(page, "04-typo-candidates")
    tab_to(page, by_text("Pseudonymise “християнин”"))
    enter_and_wait(page)
    assert page.url().endswith("?done=missed#surface")
    assert active(page).get_attribute("id") == "surface"  # back where the editor acted
    assert "він [OTHER 1]OTHER, і" in text_of(page)
    assert "ТОВ" not in text_of(page)


def test_note_focus_and_next_in_queue_by_keyboard(
    app: FastAPI, live_url: str, page: engines.Browser, make_account, submit
) -> None:
    older = submit("Свидетельство раньше.")
    newer = submit("Свидетельство позже.")
    morning = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    set_times(app, {older.testimony_id: morning, newer.testimony_id: morning + timedelta(hours=3)})
    log_in(page, live_url, make_account("editor"))
    open_review(page, live_url, newer.testimony_id)
    link = page.find("#next-in-queue")
    assert link.get_attribute("accesskey") == "n"  # needs Alt(+Shift): never fires while typing
    tab_to(page, by_id("body"))
    press(page, "Checked the dates.")
    tab_to(page, by_text("Add note"))
    enter_and_wait(page)
    assert page.url().endswith("?done=note#body")
    assert active(page).get_attribute("id") == "body"
    assert "Checked the dates." in page.find("#notes").text
    tab_to(page, by_id("next-in-queue"), back=True)
    enter_and_wait(page)
    assert page.url() == f"{live_url}/desk/t/{older.testimony_id}"


def test_reply_preview_send_and_the_witness_reads_it_by_keyboard(
    live_url: str, page: engines.Browser, make_account, submit, tmp_path: Path
) -> None:
    testimony = submit("Меня допрашивал майор Сергей Волков в Рыльске.")
    log_in(page, live_url, make_account("editor"))
    open_review(page, live_url, testimony.testimony_id)
    tab_to(page, by_id("reply-body"))
    press(page, "Спасибо. В какой день это было?")
    tab_to(page, by_text("Preview"))
    enter_and_wait(page)
    preview = page.find("#reply-preview").text
    assert "Ответы редакции" in preview and "В какой день это было?" in preview
    assert active(page).get_attribute("id") == "reply-body"
    shot(page, "05-reply-preview")
    tab_to(page, by_text("Seal and send"))
    enter_and_wait(page)
    assert page.url().endswith("?done=reply#reply-body")
    section = page.find("#reply").text
    assert "Reply sealed and sent" in section and "Reply 1 sent by" in section
    assert "В какой день" not in page.find("main").text
    shot(page, "06-reply-sent")

    page.open(f"{live_url}/ru/receipt")
    tab_to(page, by_id("receipt"))
    press(page, testimony.receipt)
    enter_and_wait(page)
    replies = page.find("#replies").text
    assert "Спасибо. В какой день это было?" in replies
    shot(page, "07-witness-reads-reply")
    tab_to(page, by_id("text"))
    press(page, "Это было в среду.")
    tab_to(page, lambda el: el.tag_name == "button")
    enter_and_wait(page)
    assert "Спасибо. В какой день это было?" in page.find("#replies").text
    assert page.cookies() == []

    page.open(f"{live_url}/desk/")  # back on the desk: the queue flags the answer
    row = page.find("table.queue tbody tr").text
    assert "1 follow-up" in row and "1 sent, answered" in row
    shot(page, "08-queue-flags")


def test_exports_by_keyboard_carry_the_notice_and_marks(
    live_url: str, page: engines.Browser, make_account, submit, tmp_path: Path
) -> None:
    testimony = submit("Майор Сергей Волков увёз нас в Рыльск.")
    log_in(page, live_url, make_account("editor"))
    open_review(page, live_url, testimony.testimony_id)
    tab_to(page, by_id("status"))
    press(page, "approved")
    tab_to(page, by_text("Change status"))
    enter_and_wait(page)
    assert active(page).get_attribute("id") == "status"
    downloads = tmp_path / "downloads"
    page.driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    for label, suffix in (
        ("Export approved (Markdown)", ".md"),
        ("Export approved (JSON)", ".json"),
    ):
        tab_to(page, by_text(label), back=True)
        press(page, Keys.ENTER)
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
