"""Whole-text patterns that reject most positions at once.

Most recogniser patterns open with a zero-width check ("(?<!\\w)", "\\b") or a case-insensitive
alternation of words ("(?i:ул\\.|вулиц...)"), and Python's `re` then runs the pattern at every
position of the text: about 2 ms per pattern on 30 news articles, whatever the pattern.
Prefixing a lookahead for the characters a match can start with lets each position fail on one
test. The class is read off the parsed pattern and only where every path is understood;
otherwise the pattern is compiled as written. Either way the matches are the same
(tests/redaction/test_fast_paths.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def compile_scanning(regex: str, flags: int = 0) -> re.Pattern[str]:
    """The pattern, behind a lookahead for the characters its matches can start with when `re`
    cannot scan for them itself: the pattern opens with a zero-width check or ignores case. (A
    pattern opening with a literal, an alternation of words or a class is already scanned
    quickly; a lookahead would only get in the way, and so would one for a class as broad as
    \\w, true at almost every position.)"""
    first = first_chars(regex, flags)
    if first is None or _BROAD.search(first) or not _hard_to_scan(regex, flags):
        return re.compile(regex, flags)
    return re.compile(f"(?={first})(?:{regex})", flags)


_BROAD = re.compile(r"\\[wWsSD]")


def _hard_to_scan(regex: str, flags: int) -> bool:
    ops = _parser.parse(regex, flags).data
    ignore_case = bool(flags & re.IGNORECASE)
    while ops and ops[0][0] is sre.SUBPATTERN:
        _group, add_flags, _del_flags, inner = ops[0][1]
        ignore_case = ignore_case or bool(add_flags & re.IGNORECASE)
        ops = inner.data
    return bool(ops) and (ignore_case or ops[0][0] in _ZERO_WIDTH)


def first_chars(regex: str, flags: int = 0) -> str | None:
    """A character class holding every character a match can start with - case-insensitive
    ("(?i:[...])") if any of them comes from a part that ignores case - or None when that is
    not clear (negated classes, "." or a match that may be empty)."""
    try:
        found = _first(_parser.parse(regex, flags).data, bool(flags & re.IGNORECASE))
    except (re.error, TypeError, ValueError):
        return None
    if found is None or found.may_be_empty:
        return None
    chars = "[" + "".join(dict.fromkeys(found.items)) + "]"
    return f"(?i:{chars})" if found.ignore_case else chars


@dataclass
class _Start:
    """What a sequence of pattern elements can start with."""

    items: list[str] = field(default_factory=list)  # class items: "a", "а-я", "\\d"
    may_be_empty: bool = True
    ignore_case: bool = False  # some item is matched regardless of case

    def add(self, items: list[str], ignore_case: bool) -> None:
        self.items += items
        self.ignore_case = self.ignore_case or ignore_case


def _first(ops: list[tuple[Any, Any]], ignore_case: bool) -> _Start | None:
    start = _Start()
    for op, arg in ops:
        if op in _ZERO_WIDTH:
            continue
        if op is sre.LITERAL or op is sre.IN:
            items = [_char(arg)] if op is sre.LITERAL else _class_items(arg)
            if items is None:
                return None
            start.add(items, ignore_case)
            start.may_be_empty = False
            return start
        if op is sre.BRANCH:
            for branch in arg[1]:
                found = _first(branch.data, ignore_case)
                if found is None or found.may_be_empty:
                    return None
                start.add(found.items, found.ignore_case)
            start.may_be_empty = False
            return start
        if op is sre.SUBPATTERN or op in _REPEATS:
            inner_case = ignore_case
            if op is sre.SUBPATTERN:
                _group, add_flags, del_flags, inner = arg
                inner_case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (
                    del_flags & re.IGNORECASE
                )
                least = 1
            else:
                least, _most, inner = arg
            found = _first(inner.data, inner_case)
            if found is None:
                return None
            start.add(found.items, found.ignore_case)
            if least > 0 and not found.may_be_empty:
                start.may_be_empty = False
                return start
            continue
        return None
    return start


def _class_items(arg: list[tuple[Any, Any]]) -> list[str] | None:
    items = []
    for op, value in arg:
        if op is sre.LITERAL:
            items.append(_char(value))
        elif op is sre.RANGE:
            items.append(f"{_char(value[0])}-{_char(value[1])}")
        elif op is sre.CATEGORY and value in _CATEGORIES:
            items.append(_CATEGORIES[value])
        else:
            return None  # negated class, other categories
    return items


def _char(code: int) -> str:
    char = chr(code)
    return "\\" + char if char in "\\]^-[" else char
