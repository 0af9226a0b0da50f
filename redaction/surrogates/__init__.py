"""Surrogates: person-name analysis (people), format-preserving shapes (shapes), and the
SurrogateMaker that chooses, inflects and remembers them (maker)."""

from redaction.surrogates.maker import SurrogateMaker, phrase_key
from redaction.surrogates.people import canonical_first_name

__all__ = ["SurrogateMaker", "canonical_first_name", "phrase_key"]
