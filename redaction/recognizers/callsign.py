"""Callsigns and nicknames, found by the words that introduce them ("позывной «Бес»",
"позивний Грім", callsign "Yankee", call sign Wolf, "a man they called Professor", "все звали
«Малой»", "всі кликали «Малий»"); later mentions, in any case, are caught by consistency.

A nickname is often an ordinary word ("Doctor", «Гром»): the cue, not the word, says it is one.
Cues that also introduce other things ("звали" a first name, "called" a phone call) count only
before a quoted word."""

from redaction.labels import CALLSIGN
from redaction.recognizers.base import Pattern, PatternRecognizer

_INTRO = (
    r"(?:позывн\w*|позивн\w*|call[\s-]?sign\w*|nickname[ds]?|nom\s+de\s+guerre|"
    r"по\s+прозвищу|по\s+кличке|кличк\w+|прозвищ\w+|на\s+прізвисько|прізвисько|прізвиськом|"
    r"went\s+by|known\s+as|называ(?:ют|ли)|кличут|прозвали|називають|називали|кличуть|"
    r"прозвали|звуть\s+його|зовут\s+его|кличка|кличку|погоняло|"
    r"(?:they|we|everyone|everybody|people|the\s+guys|all)\s+(?:all\s+)?call(?:ed|s)?"
    r"(?:\s+(?:him|her))?)"
)
# Only before a quoted word: "все звали «Малой»", "we called him "Doctor"".
_QUOTED_INTRO = r"(?:звали|кликали|кликать|звать|call(?:ed)?\s+(?:him|her)|dubbed|nicknamed)"
_QUOTED = r"[«\"“„'‘](?P<value>[^«»\"“”„'‘’\n]{1,30})[»\"”'’]"
# "позывной у меня был", "позивний в нього —", "callsign was"
_LINK = r"(?:(?:[ув]\s+[^\W\d_]+\s+)?(?:был|была|було|був|була|is|was|—|-)\s+)?"
_BARE = r"(?P<value>[^\W\d_][\w-]{1,24})"


# Words that may follow the trigger without being the callsign ("позывной у него", "callsign is").
# fmt: off
_NOT_CALLSIGNS = frozenset(
    [
        "у", "в", "его", "её", "її", "його", "ему", "мой", "мій", "моя", "свой", "свій", "свою",
        "him", "her", "his", "the", "a", "was", "is", "and", "и", "і", "та", "не", "no",
        "me", "us", "them", "it", "that", "this", "my", "our", "their", "up", "back", "out",
        "home", "again", "on", "to", "for", "about", "mum", "mom", "dad", "police", "an",
        "ambulance", "everyone", "somebody", "someone", "nobody", "был", "была", "было",
        "був", "була", "було", "є", "есть",
    ]
)
# fmt: on


class CallsignRecognizer(PatternRecognizer):
    label = CALLSIGN
    patterns = (
        Pattern(_INTRO + r"\b\s*(?:[:—–-]\s*)?" + _LINK + _QUOTED, 0.95),
        Pattern(_INTRO + r"\b(?:\s*[:—–-])?\s+" + _LINK + _BARE, 0.9),
        Pattern(r"\b" + _QUOTED_INTRO + r"\s*(?:[:—–-]\s*)?" + _QUOTED, 0.9),
    )

    def validate(self, value: str) -> bool:
        return value.lower() not in _NOT_CALLSIGNS
