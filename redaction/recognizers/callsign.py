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
_BARE = r"(?P<value>[^\W\d_][\w-]{1,24})"


class CallsignRecognizer(PatternRecognizer):
    label = CALLSIGN
    patterns = (
        Pattern(_INTRO + r"\s*(?:[:—–-]\s*)?(?:был\s+|була\s+|був\s+|—\s*)?" + _QUOTED, 0.95),
        Pattern(_INTRO + r"\s*(?:[:—–-]\s*)?(?:был\s+|була\s+|був\s+|is\s+|was\s+)?" + _BARE, 0.9),
    )

    def validate(self, value: str) -> bool:
        # "позывной у него был ..." - skip function words that follow the trigger.
        return value.lower() not in {"у", "его", "її", "его", "him", "her", "the", "a", "was", "is", "мой", "мій", "свій", "свой"}
