"""The working-day calendar: published years exact, other years assumed and said so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from rectimeet.errors import SpecError
from rectimeet.hookspecs import hookimpl
from rectimeet.scheduling.calendar import WorkCalendar, calendar_for
from rectimeet.scheduling.calendar_data import (
    CalendarDataError,
    YearSchedule,
    builtin_years,
    load_year_file,
)
from rectimeet.testing import host_with
from scheduling_plans import calendar, make_plan

D = dt.date
PUBLISHED = st.dates(D(2025, 1, 1), D(2026, 12, 31))
ANY_DAY = st.dates(D(2025, 1, 1), D(2027, 12, 31))


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def test_national_day_2026() -> None:
    cal = calendar()
    assert not any(cal.is_working_day(d) for d in days(D(2026, 10, 1), D(2026, 10, 7)))
    assert cal.is_working_day(D(2026, 9, 20))  # Sunday, 调休
    assert cal.is_working_day(D(2026, 10, 10))  # Saturday, 调休
    assert cal.is_working_day(D(2026, 10, 8))


def test_spring_festival_2026() -> None:
    cal = calendar()
    assert not any(cal.is_working_day(d) for d in days(D(2026, 2, 15), D(2026, 2, 23)))
    assert cal.is_working_day(D(2026, 2, 14))
    assert cal.is_working_day(D(2026, 2, 28))
    assert cal.next_working_day(D(2026, 2, 15)) == D(2026, 2, 24)
    assert cal.previous_working_day(D(2026, 2, 23)) == D(2026, 2, 14)


def test_2025_make_up_days_and_merged_holiday() -> None:
    cal = calendar()
    assert cal.is_working_day(D(2025, 1, 26)) and cal.is_working_day(D(2025, 10, 11))
    assert not cal.is_working_day(D(2025, 10, 8))


def test_builtin_years_agree_with_the_holidays_library() -> None:
    # Two independent sources for 2025–2026 (the State Council notices and the holidays library).
    cal = calendar()
    lib = holidays.country_holidays("CN", years=[2025, 2026], language="zh_CN")
    for d in days(D(2025, 1, 1), D(2026, 12, 31)):
        expected = lib.is_working_day(d)
        assert cal.is_working_day(d) == expected, d


def test_published_years() -> None:
    cal = calendar()
    assert cal.is_published(2025) and cal.is_published(2026)
    assert not cal.is_published(2027)
    assert cal.assumed_years([D(2026, 12, 31), D(2027, 1, 4), None, D(2024, 12, 1)]) == [2024, 2027]


def test_unpublished_year_is_weekends_plus_fixed_statutory_days_without_make_up() -> None:
    cal = calendar()
    assert not cal.is_working_day(D(2027, 2, 8))  # 春节 (初三), statutory
    assert cal.is_working_day(D(2027, 2, 10))  # the library would guess 补假 here; we do not
    assert not cal.is_working_day(D(2027, 10, 1))
    assert cal.is_working_day(D(2027, 10, 4))
    assert not cal.is_working_day(D(2027, 1, 2))  # Saturday, and no 调休 invented


def test_add_months_uses_corresponding_day_or_month_end() -> None:
    assert WorkCalendar.add_months(D(2026, 12, 31), 2) == D(2027, 2, 28)
    assert WorkCalendar.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert WorkCalendar.add_months(D(2026, 9, 18), 1) == D(2026, 10, 18)
    assert WorkCalendar.add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)


def test_add_working_days_excludes_the_start_day() -> None:
    cal = calendar()
    assert cal.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert cal.add_working_days(D(2026, 10, 8), -1) == D(2026, 9, 30)
    assert cal.add_working_days(D(2026, 10, 3), 0) == D(2026, 10, 3)


@given(ANY_DAY, st.integers(0, 60))
def test_working_day_arithmetic_round_trips(start: dt.date, n: int) -> None:
    cal = calendar()
    there = cal.add_working_days(start, n)
    back = cal.add_working_days(there, -n)
    assert cal.is_working_day(back) or n == 0
    assert back <= start
    if cal.is_working_day(start):
        assert back == start
    assert len(cal.working_days(start + dt.timedelta(days=1), there)) == n


@given(ANY_DAY, st.integers(0, 40))
def test_working_days_lists_exactly_the_working_days(start: dt.date, span: int) -> None:
    cal = calendar()
    end = start + dt.timedelta(days=span)
    assert cal.working_days(start, end) == [d for d in days(start, end) if cal.is_working_day(d)]


@given(ANY_DAY)
def test_next_and_previous_working_day(day: dt.date) -> None:
    cal = calendar()
    nxt, prev = cal.next_working_day(day), cal.previous_working_day(day)
    assert cal.is_working_day(nxt) and cal.is_working_day(prev)
    assert prev <= day <= nxt
    assert not any(cal.is_working_day(d) for d in days(day, nxt)[:-1])


def _data_error(exc: ValidationError) -> CalendarDataError:
    inner = exc.errors()[0]["ctx"]["error"]
    assert isinstance(inner, CalendarDataError)
    return inner


def test_year_schedule_spans_and_validation() -> None:
    s = YearSchedule(year=2030, holidays=["2030-10-01..2030-10-03"], workdays=[D(2030, 9, 29)],
                     source="test")
    assert s.holidays == [D(2030, 10, 1), D(2030, 10, 2), D(2030, 10, 3)]
    with pytest.raises(ValidationError) as info:
        YearSchedule(year=2030, holidays=[], workdays=[D(2030, 10, 8)], source="test")
    assert _data_error(info.value).render("en") == "make-up workday 2030-10-08 is not a weekend day"
    assert "不是周末" in str(_data_error(info.value))
    with pytest.raises(ValidationError) as info:
        YearSchedule(year=2030, holidays=[D(2031, 1, 1)], workdays=[], source="test")
    assert _data_error(info.value).render("en") == "2031-01-01 is not in 2030"
    assert set(builtin_years()) >= {2025, 2026}


YEAR_2027 = """\
year: 2027
source: 测试用的假想安排
holidays:
  - 2027-01-01..2027-01-03
