"""Exact dates move together: order, intervals, weekdays and format survive (issue 10)."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from redaction import Memory, redact
from redaction.surrogates.dates import choose_offset, parse, shifted

_RU_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"


def _ru(date: dt.date) -> str:
    return f"{date.day} {_RU_MONTHS.split()[date.month - 1]} {date.year}"


def _as_date(surface: str) -> dt.date:
    parsed = parse(surface)
    assert parsed is not None and parsed.year is not None, surface
    return dt.date(parsed.year, parsed.month, parsed.day)


@settings(max_examples=25, deadline=None)
@given(
    start=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2025, 12, 1)),
    gaps=st.lists(st.integers(1, 40), min_size=1, max_size=3),
)
def test_order_and_intervals_survive(start: dt.date, gaps: list[int]) -> None:
    days = [start]
    for gap in gaps:
        days.append(days[-1] + dt.timedelta(days=gap))
    text = " ".join(f"Событие {i}: {_ru(d)}." for i, d in enumerate(days))
    result = redact(text, "ru")
    moved = [_as_date(s.replacement) for s in result.spans if s.label == "DATE"]
    assert len(moved) == len(days)
    offsets = {(m - d).days for m, d in zip(moved, days, strict=True)}
    assert len(offsets) == 1  # one shift for the whole testimony
    offset = offsets.pop()
    assert offset != 0 and offset % 7 == 0  # weekdays stay true
    assert not {m for m in moved} & set(days)  # no date lands on a real one


def test_follow_up_moves_its_dates_by_the_same_offset() -> None:
    first = redact("Его задержали 3 октября 2022 года.", "ru")
    follow = redact(
        "Через неделю, 10 октября 2022 года, его перевели.",
        "ru",
        memory=Memory.from_json(first.memory.to_json()),
    )
    a = _as_date(first.spans[0].replacement)
    b = _as_date(next(s for s in follow.spans if s.label == "DATE").replacement)
    assert (b - a).days == 7


def test_each_date_keeps_its_format() -> None:
    assert shifted("14.05.1968", 7) == "21.05.1968"
    assert shifted("3/10/22", -7) == "26/9/22"
    assert shifted("2024-01-28", 7) == "2024-02-04"
    assert shifted("28 января 2024 г", 7) == "4 февраля 2024 г"
    assert shifted("October 3rd, 2022", 7) == "October 10th, 2022"
    assert shifted("3 ТРАВНЯ 2022", 7) == "10 ТРАВНЯ 2022"
    assert shifted("14 june", 21) == "5 july"


def test_offset_avoids_mapping_a_date_onto_another_real_one() -> None:
    real = ["3 октября 2022", "10 октября 2022", "17 октября 2022"]
    for seed in range(30):
        offset = choose_offset(real, random.Random(seed))
        assert not {shifted(d, offset) for d in real} & set(real)
