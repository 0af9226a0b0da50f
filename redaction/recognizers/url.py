"""Web addresses, including bare profile links such as t.me/name or vk.com/id123."""

import re

from redaction.labels import CONTACT
from redaction.recognizers.base import Pattern, PatternRecognizer

_TLDS = "com|ru|ua|org|net|me|io|by|info|su|рф|укр|de|pl|uk|eu|kz|biz|tv|app|gg"


class UrlRecognizer(PatternRecognizer):
    label = CONTACT
    patterns = (
        Pattern(
            r"\b(?:https?://|www\.)[^\s<>\"«»]+[^\s<>\"«».,;:!?)\]']",
            0.9,
            requires=("http", "www."),
        ),
        Pattern(
            rf"(?<![@\w.])(?:[\w-]+\.)+(?:{_TLDS})(?:/[^\s<>\"«»]*[^\s<>\"«».,;:!?)\]'])?(?![\w@])",
            0.8,
            flags=re.IGNORECASE,
        ),
    )
