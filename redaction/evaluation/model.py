"""Data types shared by readers, scoring and the CLI.

Readers turn every corpus into the same ``Document`` shape so that one scorer handles all of
them; the redactor is only seen through a small structural protocol so tests can inject a fake.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

#: Canonical must-mask labels, named like the pseudonymiser's span labels so that recall
#: (by gold label) and precision (by predicted label) line up in one table.
PERSON = "PERSON"
LOCATION = "LOCATION"
ORGANIZATION = "ORGANIZATION"
FACILITY = "FACILITY"
CONTACT = "CONTACT"
ID = "ID"
DATE = "DATE"
KEEP = "KEEP"

LANGUAGES = ("en", "ru", "uk")


@dataclass(frozen=True)
class Mention:
    """A gold span ``text[start:end]``.

    ``label`` is canonical (see the constants above) for must-mask and keep mentions; for
    informational mentions (``Document.other``) it is the corpus' own type, prefixed with the
    corpus name, because those types have no must-mask meaning.
    ``source_label`` keeps the corpus' original type for miss listings.
    """

    start: int
    end: int
    label: str
    surface: str
    source_label: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad mention offsets {self.start}..{self.end}")
        if len(self.surface) != self.end - self.start:
            raise ValueError(f"surface {self.surface!r} does not match {self.start}..{self.end}")


@dataclass(frozen=True)
class Document:
    """One text with its gold mentions.

    * ``must_mask``: identifying mentions that must disappear from the output.
    * ``keep``: public mentions that must stay readable (testimonies only).
    * ``other``: annotated mentions that are neither (TAB DATETIME, NER-UK JOB, ...); they are
      reported for information and count as "inside a gold mention" for token precision, since
      replacing them is not gratuitous over-redaction.
    * ``ignorable_words``: lower-cased words a must-mask mention may contain without them
      having to be replaced (TAB's scorer convention: titles, determiners, prepositions).
    * ``style``: the writing style a marked-up testimony is tagged with ("sms", "translit",
      ...); styles fail in different ways, so figures are also reported per style.
    """

    id: str
    lang: str
    text: str
    must_mask: list[Mention]
    keep: list[Mention] = field(default_factory=list)
    other: list[Mention] = field(default_factory=list)
    ignorable_words: frozenset[str] = frozenset()
    style: str = ""


class SpanLike(Protocol):
    """What the scorer needs from a redaction span: input offsets and a label."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def label(self) -> str: ...


class RedactionLike(Protocol):
    """What the scorer needs from a redaction result."""

    @property
    def text(self) -> str: ...

    @property
    def spans(self) -> Sequence[SpanLike]: ...


#: ``redact(text, language)`` - the pseudonymiser's entry point, injected for testability.
RedactFn = Callable[[str, str], RedactionLike]

#: ``is_public(language, surface, label)`` - the pseudonymiser's keep policy (public figures,
#: countries, capitals, national bodies). Public corpora annotate such mentions like any other,
#: so without this split their recall mixes real misses with deliberate keeps.
PublicFn = Callable[[str, str, str], bool]
