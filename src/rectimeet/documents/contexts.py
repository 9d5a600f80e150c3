"""Typed template contexts: what each document's template may use, field by field.

Every document type has a context model built from the prepared plan. Templates see the model as
plain data (``model_dump``), so a field is used as ``{{ meeting.venue }}``. The field docstrings
below are the template reference in ``docs/templates.md`` (generated from these models), and a
test checks that every field a built-in template uses exists here.

Texts are final: dates are already written the Chinese way, numbers (一、（一）1.（1）) are already
computed, lists that a template loops over are lists of small records.

Annotations are evaluated as written (no ``from __future__ import annotations``): pydantic would
otherwise evaluate each field's annotation string again when it builds the model, a tenth of
this module's import.
"""

from pydantic import BaseModel, ConfigDict


class ContextModel(BaseModel):
    """Base of every context record: immutable, no undeclared fields.

    Field docstrings become descriptions when the template reference asks for them
    (:func:`rectimeet.documents.fields.context_fields`), not at import: reading them costs
    every build a tenth of a second.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")


# -- small records ---------------------------------------------------------------------------------


class Numbered(ContextModel):
    """A line with its heading number."""

    number: str
    """The number as printed: 一、 （一） 1. （1）."""
    text: str
    """The line itself."""


class OrgInfo(ContextModel):
    """The unit's party organisation."""

    name: str
    """Full name of the party organisation, e.g. 中共云溪县白沙镇委员会."""
    unit: str
    """The unit's own name, e.g. 白沙镇."""
    type: str
    """党委, 党组, 党总支 or 党支部."""


class SessionRow(ContextModel):
    """One half-day (or other part) of the meeting."""

    part: str
    """上午 / 下午, or empty."""
    time_text: str
    """e.g. 上午8:30至11:30."""
    content: str
    """What this part holds."""


class AbsentRow(ContextModel):
    """A member on leave."""

    name: str
    """The member's name."""
    reason: str
    """Why (may be empty)."""


class MeetingInfo(ContextModel):
    """The meeting itself."""

    title: str
    """The meeting's full title, e.g. 中共X委员会巡察整改专题民主生活会."""
    short_title: str
    """The title without the organisation, for a sentence that has just named it
    (经镇党委研究，决定召开巡察整改专题民主生活会)."""
    kind: str
    """专题民主生活会 or 专题组织生活会."""
    theme: str
    """会议主题, one sentence ending in 。."""
    date: str
    """ISO date (2026-12-18), for sorting; documents print ``date_text``."""
    date_text: str
    """The day the meeting is held: 2026年12月18日."""
    date_weekday: str
    """The same with its weekday: 2026年12月18日（星期五）."""
    announced_text: str
    """The date as the 实施方案 announces it: the spec's ``date_text`` (7月上旬) when the day is
    not fixed yet, else the date with its weekday."""
    venue: str
    """会议地点 (【待定】 when the spec has none)."""
    sessions: list[SessionRow]
    """The parts of the meeting, in order."""
    length_text: str
    """会期半天 / 会期一天 / 会期N个半天."""
    time_range_text: str
    """From the first start to the last end, e.g. 上午8:30至下午5:30."""
    host_name: str
    """The chair's name."""
    host_label: str
    """The chair as named in prose: 张三同志."""
    recorder: str
    """记录人 (may be empty)."""
    guides_text: str
    """到会指导 bodies joined with 、."""
    observers_text: str
    """列席 people or bodies joined with 、."""
    expected: int
    """Members expected to attend (应到)."""
    present: int
    """Members present (expected less those on leave)."""
    absent: list[AbsentRow]
    """Members on leave."""


class InspectionInfo(ContextModel):
    """The inspection whose feedback the meeting answers."""

    kind: str
    """巡视 or 巡察."""
    scope: str
    """常规 / 专项 / 机动 / 回头看."""
    group: str
    """The inspecting group, e.g. 县委第二巡察组."""
    round: str
    """The round, when named (县委第十一轮巡察)."""
    feedback_date_text: str
    """When the feedback was given, e.g. 2026年10月15日."""
    feedback_title: str
    """The feedback document's title, when given."""
    issues_total: int
    """How many feedback issues the spec lists."""


