"""Headless Firefox ESR (the engine of Tor Browser) over Marionette, JavaScript off.

Debian ships firefox-esr but no geckodriver; PyPI's marionette-driver speaks Firefox's own
remote protocol directly, so nothing is downloaded at test time.
"""

from __future__ import annotations

import importlib.util
import socket
from pathlib import Path

FIREFOX = Path("/usr/bin/firefox-esr")
NARROWEST = 500  # CSS px: headless Firefox makes no narrower window (Chromium can emulate 320)


def available() -> bool:
    return FIREFOX.exists() and importlib.util.find_spec("marionette_driver") is not None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def firefox(log_file: Path, *, narrow: bool = False):
    """A started session; elements are waited for up to 60 s (a slow POST's next page)."""
    from marionette_driver.marionette import Marionette

    driver = Marionette(
        host="127.0.0.1",
        port=_free_port(),
        bin=str(FIREFOX),
        headless=True,
        prefs={"javascript.enabled": False},
        gecko_log=str(log_file),
    )
    driver.start_session()
    driver.timeout.implicit = 60
    driver.set_window_rect(width=NARROWEST if narrow else 1100, height=900)
    return driver
