"""The key-holder CLI through typer's CliRunner: happy paths and one-line errors."""

from __future__ import annotations

import stat
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

import keys
from keys import audit, sources
from keys.cli import app
from keys.export import read_import
from tests.keys.world import TESTIMONIES, build

PW = "a long passphrase"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def pwfile(tmp_path: Path) -> Path:
    path = tmp_path / "pw"
    path.write_text(PW + "\n")
    return path


def _init(runner: CliRunner, path: Path, pwfile: Path, suite: str = "x25519") -> keys.PublicKey:
    result = runner.invoke(
        app, ["init", "--key", str(path), "--suite", suite, "--passphrase-file", str(pwfile)]
    )
    assert result.exit_code == 0, result.output
    return keys.PublicKey.from_text(result.stdout.strip())


def _decrypt_args(key: Path, export: Path, server_key: str, passphrase: Path) -> list[str]:
    return [
        "decrypt",
        "--key", str(key),
        "--export", str(export),
        "--server-key", server_key,
        "--passphrase-file", str(passphrase),
    ]  # fmt: skip


def _assert_one_line_error(result, message: str) -> None:
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output and result.stderr.count("error:") == 1


@pytest.fixture
def holder_world(tmp_path: Path, runner: CliRunner, pwfile: Path):
    """Three holders created through the CLI; a server sealing to them (threshold 1)."""
    paths = [tmp_path / f"holder{i}.key" for i in range(3)]
    pubs = [_init(runner, p, pwfile) for p in paths]
    server, _ = build(tmp_path, keys.Recipients(pubs))
    export = tmp_path / "export.tkx"
    export.write_bytes(server.export())
    return server, paths, pubs, export, server.signing.verify_key().to_text()


def test_init_prompts_twice_writes_0600_and_prints_public_key(tmp_path: Path, runner) -> None:
    path = tmp_path / "me.key"
    result = runner.invoke(app, ["init", "--key", str(path)], input=f"{PW}\n{PW}\n")
    assert result.exit_code == 0, result.output
    line = result.stdout.strip()
    assert line.startswith("tk-pub-1:mlkem768-x25519:")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert keys.PrivateKey.load(path, PW).public_key().to_text() == line
    shown = runner.invoke(app, ["public-key", "--key", str(path)])
    assert shown.stdout.strip() == line


def test_init_refuses_mismatched_confirmation_and_overwrite(tmp_path: Path, runner, pwfile) -> None:
    path = tmp_path / "me.key"
    result = runner.invoke(app, ["init", "--key", str(path)], input="one\ntwo\none\none\n")
    assert "do not match" in result.stderr and result.exit_code == 0
    keys.PrivateKey.load(path, "one")  # the confirmed second attempt was used
    _init(runner, tmp_path / "x.key", pwfile)
    again = runner.invoke(
        app, ["init", "--key", str(tmp_path / "x.key"), "--passphrase-file", str(pwfile)]
    )
    _assert_one_line_error(again, "already exists")


def test_decrypt_export_to_stdout_and_to_directory(
    tmp_path: Path, runner, pwfile, holder_world
) -> None:
    _, paths, _, export, server_key = holder_world
    base = _decrypt_args(paths[2], export, server_key, pwfile)
    result = runner.invoke(app, base)
    assert result.exit_code == 0, result.output
    for text, names in TESTIMONIES.values():
        assert text in result.stdout
        assert all(name in result.stdout for name in names.values())
    out = tmp_path / "plain"
    result = runner.invoke(app, [*base, "--output-dir", str(out)])
    assert result.exit_code == 0 and "PLAINTEXT" in result.stderr
    original = out / "rec-0002" / "original"
    assert original.read_text() == TESTIMONIES["rec-0002"][0]
    assert stat.S_IMODE(original.stat().st_mode) == 0o600


def test_passphrase_from_environment(runner, pwfile, holder_world) -> None:
    _, paths, _, export, server_key = holder_world
    result = runner.invoke(
        app,
        ["decrypt", "--key", str(paths[0]), "--export", str(export), "--server-key", server_key],
        env={"TK_PASSPHRASE": PW},
    )
    assert result.exit_code == 0 and TESTIMONIES["rec-0001"][0] in result.stdout


def test_wrong_passphrase(runner, tmp_path: Path, holder_world) -> None:
    _, paths, _, export, server_key = holder_world
    bad = tmp_path / "badpw"
    bad.write_text("nope")
    result = runner.invoke(
        app,
        _decrypt_args(paths[0], export, server_key, bad),
    )
    _assert_one_line_error(result, "wrong passphrase")


def test_corrupted_key_file(runner, pwfile, holder_world) -> None:
    _, paths, _, export, server_key = holder_world
    paths[0].write_text(paths[0].read_text()[:-40])
    result = runner.invoke(
        app,
        _decrypt_args(paths[0], export, server_key, pwfile),
    )
    _assert_one_line_error(result, "is corrupt")


def test_wrong_key(runner, tmp_path: Path, pwfile, holder_world) -> None:
    _, _, _, export, server_key = holder_world
    stranger = tmp_path / "stranger.key"
    _init(runner, stranger, pwfile)
    result = runner.invoke(
        app,
        _decrypt_args(stranger, export, server_key, pwfile),
    )
    _assert_one_line_error(result, "wrong key")


