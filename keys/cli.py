"""Key-holder command line (``python -m keys`` / ``testimony-keys``).

Meant for the key holder's own, ideally offline, machine. Errors are one line on
stderr with exit code 1 -- never a traceback, never key material.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import track

from keys import audit, confirmation, holder, sharefile
from keys.envelope import Recipients, Share
from keys.errors import DecryptionError, KeyFileError
from keys.export import Export, ExportRecord, write_import
from keys.hpke_suites import DEFAULT_SUITE, Suite
from keys.keypair import PrivateKey, PublicKey, read_public_key
from keys.signing import VerifyKey
from keys.sources import DatabaseSource, ExportFileSource

app = typer.Typer(
    help="Key-holder tools: keys, offline decryption, threshold shares, "
    "rotation, audit-log checks.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])

PASSPHRASE_ENV = "TK_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")

KeyOpt = Annotated[Path, typer.Option("--key", "-k", help="Your key file.")]
PassFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--passphrase-file", help=f"Read the passphrase from a file (or set ${PASSPHRASE_ENV})."
    ),
]
ExportOpt = Annotated[Path, typer.Option("--export", "-e", help="Export file from the server.")]
ServerKeyOpt = Annotated[
    str, typer.Option("--server-key", help="The server's tk-sign-1 line, or a file containing it.")
]
SharesOpt = Annotated[
    list[Path] | None,
    typer.Option("--shares", help="Share file(s) from other key holders (threshold mode)."),
]
OutDirOpt = Annotated[
    Path | None,
    typer.Option("--output-dir", "-o", help="Write plaintext files here instead of stdout."),
]


class CliError(Exception):
    """A user-facing problem: printed as one line, exit code 1."""


def _clean_errors(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (CliError, DecryptionError, KeyFileError, ValueError, RuntimeError) as exc:
            err.print(f"error: {exc}", markup=False, highlight=False)
            raise typer.Exit(1) from None
        except OSError as exc:
            err.print(f"error: {exc.filename or ''}: {exc.strerror}", markup=False, highlight=False)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _passphrase(passphrase_file: Path | None, *, confirm: bool = False) -> str:
    if passphrase_file is not None:
        return passphrase_file.read_text(encoding="utf-8").rstrip("\r\n")
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    return typer.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm, err=True)


def _load_key(key: Path, passphrase_file: Path | None) -> PrivateKey:
    read_public_key(key)  # fail on a missing/corrupt file before asking for a passphrase
    return PrivateKey.load(key, _passphrase(passphrase_file))


def _text_or_file(value: str) -> str:
    path = Path(value)
    if ":" not in value and path.is_file():
        return path.read_text(encoding="utf-8").strip()
    return value


def _public_keys(values: Iterable[str]) -> list[PublicKey]:
    lines = []
    for value in values:
        text = _text_or_file(value)
        lines += [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [PublicKey.from_text(ln) for ln in lines]


def _export(path: Path, server_key: str) -> Export:
    export = ExportFileSource(path, VerifyKey.from_text(_text_or_file(server_key))).export
    _print_audit_head(export)
    return export


def _print_audit_head(export: Export) -> None:
    """The signed audit head: keep it, and check later logs with `verify-log --expect-head`."""
    err.print(
        f"server audit log at export: --expect-head {export.audit_seq}:{export.audit_head}",
        highlight=False,
        soft_wrap=True,
    )


def _shares(files: Sequence[Path] | None, export: Export, key: PrivateKey) -> list[Share]:
    return [
        s for f in files or () for s in sharefile.read_shares(f.read_bytes(), export, recipient=key)
    ]


def _safe(name: str, what: str) -> str:
    flat = name.replace("/", "_")
    if not _SAFE_NAME.fullmatch(flat):
        raise CliError(f"refusing to write a file for unsafe {what} name {name!r}")
    return flat


def _write_plaintext(
    records: Iterable[ExportRecord],
    key: PrivateKey,
    shares: list[Share],
    out_dir: Path | None,
    total: int | None,
) -> int:
    if out_dir is not None:
        err.print(
            f"warning: writing PLAINTEXT testimonies and real names to {out_dir}; "
            "keep this machine offline and wipe the files when done",
            style="bold red",
        )
        out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    count = 0
    for rec in track(records, description="Decrypting", total=total, console=err, transient=True):
        items = holder.open_items(rec, holder.data_key(rec, key, shares))
        count += 1
        if out_dir is None:
            typer.echo(f"===== record {rec.record_id} =====")
            for item, data in items.items():
                typer.echo(f"----- {item} -----")
                try:
                    typer.echo(data.decode("utf-8"))
                except UnicodeDecodeError:
                    typer.echo(f"({len(data)} bytes of binary data; use --output-dir)")
            continue
        rec_dir = out_dir / _safe(rec.record_id, "record")
        rec_dir.mkdir(exist_ok=True, mode=0o700)
        for item, data in items.items():
            path = rec_dir / _safe(item, "item")
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
    return count


@app.command()
@_clean_errors
def init(
    key: KeyOpt,
    suite: Annotated[Suite, typer.Option(help="KEM suite.")] = DEFAULT_SUITE,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Create a key pair in a passphrase-protected file and print the public key line."""
    if key.exists():
        raise CliError(f"{key} already exists; refusing to overwrite a key file")
    private = PrivateKey.generate(suite)
    private.save(key, _passphrase(passphrase_file, confirm=True))
    err.print(
        f"key {private.public_key().key_id} written to {key}; give the server the line below",
        highlight=False,
    )
    typer.echo(private.public_key().to_text())


