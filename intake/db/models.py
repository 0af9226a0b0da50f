"""ORM models. Every content column is ciphertext; plaintext metadata is deliberately coarse."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

STATUSES = ("new", "in_review", "approved", "rejected")
ROLES = ("editor", "keyholder", "admin")


class Base(DeclarativeBase):
    pass


class Testimony(Base):
    """One witness testimony.

    ``original``/``memory`` are sealed under the record's data key (key holders and the
    witness's receipt can open it); ``redacted`` is sealed under the editorial key.
    Only the submission day, and the time rounded down to 10 minutes for the desk's queue
    order, are kept, to weaken correlation with network logs.
    """

    __tablename__ = "testimonies"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    submitted_on: Mapped[date] = mapped_column(Date, index=True)
    language: Mapped[str] = mapped_column(String(2), index=True)
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    receipt_lookup: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    envelope: Mapped[bytes] = mapped_column(LargeBinary)
    witness_key: Mapped[bytes] = mapped_column(LargeBinary)
    witness_public_key: Mapped[str] = mapped_column(Text)
    original: Mapped[bytes] = mapped_column(LargeBinary)
    memory: Mapped[bytes] = mapped_column(LargeBinary)
    redacted: Mapped[bytes] = mapped_column(LargeBinary)
    # Desk queue order: the submission time rounded down to SUBMISSION_TIME_STEP (services/witness).
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    messages: Mapped[list[Message]] = relationship(
        back_populates="testimony", order_by="Message.seq", cascade="all, delete-orphan"
    )
    replies: Mapped[list[Reply]] = relationship(
        back_populates="testimony", order_by="Reply.id", cascade="all, delete-orphan"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="testimony", order_by="Attachment.seq", cascade="all, delete-orphan"
    )
    notes: Mapped[list[Note]] = relationship(
        back_populates="testimony", order_by="Note.id", cascade="all, delete-orphan"
    )
    corrections: Mapped[list[Correction]] = relationship(
        back_populates="testimony", order_by="Correction.id", cascade="all, delete-orphan"
    )


class Message(Base):
    """A follow-up from the witness, sealed under the same data key as the original."""

    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("testimony_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    testimony_id: Mapped[str] = mapped_column(ForeignKey("testimonies.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    submitted_on: Mapped[date] = mapped_column(Date)
    original: Mapped[bytes] = mapped_column(LargeBinary)
    redacted: Mapped[bytes] = mapped_column(LargeBinary)

    testimony: Mapped[Testimony] = relationship(back_populates="messages")


class Attachment(Base):
    """A file for key holders only; editors learn that it exists and its kind."""

    __tablename__ = "attachments"
    __table_args__ = (UniqueConstraint("testimony_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    testimony_id: Mapped[str] = mapped_column(ForeignKey("testimonies.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)

    testimony: Mapped[Testimony] = relationship(back_populates="attachments")


class Correction(Base):
    """An identifier an editor marked as missed, sealed to the witness key and key holders.

    The server cannot read it back; it is opened only when the witness returns, so that
    later follow-ups reuse the same surrogate.
    """

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    testimony_id: Mapped[str] = mapped_column(ForeignKey("testimonies.id", ondelete="CASCADE"))
    sealed: Mapped[bytes] = mapped_column(LargeBinary)

    testimony: Mapped[Testimony] = relationship(back_populates="corrections")


class Note(Base):
    """An editor's note, sealed under the editorial key."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    testimony_id: Mapped[str] = mapped_column(ForeignKey("testimonies.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    body: Mapped[bytes] = mapped_column(LargeBinary)

    testimony: Mapped[Testimony] = relationship(back_populates="notes")
    author: Mapped[Account] = relationship()


class Reply(Base):
    """An editor's reply to the witness, HPKE-sealed to the witness's per-record public key.

    Only the witness's receipt opens it: the server keeps no plaintext and cannot read it back.
    """

    __tablename__ = "replies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    testimony_id: Mapped[str] = mapped_column(ForeignKey("testimonies.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Follow-ups there were when it was sent: a later one is the witness's answer.
    followups_before: Mapped[int] = mapped_column(Integer)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)

    testimony: Mapped[Testimony] = relationship(back_populates="replies")
    author: Mapped[Account] = relationship()


class Account(Base):
    """An editor, key holder (export/import only) or admin. TOTP secret is sealed."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    totp_secret: Mapped[bytes] = mapped_column(LargeBinary)
    last_totp_step: Mapped[int] = mapped_column(Integer, default=0)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AccountSession(Base):
    """A login. Only a hash of the bearer token is stored."""

    __tablename__ = "account_sessions"

    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    account: Mapped[Account] = relationship()


class AuditEntry(Base):
    """Append-only, hash-chained record of key changes, exports, imports and status changes."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    entry: Mapped[dict] = mapped_column(JSON)
    hash: Mapped[str] = mapped_column(String(64))


class Counter(Base):
    """A project-wide tally, linked to no testimony: e.g. how many testimonies needed a word
    hidden by the witness after the preview (per language), never which words."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


# --- Shared state for several processes and instances (operations) ---


class EditorialKeyRow(Base):
    """One editorial key, wrapped under the server's key-wrapping file (never stored bare).

    The highest generation is the current key, so every process and every instance on the
    same database seals under the same key after a rotation.
    """

    __tablename__ = "editorial_keys"

    generation: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# --- abuse control (sec) -------------------------------------------------------------------


class ThrottleWindow(Base):
    """Hits in one fixed time window of one throttle bucket, shared by every process.

    ``key`` is a SHA-256 of whatever the bucket is keyed by (an account name, a receipt
    lookup, a form token), never the value itself; the global buckets use an empty key.
    """

    __tablename__ = "throttle_windows"

    bucket: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    window: Mapped[int] = mapped_column(Integer, primary_key=True)
    hits: Mapped[int] = mapped_column(Integer)


class ReplacedEnvelope(Base):
    """An envelope an import replaced, kept until a key holder confirms the new one opens.

    A key holder's import cannot be checked by the server (it holds no key that opens it),
    so one holder must not be able to destroy access by importing garbage: the previous
    envelope stays readable (exports carry it) until ``keyholder forget-replaced`` is given
    a signed confirmation (``keys confirm``) that covers the record's current envelope.
    """

    __tablename__ = "replaced_envelopes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    testimony_id: Mapped[str] = mapped_column(ForeignKey("testimonies.id", ondelete="CASCADE"))
    envelope: Mapped[bytes] = mapped_column(LargeBinary)
    replaced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Key id of the holder who signed the import: their own confirmation does not count.
    replaced_by: Mapped[str | None] = mapped_column(String(16))
