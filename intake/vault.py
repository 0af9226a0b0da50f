"""The server's key material: key-holder public keys, editorial keyring, receipt salt.

The server holds no key-holder private key. In development mode a key pair is generated on
first start so the service works out of the box; its private key file must leave the server.
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

import keys
from intake.config import ConfigError, Settings
from intake.db.editorial_keys import DatabaseKeyringStore
from intake.filesystem import private_dir
from keys.editorial import FileKeyringStore
from keys.keypair import read_public_key

log = logging.getLogger(__name__)

AUDIT_KEY_FILE = "audit.key"  # HMAC key of the audit chain, in the key directory

DEV_KEY_NAME = "dev-keyholder.key"
DEV_PASSPHRASE_NAME = "dev-keyholder.passphrase"  # noqa: S105 - a file name


@dataclass(frozen=True)
class Vault:
    recipients: keys.Recipients
    editorial: keys.EditorialKeyring
    receipt_salt: bytes
    link_key: bytes | None
    signing: keys.SigningKey
    audit_key: bytes  # HMAC key of the audit chain
    form_key: bytes  # HMAC key of witness form tokens


def _read_or_create_secret(path: Path, size: int) -> bytes:
    if path.exists():
        return path.read_bytes()
    private_dir(path.parent)
    value = secrets.token_bytes(size)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(value)
    return value


def _create_dev_keyholder(settings: Settings) -> None:
    """Generate a development key pair and say loudly what that means.

    The passphrase goes to an interactive terminal only; a service's stdout ends up in its
    logs, so otherwise it is written once to a 0600 file next to the key.
    """
    passphrase = "-".join(secrets.token_hex(3) for _ in range(5))
    private = keys.PrivateKey.generate()
    key_path = settings.data_dir / DEV_KEY_NAME
    private.save(key_path, passphrase)
    settings.keyholders_path.write_text(private.public_key().to_text() + "\n")
    if sys.stdout.isatty():
        shown = f"  passphrase  : {passphrase}\n  This passphrase is shown once."
    else:
        secret_path = settings.data_dir / DEV_PASSPHRASE_NAME
        fd = os.open(secret_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(passphrase + "\n")
        shown = f"  passphrase  : in {secret_path} (0600; not printed into the service log)"
    banner = "!" * 72
    print(
        f"\n{banner}\n"
        "  DEVELOPMENT KEY HOLDER CREATED — NOT FOR REAL TESTIMONIES\n"
        f"  private key : {key_path}\n"
        f"{shown}\n"
        "  Anyone with this machine and the passphrase can read every original.\n"
        "  In production, create key pairs offline with `python -m keys init`, put only\n"
        "  public keys in TESTIMONY_KEYHOLDER_KEYS_FILE and set TESTIMONY_DEV_KEYHOLDER=false.\n"
        f"{banner}\n",
        flush=True,
    )


def _refuse_private_keys_on_server(settings: Settings, holders: list[keys.PublicKey]) -> None:
    """Outside development mode, no configured recipient may have its private key here."""
    if settings.dev_keyholder:
        return
    configured = {holder.key_id for holder in holders}
    for path in sorted(settings.data_dir.glob("*.key")):
        try:
            key_id = read_public_key(path).key_id
        except (keys.KeyFileError, OSError):
            continue
        if key_id in configured:
            raise ConfigError(
                f"refusing to start: key holder {key_id} has its private key on this server "
                f"({path}), so seizing the server would open every testimony. Configure real "
                "key holders made offline (`python -m keys init --key holder.key`, then their "
                "lines in TESTIMONY_KEYHOLDER_KEYS_FILE) and remove the file: "
                f"`shred -u {path}`"
            )


def load_public_keys(path: Path) -> list[keys.PublicKey]:
    try:
        lines = path.read_text().splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read key-holder keys file {path}: {exc.strerror}") from None
    result = []
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            result.append(keys.PublicKey.from_text(line))
        except ValueError as exc:
            raise ConfigError(f"{path}:{number}: not a key-holder public key ({exc})") from None
    if not result:
        raise ConfigError(f"{path} lists no key-holder public key")
    return result


def open_editorial_keyring(settings: Settings, engine: Engine) -> keys.EditorialKeyring:
    """The keyring in the database, wrapped under a key that never leaves the key directory."""
    store = DatabaseKeyringStore(
        engine,
        _read_or_create_secret(settings.key_dir / "editorial-wrap.key", 32),
        legacy=FileKeyringStore(settings.key_dir / "editorial"),
    )
    return keys.EditorialKeyring.open_store(store)


def open_vault(settings: Settings, engine: Engine) -> Vault:
    """Load (or, on a fresh development install, create) the server's key material.

    The database must be migrated: the editorial keyring lives there."""
    private_dir(settings.data_dir)
    private_dir(settings.key_dir)
    if not settings.keyholders_path.exists():
        if settings.keyholder_keys_file is None and settings.dev_keyholder:
            _create_dev_keyholder(settings)
        else:
            raise ConfigError(
                "no key-holder public keys: set TESTIMONY_KEYHOLDER_KEYS_FILE to a file "
                "with one 'tk-pub-1:...' line per key holder"
            )
    holders = load_public_keys(settings.keyholders_path)
    _refuse_private_keys_on_server(settings, holders)
    if settings.threshold > len(holders):
        raise ConfigError(
            f"TESTIMONY_THRESHOLD={settings.threshold} but only {len(holders)} key-holder "
            "key(s) are configured"
        )
    link_key = settings.link_key_file.read_bytes() if settings.link_key_file else None
    return Vault(
        recipients=keys.Recipients(holders, threshold=settings.threshold),
        editorial=open_editorial_keyring(settings, engine),
        receipt_salt=_read_or_create_secret(settings.key_dir / "receipt.salt", 32),
        link_key=link_key,
        signing=keys.SigningKey.load_or_create(settings.key_dir),
        audit_key=_read_or_create_secret(settings.key_dir / AUDIT_KEY_FILE, 32),
        form_key=_read_or_create_secret(settings.key_dir / "form.key", 32),
    )
