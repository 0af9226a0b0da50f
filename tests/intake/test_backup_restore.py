"""Restore drill: submit, back up, wipe, restore, a key holder decrypts everything, receipts work.

Runs on SQLite and, with TESTIMONY_TEST_DATABASE_URL set, on PostgreSQL (``pg_dump``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from typer.testing import CliRunner

import keys
from intake.app import create_app
from intake.audit import entries
from intake.backup import database
from intake.cli import app as cli
from intake.config import Settings
from intake.db.engine import make_engine
from intake.db.models import Testimony
from intake.pseudonymised import PseudonymisedText
from keys.cli import app as keys_cli
from tests.conftest import KeyHolder
from tests.intake.test_end_to_end import (
    CANARIES,
    FOLLOWUP,
    ORIGINAL,
    assert_no_canary,
)

SECOND = "We were held in a basement in Kherson for three days before they let us go."


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for name, value in settings.model_dump(exclude_none=True).items():
        monkeypatch.setenv(f"TESTIMONY_{name.upper()}", str(value))
    return settings


@pytest.fixture
def passphrase_file(keyholder: KeyHolder, tmp_path: Path) -> Path:
    path = tmp_path / "offline-laptop" / "passphrase"
    path.write_text(keyholder.passphrase)
    return path


def _wipe(settings: Settings) -> None:
    """The server is lost: data directory gone, database empty."""
    shutil.rmtree(settings.data_dir)
    if settings.sqlalchemy_url.startswith("postgresql"):
        engine = make_engine(settings.sqlalchemy_url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()


def _restore(backup: Path, key: Path, passphrase: Path):
    return CliRunner().invoke(
        cli,
        ["restore", str(backup), "--key", str(key), "--passphrase-file", str(passphrase)],
    )


@pytest.mark.parametrize("method", ["native", "logical"])
def test_restore_drill_backup_wipe_restore_decrypt_and_old_receipts_work(
    env: Settings,
    client: TestClient,
    keyholder: KeyHolder,
    passphrase_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    method: str,
) -> None:
    """native: SQLite online backup or pg_dump; logical: the fallback without pg_dump."""
    if method == "logical":
        monkeypatch.setattr(database, "method_for", lambda url: "logical")
    first = client.post("/api/v1/testimonies", json={"text": ORIGINAL, "language": "en"})
    receipt = first.json()["receipt"]
    assert (
        client.post(
            "/api/v1/receipts/messages", json={"receipt": receipt, "text": FOLLOWUP}
        ).status_code
        == 201
    )
    second = client.post("/api/v1/testimonies", json={"text": SECOND, "language": "en"})
    second_receipt = second.json()["receipt"]

    backup = tmp_path / "backups" / "nightly.tkb"
    backup.parent.mkdir()
    made = CliRunner().invoke(cli, ["backup", "-o", str(backup)])
    assert made.exit_code == 0, made.output
    sealed = backup.read_bytes()
    assert_no_canary(sealed, "the backup file")
    for path in env.key_dir.rglob("*"):
        if path.is_file() and path.stat().st_size >= 16:
            assert path.read_bytes() not in sealed, f"{path.name} readable in the backup"
    assert b"ustar" not in sealed and b"SQLite format" not in sealed

    client.app.state.services.sessions.kw["bind"].dispose()
    _wipe(env)

    stranger = keys.PrivateKey.generate()
    stranger.save(tmp_path / "stranger.key", keyholder.passphrase)
    refused = _restore(backup, tmp_path / "stranger.key", passphrase_file)
    assert refused.exit_code == 1 and "does not open" in refused.output
    restored = _restore(backup, keyholder.key_file, passphrase_file)
    assert restored.exit_code == 0, restored.output

    # A key holder decrypts everything, straight from the restored database.
    out = tmp_path / "offline-laptop" / "plain"
    result = CliRunner().invoke(
        keys_cli,
        [
            "decrypt",
            "--key", str(keyholder.key_file),
            "--database", env.sqlalchemy_url,
            "--passphrase-file", str(passphrase_file),
            "--output-dir", str(out),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    plain = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert ORIGINAL.encode() in plain and FOLLOWUP.encode() in plain and SECOND.encode() in plain

    # The service comes back with the same keys: receipts and editorial text still work.
    app = create_app(env)
    try:
        with TestClient(app, base_url="https://testserver") as again:
            status = again.post("/api/v1/receipts/status", json={"receipt": receipt})
            assert status.status_code == 200 and status.json()["followups"] == 1
            more = again.post(
                "/api/v1/receipts/messages", json={"receipt": receipt, "text": "Still here."}
            )
            assert more.status_code == 201 and more.json()["followups"] == 2
            assert (
                again.post("/api/v1/receipts/status", json={"receipt": second_receipt}).status_code
                == 200
            )
        services = app.state.services
        with services.sessions() as db:
            rows = db.scalars(select(Testimony)).all()
            assert len(rows) == 2
            assert [e["action"] for e, _ in entries(db)].count("restore") == 1
            for row in rows:
                view = PseudonymisedText.open(
                    services.vault.editorial, row.redacted, record_id=row.id, item="redacted"
                )
                for canary in CANARIES:
                    assert canary not in view.text
    finally:
        app.state.services.sessions.kw["bind"].dispose()


def test_restore_refuses_to_overwrite_a_live_install(
    env: Settings, client: TestClient, keyholder: KeyHolder, passphrase_file: Path, tmp_path: Path
) -> None:
    receipt = client.post("/api/v1/testimonies", json={"text": SECOND}).json()["receipt"]
    backup = tmp_path / "b.tkb"
    assert CliRunner().invoke(cli, ["backup", "-o", str(backup)]).exit_code == 0
    result = _restore(backup, keyholder.key_file, passphrase_file)
    assert result.exit_code == 1 and "fresh install" in result.output
    assert client.post("/api/v1/receipts/status", json={"receipt": receipt}).status_code == 200


def test_backup_file_is_private_and_names_nothing(
    env: Settings, client: TestClient, tmp_path: Path
) -> None:
    client.post("/api/v1/testimonies", json={"text": ORIGINAL, "language": "en"})
    backup = tmp_path / "b.tkb"
    assert CliRunner().invoke(cli, ["backup", "-o", str(backup)]).exit_code == 0
    assert backup.stat().st_mode & 0o777 == 0o600
    header = backup.read_bytes().split(b"\n", 2)[1]
    assert set(json.loads(header)) == {"backup_id", "envelope"}


def test_threshold_backup_needs_enough_key_holders() -> None:
    from intake.backup import container

    holders = [keys.PrivateKey.generate(keys.Suite.X25519) for _ in range(3)]
    recipients = keys.Recipients([h.public_key() for h in holders], threshold=2)
    sealed = container.seal(container.pack({"a.txt": b"archive"}), recipients)
    with pytest.raises(container.BackupError, match="does not open"):
        container.open_sealed(sealed, holders[:1])
    opened = container.open_sealed(sealed, [holders[2], holders[0]])
    assert container.unpack(opened) == {"a.txt": b"archive"}
