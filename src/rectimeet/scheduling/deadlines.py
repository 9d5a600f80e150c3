"""Counting deadlines (periods as in 《中华人民共和国民法典》 第二百零一条至第二百零三条), and imprecise
dates as real plans write them.

Policy:

* An offset counts calendar days unless the milestone says ``working_days`` or ``months``; the
  start day is never counted (民法典 第二百零一条 by analogy).
* Months land on the corresponding day, or the month's last day when there is none (第二百零二条).
* Where a counted day that is not a working day goes is ``schedule.rest_day_policy``
  (:class:`~rectimeet.models.restdays.RestDayPolicy`). By default a deadline *before* the meeting
  moves EARLIER to the previous working day, because the superior must be able to receive the
  submission (a tool policy), and a deadline *after* the meeting rolls forward to the next
  working day (第二百零三条 style).
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any, NamedTuple

from rectimeet.errors import RectimeetError
from rectimeet.i18n import N_
from rectimeet.models.milestone import DateKind, DateUnit, Phase
from rectimeet.models.restdays import RestDayMove, RestDayPolicy
from rectimeet.scheduling.calendar import WorkCalendar


def count_offset(start: dt.date, offset: int, unit: DateUnit, calendar: WorkCalendar) -> dt.date:
    """The raw day ``offset`` units from ``start`` (start excluded), before any moving."""
    if unit is DateUnit.WORKING_DAYS:
        return calendar.add_working_days(start, offset)
    if unit is DateUnit.MONTHS:
        return calendar.add_months(start, offset)
    return start + dt.timedelta(days=offset)


def settle(raw: dt.date, phase: Phase, calendar: WorkCalendar, roll_forward: bool) -> dt.date:
    """Where a counted day ends up: before → previous working day; after → rolled if asked."""
    after = RestDayMove.LATER if roll_forward else RestDayMove.KEEP
    return settle_by(raw, phase, calendar, RestDayPolicy(after=after))


def settle_by(raw: dt.date, phase: Phase, calendar: WorkCalendar, policy: RestDayPolicy,
              meeting: dt.date | None = None) -> dt.date:
    """Where a counted day ends up under ``policy``; a meeting-day step never moves.

    Given the ``meeting``, a move never crosses it: an after-step moved earlier onto or before
    the meeting goes to the next working day instead, and a before-step moved later onto or
    after it goes to the previous one, so a step keeps its side of the meeting.
    """
    if phase is Phase.MEETING or calendar.is_working_day(raw):
        return raw
    move = policy.before if phase is Phase.BEFORE else policy.after
    if move is RestDayMove.EARLIER:
        day = calendar.previous_working_day(raw)
        if meeting is not None and phase is Phase.AFTER and day <= meeting:
            day = calendar.next_working_day(raw)
        return day
    if move is RestDayMove.LATER:
        day = calendar.next_working_day(raw)
        if meeting is not None and phase is Phase.BEFORE and day >= meeting:
            day = calendar.previous_working_day(raw)
        return day
    return raw


class DateTextError(RectimeetError, ValueError):
    """A date text that cannot be read; a ValueError too, so validators and callers can catch it."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message, params)


# -- imprecise dates -------------------------------------------------------------------------

# 月初 / 月底 are read as the first / last five days; only the latest day is used for checking.
_PART_DAYS = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "初": (1, 5), "底": (-5, 31),
              "末": (-5, 31)}
# Patterns kept as text and compiled by re on first use: most plans have no date text to read.
_PART = (r"^(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月|(?P<bare>月))?"
                   r"(?P<part>上旬|中旬|下旬|初|底|末)(?P<before>前|之前)?$")
_DAY = (r"^(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?P<before>前|之前|以前)?$")
# 10月26日-28日, 10月26-28日, 10月26日至28日, 12月30日至2027年1月3日: the last day is the deadline.
_RANGE = (r"^(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日?"
                    r"(?:-|—|–|~|至|到)"
                    r"(?:(?P<y2>\d{4})年)?(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日"
                    r"(?P<before>前|之前|以前)?$")


