"""Counting deadlines (民法典 periods, working days) and imprecise dates as written in real plans."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rectimeet.errors import SpecError
from rectimeet.models.milestone import DateUnit, Phase
from rectimeet.scheduling.deadlines import ApproxDate, DateTextError, count_offset, settle
from scheduling_plans import calendar, prepared

D = dt.date


def test_worked_example_under_each_rest_day_policy() -> None:
    # 会议 2026-09-18 + 15 calendar days = 10-03, inside the National Day holiday.
    def report(**schedule: object) -> tuple[dt.date, dt.date | None]:
        m = prepared(D(2026, 9, 18), schedule=schedule).milestone("report")
        assert m is not None
        return m.due, m.moved_from

    rolled = (D(2026, 10, 8), D(2026, 10, 3))
    kept = (D(2026, 10, 3), None)
    assert report() == rolled                                      # the default rolls forward
    assert report(roll_forward=True) == rolled
    assert report(roll_forward=False) == kept                      # an old spec keeps its meaning
    assert report(rest_day_policy="keep") == kept
    assert report(rest_day_policy={"after": "earlier"}) == (D(2026, 9, 30), D(2026, 10, 3))
    assert report(rest_day_policy="keep", roll_forward=True) == kept  # the new switch wins


def test_start_day_is_excluded() -> None:
    cal = calendar()
    assert count_offset(D(2026, 9, 18), 15, DateUnit.DAYS, cal) == D(2026, 10, 3)
    assert count_offset(D(2026, 9, 18), -3, DateUnit.DAYS, cal) == D(2026, 9, 15)
    assert count_offset(D(2026, 9, 30), 1, DateUnit.WORKING_DAYS, cal) == D(2026, 10, 8)
    assert count_offset(D(2026, 12, 31), 2, DateUnit.MONTHS, cal) == D(2027, 2, 28)


def test_before_deadline_on_a_holiday_moves_earlier() -> None:
    cal = calendar()
    assert settle(D(2026, 10, 5), Phase.BEFORE, cal, roll_forward=True) == D(2026, 9, 30)
    assert settle(D(2026, 10, 5), Phase.AFTER, cal, roll_forward=False) == D(2026, 10, 5)
    assert settle(D(2026, 10, 5), Phase.AFTER, cal, roll_forward=True) == D(2026, 10, 8)
    assert settle(D(2026, 10, 5), Phase.MEETING, cal, roll_forward=True) == D(2026, 10, 5)


@given(st.dates(D(2025, 1, 1), D(2027, 12, 31)), st.booleans())
def test_settled_days(raw: dt.date, roll: bool) -> None:
    cal = calendar()
    before = settle(raw, Phase.BEFORE, cal, roll)
    assert before <= raw and cal.is_working_day(before)
    after = settle(raw, Phase.AFTER, cal, roll)
    assert after >= raw
    assert cal.is_working_day(after) if roll else after == raw


@pytest.mark.parametrize(("text", "earliest", "latest"), [
    ("11月上旬", D(2026, 11, 1), D(2026, 11, 10)),
    ("11月中旬", D(2026, 11, 11), D(2026, 11, 20)),
    ("2月下旬", D(2027, 2, 21), D(2027, 2, 28)),
    ("12月初", D(2026, 12, 1), D(2026, 12, 5)),
    ("12月底", D(2026, 12, 27), D(2026, 12, 31)),
    ("1月初", D(2027, 1, 1), D(2027, 1, 5)),
    ("12月20日前", D(2026, 12, 20), D(2026, 12, 20)),
    ("2027年3月1日之前", D(2027, 3, 1), D(2027, 3, 1)),
    ("月底", D(2026, 12, 27), D(2026, 12, 31)),
])
def test_imprecise_dates(text: str, earliest: dt.date, latest: dt.date) -> None:
    approx = ApproxDate.parse(text, near=D(2026, 12, 18))
    assert (approx.earliest, approx.latest) == (earliest, latest)
    assert approx.check_date == latest
    assert str(approx) == text


@pytest.mark.parametrize("text", ["下周", "13月上旬", "2月30日前", "初", "2026-12-01"])
def test_unreadable_imprecise_dates(text: str) -> None:
    with pytest.raises(ValueError) as info:
        ApproxDate.parse(text, near=D(2026, 12, 18))
    error = info.value
    assert isinstance(error, DateTextError)
    assert error.render("en").startswith(("cannot read", "month", text))
    assert re.search(r"[\u4e00-\u9fff]", str(error).replace(text, ""))


def test_an_unreadable_due_text_is_a_located_spec_error() -> None:
    with pytest.raises(SpecError) as info:
        prepared(D(2026, 12, 18), schedule={"milestones": [{"key": "talks", "due_text": "下周"}]})
    (problem,) = info.value.problems
    assert (problem.code, problem.path) == ("T005", ("schedule", "milestones", 0, "due_text"))
    assert problem.text("en").startswith("cannot read 下周 as a date")
    assert problem.text("zh").startswith("无法将“下周”识别为日期")


def test_imprecise_due_text_renders_as_written_and_checks_the_latest_day() -> None:
    p = prepared(D(2026, 12, 18),
                 schedule={"milestones": [{"key": "talks", "due_text": "12月上旬"}]})
    talks = p.milestone("talks")
    assert talks is not None
    assert talks.due_text == "12月上旬" and talks.imprecise
    assert talks.due == D(2026, 12, 10)
    assert talks.overridden
