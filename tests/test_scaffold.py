"""`rectimeet new` scaffolds pass `check` for any working-day meeting date; `schedule` shows them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from rectimeet import api, spec
from rectimeet.cli.schedule import schedule
from rectimeet.plugins import make_host
from rectimeet.rules.engine import Severity
from rectimeet.spec.scaffold import default_meeting_date, generic_scaffold, new_spec
from rectimeet.testing import TEST_LEVEL
from scheduling_plans import calendar, host

D = dt.date
PUBLISHED_WORKING_DAYS = st.dates(D(2025, 1, 1), D(2026, 12, 31)).map(
    lambda d: calendar().previous_working_day(d) if d.month == 12 and d.day > 28
    else calendar().next_working_day(d))


def errors(text: str) -> list[str]:
    loaded = spec.load_text(text)
    return [f"{f.code} {f.message('en')}" for f in api.check(loaded.plan, host=host())
            if f.severity is Severity.ERROR]


@settings(max_examples=25)
@given(PUBLISHED_WORKING_DAYS)
def test_scaffold_passes_check_for_any_working_day(meeting: dt.date) -> None:
    text = new_spec(TEST_LEVEL, meeting, host())
    assert errors(text) == []
    assert spec.load_text(text).plan.meeting.date == meeting


@pytest.mark.parametrize("meeting", [D(2026, 10, 9), D(2026, 2, 24), D(2026, 2, 14),
                                     D(2025, 1, 2), D(2026, 12, 31)])
def test_scaffold_around_holidays(meeting: dt.date) -> None:
    assert errors(new_spec(TEST_LEVEL, meeting, host())) == []


def test_installed_levels_scaffold_cleanly() -> None:
    installed = make_host()
    for level in installed.levels():
        loaded = spec.load_text(new_spec(level, D(2026, 10, 9), installed))
        assert loaded.plan.unit.level == level
        found = api.check(loaded.plan, host=installed)
        assert [f.code for f in found if f.severity is Severity.ERROR] == []


def test_comments_and_order_are_kept() -> None:
    text = new_spec(TEST_LEVEL, D(2026, 6, 12), host())
    assert text.startswith("# yaml-language-server: $schema=rectimeet.schema.json\n"
                           "# 巡察整改专题民主生活会 规格文件（示例）")
    assert "# 会议日期（其他日期均由此推算）" in text
    top = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    original = [line.split(":")[0] for line in generic_scaffold().splitlines() if line[:1].isalpha()]
    assert top == original
    assert "&id" not in text  # no YAML anchors for shared dates


def test_talks_are_scheduled_and_dates_fitted() -> None:
    loaded = spec.load_text(new_spec(TEST_LEVEL, D(2026, 6, 12), host()))
    plan = loaded.plan
    prepared = api.prepare(plan, host())
    talks_due = prepared.milestone("talks")
    assert talks_due is not None
    assert len(plan.talks) == 10 + 5  # C(5,2) team pairs + 5 heads
    assert all(t.date is not None and t.date <= talks_due.due for t in plan.talks)
    assert plan.inspection.feedback_date < plan.meeting.date


def test_default_meeting_date_is_a_working_day_three_weeks_out() -> None:
    day = default_meeting_date(calendar(), today=D(2026, 9, 12))
    assert day == D(2026, 10, 8)  # 10-03 is in the National Day holiday
    text = new_spec(TEST_LEVEL, None, host(), today=D(2026, 5, 1))
    assert spec.load_text(text).plan.meeting.date == D(2026, 5, 22)


def write_spec(tmp_path: Path, meeting: dt.date) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(new_spec("county_bureau", meeting, make_host()), "utf-8")
    return path


def test_schedule_command_text(tmp_path: Path) -> None:
    result = CliRunner().invoke(schedule, [str(write_spec(tmp_path, D(2026, 10, 9)))])
    assert result.exit_code == 0, result.output
    assert "2026年10月9日（星期五）" in result.output
    assert "谈心谈话安排" in result.output and "会前" in result.output


def test_schedule_command_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(schedule, [str(write_spec(tmp_path, D(2026, 10, 9))),
                                           "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["meeting_date"] == "2026-10-09"
    phases = {m["key"]: m["phase"] for m in data["milestones"]}
    assert phases["meeting"] == "meeting" and phases["report"] == "after"
    assert all(dt.date.fromisoformat(m["due"]) for m in data["milestones"])
    assert data["talks"] and all(t["date"] for t in data["talks"])


def test_schedule_command_bad_spec_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("unit: [\n", "utf-8")
    result = CliRunner().invoke(schedule, [str(bad)])
    assert result.exit_code == 2
    assert "Y001" in result.output
