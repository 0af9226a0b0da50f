"""The witness's preview (issue 15): pseudonymised text and words to hide, nothing stored."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, func, select
from typer.testing import CliRunner

import redaction
from intake.cli import app as cli_app
from intake.db.models import Message
from intake.services import preview
from intake.services.review import get_testimony
from intake.services.stats import hidden_by_witness
from tests.intake.test_end_to_end import database_dump

# "пекарня" (bakery) is an ordinary noun redaction leaves alone: only the witness knows it
# gives them away. Every form of it must disappear once hidden.
BAKERY_STORY = (
    "Я работал в пекарне на углу, и все в посёлке знают эту пекарню. "
    "Хозяин пекарни Олег Марков сдал меня военкому."
)
BAKERY = re.compile(r"пекар", re.IGNORECASE)


def row_counts(client: TestClient) -> dict[str, int]:
    engine = client.app.state.services.sessions.kw["bind"]
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {
            table.name: connection.scalar(select(func.count()).select_from(table))
            for table in metadata.sorted_tables
        }


def files_under(directory: Path) -> dict[str, bytes]:
    """Every file but the logs, which grow with each request line (checked separately)."""
    return {
        str(p): p.read_bytes()
        for p in directory.rglob("*")
        if p.is_file() and "logs" not in p.relative_to(directory).parts
    }


def logs_under(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (directory / "logs").rglob("*") if p.is_file())


def editor_view(client: TestClient, testimony_id: str):
    services = client.app.state.services
    with services.sessions() as db:
        return get_testimony(db, services, testimony_id)


def test_pseudonymise_hides_every_form_and_reports_what_it_did() -> None:
    result = preview.pseudonymise(
        BAKERY_STORY, "ru", policy=redaction.Policy(), hide=["Пекарня", " пекарня ", "трамвай"]
    )
    assert not BAKERY.search(result.view.text)
    assert "Марков" not in result.view.text
    assert result.hidden == ("Пекарня",)  # the repeat (any case, spacing) is dropped
    assert result.not_found == ("трамвай",)
    hidden = [s for s in result.view.spans if s.label == preview.HIDDEN]
    assert len(hidden) == 3
    for span in result.view.spans:
        assert result.view.text[span.start : span.end] == span.replacement
    assert preview.remembered_terms(result.memory) == ["пекарня"]


def test_the_same_memory_gives_the_same_text() -> None:
    """The preview page carries its memory to the final send: editors get what was shown."""
    policy = redaction.Policy()
    first = preview.pseudonymise(BAKERY_STORY, "ru", policy=policy, hide=["пекарня"])
    carried = preview.memory_from_form(first.memory.to_json())
    again = preview.pseudonymise(
        BAKERY_STORY, "ru", policy=policy, hide=["пекарня"], memory=carried
    )
    assert again.view == first.view


@pytest.mark.parametrize("payload", ["", "not json", '{"entries": {"k": {"surrogate": 5}}}', "[]"])
def test_a_tampered_memory_is_ignored(payload: str) -> None:
    assert preview.memory_from_form(payload) is None


def test_terms_are_bounded() -> None:
    with pytest.raises(preview.TermsRefused):
        preview.clean_terms(["x" * (preview.MAX_TERM_CHARS + 1)])
    with pytest.raises(preview.TermsRefused):
        preview.clean_terms([f"word{i}" for i in range(preview.MAX_TERMS + 1)])
    assert preview.terms_from_lines("a, b\r\n\nc d") == ["a", " b", "", "c d"]


def test_api_preview_stores_nothing(
    client: TestClient, settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    canary = "Квазимодович"
    client.post("/api/v1/testimonies", json={"text": "Earlier testimony about Kovrov."})
    client.app.state.services.sessions.kw["bind"].dispose()
    counts, files = row_counts(client), files_under(Path(settings.data_dir))

    response = client.post(
        "/api/v1/testimonies/preview",
        json={"text": f"{BAKERY_STORY} {canary} помог.", "language": "ru", "hide": ["пекарня"]},
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["language"] == "ru"
    assert not BAKERY.search(body["text"])
    assert body["hidden"] == ["пекарня"] and body["not_found"] == []
    for span in body["pseudonyms"]:
        assert body["text"][span["start"] : span["end"]] == span["replacement"]
    assert {"HIDDEN", "PERSON"} <= {span["label"] for span in body["pseudonyms"]}
    client.app.state.services.sessions.kw["bind"].dispose()
    assert row_counts(client) == counts
    assert files_under(Path(settings.data_dir)) == files
    for haystack in (
        database_dump(client),
        logs_under(Path(settings.data_dir)),
        caplog.text.encode(),
    ):
        assert canary.encode() not in haystack
        assert "пекар".encode() not in haystack


def test_api_preview_refuses_bad_input_with_422(client: TestClient) -> None:
    url = "/api/v1/testimonies/preview"
    assert client.post(url, json={"text": "  "}).status_code == 422
    assert client.post(url, json={"text": "x", "hide": ["y"] * 51}).status_code == 422
    too_long = client.post(url, json={"text": "x", "hide": ["y" * 101]})
    assert too_long.status_code == 422
    assert "100" in too_long.json()["detail"]


def test_preview_is_documented_in_openapi(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/testimonies/preview"]["post"]
    assert set(operation["responses"]) == {"200", "400", "413", "422"}
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "PreviewOut"
    )
    submit_body = spec["components"]["schemas"]["TestimonyIn"]["properties"]
    assert submit_body["hide"]["maxItems"] == 50


def test_submitted_hidden_words_stay_hidden_in_follow_ups_and_are_counted(
    client: TestClient,
) -> None:
    response = client.post(
        "/api/v1/testimonies",
        json={"text": BAKERY_STORY, "language": "ru", "hide": ["пекарня"]},
    )
    assert response.status_code == 201, response.text
    receipt = response.json()["receipt"]
    client.post("/api/v1/testimonies", json={"text": "Меня вызвали в Курск.", "language": "ru"})
    followup = client.post(
        "/api/v1/receipts/messages",
        json={"receipt": receipt, "text": "Вчера у пекарни снова стояла машина. Пекарню закрыли."},
    )
    assert followup.status_code == 201, followup.text

    with client.app.state.services.sessions() as db:
        testimony_id = db.scalars(select(Message.testimony_id)).one()
        figures = {row.language: (row.hid, row.testimonies) for row in hidden_by_witness(db)}
    view = editor_view(client, testimony_id)
    assert not BAKERY.search(view.text)
    assert not BAKERY.search(view.followups[0].text)
    assert any(span.label == preview.HIDDEN for span in view.followups[0].spans)
    assert figures["ru"] == (1, 2)
    assert "пекар".encode() not in database_dump(client)


def test_stats_command_prints_counts_only(client: TestClient, settings, monkeypatch) -> None:
    client.post(
        "/api/v1/testimonies", json={"text": BAKERY_STORY, "language": "ru", "hide": ["пекарня"]}
    )
    monkeypatch.setattr("intake.cli.load_settings", lambda: settings)
    result = CliRunner().invoke(cli_app, ["stats"])
    assert result.exit_code == 0, result.output
    assert "ru: 1 of 1 testimonies" in result.output
    assert "пекар" not in result.output


def test_words_to_hide_that_are_not_in_the_text_are_not_counted(client: TestClient) -> None:
    response = client.post(
        "/api/v1/testimonies", json={"text": BAKERY_STORY, "language": "ru", "hide": ["трамвай"]}
    )
    assert response.status_code == 201
    with client.app.state.services.sessions() as db:
        figures = {row.language: (row.hid, row.testimonies) for row in hidden_by_witness(db)}
    assert figures["ru"] == (0, 1)
