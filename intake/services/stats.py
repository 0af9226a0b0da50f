"""Figures on where redaction misses, for editors and admins: counts only, never words."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake import counters
from intake.db.models import Testimony


@dataclass(frozen=True)
class HiddenByWitness:
    """Per language: testimonies where the witness hid words after the preview, of all."""

    language: str
    hid: int
    testimonies: int


def hidden_by_witness(db: Session) -> list[HiddenByWitness]:
    hid = {
        name.split("/", 1)[1]: value
        for name, value in counters.read(db, counters.WITNESS_HID + "/").items()
    }
    totals = dict(
        db.execute(select(Testimony.language, func.count()).group_by(Testimony.language)).all()
    )
    return [
        HiddenByWitness(language, hid.get(language, 0), totals.get(language, 0))
        for language in sorted(hid.keys() | totals.keys())
    ]
