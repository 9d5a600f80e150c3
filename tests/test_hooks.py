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
from rectimeet.scheduling.calendar_data import YearSchedule
from rectimeet.testing import TEST_LEVEL, host_with
from rectimeet.vocabulary import Vocabulary, VocabularyTerm
from test_documents_support import seen


@pytest.fixture
def plan(small_data: dict[str, Any]) -> Plan:
    return Plan.model_validate(small_data)


def due_of(plan: Plan, key: str, host: Any) -> str:
    due = next(m.due for m in api.schedule(plan, host=host).milestones if m.key == key)
    return due.isoformat()


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
    to_superior = next(m for m in api.schedule(plan, host=host).milestones
                       if m.key == "materials_to_superior")
    assert "江北区委组织部" in to_superior.recipients


def test_hook_rectimeet_milestones(plan: Plan) -> None:
    class Timeline:
        @hookimpl
        def rectimeet_milestones(self, ctx: LevelContext) -> list[Milestone]:
            return [Milestone(key="report", title="报送情况报告", offset=10, phase="after",
                              source="测试插件")]

    milestones = api.schedule(plan, host=host_with(Timeline())).milestones
    report = next(m for m in milestones if m.key == "report")
    assert (report.title, report.due.isoformat(), report.source) == ("报送情况报告", "2026-12-07",
                                                                     "测试插件")


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


def test_hook_rectimeet_vocabulary(plan: Plan) -> None:
    class CaseStudy:
        """A level step of its own: the milestone key ``case_study``."""

        @hookimpl
        def rectimeet_milestones(self, ctx: LevelContext) -> list[Milestone]:
            return [Milestone(key="case_study", title="剖析典型案例", offset=-6, phase="before")]

    class Declares(CaseStudy):
        @hookimpl
        def rectimeet_vocabulary(self) -> list[VocabularyTerm]:
            return [VocabularyTerm(vocabulary=Vocabulary.MILESTONE, key="case_study",
                                   label="剖析典型案例", description="测试插件的步骤。")]

    undeclared = [f for f in api.check(plan, host=host_with(CaseStudy())) if f.code == "VC101"]
    assert [(f.params["key"], f.location) for f in undeclared] == [("case_study", "unit.level")]
    host = host_with(Declares())
    assert "VC101" not in {f.code for f in api.check(plan, host=host)}
    vocabulary = host.vocabulary()
    assert vocabulary.milestones["case_study"] == "剖析典型案例"
    assert vocabulary.origin[(Vocabulary.MILESTONE, "report")] == "rectimeet"  # the core's own


def test_hook_rectimeet_adjust_defaults(plan: Plan) -> None:
    class Province:
        @hookimpl
        def rectimeet_adjust_defaults(self, ctx: LevelContext, defaults: LevelDefaults) -> None:
            for milestone in defaults.milestones:
                if milestone.key == "report":
                    milestone.offset = 10
            defaults.study.append(StudyItem(title="《某省巡察整改工作办法》"))

    # the core's 15 days end on Saturday 12-12, rolled forward to Monday
    assert due_of(plan, "report", host_with()) == "2026-12-14"
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


def test_hook_rectimeet_documents(plan: Plan, tmp_path: Path) -> None:
    """A plugin adds a document type and replaces a built-in one; a second claim is an error."""
    from dataclasses import replace

    from rectimeet.documents.builtin import NOTICE
    from rectimeet.documents.contexts import DocInfo, DocumentContext, MemberRow
    from rectimeet.documents.facts import PlanFacts
    from rectimeet.documents.registry import DocumentType
    from rectimeet.errors import PluginError

    own = tmp_path / "minutes.docx"
    custom = Document()
    custom.add_paragraph("记录：{{ meeting.title }}，{{ doc.title }}")
    custom.save(str(own))
    notice = tmp_path / "notice.docx"
    custom = Document()
    custom.add_paragraph("替换的通知：{{ notice.addressees }}")
    custom.save(str(notice))

    def minutes_context(facts: PlanFacts, doc: DocInfo, person: MemberRow | None) -> DocumentContext:
        return DocumentContext(**facts.base(doc))

    minutes = DocumentType("minutes", "会议记录", own, minutes_context, "{meeting_title}会议记录")

    class Documents:
        @hookimpl
        def rectimeet_documents(self) -> list[DocumentType]:
            return [minutes, replace(NOTICE, template=notice, replaces=True)]

    host = host_with(Documents())
    kinds = [d.id for d in api.document_types(host)]
    assert kinds[-1] == "minutes" and kinds.count("notice") == 1
    assert kinds.index("notice") == 1  # a replacement keeps the built-in's place in the set
    written = api.assemble(plan, tmp_path / "out", ["minutes", "会议通知"], host=host)
    texts = {p.name: "\n".join(x.text for x in Document(io.BytesIO(p.read_bytes())).paragraphs)
             for p in written}
    title = plan.meeting_title
    assert texts[f"{title}会议记录.docx"] == f"记录：{title}，{title}会议记录"
    assert texts[f"{title}会议通知.docx"] == "替换的通知：各班子成员、有关同志"

    class Again:
        @hookimpl
        def rectimeet_documents(self) -> list[DocumentType]:
            return [minutes]

    with pytest.raises(PluginError, match="minutes"):
        api.document_types(host_with(Documents(), Again()))

    class Nothing:
        @hookimpl
        def rectimeet_documents(self) -> list[DocumentType]:
            return [replace(minutes, replaces=True)]

    with pytest.raises(PluginError, match="minutes"):
        api.document_types(host_with(Nothing()))


