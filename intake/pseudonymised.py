"""The editors' view of a text: redacted text plus where each surrogate sits in it.

Sealed under the editorial key; it never contains a real name once redaction is right.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import keys
from redaction import Redaction


@dataclass(frozen=True)
class Pseudonym:
    start: int
    end: int
    label: str
    replacement: str


@dataclass(frozen=True)
class PseudonymisedText:
    text: str
    spans: tuple[Pseudonym, ...]

    @classmethod
    def from_redaction(cls, result: Redaction) -> PseudonymisedText:
        return cls(
            result.text,
            tuple(Pseudonym(s.out_start, s.out_end, s.label, s.replacement) for s in result.spans),
        )

    def with_corrections(self, result: Redaction) -> PseudonymisedText:
        """Fold a redaction of *this* text (new surrogates) into it, shifting old spans."""
        shifted: list[Pseudonym] = []
        new = sorted(result.spans, key=lambda s: s.start)
        for old in self.spans:
            delta = sum(
                (s.out_end - s.out_start) - (s.end - s.start) for s in new if s.end <= old.start
            )
            shifted.append(
                Pseudonym(old.start + delta, old.end + delta, old.label, old.replacement)
            )
        added = [Pseudonym(s.out_start, s.out_end, s.label, s.replacement) for s in new]
        return PseudonymisedText(result.text, tuple(sorted(shifted + added, key=lambda p: p.start)))

    def overlaps(self, result: Redaction) -> bool:
        return any(
            s.start < old.end and old.start < s.end for s in result.spans for old in self.spans
        )

    @property
    def replacements(self) -> set[str]:
        return {span.replacement for span in self.spans}

    def seal(self, keyring: keys.EditorialKeyring, *, record_id: str, item: str) -> bytes:
        payload = {"text": self.text, "spans": [asdict(s) for s in self.spans]}
        return keyring.seal(
            json.dumps(payload, ensure_ascii=False).encode(), record_id=record_id, item=item
        )

    @classmethod
    def open(
        cls, keyring: keys.EditorialKeyring, blob: bytes, *, record_id: str, item: str
    ) -> PseudonymisedText:
        payload = json.loads(keyring.open(blob, record_id=record_id, item=item))
        return cls(payload["text"], tuple(Pseudonym(**s) for s in payload["spans"]))
