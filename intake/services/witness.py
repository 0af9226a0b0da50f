"""What a witness can do: submit, come back with the receipt, add follow-ups.

Everything is prepared (redacted, encrypted) before the database is touched, then written in
one commit, so a submission is stored completely or not at all.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import keys
import redaction
from intake import attachments as attachment_files
from intake.db.models import Attachment, Message, Testimony
from intake.errors import Conflict, InvalidInput, ReceiptNotFound
from intake.pseudonymised import PseudonymisedText
from intake.receipts import looks_valid, new_receipt, normalise
from intake.services import Services
from intake.validation import clean_language, clean_text


@dataclass(frozen=True)
class Upload:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Receipt:
    code: str
    testimony_id: str


@dataclass(frozen=True)
class WitnessStatus:
    status: str
    submitted_on: date
    language: str
    followups: int
    attachments: int


def _today() -> date:
    return datetime.now(UTC).date()


# Receipt derivation is argon2id (19 MiB): unknown receipts queue here rather than piling up.
_receipt_kdf_slots = threading.BoundedSemaphore(2)
# A submission with files decodes images and holds their ciphertexts until its commit; one
# such submission works at a time, the others wait holding only what they received.
_files_slots = threading.BoundedSemaphore(1)


def _files_turn(attachments: Sequence[Upload]) -> AbstractContextManager[object]:
    return _files_slots if attachments else nullcontext()


def _check_uploads(services: Services, uploads: Sequence[Upload], already: int) -> None:
    """The cheap checks (count, size), done before any budget is spent or file decoded."""
    settings = services.settings
    if already + len(uploads) > settings.max_attachments:
        raise InvalidInput(f"At most {settings.max_attachments} attachments are accepted.")
    for upload in uploads:
        if len(upload.data) > settings.max_attachment_bytes:
            limit_mb = settings.max_attachment_bytes // (1024 * 1024)
            raise InvalidInput(f"An attachment is larger than the {limit_mb} MB limit.")


def _sealed_attachments(
    services: Services,
    data_key: keys.DataKey,
    record_id: str,
    uploads: list[Upload],
    first_seq: int,
) -> list[Attachment]:
    """Clean (decode, re-encode) and seal one file at a time, after the rate limit passed.

    ``uploads`` is emptied as it goes: each received file is released as soon as its
    ciphertext exists, so a submission never holds its files twice over."""
    limits = attachment_files.Limits(max_pixels=services.settings.max_image_pixels)
    rows = []
    seq = first_seq
    while uploads:
        clean = attachment_files.sanitise(uploads.pop(0), limits)
        content_type, size = clean.content_type, len(clean.data)
        payload = content_type.encode() + b"\n" + clean.data
        del clean
        rows.append(
            Attachment(
                seq=seq,
                kind=content_type.split("/")[0],
                size=size,
                content=keys.seal(data_key, payload, record_id=record_id, item=f"attachment/{seq}"),
            )
        )
        del payload
        seq += 1
    return rows


def submit_testimony(
    db: Session,
    services: Services,
    *,
    text: str,
    language: str = "auto",
    attachments: list[Upload] | None = None,
    form_token: bytes | None = None,
) -> Receipt:
    """Store a testimony; ``attachments`` is handed over (emptied while files are sealed)."""
    attachments = attachments if attachments is not None else []
    text = clean_text(text, max_chars=services.settings.max_text_chars)
    language = clean_language(language)
    _check_uploads(services, attachments, 0)
    services.limiter.check_global(form_token)
    with _files_turn(attachments):
        result = redaction.redact(text, language, policy=services.policy)
        vault = services.vault
        record_id = str(uuid.uuid4())
        code = new_receipt()
        receipt_keys = keys.derive_receipt_keys(code, vault.receipt_salt)
        data_key = keys.DataKey.generate()
        # Hybrid post-quantum like the key holders' keys: this key can open the data key too.
        witness_key = keys.PrivateKey.generate()

        row = Testimony(
            id=record_id,
            submitted_on=_today(),
            language=result.language,
            status="new",
            receipt_lookup=receipt_keys.lookup,
            envelope=keys.wrap(
                data_key,
                record_id=record_id,
                recipients=vault.recipients,
                extra=[witness_key.public_key()],
            ),
            witness_key=keys.seal_private_key(
                witness_key, secret=receipt_keys.secret, record_id=record_id
            ),
            witness_public_key=witness_key.public_key().to_text(),
            original=keys.seal(data_key, text.encode(), record_id=record_id, item="original"),
            memory=keys.seal(
                data_key, result.memory.to_json().encode(), record_id=record_id, item="memory"
            ),
            redacted=PseudonymisedText.from_redaction(result).seal(
                vault.editorial, record_id=record_id, item="redacted"
            ),
        )
        row.attachments = _sealed_attachments(services, data_key, record_id, attachments, 1)
        db.add(row)
        db.commit()
        return Receipt(code=code, testimony_id=record_id)


def _find(db: Session, services: Services, receipt: str) -> tuple[Testimony, keys.ReceiptKeys]:
    if not isinstance(receipt, str) or not looks_valid(receipt):
        raise ReceiptNotFound("This is not a valid receipt code: it should be seven English words.")
    services.limiter.check_receipt_lookup()  # before argon2: unknown receipts cost CPU too
    with _receipt_kdf_slots:
        receipt_keys = keys.derive_receipt_keys(normalise(receipt), services.vault.receipt_salt)
    services.limiter.check_receipt(receipt_keys.lookup)
    row = db.scalar(select(Testimony).where(Testimony.receipt_lookup == receipt_keys.lookup))
    if row is None:
        raise ReceiptNotFound()
    return row, receipt_keys


def receipt_status(db: Session, services: Services, *, receipt: str) -> WitnessStatus:
    row, _ = _find(db, services, receipt)
    return _status(row)


def _status(row: Testimony) -> WitnessStatus:
    return WitnessStatus(
        status=row.status,
        submitted_on=row.submitted_on,
        language=row.language,
        followups=len(row.messages),
        attachments=len(row.attachments),
    )


def _witness_memory(
    row: Testimony, data_key: keys.DataKey, witness_key: keys.PrivateKey
) -> redaction.Memory:
    """The surrogate memory, plus the corrections editors made since the last visit."""
    memory = redaction.Memory.from_json(
        keys.open(data_key, row.memory, record_id=row.id, item="memory").decode()
    )
    for correction in row.corrections:
        extra = keys.open_sealed(
            correction.sealed, record_id=row.id, item="correction", private_key=witness_key
        )
        memory = memory.merge(redaction.Memory.from_json(extra.decode()))
    return memory


def add_followup(
    db: Session,
    services: Services,
    *,
    receipt: str,
    text: str,
    attachments: list[Upload] | None = None,
) -> WitnessStatus:
    """Add a message; returns the new status so callers need not spend another receipt hit.

    ``attachments`` is handed over (emptied while files are sealed)."""
    attachments = attachments if attachments is not None else []
    text = clean_text(text, max_chars=services.settings.max_text_chars, what="message")
    row, receipt_keys = _find(db, services, receipt)
    _check_uploads(services, attachments, len(row.attachments))
    with _files_turn(attachments):
        witness_key = keys.open_private_key(
            row.witness_key, secret=receipt_keys.secret, record_id=row.id
        )
        data_key = keys.unwrap(row.envelope, record_id=row.id, private_key=witness_key)
        memory = _witness_memory(row, data_key, witness_key)
        result = redaction.redact(text, "auto", memory=memory, policy=services.policy)

        seq = len(row.messages) + 1
        row.messages.append(
            Message(
                seq=seq,
                submitted_on=_today(),
                original=keys.seal(
                    data_key, text.encode(), record_id=row.id, item=f"message/{seq}"
                ),
                redacted=PseudonymisedText.from_redaction(result).seal(
                    services.vault.editorial, record_id=row.id, item=f"message/{seq}"
                ),
            )
        )
        row.memory = keys.seal(
            data_key, result.memory.to_json().encode(), record_id=row.id, item="memory"
        )
        row.corrections.clear()  # now folded into the memory
        row.attachments.extend(
            _sealed_attachments(services, data_key, row.id, attachments, len(row.attachments) + 1)
        )
        try:
            db.commit()
        except IntegrityError:
            db.rollback()
            raise Conflict(
                "Another message was saved at the same moment; please send again."
            ) from None
        return _status(row)
