"""Choosing a missed identifier from the text itself: pure functions over pseudonymised texts.

Editors mark words on the page (each word a checkbox, no JavaScript) or type the words; a
typed term that does not occur gets the closest phrases of the text as candidates. Only
pseudonymised text is read here, so what is offered back is what the editor already sees.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from intake.pseudonymised import PseudonymisedText

_WORD = re.compile(r"[^\W_]+(?:['’ʼ-][^\W_]+)*")
_SAME_TERM_GAP = re.compile(r"[ \t]+")  # picked words this close together are one term
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class Word:
    """A word outside any pseudonym, and the value its checkbox posts back."""

    start: int
    end: int
    text: str

    def pick(self, item: str) -> str:
        return f"{item}:{self.start}:{self.end}"


def free_words(view: PseudonymisedText) -> list[Word]:
    """The words an editor can still mark: every word not inside a surrogate."""
    taken = [(s.start, s.end) for s in view.spans]
    return [
        Word(m.start(), m.end(), m.group())
        for m in _WORD.finditer(view.text)
        if not any(m.start() < end and start < m.end() for start, end in taken)
    ]


def terms_from_picks(views: Mapping[str, PseudonymisedText], picks: Iterable[str]) -> list[str]:
    """The phrases the picked words make: neighbours separated only by spaces join into one
    term ("Сергей" + "Волков" -> "Сергей Волков"). A pick that is not a free word is refused."""
    chosen: dict[str, list[Word]] = {}
    for pick in picks:
        item, _, rest = pick.rpartition(":")
        item, _, start = item.rpartition(":")
        view = views.get(item)
        words = {(w.start, w.end): w for w in free_words(view)} if view else {}
        try:
            word = words[int(start), int(rest)]
        except (KeyError, ValueError):
            raise ValueError("a picked word is not in this testimony") from None
        chosen.setdefault(item, []).append(word)
    terms: list[str] = []
    for item, words in chosen.items():
        text = views[item].text
        run: list[Word] = []
        for word in sorted(set(words), key=lambda w: w.start):
            if run and not _SAME_TERM_GAP.fullmatch(text[run[-1].end : word.start]):
                terms.append(text[run[0].start : run[-1].end])
                run = []
            run.append(word)
        terms.append(text[run[0].start : run[-1].end])
    return list(dict.fromkeys(terms))


def candidates(views: Iterable[PseudonymisedText], typed: str) -> list[str]:
    """Phrases of the text (as many words as typed) closest to a term that does not occur:
    a missing apostrophe, another case ending or a typo still leads to the right words."""
    size = max(1, len(_WORD.findall(typed)))
    phrases: dict[str, str] = {}
    for view in views:
        words = free_words(view)
        for i in range(len(words) - size + 1):
            run = words[i : i + size]
            gaps = (view.text[a.end : b.start] for a, b in itertools.pairwise(run))
            if all(_SAME_TERM_GAP.fullmatch(gap) for gap in gaps):
                phrase = view.text[run[0].start : run[-1].end]
                phrases.setdefault(phrase.casefold(), phrase)
    found = difflib.get_close_matches(typed.casefold(), phrases, n=MAX_CANDIDATES, cutoff=0.6)
    return [phrases[key] for key in found]
