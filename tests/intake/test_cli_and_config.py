"""Start-up configuration and the administrators' command line."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import keys
from intake.app import create_app
from intake.cli import app as cli
from intake.config import ConfigError, Settings, load_settings
from intake.db.engine import make_engine
from intake.vault import DEV_KEY_NAME, open_vault

DEV_PASSPHRASE_NAME = "dev-keyholder.passphrase"


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for name, value in settings.model_dump(exclude_none=True).items():
        monkeypatch.setenv(f"TESTIMONY_{name.upper()}", str(value))
    return settings


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("TESTIMONY_DATABASE_URL", "not a url", "TESTIMONY_DATABASE_URL: Value error, is not a"),
        ("TESTIMONY_DATABASE_URL", "mysql://x@y/z", "only sqlite and postgresql"),
        ("TESTIMONY_KEYHOLDER_KEYS_FILE", "/nonexistent/keys.pub", "does not exist"),
        ("TESTIMONY_THRESHOLD", "0", "TESTIMONY_THRESHOLD"),
        ("TESTIMONY_MAX_TEXT_CHARS", "lots", "TESTIMONY_MAX_TEXT_CHARS"),
        ("TESTIMONY_LOG_LEVEL", "LOUD", "TESTIMONY_LOG_LEVEL"),
    ],
)
def test_configuration_mistakes_are_named(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as error:
        load_settings()
    assert message in str(error.value)


def test_malformed_keyholder_key_is_reported_with_its_line(tmp_path: Path) -> None:
    keys_file = tmp_path / "keyholders.pub"
    keys_file.write_text("# key holders\ntk-pub-1:garbage\n")
    settings = Settings(data_dir=tmp_path / "data", keyholder_keys_file=keys_file)
    with pytest.raises(ConfigError, match=r"keyholders.pub:2: not a key-holder public key"):
        open_vault(settings, make_engine(settings.sqlalchemy_url))


def test_threshold_above_the_number_of_holders_is_refused(tmp_path: Path, keyholder) -> None:
    keys_file = tmp_path / "keyholders.pub"
    keys_file.write_text(keyholder.private_key.public_key().to_text() + "\n")
    settings = Settings(data_dir=tmp_path / "data", keyholder_keys_file=keys_file, threshold=2)
    with pytest.raises(ConfigError, match="only 1 key-holder"):
        open_vault(settings, make_engine(settings.sqlalchemy_url))


def test_first_start_creates_a_development_key_holder_loudly(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url)
    with TestClient(create_app(settings)) as client:
        receipt = client.post("/api/v1/testimonies", json={"text": "Ivan from Tula."})
    assert receipt.status_code == 201
    out = capsys.readouterr().out
    assert "DEVELOPMENT KEY HOLDER CREATED" in out
    secret_file = tmp_path / "data" / DEV_PASSPHRASE_NAME
    assert str(secret_file) in out
    passphrase = secret_file.read_text().strip()
    private = keys.PrivateKey.load(tmp_path / "data" / DEV_KEY_NAME, passphrase)
    assert (tmp_path / "data" / "keyholders.pub").read_text().strip() == (
        private.public_key().to_text()
    )
    create_app(settings)  # a second start reuses the key pair and prints nothing
    assert "DEVELOPMENT" not in capsys.readouterr().out


def test_dev_passphrase_stays_out_of_service_logs(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not interactive (a service): never on stdout or in service.log; a 0600 file instead."""
    create_app(Settings(data_dir=tmp_path / "data", database_url=database_url))
    out = capsys.readouterr().out
    secret_file = tmp_path / "data" / DEV_PASSPHRASE_NAME
    passphrase = secret_file.read_text().strip()
    assert passphrase not in out
    assert passphrase not in (tmp_path / "data" / "logs" / "service.log").read_text()
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600


def test_dev_passphrase_is_shown_on_an_interactive_terminal_only(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    create_app(Settings(data_dir=tmp_path / "data", database_url=database_url))
    passphrase = capsys.readouterr().out.split("passphrase  : ", 1)[1].split()[0]
    keys.PrivateKey.load(tmp_path / "data" / DEV_KEY_NAME, passphrase)
    assert not (tmp_path / "data" / DEV_PASSPHRASE_NAME).exists()


def test_production_start_refuses_a_recipient_whose_private_key_is_on_the_server(
    tmp_path: Path, database_url: str
) -> None:
    """A data directory made in development mode, restarted with development mode off."""
    create_app(Settings(data_dir=tmp_path / "data", database_url=database_url))
    with pytest.raises(ConfigError) as refused:
        create_app(
            Settings(data_dir=tmp_path / "data", database_url=database_url, dev_keyholder=False)
        )
    message = str(refused.value)
    assert "refusing to start" in message
    assert f"shred -u {tmp_path / 'data' / DEV_KEY_NAME}" in message
    assert "python -m keys init" in message


def test_without_dev_mode_a_missing_keyholder_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TESTIMONY_KEYHOLDER_KEYS_FILE"):
        settings = Settings(data_dir=tmp_path / "data", dev_keyholder=False)
        open_vault(settings, make_engine(settings.sqlalchemy_url))


def test_admin_creates_disables_enables_and_resets_accounts(
    env: Settings, client: TestClient, tmp_path: Path
) -> None:
    password = tmp_path / "password"
    password.write_text("a very long password indeed")
    runner = CliRunner()
    created = runner.invoke(
        cli, ["accounts", "create", "olga", "--role", "editor", "--password-file", str(password)]
    )
    assert created.exit_code == 0, created.output
    assert "TOTP secret" in created.output
    duplicate = runner.invoke(cli, ["accounts", "create", "olga", "--password-file", str(password)])
    assert duplicate.exit_code == 1
    assert "already exists" in duplicate.output

    import pyotp

    secret = created.output.rsplit(": ", 1)[1].strip()
    login = {"username": "olga", "password": password.read_text(), "totp": pyotp.TOTP(secret).now()}
    token = client.post("/api/v1/session", json=login).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/editor/testimonies", headers=headers).status_code == 200

    assert runner.invoke(cli, ["accounts", "disable", "olga"]).exit_code == 0
    assert client.get("/api/v1/editor/testimonies", headers=headers).status_code == 401
    assert runner.invoke(cli, ["accounts", "enable", "olga"]).exit_code == 0

    password.write_text("another long password, newer")
    reset = runner.invoke(cli, ["accounts", "reset", "olga", "--password-file", str(password)])
    assert reset.exit_code == 0, reset.output
    new_secret = reset.output.rsplit(": ", 1)[1].strip()
    assert new_secret != secret
    login = {
        "username": "olga",
        "password": password.read_text(),
        "totp": pyotp.TOTP(new_secret).now(),
    }
    assert client.post("/api/v1/session", json=login).status_code == 200
    missing = runner.invoke(cli, ["accounts", "disable", "nobody"])
    assert missing.exit_code == 1
    assert "No account" in missing.output


def test_short_passwords_are_refused(env: Settings, tmp_path: Path) -> None:
    password = tmp_path / "password"
    password.write_text("short")
    result = CliRunner().invoke(
        cli, ["accounts", "create", "ivan", "--password-file", str(password)]
    )
    assert result.exit_code == 1
    assert "at least 12" in result.output
