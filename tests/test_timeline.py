"""The timeline: anchors, patches, overrides, and the properties the clerk relies on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rectimeet.errors import SpecError
from rectimeet.models.level import LevelDefaults
from rectimeet.models.milestone import DateUnit, Milestone, Phase
from rectimeet.models.unit import SuperiorRole
from rectimeet.prepared import ComputedMilestone
from rectimeet.scheduling.timeline import compute_timeline
from scheduling_plans import calendar, host, make_plan, prepared

D = dt.date


def test_default_timeline_for_a_meeting_after_national_day() -> None:
    p = prepared(D(2026, 10, 9))
    keys = [m.key for m in p.milestones]
    assert keys[0] == "plan_to_superior" and "meeting" in keys
    dues = [m.due for m in p.milestones]
    assert dues == sorted(dues)
    talks = p.milestone("talks")
    assert talks is not None
    # 10-09 minus 7 days = 10-02 (国庆): moved to the last working day before the holiday.
    assert talks.due == D(2026, 9, 30) and talks.moved_from == D(2026, 10, 2)
    report = p.milestone("report")
    assert report is not None and report.phase is Phase.AFTER
    assert report.recipients == ("县纪委监委", "县委组织部", "县委巡察办")
    rect = p.milestone("rectification_report")
    assert rect is not None and rect.due == D(2026, 11, 19)  # feedback 09-19 + 2 months


def test_unit_superiors_win_over_level_names_and_literals_are_kept() -> None:
    plan = make_plan(D(2026, 12, 18), schedule={"milestones": [
        {"key": "report", "recipients": ["discipline", "县委第一巡察组"]}]})
    plan.unit.superiors = {SuperiorRole.DISCIPLINE: "某县纪委监委"}
    p = compute_timeline(plan, host().defaults(plan.unit, plan), calendar())
    report = next(m for m in p if m.key == "report")
    assert report.recipients == ("某县纪委监委", "县委第一巡察组")


def test_patches_change_disable_and_add_milestones() -> None:
    p = prepared(D(2026, 12, 18), schedule={"milestones": [
        {"key": "plan_to_superior", "offset": -10},
        {"key": "notice", "enabled": False},
        {"key": "rehearsal", "title": "会前预备会", "anchor": "materials_reviewed", "offset": 1,
         "unit": "working_days", "after": ["materials_reviewed"]},
    ]})
    keys = {m.key for m in p.milestones}
    assert "notice" not in keys
    plan_ms, rehearsal = p.milestone("plan_to_superior"), p.milestone("rehearsal")
    reviewed = p.milestone("materials_reviewed")
    assert plan_ms is not None and plan_ms.due == D(2026, 12, 8)
    assert rehearsal is not None and reviewed is not None
    assert rehearsal.due == calendar().add_working_days(reviewed.due, 1)
    assert rehearsal.phase is Phase.BEFORE


def test_absolute_override_wins_and_is_flagged() -> None:
    p = prepared(D(2026, 12, 18),
                 schedule={"milestones": [{"key": "opinions", "due": "2026-12-05"}]})
    opinions = p.milestone("opinions")
    assert opinions is not None
    assert opinions.due == D(2026, 12, 5) and opinions.computed == D(2026, 12, 8)
    assert opinions.overridden


@pytest.mark.parametrize(("patches", "code", "path"), [
    ([{"key": "x", "title": "甲", "anchor": "y"}, {"key": "y", "title": "乙", "anchor": "x"}],
     "T001", ("schedule", "milestones", 0)),
    ([{"key": "x", "title": "甲", "anchor": "nowhere"}], "T002",
     ("schedule", "milestones", 0, "anchor")),
    ([{"key": "opinions", "enabled": False}, {"key": "x", "title": "甲", "anchor": "opinions"}],
     "T002", ("schedule", "milestones", 1, "anchor")),
    ([{"key": "brand_new", "offset": -3}], "T003", ("schedule", "milestones", 0)),
])
def test_bad_anchors_are_located_spec_errors(patches: list[dict[str, Any]], code: str,
                                             path: tuple[str | int, ...]) -> None:
    with pytest.raises(SpecError) as info:
        prepared(D(2026, 12, 18), schedule={"milestones": patches})
    problem = info.value.problems[0]
    assert (problem.code, problem.path) == (code, path)
    assert "milestone" in problem.text("en") and "时间节点" in problem.text("zh")


# -- properties ------------------------------------------------------------------------------

WORKING_MEETINGS = st.dates(D(2025, 3, 1), D(2026, 11, 30)).map(
    lambda d: calendar().next_working_day(d))
UNITS = st.sampled_from([DateUnit.DAYS, DateUnit.WORKING_DAYS])


@st.composite
def milestone_sets(draw: st.DrawFn) -> list[Milestone]:
    """What a plugin might declare: before steps (chained by `after`), the meeting, after steps."""
    out = [Milestone(key="meeting", title="会议", phase=Phase.MEETING)]
    unit = draw(UNITS)
    offsets = sorted(draw(st.lists(st.integers(-40, -1), min_size=1, max_size=8)))
    for i, off in enumerate(offsets):
        out.append(Milestone(key=f"b{i}", title=f"会前{i}", offset=off, unit=unit,
                             phase=Phase.BEFORE, after=[f"b{i - 1}"] if i else []))
    for i, off in enumerate(draw(st.lists(st.integers(1, 40), max_size=5))):
        out.append(Milestone(key=f"a{i}", title=f"会后{i}", offset=off, unit=draw(UNITS),
                             phase=Phase.AFTER))
        out.append(Milestone(key=f"c{i}", title=f"续{i}", anchor=f"a{i}",
                             offset=draw(st.integers(0, 20)), phase=Phase.AFTER, after=[f"a{i}"]))
    out.append(Milestone(key="rect", title="整改报告", anchor="feedback", offset=2,
                         unit=DateUnit.MONTHS, phase=Phase.AFTER))
    return out


def timeline(meeting: dt.date, milestones: list[Milestone], roll: bool,
             feedback: dt.date | None = None) -> list[ComputedMilestone]:
    plan = make_plan(meeting, feedback=feedback, schedule={"roll_forward": roll})
    return compute_timeline(plan, LevelDefaults(level="t", milestones=milestones), calendar())


@given(WORKING_MEETINGS, milestone_sets(), st.booleans())
def test_before_on_working_days_before_meeting_after_after_and_order_kept(
        meeting: dt.date, milestones: list[Milestone], roll: bool) -> None:
    result = timeline(meeting, milestones, roll)
    by_key = {m.key: m for m in result}
    cal = calendar()
    for m in result:
        if m.phase is Phase.BEFORE:
            assert cal.is_working_day(m.due) and m.due < meeting
        elif m.phase is Phase.AFTER and m.anchor != "feedback":
            assert m.due > meeting
        for dep in m.after:
            assert by_key[dep].due <= m.due
    assert [m.due for m in result] == sorted(m.due for m in result)


@given(WORKING_MEETINGS, st.integers(1, 60), milestone_sets(), st.booleans())
def test_monotone_in_meeting_date(meeting: dt.date, later_by: int, milestones: list[Milestone],
                                  roll: bool) -> None:
    later = calendar().next_working_day(meeting + dt.timedelta(days=later_by))
    feedback = meeting - dt.timedelta(days=10)
    early = {m.key: m.due for m in timeline(meeting, milestones, roll, feedback)}
    late = {m.key: m.due for m in timeline(later, milestones, roll, feedback)}
    assert all(early[k] <= late[k] for k in early)


@given(WORKING_MEETINGS, milestone_sets(), st.randoms(use_true_random=False), st.booleans())
def test_independent_of_declaration_order(meeting: dt.date, milestones: list[Milestone],
                                          rnd: Any, roll: bool) -> None:
    shuffled = list(milestones)
    rnd.shuffle(shuffled)
    first = {m.key: m.due for m in timeline(meeting, milestones, roll)}
    second = {m.key: m.due for m in timeline(meeting, shuffled, roll)}
    assert first == second
