"""Holiday schedules (放假安排 and 调休) as data: the State Council's notice for one year.

Built-in years live in ``rectimeet/data/calendar/<year>.yaml``; users add a year the same way
(a YAML file named in ``schedule.calendar_files``) and plugins through ``rectimeet_calendar_years``.
In a data file a span of days may be written ``2026-10-01..2026-10-07``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import ValidationError, field_validator, model_validator

from rectimeet.errors import Problem, RectimeetError, SpecError
from rectimeet.i18n import N_
from rectimeet.models.base import Model, whole
from rectimeet.packagedata import package_files

SPAN = ".."


class CalendarDataError(RectimeetError, ValueError):
    """Holiday data that contradicts itself; a ValueError, so pydantic reports it in place."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message, params)


class YearSchedule(Model):
    """One year's official schedule of days off and make-up working days."""

    year: Annotated[int, whole()]
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
                    raise CalendarDataError(N_("the span {span} ends before it starts"), span=item)
                out.extend(first + dt.timedelta(days=i) for i in range((last - first).days + 1))
            else:
                out.append(item)
        return out

    @model_validator(mode="after")
    def _consistent(self) -> YearSchedule:
        for day in [*self.holidays, *self.workdays]:
            if day.year != self.year:
                raise CalendarDataError(N_("{day} is not in {year}"), day=day.isoformat(),
                                        year=self.year)
        both = set(self.holidays) & set(self.workdays)
        if both:
            raise CalendarDataError(N_("{day} is both a holiday and a make-up workday"),
                                    day=min(both).isoformat())
        for day in self.workdays:
            if day.weekday() < 5:
                raise CalendarDataError(N_("make-up workday {day} is not a weekend day"),
                                        day=day.isoformat())
        return self


def _parse(text: str, origin: str) -> YearSchedule:
    from rectimeet.spec import fastload, parse_yaml, to_plain

    # The fast reader gives the same data; what it leaves alone (and every syntax error) goes
    # through the round-trip loader, whose errors carry the place.
    fast = fastload.read(text)
    data = fast[0] if fast is not None else to_plain(parse_yaml(text, origin))
    try:
        return YearSchedule.model_validate(data)
    except ValidationError as exc:
        raise SpecError([_problem(e) for e in exc.errors(include_url=False)], origin) from exc


def _problem(error: Any) -> Problem:
    """One located T004 problem from a pydantic error (ours keep their message id)."""
    path = tuple(p for p in error["loc"] if isinstance(p, int) or not str(p).startswith("function-"))
    inner = (error.get("ctx") or {}).get("error")
    if isinstance(inner, RectimeetError):
        return Problem("T004", path, inner.message_id, params=inner.params)
    if error["type"] == "missing":
        return Problem("T004", path, N_("not a valid holiday schedule: {field} is missing"),
                       params={"field": ".".join(map(str, path))})
    # Other checks are pydantic's own, whose wording (English) is kept as the detail.
    return Problem("T004", path, N_("not a valid holiday schedule: {detail}"),
                   params={"detail": error["msg"]})


@cache
def builtin_years() -> dict[int, YearSchedule]:
    """The schedules shipped with rectimeet, by year."""
    folder = package_files("rectimeet") / "data" / "calendar"
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
        raise SpecError([Problem("T004", (), N_("cannot read holiday schedule: {error}"),
                                 params={"error": exc.strerror})], path) from None
    return _parse(text, str(path))
