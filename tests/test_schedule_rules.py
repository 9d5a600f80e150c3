"""Schedule, calendar and talk rules: each fires on its case and stays quiet on a sound plan."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from rectimeet import api
from rectimeet.i18n import catalog
from rectimeet.rules.engine import Finding, Severity
from rectimeet.rules.schedule import RULES
from scheduling_plans import host, make_plan

D = dt.date
MINE = tuple({r.code[:2] for r in RULES})


def findings(meeting: dt.date, **kwargs: Any) -> list[Finding]:
    plan = make_plan(meeting, **kwargs)
    return [f for f in api.check(plan, host=host()) if f.code.startswith(MINE)]


def codes(meeting: dt.date, **kwargs: Any) -> set[str]:
    return {f.code for f in findings(meeting, **kwargs)}


def test_rules_are_documented_and_translated() -> None:
    zh, en = catalog("zh_CN"), catalog("en")
    for r in RULES:
        assert re.fullmatch(r"(SC|CA|TK)1\d\d", r.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name)
        assert r.rationale and r.source and r.family
        assert r.summary in zh and r.summary in en
    assert len({r.code for r in RULES}) == len(RULES)


@pytest.mark.parametrize("meeting", [D(2026, 6, 12), D(2026, 9, 18), D(2026, 10, 9), D(2025, 2, 7)])
def test_sound_plan_has_no_schedule_findings(meeting: dt.date) -> None:
    assert findings(meeting) == []
    assert findings(meeting, schedule={"roll_forward": True}) == []


def test_dates_reaching_into_an_unpublished_year_are_reported() -> None:
    # A December meeting's after-deadlines fall in 2027, which is not published yet.
    assert codes(D(2026, 12, 18)) == {"CA101"}


def test_messages_render_in_both_languages() -> None:
    [f] = findings(D(2026, 10, 1))
    assert f.code == "SC103"
    assert f.message("zh") == "会议日期2026-10-01不是工作日"
    assert f.message("en") == "The meeting date 2026-10-01 is not a working day"
    assert f.path == ("meeting", "date")


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"schedule": {"milestones": [{"key": "opinions", "due": "2026-12-01"}]}}, "SC101"),
    ({"schedule": {"milestones": [{"key": "opinions", "due": "2026-12-10"}]}}, "SC102"),
    ({"materials": [{"author": "m2", "reported_on": "2026-12-17"}]}, "SC102"),
    ({"schedule": {"rest_day_policy": "keep"}}, "SC104"),        # 会前6天 is Saturday 12-12
    ({"schedule": {"milestones": [{"key": "notice", "due": "2026-12-13"}]}}, "SC109"),
    ({"schedule": {"milestones": [{"key": "notice", "due": "2026-12-18"}]}}, "SC104"),
    ({"schedule": {"milestones": [{"key": "report", "due": "2026-12-18"}]}}, "SC105"),
    ({"feedback": D(2026, 10, 30)}, "SC106"),
    ({"schedule": {"milestones": [{"key": "rectification_report", "due": "2027-01-30"}]}},
     "SC107"),
    ({"feedback": D(2026, 12, 19)}, "SC108"),
    ({"talks": [{"parties": ["m1", "m2"], "date": "2026-12-17"}]}, "TK103"),
    ({"talks": [{"parties": ["m1", "m2"], "date": "2026-12-05"}]}, "TK103"),
])
def test_each_rule_fires(kwargs: dict[str, Any], code: str) -> None:
    assert code in codes(D(2026, 12, 18), **kwargs)


def test_lead_time_override_is_a_warning_and_order_error_points_at_the_patch() -> None:
    found = findings(D(2026, 12, 18),
                     schedule={"milestones": [{"key": "opinions", "due": "2026-12-01"}]})
    order = next(f for f in found if f.code == "SC101")
    assert order.severity is Severity.ERROR
    assert order.path == ("schedule", "milestones", 0)


def test_meeting_in_2027_is_a_finding_not_a_crash() -> None:
    found = findings(D(2027, 3, 12))
    [calendar] = [f for f in found if f.code == "CA101"]
    assert calendar.severity is Severity.WARNING
    assert "2027" in calendar.message("zh") and "调休" in calendar.message("zh")
    assert "weekends plus the fixed statutory holidays" in calendar.message("en")
    assert not [f for f in found if f.severity is Severity.ERROR]


def test_talk_window_too_short_gives_the_explanation_and_the_missing_pairs() -> None:
    found = findings(D(2026, 12, 18), members=12, heads=0, schedule={"talk_window_days": 2})
    impossible = [f for f in found if f.code == "TK102"]
    missing = [f for f in found if f.code == "TK101"]
    assert len(impossible) == 1 and "谈心谈话排不下" in impossible[0].message("zh")
    assert len(missing) == 12 * 11 // 2


def test_disabled_rule_is_silent() -> None:
    assert "SC103" not in codes(D(2026, 10, 1), rules={"disable": ["SC103"]})


def test_a_spec_calendar_file_publishes_the_year_for_the_rules(tmp_path: Path) -> None:
    (tmp_path / "2027.yaml").write_text(
        "year: 2027\nsource: 测试\nholidays: [2027-01-01..2027-01-03]\nworkdays: [2027-03-13]\n",
        "utf-8")
    plan = make_plan(D(2027, 3, 13), schedule={"calendar_files": ["2027.yaml"]})
    found = {f.code for f in api.check(plan, host=host(), spec_dir=tmp_path)}
    assert "CA101" not in found and "SC103" not in found  # a Saturday made a working day
    assert {"CA101", "SC103"} <= codes(D(2027, 3, 13))
