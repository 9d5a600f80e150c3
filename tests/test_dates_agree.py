"""Dates as plans write them, deadlines off rest days, and dates that agree (SC101, SC109–SC112)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from rectimeet import api, spec
from rectimeet.cli import main as cli_main
from rectimeet.levels import load_profile
from rectimeet.models.milestone import DateKind, Phase
from rectimeet.models.plan import Plan
from rectimeet.models.restdays import RestDayPolicy
from rectimeet.plugins import PluginHost, make_host
from rectimeet.rules.engine import Severity
from rectimeet.scheduling.deadlines import DateTextError, settle_by
from rectimeet.scheduling.phrases import (
    Anchors,
    chinese_number,
    date_kind,
    is_imprecise,
    is_relative,
    read_date_text,
)
from rectimeet.spec.scaffold import new_spec
from rectimeet_levels import PACKAGE
from scheduling_plans import calendar, host, plan_data, prepared

D = dt.date
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LEVELS = ("township", "county_bureau", "municipal_government", "provincial_department", "school")
NEW_RULES = {"SC109", "SC110", "SC111", "SC112"}


def anchors(meeting: dt.date, counted: dt.date | None = None) -> Anchors:
    return Anchors(meeting=meeting, calendar=calendar(), policy=RestDayPolicy(),
                   feedback=meeting - dt.timedelta(days=20), counted=counted)


def codes(meeting: dt.date, **kwargs: Any) -> set[str]:
    p = prepared(meeting, **kwargs)
    return {f.code for f in api.check(p.plan, host=p.plugins)}


def codes_with_meeting(meeting: dict[str, Any], **kwargs: Any) -> set[str]:
    data = plan_data(meeting["date"], **kwargs)
    data["meeting"] = meeting
    p = api.prepare(Plan.model_validate(data), host())
    return {f.code for f in api.check(p.plan, host=p.plugins)}


def findings(meeting: dt.date, **kwargs: Any) -> list[Any]:
    p = prepared(meeting, **kwargs)
    return list(api.check(p.plan, host=p.plugins))


# -- the written forms ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "earliest", "latest", "kind"), [
    ("10月26日-28日", D(2026, 10, 26), D(2026, 10, 28), DateKind.RANGE),
    ("10月26日至28日", D(2026, 10, 26), D(2026, 10, 28), DateKind.RANGE),
    ("10月26-28日", D(2026, 10, 26), D(2026, 10, 28), DateKind.RANGE),
    ("10月30日至11月2日", D(2026, 10, 30), D(2026, 11, 2), DateKind.RANGE),
    ("12月30日至1月3日", D(2026, 12, 30), D(2027, 1, 3), DateKind.RANGE),
    ("１０月２６日－２８日", D(2026, 10, 26), D(2026, 10, 28), DateKind.RANGE),
    ("10月下旬", D(2026, 10, 21), D(2026, 10, 31), DateKind.PART),
    # counted from the meeting on Friday 2026-10-16
    ("会后15日内", D(2026, 10, 17), D(2026, 11, 2), DateKind.RELATIVE),   # 10-31 is a Saturday
    ("会后一周内", D(2026, 10, 17), D(2026, 10, 23), DateKind.RELATIVE),
    ("会后两周内", D(2026, 10, 17), D(2026, 10, 30), DateKind.RELATIVE),
    ("会议召开后5个工作日内", D(2026, 10, 17), D(2026, 10, 23), DateKind.RELATIVE),
    ("会前一周", D(2026, 10, 9), D(2026, 10, 9), DateKind.RELATIVE),
    ("会前3天", D(2026, 10, 13), D(2026, 10, 13), DateKind.RELATIVE),
    ("会后及时", D(2026, 10, 17), D(2026, 10, 23), DateKind.RELATIVE),  # the counted day
    ("反馈后2个月内", D(2026, 9, 27), D(2026, 11, 26), DateKind.RELATIVE),
])
def test_written_dates(text: str, earliest: dt.date, latest: dt.date, kind: DateKind) -> None:
    approx = read_date_text(text, D(2026, 10, 16), anchors(D(2026, 10, 16), D(2026, 10, 23)))
    assert (approx.earliest, approx.latest, approx.kind) == (earliest, latest, kind)
    assert str(approx) == text
    assert date_kind(text) is kind and is_imprecise(text)
    assert is_relative(text) is (kind is DateKind.RELATIVE)


def test_one_day_is_precise_and_unreadable_text_is_neither() -> None:
    assert date_kind("12月20日前") is DateKind.DAY and not is_imprecise("12月20日前")
    assert date_kind("下周") is None and not is_imprecise("下周") and not is_relative("下周")


@pytest.mark.parametrize("text", ["10月28日-26日", "10月26日-32日", "会前及时", "会后0日内",
                                  "反馈前3天", "会后2000日内"])
def test_unreadable_written_dates(text: str) -> None:
    with pytest.raises(ValueError):
        read_date_text(text, D(2026, 10, 16), anchors(D(2026, 10, 16)))


def test_a_relative_phrase_needs_the_meeting() -> None:
    with pytest.raises(DateTextError) as info:
        read_date_text("会后及时", D(2026, 10, 16))
    assert "counted from the meeting" in info.value.render("en")


def test_chinese_numbers() -> None:
    assert [chinese_number(t) for t in ("15", "十五", "二十", "两", "十", "三十一", "一百")] == [
        15, 15, 20, 2, 10, 31, 100]


@settings(max_examples=60)
@given(st.dates(D(2025, 1, 1), D(2026, 12, 31)), st.integers(1, 25), st.integers(0, 3),
       st.sampled_from(["-", "至", "到", "~"]))
def test_any_written_range_round_trips(near: dt.date, first: int, extra: int, sep: str) -> None:
    month = near.month
    text = f"{month}月{first}日{sep}{first + extra}日"
    approx = read_date_text(text, near)
    assert str(approx) == text
    assert approx.earliest <= approx.check_date == approx.latest
    assert (approx.latest - approx.earliest).days == extra
    assert approx.earliest.month == month and approx.earliest.day == first
    assert abs((approx.earliest - near).days) <= 31


@settings(max_examples=80)
@given(st.dates(D(2025, 1, 1), D(2026, 12, 31)), st.integers(1, 40),
       st.sampled_from(["日内", "天内", "个工作日内", "周内"]), st.booleans())
def test_any_relative_phrase_lands_on_its_side_of_the_meeting(
        meeting: dt.date, n: int, unit: str, after: bool) -> None:
    text = f"会{'后' if after else '前'}{n}{unit}"
    approx = read_date_text(text, meeting, anchors(meeting))
    assert str(approx) == text and approx.kind is DateKind.RELATIVE
    assert calendar().is_working_day(approx.check_date)
    if after:
        assert meeting < approx.earliest <= approx.check_date
    else:
        assert approx.check_date < meeting


# -- the timeline -----------------------------------------------------------------------------

def test_due_text_phrases_in_a_spec() -> None:
    p = prepared(D(2026, 10, 16), schedule={"milestones": [
        {"key": "report", "due_text": "会后及时"},
        {"key": "circulation", "due_text": "10月26日-28日"},
        {"key": "checklist", "due_text": "会后一周内"}]})
    report, circulation, checklist = (p.milestone(k) for k in ("report", "circulation", "checklist"))
    assert report is not None and circulation is not None and checklist is not None
    # 会后及时 writes no number: the level's 会后15日 stands (10-31 is a Saturday → 11-02).
    assert (report.due, report.due_text, report.imprecise) == (D(2026, 11, 2), "会后及时", True)
    assert report.date_kind is DateKind.RELATIVE and report.written == "会后及时"
    assert (circulation.due, circulation.due_text) == (D(2026, 10, 28), "10月26日-28日")
    assert checklist.due == D(2026, 10, 23)


def test_the_meeting_milestone_never_moves_the_meeting_day() -> None:
    loaded = spec.load(EXAMPLES / "plan12.yaml")
    p = api.prepare(loaded.plan)
    meeting = p.milestone("meeting")
    assert meeting is not None
    assert meeting.due == loaded.plan.meeting.date == D(2026, 8, 27)
    assert meeting.due_text == "8月28日前"
    checklist = p.milestone("checklist")                  # counted from the meeting, 10 days
    assert checklist is not None and checklist.due == D(2026, 9, 7)   # 9-6 is a Sunday


def test_documents_print_the_meeting_day_of_plan12() -> None:
    loaded = spec.load(EXAMPLES / "plan12.yaml")
    p = api.prepare(loaded.plan)
    assert {m.due for m in p.milestones if m.phase is Phase.MEETING} == {D(2026, 8, 27)}


@settings(max_examples=60, deadline=None)
@given(st.dates(D(2025, 1, 1), D(2026, 12, 31)))
def test_no_derived_deadline_on_a_rest_day(day: dt.date) -> None:
    meeting = calendar().next_working_day(day)
    p = prepared(meeting)
    for m in p.milestones:
        assert calendar().is_working_day(m.due), (m.key, m.due)
        if m.phase is Phase.BEFORE:
            assert m.due <= m.computed and (m.moved_from is None or m.due < m.moved_from)
        if m.phase is Phase.AFTER:
            assert m.due > meeting


@settings(max_examples=30, deadline=None)
@given(st.dates(D(2025, 1, 1), D(2026, 12, 31)),
       st.sampled_from((*LEVELS, "county_bureau.branch", "provincial_department.xuncha")))
def test_no_derived_deadline_on_a_rest_day_at_any_level(day: dt.date, level: str) -> None:
    installed = make_host()
    meeting = calendar().next_working_day(day)
    data = plan_data(meeting)
    data["unit"]["level"], _, variant = level.partition(".")
    if variant == "branch":
        data["unit"]["org_type"] = "党支部"
    data["inspection"]["kind"] = "巡察" if variant == "xuncha" else "巡视"
    p = api.prepare(Plan.model_validate(data), installed)
    for m in p.milestones:
        assert calendar().is_working_day(m.due), (level, m.key, m.due)


def test_keep_policy_leaves_counted_days_and_sc104_reports_them() -> None:
    p = prepared(D(2026, 12, 18), schedule={"rest_day_policy": "keep"})
    notice = p.milestone("notice")                        # 会前6天 = Saturday 12-12
    assert notice is not None and notice.due == D(2026, 12, 12) and notice.moved_from is None
    assert "SC104" in codes(D(2026, 12, 18), schedule={"rest_day_policy": "keep"})


def test_a_written_day_is_kept_and_warned_about() -> None:
    kwargs: dict[str, Any] = {"schedule": {"milestones": [{"key": "report", "due": "2027-01-02"}]}}
    report = prepared(D(2026, 12, 18), **kwargs).milestone("report")
    assert report is not None and report.due == D(2027, 1, 2) and report.written_day
    found = findings(D(2026, 12, 18), **kwargs)
    sc109 = [f for f in found if f.code == "SC109"]
    assert len(sc109) == 1 and sc109[0].severity is Severity.WARNING
    assert sc109[0].path == ("schedule", "milestones", 0)
    assert "2027-01-02" in sc109[0].message("en")


# -- order from the spec (SC101) ----------------------------------------------------------------

def test_sc101_follows_the_spec_order_and_its_after() -> None:
    opinions_first = {"milestones": [{"key": "opinions", "offset": -13},
                                     {"key": "study", "offset": -11}]}
    assert "SC101" not in codes(D(2026, 12, 18), schedule=opinions_first)
    # An after the spec writes itself still holds, whatever the order.
    insisting = {"milestones": [{"key": "opinions", "offset": -13, "after": ["study"]},
                                {"key": "study", "offset": -11}]}
    assert "SC101" in codes(D(2026, 12, 18), schedule=insisting)
    # Listed in the default order, the same dates break it.
    study_first = {"milestones": [{"key": "study", "offset": -11}, {"key": "opinions", "offset": -13}]}
    assert "SC101" in codes(D(2026, 12, 18), schedule=study_first)
    # Renaming steps in another order is not reordering them.
    renamed = {"milestones": [{"key": "talks", "title": "谈心谈话"}, {"key": "study", "title": "学习"}]}
    assert "SC101" not in codes(D(2026, 12, 18), schedule=renamed)
    # after: frees a step from the default sequence in front of it.
    relaxed = {"milestones": [{"key": "talks", "offset": -11, "after": ["study"]}]}
    assert "SC101" not in codes(D(2026, 12, 18), schedule=relaxed)
    assert "SC101" in codes(D(2026, 12, 18), schedule={"milestones": [{"key": "talks", "offset": -11}]})


# -- dates that agree (SC110–SC112) -------------------------------------------------------------

def test_a_notice_asking_before_its_own_date() -> None:
    late_notice = {"milestones": [{"key": "notice", "offset": -2}]}
    found = [f for f in findings(D(2026, 12, 18), schedule=late_notice) if f.code == "SC110"]
    assert len(found) == 1
    assert "会议通知" in found[0].message("zh") and "2026-12-16" in found[0].message("en")


def test_a_plan_dated_after_its_steps() -> None:
    found = codes(D(2026, 12, 18), documents={"issued_on": "2026-12-10"})
    assert "SC110" in found
    assert "SC110" not in codes(D(2026, 12, 18), documents={"issued_on": "2026-12-01"})


def test_study_sessions_inside_the_study_step() -> None:
    after = {"sessions": [{"date": "2026-12-11", "mode": "集中学习", "days": 0.5}]}
    inside = {"sessions": [{"date": "2026-12-04", "mode": "集中学习", "days": 0.5}]}
    before_feedback = {"sessions": [{"date": "2026-11-20", "mode": "集中学习", "days": 0.5}]}
    assert "SC111" in codes(D(2026, 12, 18), study=after)
    assert "SC111" not in codes(D(2026, 12, 18), study=inside)
    assert "SC111" in codes(D(2026, 12, 18), feedback=D(2026, 11, 27), study=before_feedback)


def test_a_study_session_that_is_part_of_the_meeting_day() -> None:
    meeting_day = {"sessions": [{"date": "2026-12-04", "mode": "集中学习", "days": 0.5},
                                {"date": "2026-12-18", "mode": "集中学习", "days": 0.5}]}
    assert "SC111" in codes(D(2026, 12, 18), study=meeting_day)
    with_study = {"date": D(2026, 12, 18), "host": "m1", "sessions": [
        {"part": "上午", "start": "08:30", "end": "11:30", "content": "理论学习"},
        {"part": "下午", "start": "14:30", "end": "17:30", "content": "专题民主生活会"}]}
    assert "SC111" not in codes_with_meeting(with_study, study=meeting_day)


@pytest.mark.parametrize(("meeting", "found"), [
    ({"date_text": "12月中旬"}, False),
    ({"date_text": "12月上旬"}, True),
    ({"date_text": "12月16日-18日"}, False),
    ({"date_text": "12月20日前"}, False),
    ({"date_text": "12月15日前"}, True),
    ({"date_text": "近期"}, False),              # not a date: nothing to compare
])
def test_the_meeting_day_as_written(meeting: dict[str, str], found: bool) -> None:
    data = {"date": D(2026, 12, 18), "host": "m1", **meeting}
    assert ("SC112" in codes_with_meeting(data)) is found


def test_a_meeting_milestone_with_its_own_day_is_reported() -> None:
    schedule = {"milestones": [{"key": "meeting", "due": "2026-12-17"}]}
    p = prepared(D(2026, 12, 18), schedule=schedule)
    meeting = p.milestone("meeting")
    assert meeting is not None and meeting.due == D(2026, 12, 18)
    assert "SC112" in codes(D(2026, 12, 18), schedule=schedule)


# -- scaffolds and level defaults satisfy the rules ---------------------------------------------

@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("meeting", ["2026-10-09", "2026-06-18", "2025-12-31"])
def test_new_then_check_is_clean(tmp_path: Path, level: str, meeting: str) -> None:
    runner = CliRunner()
    target = tmp_path / f"{level}.yaml"
    made = runner.invoke(cli_main, ["new", "--level", level, "--meeting-date", meeting,
                                    "-o", str(target)])
    assert made.exit_code == 0, made.output
    checked = runner.invoke(cli_main, ["check", str(target)])
    assert checked.exit_code == 0, checked.output
    plan = spec.load(target).plan
    found = api.check(plan)
    assert [f.code for f in found if f.severity is Severity.ERROR] == []
    assert NEW_RULES.isdisjoint(f.code for f in found)
    counted = [m for m in api.prepare(plan).milestones if m.date_kind is DateKind.COUNTED]
    assert counted and all(calendar().is_working_day(m.due) for m in counted)


@settings(max_examples=15, deadline=None)
@given(st.dates(D(2025, 1, 6), D(2026, 12, 28)).map(lambda d: calendar().next_working_day(d)),
       st.sampled_from(LEVELS))
def test_scaffolds_agree_for_any_meeting_day(meeting: dt.date, level: str) -> None:
    installed = make_host()
    plan = spec.load_text(new_spec(level, meeting, installed)).plan
    found = api.check(plan, host=installed)
    assert [f.code for f in found if f.severity is Severity.ERROR] == []
    assert NEW_RULES.isdisjoint(f.code for f in found)


class _Variant:
    """The installed host, with a level's scaffold edited to pick one of its variants."""

    def __init__(self, host: PluginHost, level: str, edits: dict[str, str]) -> None:
        self._host, self._level, self._edits = host, level, edits

    def scaffold(self, level: str) -> str | None:
        text = self._host.scaffold(level)
        assert text is not None
        for old, new in self._edits.items():
            assert old in text
            text = text.replace(old, new, 1)
        return text

    def __getattr__(self, name: str) -> Any:
        return getattr(self._host, name)


