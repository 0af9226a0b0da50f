"""The whole path over HTTP for all three roles, with canaries that must never leak.

A witness submits; an editor reviews and approves; a key holder exports and decrypts offline
with the command-line tool. The made-up name and village must come back exactly for the key
holder and appear nowhere else: not in the data directory, logs, database or editor responses.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, select
from typer.testing import CliRunner, Result

from intake.db.models import Testimony
from keys.cli import app as keys_cli
from tests.conftest import KeyHolder

CANARY_NAME = "Zakhar Brylyov"
CANARY_PLACE = "Verkhniye Kryzhi"
CANARIES = (CANARY_NAME, "Brylyov", CANARY_PLACE, "Kryzhi")
ORIGINAL = (
    f"My name is {CANARY_NAME}. I was born in the village of {CANARY_PLACE}. "
    "In October the enlistment office sent me a summons and I refused to go. "
    f"Two officers came to my mother's house in {CANARY_PLACE} looking for me. "
    "Brylyov, they said, you will go to prison."
)
FOLLOWUP = f"Today they came again. My mother said {CANARY_NAME} had left the country."


def forms(canary: str) -> list[bytes]:
    return [canary.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")] + [
        canary.lower().encode(),
        canary.upper().encode(),
    ]


def assert_no_canary(blob: bytes, where: str) -> None:
    for canary in CANARIES:
        for encoded in forms(canary):
            assert encoded not in blob, f"{canary!r} leaked into {where}"


def database_dump(client: TestClient) -> bytes:
    """Every value of every table, whatever the engine."""
    engine = client.app.state.services.sessions.kw["bind"]
    metadata = MetaData()
    metadata.reflect(engine)
    chunks = []
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table)):
                for value in row:
                    chunks.append(value if isinstance(value, bytes) else str(value).encode())
    return b"\n".join(chunks)


def decrypt_from_database(keyholder: KeyHolder, url: str, passphrase_file: Path) -> Result:
    return CliRunner().invoke(
        keys_cli,
        [
            "decrypt",
            "--key", str(keyholder.key_file),
            "--database", url,
            "--passphrase-file", str(passphrase_file),
        ],
    )  # fmt: skip


@pytest.fixture
def passphrase_file(keyholder: KeyHolder, tmp_path: Path) -> Path:
    path = tmp_path / "offline-laptop" / "passphrase"
    path.write_text(keyholder.passphrase)
    return path


def test_submit_review_decrypt_without_leaks(
    client: TestClient,
    api_login,
    keyholder: KeyHolder,
    passphrase_file: Path,
    settings,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    # Witness
    response = client.post("/api/v1/testimonies", json={"text": ORIGINAL, "language": "en"})
    assert response.status_code == 201
    receipt = response.json()["receipt"]
    response = client.post("/api/v1/receipts/messages", json={"receipt": receipt, "text": FOLLOWUP})
    assert response.status_code == 201

    # Editor
    editor = api_login("editor")
    editor_responses = [client.get("/api/v1/editor/testimonies", headers=editor)]
    testimony_id = editor_responses[0].json()["items"][0]["id"]
    editor_responses.append(
        client.get(f"/api/v1/editor/testimonies/{testimony_id}", headers=editor)
    )
    view = editor_responses[-1].json()
    assert {p["label"] for p in view["pseudonyms"]} >= {"PERSON", "LOCATION"}
    assert (
        client.put(
            f"/api/v1/editor/testimonies/{testimony_id}/status",
            json={"status": "approved"},
            headers=editor,
        ).status_code
        == 204
    )
    for fmt in ("json", "markdown"):
        editor_responses.append(
            client.get(f"/api/v1/editor/exports/approved?format={fmt}", headers=editor)
        )
    for response in editor_responses:
        assert response.status_code == 200
        assert_no_canary(response.content, f"editor response {response.url}")

    # Key holder: download a signed export, decrypt it offline.
    holder = api_login("keyholder")
    server_key = client.get("/api/v1/keyholder/server-key", headers=holder).json()["server_key"]
    export = client.get("/api/v1/keyholder/export", headers=holder)
    assert export.status_code == 200
    assert_no_canary(export.content, "the export file")
    export_path = tmp_path / "offline-laptop" / "testimonies.tkx"
    export_path.write_bytes(export.content)
    out_dir = tmp_path / "offline-laptop" / "plain"
    result = CliRunner().invoke(
        keys_cli,
        [
            "decrypt",
            "--key",
            str(keyholder.key_file),
            "--export",
            str(export_path),
            "--server-key",
            server_key,
            "--passphrase-file",
            str(passphrase_file),
            "--output-dir",
            str(out_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    (record_dir,) = out_dir.iterdir()
    assert (record_dir / "original").read_text() == ORIGINAL
    assert (record_dir / "message_1").read_text() == FOLLOWUP
    real_names = json.loads((record_dir / "memory").read_text())
    assert CANARY_PLACE.lower() in json.dumps(real_names, ensure_ascii=False).lower()

    # ... or straight from the database, on a machine the key holder trusts.
    result = decrypt_from_database(keyholder, settings.sqlalchemy_url, passphrase_file)
    assert result.exit_code == 0, result.output
    assert ORIGINAL in result.stdout

    # Nothing the server keeps or says holds the canaries.
    client.app.state.services.sessions.kw["bind"].dispose()
    for path in Path(settings.data_dir).rglob("*"):
        if path.is_file():
            assert_no_canary(path.read_bytes(), str(path))
    assert_no_canary(database_dump(client), "the database")
    assert_no_canary("\n".join(r.getMessage() for r in caplog.records).encode(), "log records")
    assert_no_canary(caplog.text.encode(), "formatted logs")


def test_decrypting_tampered_ciphertext_fails_clearly(
    client: TestClient, keyholder: KeyHolder, passphrase_file: Path, settings
) -> None:
    client.post("/api/v1/testimonies", json={"text": ORIGINAL, "language": "en"})
    services = client.app.state.services
    with services.sessions() as db:
        row = db.scalars(select(Testimony)).one()
        tampered = bytearray(row.original)
        tampered[len(tampered) // 2] ^= 0x01
        row.original = bytes(tampered)
        db.commit()
    result = decrypt_from_database(keyholder, settings.sqlalchemy_url, passphrase_file)
    assert result.exit_code != 0
    assert "original" in result.output
    assert "tamper" in result.output.lower() or "does not decrypt" in result.output.lower()
    assert "Traceback" not in result.output


@pytest.mark.parametrize("column", ["redacted", "envelope", "witness_key"])
def test_tampered_server_side_ciphertext_is_refused_without_a_500_leak(
    client: TestClient, api_login, column: str
) -> None:
    response = client.post("/api/v1/testimonies", json={"text": ORIGINAL, "language": "en"})
    receipt = response.json()["receipt"]
    services = client.app.state.services
    with services.sessions() as db:
        row = db.scalars(select(Testimony)).one()
        blob = bytearray(getattr(row, column))
        blob[-5] ^= 0x80
        setattr(row, column, bytes(blob))
        db.commit()
    if column == "redacted":
        headers = api_login("editor")
        with TestClient(client.app, raise_server_exceptions=False) as raw:
            response = raw.get(f"/api/v1/editor/testimonies/{row.id}", headers=headers)
    else:
        with TestClient(client.app, raise_server_exceptions=False) as raw:
            response = raw.post(
                "/api/v1/receipts/messages", json={"receipt": receipt, "text": "more"}
            )
    assert response.status_code == 500
    assert "integrity check" in response.json()["detail"]
    assert_no_canary(response.content, "an error response")
