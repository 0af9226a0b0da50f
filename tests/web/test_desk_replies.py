"""Replies from the desk to the witness: previewed, sealed to the witness, read with the receipt."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

import keys
from intake.audit import entries
from intake.db.models import Reply
from intake.db.models import Testimony as TestimonyRow
from tests.intake.test_end_to_end import database_dump
from tests.web.conftest import csrf_from

CANARY = "Canary-Reply-Kx7Q: were you in Kursk on the 3rd?"


def send(browser: TestClient, testimony_id: str, body: str, action: str = "send"):
    base = f"/desk/t/{testimony_id}"
    csrf = csrf_from(browser.get(base).text)
    return browser.post(
        base + "/reply",
        data={"csrf": csrf, "body": body, "action": action},
        follow_redirects=False,
    )


def replies_in_db(app: FastAPI) -> list[Reply]:
    with app.state.services.sessions() as db:
        return list(db.scalars(select(Reply)))


def test_preview_shows_the_witness_view_and_stores_nothing(
    app: FastAPI, desk_client, submit
) -> None:
    testimony = submit()
    browser = desk_client("editor")
    response = send(browser, testimony.testimony_id, "Когда это было?", action="preview")
    assert response.status_code == 200
    preview = response.text.split('id="reply-preview"', 1)[1].split("</figure>", 1)[0]
    assert "Ответы редакции" in preview and "Когда это было?" in preview  # the witness's language
    textarea = re.search(r'<textarea id="reply-body"[^>]*>([^<]*)</textarea>', response.text)
    assert textarea[1] == "Когда это было?" and "autofocus" in textarea[0]
    assert replies_in_db(app) == []


def test_empty_reply_is_refused_beside_the_field(app: FastAPI, desk_client, submit) -> None:
    testimony = submit()
    response = send(desk_client("editor"), testimony.testimony_id, "   ")
    assert response.status_code == 422
    assert 'id="reply-error"' in response.text and "The reply is empty." in response.text
    assert replies_in_db(app) == []


def test_sent_reply_is_sealed_audited_and_shown_as_sent_only(
    app: FastAPI, desk_client, submit
) -> None:
    testimony = submit()
    browser = desk_client("editor")
    response = send(browser, testimony.testimony_id, CANARY)
    location = f"/desk/t/{testimony.testimony_id}?done=reply#reply-body"
    assert (response.status_code, response.headers["location"]) == (303, location)
    page = browser.get(location).text
    assert "Reply sealed and sent" in page and "Reply 1 sent by editor" in page
    assert CANARY not in page
    (reply,) = replies_in_db(app)
    with app.state.services.sessions() as db:
        (last, _), *_ = reversed(entries(db))
    assert last["action"] == "reply"
    assert last["details"] == {"testimony": testimony.testimony_id, "reply": reply.id}
    queue = browser.get("/desk/").text
    assert "1 sent, no answer yet" in queue


def test_reply_canary_the_server_cannot_open_it_the_receipt_can(
    app: FastAPI,
    client: TestClient,
    desk_client,
    submit,
    settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    testimony = submit()
    browser = desk_client("editor")
    assert send(browser, testimony.testimony_id, CANARY).status_code == 303
    assert send(browser, testimony.testimony_id, "Second question.").status_code == 303

    # The database, every file of the data directory and the logs: no plaintext anywhere.
    app.state.services.sessions.kw["bind"].dispose()
    haystacks = {"database": database_dump(client), "logs": caplog.text.encode()}
    haystacks |= {str(p): p.read_bytes() for p in Path(settings.data_dir).rglob("*") if p.is_file()}
    for where, haystack in haystacks.items():
        for form in (CANARY.encode(), CANARY.encode("utf-16-le"), b"Canary-Reply-Kx7Q"):
            assert form not in haystack, f"the reply leaked into {where}"

    # Sealed to the witness's per-record key alone: no key the server holds is a recipient.
    with app.state.services.sessions() as db:
        first = db.scalars(select(Reply).order_by(Reply.id)).first()
        public = keys.PublicKey.from_text(first.testimony.witness_public_key)
        slots = json.loads(first.sealed)["slots"]
    assert [slot["key_id"] for slot in slots] == [public.key_id]

    # The witness opens it with the receipt, on a page that is never cached.
    status = client.post("/ru/receipt", data={"receipt": testimony.receipt})
    assert status.status_code == 200
    assert "no-store" in status.headers["cache-control"]
    section = status.text.split('id="replies"', 1)[1].split("</section>", 1)[0]
    assert CANARY in section and "Second question." in section
    assert section.index(CANARY) < section.index("Second question.")
    assert "Чтобы ответить, напишите дополнение ниже." in section

    # ...and answers with a follow-up, which the desk then shows.
    answered = client.post(
        "/ru/followup",
        files={"receipt": (None, testimony.receipt), "text": (None, "Нет, я был дома.")},
    )
    assert answered.status_code == 200 and CANARY in answered.text
    review = browser.get(f"/desk/t/{testimony.testimony_id}").text
    assert "Нет, я был дома." in review
    assert review.count("the witness has added a follow-up since") == 2
    assert "2 sent, answered</span>" in browser.get("/desk/").text


def test_a_reply_moved_to_another_record_does_not_open(app: FastAPI, desk_client, submit) -> None:
    first, second = submit(), submit("Меня вызвали в военкомат в Туле.")
    send(desk_client("editor"), first.testimony_id, CANARY)
    with app.state.services.sessions() as db:
        (reply,) = db.scalars(select(Reply))
        target = db.get(TestimonyRow, second.testimony_id)
        reply.testimony_id = target.id
        db.commit()
    client = TestClient(app, base_url="https://testserver")
    response = client.post("/ru/receipt", data={"receipt": second.receipt})
    assert response.status_code == 200 and CANARY not in response.text
    assert 'id="replies"' not in response.text