class PersonLabel(ContextModel):
    """A person as documents name them."""

    name: str
    """The name."""
    title: str
    """The title (职务), may be empty."""
    label: str
    """名字（职务）."""


class DocInfo(ContextModel):
    """The document being rendered."""

    id: str
    """The document type's id (plan, notice, …)."""
    name: str
    """The document type's Chinese name (实施方案, …)."""
    title: str
    """The title printed at the top of this document."""


class ChecklistRow(ContextModel):
    """One row of a 整改清单."""

    seq: int
    """序号 within its table."""
    id: str
    """The item's id in the spec."""
    issue: str
    """问题."""
    source: str
    """来源 (巡察反馈, 征求意见, 查摆, 批评 …)."""
    measure: str
    """整改措施."""
    responsible: str
    """责任人 (or the lead, or the owner)."""
    kind: str
    """立行立改 / 限期整改 / 长期坚持."""
    deadline_text: str
    """完成时限, e.g. 2027年1月31日 or 长期坚持."""
    status: str
    """未启动 / 整改中 / 已完成 / 已销号."""


class CriticismGroup(ContextModel):
    """The criticisms one person received from one colleague."""

    number: str
    """Heading number （一） etc."""
    from_name: str
    """Who gave them."""
    count: int
    """How many."""
    texts: list[Numbered]
    """Their texts, when recorded."""


class PersonRecord(ContextModel):
    """What a member (or the team) is to answer: claims, opinions, criticisms, checklist."""

    claimed: list[Numbered]
    """Feedback issues claimed (认领), with their category."""
    opinions: list[Numbered]
    """Opinions collected about them, with channel and count."""
    criticisms: list[CriticismGroup]
    """Criticisms received, by colleague."""
    criticisms_received: int
    """Criticisms received in all."""
    criticisms_given: int
    """Criticisms given in all."""
    checklist: list[ChecklistRow]
    """Their own checklist items."""


class MemberRow(PersonRecord):
    """An attending member, principal first."""

    id: str
    """The member's id in the spec."""
    seq: int
    """Order of speaking (1 = the principal)."""
    name: str
    """The name."""
    title: str
    """The title (职务)."""
    label: str
    """名字（职务）."""
    role: str
    """principal, deputy or member."""
    is_principal: bool
    """Whether this is the 主要负责同志."""
    oversees_text: str
    """分管 areas joined with 、."""


class TeamRecord(PersonRecord):
    """The leadership team as a whole."""

    label: str
    """e.g. 中共X委员会领导班子."""


class FocusAreaRow(ContextModel):
    """One 对照检查 area with its points."""

    number: str
    """Heading number 一、 etc."""
    title: str
    """The area, e.g. 在贯彻落实党的路线方针政策方面."""
    points: list[Numbered]
    """What to examine under it."""


class RequirementRow(ContextModel):
    """One 工作要求."""

    number: str
    """Heading number （一） etc."""
    head: str
    """The lead sentence (printed in 楷体), empty when the text is one sentence."""
    rest: str
    """The rest of the text."""
    text: str
    """The whole text."""


class StepRow(ContextModel):
    """One preparation or after-meeting step of the 实施方案."""

    key: str
    """The milestone key (study, talks, report …)."""
    number: str
    """Heading number （一） etc."""
    title: str
    """The step's title."""
    deadline_text: str
    """完成时限：… (empty for steps without a date)."""
    deadline_suffix: str
    """The same in brackets, to follow the title."""
    lines: list[str]
    """The step's paragraphs."""
    entries: list[Numbered]
    """A numbered list under the paragraphs (study items, materials …)."""


class ScriptBlock(ContextModel):
    """One part of the host's script."""

    number: str
    """Heading number."""
    heading: str
    """The agenda item it belongs to."""
    lines: list[str]
    """What the host says; 【…】 marks others' parts."""


