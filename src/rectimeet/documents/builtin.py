"""The built-in document set, returned by the ``rectimeet_documents`` hook of the core plugin
:mod:`rectimeet.documents.plugin`, exactly as a third party returns its documents.

Each record's context function builds a typed context from :class:`PlanFacts`; a plugin can reuse
these functions, or replace a record with ``dataclasses.replace(PLAN, template=…, replaces=True)``.
"""

from __future__ import annotations

from rectimeet.documents.contexts import (
    AgendaScriptContext,
    ChecklistContext,
    DocInfo,
    MemberOutlineContext,
    MemberRow,
    NoticeContext,
    OpinionFormContext,
    PlanContext,
    RectificationReportContext,
    ReportContext,
    SubmissionsContext,
    TalkScheduleContext,
    TeamOutlineContext,
)
from rectimeet.documents.facts import PlanFacts
from rectimeet.documents.registry import DocumentType


def plan_context(facts: PlanFacts, doc: DocInfo, person: MemberRow | None) -> PlanContext:
    return PlanContext(**facts.base(doc), intro=facts.intro, participants=facts.participants,
                       agenda=facts.agenda, prep_steps=facts.prep_steps, after_steps=facts.after_steps,
                       requirements=facts.requirements)


def notice_context(facts: PlanFacts, doc: DocInfo, person: MemberRow | None) -> NoticeContext:
    return NoticeContext(**facts.base(doc), agenda=facts.agenda, participants=facts.participants,
                         notice=facts.notice)


def opinion_form_context(facts: PlanFacts, doc: DocInfo, person: MemberRow | None) -> OpinionFormContext:
    return OpinionFormContext(**facts.base(doc), focus_titles=facts.focus_titles,
                              opinion_form=facts.opinion_form)


def talk_schedule_context(facts: PlanFacts, doc: DocInfo, person: MemberRow | None
                          ) -> TalkScheduleContext:
    return TalkScheduleContext(**facts.base(doc), talks=facts.talks)


def agenda_script_context(facts: PlanFacts, doc: DocInfo, person: MemberRow | None
                          ) -> AgendaScriptContext:
    return AgendaScriptContext(**facts.base(doc), agenda=facts.agenda, script=facts.script)


def team_outline_context(facts: PlanFacts, doc: DocInfo, person: MemberRow | None) -> TeamOutlineContext:
    return TeamOutlineContext(**facts.base(doc), focus_areas=facts.focus_areas, team=facts.team)


def member_outline_context(facts: PlanFacts, doc: DocInfo, person: MemberRow | None
                           ) -> MemberOutlineContext:
    if person is None:
        raise ValueError("member_outline is a per-member document")
    return MemberOutlineContext(**facts.base(doc), focus_areas=facts.focus_areas, person=person)


def checklist_context(facts: PlanFacts, doc: DocInfo, person: MemberRow | None) -> ChecklistContext:
    return ChecklistContext(**facts.base(doc), checklist=facts.checklist)


def report_context(facts: PlanFacts, doc: DocInfo, person: MemberRow | None) -> ReportContext:
    return ReportContext(**facts.base(doc), report=facts.report)


def submissions_context(facts: PlanFacts, doc: DocInfo, person: MemberRow | None) -> SubmissionsContext:
    return SubmissionsContext(**facts.base(doc), submissions=facts.submissions, archive=facts.archive)


def rectification_report_context(facts: PlanFacts, doc: DocInfo, person: MemberRow | None
                                 ) -> RectificationReportContext:
    return RectificationReportContext(**facts.base(doc), ledger=facts.ledger,
                                      rectification=facts.rectification)


PLAN = DocumentType("plan", "实施方案", "plan.docx", plan_context, "{meeting_title}实施方案",
                    description="会议的实施方案：会议主题、时间、参会人员、议程、会前准备、会后工作和要求")
NOTICE = DocumentType("notice", "会议通知", "notice.docx", notice_context, "关于召开{meeting_title}的通知",
                      description="会议通知：时间、地点、参会人员、议程和有关要求")
OPINION_FORM = DocumentType("opinion_form", "征求意见表", "opinion_form.docx", opinion_form_context,
                            "{meeting_title}征求意见表", description="向党员群众征求意见建议的表格")
TALK_SCHEDULE = DocumentType("talk_schedule", "谈心谈话安排表", "talk_schedule.docx",
                             talk_schedule_context, "{meeting_title}谈心谈话安排表",
                             description="四必谈的谈话对象、时间和完成情况")
AGENDA_SCRIPT = DocumentType("agenda_script", "会议议程和主持词", "agenda_script.docx",
                             agenda_script_context, "{meeting_title}议程和主持词",
                             description="会议议程和主持人逐项串词")
TEAM_OUTLINE = DocumentType("team_outline", "领导班子对照检查材料提纲", "team_outline.docx",
                            team_outline_context, "{meeting_title}领导班子对照检查材料（提纲）",
                            description="领导班子对照检查材料的框架（只有标题和认领的问题）")
MEMBER_OUTLINE = DocumentType("member_outline", "个人发言提纲", "member_outline.docx",
                              member_outline_context, "{meeting_title}个人发言提纲", per_member=True,
                              description="每位班子成员一份的发言提纲框架（只有标题、认领的问题和收到的意见）")
CHECKLIST = DocumentType("checklist", "整改清单", "checklist.docx", checklist_context,
                         "{meeting_title}整改清单", description="领导班子和班子成员个人的整改清单")
REPORT = DocumentType("report", "情况报告", "report.docx", report_context,
                      "关于召开{meeting_title}情况的报告", description="会后向上级报送的民主生活会情况报告")
SUBMISSIONS = DocumentType("submissions", "报送及归档材料清单", "submissions.docx", submissions_context,
                           "{meeting_title}报送及归档材料清单", description="报送上级和立卷存档的材料清单")
RECTIFICATION_REPORT = DocumentType(
    "rectification_report", "整改情况报告", "rectification_report.docx", rectification_report_context,
    "关于{group}{kind}反馈意见整改情况的报告", description="按整改台账写出的整改情况报告")

DOCUMENTS: tuple[DocumentType, ...] = (
    PLAN, NOTICE, OPINION_FORM, TALK_SCHEDULE, AGENDA_SCRIPT, TEAM_OUTLINE, MEMBER_OUTLINE, CHECKLIST,
    REPORT, SUBMISSIONS, RECTIFICATION_REPORT,
)
"""The built-in set, in the order documents are listed and written."""
