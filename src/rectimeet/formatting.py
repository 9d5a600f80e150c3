"""zh_CN formatting of dates, times and section numbers.

GB/T 9704-2012 7.3.5.4: Arabic numerals, full year, no zero padding (2026年11月27日).

The dates and times are the text CLDR's zh_CN data gives (babel's ``format_date(day, "long")``,
``"EEEE"``, ``"M月d日"`` and ``format_time(t, "ah:mm")``), written out here: the forms are fixed
by the standard and the language, and importing babel and loading its locale data cost every
build about 20 ms for a dozen dates. A test compares each form with babel's over every day and
minute it can take.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

LOCALE = "zh_CN"
_DIGITS = "零一二三四五六七八九"
_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_MORNING, _AFTERNOON = "上午", "下午"
"""CLDR zh's abbreviated day periods (``a``): before noon, from noon."""


@cache
def date_cn(day: dt.date) -> str:
    """``2026年11月27日``."""
    return f"{day.year}年{day.month}月{day.day}日"


@cache
def weekday_cn(day: dt.date) -> str:
    """``星期五``."""
    return _WEEKDAYS[day.weekday()]


def date_weekday_cn(day: dt.date) -> str:
    """``2026年11月27日（星期五）``."""
    return f"{date_cn(day)}（{weekday_cn(day)}）"


@cache
def month_day_cn(day: dt.date) -> str:
    """``11月27日``."""
    return f"{day.month}月{day.day}日"


@cache
def time_cn(t: dt.time) -> str:
    """``上午9:00`` / ``中午12:00`` / ``下午2:30``.

    Never a datetime (CLDR's zh pattern would print its time zone, 协调世界时). CLDR's day
    period calls noon 下午; official notices say 中午 for the 12 o'clock hour.
    """
    if t.hour == 12:
        return f"中午12:{t.minute:02d}"
    period = _MORNING if t.hour < 12 else _AFTERNOON
    return f"{period}{t.hour % 12 or 12}:{t.minute:02d}"


def time_range_cn(start: dt.time, end: dt.time | None) -> str:
    """``上午8:30至11:30``: the day period is said once when both ends share it."""
    first = time_cn(start)
    if end is None:
        return first
    last = time_cn(end)
    period = first[:2]
    if last.startswith(period):
        last = last[2:]
    return f"{first}至{last}"


def cn_number(n: int) -> str:
    """Chinese numerals for section numbers: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五."""
    if n < 0:
        raise ValueError("section numbers are positive")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = _DIGITS[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + _DIGITS[rest]
        return head + (_DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else ""))
    raise ValueError("section numbers above 999 are not supported")


def heading_number(level: int, n: int) -> str:
    """GB/T 9704 numbering as text: 一、 / （一） / 1. / （1）."""
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError("GB/T 9704 defines four heading levels")
