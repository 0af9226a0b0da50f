"""Key holders over HTTP: exports, rotation by import, the audit log, editorial key rotation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

import keys
from intake.cli import app as intake_cli
from intake.db.models import Testimony
from keys.cli import app as keys_cli
from tests.conftest import KEYHOLDER_PASSPHRASE, KeyHolder
from tests.intake.test_api_witness import STORY, submit

KEYHOLDER_ROUTES = [
    ("get", "/api/v1/keyholder/server-key"),
    ("get", "/api/v1/keyholder/export"),
    ("get", "/api/v1/keyholder/audit-log"),
    ("post", "/api/v1/keyholder/import"),
]


@pytest.mark.parametrize(("method", "path"), KEYHOLDER_ROUTES)
def test_keyholder_routes_refuse_anonymous_and_editors(
    client: TestClient, api_login, method: str, path: str
) -> None:
    assert client.request(method, path).status_code == 401
    assert client.request(method, path, headers=api_login("editor")).status_code == 403


def run(app, args: list[str]) -> str:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


def write_passphrase(path: Path) -> Path:
    path.write_text(KEYHOLDER_PASSPHRASE)
    return path


def test_rotation_to_a_new_key_holder_through_an_import(
    client: TestClient, api_login, keyholder: KeyHolder, tmp_path: Path
) -> None:
    submit(client)
    headers = api_login("keyholder")
    server_key = client.get("/api/v1/keyholder/server-key", headers=headers).json()["server_key"]
    export = client.get("/api/v1/keyholder/export", headers=headers).content
    laptop = tmp_path / "offline-laptop"
    (laptop / "export.tkx").write_bytes(export)
    passphrase = write_passphrase(laptop / "pass")
    newcomer = keys.PrivateKey.generate()
    newcomer.save(laptop / "new.key", KEYHOLDER_PASSPHRASE)
    run(
        keys_cli,
        [
            "rewrap",
            "--key", str(keyholder.key_file),
            "--export", str(laptop / "export.tkx"),
            "--server-key", server_key,
            "--holder", newcomer.public_key().to_text(),
            "--output", str(laptop / "import.tki"),
            "--passphrase-file", str(passphrase),
        ],
    )  # fmt: skip
    response = client.post(
        "/api/v1/keyholder/import",
        headers=headers,
        files={
            "import_file": ("import.tki", (laptop / "import.tki").read_bytes()),
            "export_file": ("export.tkx", export),
        },
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"replaced": 1}

    with client.app.state.services.sessions() as db:
        row = db.scalars(select(Testimony)).one()
    assert (
        keys.open(
            keys.unwrap(row.envelope, record_id=row.id, private_key=newcomer),
            row.original,
            record_id=row.id,
            item="original",
        )
        == STORY.encode()
    )
    with pytest.raises(keys.DecryptionError):
        keys.unwrap(row.envelope, record_id=row.id, private_key=keyholder.private_key)

    replay = client.post(
        "/api/v1/keyholder/import",
        headers=headers,
        files={
            "import_file": ("import.tki", (laptop / "import.tki").read_bytes()),
            "export_file": ("export.tkx", export),
        },
    )
    assert replay.status_code == 409  # the envelope changed since that export


def test_a_tampered_import_is_refused_and_changes_nothing(
    client: TestClient, api_login, keyholder: KeyHolder, tmp_path: Path
) -> None:
    submit(client)
    headers = api_login("keyholder")
    server_key = client.get("/api/v1/keyholder/server-key", headers=headers).json()["server_key"]
    export = client.get("/api/v1/keyholder/export", headers=headers).content
    laptop = tmp_path / "offline-laptop"
    (laptop / "export.tkx").write_bytes(export)
    run(
        keys_cli,
        [
            "rewrap",
            "--key", str(keyholder.key_file),
            "--export", str(laptop / "export.tkx"),
            "--server-key", server_key,
            "--holder", keyholder.private_key.public_key().to_text(),
            "--output", str(laptop / "import.tki"),
            "--passphrase-file", str(write_passphrase(laptop / "pass")),
        ],
    )  # fmt: skip
    tampered = bytearray((laptop / "import.tki").read_bytes())
    tampered[len(tampered) // 2] ^= 0x04
    with client.app.state.services.sessions() as db:
        before = db.scalars(select(Testimony)).one().envelope
    response = client.post(
        "/api/v1/keyholder/import",
        headers=headers,
        files={"import_file": ("i", bytes(tampered)), "export_file": ("e", export)},
    )
    assert response.status_code == 422
    assert "Import refused" in response.json()["detail"]
    with client.app.state.services.sessions() as db:
        assert db.scalars(select(Testimony)).one().envelope == before


def test_audit_log_records_events_and_verifies(
    client: TestClient, api_login, tmp_path: Path
) -> None:
    submit(client)
    editor = api_login("editor")
    testimony_id = client.get("/api/v1/editor/testimonies", headers=editor).json()["items"][0]["id"]
    client.put(
        f"/api/v1/editor/testimonies/{testimony_id}/status",
        json={"status": "in_review"},
        headers=editor,
    )
    holder = api_login("keyholder")
    client.get("/api/v1/keyholder/export", headers=holder)
    log = client.get("/api/v1/keyholder/audit-log", headers=holder).content
    actions = [json.loads(line)["entry"]["action"] for line in log.splitlines()]
    assert actions == ["status", "export"]
    (tmp_path / "audit.jsonl").write_bytes(log)
    assert "intact: 2 entries" in run(keys_cli, ["verify-log", str(tmp_path / "audit.jsonl")])

    forged = log.replace(b'"in_review"', b'"approved"')
    (tmp_path / "forged.jsonl").write_bytes(forged)
    result = CliRunner().invoke(keys_cli, ["verify-log", str(tmp_path / "forged.jsonl")])
    assert result.exit_code != 0
    assert "entry index 0" in result.output


def test_editorial_key_rotation_reencrypts_while_reads_keep_working(
    client: TestClient, api_login, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    submit(client)
    editor = api_login("editor")
    testimony_id = client.get("/api/v1/editor/testimonies", headers=editor).json()["items"][0]["id"]
    client.post(
        f"/api/v1/editor/testimonies/{testimony_id}/notes", json={"body": "n"}, headers=editor
    )
    before = client.get(f"/api/v1/editor/testimonies/{testimony_id}", headers=editor).json()
    keyring = client.app.state.services.vault.editorial
    old_key = keyring.current_key_id

    for name, value in settings.model_dump(exclude_none=True).items():
        monkeypatch.setenv(f"TESTIMONY_{name.upper()}", str(value))
    output = run(intake_cli, ["rotate-editorial-key"])
    assert "re-encrypted 3 item(s)" in output  # the testimony, the note, the editor's TOTP

    with client.app.state.services.sessions() as db:
        row = db.scalars(select(Testimony)).one()
        assert not keyring.needs_reseal(row.redacted)
    keyring.retire(old_key)
    after = client.get(f"/api/v1/editor/testimonies/{testimony_id}", headers=editor).json()
    assert after == before
