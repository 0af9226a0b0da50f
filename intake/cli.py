"""Server-side command line: run the service and administer accounts.

Key-holder work (decryption, shares, rewrap) is not here: it lives in ``python -m keys``
and is meant for the key holders' own offline machines.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from intake.config import ConfigError, load_settings
from intake.errors import IntakeError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from intake.services import Services

app = typer.Typer(no_args_is_help=True, help="Testimony intake server.")
accounts_app = typer.Typer(no_args_is_help=True, help="Editor, key-holder and admin accounts.")
app.add_typer(accounts_app, name="accounts")


def _services() -> Services:
    from intake.app import build_services

    try:
        return build_services(load_settings())
    except ConfigError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


@contextmanager
def _work() -> Iterator[tuple[Session, Services]]:
    """A database session; service errors become one line on stderr and exit status 1."""
    services = _services()
    with services.sessions() as db:
        try:
            yield db, services
        except IntakeError as exc:
            typer.echo(f"error: {exc.message}", err=True)
            raise typer.Exit(1) from None


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes; default: the number of CPU cores."),
    ] = None,
) -> None:
    """Start the web service (witness pages, editors' desk, API)."""
    import uvicorn

    from intake.app import build_services

    try:
        # Once, before any worker starts: check the configuration, create missing server
        # keys and migrate the schema, so workers never race each other doing it.
        build_services(load_settings()).sessions.kw["bind"].dispose()
    except ConfigError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    count = workers or len(os.sched_getaffinity(0))  # the cores this process may use
    typer.echo(f"Serving on http://{host}:{port}/ with {count} worker(s)  (Ctrl+C to stop)")
    uvicorn.run(
        "intake.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=count,
        access_log=False,
        server_header=False,
        http="intake.http_protocol:SecureH11Protocol",
    )


def _password(password_file: typer.FileText | None) -> str:
    if password_file is not None:
        return password_file.read().strip()
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


PasswordFile = Annotated[
    typer.FileText | None,
    typer.Option("--password-file", help="Read the password from this file instead of a prompt."),
]


@accounts_app.command("create")
def create(
    username: str,
    role: Annotated[str, typer.Option(help="editor, keyholder or admin.")] = "editor",
    password_file: PasswordFile = None,
) -> None:
    """Create an account and print its TOTP secret (shown once)."""
    from intake.services.accounts import create_account

    with _work() as (db, services):
        _, secret = create_account(
            db, services, username=username, password=_password(password_file), role=role
        )
    typer.echo(f"Created {role} '{username}'.")
    typer.echo(f"TOTP secret (add it to an authenticator app; shown once): {secret}")


def _set_disabled(username: str, disabled: bool) -> None:
    from intake.services.accounts import set_disabled

    with _work() as (db, services):
        set_disabled(db, services, username, disabled)
    typer.echo(f"{'Disabled' if disabled else 'Enabled'} '{username}'.")


@accounts_app.command("disable")
def disable(username: str) -> None:
    """Disable an account and end its sessions."""
    _set_disabled(username, True)


@accounts_app.command("enable")
def enable(username: str) -> None:
    """Re-enable a disabled account."""
    _set_disabled(username, False)


@accounts_app.command("reset")
def reset(username: str, password_file: PasswordFile = None) -> None:
    """Set a new password and TOTP secret; ends every session of the account."""
    from intake.services.accounts import reset_account

    with _work() as (db, services):
        secret = reset_account(db, services, username, _password(password_file))
    typer.echo(f"Reset '{username}'. New TOTP secret (shown once): {secret}")


keyholder_app = typer.Typer(
    no_args_is_help=True, help="Sealed exports and imports for key holders (no plaintext)."
)
app.add_typer(keyholder_app, name="keyholder")


@keyholder_app.command("server-key")
def server_key() -> None:
    """Print the export-signing public key, to hand to key holders in person."""
    typer.echo(_services().vault.signing.verify_key().to_text())


@keyholder_app.command("export")
def export_command(
    output: Annotated[typer.FileBinaryWrite, typer.Option("--output", "-o")],
    status: Annotated[str | None, typer.Option(help="Only records with this status.")] = None,
) -> None:
    """Write a signed export of sealed records for offline decryption or rotation."""
    from intake.services.keyholder import export

    with _work() as (db, services):
        output.write(export(db, services, actor="cli", status=status))
    typer.echo(f"Export written to {output.name}.")


@keyholder_app.command("import")
def import_command(
    import_file: Annotated[typer.FileBinaryRead, typer.Argument(help="From `keys rewrap`.")],
    export_file: Annotated[
        typer.FileBinaryRead, typer.Option("--export", help="The export it answers.")
    ],
) -> None:
    """Replace envelopes with re-sealed ones after adding or removing key holders."""
    from intake.services.keyholder import import_envelopes

    with _work() as (db, services):
        count = import_envelopes(
            db,
            services,
            import_data=import_file.read(),
            export_data=export_file.read(),
            actor="cli",
        )
    typer.echo(f"Replaced {count} envelope(s).")


@keyholder_app.command("forget-replaced")
def forget_replaced_command(
    confirmations: Annotated[
        list[typer.FileBinaryRead], typer.Argument(help="From `keys confirm`, one per key holder.")
    ],
) -> None:
    """After a rotation: drop the envelopes imports replaced, for the records whose new
    envelope a key holder confirmed opens (`keys confirm` on a fresh export)."""
    from intake.services.keyholder import forget_replaced

    with _work() as (db, services):
        result = forget_replaced(
            db, services, confirmations=[f.read() for f in confirmations], actor="cli"
        )
    typer.echo(f"Forgot {result.envelopes} replaced envelope(s).")
    if result.unconfirmed:
        typer.echo(
            f"Kept the replaced envelopes of {len(result.unconfirmed)} record(s) no confirmation "
            f"covers: {' '.join(result.unconfirmed)}"
        )


@keyholder_app.command("audit-log")
def audit_log_command(output: Annotated[typer.FileBinaryWrite, typer.Option("--output", "-o")]):
    """Write the audit log as JSON lines, for `python -m keys verify-log`."""
    from intake.services.keyholder import audit_log

    with _work() as (db, _):
        output.write(audit_log(db))


@app.command("rotate-editorial-key")
def rotate_editorial_key() -> None:
    """New editorial key; re-encrypts pseudonymised text while the service keeps running."""
    from intake.services.keyholder import rotate_editorial_key as rotate

    with _work() as (db, services):
        key_id, count = rotate(db, services, actor="cli")
    typer.echo(f"Editorial key {key_id} is now current; re-encrypted {count} item(s).")


@app.command("stats")
def stats() -> None:
    """Per language: testimonies where the witness hid words redaction missed (counts only)."""
    from intake.services.stats import hidden_by_witness

    with _work() as (db, _):
        for row in hidden_by_witness(db):
            typer.echo(
                f"{row.language}: {row.hid} of {row.testimonies} testimonies needed "
                "words hidden by the witness"
            )


@app.command("purge-expired")
def purge_expired_command() -> None:
    """Shred rejected testimonies older than TESTIMONY_RETENTION_DAYS_REJECTED (also run hourly
    by the service)."""
    from intake.services.shredding import purge_expired

    with _work() as (db, services):
        if services.settings.retention_days_rejected is None:
            typer.echo("Nothing to do: retention is off (TESTIMONY_RETENTION_DAYS_REJECTED unset).")
            return
        count = purge_expired(db, services)
    typer.echo(f"Shredded {count} rejected testimony(ies) past the retention period.")


@app.command()
def backup(
    output: Annotated[Path, typer.Option("--output", "-o", help="Backup file to write.")],
) -> None:
    """Encrypted backup of the database and server keys, to the key holders' public keys."""
    from intake.backup.container import BackupError
    from intake.backup.operations import make_backup

    services = _services()
    try:
        data = make_backup(services.settings, services.vault.recipients)
    except BackupError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    finally:
        services.sessions.kw["bind"].dispose()
    fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    typer.echo(f"Backup written to {output} ({len(data)} bytes), sealed to the key holders.")


def _key_holder_keys(key_files: list[Path], passphrase_files: list[Path] | None) -> list:
    """Each key holder's key, with a passphrase from a file, $TK_PASSPHRASE or a prompt."""
    import keys

    if passphrase_files and len(passphrase_files) != len(key_files):
        typer.echo("error: give one --passphrase-file per --key", err=True)
        raise typer.Exit(2)
    loaded = []
    for index, key_file in enumerate(key_files):
        if passphrase_files:
            passphrase = passphrase_files[index].read_text(encoding="utf-8").rstrip("\r\n")
        elif len(key_files) == 1 and os.environ.get("TK_PASSPHRASE"):
            passphrase = os.environ["TK_PASSPHRASE"]
        else:
            passphrase = typer.prompt(f"Passphrase for {key_file}", hide_input=True, err=True)
        try:
            loaded.append(keys.PrivateKey.load(key_file, passphrase))
        except (keys.KeyFileError, keys.DecryptionError, OSError) as exc:
            typer.echo(f"error: {key_file}: {exc}", err=True)
            raise typer.Exit(1) from None
    return loaded


@app.command()
def restore(
    backup_file: Annotated[Path, typer.Argument(help="A file from `python -m intake backup`.")],
    key: Annotated[
        list[Path],
        typer.Option(
            "--key",
            "-k",
            help="A key holder's key file (repeat for threshold set-ups). Read into memory "
            "for this command only; never copied.",
        ),
    ],
    passphrase_file: Annotated[
        list[Path] | None,
        typer.Option("--passphrase-file", help="One per --key (or $TK_PASSPHRASE, or a prompt)."),
    ] = None,
) -> None:
    """Restore a backup into a fresh install (empty database, no server keys yet)."""
    from intake.backup.container import BackupError
    from intake.backup.operations import restore_backup

    try:
        settings = load_settings()
    except ConfigError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    holders = _key_holder_keys(key, passphrase_file)
    try:
        manifest = restore_backup(settings, backup_file.read_bytes(), holders)
    except (BackupError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Restored the backup of {manifest['created']}; start the service to migrate.")
