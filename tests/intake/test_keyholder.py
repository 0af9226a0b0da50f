"""Key holders over HTTP: exports, rotation by import, the audit log, editorial key rotation."""

from __future__ import annotations

import json
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Laptop:
    """A key holder's offline machine holding the server's export."""

    headers: dict[str, str]
    server_key: str
    export: bytes
    folder: Path

    def rewrap(self, keyholder: KeyHolder, new_holder: keys.PublicKey) -> bytes:
        (self.folder / "export.tkx").write_bytes(self.export)
        (self.folder / "pass").write_text(KEYHOLDER_PASSPHRASE)
        run(
            keys_cli,
            [
                "rewrap",
                "--key", str(keyholder.key_file),
                "--export", str(self.folder / "export.tkx"),
                "--server-key", self.server_key,
                "--holder", new_holder.to_text(),
                "--output", str(self.folder / "import.tki"),
                "--passphrase-file", str(self.folder / "pass"),
            ],
        )  # fmt: skip
        return (self.folder / "import.tki").read_bytes()

    def upload(self, client: TestClient, import_file: bytes):  # type: ignore[no-untyped-def]
        return client.post(
            "/api/v1/keyholder/import",
            headers=self.headers,
            files={"import_file": ("i.tki", import_file), "export_file": ("e.tkx", self.export)},
        )


@pytest.fixture
def laptop(client: TestClient, api_login, tmp_path: Path) -> Laptop:
    submit(client)
    headers = api_login("keyholder")
    server_key = client.get("/api/v1/keyholder/server-key", headers=headers).json()["server_key"]
    export = client.get("/api/v1/keyholder/export", headers=headers).content
    return Laptop(headers, server_key, export, tmp_path / "offline-laptop")


def stored_testimony(client: TestClient) -> Testimony:
    with client.app.state.services.sessions() as db:
        return db.scalars(select(Testimony)).one()


def test_rotation_to_a_new_key_holder_through_an_import(
    client: TestClient, laptop: Laptop, keyholder: KeyHolder
) -> None:
    newcomer = keys.PrivateKey.generate()
    import_file = laptop.rewrap(keyholder, newcomer.public_key())
    response = laptop.upload(client, import_file)
    assert response.status_code == 200, response.text
    assert response.json() == {"replaced": 1}

    row = stored_testimony(client)
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
    # Replaying the same import: the envelope changed since that export.
    assert laptop.upload(client, import_file).status_code == 409


