"""What editors can do. Nothing here can reach an original: only editorial-key ciphertext."""

from __future__ import annotations

import json
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
)


@dataclass(frozen=True)
class TestimonySummary:
    id: str
    language: str
    status: str
    submitted_on: date
    followups: int
    attachments: int


@dataclass(frozen=True)
class Page:
    items: list[TestimonySummary]
    page: int
    per_page: int
    total: int

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
    text: str
    spans: tuple[Pseudonym, ...]
    followups: list[MessageView]
    attachments: list[AttachmentMeta]
    notes: list[NoteView]


def _summary(row: Testimony) -> TestimonySummary:
    return TestimonySummary(
        row.id, row.language, row.status, row.submitted_on, len(row.messages), len(row.attachments)
    )


def list_testimonies(
    db: Session,
    *,
    status: str | None = None,
    language: str | None = None,
    since: date | None = None,
    until: date | None = None,
    page: int = 1,
    per_page: int = 25,
) -> Page:
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"Unknown status: use one of {', '.join(STATUSES)}.")
    if page < 1 or not 1 <= per_page <= 200:
        raise InvalidInput("Page must be at least 1 and per_page between 1 and 200.")
    query = select(Testimony)
    if status:
        query = query.where(Testimony.status == status)
    if language:
        query = query.where(Testimony.language == language)
    if since:
        query = query.where(Testimony.submitted_on >= since)
    if until:
        query = query.where(Testimony.submitted_on <= until)
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.scalars(
        query.order_by(Testimony.submitted_on.desc(), Testimony.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return Page([_summary(row) for row in rows], page, per_page, total)


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
        text=main.text,
        spans=main.spans,
        followups=followups,
        attachments=[AttachmentMeta(a.seq, a.kind, a.size) for a in row.attachments],
        notes=notes,
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
    surface: str,
    label: str,
    actor: Account,
) -> None:
    """Pseudonymise an identifier redaction missed, in the testimony and all follow-ups.

    The term is sealed to the witness's per-record key only, so the server cannot read it
    back, yet the next follow-up (opened with the witness's receipt) reuses its surrogate.
    """
    surface = clean_text(surface, max_chars=200, what="marked text")
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
        result = redaction.apply_terms(
            view.text, row.language, [(surface, label)], avoid=avoid, memory=memory
        )
        if view.overlaps(result):
            raise InvalidInput("The marked text overlaps a pseudonym that is already there.")
        memory = result.memory
        updates[item] = view.with_corrections(result)
    if not any(len(updates[item].spans) > len(views[item].spans) for item in views):
        raise InvalidInput("The marked text does not occur in this testimony.")
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


def _as_markdown(view: TestimonyView) -> str:
    parts = [
        f"## Testimony {view.id}",
        f"*Language: {view.language} · submitted {view.submitted_on.isoformat()}*",
        "",
        view.text,
    ]
    for message in view.followups:
        parts += ["", f"### Follow-up {message.seq} ({message.submitted_on.isoformat()})", ""]
        parts.append(message.text)
    return "\n".join(parts)


def export_approved(
    db: Session, services: Services, fmt: Literal["markdown", "json"], *, actor: Account
) -> str:
    """Approved testimonies, pseudonymised, for publication work (audited: who, how many)."""
    if fmt not in ("markdown", "json"):
        raise InvalidInput("Export format must be markdown or json.")
    ids = db.scalars(
        select(Testimony.id)
        .where(Testimony.status == "approved")
        .order_by(Testimony.submitted_on, Testimony.id)
    ).all()
    views = [get_testimony(db, services, testimony_id) for testimony_id in ids]
    record_event(
        db,
        services.vault.audit_key,
        actor=actor.username,
        action="export_approved",
        details={"format": fmt, "testimonies": len(ids)},
    )
    db.commit()
    if fmt == "markdown":
        header = f"# Approved testimonies (exported {datetime.now(UTC).date().isoformat()})"
        return "\n\n".join([header, *(_as_markdown(view) for view in views)]) + "\n"
    return json.dumps(
        [
            {
                "id": view.id,
                "language": view.language,
                "submitted_on": view.submitted_on.isoformat(),
                "text": view.text,
                "pseudonyms": [span.__dict__ for span in view.spans],
                "followups": [
                    {
                        "seq": m.seq,
                        "submitted_on": m.submitted_on.isoformat(),
                        "text": m.text,
                        "pseudonyms": [span.__dict__ for span in m.spans],
                    }
                    for m in view.followups
                ],
            }
            for view in views
        ],
        ensure_ascii=False,
        indent=2,
    )
