"""Value types shared by the pipeline: what a detector finds and what redaction returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from redaction.memory import Memory


@dataclass(frozen=True, slots=True)
class Detection:
    """A candidate identifier found by one recogniser, before overlaps are resolved."""

    start: int
    end: int
    label: str
    score: float
    source: str = ""


@dataclass(frozen=True, slots=True)
class Span:
    """One replaced identifier: offsets into the input and into the redacted output."""

    start: int
    end: int
    label: str
    replacement: str
    out_start: int
    out_end: int


@dataclass(frozen=True, slots=True)
class Redaction:
    """Result of redaction: the text editors see, where it changed, and the surrogate memory."""

    language: str
    text: str
    spans: list[Span] = field(default_factory=list)
    memory: Memory = field(default_factory=Memory)
