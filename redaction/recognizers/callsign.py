"""Callsigns and nicknames, found by the words that introduce them ("позывной «Бес»",
"позивний Грім", callsign "Yankee", call sign Wolf); later mentions are caught by consistency."""

from redaction.labels import CALLSIGN
from redaction.recognizers.base import Pattern, PatternRecognizer

_INTRO = (
    r"(?:позывн\w*|позивн\w*|call[\s-]?sign\w*|nickname[ds]?|nom\s+de\s+guerre|"
    r"по\s+прозвищу|по\s+кличке|кличк\w+|прозвищ\w+|на\s+прізвисько|прізвисько|прізвиськом|"
    r"went\s+by|known\s+as)"
)
_QUOTED = r"[«\"“„'‘](?P<value>[^«»\"“”„'‘’\n]{1,30})[»\"”'’]"
_LINK = r"(?:(?:у\s+него\s+|у\s+нього\s+|в\s+нього\s+)?(?:был|была|був|була|is|was|—)\s+)?"
_BARE = r"(?P<value>[^\W\d_][\w-]{1,24})"


# Words that may follow the trigger without being the callsign ("позывной у него", "callsign is").
_NOT_CALLSIGNS = frozenset(
    [
        "у",
        "в",
        "его",
        "её",
        "її",
        "його",
        "ему",
        "мой",
        "мій",
        "моя",
        "свой",
        "свій",
        "свою",
        "him",
        "her",
        "his",
        "the",
        "a",
        "was",
        "is",
        "and",
        "и",
        "і",
        "та",
        "не",
        "no",
    ]
)


class CallsignRecognizer(PatternRecognizer):
    label = CALLSIGN
    patterns = (
        Pattern(_INTRO + r"\b\s*(?:[:—–-]\s*)?" + _LINK + _QUOTED, 0.95),
        Pattern(_INTRO + r"\b(?:\s*[:—–-])?\s+" + _LINK + _BARE, 0.9),
    )

    def validate(self, value: str) -> bool:
        return value.lower() not in _NOT_CALLSIGNS