class TalkRow(ContextModel):
    """One planned talk."""

    seq: int
    """序号."""
    a_name: str
    """One side."""
    b_name: str
    """The other side."""
    kind_text: str
    """Which 必谈 kind."""
    when_text: str
    """Date and half-day, or 【待定】."""
    held_text: str
    """已谈 / 未谈."""


class TalksInfo(ContextModel):
    """The talk schedule."""

    rows: list[TalkRow]
    """Every talk, in order."""
    total: int
    """How many talks."""
    held: int
    """How many are recorded as held."""
    summary: str
    """One sentence: how many of each kind, done by when."""
    note: str
    """Why no schedule could be made, if so."""


class ChannelCount(ContextModel):
    """Opinions collected through one channel."""

    channel: str
    """座谈会, 征求意见表, 个别访谈 …"""
    count: int
    """How many."""


class OpinionsInfo(ContextModel):
    """Opinions collected."""

    total: int
    """Opinions in all (counts summed)."""
    records: int
    """Opinion records in the spec."""
    by_channel: list[ChannelCount]
    """Per channel."""
    by_channel_text: str
    """座谈会12条、征求意见表8条."""
    about_team: int
    """About the team."""
    about_members: int
    """About members."""


class CriticismsInfo(ContextModel):
    """Criticism counts."""

    total: int
    """Criticisms recorded in all."""
    average_text: str
    """Per member present, e.g. 4.5."""
    minimum: int
    """The required minimum per member (rule parameter ``min_criticisms``)."""


class ClaimsInfo(ContextModel):
    """How the feedback issues were claimed."""

    total: int
    """Feedback issues."""
    claimed: int
    """Claimed by at least one member."""
    unclaimed: int
    """Not claimed."""
    claims: int
    """Claims in all (an issue may be claimed by several)."""


class MaterialsInfo(ContextModel):
    """Self-examination materials, as tracked."""

    expected: int
    """Members attending plus the team's material."""
    submitted: int
    """Submitted."""
    reviewed: int
    """Reviewed by the principal."""
    reported: int
    """Reported to the superior."""


class KindCount(ContextModel):
    """Checklist items of one kind."""

    kind: str
    """立行立改 / 限期整改 / 长期坚持."""
    count: int
    """How many."""


class ChecklistGroup(ContextModel):
    """One member's checklist table."""

    number: str
    """Heading number."""
    label: str
    """e.g. 张三同志."""
    name: str
    """The member's name."""
    rows: list[ChecklistRow]
    """The member's items."""


class FeedbackIssueRow(ContextModel):
    """One problem of the feedback, word for word, in the 整改清单's list of problems."""

    seq: int
    """序号 within its area."""
    id: str
    """The problem's id in the spec."""
    text: str
    """反馈问题: the statement as the feedback words it."""
    details: str
    """具体表现, its paragraphs run together."""
    claimed: str
    """Who claimed it: 班子 and/or members' names, joined with 、."""
    answered_by: str
    """Ids of the checklist items that answer it, joined with 、."""


class FeedbackGroup(ContextModel):
    """The problems of one area (the feedback's （一）（二） headings)."""

    number: str
    """Heading number."""
    title: str
    """The area, e.g. 党的建设方面 (其他问题 when the problems name none)."""
    rows: list[FeedbackIssueRow]
    """Its problems, in the feedback's order."""


class ChecklistInfo(ContextModel):
    """The 整改清单."""

    total: int
    """Items in all."""
    team_count: int
    """The team's items."""
    member_count: int
    """Members' items."""
    team_rows: list[ChecklistRow]
    """The team's table."""
    member_groups: list[ChecklistGroup]
    """One table per member, in speaking order."""
    by_kind: list[KindCount]
    """Counts per kind."""
    summary: str
    """One sentence with the counts."""
    feedback_heading: str
    """巡察反馈问题清单 or 巡视反馈问题清单."""
    feedback_summary: str
    """One sentence: how many problems in how many areas."""
    feedback_groups: list[FeedbackGroup]
    """The feedback's problems, area by area."""
    suggestions_heading: str
    """巡察组意见建议 or 巡视组意见建议."""
    suggestions: list[Numbered]
    """The feedback's 意见建议, numbered 1. 2. …"""


