"""Settings from environment variables (prefix ``TESTIMONY_``), validated at start."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError


class ConfigError(Exception):
    """A configuration mistake, phrased for the operator who has to fix it."""


class Settings(BaseSettings):
    """Everything the server needs; defaults give a working single-machine install."""

    model_config = SettingsConfigDict(env_prefix="TESTIMONY_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="SQLite file, server keys, logs.")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default is SQLite under data_dir."
    )
    keyholder_keys_file: Path | None = Field(
        default=None,
        description="File with one key-holder public key per line ('tk-pub-1:...'). "
        "Default: data_dir/keyholders.pub, created with a development key pair if absent.",
    )
    threshold: int = Field(default=1, ge=1, description="Key holders needed to open a record.")
    dev_keyholder: bool = Field(
        default=True,
        description="Generate a development key-holder key pair on first start when no "
        "key-holder keys are configured. Turn off in production.",
    )
    max_text_chars: int = Field(default=50_000, ge=100)
    max_attachment_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    max_attachments: int = Field(default=5, ge=0)
    session_minutes: int = Field(default=60, ge=1)
    secure_cookies: bool = True
    rate_global_per_minute: int = Field(default=60, ge=1)
    rate_receipt_per_hour: int = Field(default=20, ge=1)
    link_key_file: Path | None = Field(
        default=None,
        description="Opt-in: secret that makes the same real name get the same surrogate "
        "across testimonies.",
    )
    log_level: str = "INFO"
    retention_days_rejected: int | None = Field(
        default=None,
        ge=1,
        description="Shred rejected testimonies this many days after rejection; unset = keep.",
    )
    # --- abuse control and input limits, shared by every process through the database ---
    rate_per_form_token: int = Field(
        default=3, ge=1, description="Submissions per witness form page (its token) per hour."
    )
    rate_receipt_lookups_per_minute: int = Field(
        default=120, ge=1, description="Receipt codes checked per minute, all witnesses together."
    )
    login_attempts_per_account: int = Field(
        default=10, ge=1, description="Login attempts per account per 15 minutes."
    )
    login_attempts_per_minute: int = Field(
        default=60, ge=1, description="Login attempts per minute, all accounts together."
    )
    max_image_pixels: int = Field(
        default=16_000_000, ge=10_000, description="Largest image attachment, in pixels."
    )
    max_request_bytes: int = Field(
        default=256 * 1024, ge=16 * 1024, description="Body limit of routes without uploads."
    )
    max_import_bytes: int = Field(
        default=1024 * 1024 * 1024, ge=1024 * 1024, description="Body limit of key-holder imports."
    )

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR")
        return value

    @field_validator("database_url")
    @classmethod
    def _parsable_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(
                "is not a SQLAlchemy URL (expected e.g. sqlite:///data/db.sqlite or "
                "postgresql+psycopg://user@host/dbname)"
            ) from None
        if url.get_backend_name() not in {"sqlite", "postgresql"}:
            raise ValueError("only sqlite and postgresql databases are supported")
        return value

    @model_validator(mode="after")
    def _readable_key_file(self) -> Settings:
        path = self.keyholder_keys_file
        if path is not None and not path.is_file():
            raise ValueError(f"keyholder_keys_file {path} does not exist or is not a file")
        if self.link_key_file is not None and not self.link_key_file.is_file():
            raise ValueError(f"link_key_file {self.link_key_file} does not exist")
        return self

    @cached_property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            url = make_url(self.database_url)
            if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
                url = url.set(drivername="postgresql+psycopg")
            return url.render_as_string(hide_password=False)
        return f"sqlite:///{(self.data_dir / 'testimonies.sqlite3').resolve()}"

    @property
    def key_dir(self) -> Path:
        return self.data_dir / "server-keys"

    @property
    def keyholders_path(self) -> Path:
        return self.keyholder_keys_file or self.data_dir / "keyholders.pub"


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning pydantic's report into one readable line per mistake."""
    from pydantic import ValidationError

    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for error in exc.errors(include_input=False, include_url=False):
            field = ".".join(str(p) for p in error["loc"]) or "settings"
            env = f"TESTIMONY_{field.upper()}" if error["loc"] else field
            lines.append(f"{env}: {error['msg']}")
        raise ConfigError("invalid configuration:\n  " + "\n  ".join(lines)) from None
