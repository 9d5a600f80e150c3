"""Facts of one prepared plan, as documents state them: computed once per build and shared by
every document of the set, so that a date, a name or a count cannot differ between them.

:class:`PlanFacts` is what a document type's context function receives. Its parts are typed
records (:mod:`rectimeet.documents.contexts`), each computed on first use. Numbering
(一、（一）1.（1）) is computed here, as text, so it restarts inside loops and skips empty sections.

Nothing here writes anyone's self-criticism: outlines get headings, the issues a member claimed,
the opinions and criticisms about them, and 【本人撰写】 placeholders.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cached_property
from typing import Any

from rectimeet.documents.contexts import (
    AbsentRow,
    ArchiveRow,
    Block,
    ChannelCount,
    ChecklistGroup,
    ChecklistInfo,
    ChecklistRow,
    ClaimsInfo,
    CriticismGroup,
    CriticismsInfo,
    DocInfo,
    FeedbackGroup,
    FeedbackIssueRow,
    FocusAreaRow,
    InspectionInfo,
    KindCount,
    LedgerInfo,
    MaterialsInfo,
    MeetingInfo,
    MemberRow,
    NoticeInfo,
    Numbered,
    OpinionFormInfo,
    OpinionsInfo,
    OrgInfo,
    ParticipantRow,
    PersonLabel,
    PersonRecord,
    PlanSection,
    PrepRow,
    RectificationInfo,
    ReportInfo,
    RequirementRow,
    ScriptBlock,
    SessionRow,
    StepRow,
    SubmissionRow,
    TalkRow,
    TalksInfo,
    TeamRecord,
)
from rectimeet.documents.report import ledger_info
from rectimeet.documents.wording import comrade, is_group, join, leaders_of, short_org, welcome
from rectimeet.formatting import cn_number, date_cn, date_weekday_cn, heading_number, time_range_cn
from rectimeet.ledger.rows import checklist_row
from rectimeet.models.base import TEAM
from rectimeet.models.checklist import ChecklistItem, ChecklistKind, ChecklistSource
from rectimeet.models.meeting import AgendaItem, Session
from rectimeet.models.milestone import Phase
from rectimeet.models.opinion import OpinionChannel
from rectimeet.models.outline import OutlineSection, SectionKind
from rectimeet.models.unit import Member, SuperiorRole
from rectimeet.prepared import ComputedMilestone, Prepared
from rectimeet.rules.dates import sessions_outside_study
from rectimeet.vocabulary import TALK_KINDS

UNKNOWN = "【待补充】"
"""What a document shows where the plan has no value yet (a visible gap, never a guess)."""


ARCHIVE = (
    ("实施方案", "会前报上级审核的定稿"),
    ("会议通知", ""),
    ("民主生活会情况报告", "会后报上级"),
    ("会议记录", "记录人整理，主持人审核"),
    ("整改清单", "领导班子和班子成员个人"),
    ("领导班子对照检查材料和班子成员个人发言提纲", "经本人及单位主要负责人签字"),
    ("参会领导讲话", ""),
    ("互相批评意见", ""),
)
"""立卷存档: what is filed after the meeting (民主生活会若干规定: 会议记录、对照检查材料等立卷归档)."""


def numbered(level: int, texts: Iterable[str]) -> list[Numbered]:
    """Lines with GB/T 9704 numbers of ``level`` (1: 一、 … 4: （1）)."""
    return [Numbered(number=heading_number(level, i), text=t) for i, t in enumerate(texts, 1)]


# Imprecise deadlines as the plans write them (11月上旬, 12月初, 月底, 会后15日内) are
# periods, not days: "前" would misread them ("11月初前").
_PERIOD_ENDINGS = ("前", "旬", "初", "底", "末", "内")


def by(m: ComputedMilestone) -> str:
    """A step's deadline as a sentence says it: "2026年12月4日前"; a span or phrase the plan
    wrote (10月下旬, 10月26日-28日, 会后及时) stays as written."""
    return m.due_text if m.imprecise else until(m.due_text)


def until(text: str) -> str:
    """"2026年12月4日" → "2026年12月4日前"; texts that already name a period stay as written."""
    return text if text.endswith(_PERIOD_ENDINGS) or text == UNKNOWN else f"{text}前"


_PRINCIPAL_WORDS = frozenset({"主持人", "主要负责同志", "主要负责人", "主要领导", "书记", "一把手"})
_GUIDE_WORDS = frozenset({"到会指导领导", "到会指导的领导同志", "到会领导", "督导人员", "督导组"})


def sentence(text: str) -> str:
    """A theme or a paragraph as a full sentence: ending in 。 (or another closing mark)."""
    text = text.strip()
    return text if not text or text.endswith(("。", "！", "？", "；", "：", "”", "）")) else f"{text}。"


def _split_heading(text: str) -> tuple[str, str]:
    """A requirement's lead sentence (shown in 楷体) and the rest."""
    head, sep, rest = text.partition("。")
    if not sep or not rest:
        return "", text
    return head + sep, rest


class _Fields(dict[str, str]):
    """Format fields that leave an unknown ``{name}`` as written (a clerk's braces stay)."""

    def __missing__(self, key: str) -> str:
        return f"{{{key}}}"


