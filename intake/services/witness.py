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
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import keys
import redaction
from intake import attachments as attachment_files
from intake import counters, receipts
from intake.db.models import Attachment, Message, Testimony
from intake.errors import Conflict, IntakeError, InvalidInput, ReceiptNotFound
from intake.pseudonymised import PseudonymisedText
from intake.services import Services, preview
from intake.services.replies import OpenedReply, open_replies
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


class AlreadySent(IntakeError):
    """The form's receipt was already used for a different text (a form sent twice after
    editing); nothing is stored, the witness is given a fresh form."""

    status_code = 409


@dataclass(frozen=True)
class SentItem:
    submitted_on: date
    text: str


@dataclass(frozen=True)
class ReadBack:
    """What the witness sent, opened with their receipt: the testimony, then each addition."""

    testimony: SentItem
    followups: list[SentItem]


@dataclass(frozen=True)
class WitnessStatus:
    status: str
    submitted_on: date
    language: str
    followups: int
    attachments: int
    replies: tuple[OpenedReply, ...] = ()  # the editors' replies, opened with the receipt


# The desk orders its queue by this; coarse, so the stored time says little to anyone holding
# network logs and a database copy.
SUBMISSION_TIME_STEP = timedelta(minutes=10)


def _today() -> date:
    return datetime.now(UTC).date()


def _submission_time() -> datetime:
    now = datetime.now(UTC)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return now - (now - midnight) % SUBMISSION_TIME_STEP


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
    hide: Sequence[str] = (),
    memory: redaction.Memory | None = None,
    receipt: str | None = None,
    receipt_language: str = "en",
) -> Receipt:
    """Store a testimony under ``receipt`` (the form's one-time receipt) or a fresh one.

    Idempotent per receipt: sending the same receipt and text again stores nothing and returns
    the same receipt, so a double tap, a reload or a resend shows the same receipt page.
    ``hide``: words the witness chose to hide after the preview; ``memory``: the surrogates
    that preview drew, so the editors see the same invented names the witness checked.
    ``attachments`` is handed over (emptied while files are sealed).
    """
    attachments = attachments if attachments is not None else []
    text = clean_text(text, max_chars=services.settings.max_text_chars)
    language = clean_language(language)
    _check_uploads(services, attachments, 0)
    code = (receipt and receipts.exact(receipt)) or receipts.new_receipt(receipt_language)
    services.limiter.check_submission_receipt(form_token)
    receipt_keys = _derive(services, code)
    if receipt is not None:
        sent = _already_sent(db, services, code, receipt_keys, text)
        if sent is not None:
            return sent
    services.limiter.check_global(form_token)
    with _files_turn(attachments):
        return _store(db, services, text, language, attachments, hide, memory, code, receipt_keys)


def _store(
    db: Session,
    services: Services,
    text: str,
    language: str,
    attachments: list[Upload],
    hide: Sequence[str],
    memory: redaction.Memory | None,
    code: str,
    receipt_keys: keys.ReceiptKeys,
) -> Receipt:
    vault = services.vault
    result = preview.pseudonymise(text, language, policy=services.policy, hide=hide, memory=memory)
    record_id = str(uuid.uuid4())
    data_key = keys.DataKey.generate()
    # Hybrid post-quantum like the key holders' keys: this key can open the data key too.
    witness_key = keys.PrivateKey.generate()

    row = Testimony(
        id=record_id,
        submitted_on=_today(),
        submitted_at=_submission_time(),
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
        redacted=result.view.seal(vault.editorial, record_id=record_id, item="redacted"),
    )
    row.attachments = _sealed_attachments(services, data_key, record_id, attachments, 1)
    db.add(row)
    if result.hidden:
        counters.increment(db, f"{counters.WITNESS_HID}/{result.language}")
    try:
        db.commit()
    except IntegrityError:  # the same form, sent twice at once: the other request stored it
        db.rollback()
        sent = _already_sent(db, services, code, receipt_keys, text)
        if sent is None:
            raise
        return sent
    return Receipt(code=code, testimony_id=record_id)


def _derive(services: Services, code: str) -> keys.ReceiptKeys:
    """Receipt keys (argon2id), at most a few at a time; the caller has spent a budget."""
    with _receipt_kdf_slots:
        return keys.derive_receipt_keys(code, services.vault.receipt_salt)


def _stored(db: Session, services: Services, receipt_keys: keys.ReceiptKeys) -> Testimony | None:
    """The testimony stored under this receipt; every use of a stored receipt spends its
    own budget (an unknown one has nothing to protect, and the lookup budget caps it)."""
    row = db.scalar(select(Testimony).where(Testimony.receipt_lookup == receipt_keys.lookup))
    if row is not None:
        services.limiter.check_receipt(receipt_keys.lookup)
    return row