def test_a_tampered_import_is_refused_and_changes_nothing(
    client: TestClient, laptop: Laptop, keyholder: KeyHolder
) -> None:
    tampered = bytearray(laptop.rewrap(keyholder, keyholder.private_key.public_key()))
    tampered[len(tampered) // 2] ^= 0x04
    before = stored_testimony(client).envelope
    response = laptop.upload(client, bytes(tampered))
    assert response.status_code == 422
    assert "Import refused" in response.json()["detail"]
    assert stored_testimony(client).envelope == before


def test_audit_log_records_events_and_verifies(
    client: TestClient, api_login, tmp_path: Path, settings
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
    assert [a for a in actions if a in ("status", "export")] == ["status", "export"]
    (tmp_path / "audit.jsonl").write_bytes(log)
    key = ["--hmac-key-file", str(settings.key_dir / "audit.key")]
    assert f"intact: {len(actions)} entries" in run(
        keys_cli, ["verify-log", str(tmp_path / "audit.jsonl"), *key]
    )

    forged = log.replace(b'"in_review"', b'"approved"')
    (tmp_path / "forged.jsonl").write_bytes(forged)
    result = CliRunner().invoke(keys_cli, ["verify-log", str(tmp_path / "forged.jsonl"), *key])
    assert result.exit_code != 0
    assert f"entry index {actions.index('status')}" in result.output


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


def _garbage_envelope(envelope: bytes, *, keep_witness: bool) -> bytes:
    """Same key check and header, holder slots replaced by random bytes of the same length."""
    import os

    from keys.encoding import b64d, b64e, dumps

    obj = json.loads(envelope)
    slots = []
    for slot in obj["slots"]:
        if slot["role"] == "extra":
            if keep_witness:
                slots.append(slot)
            continue
        slots.append({**slot, "ct": b64e(os.urandom(len(b64d(slot["ct"]))))})
    return dumps({**obj, "slots": slots})


def _signed_import(laptop: Laptop, keyholder: KeyHolder, envelope_for) -> bytes:  # type: ignore[no-untyped-def]
    from keys.export import read_export, write_import

    export = read_export(laptop.export, keys.VerifyKey.from_text(laptop.server_key))
    (record,) = export.records
    new = {record.record_id: envelope_for(record.envelope)}
    return write_import(export, new, keyholder.private_key)


def test_import_dropping_the_witness_slot_is_refused_and_the_envelope_stays(
    client: TestClient, laptop: Laptop, keyholder: KeyHolder
) -> None:
    """Review 9: garbage ciphertext, the old key check copied, the witness slot dropped."""
    before = stored_testimony(client).envelope
    forged = _signed_import(laptop, keyholder, lambda e: _garbage_envelope(e, keep_witness=False))
    response = laptop.upload(client, forged)
    assert response.status_code == 422
    assert "witness" in response.json()["detail"]
    assert stored_testimony(client).envelope == before


def test_one_holders_garbage_import_cannot_destroy_access(
    client: TestClient, laptop: Laptop, keyholder: KeyHolder, tmp_path: Path, settings
) -> None:
    """Review 9: the server cannot open envelopes, so it keeps the one an import replaced;
    key holders still decrypt, until an admin confirms the rotation (forget-replaced)."""
    forged = _signed_import(laptop, keyholder, lambda e: _garbage_envelope(e, keep_witness=True))
    assert laptop.upload(client, forged).json() == {"replaced": 1}

    (tmp_path / "pass").write_text(KEYHOLDER_PASSPHRASE)
    decrypt = [
        "decrypt",
        "--key", str(keyholder.key_file),
        "--database", settings.sqlalchemy_url,
        "--passphrase-file", str(tmp_path / "pass"),
    ]  # fmt: skip
    assert STORY in run(keys_cli, decrypt)
    fresh = client.get("/api/v1/keyholder/export", headers=laptop.headers).content
    (tmp_path / "fresh.tkx").write_bytes(fresh)
    from_export = [
        "decrypt",
        "--key", str(keyholder.key_file),
        "--export", str(tmp_path / "fresh.tkx"),
        "--server-key", laptop.server_key,
        "--passphrase-file", str(tmp_path / "pass"),
    ]  # fmt: skip
    assert STORY in run(keys_cli, from_export)


def _as_admin(settings, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in settings.model_dump().items():
        if value is not None:
            monkeypatch.setenv(f"TESTIMONY_{name.upper()}", str(value))


def _configure_holder(settings, holder: keys.PublicKey) -> None:
    """The admin adds a key holder's public key line (read at the next start)."""
    with settings.keyholder_keys_file.open("a") as fh:
        fh.write(holder.to_text() + "\n")


def _fresh_export(client: TestClient, laptop: Laptop):  # type: ignore[no-untyped-def]
    """The bytes of a new export and the export they hold."""
    from keys.export import read_export

    data = client.get("/api/v1/keyholder/export", headers=laptop.headers).content
    return data, read_export(data, keys.VerifyKey.from_text(laptop.server_key))


def _replaced_left(client: TestClient) -> dict[str, int]:
    from intake.db.models import ReplacedEnvelope

    with client.app.state.services.sessions() as db:
        left: dict[str, int] = {}
        for row in db.scalars(select(ReplacedEnvelope)):
            left[row.testimony_id] = left.get(row.testimony_id, 0) + 1
        return left


def _forget(tmp_path: Path, *confirmations: bytes) -> tuple[int, str]:
    paths = []
    for number, data in enumerate(confirmations):
        paths.append(tmp_path / f"confirmation-{number}.tkc")
        paths[-1].write_bytes(data)
    result = CliRunner().invoke(intake_cli, ["keyholder", "forget-replaced", *map(str, paths)])
    return result.exit_code, result.output


def test_forget_replaced_ends_a_removed_holders_access_once_the_new_holder_confirms(
    client: TestClient, laptop: Laptop, keyholder: KeyHolder, settings, monkeypatch, tmp_path: Path
) -> None:
    newcomer = keys.PrivateKey.generate()
    newcomer.save(tmp_path / "newcomer.key", KEYHOLDER_PASSPHRASE)
    _configure_holder(settings, newcomer.public_key())
    assert laptop.upload(client, laptop.rewrap(keyholder, newcomer.public_key())).status_code == 200
    fresh = client.get("/api/v1/keyholder/export", headers=laptop.headers).content
    (tmp_path / "fresh.tkx").write_bytes(fresh)
    (tmp_path / "pass").write_text(KEYHOLDER_PASSPHRASE)
    output = run(
        keys_cli,
        [
            "confirm",
            "--key", str(tmp_path / "newcomer.key"),
            "--export", str(tmp_path / "fresh.tkx"),
            "--server-key", laptop.server_key,
            "--output", str(tmp_path / "confirmation.tkc"),
            "--passphrase-file", str(tmp_path / "pass"),
        ],
    )  # fmt: skip
    assert "1 re-sealed envelope(s) open" in output

    _as_admin(settings, monkeypatch)
    code, output = _forget(tmp_path, (tmp_path / "confirmation.tkc").read_bytes())
    assert code == 0, output
    assert "Forgot 1" in output
    assert _replaced_left(client) == {}
    row = stored_testimony(client)
    with pytest.raises(keys.DecryptionError):
        keys.unwrap(row.envelope, record_id=row.id, private_key=keyholder.private_key)

    log = client.get("/api/v1/keyholder/audit-log", headers=laptop.headers).content
    (entry,) = [
        json.loads(line)["entry"]
        for line in log.splitlines()
        if json.loads(line)["entry"]["action"] == "forget_replaced_envelopes"
    ]
    assert entry["details"]["envelopes"] == 1
    assert entry["details"]["records"] == 1
    assert entry["details"]["unconfirmed"] == 0
    assert entry["details"]["confirmed_by"] == [newcomer.public_key().key_id]
    assert row.id not in json.dumps(entry) and STORY not in json.dumps(entry)


def test_a_garbage_envelope_cannot_be_confirmed(
    client: TestClient, laptop: Laptop, keyholder: KeyHolder, settings, monkeypatch, tmp_path: Path
) -> None:
    """The confirming tool opens the new envelope itself, never the kept one; and the holder
    who signed the import cannot confirm it by signing a confirmation by hand."""
    from keys.confirmation import KIND
    from keys.export import envelope_digest
    from keys.signed import write_signed

    forged = _signed_import(laptop, keyholder, lambda e: _garbage_envelope(e, keep_witness=True))
    assert laptop.upload(client, forged).status_code == 200
    (tmp_path / "fresh.tkx").write_bytes(
        client.get("/api/v1/keyholder/export", headers=laptop.headers).content
    )
    (tmp_path / "pass").write_text(KEYHOLDER_PASSPHRASE)
    result = CliRunner().invoke(
        keys_cli,
        [
            "confirm",
            "--key", str(keyholder.key_file),
            "--export", str(tmp_path / "fresh.tkx"),
            "--server-key", laptop.server_key,
            "--output", str(tmp_path / "confirmation.tkc"),
            "--passphrase-file", str(tmp_path / "pass"),
        ],
    )  # fmt: skip
    assert result.exit_code == 1
    assert not (tmp_path / "confirmation.tkc").exists()

    row = stored_testimony(client)
    by_hand = write_signed(
        KIND,
        {"signer": keyholder.private_key.public_key().to_text()},
        [{"record_id": row.id, "envelope": envelope_digest(row.envelope)}],
        keyholder.private_key.signing_key,
    )
    _as_admin(settings, monkeypatch)
    code, output = _forget(tmp_path, by_hand)
    assert code == 0, output
    assert "Forgot 0" in output and row.id in output
    assert _replaced_left(client) == {row.id: 1}


def _rotated_pair(
    client: TestClient, laptop: Laptop, keyholder: KeyHolder, newcomer: keys.PrivateKey
):  # type: ignore[no-untyped-def]
    """Two records re-sealed to ``newcomer``; returns the fresh export carrying both."""
    from keys.export import write_import
    from keys.holder import rewrap

    submit(client, "A second testimony about the same village.")
    data, export = _fresh_export(client, laptop)
    recipients = keys.Recipients([newcomer.public_key()])
    new = {rec.record_id: rewrap(rec, keyholder.private_key, recipients) for rec in export.records}
    response = client.post(
        "/api/v1/keyholder/import",
        headers=laptop.headers,
        files={
            "import_file": ("i.tki", write_import(export, new, keyholder.private_key)),
            "export_file": ("e.tkx", data),
        },
    )
    assert response.json() == {"replaced": 2}
    return _fresh_export(client, laptop)[1]


def test_forget_replaced_refuses_strangers_tampering_other_bytes_and_replays(
    client: TestClient, laptop: Laptop, keyholder: KeyHolder, settings, monkeypatch, tmp_path: Path
) -> None:
    from keys.confirmation import KIND, write_confirmation
    from keys.export import envelope_digest
    from keys.signed import write_signed

    newcomer = keys.PrivateKey.generate()
    _configure_holder(settings, newcomer.public_key())
    first, second = _rotated_pair(client, laptop, keyholder, newcomer).records
    _as_admin(settings, monkeypatch)
    both = {first.record_id: 1, second.record_id: 1}

    # A stranger (not configured on the server): refused, nothing forgotten.
    stranger = keys.PrivateKey.generate()
    stranger_says = write_signed(
        KIND,
        {"signer": stranger.public_key().to_text()},
        [{"record_id": r.record_id, "envelope": envelope_digest(r.envelope)} for r in (first,)],
        stranger.signing_key,
    )
    code, output = _forget(tmp_path, stranger_says)
    assert code == 1 and "not signed by a configured key holder" in output
    assert _replaced_left(client) == both

    # Tampered: one flipped byte of a genuine confirmation.
    genuine = bytearray(write_confirmation([first, second], newcomer))
    genuine[len(genuine) // 2] ^= 0x01
    code, output = _forget(tmp_path, bytes(genuine))
    assert code == 1 and "Confirmation refused" in output
    assert _replaced_left(client) == both

    # Different envelope bytes: the holder vouched for an envelope the record no longer has.
    other_bytes = write_signed(
        KIND,
        {"signer": newcomer.public_key().to_text()},
        [{"record_id": first.record_id, "envelope": envelope_digest(first.envelope + b" ")}],
        newcomer.signing_key,
    )
    # Replay for another record: the first record's commitment presented for the second.
    replayed = write_signed(
        KIND,
        {"signer": newcomer.public_key().to_text()},
        [{"record_id": second.record_id, "envelope": envelope_digest(first.envelope)}],
        newcomer.signing_key,
    )
    # A configured holder vouching for envelopes not sealed to them (the removed one).
    no_slot = write_signed(
        KIND,
        {"signer": keyholder.private_key.public_key().to_text()},
        [{"record_id": r.record_id, "envelope": envelope_digest(r.envelope)} for r in (first,)],
        keyholder.private_key.signing_key,
    )
    code, output = _forget(tmp_path, other_bytes, replayed, no_slot)
    assert code == 0, output
    assert "Forgot 0" in output and "Kept the replaced envelopes of 2 record(s)" in output
    assert _replaced_left(client) == both

    # A genuine confirmation of the first record forgets exactly its replaced envelope.
    code, output = _forget(tmp_path, write_confirmation([first], newcomer), replayed)
    assert code == 0, output
    assert "Forgot 1" in output and second.record_id in output
    assert _replaced_left(client) == {second.record_id: 1}


def test_signed_exports_carry_the_audit_head_and_the_keys_tool_prints_it(
    client: TestClient, laptop: Laptop, keyholder: KeyHolder, tmp_path: Path
) -> None:
    """Review 10: the head key holders keep catches a log re-chained before it."""
    from keys.export import read_export

    log = client.get("/api/v1/keyholder/audit-log", headers=laptop.headers).content
    export = read_export(laptop.export, keys.VerifyKey.from_text(laptop.server_key))
    entries_then = [json.loads(line) for line in log.splitlines()]
    at_export = [e for e in entries_then if e["entry"]["seq"] == export.audit_seq]
    assert export.audit_seq >= 1 and at_export[0]["hash"] == export.audit_head

    (tmp_path / "export.tkx").write_bytes(laptop.export)
    (tmp_path / "pass").write_text(KEYHOLDER_PASSPHRASE)
    result = CliRunner().invoke(
        keys_cli,
        [
            "decrypt",
            "--key",
            str(keyholder.key_file),
            "--export",
            str(tmp_path / "export.tkx"),
            "--server-key",
            laptop.server_key,
            "--passphrase-file",
            str(tmp_path / "pass"),
        ],
    )
    assert f"--expect-head {export.audit_seq}:{export.audit_head}" in result.stderr


def test_server_audit_chain_is_keyed_so_a_database_writer_cannot_rechain_it(
    client: TestClient, laptop: Laptop, settings, tmp_path: Path
) -> None:
    """Review 10: delete an entry from the database copy and recompute: verify-log says so."""
    from keys import audit

    log = client.get("/api/v1/keyholder/audit-log", headers=laptop.headers).content
    entries_now, _ = audit.parse_jsonl(log)
    kept, prev = [], audit.GENESIS
    for seq, (entry, _) in enumerate(entries_now[1:], start=1):
        entry = {**entry, "seq": seq}
        prev = audit.chain(prev, entry)
        kept.append((entry, prev))
    (tmp_path / "rechained.jsonl").write_bytes(audit.to_jsonl(kept))
    key = ["--hmac-key-file", str(settings.key_dir / "audit.key")]
    (tmp_path / "audit.jsonl").write_bytes(log)
    assert "intact" in run(keys_cli, ["verify-log", str(tmp_path / "audit.jsonl"), *key])
    result = CliRunner().invoke(keys_cli, ["verify-log", str(tmp_path / "rechained.jsonl"), *key])
    assert result.exit_code == 1
    assert "broken at entry index 0" in result.output
