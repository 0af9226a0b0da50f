"""Request bodies, file modes and logs at the edge of the service (review 7, 8, 15, 16)."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from intake.app import create_app
from intake.config import Settings
from keys import DecryptionError
from keys.export import read_export, write_export
from keys.signing import SigningKey
from tests.web.conftest import csrf_from

MIB = 1024 * 1024


def chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    """A body sent with chunked transfer encoding (no Content-Length to trust)."""
    for _ in range(total // size):
        yield b"x" * size


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/desk/login"),
        ("post", "/en/receipt"),
        ("post", "/api/v1/session"),
        ("post", "/api/v1/receipts/status"),
        ("put", "/api/v1/editor/testimonies/x/status"),
        ("post", "/desk/t/x/notes"),
    ],
)
def test_every_route_refuses_a_large_anonymous_body_with_413(
    client: TestClient, method: str, path: str
) -> None:
    """Review 7: 30 MiB before authentication is a 413, declared or chunked."""
    form = {"content-type": "application/x-www-form-urlencoded"}
    declared = client.request(method, path, content=b"x" * (30 * MIB), headers=form)
    assert declared.status_code == 413, declared.text
    chunked = client.request(method, path, content=chunks(2 * MIB), headers=form)
    assert chunked.status_code == 413
    if path.startswith("/api/"):
        assert "larger than this address accepts" in declared.json()["detail"]


def test_import_reads_no_body_before_the_caller_is_a_key_holder(client: TestClient) -> None:
    response = client.post(
        "/api/v1/keyholder/import", files={"import_file": ("i", b"x" * (30 * MIB))}
    )
    assert response.status_code == 401


def test_witness_submission_keeps_its_larger_limit(client: TestClient) -> None:
    from tests.web import media

    photo = media.jpeg_with_gps()
    padding = b"\0" * (3 * MIB)  # a WAV-sized upload well over the default limit
    response = client.post(
        "/en/submit",
        files={"text": (None, "A testimony."), "attachments": ("a.jpg", photo + padding)},
    )
    assert response.status_code == 200, response.text


def test_json_body_over_the_text_limit_is_refused_before_parsing(client: TestClient) -> None:
    """Review 15: a 100 MiB JSON body is never read whole."""
    response = client.post(
        "/api/v1/testimonies",
        content=chunks(100 * MIB),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413


def test_data_directory_keys_database_and_logs_are_private(
    tmp_path: Path, database_url: str, settings: Settings
) -> None:
    """Review 8: 0700 directories, 0600 files, even under a permissive umask."""
    old = os.umask(0o022)
    try:
        app = create_app(settings)
        with TestClient(app, base_url="https://testserver") as client:
            client.post("/api/v1/testimonies", json={"text": "Ivan from Tula."})
    finally:
        os.umask(old)
    data = settings.data_dir
    for directory in (data, data / "server-keys", data / "logs"):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700, directory
    files = [p for p in data.rglob("*") if p.is_file()]
    assert any(p.name == "service.log" for p in files)
    if settings.database_url.startswith("sqlite"):
        assert any(p.name == "testimonies.sqlite3" for p in files)
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_modes_left_by_an_older_install_are_tightened(settings: Settings) -> None:
    (settings.data_dir / "logs").mkdir(parents=True, mode=0o755)
    os.chmod(settings.data_dir, 0o755)
    create_app(settings)
    assert stat.S_IMODE(settings.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((settings.data_dir / "logs").stat().st_mode) == 0o700


def test_multipart_parser_cannot_write_input_into_the_service_log(
    client: TestClient, settings: Settings
) -> None:
    """Review 16: python-multipart quotes the bytes it could not parse in its warnings."""
    assert not logging.getLogger("python_multipart").isEnabledFor(logging.ERROR)
    canary = b"Zanzibarov-in-a-header"
    client.post(
        "/en/receipt",
        content=b'--b\r\nContent-Disposition: form-data; name="receipt"\r\n' + canary + b"\r\n",
        headers={"content-type": "multipart/form-data; boundary=b"},
    )
    log = (settings.data_dir / "logs" / "service.log").read_bytes()
    assert canary not in log


def test_export_signature_is_checked_before_any_header_field_is_parsed() -> None:
    """Review 16: a forged export with a hostile header is refused for its signature."""
    server = SigningKey.generate()
    genuine = write_export([], server)
    forged = (
        b'{"kind":"tk-export","version":1,"'
        + b"A" * 50_000
        + b'":1}\n'
        + (genuine.splitlines(keepends=True)[-1])
    )
    with pytest.raises(DecryptionError, match="signature does not verify"):
        read_export(forged, server.verify_key())


def test_desk_login_page_still_works_under_the_limit(client: TestClient) -> None:
    page = client.get("/desk/login")
    response = client.post(
        "/desk/login",
        data={"csrf": csrf_from(page.text), "username": "u", "password": "p", "totp": "1"},
    )
    assert response.status_code == 401


def test_preview_and_edit_steps_get_the_witness_form_limit(settings: Settings) -> None:
    """The preview and edit steps carry the whole text, the words to hide and the preview's
    surrogates back and forth: they get the witness forms' limit, not the small default."""
    from intake.body_limit import route_limits

    def limit(path: str) -> int:
        return next(
            (r.limit for r in route_limits(settings) if r.pattern.match(path)),
            settings.max_request_bytes,
        )

    for step in ("preview", "edit"):
        assert limit(f"/ru/{step}") == limit("/ru/submit") > settings.max_request_bytes
