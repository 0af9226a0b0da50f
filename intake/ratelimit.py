"""Abuse control that identifies no one, shared by every server process through the database.

Witness routes never see IP addresses, so budgets are keyed by nothing (global), by a hash
of the receipt's lookup value (follow-ups), by a hash of a form token (one witness page) or
by a hash of an account name (logins). Counters are fixed windows in ``throttle_windows``,
incremented with one conditional UPDATE (``hits < limit``) so concurrent processes can never
overshoot a limit; each check runs in its own short transaction, independent of the request's.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, delete, insert, update
from sqlalchemy.exc import IntegrityError

from intake.db.models import ThrottleWindow
from intake.errors import RateLimited


@dataclass
class Budget:
    """At most ``limit`` hits per ``window`` seconds for each key of ``bucket``."""

    bucket: str
    limit: int
    window: int


class ThrottleStore:
    """Fixed-window counters in the database; ``hit`` is atomic across processes."""

    def __init__(self, engine: Engine, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.clock = clock

    def hit(self, budget: Budget, key: bytes = b"") -> bool:
        """Count one hit; False (and nothing counted) if the budget is spent."""
        window = int(self.clock() // budget.window)
        digest = hashlib.sha256(key).hexdigest() if key else ""
        match = (
            (ThrottleWindow.bucket == budget.bucket)
            & (ThrottleWindow.key == digest)
            & (ThrottleWindow.window == window)
        )
        spend = (
            update(ThrottleWindow)
            .where(match & (ThrottleWindow.hits < budget.limit))
            .values(hits=ThrottleWindow.hits + 1)
        )
        with self.engine.begin() as connection:
            if connection.execute(spend).rowcount == 1:
                return True
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    insert(ThrottleWindow).values(
                        bucket=budget.bucket, key=digest, window=window, hits=1
                    )
                )
                connection.execute(  # old windows of this bucket are dead weight
                    delete(ThrottleWindow).where(
                        (ThrottleWindow.bucket == budget.bucket)
                        & (ThrottleWindow.window < window - 1)
                    )
                )
            return True
        except IntegrityError:  # the window exists: full, or another process just made it
            with self.engine.begin() as connection:
                return connection.execute(spend).rowcount == 1


class Limiter:
    """The service's budgets; every ``check_*`` raises ``RateLimited`` with a clear message."""

    def __init__(
        self,
        store: ThrottleStore,
        global_per_minute: int,
        receipt_per_hour: int,
        *,
        per_form_token: int = 3,
        receipt_lookups_per_minute: int = 120,
        login_per_account: int = 10,
        login_per_minute: int = 60,
    ) -> None:
        self.store = store
        self.submissions = Budget("submit-open", global_per_minute, 60)
        self.form_submissions = Budget("submit-form", global_per_minute, 60)
        # A submission's receipt costs an argon2 before the submission budgets can be spent
        # (a resend of a stored form must not spend them); bounded apart from receipt checks.
        self.submission_receipts = Budget("submit-receipt-open", global_per_minute, 60)
        self.form_submission_receipts = Budget("submit-receipt-form", global_per_minute, 60)
        self.per_form = Budget("submit-token", per_form_token, 3600)
        self.receipts = Budget("receipt", receipt_per_hour, 3600)
        self.receipt_lookups = Budget("receipt-lookup", receipt_lookups_per_minute, 60)
        self.logins_per_account = Budget("login-account", login_per_account, 900)
        self.logins = Budget("login", login_per_minute, 60)

    def check_global(self, form_token: bytes | None = None) -> None:
        """A submission: form pages' tokens have their own budget, apart from scripted posts."""
        busy = RateLimited(
            "The service is receiving too many submissions right now. "
            "Nothing was saved. Please try again in a few minutes."
        )
        if form_token is None:
            if not self.store.hit(self.submissions):
                raise busy
            return
        if not self.store.hit(self.per_form, form_token):
            raise RateLimited(
                "This form has been sent too often. Nothing was saved. "
                "Open the form again to send another testimony."
            )
        if not self.store.hit(self.form_submissions):
            raise busy

    def check_submission_receipt(self, form_token: bytes | None = None) -> None:
        """Before a submission's receipt argon2: posts with and without a form token have
        their own budgets, and neither spends the receipt-lookup budget, so a flood of
        submissions cannot lock witnesses out of their receipts, nor the reverse."""
        budget = self.submission_receipts if form_token is None else self.form_submission_receipts
        if not self.store.hit(budget):
            raise RateLimited(
                "The service is receiving too many submissions right now. "
                "Nothing was saved. Please try again in a few minutes."
            )

    def check_receipt_lookup(self) -> None:
        """Before any argon2 work on a receipt: caps the CPU unknown receipts can cost."""
        if not self.store.hit(self.receipt_lookups):
            raise RateLimited(
                "Too many receipt codes are being checked right now. "
                "Nothing was saved. Please try again in a few minutes."
            )

    def check_receipt(self, lookup: bytes) -> None:
        if not self.store.hit(self.receipts, lookup):
            raise RateLimited(
                "This receipt has been used too often in the last hour. "
                "Nothing was saved. Please try again later."
            )

    def check_login(self, username: str) -> None:
        """Every login attempt counts, per account and overall, before the password is hashed."""
        if not self.store.hit(self.logins_per_account, username.encode()):
            raise RateLimited(
                "Too many login attempts for this account. Wait 15 minutes and try again."
            )
        if not self.store.hit(self.logins):
            raise RateLimited("Too many login attempts right now. Wait a minute and try again.")