def test_hook_rectimeet_outline(plan: Plan, tmp_path: Path) -> None:
    """A level's outline orders the 实施方案's parts; the spec's changes apply on top."""
    from rectimeet.models.outline import OutlineSection, OutlineSettings, SectionPatch

    class Outline:
        @hookimpl
        def rectimeet_outline(self, ctx: LevelContext) -> list[OutlineSection]:
            return [OutlineSection(id="time", title="会议时间", kind="time"),
                    OutlineSection(id="theme", title="会议主题和要求", kind="theme"),
                    OutlineSection(id="work", title="工作安排", kind="preparation")]

    def headings(p: Plan) -> list[str]:
        (path,) = api.assemble(p, tmp_path / str(len(list(tmp_path.iterdir()))), ["plan"],
                               host=host_with(Outline()))
        return [x.text for x in Document(io.BytesIO(path.read_bytes())).paragraphs
                if x.style is not None and x.style.name == "一级标题"]

    assert headings(plan) == ["一、会议时间", "二、会议主题和要求", "三、工作安排"]
    changed = plan.model_copy(update={"outline": OutlineSettings(
        order=["theme", "time", "org"],
        sections=[SectionPatch(id="org", title="组织领导", body=["成立工作专班。"])])})
    assert headings(changed) == ["一、会议主题和要求", "二、会议时间", "三、组织领导"]


def test_hook_rectimeet_scaffold(small_spec_text: str) -> None:
    from rectimeet.spec.scaffold import new_spec

    class Scaffold:
        @hookimpl
        def rectimeet_scaffold(self, level: str) -> str | None:
            return small_spec_text.replace("测试乡", "江北测试乡") if level == TEST_LEVEL else None

    text = new_spec(TEST_LEVEL, dt.date(2026, 12, 18), host_with(Scaffold()))
    assert "江北测试乡" in text
    assert "2026-12-18" in text


def test_hook_rectimeet_parse_feedback(tmp_path: Path) -> None:
    from rectimeet.errors import PluginError
    from rectimeet.feedback import (
        FeedbackArea,
        FeedbackDocument,
        FeedbackError,
        FeedbackItem,
        parse,
    )

    class ProvinceFormat:
        """A province whose system exports the feedback as JSON, and refuses its drafts."""

        @hookimpl
        def rectimeet_parse_feedback(self, path: Path) -> FeedbackDocument | None:
            if path.name.startswith("草稿"):
                raise FeedbackError(str(path), N_("not a Word document (.docx) or a .txt file"))
            if path.suffix != ".json":
                return None
            return FeedbackDocument.model_validate_json(path.read_text("utf-8"))

    doc = FeedbackDocument(title="省委第一巡视组关于巡视某厅党组的反馈意见", group="省委第一巡视组", areas=[
        FeedbackArea(label="（一）", title="党的领导方面", problems=[
            FeedbackItem(label="1．", statement="政治站位不够高", position="一、（一）1．")])])
    exported = tmp_path / "反馈.json"
    exported.write_text(doc.model_dump_json(), "utf-8")
    host = host_with(ProvinceFormat())
    assert parse(exported, host=host) == doc

    # Files the plugin does not recognise go to the built-in reader.
    text = tmp_path / "反馈.txt"
    text.write_text("一、巡察发现的主要问题\n（一）党的建设方面\n1．组织生活不规范。\n", "utf-8")
    assert [p.statement for p in parse(text, host=host).problems] == ["组织生活不规范"]

    # A plugin's considered refusal is the user's error message, not a plugin failure.
    draft = tmp_path / "草稿.json"
    draft.write_text("{}", "utf-8")
    with pytest.raises(FeedbackError, match="草稿"):
        parse(draft, host=host)

    class Broken:
        @hookimpl
        def rectimeet_parse_feedback(self, path: Path) -> Any:
            return {"areas": "not a list"}

    with pytest.raises(PluginError, match="rectimeet_parse_feedback"):
        parse(text, host=host_with(Broken()))