def test_corrupted_export_and_wrong_server_key(runner, pwfile, holder_world) -> None:
    _, paths, _, export, server_key = holder_world
    other = keys.SigningKey.generate().verify_key().to_text()
    args = [
        "decrypt",
        "--key",
        str(paths[0]),
        "--export",
        str(export),
        "--passphrase-file",
        str(pwfile),
        "--server-key",
    ]
    _assert_one_line_error(runner.invoke(app, [*args, other]), "not signed by the expected")
    data = bytearray(export.read_bytes())
    data[500] ^= 1
    export.write_bytes(bytes(data))
    _assert_one_line_error(runner.invoke(app, [*args, server_key]), "export file")


def test_threshold_share_combine_and_missing_shares(tmp_path: Path, runner, pwfile) -> None:
    paths = [tmp_path / f"h{i}.key" for i in range(3)]
    pubs = [_init(runner, p, pwfile) for p in paths]
    server, _ = build(tmp_path, keys.Recipients(pubs, threshold=2))
    export = tmp_path / "export.tkx"
    export.write_bytes(server.export())
    common = [
        "--export",
        str(export),
        "--server-key",
        server.signing.verify_key().to_text(),
        "--passphrase-file",
        str(pwfile),
    ]
    alone = runner.invoke(app, ["decrypt", "--key", str(paths[0]), *common])
    _assert_one_line_error(alone, "needs 2 shares, only 1 given")

    share_file = tmp_path / "h1.shares"
    result = runner.invoke(
        app,
        [
            "share",
            "--key",
            str(paths[1]),
            *common,
            "--to",
            pubs[0].to_text(),
            "--output",
            str(share_file),
        ],
    )
    assert result.exit_code == 0, result.output
    combined = runner.invoke(
        app, ["combine", "--key", str(paths[0]), *common, "--shares", str(share_file)]
    )
    assert combined.exit_code == 0, combined.output
    assert all(text in combined.stdout for text, _ in TESTIMONIES.values())
    wrong_combiner = runner.invoke(
        app, ["combine", "--key", str(paths[2]), *common, "--shares", str(share_file)]
    )
    _assert_one_line_error(wrong_combiner, "addressed to key")


def test_rewrap_writes_an_import_the_server_accepts(
    tmp_path: Path, runner, pwfile, holder_world
) -> None:
    server, paths, pubs, export, server_key = holder_world
    holders_file = tmp_path / "new-holders.txt"
    holders_file.write_text(f"# new set\n{pubs[0].to_text()}\n{pubs[1].to_text()}\n")
    out = tmp_path / "import.tki"
    rewrap_args = [
        "rewrap",
        "--key", str(paths[0]),
        "--export", str(export),
        "--server-key", server_key,
        "--passphrase-file", str(pwfile),
        "--holder", str(holders_file),
        "--output", str(out),
    ]  # fmt: skip
    result = runner.invoke(
        app,
        [*rewrap_args, "--threshold", "2"],
    )
    assert result.exit_code == 0, result.output
    imported = read_import(
        out.read_bytes(),
        export_data=export.read_bytes(),
        server_key=server.signing.verify_key(),
        holders=pubs,
    )
    assert {r.record_id for r in imported} == set(TESTIMONIES)
    bad = runner.invoke(
        app,
        [*rewrap_args, "--threshold", "3"],
    )
    _assert_one_line_error(bad, "1 <= M <= N")


def test_verify_log(tmp_path: Path, runner) -> None:
    entries, prev = [], audit.GENESIS
    for seq in (1, 2, 3):
        entry = {
            "seq": seq,
            "time": "2025-01-01T00:00:00+00:00",
            "actor": "a",
            "action": "export",
            "details": {},
        }
        prev = audit.chain(prev, entry)
        entries.append((entry, prev))
    log = tmp_path / "audit.jsonl"
    log.write_bytes(audit.to_jsonl(entries))
    ok = runner.invoke(app, ["verify-log", str(log)])
    assert ok.exit_code == 0 and f"3 entries, head {prev}" in ok.stdout
    log.write_bytes(audit.to_jsonl(entries).replace(b'"actor":"a"', b'"actor":"b"', 2))
    _assert_one_line_error(
        runner.invoke(app, ["verify-log", str(log)]), "broken at entry index 0 (line 1)"
    )


def test_database_source_missing_and_present(monkeypatch, runner, pwfile, holder_world) -> None:
    server, paths, *_ = holder_world
    monkeypatch.setattr(sources, "DATABASE_LOADER", "no_such_server_pkg.storage:records")
    result = runner.invoke(
        app,
        [
            "decrypt",
            "--key",
            str(paths[0]),
            "--database",
            "sqlite://",
            "--passphrase-file",
            str(pwfile),
        ],
    )
    _assert_one_line_error(result, "needs the server package")

    fake = types.ModuleType("fake_export_source")
    fake.database_records = lambda url: server.export_records() if url == "sqlite://x" else []
    monkeypatch.setitem(sys.modules, "fake_export_source", fake)
    monkeypatch.setattr(sources, "DATABASE_LOADER", "fake_export_source:database_records")
    result = runner.invoke(
        app,
        [
            "decrypt",
            "--key",
            str(paths[0]),
            "--database",
            "sqlite://x",
            "--passphrase-file",
            str(pwfile),
        ],
    )
    assert result.exit_code == 0 and TESTIMONIES["rec-0003"][0] in result.stdout


def test_export_and_database_are_mutually_exclusive(runner, holder_world) -> None:
    _, paths, *_ = holder_world
    _assert_one_line_error(
        runner.invoke(app, ["decrypt", "--key", str(paths[0])]),
        "exactly one of --export FILE or --database URL",
    )
