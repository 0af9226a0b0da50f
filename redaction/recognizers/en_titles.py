"""English honorifics and judicial post-nominals, taken into the person span they introduce.

"Sir John Freeland", "Judge Kalaydjieva", "Lord Justice Buxton", "Dr A. Connolly", "Mummery LJ":
NER finds the name but leaves the title outside, and a title left readable next to a surrogate
("Judge Smith" for a court with one judge of that rank, "Lord Rodger of Earlsferry") narrows
the person down. A title alone identifies no one, so it is only taken together with a name and
the whole mention becomes one PERSON span. Military ranks and kinship words ("Colonel", "uncle")
stay outside on purpose: they carry the testimony's meaning and are shared by thousands.
Mr/Mrs/Ms are left out as well: they only say which surrogate gender to use.
"""

from __future__ import annotations

import re

from redaction.labels import PERSON
from redaction.recognizers.base import Pattern, PatternRecognizer

# fmt: off
HONORIFICS = frozenset(
    [
        "sir", "dame", "lord", "lady", "baron", "baroness", "judge", "justice", "dr", "doctor",
        "professor", "prof", "rev", "revd", "reverend",
    ]
)
# Capitalised words that follow an honorific without being a name: offices ("Lord Chief
# Justice", "Judge Advocate General"), institutions ("Criminal Justice Act") and the divine
# ("Lord Jesus", "Lord God").
_NOT_NAMES = (
    "Chief|Advocate|Chancellor|President|Mayor|General|Clerk|Speaker|Lieutenant|Provost|"
    "High|Court|Of|The|God|Jesus|Christ|Almighty|Allah|Sir|Dame|Lord|Lady|Judge|Justice|Doctor|"
    "Act|Acts|Bill|Law|Department|Ministry|Division|Committee|Commission|Council|Board|Office|"
    "Service|System|Secretary|Minister|Review|Reform|Centre|Center"
)
# fmt: on
_HONORIFIC = (
    r"(?:Sir|Dame|Lord|Lady|Baron(?:ess)?|Judge|Justice|Doctor|Professor|Reverend|"
    r"(?:Dr|Prof|Revd?)\.?)"
)
# A name word (O’Brien, Darwall-Smith; not the possessive of "Price’s") or an initial ("A.").
_WORD = r"[A-Z](?:['’](?=[A-Z]))?[^\W\d_]+(?:['’][A-Z][^\W\d_]+|-[A-Z]?[^\W\d_]+)*"
_NAME = rf"(?!(?:{_NOT_NAMES})\b)(?:[A-Z]\.|{_WORD})"
_NAME_RUN = rf"{_NAME}(?:[ \u00a0]?{_NAME}){{0,3}}"
# Post-nominals of English judges and counsel: "Tugendhat J", "Mummery LJ", "Smith QC".
_POSTNOMINAL = r"(?:LJJ?|JJ|J|CJ|QC|KC)"
# Capitalised words that a letter after them labels rather than names ("Section J", "Plan B").
_LABEL_NOUNS = (
    r"(?:Annex|Appendix|Article|Section|Part|Chapter|Paragraph|Schedule|Class|Category|Plan|"
    r"Block|Building|Exhibit|Form|Type|Room|Wing|Cell|Zone|Sector|Platoon|Company)"
)


class EnglishTitleRecognizer(PatternRecognizer):
    label = PERSON
    languages = frozenset({"en"})
    patterns = (
        # Sir John Freeland, Lord Justice Simon Brown, Dr A. Connolly, Lord Rodger of Earlsferry
        Pattern(
            rf"(?<![\w.])(?P<value>(?:{_HONORIFIC}[ \u00a0]+){{1,2}}{_NAME_RUN}"
            rf"(?:[ \u00a0]+of[ \u00a0]+[A-Z][^\W\d_]+(?:-[^\W\d_]+)*)?)(?![\w-])",
            0.9,
            flags=0,
        ),
        # Mummery LJ, Tugendhat J, McLachlin J (not an initial: no dot or name follows)
        Pattern(
            rf"(?<![\w.-])(?!{_LABEL_NOUNS}\b)(?P<value>[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?"
            rf"[ \u00a0]{_POSTNOMINAL})(?![\w.-])",
            0.85,
            flags=0,
        ),
    )


def is_honorific(word: str) -> bool:
    """True for a title word; consistency must not spread it as if it were part of a name."""
    return re.sub(r"\.$", "", word).lower() in HONORIFICS
