"""What editors can do. Nothing here can reach an original: only editorial-key ciphertext."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import keys
import redaction
from intake.audit import record_event
from intake.db.models import STATUSES, Account, Note, Testimony
from intake.db.models import Correction as CorrectionRow
from intake.errors import InvalidInput, NotFound
from intake.pseudonymised import Pseudonym, PseudonymisedText
from intake.services import Services
from intake.services.exports import as_json, as_markdown
from intake.services.marking import candidates
from intake.services.replies import SentReply, sent_replies
from intake.validation import clean_text

LABELS = (
    "PERSON",
    "LOCATION",
    "ORGANIZATION",
    "FACILITY",
    "CONTACT",
    "MILITARY_UNIT",
    "CALLSIGN",
    "ID",
    "ADDRESS",
    "DATE",
    "OTHER",  # any other identifying detail (a religion, a scar): a neutral marker, no invention
)
SORTS = ("newest", "oldest")
PREVIEW_CHARS = 140


class NotInText(InvalidInput):
    """A marked term that does not occur; ``candidates`` are the text's closest phrases."""

    def __init__(self, candidates: list[str]) -> None:
        super().__init__("The marked text does not occur in this testimony.")
        self.candidates = candidates


@dataclass(frozen=True)
class TestimonySummary:
    id: str
    language: str
    status: str
    submitted_on: date
    submitted_at: datetime
    preview: str
    followups: int
    attachments: int
    replies: int
    last_reply: datetime | None
    answered: bool  # a follow-up came after the last reply


@dataclass(frozen=True)
class Page:
    items: list[TestimonySummary]
    page: int
    per_page: int
    total: int
    counts: dict[str, int]  # per status, under the other filters

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class MessageView:
    seq: int
    submitted_on: date
    text: str
    spans: tuple[Pseudonym, ...]


@dataclass(frozen=True)
class AttachmentMeta:
    seq: int
    kind: str
    size: int


@dataclass(frozen=True)
class NoteView:
    author: str
    created_at: datetime
    body: str


@dataclass(frozen=True)
class TestimonyView:
    id: str
    language: str
    status: str
    submitted_on: date
    submitted_at: datetime
    text: str
    spans: tuple[Pseudonym, ...]
    followups: list[MessageView]
    attachments: list[AttachmentMeta]
    notes: list[NoteView]
    replies: list[SentReply]


def _preview(keyring: keys.EditorialKeyring, row: Testimony) -> str:
    """The start of the pseudonymised text on one line, for telling queue rows apart."""
    text = PseudonymisedText.open(keyring, row.redacted, record_id=row.id, item="redacted").text
    line = " ".join(text.split())
    return line if len(line) <= PREVIEW_CHARS else line[: PREVIEW_CHARS - 1].rstrip() + "…"


def _summary(keyring: keys.EditorialKeyring, row: Testimony) -> TestimonySummary:
    return TestimonySummary(
        id=row.id,
        language=row.language,
        status=row.status,
        submitted_on=row.submitted_on,
        submitted_at=row.submitted_at,
        preview=_preview(keyring, row),
        followups=len(row.messages),
        attachments=len(row.attachments),
        replies=len(row.replies),
        last_reply=row.replies[-1].sent_at if row.replies else None,
        answered=bool(row.replies) and len(row.messages) > row.replies[-1].followups_before,
    )


def _queue_order(sort: str) -> tuple:
    if sort == "oldest":
        return (Testimony.submitted_at, Testimony.id)
    return (Testimony.submitted_at.desc(), Testimony.id)


def list_testimonies(
    db: Session,
    services: Services,
    *,
    status: str | None = None,
    language: str | None = None,
    since: date | None = None,
    until: date | None = None,
    page: int = 1,
    per_page: int = 25,
    sort: str = "newest",
) -> Page:
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"Unknown status: use one of {', '.join(STATUSES)}.")
    if sort not in SORTS:
        raise InvalidInput(f"Unknown order: use one of {', '.join(SORTS)}.")
    if page < 1 or not 1 <= per_page <= 200:
        raise InvalidInput("Page must be at least 1 and per_page between 1 and 200.")
    query = select(Testimony)
    if language:
        query = query.where(Testimony.language == language)
    if since:
        query = query.where(Testimony.submitted_on >= since)
    if until:
        query = query.where(Testimony.submitted_on <= until)
    by_status = query.subquery()
    counts = dict.fromkeys(STATUSES, 0) | dict(
        db.execute(select(by_status.c.status, func.count()).group_by(by_status.c.status)).all()
    )
    if status:
        query = query.where(Testimony.status == status)
    total = counts[status] if status else sum(counts.values())
    rows = db.scalars(
        query.order_by(*_queue_order(sort)).offset((page - 1) * per_page).limit(per_page)
    ).all()
    keyring = services.vault.editorial
    return Page([_summary(keyring, row) for row in rows], page, per_page, total, counts)


def next_in_queue(db: Session, testimony_id: str) -> str | None:
    """The next testimony still to decide (new or in review) after this one, newest first."""
    row = _load(db, testimony_id)
    after = (Testimony.submitted_at < row.submitted_at) | (
        (Testimony.submitted_at == row.submitted_at) & (Testimony.id > row.id)
    )
    undecided = select(Testimony.id).where(Testimony.status.in_(("new", "in_review")))
    following = db.scalar(undecided.where(after).order_by(*_queue_order("newest")).limit(1))
    if following is None:  # wrap round to the newest
        following = db.scalar(
            undecided.where(Testimony.id != row.id).order_by(*_queue_order("newest")).limit(1)
        )
    return following


