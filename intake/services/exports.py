"""Export files no one mistakes for real names: a header that says the details are invented,
and every surrogate marked (Markdown: ⟦…⟧ with a legend; JSON: labelled spans)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from intake.pseudonymised import Pseudonym

if TYPE_CHECKING:
    from intake.services.review import TestimonyView

OPEN, CLOSE = "⟦", "⟧"
NOTICE = (
    "Names, places and dates in this file are invented. Every name, place, date, address, "
    "contact, unit, document number and other identifying detail the witness gave was "
    "replaced with an invented one before editors saw the text. Do not treat any marked value "
    "as a real person, place or date."
)
LABEL_MEANINGS = {
    "PERSON": "an invented person's name",
    "LOCATION": "an invented place",
    "ORGANIZATION": "an invented organisation",
    "FACILITY": "an invented building or facility",
    "CONTACT": "an invented phone number, e-mail or account",
    "MILITARY_UNIT": "an invented military unit",
    "CALLSIGN": "an invented call sign",
    "ID": "an invented document or other number",
    "ADDRESS": "an invented address",
    "DATE": "an invented date",
    "OTHER": "another identifying detail, withheld",
}


def _meaning(label: str) -> str:
    return LABEL_MEANINGS.get(label, f"an invented {label.lower().replace('_', ' ')}")


def marked(text: str, spans: Sequence[Pseudonym]) -> str:
    """The text with each surrogate in ⟦…⟧; the brackets are taken out of the rest of the text,
    so every ⟦…⟧ in the file is a surrogate."""
    out, position = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < position:
            continue
        out.append(_plain(text[position : span.start]))
        out.append(f"{OPEN}{text[span.start : span.end]}{CLOSE}")
        position = span.end
    out.append(_plain(text[position:]))
    return "".join(out)


def _plain(text: str) -> str:
    return text.replace(OPEN, "[").replace(CLOSE, "]")


def _legend(spans: Sequence[Pseudonym]) -> list[str]:
    seen = dict.fromkeys((s.replacement, s.label) for s in spans)
    if not seen:
        return []
    return ["", "Invented details:", ""] + [
        f"- {OPEN}{replacement}{CLOSE}: {_meaning(label)}" for replacement, label in seen
    ]


def _testimony_markdown(view: TestimonyView) -> str:
    parts = [
        f"## Testimony {view.id}",
        f"*Language: {view.language} · submitted {view.submitted_on.isoformat()}*",
        "",
        marked(view.text, view.spans),
        *_legend(view.spans),
    ]
    for message in view.followups:
        parts += ["", f"### Follow-up {message.seq} ({message.submitted_on.isoformat()})", ""]
        parts += [marked(message.text, message.spans), *_legend(message.spans)]
    return "\n".join(parts)


def as_markdown(views: Sequence[TestimonyView], exported_at: datetime) -> str:
    header = [
        f"# Approved testimonies (exported {exported_at.strftime('%Y-%m-%d %H:%M')} UTC)",
        "",
        f"> **{NOTICE}**",
        "",
        f"Legend: text in {OPEN}double brackets{CLOSE} is invented. "
        "Under each text, a list says what each invented detail stands for.",
    ]
    return "\n\n".join(["\n".join(header), *(_testimony_markdown(v) for v in views)]) + "\n"


def _spans(spans: Sequence[Pseudonym]) -> list[dict]:
    return [
        {
            "start": s.start,
            "end": s.end,
            "label": s.label,
            "replacement": s.replacement,
            "meaning": _meaning(s.label),
        }
        for s in spans
    ]


def as_json(views: Sequence[TestimonyView], exported_at: datetime) -> str:
    return json.dumps(
        {
            "notice": NOTICE,
            "exported_at": exported_at.isoformat(timespec="seconds"),
            "invented_spans": "each 'pseudonyms' entry is an invented value at text[start:end]",
            "testimonies": [
                {
                    "id": view.id,
                    "language": view.language,
                    "submitted_on": view.submitted_on.isoformat(),
                    "text": view.text,
                    "pseudonyms": _spans(view.spans),
                    "followups": [
                        {
                            "seq": m.seq,
                            "submitted_on": m.submitted_on.isoformat(),
                            "text": m.text,
                            "pseudonyms": _spans(m.spans),
                        }
                        for m in view.followups
                    ],
                }
                for view in views
            ],
        },
        ensure_ascii=False,
        indent=2,
    )
