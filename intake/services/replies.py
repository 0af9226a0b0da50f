"""Editors' replies to a witness: sealed to the witness's per-record key, opened by the receipt.

The server holds only the public half of that key, so once a reply is sealed nobody on the
server side (editors, the database, the data directory) can read it back; the witness's receipt
opens the private half. The record id and the reply id are bound into the HPKE ``info``, so a
sealed reply cannot be moved to another record or another slot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

import keys
from intake.audit import record_event
from intake.db.models import Account, Reply, Testimony
from intake.errors import NotFound
from intake.services import Services
from intake.validation import clean_text

MAX_REPLY_CHARS = 5_000


@dataclass(frozen=True)
class SentReply:
    """What the desk may know about a reply: that it was sent, by whom and when."""

    id: int
    author: str
    sent_at: datetime
    answered: bool  # the witness has added a follow-up since


@dataclass(frozen=True)
class OpenedReply:
    """A reply as the witness reads it, after their receipt opened it."""

    id: int
    sent_at: datetime
    text: str


def _item(reply_id: int) -> str:
    return f"reply/{reply_id}"


def clean_reply(body: str) -> str:
    return clean_text(body, max_chars=MAX_REPLY_CHARS, what="reply")


def send_reply(
    db: Session, services: Services, testimony_id: str, body: str, *, actor: Account
) -> SentReply:
    """Seal ``body`` to the witness and store only the ciphertext; audit that a reply went."""
    body = clean_reply(body)
    row = db.get(Testimony, testimony_id) if isinstance(testimony_id, str) else None
    if row is None:
        raise NotFound("No testimony with this id.")
    reply = Reply(
        author_id=actor.id,
        sent_at=datetime.now(UTC),
        followups_before=len(row.messages),
        sealed=b"",
    )
    row.replies.append(reply)
    db.flush()  # the reply id is part of the associated data
    witness_key = keys.PublicKey.from_text(row.witness_public_key)
    reply.sealed = keys.seal_to(
        [witness_key], body.encode(), record_id=row.id, item=_item(reply.id)
    )
    record_event(
        db,
        services.vault.audit_key,
        actor=actor.username,
        action="reply",
        details={"testimony": row.id, "reply": reply.id},
    )
    db.commit()
    return SentReply(reply.id, actor.username, reply.sent_at, answered=False)


def sent_replies(row: Testimony) -> list[SentReply]:
    followups = len(row.messages)
    return [
        SentReply(r.id, r.author.username, r.sent_at, followups > r.followups_before)
        for r in row.replies
    ]


def open_replies(row: Testimony, witness_key: keys.PrivateKey) -> tuple[OpenedReply, ...]:
    """Every reply to this record, opened with the witness's private key (from the receipt).

    A reply that does not open (moved from another record, altered) is left out: the witness
    still reaches their page, and nothing forged is shown as the editors' words."""
    opened = []
    for reply in row.replies:
        try:
            text = keys.open_sealed(
                reply.sealed, record_id=row.id, item=_item(reply.id), private_key=witness_key
            )
        except keys.DecryptionError:
            continue
        opened.append(OpenedReply(reply.id, reply.sent_at, text.decode()))
    return tuple(opened)