class PlanFacts:
    """Everything documents state about one prepared plan; parts are computed on first use.

    ``as_of`` is the day the 整改情况报告 counts the ledger on.
    """

    def __init__(self, prepared: Prepared, as_of: dt.date) -> None:
        self.prepared = prepared
        self.p = prepared
        self.plan = prepared.plan
        self.unit = prepared.plan.unit
        self.as_of = as_of
        self.org = self.unit.party_org
        self.title = prepared.meeting_title
        self.meeting_kind = prepared.meeting_kind
        self.kind = self.plan.inspection.kind.value
        self.group = self.plan.inspection.group
        principal = self.unit.principal() or self.unit.members[0]
        self.principal_member = principal
        host = self.unit.member(self.plan.meeting.host) if self.plan.meeting.host else None
        self.host = host or principal
        absent = {a.member for a in self.plan.meeting.absent}
        attending = [m for m in self.unit.members if m.id in set(self.plan.attendees())]
        # 先一把手、后班子成员: the principal first, then the team in its listed order.
        self.order = sorted(attending, key=lambda m: m.id != principal.id)
        self.present = [m for m in self.order if m.id not in absent]
        self.milestones = {m.key: m for m in prepared.milestones}

    # -- what every document has --------------------------------------------------------------

    def title_fields(self, person: MemberRow | None = None) -> dict[str, str]:
        """The fields a document type's ``title`` pattern may use."""
        return {"meeting_title": self.title, "org": self.org, "group": self.group, "kind": self.kind,
                "unit": self.unit.name, "name": person.name if person is not None else ""}

    def base(self, doc: DocInfo) -> dict[str, Any]:
        """The fields of :class:`~rectimeet.documents.contexts.DocumentContext`, for ``doc``."""
        return {"doc": doc, "org": self.org_info, "issuer": self.plan.documents.issuer or self.org,
                "issued_on_text": self.issued_on_text, "doc_number": self.plan.documents.doc_number,
                "meeting": self.meeting, "inspection": self.inspection, "principal": self.principal}

    @cached_property
    def org_info(self) -> OrgInfo:
        return OrgInfo(name=self.org, unit=self.unit.name, type=self.unit.org_type.value)

    @cached_property
    def issued_on_text(self) -> str:
        issued = self.plan.documents.issued_on
        if issued is not None:
            return date_cn(issued)
        if "plan_to_superior" in self.milestones:
            return date_cn(self.milestones["plan_to_superior"].due)
        return date_cn(self.plan.meeting.date)

    @cached_property
    def inspection(self) -> InspectionInfo:
        insp = self.plan.inspection
        return InspectionInfo(kind=self.kind, scope=insp.scope.value, group=self.group, round=insp.round,
                              feedback_date_text=date_cn(insp.feedback_date),
                              feedback_title=insp.feedback_title, issues_total=len(insp.issues))

    @cached_property
    def principal(self) -> PersonLabel:
        m = self.principal_member
        return PersonLabel(name=m.name, title=m.title, label=self.label(m))

    # -- small helpers ------------------------------------------------------------------------

    def name(self, person_id: str) -> str:
        return self.org + "领导班子" if person_id == TEAM else self.unit.person_name(person_id)

    @staticmethod
    def label(member: Member) -> str:
        return f"{member.name}（{member.title}）" if member.title else member.name

    def due(self, key: str) -> str:
        m = self.milestones.get(key)
        return m.due_text if m is not None else UNKNOWN

    def by_key(self, key: str) -> str:
        m = self.milestones.get(key)
        return by(m) if m is not None else UNKNOWN

    def dated(self, key: str, fallback: str = UNKNOWN) -> str:
        """A document's own date (成文日期) from its milestone: always a day, never a phrase."""
        m = self.milestones.get(key)
        return date_cn(m.due) if m is not None else fallback

    def recipients(self, key: str, fallback: str = UNKNOWN) -> str:
        m = self.milestones.get(key)
        return join(m.recipients, fallback) if m is not None else fallback

    # -- meeting ------------------------------------------------------------------------------

    @cached_property
    def meeting(self) -> MeetingInfo:
        mt = self.plan.meeting
        sessions = mt.sessions or [Session(content=self.meeting_kind.value)]
        rows = []
        for s in sessions:
            time_text = time_range_cn(s.start, s.end)
            rows.append(SessionRow(part=s.part, time_text=time_text,
                                   content=s.content or self.meeting_kind.value))
        length = {1: "会期半天", 2: "会期一天"}.get(len(sessions), f"会期{len(sessions)}个半天")
        theme = self.theme_text(mt.theme) if mt.theme else (
            f"深入学习贯彻习近平新时代中国特色社会主义思想，聚焦{self.group}{self.kind}反馈问题，"
            f"对照检查、深刻剖析，严肃认真开展批评和自我批评，以{self.kind}整改实效推动各项工作落实。")
        return MeetingInfo(
            title=self.title,
            short_title=short_org(self.org, self.title),
            kind=self.meeting_kind.value,
            theme=theme,
            date=mt.date.isoformat(),
            date_text=date_cn(mt.date),
            date_weekday=date_weekday_cn(mt.date),
            announced_text=mt.date_text or date_weekday_cn(mt.date),
            venue=mt.venue or "另行通知",
            sessions=rows,
            length_text=length,
            time_range_text=time_range_cn(sessions[0].start, sessions[-1].end),
            host_name=self.host.name,
            host_label=f"{self.host.name}同志",
            recorder=mt.recorder,
            guides_text=join(self.p.guides),
            observers_text=join(self.p.observers),
            expected=len(self.order),
            present=len(self.present),
            absent=[AbsentRow(name=self.name(a.member), reason=a.reason) for a in mt.absent],
        )

    def theme_text(self, theme: str) -> str:
        """The spec's theme as a sentence: a short phrase (县委巡察组反馈意见整改) becomes
        聚焦“…”主题，… ; a sentence is kept, ending in 。."""
        theme = theme.strip()
        if len(theme) <= 24 and not re.search(r"[，。；：]", theme):
            return (f"聚焦“{theme}”主题，深入学习贯彻习近平新时代中国特色社会主义思想，对照{self.group}"
                    f"反馈问题深刻检视剖析，严肃认真开展批评和自我批评，以{self.kind}整改实效推动各项工作落实。")
        return sentence(theme)

    @cached_property
    def participants(self) -> list[ParticipantRow]:
        rows = [
            (self.p.guides_label, join(self.p.guides)),
            ("参会人员", join(self.label(m) for m in self.order)),
            ("参会范围", self.p.attendees_note),
            ("列席人员", join(self.p.observers)),
            ("记录人员", self.plan.meeting.recorder),
        ]
        present = [(label, text) for label, text in rows if text]
        return [ParticipantRow(number=heading_number(2, i), label=label, text=text)
                for i, (label, text) in enumerate(present, 1)]

    @cached_property
    def intro(self) -> str:
        basis = list(self.plan.meeting.basis)
        feedback = self.plan.inspection.feedback_title or f"{self.group}反馈意见"
        if feedback not in basis:
            basis.append(feedback)
        according = f"根据{join(basis)}"
        return (f"为认真落实{self.kind}整改要求，{according}，经{self.org}研究，决定召开"
                f"{short_org(self.org, self.title)}。现制定实施方案如下。")

    # -- preparation and after-meeting steps -------------------------------------------------
    def body_fields(self, m: ComputedMilestone | None = None) -> dict[str, str]:
        """The ``{fields}`` a step's or a part's own paragraphs may use."""
        fields = {
            "org": self.org, "unit": self.unit.name, "group": self.group, "kind": self.kind,
            "meeting_title": self.title, "principal": f"{self.principal_member.name}同志",
            "meeting_date": self.meeting.announced_text,
            "talk_window_days": str(self.plan.schedule.talk_window_days),
            "min_criticisms": str(self.p.param("min_criticisms", 3)),
            "study_days": self.study_days_text,
        }
        # Superior bodies by role ({organization}, {inspection_office}, …), as the unit names them.
        for role in SuperiorRole:
            name = self.p.superior(role.value)
            if name:
                fields[role.value] = name
        if m is not None:
            fields |= {"due": m.due_text, "until": by(m), "recipients": join(m.recipients),
                       "deliverable": m.deliverable, "responsible": m.responsible}
        return fields

    def own_words(self, paragraphs: Iterable[str], m: ComputedMilestone | None = None) -> list[str]:
        """A spec's or level's paragraphs with their ``{fields}`` filled in (others kept as written)."""
        fields = _Fields(self.body_fields(m))
        return [text.format_map(fields) if "{" in text else text for text in paragraphs]

    @cached_property
    def study_days_text(self) -> str:
        collective = [s for s in self.plan.study.sessions if s.mode.value == "集中学习"]
        days = sum(s.days for s in collective)
        return "半天" if days in (0, 0.5) else f"{days:g}天"

    def step_text(self, m: ComputedMilestone) -> tuple[list[str], list[str]]:
        """Paragraphs and numbered items of one step of the 实施方案.

        The step's own paragraphs (spec or level) replace the written ones; the list that belongs
        to the step (study items, focus areas, materials to send) stays.
        """
        lines, items = self._written_step(m)
        if m.body:
            lines = self.own_words(m.body, m)
        return lines, items

    def _written_step(self, m: ComputedMilestone) -> tuple[list[str], list[str]]:
        due = by(m)
        to = join(m.recipients)
        principal = self.principal_member.name
        key = m.key
        # A deliverable that is a list (情况报告、会议记录、…) is what the step sends or files.
        materials = [x for x in re.split(r"[、；]", m.deliverable) if x] if "、" in m.deliverable else []
        if key == "plan_to_superior":
            line = f"研究制定{self.title}实施方案" + (f"，于{due}报{to}审核。" if to else "。")
            lines = [line]
            if self.plan.meeting.date_text:
                lines.append(f"会议召开的具体时间由{principal}同志与到会指导的领导同志商定。")
            return lines, []
        if key == "study":
            lines = [f"领导班子成员采取个人自学和集中学习相结合的方式开展学习研讨，集中学习{self.study_days_text}。"]
            # Sessions on the meeting day are part of the meeting (its agenda), not of this step.
            outside = {i for i, _session in sessions_outside_study(self.p)}
            for i, s in enumerate(self.plan.study.sessions):
                if i not in outside and s.date <= m.due:
                    lines.append(f"{date_cn(s.date)}{s.mode.value}" + (f"：{s.topic}。" if s.topic else "。"))
            if self.p.study_items:
                lines.append("学习内容：")
            return lines, [i.title + (f"（{i.note}）" if i.note else "") for i in self.p.study_items]
        if key == "opinions":
            channels = join(dict.fromkeys(o.channel.value for o in self.plan.opinions)) or join(
                c.value for c in (OpinionChannel.FORUM, OpinionChannel.FORM, OpinionChannel.INTERVIEW))
            return [f"对照{self.group}反馈意见，通过{channels}等方式，广泛听取党员、干部和群众对领导班子"
                    "和班子成员的意见建议，归纳汇总后原汁原味反馈领导班子和本人。"], []
        if key == "talks":
            pairs = ["主要负责同志与班子成员逐一谈", "班子成员相互之间谈",
                     "班子成员与分管部门（联系点）负责同志谈"]
            if self.plan.schedule.include_branch_talks:
                pairs.append("班子成员与所在党支部党员代表谈")
            minimum = self.p.param("min_criticisms", 3)
            window = self.plan.schedule.talk_window_days
            return [f"会前安排{window}天时间集中开展谈心谈话。" + "，".join(pairs)
                    + "，做到一对一、面对面，不讲优点、不讲成绩，只讲问题。",
                    f"谈心谈话共安排{len(self.p.talks)}次，具体见《谈心谈话安排表》。",
                    f"每位班子成员至少向其他班子成员提出{minimum}条有质量的批评意见。"], []
        if key == "materials_written":
            return [f"{principal}同志主持起草领导班子对照检查材料，班子成员本人撰写个人发言提纲，"
                    "对照反馈问题逐一认领、把自己摆进去，严禁他人代笔、网上下载。对照检查的方面：",
                    ], [a.title for a in self.p.focus_areas]
        if key == "materials_reviewed":
            return [f"{principal}同志对班子成员的个人发言提纲逐一审阅把关，提出修改意见，本人修改完善。"], []
        if key == "materials_to_superior":
            return [f"领导班子对照检查材料和个人发言提纲经审阅修改后，于{due}报{to or '上级党组织'}审核。"], []
        if key == "notice":
            return [f"于{due}印发会议通知。"], []
        if key == "meeting":
            meeting = self.meeting
            place = f"在{meeting.venue}" if meeting.venue != "另行通知" else ""
            times = "，".join(f"{r.time_text}{r.content}" for r in meeting.sessions) if self.plan.meeting.sessions \
                else meeting.length_text
            return [f"{meeting.announced_text}{place}召开{meeting.short_title}，{times}。"
                    f"会议由{meeting.host_label}主持，按照先班子、后个人，先一把手、后班子成员，"
                    "先自我批评、再逐一批评的顺序进行。会议议程：",
                    ], [a.text for a in self.agenda]
        if key == "checklist":
            lines = ["针对反馈问题、征求到的意见建议和会上查摆、批评的问题，制定领导班子和班子成员个人"
                     "整改清单，明确整改措施、责任人和完成时限，实行销号管理。"]
            if to:
                lines.append(f"整改清单于{due}报{to}。")
            return lines, []
        if key == "report":
            listed = materials or [
                "民主生活会情况报告", "会议记录",
                "领导班子对照检查材料和班子成员个人发言提纲（经本人及单位主要负责人签字）",
                "参会领导讲话", "互相批评意见"]
            return [f"于{due}向{to or '上级党组织'}报送以下材料："], listed
        if key == "archive":
            return ["会后将以下材料立卷存档："], materials or [name for name, _ in ARCHIVE]
        if key == "circulation":
            # A circulation milestone's recipients are its scope (通报范围).
            scope = f"在{to}范围内" if to else "在一定范围内"
            return [f"于{due}{scope}通报民主生活会情况，通报内容包括会前准备、开展批评和自我批评、"
                    "制定整改措施等情况。"], []
        if key == "branch_meeting":
            branch = "所联系党支部" if "联系" in m.title else "所在党支部"
            return [f"所属党支部于{due}召开专题组织生活会，班子成员以普通党员身份参加{branch}的组织生活会。"], []
        if key == "rectification_report":
            return [f"于{due}向{to or '上级党组织'}报送{self.kind}整改情况报告。"], []
        if key == "publicity":
            return ["整改清单和整改落实情况以适当方式在一定范围内公开，接受党员群众监督。"], []
        if m.deliverable and to:
            line = f"于{due}将{m.deliverable}报送{to}"
        elif to:
            line = f"于{due}报送{to}"
        elif m.deliverable:
            line = f"于{due}完成{m.deliverable}"
        else:
            line = f"于{due}完成"
        if m.responsible:
            line += f"，由{m.responsible}负责"
        return [line + "。"], []

    def step_row(self, m: ComputedMilestone, number: str) -> StepRow:
        lines, items = self.step_text(m)
        deadline = f"完成时限：{by(m)}"
        return StepRow(key=m.key, number=number, title=m.title, deadline_text=deadline,
                       deadline_suffix=f"（{deadline}）", lines=lines, entries=numbered(3, items))

    def steps(self, phase: Phase | None, keys: Sequence[str] = (), skip: frozenset[str] = frozenset()
              ) -> list[StepRow]:
        """The steps of ``phase`` (all when None) in timeline order, or those named by ``keys``."""
        if keys:
            chosen = [self.milestones[k] for k in keys if k in self.milestones]
        else:
            # Every step (phase None) includes the meeting itself, with its agenda.
            chosen = [m for m in self.p.milestones if (phase is None or m.phase is phase)
                      and (phase is None or m.phase is not Phase.MEETING) and m.key not in skip]
        return [self.step_row(m, heading_number(2, i)) for i, m in enumerate(chosen, 1)]

    @cached_property
    def prep_steps(self) -> list[StepRow]:
        return self.steps(Phase.BEFORE)

    @cached_property
    def after_steps(self) -> list[StepRow]:
        return self.steps(Phase.AFTER)

    # -- the 实施方案's outline --------------------------------------------------------------

    @cached_property
    def sections(self) -> list[PlanSection]:
        """The 实施方案's parts, numbered, each as a list of blocks; empty parts left out."""
        outline = self.placed_outline
        own_steps = frozenset(s.step for s in outline if s.kind is SectionKind.STEP and s.step)
        out: list[PlanSection] = []
        for section in outline:
            blocks = self.section_blocks(section, own_steps)
            if blocks:
                (title,) = self.own_words([section.title])
                out.append(PlanSection(id=section.id, number=heading_number(1, len(out) + 1),
                                       title=title, blocks=blocks))
        return out

    @cached_property
    def placed_outline(self) -> list[OutlineSection]:
        """The outline with every step placed: a milestone that no part names goes, in timeline
        order, to a part that lists steps of its phase (so a spec's own milestone is never lost)."""
        outline = list(self.p.outline)
        step_kinds = (SectionKind.PREPARATION, SectionKind.AFTER, SectionKind.STEPS)
        if any(s.kind in step_kinds and not s.steps for s in outline):
            return outline  # a part that shows a whole phase picks them up by itself
        named = {k for s in outline for k in (*s.steps, *([s.step] if s.step else []))}
        listing = [i for i, s in enumerate(outline) if s.kind in step_kinds and s.steps]
        if not listing:
            return outline
        order = [m.key for m in self.p.milestones]
        for m in self.p.milestones:
            if m.key in named or m.phase is Phase.MEETING:
                continue
            phases = [{self.milestones[k].phase for k in outline[i].steps if k in self.milestones}
                      for i in listing]
            target = next((i for i, p in zip(listing, phases, strict=True) if m.phase in p), listing[-1])
            keys = sorted([*outline[target].steps, m.key],
                          key=lambda k: order.index(k) if k in order else len(order))
            outline[target] = outline[target].model_copy(update={"steps": keys})
        return outline

    def section_blocks(self, section: OutlineSection, own_steps: frozenset[str]) -> list[Block]:
        kind = section.kind
        own = [Block(style="para", text=t) for t in self.own_words(section.body)]
        leaf = {SectionKind.THEME, SectionKind.TIME, SectionKind.VENUE, SectionKind.TIME_VENUE,
                SectionKind.TEXT}
        if own and kind in leaf:
            return own
        if kind is SectionKind.THEME:
            return [Block(style="para", text=self.meeting.theme)]
        if kind is SectionKind.TIME:
            return self.time_blocks(prefix="")
        if kind is SectionKind.VENUE:
            return [Block(style="para", text=self.meeting.venue)]
        if kind is SectionKind.TIME_VENUE:
            return [*self.time_blocks(prefix="时间："), Block(style="para", text=f"地点：{self.meeting.venue}")]
        if kind is SectionKind.PARTICIPANTS:
            return own + [Block(style="lead", lead=f"{p.number}{p.label}：", text=p.text)
                          for p in self.participants]
        if kind is SectionKind.AGENDA:
            return own + self.agenda_blocks()
        if kind is SectionKind.MEETING:
            available = {
                "time": ("会议时间", self.time_blocks(prefix="")),
                "venue": ("会议地点", [Block(style="para", text=self.meeting.venue)]),
                "participants": ("参会人员", [Block(style="lead", lead=f"{p.label}：", text=p.text)
                                          for p in self.participants]),
                "agenda": ("会议议程", self.agenda_blocks()),
            }
            # ``steps`` picks and orders the sub-parts (time, venue, participants, agenda).
            parts = [available[k] for k in (section.steps or list(available)) if k in available]
            blocks = list(own)
            for i, (title, inner) in enumerate(parts, 1):
                blocks += [Block(style="h2", text=f"{heading_number(2, i)}{title}"), *inner]
            return blocks
        if kind in (SectionKind.PREPARATION, SectionKind.AFTER, SectionKind.STEPS):
            phase = {SectionKind.PREPARATION: Phase.BEFORE, SectionKind.AFTER: Phase.AFTER}.get(kind)
            rows = self.steps(phase, section.steps, own_steps)
            blocks = list(own)
            for row in rows:
                dated = row.key not in ("publicity", "meeting")
                title = f"{row.number}{row.title}" + (row.deadline_suffix if dated else "")
                blocks.append(Block(style="h2", text=title))
                blocks += [Block(style="para", text=line) for line in row.lines]
                blocks += [Block(style="para", text=f"{e.number}{e.text}") for e in row.entries]
            return blocks
        if kind is SectionKind.STEP:
            m = self.milestones.get(section.step or "")
            if m is None:
                return own
            row = self.step_row(m, "")
            lines = own or [Block(style="para", text=line) for line in row.lines]
            return [*lines, *(Block(style="para", text=f"{e.number}{e.text}") for e in row.entries),
                    Block(style="para", text=f"{row.deadline_text}。")]
        if kind is SectionKind.REQUIREMENTS:
            return own + [Block(style="lead", lead=f"{r.number}{r.head}", text=r.rest)
                          for r in self.requirements]
        return own

    def time_blocks(self, prefix: str) -> list[Block]:
        meeting = self.meeting
        blocks = [Block(style="para", text=f"{prefix}{meeting.announced_text}，{meeting.length_text}。")]
        if len(meeting.sessions) > 1 or self.plan.meeting.sessions:
            blocks += [Block(style="para", text=f"{s.time_text}：{s.content}。") for s in meeting.sessions]
        return blocks

    def agenda_blocks(self) -> list[Block]:
        return [Block(style="para", text=f"会议由{self.meeting.host_label}主持。按照先班子、后个人，先一把手、"
                                          "后班子成员，先自我批评、再逐一批评的顺序进行。"),
                *(Block(style="para", text=f"{a.number}{a.text}") for a in self.agenda)]

    # -- agenda and the host's script -------------------------------------------------------

    @cached_property
    def agenda(self) -> list[Numbered]:
        texts = []
        for item in self.p.agenda:
            prefix = f"（{item.part}）" if item.part else ""
            texts.append(prefix + item.title)
        return numbered(3, texts)

    def speaker_of(self, item: AgendaItem) -> str:
        """Who speaks, as the script names them: "周建国同志", a group, a guide's body, or ""."""
        speaker = item.speaker.strip()
        if not speaker:
            return ""
        if speaker in _PRINCIPAL_WORDS:
            return comrade(self.principal_member.name)
        # Agendas name people by title ("党组书记" for the 局党组书记、局长); the principal first.
        people = [self.principal_member, *(m for m in self.unit.members if m.id != self.principal_member.id)]
        for member in people:
            if speaker == member.name or (member.title and speaker in member.title.split("、")[0]) \
                    or (member.title and member.title.endswith(speaker)):
                return comrade(member.name)
        if is_group(speaker):
            return speaker
        return leaders_of(speaker)

    def _is_chair(self, person: str) -> bool:
        return person == comrade(self.host.name)

    @cached_property
    def script(self) -> list[ScriptBlock]:
        """The host's script: what the host says, with 【】 for everyone else's part.

        The chair never invites himself: when the chair speaks, the script says "下面，我……".
        """
        principal = comrade(self.principal_member.name)
        agenda = list(self.p.agenda)
        kinds = {item.kind for item in agenda}
        # The chair opens the day: an opening item later in the agenda (after a morning of study)
        # is said first.
        opening = [item for item in agenda if item.kind == "opening"][:1]
        blocks: list[dict[str, Any]] = [{"heading": opening[0].title if opening else "宣布会议开始",
                                         "lines": self.opening_lines()}]
        items = [item for item in agenda if item.kind != "opening" or item is not opening[0]]
        for item in items:
            kind = item.kind
            # Numbered as in the agenda list; items before the meeting's opening are the day's.
            number = cn_number(agenda.index(item) + 1)
            step = f"下面，进行会议第{number}项议程：{item.title}。"
            if opening and agenda.index(item) < agenda.index(opening[0]):
                step = f"下面，进行第{number}项：{item.title}。"
            if kind == "team_examination":
                if self._is_chair(principal):
                    lines = [step, "下面，我代表领导班子作对照检查。", f"【{principal}发言】"]
                else:
                    lines = [step, f"请{principal}代表领导班子作对照检查。", f"【{principal}发言】"]
            elif kind == "principal_examination":
                lines = [step, *self.examination_lines(self.principal_member)]
            elif kind == "member_examination":
                lines = [step, "班子成员逐一作个人对照检查，其他同志逐一提出批评意见，一个一个过。"]
                with_principal = "principal_examination" not in kinds
                for member in self.present:
                    if member.id != self.principal_member.id or with_principal:
                        lines += self.examination_lines(member)
            elif kind == "guidance":
                speaker = item.speaker.strip()
                guides = [speaker] if speaker and speaker not in _GUIDE_WORDS else list(self.p.guides)
                named = [leaders_of(g) for g in guides if g]
                if not speaker or speaker in _GUIDE_WORDS:  # the title is a menu of who may speak
                    step = f"下面，进行会议第{number}项议程：请到会指导的领导同志讲话。"
                lines = [step] + [f"请{who}讲话。【{who}讲话】" for who in named]
            elif kind == "closing":
                who = self.speaker_of(item) or principal
                if self._is_chair(who):
                    lines = [step, "下面，我代表领导班子作总结表态。", f"【{who}总结表态】"]
                else:
                    lines = [step, f"请{who}作总结表态。【{who}总结表态】"]
            elif kind == "oath":
                lines = [step, f"【全体党员面向党旗重温入党誓词，由{principal}领誓】"]
            elif kind == "study":
                lines = [step, f"【集中学习，由{self.speaker_of(item) or principal}领学】"]
            elif kind == "film":
                lines = [step, "【播放警示教育片】"]
            else:
                who = self.speaker_of(item)
                if not who or is_group(who):
                    lines = [step]
                elif self._is_chair(who):
                    lines = [step, f"【{who}{item.title}】"]
                else:
                    lines = [step, f"请{who}发言。【{who}发言】"]
            blocks.append({"heading": item.title, "lines": lines})
        blocks[-1]["lines"] = [*blocks[-1]["lines"], "【主持人结束语】", "会议到此结束，散会。"]
        return [ScriptBlock(number=heading_number(2, i), **block) for i, block in enumerate(blocks, 1)]

    def opening_lines(self) -> list[str]:
        guests = welcome(self.p.guides)
        note = self.p.attendees_note
        count = f"本次会议应到会班子成员{len(self.order)}人，实到【　】人，符合规定人数。"
        # Only who attends beyond the team is worth saying (副科级以上党员干部 …).
        if note and not note.endswith(("班子成员", "全体成员")):
            count += f"{sentence(note).removesuffix('。')}参加会议。"
        label = self.p.guides_label
        verb = "出席会议" if label.startswith("出席") else "到会督导" if "督导" in label else "到会指导"
        return ["同志们：",
                f"今天，我们召开{self.title}。" + (f"{guests}{verb}，我们表示热烈欢迎！" if guests else ""),
                count,
                "【主持人说明会议的主要任务和要求】"]

    def examination_lines(self, member: Member) -> list[str]:
        """先自我批评、再逐一批评: one member's turn."""
        critics = [m.name for m in self.present if m.id != member.id]
        who = comrade(member.name)
        first = "下面，我作个人对照检查。" if self._is_chair(who) else f"请{who}作个人对照检查。"
        lines = [f"{first}【{who}发言】"]
        if critics:
            lines.append(f"请其他同志提出批评意见。【请{join(critics)}同志依次提出批评意见】")
        lines.append(f"【{who}表态】")
        return lines

    # -- people, claims, opinions, criticism, checklist --------------------------------------

    def checklist_row(self, seq: int, item: ChecklistItem) -> ChecklistRow:
        row = checklist_row(self.unit, item, seq)
        if row.owner == TEAM:
            row = replace(row, accountable=row.responsible or row.lead or self.name(TEAM))
        # The source names the inspection as it was: 巡视反馈 after a 巡视.
        source = f"{self.kind}反馈" if item.source is ChecklistSource.FEEDBACK else row.source
        return ChecklistRow(seq=seq, id=row.id, issue=row.issue, source=source, measure=row.measure,
                            responsible=row.accountable, kind=row.kind, deadline_text=row.deadline_text,
                            status=row.status)

    def person(self, owner: str) -> dict[str, Any]:
        """The fields of :class:`~rectimeet.documents.contexts.PersonRecord` for ``owner``."""
        plan = self.plan
        claimed = [(f"（{f.category}）" if f.category else "") + f.text
                   for f in plan.inspection.issues if owner in f.claimed_by]
        opinions = [f"{o.text}（{o.channel.value}" + (f"，{o.count}人提出）" if o.count > 1 else "）")
                    for o in plan.opinions if o.about == owner]
        received = [c for c in plan.criticisms if c.to == owner]
        # Where the points are recorded, the count is what is listed.
        criticisms = [CriticismGroup(number=heading_number(3, i), from_name=self.name(c.from_),
                                     count=len(c.texts) or c.count,
                                     texts=numbered(4, c.texts)) for i, c in enumerate(received, 1)]
        items = [i for i in plan.checklist if i.owner == owner]
        return PersonRecord(
            claimed=numbered(3, claimed),
            opinions=numbered(3, opinions),
            criticisms=criticisms,
            criticisms_received=sum(c.count for c in received),
            criticisms_given=sum(c.count for c in plan.criticisms if c.from_ == owner),
            checklist=[self.checklist_row(i, item) for i, item in enumerate(items, 1)],
        ).model_dump()

    @cached_property
    def members(self) -> list[MemberRow]:
        """Attending members, principal first."""
        principal_id = self.principal_member.id
        return [MemberRow(id=m.id, seq=seq, name=m.name, title=m.title, label=self.label(m),
                          role=m.role.value, is_principal=m.id == principal_id,
                          oversees_text=join(o.name for o in m.oversees), **self.person(m.id))
                for seq, m in enumerate(self.order, 1)]

    @cached_property
    def team(self) -> TeamRecord:
        return TeamRecord(label=f"{self.org}领导班子", **self.person(TEAM))

    @cached_property
    def opinions(self) -> OpinionsInfo:
        counts: Counter[str] = Counter()
        for o in self.plan.opinions:
            counts[o.channel.value] += o.count
        by_channel = [ChannelCount(channel=c.value, count=counts[c.value])
                      for c in OpinionChannel if counts[c.value]]
        team = sum(o.count for o in self.plan.opinions if o.about == TEAM)
        total = sum(counts.values())
        return OpinionsInfo(total=total, records=len(self.plan.opinions), by_channel=by_channel,
                            by_channel_text=join(f"{r.channel}{r.count}条" for r in by_channel),
                            about_team=team, about_members=total - team)

    @cached_property
    def talks(self) -> TalksInfo:
        rows = []
        for seq, t in enumerate(self.p.talks, 1):
            when = (date_cn(t.date) + t.half_day) if t.date else UNKNOWN
            rows.append(TalkRow(seq=seq, a_name=t.a_name, b_name=t.b_name,
                                kind_text=TALK_KINDS.get(t.kind, t.kind), when_text=when,
                                held_text="已谈" if t.held else "未谈"))
        kinds = Counter(t.kind for t in self.p.talks)
        parts = join(f"{TALK_KINDS.get(k, k)}{n}次" for k, n in kinds.items())
        summary = (f"按照谈心谈话“必谈”要求，共安排谈心谈话{len(rows)}次" + (f"，其中{parts}" if parts else "")
                   + f"，于{self.by_key('talks')}全部完成。")
        return TalksInfo(rows=rows, total=len(rows), held=sum(1 for t in self.p.talks if t.held),
                         summary=summary, note=self.p.talk_problem or "")

    @cached_property
    def checklist(self) -> ChecklistInfo:
        team_items = [i for i in self.plan.checklist if i.owner == TEAM]
        groups = []
        for n, m in enumerate(self.order, 1):
            items = [i for i in self.plan.checklist if i.owner == m.id]
            groups.append(ChecklistGroup(number=heading_number(2, n), label=f"{m.name}同志", name=m.name,
                                         rows=[self.checklist_row(i, item) for i, item in enumerate(items, 1)]))
        kinds = Counter(i.kind for i in self.plan.checklist)
        by_kind = [KindCount(kind=k.value, count=kinds[k]) for k in ChecklistKind]
        total = len(self.plan.checklist)
        summary = (f"整改清单共{total}项，其中领导班子{len(team_items)}项、班子成员个人{total - len(team_items)}项；"
                   + "、".join(f"{r.kind}{r.count}项" for r in by_kind) + "。")
        return ChecklistInfo(total=total, team_count=len(team_items), member_count=total - len(team_items),
                             team_rows=[self.checklist_row(i, item) for i, item in enumerate(team_items, 1)],
                             member_groups=groups, by_kind=by_kind, summary=summary,
                             **self.feedback_list())

    def feedback_list(self) -> dict[str, Any]:
        """The feedback's problems word for word, area by area, and its 意见建议."""
        inspection = self.plan.inspection
        kind = "巡视" if inspection.kind.value == "巡视" else "巡察"
        answers: dict[str, list[str]] = {}
        for item in self.plan.checklist:
            if item.source_ref:
                answers.setdefault(item.source_ref, []).append(item.id)
        areas: dict[str, list[Any]] = {}
        for issue in inspection.issues:
            areas.setdefault(issue.category, []).append(issue)
        groups = []
        for n, (category, issues) in enumerate(areas.items(), 1):
            rows = [FeedbackIssueRow(
                        seq=i, id=f.id, text=f.text, details="".join(f.details),
                        claimed=join("班子" if who == TEAM else self.unit.person_name(who)
                                     for who in f.claimed_by),
                        answered_by=join(answers.get(f.id, [])))
                    for i, f in enumerate(issues, 1)]
            groups.append(FeedbackGroup(number=heading_number(2, n), title=category or "其他问题",
                                        rows=rows))
        suggestions = numbered(3, ("".join([s.text + "。", *s.details]) for s in inspection.suggestions))
        summary = (f"{kind}反馈问题共{len(inspection.issues)}个，分{len(groups)}个方面。"
                   if inspection.issues else f"尚未录入{kind}反馈问题。")
        return {"feedback_heading": f"{kind}反馈问题清单", "feedback_groups": groups,
                "feedback_summary": summary, "suggestions_heading": f"{kind}组意见建议",
                "suggestions": suggestions}

    @cached_property
    def claims(self) -> ClaimsInfo:
        issues = self.plan.inspection.issues
        claimed = sum(1 for f in issues if f.claimed_by)
        return ClaimsInfo(total=len(issues), claimed=claimed, unclaimed=len(issues) - claimed,
                          claims=sum(len(f.claimed_by) for f in issues))

    @cached_property
    def materials(self) -> MaterialsInfo:
        mats = self.plan.materials
        return MaterialsInfo(expected=len(self.order) + 1,
                             submitted=sum(1 for m in mats if m.submitted_on),
                             reviewed=sum(1 for m in mats if m.reviewed_on),
                             reported=sum(1 for m in mats if m.reported_on))

    @cached_property
    def criticisms(self) -> CriticismsInfo:
        total = sum(c.count for c in self.plan.criticisms)
        people = len(self.present) or 1
        return CriticismsInfo(total=total, average_text=f"{total / people:.1f}".rstrip("0").rstrip("."),
                              minimum=int(self.p.param("min_criticisms", 3)))

    @cached_property
    def study_items(self) -> list[Numbered]:
        return numbered(3, (i.title for i in self.p.study_items))

    @cached_property
    def focus_areas(self) -> list[FocusAreaRow]:
        return [FocusAreaRow(number=heading_number(2, i), title=a.title, points=numbered(3, a.points))
                for i, a in enumerate(self.p.focus_areas, 1)]

    @cached_property
    def focus_titles(self) -> str:
        return join(a.title.removesuffix("方面") for a in self.p.focus_areas)

    @cached_property
    def requirements(self) -> list[RequirementRow]:
        rows = []
        for i, text in enumerate(self.p.requirements, 1):
            head, rest = _split_heading(text)
            rows.append(RequirementRow(number=heading_number(2, i), head=head, rest=rest, text=text))
        return rows

    # -- documents with prose assembled from the numbers --------------------------------------

    @cached_property
    def report(self) -> ReportInfo:
        meeting, opinions, talks = self.meeting, self.opinions, self.talks
        claims, materials, criticisms = self.claims, self.materials, self.criticisms
        sessions = self.plan.study.sessions
        collective = [s for s in sessions if s.mode.value == "集中学习"]
        days = sum(s.days for s in collective)
        length = "半天" if days == 0.5 else f"{days:g}天"
        study = (f"领导班子围绕{len(self.p.study_items)}项学习内容开展学习研讨"
                 + (f"，组织集中学习{len(collective)}次、共{length}。" if collective else "。"))
        opinion = (f"通过{opinions.by_channel_text}，共征求意见建议{opinions.total}条，其中涉及领导班子"
                   f"{opinions.about_team}条、班子成员个人{opinions.about_members}条，"
                   "已原汁原味反馈领导班子和本人。") if opinions.total else "【征求意见情况】"
        talk = f"按照“必谈”要求安排谈心谈话{talks.total}次，已完成{talks.held}次。"
        material = (f"领导班子对照检查材料和个人发言提纲应交{materials.expected}份，已提交"
                    f"{materials.submitted}份，经主要负责同志审阅把关{materials.reviewed}份。")
        preparation = [("学习研讨。", study), ("征求意见。", opinion), ("谈心谈话。", talk),
                       ("撰写对照检查材料。", material)]
        absent = join(f"{a.name}（{a.reason}）" if a.reason else a.name for a in meeting.absent)
        lines = [f"会议由{meeting.host_label}主持，应到会{meeting.expected}人，实到{meeting.present}人"
                 + (f"，{absent}请假。" if absent else "。"),
                 f"{self.principal_member.name}同志代表领导班子作对照检查，班子成员逐一作个人对照检查，"
                 "开展批评和自我批评。",
                 f"对{self.group}反馈的{claims.total}个问题，已认领{claims.claimed}个"
                 + (f"，尚有{claims.unclaimed}个未认领。" if claims.unclaimed else "，全部认领到位。"),
                 f"班子成员相互提出批评意见{criticisms.total}条，人均{criticisms.average_text}条。"]
        guides = join(self.p.guides)
        intro = (f"{meeting.date_text}，{self.org}召开{short_org(self.org, self.title)}。"
                 + (f"{guides}到会指导。" if guides else "") + "现将有关情况报告如下。")
        return ReportInfo(
            addressees=self.recipients("report", join(filter(None, (
                self.p.superior("discipline"), self.p.superior("organization"))), UNKNOWN)),
            date_text=self.dated("report"),
            intro=intro,
            preparation=[PrepRow(number=heading_number(2, i), head=h, text=t)
                         for i, (h, t) in enumerate(preparation, 1)],
            meeting=lines,
            rectification=[self.checklist.summary],
        )

    @cached_property
    def ledger(self) -> LedgerInfo:
        return ledger_info(self.p, self.as_of)

    @cached_property
    def rectification(self) -> RectificationInfo:
        ledger = self.ledger
        summary = (f"截至{ledger.as_of_text}，{ledger.total}项整改任务中，已销号{ledger.closed}项，"
                   f"已完成待销号{ledger.done}项，正在整改{ledger.in_progress}项，尚未启动"
                   f"{ledger.pending}项，逾期{ledger.overdue}项。")
        open_lines = [f"逾期：{r.seq}.{r.issue}（{r.owner}，{r.deadline_text}）"
                      for r in ledger.overdue_items] or ["无逾期事项。"]
        open_lines += [f"长期坚持：{r.seq}.{r.issue}（{r.owner}）" for r in ledger.long_term_items]
        feedback = date_cn(self.plan.inspection.feedback_date)
        return RectificationInfo(
            addressees=self.recipients("rectification_report",
                                       self.p.superior("inspection_office") or UNKNOWN),
            intro=(f"{feedback}，{self.group}向{self.org}反馈了{self.kind}意见。"
                   f"{date_cn(self.plan.meeting.date)}，{self.org}召开{short_org(self.org, self.title)}，"
                   "制定整改清单。"
                   "现将整改情况报告如下。"),
            summary=summary,
            open_lines=open_lines,
            date_text=ledger.as_of_text,
            due_text=self.due("rectification_report"),
        )

    @cached_property
    def submissions(self) -> list[SubmissionRow]:
        rows = [m for m in self.p.milestones if m.recipients]
        return [SubmissionRow(seq=i, deliverable=m.deliverable or m.title, recipients_text=join(m.recipients),
                              due_text=by(m), responsible=m.responsible)
                for i, m in enumerate(rows, 1)]

    @cached_property
    def archive(self) -> list[ArchiveRow]:
        return [ArchiveRow(seq=i, name=name, note=note) for i, (name, note) in enumerate(ARCHIVE, 1)]

    @cached_property
    def notice(self) -> NoticeInfo:
        notice = self.milestones.get("notice")
        reviewed = self.milestones.get("materials_reviewed")
        principal = comrade(self.principal_member.name)
        # A notice never asks for something by a day before its own date.
        if reviewed is not None and (notice is None or reviewed.due > notice.due):
            outlines = f"请班子成员于{by(reviewed)}将个人发言提纲交{principal}审阅把关，会前修改完善。"
        else:
            outlines = f"个人发言提纲经{principal}审阅后，请本人会前修改完善，会上按提纲发言。"
        return NoticeInfo(
            addressees="各班子成员、有关同志",
            date_text=date_cn(notice.due) if notice is not None else self.issued_on_text,
            requirements=numbered(3, [
                "参会人员原则上不得请假，确需请假的须经主要负责同志批准。",
                outlines,
                "请参会人员提前10分钟到会，会议期间手机调至静音。",
            ]),
        )

    @cached_property
    def opinion_form(self) -> OpinionFormInfo:
        opinions = self.milestones.get("opinions")
        return OpinionFormInfo(
            due_text=self.due("opinions"),
            collector=opinions.responsible if opinions is not None and opinions.responsible else "办公室",
            targets=[self.label(m) for m in self.order],
        )