def _already_sent(
    db: Session, services: Services, code: str, receipt_keys: keys.ReceiptKeys, text: str
) -> Receipt | None:
    """The stored testimony if this receipt was used before with this text; ``AlreadySent``
    if it was used with another text; ``None`` if it is unused."""
    row = _stored(db, services, receipt_keys)
    if row is None:
        return None
    _, data_key = _open_keys(row, receipt_keys)
    stored = keys.open(data_key, row.original, record_id=row.id, item="original").decode()
    if stored != text:
        raise AlreadySent("This form was already used to send a different text.")
    return Receipt(code=code, testimony_id=row.id)


def _open_keys(
    row: Testimony, receipt_keys: keys.ReceiptKeys
) -> tuple[keys.PrivateKey, keys.DataKey]:
    """The witness's per-record key and, through it, the record's data key."""
    witness_key = keys.open_private_key(
        row.witness_key, secret=receipt_keys.secret, record_id=row.id
    )
    return witness_key, keys.unwrap(row.envelope, record_id=row.id, private_key=witness_key)


def find_by_receipt(
    db: Session, services: Services, receipt: str
) -> tuple[Testimony, keys.ReceiptKeys]:
    """The testimony of a typed receipt; a typo the check word resolves is forgiven."""
    codes = receipts.candidates(receipt) if isinstance(receipt, str) else []
    if not codes:
        raise ReceiptNotFound(
            "This is not a valid receipt code: check each word (nine words, or seven for "
            "receipts issued before 2026-11)."
        )
    for code in codes:
        services.limiter.check_receipt_lookup()  # before argon2: unknown receipts cost CPU too
        receipt_keys = _derive(services, code)
        row = _stored(db, services, receipt_keys)
        if row is not None:
            return row, receipt_keys
    raise ReceiptNotFound()


def canonical_receipt(db: Session, services: Services, *, receipt: str) -> str:
    """The receipt as issued, for showing it again (language switch on the receipt page)."""
    code = receipts.exact(receipt) if isinstance(receipt, str) else None
    if code is None:
        raise ReceiptNotFound()
    find_by_receipt(db, services, code)
    return code


def read_back(db: Session, services: Services, *, receipt: str) -> ReadBack:
    """Open what the witness sent with the key their receipt unlocks; nothing is kept."""
    row, receipt_keys = find_by_receipt(db, services, receipt)
    _, data_key = _open_keys(row, receipt_keys)

    def opened(item: str, sealed: bytes) -> str:
        return keys.open(data_key, sealed, record_id=row.id, item=item).decode()

    return ReadBack(
        testimony=SentItem(row.submitted_on, opened("original", row.original)),
        followups=[
            SentItem(m.submitted_on, opened(f"message/{m.seq}", m.original))
            for m in sorted(row.messages, key=lambda m: m.seq)
        ],
    )


def receipt_status(db: Session, services: Services, *, receipt: str) -> WitnessStatus:
    row, receipt_keys = find_by_receipt(db, services, receipt)
    witness_key = keys.open_private_key(
        row.witness_key, secret=receipt_keys.secret, record_id=row.id
    )
    return _status(row, open_replies(row, witness_key))


def _status(row: Testimony, replies: tuple[OpenedReply, ...] = ()) -> WitnessStatus:
    return WitnessStatus(
        status=row.status,
        submitted_on=row.submitted_on,
        language=row.language,
        followups=len(row.messages),
        attachments=len(row.attachments),
        replies=replies,
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
    row, receipt_keys = find_by_receipt(db, services, receipt)
    _check_uploads(services, attachments, len(row.attachments))
    with _files_turn(attachments):
        try:
            return _store_followup(db, services, row, receipt_keys, text, attachments)
        except Exception:
            # A file refused half-way leaves the message added to the session: drop it, so
            # that the status shown next (same session) counts nothing that was not saved.
            db.rollback()
            raise


def _store_followup(
    db: Session,
    services: Services,
    row: Testimony,
    receipt_keys: keys.ReceiptKeys,
    text: str,
    attachments: list[Upload],
) -> WitnessStatus:

    witness_key, data_key = _open_keys(row, receipt_keys)
    memory = _witness_memory(row, data_key, witness_key)
    result = redaction.redact(text, "auto", memory=memory, policy=services.policy)
    # Words the witness hid after the preview stay hidden in every follow-up.
    view, memory, _ = preview.hide_terms(
        PseudonymisedText.from_redaction(result),
        result.language,
        result.memory,
        preview.remembered_terms(result.memory),
    )

    seq = len(row.messages) + 1
    row.messages.append(
        Message(
            seq=seq,
            submitted_on=_today(),
            original=keys.seal(data_key, text.encode(), record_id=row.id, item=f"message/{seq}"),
            redacted=view.seal(services.vault.editorial, record_id=row.id, item=f"message/{seq}"),
        )
    )
    row.memory = keys.seal(data_key, memory.to_json().encode(), record_id=row.id, item="memory")
    row.corrections.clear()  # now folded into the memory
    row.attachments.extend(
        _sealed_attachments(services, data_key, row.id, attachments, len(row.attachments) + 1)
    )
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise Conflict("Another message was saved at the same moment; please send again.") from None
    return _status(row, open_replies(row, witness_key))
