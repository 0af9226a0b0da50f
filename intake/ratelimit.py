"""Abuse control that identifies no one: a global budget and a per-receipt budget.

Witness routes never see IP addresses, so limits are keyed by nothing (global) or by the
receipt's lookup hash (follow-ups). Counters live in memory and vanish on restart.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Hashable

from intake.errors import RateLimited


class SlidingWindow:
    """At most ``limit`` events per ``window`` seconds for each key."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self._clock = clock
        self._events: dict[Hashable, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: Hashable = None) -> bool:
        now = self._clock()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and now - events[0] >= self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            if len(self._events) > 100_000:
                self._forget_idle(now)
            return True

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, v in self._events.items() if not v or now - v[-1] >= self.window]:
            del self._events[key]


class Limiter:
    def __init__(self, global_per_minute: int, receipt_per_hour: int) -> None:
        self.submissions = SlidingWindow(global_per_minute, 60.0)
        self.receipts = SlidingWindow(receipt_per_hour, 3600.0)

    def check_global(self) -> None:
        if not self.submissions.hit():
            raise RateLimited(
                "The service is receiving too many submissions right now. "
                "Nothing was saved. Please try again in a few minutes."
            )

    def check_receipt(self, lookup: bytes) -> None:
        if not self.receipts.hit(lookup):
            raise RateLimited(
                "This receipt has been used too often in the last hour. "
                "Nothing was saved. Please try again later."
            )
