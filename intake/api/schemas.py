"""Request and response bodies of the JSON API."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

Language = Literal["auto", "en", "ru", "uk"]
Status = Literal["new", "in_review", "approved", "rejected"]
# SQLite gives stored UTC times back without their zone; the API always states it.
UtcTime = Annotated[datetime, AfterValidator(lambda t: t if t.tzinfo else t.replace(tzinfo=UTC))]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class TestimonyIn(Strict):
    text: str = Field(description="The testimony, plain text.")
    language: Language = "auto"
    hide: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="Words or phrases the witness chose to hide after the preview; each is "
        "replaced in every case and inflection, here and in later follow-ups.",
    )


class ReceiptOut(BaseModel):
    receipt: str = Field(description="Shown once. Needed to check status or add messages.")
    message: str


class ReceiptIn(Strict):
    receipt: str


class FollowupIn(Strict):
    receipt: str
    text: str


class WithdrawIn(Strict):
    receipt: str
    confirm: bool = Field(description="Must be true: a withdrawal cannot be undone.")


class WithdrawnOut(BaseModel):
    withdrawn: bool
    message: str


class WitnessStatusOut(BaseModel):
    status: Status
    submitted_on: date
    language: str
    followups: int
    attachments: int


class LoginIn(Strict):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024, description="Longer passwords are refused unhashed.")
    totp: str = Field(max_length=16, description="Six ASCII digits; anything else is a wrong code.")


class TokenOut(BaseModel):
    token: str
    expires_in: int


class PseudonymOut(BaseModel):
    start: int
    end: int
    label: str
    replacement: str


class SummaryOut(BaseModel):
    id: str
    language: str
    status: Status
    submitted_on: date
    followups: int
    attachments: int
    submitted_at: UtcTime
    preview: str
    replies: int
    last_reply: UtcTime | None
    answered: bool


class PageOut(BaseModel):
    items: list[SummaryOut]
    page: int
    per_page: int
    total: int
    counts: dict[str, int]


class MessageOut(BaseModel):
    seq: int
    submitted_on: date
    text: str
    pseudonyms: list[PseudonymOut]


class AttachmentOut(BaseModel):
    seq: int
    kind: str
    size: int


class NoteOut(BaseModel):
    author: str
    created_at: str
    body: str


class TestimonyOut(BaseModel):
    id: str
    language: str
    status: Status
    submitted_on: date
    text: str
    pseudonyms: list[PseudonymOut]
    followups: list[MessageOut]
    attachments: list[AttachmentOut]
    notes: list[NoteOut]


class StatusIn(Strict):
    status: Status


class CorrectionIn(Strict):
    surface: str = Field(description="Text as it appears in the pseudonymised testimony.")
    label: str


class NoteIn(Strict):
    body: str = Field(
        min_length=1, pattern=r"\S", description="Not blank; at most 10,000 characters."
    )


# -- witness preview ----------------------------------------------------------------------


class PreviewIn(TestimonyIn):
    """The same body as a submission; nothing is stored."""


class PreviewOut(BaseModel):
    language: str = Field(description="The language the text was pseudonymised as.")
    text: str = Field(description="The text as editors would see it.")
    pseudonyms: list[PseudonymOut] = Field(
        description="Where each invented replacement sits in `text`; label HIDDEN marks a word "
        "from `hide`."
    )
    hidden: list[str] = Field(description="Terms from `hide` that occurred and were replaced.")
    not_found: list[str] = Field(
        description="Terms from `hide` not in the pseudonymised text (absent or already replaced)."
    )


class ErrorOut(BaseModel):
    """Every refusal: one message that quotes nothing of the request."""

    detail: str


def errors(*statuses: int) -> dict[int | str, dict]:
    """OpenAPI ``responses`` for the refusals a route can give, all shaped as ``ErrorOut``."""
    return {status: {"model": ErrorOut} for status in statuses}