class SubmissionRow(ContextModel):
    """Something to send to a superior."""

    seq: int
    """序号."""
    deliverable: str
    """What is sent."""
    recipients_text: str
    """To whom."""
    due_text: str
    """By when."""
    responsible: str
    """Who sends it."""


class ArchiveRow(ContextModel):
    """Something filed after the meeting."""

    seq: int
    """序号."""
    name: str
    """The material."""
    note: str
    """A note (may be empty)."""


class NoticeInfo(ContextModel):
    """The 会议通知's own parts."""

    addressees: str
    """主送."""
    date_text: str
    """成文日期."""
    requirements: list[Numbered]
    """有关要求."""


class OpinionFormInfo(ContextModel):
    """The 征求意见表's own parts."""

    due_text: str
    """Return by."""
    collector: str
    """Who collects the forms."""
    targets: list[str]
    """Members opinions are asked about, 名字（职务）."""


class PrepRow(ContextModel):
    """One paragraph of the 情况报告's preparation part."""

    number: str
    """Heading number."""
    head: str
    """Its lead words (学习研讨。)."""
    text: str
    """The paragraph."""


class ReportInfo(ContextModel):
    """The 情况报告's own parts."""

    addressees: str
    """主送."""
    date_text: str
    """成文日期."""
    intro: str
    """The opening paragraph."""
    preparation: list[PrepRow]
    """会前准备."""
    meeting: list[str]
    """会议召开情况."""
    rectification: list[str]
    """整改 summary."""


class LedgerRow(ContextModel):
    """One checklist item as the ledger stands on the as-of day."""

    seq: int
    """序号."""
    id: str
    """The item's id."""
    issue: str
    """问题."""
    source: str
    """来源."""
    owner: str
    """Whose item (the team or a member)."""
    lead: str
    """牵头领导 (may be empty)."""
    responsible: str
    """责任人 (may be empty)."""
    measure: str
    """整改措施."""
    kind: str
    """立行立改 / 限期整改 / 长期坚持."""
    deadline_text: str
    """完成时限."""
    status: str
    """Status as recorded."""
    days_left: int | None
    """Days to the deadline on the as-of day (negative: overdue)."""
    colour: str
    """green / yellow / orange / red / done."""
    colour_label: str
    """The colour's Chinese label."""
    evidence: str
    """佐证材料 in one line."""
    closed_by: str
    """Who closed it."""
    closed_on: str
    """When it was closed (ISO date or empty)."""
    note: str
    """备注."""


class LedgerKindRow(ContextModel):
    """Ledger counts of one kind."""

    number: str
    """Heading number."""
    kind: str
    """立行立改 / 限期整改 / 长期坚持."""
    total: int
    """Items of this kind."""
    closed: int
    """Closed (销号)."""


class LedgerInfo(ContextModel):
    """The rectification ledger on the as-of day."""

    as_of_text: str
    """The as-of day, 2027年2月28日."""
    total: int
    """Items in all."""
    closed: int
    """已销号."""
    done: int
    """已完成待销号."""
    in_progress: int
    """整改中."""
    pending: int
    """未启动."""
    overdue: int
    """Overdue on the as-of day."""
    by_kind: list[LedgerKindRow]
    """Counts per kind."""
    rows: list[LedgerRow]
    """Every item, in checklist order."""
    overdue_items: list[LedgerRow]
    """The overdue ones."""
    long_term_items: list[LedgerRow]
    """The 长期坚持 ones."""


class RectificationInfo(ContextModel):
    """The 整改情况报告's own parts."""

    addressees: str
    """主送."""
    intro: str
    """The opening paragraph."""
    summary: str
    """The counts in one sentence."""
    open_lines: list[str]
    """Overdue and long-term items."""
    date_text: str
    """成文日期 (the as-of day)."""
    due_text: str
    """When the report is due."""


