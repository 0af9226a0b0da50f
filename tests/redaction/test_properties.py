"""Property tests: redact() never raises and always returns well-formed spans."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redaction import redact

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("warm")]

# Real-looking fragments mixed with hostile code points: lone surrogates, NUL, combining marks, RTL.
_FRAGMENTS = st.sampled_from(
    [
        "Сергей",
        "Сергея",
        "в Бахмуте",
        "Андрію",
        "Sergei's",
        "позывной «Бес»",
        "в/ч 12345",
        "+7 916 123-45-67",
        "a@b.co",
        "12.03.1995",
        "ул. Ленина, 5",
        "Путин",
        ". ",
        "\n",
        " ",
        "\ud800",
        "\udfff",
        "\x00",
        "\u0301",
        "\u200f",
        "\u202e",
        "שלום",
        "🙂",
        "e\u0301",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=80), st.lists(_FRAGMENTS | st.text(max_size=5), max_size=20).map("".join)
)


def check(text: str, result) -> None:  # type: ignore[no-untyped-def]
    last_end = 0
    for s in result.spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= last_end
        last_end = s.end
        assert result.text[s.out_start : s.out_end] == s.replacement
    assert result.language in {"en", "ru", "uk"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=_TEXT,
    language=st.sampled_from(["auto", "en", "ru", "uk"]),
    style=st.sampled_from(["realistic", "tag"]),
)
def test_redact_never_raises_and_spans_are_well_formed(
    text: str, language: str, style: str
) -> None:
    check(text, redact(text, language, style=style))


@settings(max_examples=30, deadline=None)
@given(text=_TEXT)
def test_unreplaced_text_is_preserved_verbatim(text: str) -> None:
    result = redact(text, "ru")
    pieces, last = [], 0
    for s in result.spans:
        pieces.append(text[last : s.start])
        pieces.append(s.replacement)
        last = s.end
    pieces.append(text[last:])
    assert "".join(pieces) == result.text
