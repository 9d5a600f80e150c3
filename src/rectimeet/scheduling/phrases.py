"""Dates as a plan writes them, counted from the meeting or the feedback.

Real plans write many deadlines relative to the meeting rather than as a day: 会后及时,
会后一周内, 会后15日内, 会前一周, 会前3个工作日, 反馈后2个月内. :func:`read_date_text` reads them
(and every form :class:`~rectimeet.scheduling.deadlines.ApproxDate` reads: 12月20日前, 11月上旬,
10月26日-28日) into an :class:`ApproxDate` that prints exactly as written and schedules on a
concrete day:

* 会后N日内 / 会后一周内: the period's last day, counted like any other after-step (start day not
  counted, moved off a rest day by ``schedule.rest_day_policy``), earliest the day after;
* 会前N天 / 会前一周: that day before the meeting, moved off a rest day like any before-step;
* 会后及时 (立即, 尽快): no number is written, so the milestone's own counted day is used
  (its level default, e.g. 会后15日), and never the meeting day itself.

:func:`date_kind` and :func:`is_imprecise` answer from the text alone, for documents that must
know whether to print "…前" after a date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from rectimeet.i18n import N_
from rectimeet.models.milestone import DateKind, DateUnit, Phase
from rectimeet.models.restdays import RestDayPolicy
from rectimeet.scheduling.calendar import WorkCalendar
from rectimeet.scheduling.deadlines import (
    _DAY,
    _PART,
    _RANGE,
    ApproxDate,
    DateTextError,
    compact,
    count_offset,
    settle_by,
)

_NUMBER = r"[0-9〇零一二两三四五六七八九十百]+"
# Kept as text and compiled by re on first use: most plans have no such phrase to read, and
# compiling it costs every process about half a millisecond.
_RELATIVE = (
    r"^(?P<anchor>会议召开|会议结束|会议|会|反馈意见|反馈)"
    r"(?P<side>前|后|之前|之后|以前|以后)"
    r"(?:(?P<soon>及时|立即|尽快|马上)"
    rf"|(?P<n>{_NUMBER})(?P<unit>个工作日|工作日|日|天|个星期|星期|周|个月|月)"
    r"(?P<within>内|以内|之内)?(?:前|之前)?)"
    r"(?:完成|报送|上报|报告|召开|进行|开展)?$")
_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_UNITS: dict[str, tuple[DateUnit, int]] = {
    "个工作日": (DateUnit.WORKING_DAYS, 1), "工作日": (DateUnit.WORKING_DAYS, 1),
    "日": (DateUnit.DAYS, 1), "天": (DateUnit.DAYS, 1),
    "个星期": (DateUnit.DAYS, 7), "星期": (DateUnit.DAYS, 7), "周": (DateUnit.DAYS, 7),
    "个月": (DateUnit.MONTHS, 1), "月": (DateUnit.MONTHS, 1),
}
_MAX_COUNT = 366
"""No plan counts further than a year from its meeting; a bound against typos like 会后1500日."""


def chinese_number(text: str) -> int:
    """``15``, ``十五``, ``二十``, ``两`` → an int (the small numbers plans write)."""
    if text.isdigit():
        return int(text)
    if "百" in text:
        high, _, low = text.partition("百")
        return chinese_number(high or "一") * 100 + (chinese_number(low) if low else 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
    value = 0
    for ch in text:
        value = value * 10 + _DIGITS[ch]
    return value


class Anchors(NamedTuple):
    """What a relative phrase is counted from, and how its day is settled."""

    meeting: dt.date
    calendar: WorkCalendar
    policy: RestDayPolicy
    feedback: dt.date | None = None
    counted: dt.date | None = None
    """The milestone's own counted day: what 会后及时 (no number written) stands for."""


def date_kind(text: str) -> DateKind | None:
    """What kind of date ``text`` writes, from the text alone; ``None`` if it is unreadable."""
    plain = compact(text)
    if re.match(_RELATIVE, plain):
        return DateKind.RELATIVE
    if re.match(_RANGE, plain):
        return DateKind.RANGE
    part = re.match(_PART, plain)
    if part is not None and (part["m"] or part["bare"] or part["part"].endswith("旬")):
        return DateKind.PART
    if re.match(_DAY, plain):
        return DateKind.DAY
    return None


def is_imprecise(text: str) -> bool:
    """Whether ``text`` names a span or a phrase rather than one day: print it as written, with
    no "前" added (10月下旬, 10月26日-28日, 会后及时); False for 12月20日前 and unreadable text."""
    kind = date_kind(text)
    return kind is not None and kind.imprecise


def is_relative(text: str) -> bool:
    """Whether ``text`` is counted from the meeting or the feedback (会后15日内, 会前一周)."""
    return date_kind(text) is DateKind.RELATIVE


def read_date_text(text: str, near: dt.date, anchors: Anchors | None = None) -> ApproxDate:
    """Read a written date; relative phrases need ``anchors`` (the meeting, the feedback)."""
    written = text.strip()
    match = re.match(_RELATIVE, compact(written))
    if match is None:
        return ApproxDate.parse(written, near)
    if anchors is None:
        raise DateTextError(N_("{text} is counted from the meeting; it can only be a milestone's "
                               "due_text"), text=written)
    after = match["side"] in ("后", "之后", "以后")
    from_feedback = match["anchor"].startswith("反馈")
    origin = anchors.feedback if from_feedback else anchors.meeting
    if origin is None or (from_feedback and not after):
        raise DateTextError(N_("{text} is counted from the feedback; only 反馈后… can be read"),
                            text=written)
    if match["soon"]:
        if not after:
            raise DateTextError(N_("cannot read {text} as a date: write e.g. 12月20日前, 12月上旬, "
                                   "12月初, 12月底, 10月26日-28日, 会后15日内 or 会前一周"),
                                text=written)
        counted = anchors.counted
        day = counted if counted is not None and counted > origin else origin + dt.timedelta(days=1)
        day = settle_by(day, Phase.AFTER, anchors.calendar, anchors.policy, origin)
        return ApproxDate(written, origin + dt.timedelta(days=1), day, DateKind.RELATIVE)
    unit, factor = _UNITS[match["unit"]]
    count = chinese_number(match["n"]) * factor
    if not 0 < count <= _MAX_COUNT:
        raise DateTextError(N_("{text} counts {count} units from the meeting; write a number "
                               "from 1 to {limit}"), text=written, count=count, limit=_MAX_COUNT)
    if after:
        raw = count_offset(origin, count, unit, anchors.calendar)
        day = settle_by(raw, Phase.AFTER, anchors.calendar, anchors.policy, origin)
        return ApproxDate(written, origin + dt.timedelta(days=1), day, DateKind.RELATIVE)
    raw = count_offset(origin, -count, unit, anchors.calendar)
    day = settle_by(raw, Phase.BEFORE, anchors.calendar, anchors.policy, origin)
    return ApproxDate(written, day, day, DateKind.RELATIVE)
