"""zh_CN formatting per GB/T 9704: dates without zero padding, weekdays, times, section numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rectimeet.formatting import (
    cn_number,
    date_cn,
    date_weekday_cn,
    heading_number,
    month_day_cn,
    time_cn,
)


def test_dates_follow_gbt9704() -> None:
    assert date_cn(dt.date(2026, 11, 27)) == "2026年11月27日"
    assert date_cn(dt.date(2026, 1, 7)) == "2026年1月7日"  # no zero padding (7.3.5.4)
    assert date_weekday_cn(dt.date(2026, 10, 9)) == "2026年10月9日（星期五）"
    assert month_day_cn(dt.date(2026, 3, 5)) == "3月5日"


def test_times() -> None:
    assert time_cn(dt.time(9, 0)) == "上午9:00"
    assert time_cn(dt.time(14, 30)) == "下午2:30"
    assert time_cn(dt.time(12, 0)) == "中午12:00"


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"),
                                         (21, "二十一"), (100, "一百"), (105, "一百零五"),
                                         (110, "一百一十"), (999, "九百九十九")])
def test_chinese_numerals(n: int, text: str) -> None:
    assert cn_number(n) == text


def test_heading_numbers() -> None:
    assert [heading_number(level, 2) for level in (1, 2, 3, 4)] == ["二、", "（二）", "2.", "（2）"]
    with pytest.raises(ValueError):
        heading_number(5, 1)


@given(st.integers(1, 998))
def test_numerals_are_unique_and_chinese(n: int) -> None:
    text = cn_number(n)
    assert all("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert text != cn_number(n + 1)


@given(st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)))
def test_date_text_parses_back(day: dt.date) -> None:
    text = date_cn(day)
    y, rest = text.split("年")
    m, rest = rest.split("月")
    assert dt.date(int(y), int(m), int(rest.rstrip("日"))) == day


@given(st.dates())
def test_dates_are_what_cldr_zh_cn_says(day: dt.date) -> None:
    from babel.dates import format_date

    assert date_cn(day) == format_date(day, "long", locale="zh_CN")
    assert month_day_cn(day) == format_date(day, "M月d日", locale="zh_CN")
    assert date_weekday_cn(day) == f"{date_cn(day)}（{format_date(day, 'EEEE', locale='zh_CN')}）"


def test_every_minute_of_the_day_is_what_cldr_zh_cn_says_but_noon() -> None:
    from babel.dates import format_time

    for minute in range(24 * 60):
        t = dt.time(minute // 60, minute % 60)
        cldr = format_time(t, "ah:mm", locale="zh_CN")
        assert time_cn(t) == (f"中午{cldr[2:]}" if t.hour == 12 else cldr)