@app.command("public-key")
@_clean_errors
def public_key(key: KeyOpt) -> None:
    """Print the public key line of a key file (no passphrase needed)."""
    typer.echo(read_public_key(key).to_text())


@app.command()
@_clean_errors
def decrypt(
    key: KeyOpt,
    export: Annotated[
        Path | None, typer.Option("--export", "-e", help="Export file from the server.")
    ] = None,
    server_key: Annotated[
        str | None,
        typer.Option("--server-key", help="The server's tk-sign-1 line, or a file containing it."),
    ] = None,
    database: Annotated[
        str | None,
        typer.Option("--database", help="SQLAlchemy URL; read records straight from the database."),
    ] = None,
    shares: SharesOpt = None,
    output_dir: OutDirOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Decrypt originals and real-name maps from an export file or the database."""
    if (export is None) == (database is None):
        raise CliError("give exactly one of --export FILE or --database URL")
    if database is not None:
        if shares:
            raise CliError("--shares works with --export only (shares are bound to an export)")
        source = DatabaseSource(database)
        private = _load_key(key, passphrase_file)
        n = _write_plaintext(source.iter_records(), private, [], output_dir, None)
    elif export is None or server_key is None:
        raise CliError("--export needs --server-key to verify the export's signature")
    else:
        file_source = ExportFileSource(export, VerifyKey.from_text(_text_or_file(server_key)))
        exp = file_source.export
        _print_audit_head(exp)
        private = _load_key(key, passphrase_file)
        n = _write_plaintext(
            file_source.iter_records(),
            private,
            _shares(shares, exp, private),
            output_dir,
            len(exp.records),
        )
    err.print(f"decrypted {n} record(s)")


@app.command()
@_clean_errors
def share(
    key: KeyOpt,
    export: ExportOpt,
    server_key: ServerKeyOpt,
    to: Annotated[str, typer.Option(help="Public key line (or file) of the combining holder.")],
    output: Annotated[Path, typer.Option("--output", help="Share file to write.")],
    passphrase_file: PassFileOpt = None,
) -> None:
    """Threshold mode: seal your shares of every record to the combining key holder."""
    exp = _export(export, server_key)
    private = _load_key(key, passphrase_file)
    (combiner,) = _public_keys([to])
    mine = list(
        holder.own_shares(
            track(exp.records, description="Unwrapping shares", console=err, transient=True),
            private,
        )
    )
    output.write_bytes(sharefile.write_shares(exp, mine, sender=private, to=combiner))
    err.print(f"{len(mine)} share(s) sealed to key {combiner.key_id} in {output}")


@app.command()
@_clean_errors
def combine(
    key: KeyOpt,
    export: ExportOpt,
    server_key: ServerKeyOpt,
    shares: Annotated[list[Path], typer.Option("--shares", help="Share files from others.")],
    output_dir: OutDirOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Threshold mode: combine your share with others' share files and decrypt."""
    exp = _export(export, server_key)
    private = _load_key(key, passphrase_file)
    n = _write_plaintext(
        exp.records, private, _shares(shares, exp, private), output_dir, len(exp.records)
    )
    err.print(f"decrypted {n} record(s)")


@app.command()
@_clean_errors
def rewrap(
    key: KeyOpt,
    export: ExportOpt,
    server_key: ServerKeyOpt,
    holder_keys: Annotated[
        list[str],
        typer.Option(
            "--holder", help="New key holder: public key line or file of lines (repeatable)."
        ),
    ],
    output: Annotated[Path, typer.Option("--output", help="Import file to write.")],
    threshold: Annotated[int, typer.Option(help="New threshold M.")] = 1,
    shares: SharesOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Rotation: re-seal every data key to a new key-holder set; writes an import file."""
    exp = _export(export, server_key)
    recipients = Recipients(_public_keys(holder_keys), threshold=threshold)
    private = _load_key(key, passphrase_file)
    others = _shares(shares, exp, private)
    new = {
        rec.record_id: holder.rewrap(rec, private, recipients, others)
        for rec in track(exp.records, description="Re-sealing", console=err, transient=True)
    }
    output.write_bytes(write_import(exp, new, private))
    err.print(
        f"{len(new)} envelope(s) re-sealed to {len(recipients.holders)} holder(s), "
        f"threshold {threshold}; upload {output} to the server"
    )


@app.command()
@_clean_errors
def confirm(
    key: KeyOpt,
    export: ExportOpt,
    server_key: ServerKeyOpt,
    output: Annotated[Path, typer.Option("--output", help="Confirmation file to write.")],
    shares: SharesOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """After a rotation: open every re-sealed envelope of a fresh export with your key and
    sign that they open, so the server may forget the envelopes they replaced."""
    exp = _export(export, server_key)
    private = _load_key(key, passphrase_file)
    records = confirmation.rotated(exp.records)
    data = confirmation.write_confirmation(
        track(records, description="Opening", console=err, transient=True),
        private,
        _shares(shares, exp, private),
    )
    output.write_bytes(data)
    err.print(
        f"{len(records)} re-sealed envelope(s) open with key "
        f"{private.public_key().key_id}; give {output} to the server's admin"
    )


@app.command("verify-log")
@_clean_errors
def verify_log(
    log: Annotated[Path, typer.Argument(help="Audit log export (JSON lines).")],
    hmac_key_file: Annotated[
        Path | None,
        typer.Option(help="The server's audit key (server-keys/audit.key): checks every link."),
    ] = None,
    expect_head: Annotated[
        str | None,
        typer.Option(
            help="Head recorded earlier, HASH or SEQ:HASH (an export prints it): detects "
            "entries cut off the end, or deleted and re-chained before it."
        ),
    ] = None,
) -> None:
    """Check the audit log's hash chain and report the first broken entry."""
    data = log.read_bytes()
    hmac_key = hmac_key_file.read_bytes() if hmac_key_file else None
    broken = audit.verify_jsonl(data, key=hmac_key, expect_head=expect_head)
    if broken is not None:
        hint = "" if hmac_key else " (a server that chains with a key needs --hmac-key-file)"
        raise CliError(f"audit log broken at entry index {broken} (line {broken + 1}){hint}")
    entries, _ = audit.parse_jsonl(data)
    typer.echo(f"audit log intact: {len(entries)} entries, head {audit.head(entries)}")
