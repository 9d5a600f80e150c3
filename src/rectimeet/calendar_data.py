"""Holiday schedules (放假安排 and 调休) as data: the State Council's notice for one year.

Built-in years live in ``rectimeet/data/calendar/<year>.yaml``; users add a year the same way
(a YAML file named in ``schedule.calendar_files``) and plugins through ``rectimeet_calendar_years``.
In a data file a span of days may be written ``2026-10-01..2026-10-07``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError, field_validator, model_validator

from rectimeet.errors import Problem, SpecError
from rectimeet.models.base import Model

SPAN = ".."


class YearSchedule(Model):
    """One year's official schedule of days off and make-up working days."""

    year: int
    """The calendar year, e.g. 2026."""
    holidays: list[dt.date]
    """Days off as announced, weekend days inside a holiday span included."""
    workdays: list[dt.date]
    """调休: weekend days that are working days."""
    source: str
    """Where the schedule comes from, e.g. 国办发明电〔2025〕7号 and a URL."""
    published: bool = True
    """False for a provisional schedule the user made up (still reported as assumed)."""
    region: str = ""
    """A region whose extra days are included (empty: the national schedule)."""

    @field_validator("holidays", "workdays", mode="before")
    @classmethod
    def _expand_spans(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        out: list[Any] = []
        for item in value:
            if isinstance(item, str) and SPAN in item:
                first, last = (dt.date.fromisoformat(p.strip()) for p in item.split(SPAN, 1))
                if last < first:
                    raise ValueError(f"span {item!r} ends before it starts")
                out.extend(first + dt.timedelta(days=i) for i in range((last - first).days + 1))
            else:
                out.append(item)
        return out

    @model_validator(mode="after")
    def _consistent(self) -> YearSchedule:
        for day in [*self.holidays, *self.workdays]:
            if day.year != self.year:
                raise ValueError(f"{day.isoformat()} is not in {self.year}")
        both = set(self.holidays) & set(self.workdays)
        if both:
            raise ValueError(f"{min(both).isoformat()} is both a holiday and a make-up workday")
        for day in self.workdays:
            if day.weekday() < 5:
                raise ValueError(f"make-up workday {day.isoformat()} is not a weekend day")
        return self


def _parse(text: str, origin: str) -> YearSchedule:
    from rectimeet.spec import to_plain, parse_yaml

    data = to_plain(parse_yaml(text, origin))
    try:
        return YearSchedule.model_validate(data)
    except ValidationError as exc:
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                           for e in exc.errors(include_url=False))
        raise SpecError([Problem("T004", (), f"not a valid holiday schedule: {detail}")],
                        origin) from exc


@cache
def builtin_years() -> dict[int, YearSchedule]:
    """The schedules shipped with rectimeet, by year."""
    folder = resources.files("rectimeet") / "data" / "calendar"
    years: dict[int, YearSchedule] = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".yaml"):
            schedule = _parse(entry.read_text("utf-8"), entry.name)
            years[schedule.year] = schedule
    return years


def load_year_file(path: Path | str) -> YearSchedule:
    """Read a user's year file (YAML with year, holidays, workdays, source)."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except OSError as exc:
        raise SpecError([Problem("T004", (), f"cannot read holiday schedule: {exc.strerror}")],
                        path) from None
    return _parse(text, str(path))
