"""The witness's own check before sending: the pseudonymised text, plus words they chose to hide.

Pure functions: nothing here touches the database, the disk or a log. The preview page and
``POST /api/v1/testimonies/preview`` call ``pseudonymise`` and throw the result away; submission
calls it again and stores what it returns, so the editors get exactly what the witness saw.

Words the witness hides are replaced like an editor's marks (``redaction.apply_terms``: every
case and inflection) with invented call-sign-style words, which inflect and stay the same for
one lemma, and labelled ``HIDDEN`` so editors know the witness hid them (never what). Their
memory entries are tagged so follow-ups of the testimony hide them too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import redaction
from intake.errors import InvalidInput
from intake.pseudonymised import PseudonymisedText
from redaction.labels import CALLSIGN

MAX_TERMS = 50
MAX_TERM_CHARS = 100
SURROGATE_KIND = CALLSIGN  # invented words that inflect, one per lemma; no guess at what it is
HIDDEN = "HIDDEN"  # the label editors see on a word the witness hid
SOURCE = "source"
BY_WITNESS = "witness"


class TermsRefused(InvalidInput):
    """The words to hide break a limit; the text itself is fine."""


@dataclass(frozen=True)
class Preview:
    language: str
    view: PseudonymisedText
    memory: redaction.Memory
    hidden: tuple[str, ...]  # terms that occurred and were replaced
    not_found: tuple[str, ...]  # terms that were not in the text (or only inside a surrogate)


def clean_terms(terms: Iterable[str]) -> tuple[str, ...]:
    """The witness's terms, trimmed, without blanks or repeats (case-insensitive), in order."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in terms:
        if not isinstance(raw, str) or "\x00" in raw:
            raise TermsRefused("Each word to hide must be plain text.")
        term = " ".join(raw.split())
        if not term or term.casefold() in seen:
            continue
        if len(term) > MAX_TERM_CHARS:
            raise TermsRefused(f"A word or phrase to hide is longer than {MAX_TERM_CHARS} letters.")
        seen.add(term.casefold())
        out.append(term)
    if len(out) > MAX_TERMS:
        raise TermsRefused(f"At most {MAX_TERMS} words or phrases can be hidden.")
    return tuple(out)


def terms_from_lines(text: str) -> list[str]:
    """A form field with one word or phrase per line (commas separate too)."""
    return [part for line in text.splitlines() for part in line.split(",")]


def memory_from_form(payload: str) -> redaction.Memory | None:
    """The surrogate memory a preview page carried back, so surrogates stay as shown; anything
    malformed is ignored (a fresh memory only changes which invented names are drawn)."""
    if not payload:
        return None
    try:
        memory = redaction.Memory.from_json(payload)
    except (ValueError, TypeError, AttributeError):
        return None
    valid = all(
        isinstance(key, str)
        and isinstance(entry, dict)
        and isinstance(entry.get("surrogate"), str)
        and all(isinstance(v, str) for v in entry.values())
        for key, entry in memory.entries.items()
    )
    return memory if valid else None


def hide_terms(
    view: PseudonymisedText, language: str, memory: redaction.Memory, terms: Iterable[str]
) -> tuple[PseudonymisedText, redaction.Memory, tuple[str, ...]]:
    """Replace each term everywhere in an already pseudonymised text; returns which matched.

    A term that only matches inside a surrogate is skipped: surrogates never share a word
    with the original text, so it cannot be a real word of it."""
    hidden: list[str] = []
    for term in terms:
        result = redaction.apply_terms(
            view.text, language, [(term, SURROGATE_KIND)], avoid=view.replacements, memory=memory
        )
        if not result.spans or view.overlaps(result):
            continue
        result = replace(result, spans=[replace(span, label=HIDDEN) for span in result.spans])
        for key in result.memory.entries.keys() - memory.entries.keys():
            result.memory.entries[key][SOURCE] = BY_WITNESS
        view, memory = view.with_corrections(result), result.memory
        hidden.append(term)
    return view, memory, tuple(hidden)


def pseudonymise(
    text: str,
    language: str,
    *,
    policy: redaction.Policy,
    hide: Iterable[str] = (),
    memory: redaction.Memory | None = None,
) -> Preview:
    """What the editors will see of ``text`` once the witness's ``hide`` terms are replaced."""
    terms = clean_terms(hide)
    result = redaction.redact(text, language, memory=memory, policy=policy)
    view, memory, hidden = hide_terms(
        PseudonymisedText.from_redaction(result), result.language, result.memory, terms
    )
    not_found = tuple(term for term in terms if term not in hidden)
    return Preview(result.language, view, memory, hidden, not_found)


def remembered_terms(memory: redaction.Memory) -> list[str]:
    """The lemmas the witness hid in this testimony, for its follow-ups."""
    return [
        key.split("|", 2)[2]
        for key, entry in memory.entries.items()
        if entry.get(SOURCE) == BY_WITNESS and key.count("|") >= 2
    ]
