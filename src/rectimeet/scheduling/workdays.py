"""The working-day calendar the ledger counts on, as a small protocol.

Only ``is_working_day`` is needed, so any calendar (the project's ``WorkCalendar``, a test
double) fits.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rectimeet.models.plan import Plan


class WorkingDays(Protocol):
    """Anything that knows whether a day is a working day (调休 included)."""

    def is_working_day(self, day: dt.date, /) -> bool: ...


class WeekendsOnly:
    """Monday to Friday; the fallback when no holiday calendar is available."""

    def is_working_day(self, day: dt.date, /) -> bool:
        return day.weekday() < 5


def default_calendar(plan: Plan | None = None, base_dir: Path | str | None = None
                     ) -> WorkingDays:
    """The mainland-China calendar with the plugins' holiday years and the plan's own calendar
    files (relative to ``base_dir``)."""
    from rectimeet.plugins import get_host
    from rectimeet.scheduling.calendar import calendar_for

    return calendar_for(get_host(), plan, base_dir)


def days_left(today: dt.date, deadline: dt.date, calendar: WorkingDays | None) -> int:
    """Days from ``today`` to ``deadline``, the start day excluded; negative when overdue.

    With a calendar, only working days count: a deadline tomorrow that is a Saturday, seen from a
    Friday, is 0 working days away (due now), not 1.
    """
    if calendar is None:
        return (deadline - today).days
    step = dt.timedelta(days=1)
    count = 0
    if deadline >= today:
        day = today + step
        while day <= deadline:
            count += calendar.is_working_day(day)
            day += step
        return count
    day = deadline + step
    while day <= today:
        count += calendar.is_working_day(day)
        day += step
    # An item due on a Friday seen on the Saturday is overdue even with no working day between.
    return -max(count, 1)
