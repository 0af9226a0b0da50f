"""Pseudonymisation of testimonies in English, Russian and Ukrainian.

Importing this package loads no model: NER pipelines and dictionaries load on first use (or in
warm_up(), which a web service can call at startup).
"""

from redaction.language import detect_language
from redaction.memory import Memory
from redaction.pipeline import apply_terms, redact
from redaction.policy import Policy
from redaction.surrogates.maker import inflect_pools
from redaction.types import Redaction, Span

__all__ = [
    "Memory",
    "Policy",
    "Redaction",
    "Span",
    "apply_terms",
    "detect_language",
    "redact",
    "warm_up",
]


def warm_up() -> None:
    """Load every language's models and dictionaries now rather than on the first request."""
    from redaction.keep import is_public

    for language, sample in (("en", "Warm up."), ("ru", "Прогрев."), ("uk", "Розігрів.")):
        redact(sample, language)
        inflect_pools(language)
        is_public(language, "Warm", "LOCATION")  # builds the keep tables (GeoNames cities)
    detect_language("warm up")
