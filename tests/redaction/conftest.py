"""Shared fixtures: models load once per test session."""

from __future__ import annotations

import pytest

import redaction


@pytest.fixture(scope="session")
def warm() -> None:
    """Load every NER pipeline and dictionary once; tests that redact depend on this."""
    redaction.warm_up()


def replaced(
    text: str, language: str = "auto", **kwargs: object
) -> tuple[redaction.Redaction, dict[str, str]]:
    """Redact and map each replaced original surface to its replacement."""
    result = redaction.redact(text, language, **kwargs)  # type: ignore[arg-type]
    return result, {text[s.start : s.end]: s.replacement for s in result.spans}
