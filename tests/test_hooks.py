"""One test per hook: a tiny plugin implements it, and the effect shows through the public API.

``tests/test_docs.py`` checks that every hook in ``rectimeet.hookspecs`` has a
``test_hook_<name>`` here.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from rectimeet import api
from rectimeet.calendar_data import YearSchedule
from rectimeet.errors import UnknownLevelError
from rectimeet.hookspecs import LevelContext, hookimpl
from rectimeet.i18n import N_
from rectimeet.models.level import FocusArea, LevelDefaults, LevelInfo, Participants
from rectimeet.models.meeting import AgendaItem, MeetingKind
from rectimeet.models.milestone import Milestone
from rectimeet.models.plan import Plan
from rectimeet.models.study import StudyItem
from rectimeet.models.unit import SuperiorRole
from rectimeet.rules.engine import Hit, RuleContext, Severity, rule
from rectimeet.testing import TEST_LEVEL, host_with
from test_documents_support import seen


@pytest.fixture
def plan(small_data: dict[str, Any]) -> Plan:
    return Plan.model_validate(small_data)


def due_of(plan: Plan, key: str, host: Any) -> str:
    due: str = next(m["due"] for m in api.schedule(plan, host=host)["milestones"] if m["key"] == key)
    return due


def test_hook_rectimeet_levels(small_data: dict[str, Any]) -> None:
    class VillageLevel:
        @hookimpl
        def rectimeet_levels(self) -> list[LevelInfo]:
            return [LevelInfo(id="village", name="村党组织")]

    small_data["unit"]["level"] = "village"
    plan = Plan.model_validate(small_data)
    with pytest.raises(UnknownLevelError, match="village"):
        api.check(plan, host=host_with())
    findings = api.check(plan, host=host_with(VillageLevel()))
    assert "CL101" not in {f.code for f in findings}  # checked like any other level


def test_hook_rectimeet_agenda(plan: Plan) -> None:
    seen: list[LevelContext] = []

    class Agenda:
        @hookimpl
        def rectimeet_agenda(self, ctx: LevelContext) -> list[AgendaItem] | None:
            seen.append(ctx)
            return [AgendaItem(title="通报巡察反馈意见整改情况")] if ctx.level == TEST_LEVEL else None

    prepared = api.prepare(plan, host_with(Agenda()))
    assert [a.title for a in prepared.defaults.agenda] == ["通报巡察反馈意见整改情况"]
    assert seen[0].unit.name == plan.unit.name and seen[0].plan is plan


def test_hook_rectimeet_meeting_kind(plan: Plan, tmp_path: Path) -> None:
    class BranchMeetings:
        @hookimpl
        def rectimeet_meeting_kind(self, ctx: LevelContext) -> MeetingKind | None:
            return MeetingKind.ORGANIZATIONAL_LIFE if ctx.level == TEST_LEVEL else None

    assert api.prepare(plan, host_with()).meeting_title.endswith("专题民主生活会")
    prepared = api.prepare(plan, host_with(BranchMeetings()))
    assert prepared.meeting_title == "测试乡党委巡察整改专题组织生活会"
    (path,) = api.assemble(prepared, tmp_path, ["notice"])
    assert "专题组织生活会" in path.name
    # the spec's own meeting.kind still wins
    stated = plan.model_copy(update={"meeting": plan.meeting.model_copy(
        update={"kind": MeetingKind.DEMOCRATIC_LIFE})})
    assert api.prepare(stated, host_with(BranchMeetings())).meeting_title.endswith("专题民主生活会")


def test_hook_rectimeet_study_list(plan: Plan) -> None:
    class Study:
        @hookimpl
        def rectimeet_study_list(self, ctx: LevelContext) -> list[StudyItem]:
            return [StudyItem(title="《中国共产党巡视工作条例》", category="党内法规")]

    prepared = api.prepare(plan, host_with(Study()))
    assert [s.title for s in prepared.defaults.study] == ["《中国共产党巡视工作条例》"]


def test_hook_rectimeet_focus_areas(plan: Plan) -> None:
    class Focus:
        @hookimpl
        def rectimeet_focus_areas(self, ctx: LevelContext) -> list[dict[str, Any]]:
            return [{"title": "落实巡察整改责任方面", "points": ["整改是否到位"]}]  # plain data is fine

    areas = api.prepare(plan, host_with(Focus())).defaults.focus_areas
    assert areas == [FocusArea(title="落实巡察整改责任方面", points=["整改是否到位"])]


def test_hook_rectimeet_participants(plan: Plan) -> None:
    class Guests:
        @hookimpl
        def rectimeet_participants(self, ctx: LevelContext) -> Participants:
            return Participants(guides=[f"{ctx.unit.tier.value}委第一巡察组"], observers=["纪委派驻人员"])

    participants = api.prepare(plan, host_with(Guests())).defaults.participants
    assert participants.guides == ["乡委第一巡察组"]
    assert participants.observers == ["纪委派驻人员"]


def test_hook_rectimeet_superiors(plan: Plan) -> None:
    class Superiors:
        @hookimpl
        def rectimeet_superiors(self, ctx: LevelContext) -> dict[SuperiorRole, str]:
            return {SuperiorRole.ORGANIZATION: "江北区委组织部",
                    SuperiorRole.INSPECTION_OFFICE: "江北区委巡察办"}

    host = host_with(Superiors())
    assert api.prepare(plan, host).defaults.superiors[SuperiorRole.ORGANIZATION] == "江北区委组织部"
    to_superior = next(m for m in api.schedule(plan, host=host)["milestones"]
                       if m["key"] == "materials_to_superior")
    assert "江北区委组织部" in to_superior["recipients"]


def test_hook_rectimeet_milestones(plan: Plan) -> None:
    class Timeline:
        @hookimpl
        def rectimeet_milestones(self, ctx: LevelContext) -> list[Milestone]:
            return [Milestone(key="report", title="报送情况报告", offset=10, phase="after",
                              source="测试插件")]

    milestones = api.schedule(plan, host=host_with(Timeline()))["milestones"]
    report = next(m for m in milestones if m["key"] == "report")
    assert (report["title"], report["due"], report["source"]) == ("报送情况报告", "2026-12-07", "测试插件")


def test_hook_rectimeet_requirements(plan: Plan) -> None:
    class Requirements:
        @hookimpl
        def rectimeet_requirements(self, ctx: LevelContext) -> list[str]:
            return ["严肃会议纪律，不得无故缺席。"]

    assert api.prepare(plan, host_with(Requirements())).defaults.requirements == ["严肃会议纪律，不得无故缺席。"]


def test_hook_rectimeet_rule_params(plan: Plan) -> None:
    class Strict:
        @hookimpl
        def rectimeet_rule_params(self, ctx: LevelContext) -> dict[str, int]:
            return {"min_criticisms": 5}

    assert "CR101" not in {f.code for f in api.check(plan, host=host_with())}
    strict = [f for f in api.check(plan, host=host_with(Strict())) if f.code == "CR101"]
    assert len(strict) == 3  # every member gives 4 criticisms, fewer than 5
    assert strict[0].params["needed"] == 5


def test_hook_rectimeet_adjust_defaults(plan: Plan) -> None:
    class Province:
        @hookimpl
        def rectimeet_adjust_defaults(self, ctx: LevelContext, defaults: LevelDefaults) -> None:
            for milestone in defaults.milestones:
                if milestone.key == "report":
                    milestone.offset = 10
            defaults.study.append(StudyItem(title="《某省巡察整改工作办法》"))

    assert due_of(plan, "report", host_with()) == "2026-12-12"  # the core's 15 days
    host = host_with(Province())
    assert due_of(plan, "report", host) == "2026-12-07"
    assert api.prepare(plan, host).defaults.study[-1].title == "《某省巡察整改工作办法》"


@rule("XJ101", name="venue-named", family="local", severity=Severity.WARNING,
      summary=N_("Every checklist item states the problem, the measure and (unless long-term) a deadline"),
      rationale="测试规则。", source="测试")
def _venue_named(ctx: RuleContext) -> list[Hit]:
    return [Hit("会场为{venue}", {"venue": ctx.plan.meeting.venue}, ("meeting", "venue"))]


def test_hook_rectimeet_rules(plan: Plan) -> None:
    class LocalRules:
        @hookimpl
        def rectimeet_rules(self) -> list[Any]:
            return [_venue_named]

    host = host_with(LocalRules())
    assert "XJ101" in {r.code for r in api.rules(host)}
    found = [f for f in api.check(plan, host=host) if f.code == "XJ101"]
    assert [(f.severity, f.message(), f.location) for f in found] == [
        (Severity.WARNING, "会场为乡党委会议室", "meeting.venue")]


def test_hook_rectimeet_calendar_years(plan: Plan) -> None:
    class LocalHoliday:
        @hookimpl
        def rectimeet_calendar_years(self) -> list[YearSchedule]:
            # A region's 2026 schedule: replaces the built-in year, with one extra day off.
            return [YearSchedule(year=2026, holidays=[plan.meeting.date], workdays=[],
                                 source="测试用地方放假安排", region="江北区")]

    assert "SC103" not in {f.code for f in api.check(plan, host=host_with())}
    findings = api.check(plan, host=host_with(LocalHoliday()))
    assert [f.params for f in findings if f.code == "SC103"] == [{"date": "2026-11-27"}]


def test_hook_rectimeet_template_dirs(plan: Plan, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    custom = Document()
    custom.add_paragraph("江北区自定义通知：{{ meeting.title }}")
    custom.save(str(templates / "notice.docx"))

    class Templates:
        @hookimpl
        def rectimeet_template_dirs(self, ctx: LevelContext) -> list[Path]:
            return [templates]

    written = api.assemble(plan, tmp_path / "out", ["notice"], host=host_with(Templates()))
    text = "\n".join(seen(p.text) for p in Document(io.BytesIO(written[0].read_bytes())).paragraphs)
    assert f"江北区自定义通知：{plan.meeting_title}" in text


def test_hook_rectimeet_scaffold(small_spec_text: str) -> None:
    from rectimeet.scaffold import new_spec

    class Scaffold:
        @hookimpl
        def rectimeet_scaffold(self, level: str) -> str | None:
            return small_spec_text.replace("测试乡", "江北测试乡") if level == TEST_LEVEL else None

    text = new_spec(TEST_LEVEL, dt.date(2026, 12, 18), host_with(Scaffold()))
    assert "江北测试乡" in text
    assert "2026-12-18" in text
