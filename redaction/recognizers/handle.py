"""Messenger and social-network handles: @name (Telegram, Instagram, X)."""

from redaction.labels import CONTACT
from redaction.recognizers.base import Pattern, PatternRecognizer


class HandleRecognizer(PatternRecognizer):
    label = CONTACT
    patterns = (Pattern(r"(?<![\w@.])@[A-Za-z][A-Za-z0-9_.]{2,31}(?<!\.)\b", 0.9, requires=("@",)),)
