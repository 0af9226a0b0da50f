"""Whole-text patterns that reject most positions at once.

Most recogniser patterns open with a zero-width check ("(?<!\\w)", "\\b"), and Python's `re` then
runs the pattern at every position of the text: about 2 ms per pattern on 30 news articles,
whatever the pattern. Prefixing a lookahead for the characters a match can start with lets each
position fail on one test. The class is read off the parsed pattern and only where every path
is understood; otherwise the pattern is compiled as written. Either way the matches are the same
(tests/redaction/test_fast_paths.py).
"""

from __future__ import annotations

import re
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
    """The pattern, behind a lookahead for the characters its matches can start with when it
    opens with a zero-width check. (A pattern opening with a literal, an alternation of words or
    a class is already scanned quickly by `re`; a lookahead would only get in the way, and so
    would one for a class as broad as \\w, true at almost every position.)"""
    first = first_chars(regex, flags)
    if first is None or _BROAD.search(first) or not _opens_zero_width(regex, flags):
        return re.compile(regex, flags)
    return re.compile(f"(?={first})(?:{regex})", flags)


_BROAD = re.compile(r"\\[wWsSD]")


def _opens_zero_width(regex: str, flags: int) -> bool:
    ops = _parser.parse(regex, flags).data
    while ops and ops[0][0] is sre.SUBPATTERN:
        ops = ops[0][1][3].data
    return bool(ops) and ops[0][0] in _ZERO_WIDTH


def first_chars(regex: str, flags: int = 0) -> str | None:
    """A character class holding every character a match can start with, or None when that is
    not clear (case-insensitive parts, negated classes, "." or a match that may be empty)."""
    if flags & re.IGNORECASE:
        return None
    try:
        items, may_be_empty = _first(_parser.parse(regex, flags).data)
    except (re.error, TypeError, ValueError):
        return None
    if items is None or may_be_empty:
        return None
    return "[" + "".join(dict.fromkeys(items)) + "]"


def _first(ops: list[tuple[Any, Any]]) -> tuple[list[str] | None, bool]:
    """(class items the sequence can start with, whether it can match the empty string)."""
    items: list[str] = []
    for op, arg in ops:
        if op in _ZERO_WIDTH:
            continue
        if op is sre.LITERAL:
            return [*items, _char(arg)], False
        if op is sre.IN:
            found = _class_items(arg)
            return (None, False) if found is None else ([*items, *found], False)
        if op is sre.BRANCH:
            for branch in arg[1]:
                found, may_be_empty = _first(branch.data)
                if found is None or may_be_empty:
                    return None, False
                items += found
            return items, False
        if op is sre.SUBPATTERN or op in _REPEATS:
            if op is sre.SUBPATTERN:
                _group, add_flags, _del_flags, inner = arg
                if add_flags & re.IGNORECASE:
                    return None, False
                least = 1
            else:
                least, _most, inner = arg
            found, may_be_empty = _first(inner.data)
            if found is None:
                return None, False
            items += found
            if least > 0 and not may_be_empty:
                return items, False
            continue
        return None, False
    return items, True


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
