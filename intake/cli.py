"""Server-side command line: run the service and administer accounts.

Key-holder work (decryption, shares, rewrap) is not here: it lives in ``python -m keys``
and is meant for the key holders' own offline machines.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from intake.config import ConfigError, load_settings
from intake.errors import IntakeError

app = typer.Typer(no_args_is_help=True, help="Testimony intake server.")
accounts_app = typer.Typer(no_args_is_help=True, help="Editor, key-holder and admin accounts.")
app.add_typer(accounts_app, name="accounts")


def _services():  # type: ignore[no-untyped-def]
    from intake.app import build_services

    try:
        return build_services(load_settings())
    except ConfigError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


def _fail(exc: IntakeError) -> typer.Exit:
    typer.echo(f"error: {exc.message}", err=True)
    return typer.Exit(1)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Start the web service (witness pages, editors' desk, API)."""
    import uvicorn

    from intake.app import create_app

    try:
        application = create_app(load_settings())
    except ConfigError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Serving on http://{host}:{port}/  (Ctrl+C to stop)")
    uvicorn.run(application, host=host, port=port, access_log=False, server_header=False)


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

    services = _services()
    with services.sessions() as db:
        try:
            _, secret = create_account(
                db, services, username=username, password=_password(password_file), role=role
            )
        except IntakeError as exc:
            raise _fail(exc) from None
    typer.echo(f"Created {role} '{username}'.")
    typer.echo(f"TOTP secret (add it to an authenticator app; shown once): {secret}")


@accounts_app.command("disable")
def disable(username: str) -> None:
    """Disable an account and end its sessions."""
    from intake.services.accounts import set_disabled

    services = _services()
    with services.sessions() as db:
        try:
            set_disabled(db, username, True)
        except IntakeError as exc:
            raise _fail(exc) from None
    typer.echo(f"Disabled '{username}'.")


@accounts_app.command("enable")
def enable(username: str) -> None:
    """Re-enable a disabled account."""
    from intake.services.accounts import set_disabled

    services = _services()
    with services.sessions() as db:
        try:
            set_disabled(db, username, False)
        except IntakeError as exc:
            raise _fail(exc) from None
    typer.echo(f"Enabled '{username}'.")


@accounts_app.command("reset")
def reset(username: str, password_file: PasswordFile = None) -> None:
    """Set a new password and TOTP secret; ends every session of the account."""
    from intake.services.accounts import reset_account

    services = _services()
    with services.sessions() as db:
        try:
            secret = reset_account(db, services, username, _password(password_file))
        except IntakeError as exc:
            raise _fail(exc) from None
    typer.echo(f"Reset '{username}'. New TOTP secret (shown once): {secret}")