class ParticipantRow(ContextModel):
    """One group of participants."""

    number: str
    """Heading number."""
    label: str
    """到会指导 / 参会人员 / 列席人员 / 记录人员."""
    text: str
    """Who."""


class Block(ContextModel):
    """One paragraph of a part of the 实施方案."""

    style: str
    """``h2`` (a （一） heading), ``lead`` (a lead phrase in 楷体, then text) or ``para``."""
    text: str
    """The paragraph's text (after the lead, for ``lead``)."""
    lead: str = ""
    """For ``lead``: the words printed in 楷体 first, e.g. （一）到会指导：."""


class PlanSection(ContextModel):
    """One part (一、二、…) of the 实施方案, from the outline."""

    id: str
    """The outline section's id."""
    number: str
    """Its number: 一、 二、 …"""
    title: str
    """Its heading."""
    blocks: list[Block]
    """Its paragraphs, in order."""


# -- document contexts -----------------------------------------------------------------------------


class DocumentContext(ContextModel):
    """What every document's template can use."""

    doc: DocInfo
    """The document being rendered (its title)."""
    org: OrgInfo
    """The party organisation."""
    issuer: str
    """发文机关署名."""
    issued_on_text: str
    """成文日期 of the 实施方案."""
    doc_number: str
    """发文字号, may be empty."""
    meeting: MeetingInfo
    """The meeting."""
    inspection: InspectionInfo
    """The inspection."""
    principal: PersonLabel
    """The 主要负责同志."""


class PlanContext(DocumentContext):
    """实施方案."""

    intro: str
    """The opening paragraph (根据…，经…研究，决定召开…)."""
    sections: list[PlanSection]
    """The parts of the plan in the outline's order, each with its paragraphs."""
    participants: list[ParticipantRow]
    """参会人员 parts (到会指导, 参会人员, 列席人员, 记录人员)."""
    agenda: list[Numbered]
    """会议议程."""
    prep_steps: list[StepRow]
    """会前准备 steps."""
    after_steps: list[StepRow]
    """会后 steps."""
    requirements: list[RequirementRow]
    """工作要求."""


class NoticeContext(DocumentContext):
    """会议通知."""

    agenda: list[Numbered]
    """会议议程."""
    participants: list[ParticipantRow]
    """参会人员 parts."""
    notice: NoticeInfo
    """The notice's own parts."""


class OpinionFormContext(DocumentContext):
    """征求意见表."""

    focus_titles: str
    """The 对照检查 areas, short, joined with 、."""
    opinion_form: OpinionFormInfo
    """The form's own parts."""


class TalkScheduleContext(DocumentContext):
    """谈心谈话安排表."""

    talks: TalksInfo
    """The talk schedule."""


class AgendaScriptContext(DocumentContext):
    """会议议程和主持词."""

    agenda: list[Numbered]
    """会议议程."""
    script: list[ScriptBlock]
    """主持词, block by block."""


class TeamOutlineContext(DocumentContext):
    """领导班子对照检查材料提纲 (a skeleton: headings and claimed issues only)."""

    focus_areas: list[FocusAreaRow]
    """对照检查 areas."""
    team: TeamRecord
    """The team's claims, opinions and checklist."""


class MemberOutlineContext(DocumentContext):
    """个人发言提纲, one per member (a skeleton: headings and claimed issues only)."""

    focus_areas: list[FocusAreaRow]
    """对照检查 areas."""
    person: MemberRow
    """The member this outline is for."""


class ChecklistContext(DocumentContext):
    """整改清单."""

    checklist: ChecklistInfo
    """The checklist."""


class ReportContext(DocumentContext):
    """情况报告."""

    report: ReportInfo
    """The report's own parts."""


class SubmissionsContext(DocumentContext):
    """报送及归档材料清单."""

    submissions: list[SubmissionRow]
    """What goes to superiors."""
    archive: list[ArchiveRow]
    """What is filed."""


class RectificationReportContext(DocumentContext):
    """整改情况报告."""

    ledger: LedgerInfo
    """The ledger on the as-of day."""
    rectification: RectificationInfo
    """The report's own parts."""