workdays:
  - 2027-01-09
"""


def test_spec_calendar_file_makes_a_year_published(tmp_path: Path) -> None:
    (tmp_path / "2027.yaml").write_text(YEAR_2027, "utf-8")
    plan = make_plan(D(2027, 1, 8), schedule={"calendar_files": ["2027.yaml"]})
    cal = calendar_for(None, plan, base_dir=tmp_path)
    assert cal.is_published(2027)
    assert cal.is_working_day(D(2027, 1, 9))  # Saturday made a working day by the file
    assert load_year_file(tmp_path / "2027.yaml").source == "测试用的假想安排"


def test_bad_calendar_file_is_a_located_spec_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("year: 2027\nsource: x\nholidays: []\nworkdays: [2027-01-05]\n",
                                       "utf-8")
    plan = make_plan(D(2027, 1, 8), schedule={"calendar_files": ["missing.yaml", "bad.yaml"]})
    with pytest.raises(SpecError) as info:
        calendar_for(None, plan, base_dir=tmp_path)
    assert info.value.problems[0].path == ("schedule", "calendar_files", 0)
    plan = make_plan(D(2027, 1, 8), schedule={"calendar_files": ["bad.yaml"]})
    with pytest.raises(SpecError) as info:
        calendar_for(None, plan, base_dir=tmp_path)
    (problem,) = info.value.problems
    assert problem.code == "T004" and problem.path == ("schedule", "calendar_files", 0)
    assert problem.text("en") == "make-up workday 2027-01-05 is not a weekend day"
    assert "调休上班日2027-01-05不是周末" in str(info.value)


class RegionPlugin:
    @hookimpl
    def rectimeet_calendar_years(self) -> list[YearSchedule]:
        # A region adding a local day off to 2026 replaces the national 2026 schedule.
        national = builtin_years()[2026]
        return [national.model_copy(update={"holidays": [*national.holidays, D(2026, 3, 3)],
                                            "region": "某自治州"})]


def test_plugin_year_replaces_builtin_year() -> None:
    cal = calendar_for(host_with(RegionPlugin()))
    assert not cal.is_working_day(D(2026, 3, 3))
    assert cal.is_working_day(D(2026, 10, 10))
    assert calendar().is_working_day(D(2026, 3, 3))


def test_the_shipped_statutory_table_is_what_the_library_says() -> None:
    # The table spares a check the library's import; it must say exactly what the library says
    # (after upgrading holidays: python -m rectimeet.scheduling.statutory).
    from rectimeet.scheduling import statutory

    years = range(statutory.FIRST_YEAR, statutory.LAST_YEAR + 1)
    library = statutory.from_library(years)
    statutory.statutory_days.cache_clear()
    assert {year: statutory.statutory_days(year) for year in years} == library
    shipped = (Path(statutory.__file__).parent.parent / "data" / statutory.TABLE).read_text("utf-8")
    assert shipped == statutory.table_text()


def test_years_beyond_the_table_ask_the_library() -> None:
    from rectimeet.scheduling import statutory

    year = statutory.FIRST_YEAR - 5
    assert statutory.statutory_days(year) == statutory.from_library(range(year, year + 1))[year]
    assert D(year, 10, 1) in statutory.statutory_days(year)
