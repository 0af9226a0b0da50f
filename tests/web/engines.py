"""One small driver interface over headless Chromium (Selenium) and Firefox ESR (Marionette),
so the same witness tests run in both engines with JavaScript off.

Firefox is driven through ``marionette-driver`` speaking Marionette to ``firefox-esr
--marionette --headless`` directly: geckodriver is not packaged in Debian and nothing may be
downloaded. Nothing here runs script in the page; waiting and measuring use the drivers' own
commands (DevTools for Chromium, Marionette for Firefox).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

from tests.web import browser

FIREFOX = shutil.which("firefox-esr")
ENGINES = ("chromium", "firefox")
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


def available(engine: str) -> bool:
    if engine == "chromium":
        return browser.available()
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


class Browser:
    """What the tests need from a browser; ``css`` selectors everywhere."""

    engine = ""

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

    def submit(self, css: str = "main form button[type=submit]") -> None:
        """Click and wait until the next page has replaced this one."""
        page = self.find("html")
        self.find(css).click()
        self._wait_replaced(page)

    def double_tap(self, css: str = "main form button[type=submit]") -> None:
        """Two presses ``TAP_GAP`` apart, as an impatient finger on a slow connection (the
        test keeps the server busy with the first for longer than that)."""
        raise NotImplementedError

    def resend(self) -> None:
        """Reload a page that answered a form, accepting the browser's "send again?"."""
        raise NotImplementedError

    def viewport(self, width: int, height: int) -> tuple[int, int]:
        """Set the layout viewport; returns the one actually in force."""
        raise NotImplementedError

    def screenshot(self, name: str) -> Path:
        raise NotImplementedError

    def quit(self) -> None:
        raise NotImplementedError

    def _wait_replaced(self, page: Any, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                page.get_attribute("lang")
            except Exception:  # stale: both drivers' own "element is gone" errors
                self._wait_loaded(deadline)
                return
            time.sleep(0.05)
        raise TimeoutError("the page was not replaced")

    def _wait_loaded(self, deadline: float) -> None:
        return None


class Chromium(Browser):
    engine = "chromium"

    def __init__(self, profile_dir: Path) -> None:
        self.driver = browser.chromium(profile_dir)

    def open(self, url: str) -> None:
        self.driver.get(url)

    def url(self) -> str:
        return self.driver.current_url

    def _ready(self) -> str:
        expression = {"expression": "document.readyState"}
        return self.driver.execute_cdp_cmd("Runtime.evaluate", expression)["result"]["value"]

    def _mark_document(self) -> None:
        """Tag the current document through DevTools, to tell it from the next one."""
        root = self.driver.execute_cdp_cmd("DOM.getDocument", {})["root"]["nodeId"]
        html = self.driver.execute_cdp_cmd(
            "DOM.querySelector", {"nodeId": root, "selector": "html"}
        )
        self.driver.execute_cdp_cmd(
            "DOM.setAttributeValue", {"nodeId": html["nodeId"], "name": "data-left", "value": "1"}
        )

    def _wait_new_document(self, timeout: float = 60) -> None:
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

    def submit(self, css: str = "main form button[type=submit]") -> None:
        self._mark_document()
        self.find(css).click()
        self._wait_new_document()

    def double_tap(self, css: str = "main form button[type=submit]") -> None:
        """Two taps through DevTools input events: chromedriver's own clicks wait for the
        navigation the first one starts, which no finger does."""
        self._mark_document()
        cdp = self.driver.execute_cdp_cmd
        root = cdp("DOM.getDocument", {})["root"]["nodeId"]
        button = cdp("DOM.querySelector", {"nodeId": root, "selector": css})["nodeId"]
        cdp("DOM.scrollIntoViewIfNeeded", {"nodeId": button})
        quad = cdp("DOM.getBoxModel", {"nodeId": button})["model"]["content"]
        x, y = sum(quad[0::2]) / 4, sum(quad[1::2]) / 4  # viewport coordinates
        for tap in range(2):
            if tap:
                time.sleep(TAP_GAP)
            for kind in ("mousePressed", "mouseReleased"):
                cdp(
                    "Input.dispatchMouseEvent",
                    {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
                )
        self._wait_new_document()

    def resend(self) -> None:
        self._mark_document()
        self.driver.execute_cdp_cmd("Page.reload", {"ignoreCache": False})
        self._wait_new_document()

    def viewport(self, width: int, height: int) -> tuple[int, int]:
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
        )
        return width, height

    def screenshot(self, name: str) -> Path:
        return browser.screenshot(self.driver, f"chromium-{name}")

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

    def _wait_loaded(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            try:
                self.driver.find_element("css selector", "html")
                return
            except Exception:
                time.sleep(0.05)

    def double_tap(self, css: str = "main form button[type=submit]") -> None:
        page = self.find("html")
        button = self.find(css)
        # A driver-side script (the page's own stay off) brings the button into view.
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center'})", script_args=[button]
        )
        taps = self.driver.actions.sequence("pointer", "finger", {"pointerType": "mouse"})
        taps.pointer_move(0, 0, origin=button).pointer_down().pointer_up()
        taps.pause(int(TAP_GAP * 1000)).pointer_down().pointer_up().perform()
        self._wait_replaced(page)

    def resend(self) -> None:
        from marionette_driver.marionette import Alert

        page = self.find("html")
        self.driver._send_message("WebDriver:Refresh")  # returns once the prompt is up
        Alert(self.driver).accept()
        self._wait_replaced(page)

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

    def screenshot(self, name: str) -> Path:
        browser.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = browser.SCREENSHOTS / f"firefox-{name}.png"
        path.write_bytes(self.driver.screenshot(format="binary", full=True))
        return path

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
