"""The mainland China working-day calendar, and which of its years are officially published.

Published years (built-in data, plugin data, the spec's own files) are exact: days off and 调休
make-up workdays as the State Council announced them. Any other year is *assumed*: weekends plus
the fixed statutory days (元旦, 除夕–初三, 清明, 5月1–2日, 端午, 中秋, 10月1–3日) from the
``holidays`` library with its guessed 补假/调休 left out (see :mod:`rectimeet.scheduling.statutory`), and :meth:`WorkCalendar.assumed_years`
tells the caller so that a finding can say it.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rectimeet.errors import SpecError
from rectimeet.i18n import N_
from rectimeet.scheduling.calendar_data import (
    CalendarDataError,
    YearSchedule,
    builtin_years,
    load_year_file,
)
from rectimeet.scheduling.statutory import statutory_days

if TYPE_CHECKING:
    from rectimeet.models.plan import Plan
    from rectimeet.plugins import PluginHost

ONE_DAY = dt.timedelta(days=1)
_MAX_STEP = 400
"""No real calendar has this many days off in a row; a bound against bad data looping forever."""


class WorkCalendar:
    """Working days in mainland China, 调休 included, for published and assumed years."""

    def __init__(self, schedules: Iterable[YearSchedule] = ()) -> None:
        self._schedules: dict[int, YearSchedule] = {}
        for schedule in schedules:
            self._schedules[schedule.year] = schedule  # later sources win
        self._off = {d for s in self._schedules.values() for d in s.holidays}
        self._on = {d for s in self._schedules.values() for d in s.workdays}

    @classmethod
    def builtin(cls) -> WorkCalendar:
        """The calendar from rectimeet's own data only."""
        return cls(builtin_years().values())

    @property
    def schedules(self) -> dict[int, YearSchedule]:
        return dict(self._schedules)

    def is_published(self, year: int) -> bool:
        """Whether the year's official schedule is known (not assumed)."""
        schedule = self._schedules.get(year)
        return schedule is not None and schedule.published

    def is_working_day(self, day: dt.date) -> bool:
        if day.year in self._schedules:
            if day in self._on:
                return True
            return day.weekday() < 5 and day not in self._off
        return day.weekday() < 5 and day not in statutory_days(day.year)

    def _step(self, day: dt.date, direction: int) -> dt.date:
        for _ in range(_MAX_STEP):
            if self.is_working_day(day):
                return day
            day += direction * ONE_DAY
        raise CalendarDataError(N_("no working day within {limit} days of {day}"),
                                limit=_MAX_STEP, day=day.isoformat())

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        return self._step(day, 1)

    def previous_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the last working day before it."""
        return self._step(day, -1)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after ``day`` (before it when n < 0); ``day`` itself not counted."""
        direction = 1 if n >= 0 else -1
        for _ in range(abs(n)):
            day = self._step(day + direction * ONE_DAY, direction)
        return day

    def working_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """The working days from ``start`` to ``end``, both included."""
        days = []
        day = start
        while day <= end:
            if self.is_working_day(day):
                days.append(day)
            day += ONE_DAY
        return days

    @staticmethod
    def add_months(day: dt.date, n: int) -> dt.date:
        """The corresponding day n months later (earlier when n < 0), or that month's last day."""
        index = day.year * 12 + day.month - 1 + n
        year, month = divmod(index, 12)
        last = _stdcal.monthrange(year, month + 1)[1]
        return dt.date(year, month + 1, min(day.day, last))

    def assumed_years(self, dates: Iterable[dt.date | None]) -> list[int]:
        """The years among ``dates`` whose schedule is not published (so it was assumed)."""
        return sorted({d.year for d in dates if d is not None and not self.is_published(d.year)})


def calendar_for(host: PluginHost | None, plan: Plan | None = None,
                 base_dir: Path | str | None = None) -> WorkCalendar:
    """Built-in years, then plugin years, then the spec's ``schedule.calendar_files``.

    Each later source replaces an earlier one's schedule for the same year. Relative file paths
    are resolved against ``base_dir`` (the spec file's folder), else the working directory.
    """
    schedules: list[YearSchedule] = list(builtin_years().values())
    if host is not None:
        schedules.extend(YearSchedule.model_validate(y.model_dump()) for y in host.calendar_years())
    if plan is not None:
        folder = Path(base_dir) if base_dir is not None else Path.cwd()
        for i, name in enumerate(plan.schedule.calendar_files):
            path = Path(name)
            try:
                schedules.append(load_year_file(path if path.is_absolute() else folder / path))
            except SpecError as exc:
                # The spec's own path replaces the path inside the data file (it has its own line).
                problems = [p._replace(path=("schedule", "calendar_files", i), line=None,
                                       column=None) for p in exc.problems]
                raise SpecError(problems, exc.source) from exc
    return WorkCalendar(schedules)
