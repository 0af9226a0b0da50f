"""Checks on witness text that must hold before anything is redacted or stored."""

from __future__ import annotations

from intake.errors import InvalidInput

LANGUAGES = ("auto", "en", "ru", "uk")


def clean_text(text: str, *, max_chars: int, what: str = "text") -> str:
    if not isinstance(text, str):
        raise InvalidInput(f"The {what} must be a string.")
    if "\x00" in text:
        raise InvalidInput(f"The {what} contains a NUL character, which is not allowed.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(
            f"The {what} contains invalid Unicode (an unpaired surrogate)."
        ) from None
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise InvalidInput(f"The {what} is empty.")
    if len(text) > max_chars:
        raise InvalidInput(
            f"The {what} is too long: at most {max_chars} characters are accepted. "
            "Please split it into a testimony and follow-up messages."
        )
    return text


def clean_language(language: str) -> str:
    if language not in LANGUAGES:
        raise InvalidInput("Unknown language: use one of auto, en, ru, uk.")
    return language
