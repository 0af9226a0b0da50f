"""The one browser layer of the test suite: a live server for the app, and one small driver
interface over headless Chromium (Selenium + chromedriver) and Firefox ESR (Marionette), so
the same witness tests run in both engines with JavaScript off.

Firefox is driven through ``marionette-driver`` speaking Marionette to ``firefox-esr
--marionette --headless`` directly: geckodriver is not packaged in Debian and nothing may be
downloaded. Nothing here runs script in the page; waiting and measuring use the drivers' own
commands (DevTools for Chromium, driver-side scripts for Firefox).
"""

from __future__ import annotations

import base64
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FIREFOX = shutil.which("firefox-esr")
ENGINES = ("chromium", "firefox")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1100,900",
)
FIREFOX_PREFS = {
    "javascript.enabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.aboutwelcome.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "extensions.update.enabled": False,
    "app.normandy.enabled": False,
}
FIREFOX_MIN_WIDTH = 500  # headless Firefox will not make its window narrower
TAP_GAP = 0.3  # seconds between the two presses of a double tap
SUBMIT = "main form button[type=submit]"


def available(engine: str) -> bool:
    if engine == "chromium":
        return CHROMIUM.exists() and CHROMEDRIVER.exists()
    if FIREFOX is None:
        return False
    try:
        import marionette_driver  # noqa: F401
    except ImportError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(app: FastAPI) -> Iterator[str]:
    """Run ``app`` on 127.0.0.1 in a thread; yields its base URL (``localhost`` is a secure
    context for both engines, so Secure cookies work over plain HTTP)."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="off"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://localhost:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class Browser:
    """What the tests need from a browser; ``css`` selectors everywhere. ``driver`` is the
    engine's own driver, for the few engine-specific steps (keyboard, downloads)."""

    engine = ""
    driver: Any

    def open(self, url: str) -> None:
        raise NotImplementedError

    def find(self, css: str) -> Any:
        return self.driver.find_element("css selector", css)

    def find_all(self, css: str) -> list[Any]:
        return self.driver.find_elements("css selector", css)

    @property
    def title(self) -> str:
        return self.driver.title

    def url(self) -> str:
        raise NotImplementedError

    def cookies(self) -> list[dict]:
        return self.driver.get_cookies()

    def choose(self, select_css: str, value: str) -> None:
        self.find(f'{select_css} option[value="{value}"]').click()

    def submit(self, css: str = SUBMIT) -> None:
        """Click and wait until the next page has replaced this one."""
        self.navigate_by(lambda: self.find(css).click())

    def navigate_by(self, action: Callable[[], None], timeout: float = 60) -> None:
        """Do ``action`` (a click, a key press) and wait for the page it leads to: a slow POST
        can outlast the drivers' own waits."""
        raise NotImplementedError

    def double_tap(self, css: str = SUBMIT) -> None:
        """Two presses ``TAP_GAP`` apart, as an impatient finger on a slow connection (the
        test keeps the server busy with the first for longer than that)."""
        raise NotImplementedError

    def resend(self) -> None:
        """Reload a page that answered a form, accepting the browser's "send again?"."""
        raise NotImplementedError

    def viewport(self, width: int, height: int) -> tuple[int, int]:
        """Set the layout viewport; returns the one actually in force."""
        raise NotImplementedError

    def content_width(self) -> float:
        """How wide the laid-out page is: wider than the viewport means sideways scrolling."""
        raise NotImplementedError

    def screenshot(self, name: str) -> Path:
        """Full page PNG under test-artifacts/screenshots/<engine>-<name>.png."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.engine}-{name}.png"
        path.write_bytes(self._png())
        return path

    def quit(self) -> None:
        raise NotImplementedError

    def _png(self) -> bytes:
        raise NotImplementedError


class Chromium(Browser):
    engine = "chromium"

    def __init__(self, profile_dir: Path) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for argument in (*CHROMIUM_ARGS, f"--user-data-dir={profile_dir}"):
            options.add_argument(argument)
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
        self.driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)

    def open(self, url: str) -> None:
        self.driver.get(url)

    def url(self) -> str:
        return self.driver.current_url

    def _cdp(self, command: str, params: dict[str, Any]) -> dict[str, Any]:
        return self.driver.execute_cdp_cmd(command, params)

    def _ready(self) -> str:
        expression = {"expression": "document.readyState"}
        return self._cdp("Runtime.evaluate", expression)["result"]["value"]

    def _mark_document(self) -> None:
        """Tag the current document through DevTools, to tell it from the next one."""
        root = self._cdp("DOM.getDocument", {})["root"]["nodeId"]
        html = self._cdp("DOM.querySelector", {"nodeId": root, "selector": "html"})
        self._cdp(
            "DOM.setAttributeValue", {"nodeId": html["nodeId"], "name": "data-left", "value": "1"}
        )

    def _wait_new_document(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                fresh = self.find("html").get_attribute("data-left") is None
                if fresh and self._ready() == "complete":
                    return
            except Exception:  # between documents
                pass
            time.sleep(0.05)
        raise TimeoutError("the page was not replaced")

    def navigate_by(self, action: Callable[[], None], timeout: float = 60) -> None:
        self._mark_document()
        action()
        self._wait_new_document(timeout)

    def double_tap(self, css: str = SUBMIT) -> None:
        """Two taps through DevTools input events: chromedriver's own clicks wait for the
        navigation the first one starts, which no finger does."""
        self.navigate_by(lambda: self._tap_twice(css))

    def _tap_twice(self, css: str) -> None:
        root = self._cdp("DOM.getDocument", {})["root"]["nodeId"]
        button = self._cdp("DOM.querySelector", {"nodeId": root, "selector": css})["nodeId"]
        self._cdp("DOM.scrollIntoViewIfNeeded", {"nodeId": button})
        quad = self._cdp("DOM.getBoxModel", {"nodeId": button})["model"]["content"]
        x, y = sum(quad[0::2]) / 4, sum(quad[1::2]) / 4  # viewport coordinates
        for tap in range(2):
            if tap:
                time.sleep(TAP_GAP)
            for kind in ("mousePressed", "mouseReleased"):
                self._cdp(
                    "Input.dispatchMouseEvent",
                    {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
                )

    def resend(self) -> None:
        self.navigate_by(lambda: self._cdp("Page.reload", {"ignoreCache": False}))

    def viewport(self, width: int, height: int) -> tuple[int, int]:
        """Phone-sized viewport through DevTools (works with JavaScript off)."""
        self._cdp(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
        )
        return width, height

    def content_width(self) -> float:
        return self._cdp("Page.getLayoutMetrics", {})["cssContentSize"]["width"]

    def _png(self) -> bytes:
        """Through DevTools, beyond the viewport (no page script needed)."""
        size = self._cdp("Page.getLayoutMetrics", {})["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        shot = self._cdp(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "clip": clip},
        )
        return base64.b64decode(shot["data"])

    def quit(self) -> None:
        self.driver.quit()


class Firefox(Browser):
    engine = "firefox"

    def __init__(self, profile_dir: Path) -> None:
        from marionette_driver.marionette import Marionette

        profile_dir.mkdir(parents=True, exist_ok=True)
        port = _free_port()
        prefs = {**FIREFOX_PREFS, "marionette.port": port}
        (profile_dir / "user.js").write_text(
            "".join(f'user_pref("{k}", {_pref(v)});\n' for k, v in prefs.items())
        )
        self.process = subprocess.Popen(
            [FIREFOX, "--marionette", "--headless", "--no-remote", "--profile", str(profile_dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            self.driver = Marionette(host="127.0.0.1", port=port, startup_timeout=60)
            self.driver.start_session({"unhandledPromptBehavior": "ignore"})
        except Exception:
            self.process.kill()
            self.process.wait()
            raise

    def open(self, url: str) -> None:
        self.driver.navigate(url)

    def url(self) -> str:
        return self.driver.get_url()

    def navigate_by(self, action: Callable[[], None], timeout: float = 60) -> None:
        page = self.find("html")
        action()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                page.get_attribute("lang")
            except Exception:  # stale: the old page is gone
                self._wait_loaded(deadline)
                return
            time.sleep(0.05)
        raise TimeoutError("the page was not replaced")

    def _wait_loaded(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            try:
                self.driver.find_element("css selector", "html")
                return
            except Exception:
                time.sleep(0.05)

    def double_tap(self, css: str = SUBMIT) -> None:
        self.navigate_by(lambda: self._tap_twice(css))

    def _tap_twice(self, css: str) -> None:
        button = self.find(css)
        # A driver-side script (the page's own stay off) brings the button into view.
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center'})", script_args=[button]
        )
        taps = self.driver.actions.sequence("pointer", "finger", {"pointerType": "mouse"})
        taps.pointer_move(0, 0, origin=button).pointer_down().pointer_up()
        taps.pause(int(TAP_GAP * 1000)).pointer_down().pointer_up().perform()

    def resend(self) -> None:
        from marionette_driver.marionette import Alert

        def reload_and_confirm() -> None:
            self.driver._send_message("WebDriver:Refresh")  # returns once the prompt is up
            Alert(self.driver).accept()

        self.navigate_by(reload_and_confirm)

    def viewport(self, width: int, height: int) -> tuple[int, int]:
        """The window is sized so its content area is ``height`` tall (a driver-side script
        reads the inner size; the page's own scripts stay off)."""
        size = "return [window.innerWidth, window.innerHeight]"
        self.driver.set_window_rect(width=max(width, FIREFOX_MIN_WIDTH), height=height)
        inner_width, inner_height = self.driver.execute_script(size)
        self.driver.set_window_rect(
            width=max(width, FIREFOX_MIN_WIDTH), height=2 * height - inner_height
        )
        inner_width, inner_height = self.driver.execute_script(size)
        return inner_width, inner_height

    def content_width(self) -> float:
        return self.driver.execute_script("return document.documentElement.scrollWidth")

    def _png(self) -> bytes:
        return self.driver.screenshot(format="binary", full=True)

    def quit(self) -> None:
        try:
            self.driver.delete_session()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _pref(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return f'"{value}"'


def start(engine: str, profile_dir: Path) -> Browser:
    return Chromium(profile_dir) if engine == "chromium" else Firefox(profile_dir)


def params(*engines: str) -> list[Any]:
    """``engine`` parameters for ``pytest.mark.parametrize``, each skipped when not installed."""
    import pytest

    return [
        pytest.param(name, marks=pytest.mark.skipif(not available(name), reason=f"needs {name}"))
        for name in engines or ENGINES
    ]
