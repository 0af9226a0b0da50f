"""English place mentions NER cuts short or misses: hyphenated town names ("Stoke-on-Trent",
"Rostov-on-Don"), Irish/British counties ("Co. Limerick"), and a place named together with its
settlement or area noun ("Siverek village", "Kherson region", "the village of Yahidne",
"the District of Famagusta", "the northern part of Cyprus").

The spaCy model tokenises "Stoke-on-Trent" into five tokens and tags only "Trent"; it tags
"Limerick" but not "Co."; it leaves "village" outside "Siverek village". A half-replaced mention
still leaks ("Stoke-on-[Oakford]"), so these shapes are claimed whole and merged with whatever
NER found. When the place itself is public ("the eastern part of Ukraine") the keep list cuts
it out again and the bare common nouns left over are dropped by the pipeline.
"""

from __future__ import annotations

import re

from redaction.labels import LOCATION
from redaction.recognizers.base import Pattern, PatternRecognizer
from redaction.types import Detection

# Upper-case Latin letters, Åland and Şırnak included (the Latin Extended-A block alternates
# cases, so a few lower-case letters slip in; the patterns' context words make up for it).
_UPPER = r"[A-ZÀ-ÖØ-ÞĀ-Ž]"
_NAME = rf"{_UPPER}[^\W\d_]+(?:['’-]{_UPPER}[^\W\d_]+)*"
# Nationality adjectives: "a Ukrainian village", "another Swedish town" name no place.
_DEMONYM = (
    r"(?:[^\W\d_]+(?:ish|ian|ese|ean|ic)|German|French|Dutch|Greek|Thai|Swiss|Welsh|Czech|"
    r"Slovak|Kazakh|Uzbek|Tajik|Turkmen|Kyrgyz|Tatar|Chechen|Arab|Jewish|Roma)\b"
)
# Words that may precede a settlement noun without naming it: "Our village", "The town".
_NOT_NAMES = (
    r"(?:The|This|That|These|Those|Our|My|His|Her|Their|Its|Your|A|An|One|Each|Every|Another|"
    r"Which|What|Whose|Some|No|Any|Then|When|In|At|From|To|Near|Whole|Entire|Home|Native|Old|"
    r"New|Small|Big|Same|Next|Neighbouring|Neighboring|Nearby|Olympic|Global)\b"
)
_SETTLEMENT = (
    r"(?:city|village|town|township|district|region|province|county|oblast|raion|rayon|"
    r"municipality|settlement|hromada|krai|island|archipelago)"
)
_COMPASS = r"(?:north|south|east|west|northern|southern|eastern|western|central)"
_HEAD = re.compile(rf"(?:{_SETTLEMENT}|Co|County|The)", re.IGNORECASE)
_LONE_NAME = re.compile(rf"(?<![\w'’-]){_NAME}(?![\w'’-])")


class EnglishPlaceRecognizer(PatternRecognizer):
    label = LOCATION
    languages = frozenset({"en"})
    patterns = (
        # Stoke-on-Trent, Stratford-upon-Avon, Rostov-on-Don, Châlons-en-Champagne
        Pattern(
            rf"(?<![\w-]){_NAME}(?:-(?:on|upon|under|le|la|les|en|sur|am|an|de|du|by|in|super)-"
            rf"{_NAME})+(?![\w-])",
            0.85,
            flags=0,
        ),
        # Co. Limerick, County Durham (not "& Co. Ltd")
        Pattern(
            r"(?<!\w)(?:Co\.|County)[ \u00a0]+(?!(?:Ltd|Limited|Inc|LLC|KG|GmbH|Court)\b)" + _NAME,
            0.8,
            flags=0,
        ),
        # Siverek village, Kherson region, Limerick city
        Pattern(
            rf"(?<![\w-])(?!{_NOT_NAMES}|{_DEMONYM}){_NAME}(?:[ \u00a0](?!{_DEMONYM}){_NAME})?"
            rf"[ \u00a0]{_SETTLEMENT}\b",
            0.75,
            flags=0,
        ),
        # the village of Yahidne, the District of Famagusta, the northern part of Cyprus
        Pattern(
            rf"\b(?:{_SETTLEMENT}|{_COMPASS}(?:-?{_COMPASS})?\s+part)\s+of\s+(?:the\s+)?"
            rf"(?-i:{_NAME}(?:[ \u00a0]{_NAME})?)",
            0.75,
        ),
    )

    def analyze(self, text: str, language: str) -> list[Detection]:
        """The shapes above, plus every other mention of the names inside them: once
        "the village of Yahidne" is one span, consistency propagates only the whole phrase,
        and a later bare "Yahidne" that NER misses would leak."""
        found = super().analyze(text, language)
        names = {
            m.group()
            for d in found
            for m in _LONE_NAME.finditer(text, d.start, d.end)
            if not _HEAD.fullmatch(m.group())
        }
        if not names:
            return found
        elsewhere = re.compile(
            r"(?<![\w'’-])(?:" + "|".join(map(re.escape, sorted(names))) + r")(?![\w'’-])"
        )
        found += [
            Detection(m.start(), m.end(), LOCATION, 0.7, type(self).__name__)
            for m in elsewhere.finditer(text)
        ]
        return found