def _load(db: Session, testimony_id: str) -> Testimony:
    row = db.get(Testimony, testimony_id) if isinstance(testimony_id, str) else None
    if row is None:
        raise NotFound("No testimony with this id.")
    return row


def get_testimony(db: Session, services: Services, testimony_id: str) -> TestimonyView:
    row = _load(db, testimony_id)
    keyring = services.vault.editorial
    main = PseudonymisedText.open(keyring, row.redacted, record_id=row.id, item="redacted")
    followups = []
    for message in row.messages:
        view = PseudonymisedText.open(
            keyring, message.redacted, record_id=row.id, item=f"message/{message.seq}"
        )
        followups.append(MessageView(message.seq, message.submitted_on, view.text, view.spans))
    notes = [
        NoteView(
            note.author.username,
            note.created_at,
            keyring.open(note.body, record_id=row.id, item=f"note/{note.id}").decode(),
        )
        for note in row.notes
    ]
    return TestimonyView(
        id=row.id,
        language=row.language,
        status=row.status,
        submitted_on=row.submitted_on,
        submitted_at=row.submitted_at,
        text=main.text,
        spans=main.spans,
        followups=followups,
        attachments=[AttachmentMeta(a.seq, a.kind, a.size) for a in row.attachments],
        notes=notes,
        replies=sent_replies(row),
    )


def set_status(
    db: Session, services: Services, testimony_id: str, status: str, *, actor: Account
) -> None:
    if status not in STATUSES:
        raise InvalidInput(f"Unknown status: use one of {', '.join(STATUSES)}.")
    row = _load(db, testimony_id)
    previous, row.status = row.status, status
    record_event(
        db,
        services.vault.audit_key,
        actor=actor.username,
        action="status",
        details={"testimony": row.id, "from": previous, "to": status},
    )
    db.commit()


def mark_missed(
    db: Session,
    services: Services,
    testimony_id: str,
    *,
    surfaces: Sequence[str],
    label: str,
    actor: Account,
) -> None:
    """Pseudonymise identifiers redaction missed, in the testimony and all follow-ups.

    The terms are sealed to the witness's per-record key only, so the server cannot read them
    back, yet the next follow-up (opened with the witness's receipt) reuses their surrogates.
    """
    if not surfaces:
        raise InvalidInput("Type the missed text or pick its words in the text.")
    terms = [(clean_text(s, max_chars=200, what="marked text"), label) for s in surfaces]
    if label not in LABELS:
        raise InvalidInput(f"Unknown label: use one of {', '.join(LABELS)}.")
    row = _load(db, testimony_id)
    keyring = services.vault.editorial
    texts = [("redacted", row)] + [(f"message/{m.seq}", m) for m in row.messages]
    views = {
        item: PseudonymisedText.open(keyring, holder.redacted, record_id=row.id, item=item)
        for item, holder in texts
    }
    avoid = set().union(*(view.replacements for view in views.values()))
    memory = redaction.Memory()  # grows with each text, so all of them share surrogates
    updates = {}
    for item, view in views.items():
        result = redaction.apply_terms(view.text, row.language, terms, avoid=avoid, memory=memory)
        if view.overlaps(result):
            raise InvalidInput("The marked text overlaps a pseudonym that is already there.")
        memory = result.memory
        updates[item] = view.with_corrections(result)
    if not any(len(updates[item].spans) > len(views[item].spans) for item in views):
        raise NotInText(candidates(views.values(), terms[0][0]) if len(terms) == 1 else [])
    for item, holder in texts:
        holder.redacted = updates[item].seal(keyring, record_id=row.id, item=item)
    witness_key = keys.PublicKey.from_text(row.witness_public_key)
    row.corrections.append(
        CorrectionRow(
            sealed=keys.seal_to(
                [witness_key], memory.to_json().encode(), record_id=row.id, item="correction"
            )
        )
    )
    record_event(
        db,
        services.vault.audit_key,
        actor=actor.username,
        action="mark_missed",
        details={"testimony": row.id, "label": label},
    )
    db.commit()


def add_note(
    db: Session, services: Services, testimony_id: str, body: str, *, actor: Account
) -> None:
    body = clean_text(body, max_chars=10_000, what="note")
    row = _load(db, testimony_id)
    note = Note(author_id=actor.id, created_at=datetime.now(UTC), body=b"")
    row.notes.append(note)
    db.flush()  # the note id is part of the associated data
    note.body = services.vault.editorial.seal(
        body.encode(), record_id=row.id, item=f"note/{note.id}"
    )
    record_event(
        db,
        services.vault.audit_key,
        actor=actor.username,
        action="note",
        details={"testimony": row.id, "note": note.id},
    )
    db.commit()


def export_approved(
    db: Session, services: Services, fmt: Literal["markdown", "json"], *, actor: Account
) -> str:
    """Approved testimonies, pseudonymised and with every surrogate marked, for publication
    work; the export itself is audited (who, when, which format and records)."""
    if fmt not in ("markdown", "json"):
        raise InvalidInput("Export format must be markdown or json.")
    ids = db.scalars(
        select(Testimony.id)
        .where(Testimony.status == "approved")
        .order_by(Testimony.submitted_at, Testimony.id)
    ).all()
    views = [get_testimony(db, services, testimony_id) for testimony_id in ids]
    exported_at = datetime.now(UTC)
    body = (as_markdown if fmt == "markdown" else as_json)(views, exported_at)
    record_event(
        db,
        services.vault.audit_key,
        actor=actor.username,
        action="export_pseudonymised",
        details={"format": fmt, "testimonies": list(ids)},
    )
    db.commit()
    return body
