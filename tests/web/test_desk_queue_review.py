"""Desk queue (time, preview, counts, paging with filters) and review (marking from the text,
the "other" label, candidates for a mistyped term, focus after each action, next in queue)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from intake.db.models import Testimony
from intake.services.review import get_testimony
from tests.web.conftest import csrf_from


def view_of(app: FastAPI, testimony_id: str):
    services = app.state.services
    with services.sessions() as db:
        return get_testimony(db, services, testimony_id)


def set_times(app: FastAPI, times: dict[str, datetime]) -> None:
    with app.state.services.sessions() as db:
        for row in db.scalars(select(Testimony)):
            row.submitted_at = times[row.id]
        db.commit()


def queue_ids(html: str) -> list[str]:
    return re.findall(r'<a href="/desk/t/([0-9a-f-]{36})"', html)


def test_queue_rows_show_time_and_a_pseudonymised_preview_in_time_order(
    app: FastAPI, desk_client, submit
) -> None:
    ids = [
        submit(f"Свидетельство {n}. Майор Сергей Волков увёз нас в Рыльск.").testimony_id
        for n in range(3)
    ]
    day = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    times = {ids[0]: day + timedelta(hours=5), ids[1]: day, ids[2]: day + timedelta(hours=2)}
    set_times(app, times)
    browser = desk_client("editor")
    newest = browser.get("/desk/").text
    assert queue_ids(newest) == [ids[0], ids[2], ids[1]]
    assert queue_ids(browser.get("/desk/", params={"sort": "oldest"}).text) == [
        ids[1],
        ids[2],
        ids[0],
    ]
    assert f">{(day + timedelta(hours=5)).strftime('%Y-%m-%d %H:%M')}</time>" in newest
    preview = re.search(rf'<a href="/desk/t/{ids[1]}" lang="ru">([^<]+)</a>', newest)[1]
    assert preview.startswith("Свидетельство 1.") and "\n" not in preview
    assert "Волков" not in newest and "Рыльск" not in newest


def test_status_counts_and_paging_keep_the_filters(app: FastAPI, desk_client, submit) -> None:
    ids = [submit(f"Свидетельство {n}: меня вызвали.").testimony_id for n in range(27)]
    browser = desk_client("editor")
    csrf = csrf_from(browser.get(f"/desk/t/{ids[0]}").text)
    browser.post(f"/desk/t/{ids[0]}/status", data={"csrf": csrf, "status": "in_review"})

    page = browser.get("/desk/", params={"status": "new", "language": "ru", "sort": "oldest"})
    counts = dict(
        re.findall(r'status-([a-z_]+)">[a-z ]+</span> <span class="count">(\d+)<', page.text)
    )
    assert counts == {"new": "26", "in_review": "1", "approved": "0", "rejected": "0"}
    assert "26 testimonies; page 1 of 2." in page.text
    next_link = re.search(r'<a rel="next" href="([^"]+)"', page.text)[1].replace("&amp;", "&")
    assert next_link == "/desk/?status=new&language=ru&sort=oldest&page=2"
    second = browser.get(next_link).text
    assert "page 2 of 2" in second and len(queue_ids(second)) == 1
    prev_link = re.search(r'<a rel="prev" href="([^"]+)"', second)[1].replace("&amp;", "&")
    assert prev_link == "/desk/?status=new&language=ru&sort=oldest"
    in_review_link = re.search(r'<a href="([^"]+)"><span class="status status-in_review"', second)
    assert (
        in_review_link[1].replace("&amp;", "&") == "/desk/?status=in_review&language=ru&sort=oldest"
    )


def test_queue_flags_follow_ups(client: TestClient, desk_client, submit) -> None:
    testimony = submit()
    client.post(
        "/ru/followup",
        files={"receipt": (None, testimony.receipt), "text": (None, "Ещё одно.")},
    )
    assert '<span class="flag">1 follow-up</span>' in desk_client("editor").get("/desk/").text


def test_mark_mode_picks_neighbouring_words_as_one_name(app: FastAPI, desk_client, submit) -> None:
    testimony = submit("Старший там был рыжий бородач, он отбирал телефоны.")
    browser = desk_client("editor")
    base = f"/desk/t/{testimony.testimony_id}"
    page = browser.get(base, params={"mark": "1"}).text
    picks = dict(
        (word, value)
        for value, word in re.findall(
            r'<input type="checkbox" name="pick" value="([^"]+)"><span>([^<]+)</span>', page
        )
    )
    assert {"рыжий", "бородач", "телефоны"} <= picks.keys()
    response = browser.post(
        base + "/missed",
        data={
            "csrf": csrf_from(page),
            "pick": [picks["рыжий"], picks["бородач"]],
            "label": "PERSON",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == base + "?done=picked&mark=1#pick"
    view = view_of(app, testimony.testimony_id)
    assert "бородач" not in view.text and "рыжий" not in view.text
    assert [span.label for span in view.spans] == ["PERSON"]
    assert "телефоны" in view.text
    forged = browser.post(
        base + "/missed",
        data={"csrf": csrf_from(page), "pick": "redacted:0:99999", "label": "PERSON"},
    )
    assert forged.status_code == 422 and "picked word is not in this testimony" in forged.text


def test_other_label_gets_a_neutral_marker_not_an_organisation(
    app: FastAPI, desk_client, submit
) -> None:
    testimony = submit("Мій сусід казав, що він християнин, і його забрали.", lang="uk")
    browser = desk_client("editor")
    base = f"/desk/t/{testimony.testimony_id}"
    csrf = csrf_from(browser.get(base).text)
    browser.post(base + "/missed", data={"csrf": csrf, "surface": "християнин", "label": "OTHER"})
    view = view_of(app, testimony.testimony_id)
    assert "він [OTHER 1], і" in view.text
    assert [(s.label, s.replacement) for s in view.spans] == [("OTHER", "[OTHER 1]")]


def test_mistyped_term_offers_the_closest_words_of_the_text(
    app: FastAPI, desk_client, submit
) -> None:
    testimony = submit("Там был бородач, он отбирал телефоны.")
    browser = desk_client("editor")
    base = f"/desk/t/{testimony.testimony_id}"
    csrf = csrf_from(browser.get(base).text)
    refused = browser.post(
        base + "/missed", data={"csrf": csrf, "surface": "бородачь", "label": "PERSON"}
    )
    assert refused.status_code == 422
    offered = re.findall(r'name="surface" value="([^"]+)">', refused.text)
    assert offered[0] == "бородач"
    accepted = browser.post(
        base + "/missed",
        data={"csrf": csrf, "surface": offered[0], "label": "PERSON"},
        follow_redirects=False,
    )
    assert accepted.headers["location"] == base + "?done=missed#surface"
    assert "бородач" not in view_of(app, testimony.testimony_id).text


def test_after_each_action_focus_returns_to_its_form(desk_client, submit) -> None:
    testimony = submit()
    browser = desk_client("editor")
    base = f"/desk/t/{testimony.testimony_id}"
    csrf = csrf_from(browser.get(base).text)
    noted = browser.post(base + "/notes", data={"csrf": csrf, "body": "ok"})
    assert str(noted.url).endswith("?done=note#body")
    assert re.search(r'<textarea id="body"[^>]*autofocus', noted.text)
    assert noted.text.count("autofocus") == 1
    changed = browser.post(base + "/status", data={"csrf": csrf, "status": "in_review"})
    assert re.search(r'<select id="status" name="status" autofocus>', changed.text)
    refused = browser.post(base + "/notes", data={"csrf": csrf, "body": "   "})
    assert refused.status_code == 422 and 'aria-describedby="note-error"' in refused.text


def test_next_in_queue_goes_to_the_next_undecided_testimony(
    app: FastAPI, desk_client, submit
) -> None:
    ids = [submit(f"Свидетельство {n}.").testimony_id for n in range(3)]
    day = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    set_times(app, {i: day + timedelta(hours=n) for n, i in enumerate(ids)})  # ids[2] newest
    browser = desk_client("editor")
    csrf = csrf_from(browser.get(f"/desk/t/{ids[1]}").text)
    browser.post(f"/desk/t/{ids[1]}/status", data={"csrf": csrf, "status": "approved"})
    page = browser.get(f"/desk/t/{ids[2]}").text
    assert f'<a href="/desk/t/{ids[0]}" rel="next" accesskey="n"' in page  # skips the decided
    wrapped = browser.get(f"/desk/t/{ids[0]}").text
    assert f'<a href="/desk/t/{ids[2]}" rel="next"' in wrapped
