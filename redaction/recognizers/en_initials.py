"""People named by initials only: "W.K. lodged a divorce petition", "my friend S. was taken",
"while K was being cross-examined", "co-accused A, B and H".

Testimonies already abbreviate names for safety, and an initial is still an identifier: the
people around the witness know who "S." is. NER ignores one-letter tokens and the name
gazetteer cannot help, so the shape decides: dotted groups of capitals that are not common
abbreviations, and a lone capital letter inside a sentence that no label noun ("Annex A",
"Plan B", "vitamin C") or heading claims. "I" is the pronoun; "Z" and "V" are the invading
army's markings, which testimonies mention as symbols.
"""

from __future__ import annotations

import re

from redaction.labels import PERSON
from redaction.text import is_sentence_start
from redaction.types import Detection

_DOTTED = re.compile(r"(?<![\w.])[^\W\d_]\.[ ]?[^\W\d_](?:\.[ ]?[^\W\d_])*\.?(?![\w])")
_LONE = re.compile(r"(?<![\w.'’&/@-])[A-Z]\.?(?![\w&/@-]|\.\w|['’](?!s\b))")
# fmt: off
_ABBREVIATIONS = frozenset(
    [
        "US", "USA", "UK", "UN", "EU", "USSR", "DC", "LA", "NY", "AM", "PM", "AD", "BC", "NB",
        "PS", "ID", "TV", "OK", "MP", "JP", "RIP", "KGB", "FSB", "SBU", "GRU", "NKVD", "DPR",
        "LPR", "ATO", "CV", "HQ", "RF", "SS", "QC", "QB", "KC",
    ]
)
_NOT_PEOPLE = frozenset("IVZ")
# Words after which a capital letter is a label, not a person: "Annex A", "Plan B", "type O".
_LABEL_NOUNS = frozenset(
    [
        "annex", "annexe", "appendix", "article", "section", "part", "chapter", "paragraph",
        "schedule", "class", "category", "plan", "block", "building", "exhibit", "form", "type",
        "room", "wing", "cell", "zone", "sector", "platoon", "company", "battery", "vitamin",
        "hepatitis", "grade", "group", "level", "point", "option", "gate", "hall", "ward",
        "floor", "entrance", "row", "column", "line", "list", "model", "size", "blood", "letter",
        "symbol", "sign", "variant", "version", "unit", "team", "squad", "shift", "route",
        "road", "terminal", "platform", "series", "phase", "stage", "figure", "table", "item",
        "note", "clause", "rule", "protocol", "box", "step", "track", "corpus", "exhibit",
        "scenario", "tier", "wave", "sub", "subparagraph", "sub-paragraph", "annexes", "key",
    ]
)
_SYMBOL_NOUNS = frozenset(
    ["symbol", "sign", "mark", "marks", "shape", "ray", "rays", "turn", "shirt", "chromosome"]
)
# fmt: on
_OPENERS = frozenset("\"“„«‘'([")
_CLOSERS = frozenset("\"”»’')]")
_LOWER_WORD_NEXT = re.compile(r"\s+[a-z]")
_WORD = re.compile(r"[^\W\d_][\w-]*")


class InitialsRecognizer:
    label = PERSON
    languages = frozenset({"en"})
    score = 0.6

    def analyze(self, text: str, language: str) -> list[Detection]:
        found = [
            Detection(m.start(), m.end(), PERSON, self.score, "initials")
            for m in _DOTTED.finditer(text)
            if _is_initials(m.group())
        ]
        for m in _LONE.finditer(text):
            if _is_lone_initial(text, m.start(), m.end()):
                found.append(Detection(m.start(), m.end(), PERSON, self.score, "initials"))
        return found


def _is_initials(group: str) -> bool:
    letters = "".join(c for c in group if c.isalpha())
    return letters.isupper() and letters not in _ABBREVIATIONS


def _is_lone_initial(text: str, start: int, end: int) -> bool:
    """A capital letter standing for a person: inside a sentence (or quoted on its own, “K”),
    not a label or a symbol, not in an upper-case heading."""
    if text[start] in _NOT_PEOPLE:
        return False
    if text[start] == "A" and _LOWER_WORD_NEXT.match(text, end):
        return False  # the article after a list marker: "(ii) A statement"
    enclosed = text[start - 1 : start] in _OPENERS and text[end : end + 1] in _CLOSERS
    if is_sentence_start(text, start) and not enclosed:
        return False
    before = _WORD.findall(text[max(0, start - 30) : start])
    after = _WORD.findall(text[end : end + 30])
    prev = before[-1] if before else ""
    nxt = after[0] if after else ""
    if prev.lower() in _LABEL_NOUNS or nxt.lower() in _SYMBOL_NOUNS:
        return False
    return not any(len(w) > 1 and w.isupper() for w in (prev, nxt))
