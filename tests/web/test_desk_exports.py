"""Exports no one mistakes for real names: the header, every surrogate marked, an audit entry."""

from __future__ import annotations

import json
import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from intake.audit import entries
from intake.services.exports import CLOSE, NOTICE, OPEN, marked
from intake.services.review import get_testimony
from tests.web.conftest import csrf_from

STORY = (
    "Майор Сергей Волков приказал нам ехать в Рыльск 3 марта 2024 года. "
    "Там был бородач, он христианин. Вот ⟦скобки⟧ в тексте свидетеля."
)
MARKS = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")


def approved(app: FastAPI, client: TestClient, desk_client, submit):
    testimony = submit(STORY)
    client.post(
        "/ru/followup",
        files={"receipt": (None, testimony.receipt), "text": (None, "Волков вернулся в Рыльск.")},
    )
    browser = desk_client("editor")
    base = f"/desk/t/{testimony.testimony_id}"
    csrf = csrf_from(browser.get(base).text)
    browser.post(base + "/missed", data={"csrf": csrf, "surface": "христианин", "label": "OTHER"})
    browser.post(base + "/status", data={"csrf": csrf, "status": "approved"})
    services = app.state.services
    with services.sessions() as db:
        view = get_testimony(db, services, testimony.testimony_id)
    return browser, view


def unmarked(text: str) -> str:
    return MARKS.sub(lambda m: m[1], text)


def test_markdown_export_marks_every_surrogate_under_the_header(
    app: FastAPI, client: TestClient, desk_client, submit
) -> None:
    browser, view = approved(app, client, desk_client, submit)
    assert len(view.spans) >= 4 and view.followups[0].spans
    body = browser.get("/desk/export/approved.md").text
    header, _, rest = body.partition(f"## Testimony {view.id}")
    assert f"> **{NOTICE}**" in header and "invented" in header
    for text, spans in [(view.text, view.spans)] + [(m.text, m.spans) for m in view.followups]:
        shown = marked(text, spans)
        assert shown in rest  # the text as exported, in full
        assert MARKS.findall(shown) == [s.replacement for s in spans]  # each surrogate, in order
        assert unmarked(shown) == text.replace(OPEN, "[").replace(CLOSE, "]")  # nothing else
        for span in spans:
            assert f"- {OPEN}{span.replacement}{CLOSE}: " in rest  # and in the legend
    assert "[скобки]" in rest  # the witness's own brackets cannot pass for a mark
    assert f"- {OPEN}[OTHER 1]{CLOSE}: another identifying detail, withheld" in rest


def test_json_export_has_the_notice_and_labelled_spans(
    app: FastAPI, client: TestClient, desk_client, submit
) -> None:
    browser, view = approved(app, client, desk_client, submit)
    exported = json.loads(browser.get("/desk/export/approved.json").text)
    assert exported["notice"] == NOTICE
    (item,) = exported["testimonies"]
    texts = [(item["text"], item["pseudonyms"])] + [
        (m["text"], m["pseudonyms"]) for m in item["followups"]
    ]
    expected = [view.spans] + [m.spans for m in view.followups]
    for (text, spans), truth in zip(texts, expected, strict=True):
        assert [(s["start"], s["end"], s["label"]) for s in spans] == [
            (t.start, t.end, t.label) for t in truth
        ]
        for span in spans:
            assert text[span["start"] : span["end"]] == span["replacement"]
            assert span["meaning"]


def test_each_export_is_audited(app: FastAPI, client: TestClient, desk_client, submit) -> None:
    browser, view = approved(app, client, desk_client, submit)
    browser.get("/desk/export/approved.md")
    browser.get("/desk/export/approved.json")
    with app.state.services.sessions() as db:
        log = [entry for entry, _ in entries(db) if entry["action"] == "export_pseudonymised"]
    assert [(e["details"]["format"], e["details"]["testimonies"]) for e in log] == [
        ("markdown", [view.id]),
        ("json", [view.id]),
    ]
    assert all(e["actor"].startswith("editor") for e in log)