@pytest.mark.parametrize(("level", "edits", "variant_key"), [
    ("county_bureau", {"org_type: 党组 ": "org_type: 党支部 ",
                       "kind: 专题民主生活会 ": "kind: 专题组织生活会 "}, "branch"),
    ("provincial_department", {"kind: 巡视": "kind: 巡察"}, "department_inspection"),
])
@pytest.mark.parametrize("meeting", [D(2026, 10, 9), D(2026, 6, 18)])
def test_variants_scaffold_cleanly(level: str, edits: dict[str, str], variant_key: str,
                                   meeting: dt.date) -> None:
    host = make_host()
    variant: Any = _Variant(host, level, edits)
    loaded = spec.load_text(new_spec(level, meeting, variant))
    p = api.prepare(loaded.plan, host)
    profile = load_profile(PACKAGE, f"{level}.{variant_key}")
    assert [m.key for m in p.defaults.milestones] == [m.key for m in profile.milestones]
    found = api.check(loaded.plan, host=host)
    assert [f.code for f in found if f.severity is Severity.ERROR] == []
    assert NEW_RULES.isdisjoint(f.code for f in found)


def test_a_move_never_crosses_the_meeting() -> None:
    cal = calendar()
    earlier = RestDayPolicy.model_validate("earlier")
    later = RestDayPolicy.model_validate("later")
    # Meeting Friday 2026-12-18; the Saturday after it moved earlier would land on the meeting.
    assert settle_by(D(2026, 12, 19), Phase.AFTER, cal, earlier, D(2026, 12, 18)) == D(2026, 12, 21)
    # Meeting Monday 2026-12-21; the Sunday before it moved later would land on the meeting.
    assert settle_by(D(2026, 12, 20), Phase.BEFORE, cal, later, D(2026, 12, 21)) == D(2026, 12, 18)
    assert settle_by(D(2026, 12, 19), Phase.MEETING, cal, later) == D(2026, 12, 19)


def test_a_bad_rest_day_policy_is_a_located_spec_error(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    made = CliRunner().invoke(cli_main, ["new", "--level", "township", "--meeting-date",
                                         "2026-10-09", "-o", str(target)])
    assert made.exit_code == 0, made.output
    text = target.read_text("utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "rest_day_policy" in t)
    target.write_text(text.replace("{before: earlier, after: later}", "sometimes"), "utf-8")
    result = CliRunner().invoke(cli_main, ["check", str(target)])
    assert result.exit_code == 2
    assert f"plan.yaml:{line}" in result.output and "rest_day_policy" in result.output
    assert "Traceback" not in result.output
