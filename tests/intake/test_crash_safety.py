"""SIGKILL the real server during a burst of submissions and follow-ups; nothing shown is lost.

Clients submit testimonies and add a follow-up to each over HTTP to ``python -m intake serve``
with two workers; once several receipts have been shown the whole process group is killed
without warning. After a restart: every receipt a client saw opens its testimony, every
acknowledged follow-up is there, the key holder opens every stored record completely, and no
table holds a row that belongs to no testimony.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

import keys
from intake.config import Settings
from intake.db.engine import make_engine, make_sessionmaker
from intake.db.models import Attachment, Correction, Message, Note, Testimony
from intake.db.records import database_records
from tests.conftest import KeyHolder
from tests.intake import live_server

TEXTS = [
    "On 3 March two officers took my brother Ivan from our flat in Tula to the enlistment office.",
    "Мой сосед Андрей Петров получил повестку и уехал в Казахстан через Оренбург.",
    "Мого чоловіка Тараса забрали з роботи в Запоріжжі, телефон вимкнули.",
]
CLIENTS = 4
RECEIPTS_BEFORE_KILL = 4


def _burst(url: str, shown: dict[str, bool], lock: threading.Lock, stop: threading.Event) -> None:
    """Submit, then follow up; record each receipt shown and whether its follow-up was acked."""
    with httpx.Client(base_url=url, timeout=300) as http:
        turn = 0
        while not stop.is_set():
            text = TEXTS[turn % len(TEXTS)]
            turn += 1
            try:
                response = http.post("/api/v1/testimonies", json={"text": text})
                if response.status_code != 201:
                    continue
                receipt = response.json()["receipt"]
                with lock:
                    shown[receipt] = False
                followup = http.post(
                    "/api/v1/receipts/messages", json={"receipt": receipt, "text": "Again: " + text}
                )
                if followup.status_code == 201:
                    with lock:
                        shown[receipt] = True
            except httpx.HTTPError:
                return  # the server died under us


def test_sigkill_mid_burst_keeps_every_shown_receipt_and_leaves_no_partial_rows(
    settings: Settings, keyholder: KeyHolder, tmp_path: Path
) -> None:
    unlimited = {"TESTIMONY_RATE_GLOBAL_PER_MINUTE": "1000000"}
    server = live_server.start(settings, tmp_path / "server.log", workers=2, **unlimited)
    shown: dict[str, bool] = {}
    lock, stop = threading.Lock(), threading.Event()
    try:
        server.wait_ready()
        assert len(server.workers()) == 2  # `serve --workers 2` runs two worker processes
        clients = [
            threading.Thread(target=_burst, args=(server.url, shown, lock, stop))
            for _ in range(CLIENTS)
        ]
        for thread in clients:
            thread.start()
        deadline = time.monotonic() + 600
        while len(shown) < RECEIPTS_BEFORE_KILL and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()  # requests are in flight on the other clients
        stop.set()
        for thread in clients:
            thread.join(timeout=60)
    finally:
        server.stop()
    assert len(shown) >= RECEIPTS_BEFORE_KILL

    again = live_server.start(settings, tmp_path / "server.log", workers=1, **unlimited)
    try:
        again.wait_ready()
        for receipt, followed_up in shown.items():
            status = httpx.post(f"{again.url}/api/v1/receipts/status", json={"receipt": receipt})
            assert status.status_code == 200
            if followed_up:
                assert status.json()["followups"] == 1
    finally:
        again.stop()

    engine = make_engine(settings.sqlalchemy_url)
    try:
        with make_sessionmaker(engine)() as db:
            ids = set(db.scalars(select(Testimony.id)))
            for table in (Message, Attachment, Correction, Note):
                orphans = select(func.count()).select_from(table)
                assert db.scalar(orphans.where(table.testimony_id.not_in(ids))) == 0
            messages = db.scalar(select(func.count()).select_from(Message))
    finally:
        engine.dispose()
    assert len(ids) >= len(shown)

    records = database_records(settings.sqlalchemy_url)
    assert {r.record_id for r in records} == ids
    opened_messages = 0
    for record in records:
        data_key = keys.unwrap(
            record.envelope, record_id=record.record_id, private_key=keyholder.private_key
        )
        items = {
            item: keys.open(data_key, blob, record_id=record.record_id, item=item)
            for item, blob in record.items.items()
        }
        assert items["original"].decode() in TEXTS
        opened_messages += sum(1 for item in items if item.startswith("message/"))
    assert opened_messages == messages
