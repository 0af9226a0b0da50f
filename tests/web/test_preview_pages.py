"""Witness preview pages without a browser: what is shown, what travels, what is never kept."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from intake.db import models
from intake.services import preview
from intake.services.review import LABELS, get_testimony
from intake.web.i18n import catalog
from tests.intake.test_end_to_end import database_dump
from tests.intake.test_preview import BAKERY, BAKERY_STORY, files_under, logs_under, row_counts
from tests.web.conftest import receipt_from

CANARY = "Зюзякинский"  # a made-up surname: if it is anywhere, the testimony leaked there


def hidden_fields(page: str, form_id: str) -> dict[str, str]:
    form = page.split(f'id="{form_id}"', 1)[1].split("</form>", 1)[0]
    return {
        name: html.unescape(value)
        for name, value in re.findall(r'type="hidden" name="([a-z]+)" value="([^"]*)"', form)
    }


def preview_text(page: str) -> str:
    """The pseudonymised text as shown, surrogates still inside their <mark> tags."""
    return page.split('id="preview-text"', 1)[1].split(">", 1)[1].split("</div>", 1)[0]


def post_preview(client: TestClient, lang: str, **fields: str | list[str]) -> str:
    files = [
        (name, (None, value))
        for name, values in fields.items()
        for value in ([values] if isinstance(values, str) else values)
    ]
    response = client.post(f"/{lang}/preview", files=files)
    assert response.status_code == 200, response.text
    return response.text


def test_form_sends_to_the_preview_and_attachments_come_on_the_confirm_step(
    client: TestClient,
) -> None:
    page = client.get("/ru/").text
    assert 'action="/ru/preview"' in page
    assert 'type="file"' not in page
    assert catalog("ru")["preview_files_next"] in page


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_preview_shows_highlighted_surrogates_in_the_page_language(
    client: TestClient, lang: str
) -> None:
    page = post_preview(client, lang, text=BAKERY_STORY, language="ru")
    strings = catalog(lang)
    assert f'<html lang="{lang}">' in page
    assert html.escape(strings["preview_title"]) in page
    assert "Марков" not in preview_text(page)
    assert f'<mark title="{strings["label_PERSON"]}">' in page
    assert hidden_fields(page, "confirm-form")["text"] == BAKERY_STORY
    assert 'type="file"' in page.split('id="confirm-form"', 1)[1]


def test_every_label_has_a_name_for_witnesses() -> None:
    for lang in ("en", "ru", "uk"):
        assert all(f"label_{label}" in catalog(lang) for label in (*LABELS, preview.HIDDEN))


def test_ticked_and_typed_words_are_hidden_in_every_form_then_sent(client: TestClient, app) -> None:
    first = post_preview(client, "ru", text=BAKERY_STORY, language="ru")
    assert '<input type="checkbox" name="mark" value="пекарне">' in first
    fields = hidden_fields(first, "hide-form")
    second = post_preview(client, "ru", **fields, mark=["пекарне"], hide="посёлок")
    shown = preview_text(second)
    assert not BAKERY.search(shown) and "посёлк" not in shown
    assert catalog("ru")["label_HIDDEN"] in shown
    assert '<p class="notice" role="status">' in second

    confirm = hidden_fields(second, "confirm-form")
    assert confirm["hide"].splitlines() == ["посёлок", "пекарне"]
    sent = client.post("/ru/submit", files={k: (None, v) for k, v in confirm.items()})
    assert sent.status_code == 200, sent.text
    receipt_from(sent.text)

    services = app.state.services
    with services.sessions() as db:
        testimony_id = db.scalars(select(models.Testimony.id)).one()
        view = get_testimony(db, services, testimony_id)
    assert view.text == re.sub(r"<[^>]+>", "", html.unescape(shown))  # exactly what was shown
    assert not BAKERY.search(view.text) and "посёлк" not in view.text


def test_edit_brings_back_the_form_with_text_language_and_words_to_hide(
    client: TestClient,
) -> None:
    page = post_preview(client, "uk", text=BAKERY_STORY, language="ru", hide="пекарня")
    fields = hidden_fields(page, "hide-form")
    response = client.post(
        "/uk/edit", files={**{k: (None, v) for k, v in fields.items()}, "hide": (None, "пекарня")}
    )
    assert response.status_code == 200
    assert f">{html.escape(BAKERY_STORY)}</textarea>" in response.text
    assert '<option value="ru" selected>' in response.text
    assert hidden_fields(response.text, "main")["hide"] == "пекарня"


def test_refused_words_to_hide_bring_back_the_form_with_the_text(client: TestClient) -> None:
    too_many = "\n".join(f"слово{i}" for i in range(preview.MAX_TERMS + 1))
    response = client.post(
        "/en/preview", files={"text": (None, BAKERY_STORY), "hide": (None, too_many)}
    )
    assert response.status_code == 422
    assert html.escape(catalog("en")["preview_error_hide"]) in response.text
    assert f">{html.escape(BAKERY_STORY)}</textarea>" in response.text


def test_empty_text_brings_back_the_form(client: TestClient) -> None:
    response = client.post("/en/preview", files={"text": (None, "   ")})
    assert response.status_code == 422
    assert catalog("en")["error_text_empty"] in response.text


def test_canary_nothing_about_the_testimony_is_kept_between_preview_and_confirm(
    client: TestClient, settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Two previews (one with a ticked word, one with a refused field) and an edit: the data
    directory, every database table and the logs hold nothing of the text."""
    caplog.set_level(logging.DEBUG)
    data_dir = Path(settings.data_dir)
    client.app.state.services.sessions.kw["bind"].dispose()
    counts, files = row_counts(client), files_under(data_dir)

    text = f"{BAKERY_STORY} Сосед {CANARY} всё видел."
    page = post_preview(client, "ru", text=text, language="ru")
    post_preview(client, "ru", **hidden_fields(page, "hide-form"), mark=[CANARY], hide="пекарня")
    client.post("/ru/preview", files={"text": (None, text), "hide": (None, "x" * 500)})
    client.post("/ru/edit", files={"text": (None, text)})

    client.app.state.services.sessions.kw["bind"].dispose()
    assert row_counts(client) == counts
    assert files_under(data_dir) == files
    forms = [CANARY, CANARY.lower(), "Зюзякинск", "пекарн", "Марков"]
    for haystack in (database_dump(client), logs_under(data_dir), caplog.text.encode()):
        for form in forms:
            assert form.encode() not in haystack


def test_desk_queue_shows_how_many_testimonies_needed_a_word_hidden(
    client: TestClient, desk_client
) -> None:
    client.post(
        "/api/v1/testimonies", json={"text": BAKERY_STORY, "language": "ru", "hide": ["пекарня"]}
    )
    client.post("/api/v1/testimonies", json={"text": "Меня вызвали в Курск.", "language": "ru"})
    page = desk_client("editor").get("/desk/").text
    figures = page.split('id="hidden-by-witness"', 1)[1].split("</dl>", 1)[0]
    assert "<dt>ru</dt><dd>1 of 2</dd>" in figures
    assert "<dt>en</dt><dd>0 of 0</dd>" in figures
    assert "пекар" not in page


def test_text_with_a_nul_character_brings_back_the_form(client: TestClient) -> None:
    response = client.post("/en/preview", files={"text": (None, "Before\x00after")})
    assert response.status_code == 422
    assert html.escape(catalog("en")["error_not_accepted"]) in response.text