def compact(text: str) -> str:
    """``text`` without white space, full-width digits and signs made half-width (NFKC)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


class ApproxDate(NamedTuple):
    """A date as written in a plan (``11月上旬``, ``12月初``, ``12月20日前``).

    ``earliest``..``latest`` is every day the text allows; :attr:`check_date` is the latest of
    them, so a rule never assumes more lead time than the text promises. ``str()`` gives the
    text back exactly as written.
    """

    text: str
    earliest: dt.date
    latest: dt.date
    kind: DateKind = DateKind.DAY

    def __str__(self) -> str:
        return self.text

    @property
    def check_date(self) -> dt.date:
        return self.latest

    @property
    def exact(self) -> bool:
        """One day, written as a day (12月20日, 12月20日前)."""
        return self.kind is DateKind.DAY

    @classmethod
    def parse(cls, text: str, near: dt.date) -> ApproxDate:
        """Parse ``text``; a missing year (or month) is taken as the one nearest ``near``."""
        written = text.strip()
        plain = compact(written)
        match = re.match(_PART, plain)
        if match is not None and (match["m"] or match["bare"] or match["part"].endswith("旬")):
            first, last = _PART_DAYS[match["part"]]

            def span(year: int, month: int) -> Span:
                end = _stdcal.monthrange(year, month)[1]
                lo = end + first + 1 if first < 0 else first
                return dt.date(year, month, lo), dt.date(year, month, min(last, end))
            earliest, latest = _nearest(match["y"], match["m"], near, span)
            return cls(written, earliest, latest, DateKind.PART)
        match = re.match(_RANGE, plain)
        if match is not None:
            return cls._range(written, match, near)
        match = re.match(_DAY, plain)
        if match is not None:
            day = int(match["d"])

            def one(year: int, month: int) -> Span:
                d = dt.date(year, month, day)
                return d, d
            try:
                earliest, latest = _nearest(match["y"], match["m"], near, one)
            except ValueError:
                raise DateTextError(N_("{text} is not a real date"), text=written) from None
            return cls(written, earliest, latest)
        raise DateTextError(N_("cannot read {text} as a date: write e.g. 12月20日前, 12月上旬, "
                               "12月初, 12月底, 10月26日-28日, 会后15日内 or 会前一周"), text=written)

    @classmethod
    def _range(cls, written: str, match: re.Match[str], near: dt.date) -> ApproxDate:
        first, last = int(match["d"]), int(match["d2"])

        def span(year: int, month: int) -> Span:
            start = dt.date(year, month, first)
            end_month = int(match["m2"]) if match["m2"] else month
            end_year = int(match["y2"]) if match["y2"] else year + (end_month < month)
            return start, dt.date(end_year, end_month, last)
        try:
            earliest, latest = _nearest(match["y"], match["m"], near, span)
        except ValueError as exc:
            if isinstance(exc, DateTextError):
                raise
            raise DateTextError(N_("{text} is not a real date"), text=written) from None
        if latest < earliest:
            raise DateTextError(N_("{text} ends before it starts"), text=written)
        return cls(written, earliest, latest, DateKind.RANGE)


Span = tuple[dt.date, dt.date]


def _nearest(year: str | None, month: str | None, near: dt.date,
             make: Callable[[int, int], Span]) -> Span:
    if month is not None and not 1 <= int(month) <= 12:
        raise DateTextError(N_("month {month} does not exist"), month=month)
    if year is not None:
        return make(int(year), int(month) if month is not None else near.month)
    if month is None:
        return make(near.year, near.month)
    candidates = [make(y, int(month)) for y in (near.year - 1, near.year, near.year + 1)]
    return min(candidates, key=lambda c: abs((c[0] - near).days))
