"""E-mail addresses."""

from redaction.labels import CONTACT
from redaction.recognizers.base import Pattern, PatternRecognizer


class EmailRecognizer(PatternRecognizer):
    label = CONTACT
    patterns = (
        Pattern(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}\b", 0.95, requires=("@",)),
    )
