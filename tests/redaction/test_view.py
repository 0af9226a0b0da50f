"""The view's offset map: spans found on a rewritten text land exactly on the input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redaction.view import View

_WORDS = st.lists(
    st.tuples(st.text("abcxyz", min_size=1, max_size=6), st.text("абвгд", min_size=1, max_size=8)),
    min_size=1,
    max_size=8,
)


def _build(pairs: list[tuple[str, str]], sep: str = " ") -> tuple[str, View, list[tuple[int, int]]]:
    original = sep.join(latin for latin, _ in pairs)
    edits, pos = [], 0
    for latin, cyr in pairs:
        edits.append((pos, pos + len(latin), cyr))
        pos += len(latin) + len(sep)
    return original, View.rewrite(original, edits), [(s, e) for s, e, _ in edits]


@given(_WORDS)
def test_every_rewritten_word_maps_back_exactly(pairs: list[tuple[str, str]]) -> None:
    _original, view, ranges = _build(pairs)
    assert view.text == " ".join(cyr for _, cyr in pairs)
    for (start, end), (_, cyr) in zip(ranges, pairs, strict=True):
        v_start = view.to_view(start)
        assert view.text[v_start : v_start + len(cyr)] == cyr
        assert view.to_original(v_start, v_start + len(cyr)) == (start, end)


@given(_WORDS, st.data())
def test_any_view_range_maps_to_whole_words(pairs: list[tuple[str, str]], data) -> None:
    original, view, ranges = _build(pairs)
    a = data.draw(st.integers(0, len(view.text)))
    b = data.draw(st.integers(a, len(view.text)))
    start, end = view.to_original(a, b)
    assert 0 <= start <= end <= len(original)
    bounds = {0, len(original)} | {s for s, _ in ranges} | {e for _, e in ranges}
    bounds |= {e + 1 for _, e in ranges}  # after a separator
    if a < b:
        assert start in bounds and end in bounds


@given(st.text(max_size=40), st.data())
def test_identity_and_recased_views_map_one_to_one(text: str, data) -> None:
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    view = View.identity(text)
    assert view.to_original(a, b) == (a, b)
    recased = view.recased(text.swapcase() if len(text.swapcase()) == len(text) else text)
    assert recased.to_original(a, b) == (a, b)
    assert recased.original == text


def test_recasing_must_keep_the_length() -> None:
    with pytest.raises(ValueError):
        View.identity("ab").recased("abc")


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError):
        View.rewrite("abcdef", [(2, 4, "x"), (3, 5, "y")])
