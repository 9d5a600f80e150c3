"""Schedule, calendar and talk rules: the timeline is in order, on working days, in time.

Codes: SC (schedule and lead times), CA (calendar coverage), TK (谈心谈话, 四必谈).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import pairwise

from rectimeet.i18n import N_
from rectimeet.models.milestone import Phase
from rectimeet.models.plan import Plan
from rectimeet.prepared import ComputedMilestone, Prepared
from rectimeet.rules.engine import Hit, Rule, RuleContext, Severity, rule
from rectimeet.scheduling.calendar import WorkCalendar
from rectimeet.scheduling.deadlines import settle_by
from rectimeet.scheduling.talks import required_pairs, talk_window
from rectimeet.vocabulary import TALK_KINDS, MilestoneKey

PREPARATION_ORDER = (MilestoneKey.STUDY, MilestoneKey.OPINIONS, MilestoneKey.TALKS,
                     MilestoneKey.MATERIALS_WRITTEN, MilestoneKey.MATERIALS_REVIEWED,
                     MilestoneKey.MATERIALS_TO_SUPERIOR, MilestoneKey.MEETING)
"""学习 → 征求意见 → 谈心谈话 → 撰写材料 → 审阅 → 报审 → 会议 (keys of the default milestones)."""




def calendar_of(prepared: Prepared) -> WorkCalendar:
    return prepared.calendar if prepared.calendar is not None else WorkCalendar.builtin()


def milestone_path(plan: Plan, key: str) -> tuple[str | int, ...]:
    """Where the spec talks about a milestone: its last patch, else the meeting date."""
    for i in range(len(plan.schedule.milestones) - 1, -1, -1):
        if plan.schedule.milestones[i].key == key:
            return ("schedule", "milestones", i)
    return ("meeting", "date")


def _iso(day: dt.date) -> str:
    return day.isoformat()


DATING_FIELDS = ("due", "due_text", "offset", "anchor")


def named_order(plan: Plan) -> list[str]:
    """Keys of the milestones the spec dates itself, in the order ``schedule.milestones`` first
    names them. A patch that only renames a step (title, responsible) says nothing of order."""
    dated = (p.key for p in plan.schedule.milestones
             if any(getattr(p, name) is not None for name in DATING_FIELDS))
    return list(dict.fromkeys(dated))


def preparation_sequence(plan: Plan, present: Iterable[str]) -> list[str]:
    """The preparation steps in the order SC101 expects: the default order, except that the
    steps the spec's ``schedule.milestones`` dates come in the order it names them.

    The spec's steps take the places the default order gives those steps, so a plan that
    collects opinions before it studies (``opinions`` listed before ``study``) keeps every other
    step where it was. The meeting is always last.
    """
    keys = set(present)
    default: list[str] = [str(k) for k in PREPARATION_ORDER if k in keys]
    named = [k for k in named_order(plan) if k in keys and k != "meeting"]
    sequence = list(default)
    slots = [i for i, k in enumerate(default) if k in named]
    for i, key in zip(slots, [k for k in named if k in default], strict=True):
        sequence[i] = key
    return sequence


def preparation_pairs(plan: Plan, milestones: Iterable[ComputedMilestone]) -> list[tuple[str, str]]:
    """(first, then) pairs SC101 checks: every ``after``, then consecutive preparation steps.

    A step whose ``after`` the spec sets has exactly those predecessors: the sequence does not
    add another one in front of it. An ``after`` inherited from the level that the spec's own
    order reverses (the spec dates ``opinions`` before ``study``) gives way to that order.
    """
    by_key = {m.key: m for m in milestones}
    own_after = {p.key for p in plan.schedule.milestones if p.after is not None}
    rank = {k: i for i, k in enumerate(named_order(plan))}

    def reversed_by_spec(first: str, then: str) -> bool:
        return then not in own_after and first in rank and then in rank and rank[then] < rank[first]
    pairs = [(dep, m.key) for m in by_key.values() for dep in m.after
             if not reversed_by_spec(dep, m.key)]
    pairs.extend((a, b) for a, b in pairwise(preparation_sequence(plan, by_key))
                 if b not in own_after)
    return list(dict.fromkeys(pairs))


@rule(
    "SC101",
    name="preparation-order",
    family="schedule",
    severity=Severity.ERROR,
    summary=N_("Preparation steps come in order: study, opinions, talks, materials, review, meeting"),
    rationale="会前准备按学习研讨、征求意见、谈心谈话、撰写材料、审阅把关的顺序进行，后一步以前一步为基础；"
              "里程碑声明的 after 依赖也必须保持先后。规格在 schedule.milestones 中为步骤设定日期时，"
              "列出的先后即为本单位的顺序；规格为某步骤写明 after 时，只按 after 检查它的前序步骤。",
    source="《县以上党和国家机关党员领导干部民主生活会若干规定》（会前准备工作）；各地实施方案的通行做法",
)
def preparation_order(ctx: RuleContext) -> Iterable[Hit]:
    by_key = {m.key: m for m in ctx.prepared.milestones}
    for first, then in preparation_pairs(ctx.plan, ctx.prepared.milestones):
        if first not in by_key or then not in by_key:
            continue
        a, b = by_key[first], by_key[then]
        if a.due > b.due:
            yield Hit(N_("{then} ({then_due}) is due before {first} ({first_due}), which must come first"),
                      {"then": b.title, "then_due": _iso(b.due), "first": a.title,
                       "first_due": _iso(a.due)},
                      milestone_path(ctx.plan, then),
                      N_("Move the earlier step forward or the later step back"))


@rule(
    "SC102",
    name="lead-times-met",
    family="schedule",
    severity=Severity.WARNING,
    summary=N_("Recorded dates and date overrides keep the lead times before the meeting"),
    rationale="材料报审、方案报送等要给上级留出审核时间；记录的日期晚于节点，或改写的日期缩短了提前量，都应提醒。",
    source="各地实施方案的通行做法（方案、材料提前报上级审核）",
)
def lead_times_met(ctx: RuleContext) -> Iterable[Hit]:
    prepared = ctx.prepared
    plan = ctx.plan
    for m in prepared.milestones:
        if m.phase is Phase.BEFORE and m.overridden and not m.imprecise and m.due > m.computed:
            yield Hit(N_("{title} is set to {due}, later than the {computed} its lead time gives"),
                      {"title": m.title, "due": _iso(m.due), "computed": _iso(m.computed)},
                      milestone_path(plan, m.key))
    checks = (
        ("submitted_on", MilestoneKey.MATERIALS_WRITTEN,
         N_("{kind} of {name} was handed in on {date}, after the deadline {due} ({title})")),
        ("reported_on", MilestoneKey.MATERIALS_TO_SUPERIOR,
         N_("{kind} of {name} was sent to the superior on {date}, after the deadline {due} ({title})")),
    )
    for i, mat in enumerate(plan.materials):
        for field, key, message in checks:
            recorded: dt.date | None = getattr(mat, field)
            ms = prepared.milestone(key)
            if recorded is not None and ms is not None and recorded > ms.due:
                yield Hit(message, {"kind": mat.kind.value, "name": plan.unit.person_name(mat.author),
                                    "date": _iso(recorded), "due": _iso(ms.due), "title": ms.title},
                          ("materials", i, field))


@rule(
    "SC103",
    name="meeting-on-working-day",
    family="schedule",
    severity=Severity.ERROR,
    summary=N_("The meeting is on a working day"),
    rationale="专题民主生活会在工作日召开，上级到会指导、材料报送才有保障。",
    source="国务院办公厅关于2025年、2026年部分节假日安排的通知",
)
def meeting_on_working_day(ctx: RuleContext) -> Iterable[Hit]:
    day = ctx.plan.meeting.date
    if not calendar_of(ctx.prepared).is_working_day(day):
        yield Hit(N_("The meeting date {date} is not a working day"), {"date": _iso(day)},
                  ("meeting", "date"), N_("Pick a working day (mind 调休 make-up days)"))


@rule(
    "SC104",
    name="before-deadline-on-working-day",
    family="schedule",
    severity=Severity.ERROR,
    summary=N_("Every deadline before the meeting is a working day strictly before it"),
    rationale="会前节点落在休息日时，上级无法接收，应提前到前一个工作日；会前节点不得晚于会议。",
    source="rectimeet 的计算约定：会前期限遇休息日提前（期间计算参照《中华人民共和国民法典》第二百零一条至第二百零三条）",
)
def before_deadlines(ctx: RuleContext) -> Iterable[Hit]:
    calendar = calendar_of(ctx.prepared)
    meeting = ctx.plan.meeting.date
    for m in ctx.prepared.milestones:
        if m.phase is not Phase.BEFORE:
            continue
        if m.due >= meeting:
            yield Hit(N_("{title} ({due}) is a before-the-meeting step but is not before the meeting ({meeting})"),
                      {"title": m.title, "due": _iso(m.due), "meeting": _iso(meeting)},
                      milestone_path(ctx.plan, m.key))
        elif not m.imprecise and not m.written_day and not calendar.is_working_day(m.due):
            # A day the spec wrote is kept; SC109 warns about it instead.
            yield Hit(N_("{title} is due on {due}, which is not a working day"),
                      {"title": m.title, "due": _iso(m.due)}, milestone_path(ctx.plan, m.key),
                      N_("Use the previous working day, {suggested}"),
                      {"suggested": _iso(calendar.previous_working_day(m.due))})


@rule(
    "SC105",
    name="after-deadline-after-meeting",
    family="schedule",
    severity=Severity.ERROR,
    summary=N_("Every after-the-meeting deadline falls after the meeting"),
    rationale="情况报告、整改清单、通报等会后事项，其时限必须在会议之后。",
    source="《县以上党和国家机关党员领导干部民主生活会若干规定》（会后15日内报告）；各地实施方案的通行做法",
)
def after_deadlines(ctx: RuleContext) -> Iterable[Hit]:
    meeting = ctx.plan.meeting.date
    for m in ctx.prepared.milestones:
        if m.phase is Phase.AFTER and m.due <= meeting:
            yield Hit(N_("{title} ({due}) is an after-the-meeting step but is not after the meeting ({meeting})"),
                      {"title": m.title, "due": _iso(m.due), "meeting": _iso(meeting)},
                      milestone_path(ctx.plan, m.key))


@rule(
    "SC106",
    name="meeting-within-month-of-feedback",
    family="schedule",
    severity=Severity.WARNING,
    summary=N_("The meeting is held within a month of the feedback"),
    rationale="巡视巡察反馈后一般应在1个月内召开专题民主生活会（来源为新闻转述，作为默认提醒）。",
    source="巡视巡察整改的通行要求（反馈后1个月内召开，作为默认提醒）",
    params={"months": 1},
)
def meeting_within_month(ctx: RuleContext) -> Iterable[Hit]:
    months = int(ctx.param("months", 1))
    feedback = ctx.plan.inspection.feedback_date
    limit = WorkCalendar.add_months(feedback, months)
    meeting = ctx.plan.meeting.date
    if meeting > limit:
        yield Hit(N_("The meeting ({meeting}) is more than {months} month(s) after the feedback ({feedback}); the limit is {limit}"),
                  {"meeting": _iso(meeting), "months": months, "feedback": _iso(feedback),
                   "limit": _iso(limit)}, ("meeting", "date"))


@rule(
    "SC107",
    name="rectification-report-within-two-months",
    family="schedule",
    severity=Severity.ERROR,
    summary=N_("The rectification report is due within two months of the feedback"),
    rationale="被巡视党组织应当在收到反馈意见后2个月内报送整改情况报告；期间按月计算，到期月对应日或月末日。",
    source="《中国共产党巡视工作条例》（2015）第二十七条；《中华人民共和国民法典》第二百零二条（按月计算，类推）",
    params={"months": 2},
)
def rectification_report(ctx: RuleContext) -> Iterable[Hit]:
    months = int(ctx.param("months", 2))
    feedback = ctx.plan.inspection.feedback_date
    # The period's last day on a rest day ends on the next working day when the policy rolls
    # after-steps forward (民法典 第二百零三条), as the milestone itself was.
    limit = settle_by(WorkCalendar.add_months(feedback, months), Phase.AFTER,
                      calendar_of(ctx.prepared), ctx.plan.schedule.rest_days)
    report = ctx.prepared.milestone(MilestoneKey.RECTIFICATION_REPORT)
    if report is not None and report.due > limit:
        yield Hit(N_("{title} is due on {due}, later than {months} months after the feedback ({limit})"),
                  {"title": report.title, "due": _iso(report.due), "months": months,
                   "limit": _iso(limit)}, milestone_path(ctx.plan, report.key))
    if ctx.plan.meeting.date > limit:
        yield Hit(N_("The meeting ({meeting}) is after the rectification report deadline ({limit})"),
                  {"meeting": _iso(ctx.plan.meeting.date), "limit": _iso(limit)},
                  ("meeting", "date"))


@rule(
    "SC108",
    name="meeting-after-feedback",
    family="schedule",
    severity=Severity.ERROR,
    summary=N_("The meeting comes after the feedback it answers"),
    rationale="专题民主生活会是对反馈意见的整改，必须在反馈之后召开。",
    source="《中国共产党巡视工作条例》第二十七条",
)
def meeting_after_feedback(ctx: RuleContext) -> Iterable[Hit]:
    feedback = ctx.plan.inspection.feedback_date
    if ctx.plan.meeting.date <= feedback:
        yield Hit(N_("The meeting ({meeting}) is not after the feedback ({feedback})"),
                  {"meeting": _iso(ctx.plan.meeting.date), "feedback": _iso(feedback)},
                  ("inspection", "feedback_date"))


def _dates(prepared: Prepared) -> list[dt.date]:
    plan = prepared.plan
    return [plan.meeting.date, plan.inspection.feedback_date,
            *(m.due for m in prepared.milestones), *(t.date for t in prepared.talks if t.date)]


@rule(
    "CA101",
    name="calendar-year-published",
    family="calendar",
    severity=Severity.WARNING,
    summary=N_("Every date falls in a year whose official holiday schedule is known"),
    rationale="放假和调休以国务院办公厅每年11月前后发布的通知为准；未发布年份只能按周末和法定节日推算，调休未知。",
    source="国务院办公厅每年发布的部分节假日安排的通知",
)
def calendar_published(ctx: RuleContext) -> Iterable[Hit]:
    calendar = calendar_of(ctx.prepared)
    for year in calendar.assumed_years(_dates(ctx.prepared)):
        yield Hit(N_("The {year} holiday schedule is not published: dates in {year} assume weekends "
                     "plus the fixed statutory holidays, with no 调休 make-up days"),
                  {"year": year}, ("meeting", "date"),
                  N_("Add the {year} schedule as a data file (schedule.calendar_files) once it is announced"),
                  {"year": year})


@rule(
    "TK101",
    name="required-talks-covered",
    family="talks",
    severity=Severity.ERROR,
    summary=N_("Every required talk pair (四必谈) is held or planned"),
    rationale="主要负责同志与班子成员、班子成员之间、班子成员与分管部门主要负责人必谈（可选：与所在支部党员代表）。",
    source="《县以上党和国家机关党员领导干部民主生活会若干规定》（谈心谈话）；各地实施方案的通行做法（四必谈）",
)
def required_talks(ctx: RuleContext) -> Iterable[Hit]:
    plan = ctx.plan
    covered = {frozenset((t.a, t.b)) for t in ctx.prepared.talks
               if t.held or t.date is not None}
    recorded = {t.pair for t in plan.talks}
    for p in required_pairs(plan, plan.schedule.include_branch_talks):
        if p.key not in covered and p.key not in recorded:
            yield Hit(N_("Required talk between {a} and {b} ({kind}) is neither held nor planned"),
                      {"a": plan.unit.person_name(p.a), "b": plan.unit.person_name(p.b),
                       "kind": TALK_KINDS[p.kind]}, ("talks",))


@rule(
    "TK102",
    name="talk-schedule-fits",
    family="talks",
    severity=Severity.ERROR,
    summary=N_("The required talks fit into the talk window"),
    rationale="每人每半天谈话次数有限，谈话窗口太短时四必谈无法全部完成。",
    source="《县以上党和国家机关党员领导干部民主生活会若干规定》（谈心谈话）；会前一周为各地实施方案的通行做法",
)
def talk_schedule_fits(ctx: RuleContext) -> Iterable[Hit]:
    if ctx.prepared.talk_problem:
        yield Hit(N_("The talk schedule does not fit: {explanation}"),
                  {"explanation": ctx.prepared.talk_problem}, ("schedule", "talk_window_days"),
                  N_("Lengthen schedule.talk_window_days, raise schedule.talk_capacity, or move the talks milestone earlier"))


@rule(
    "TK103",
    name="talks-inside-window",
    family="talks",
    severity=Severity.WARNING,
    summary=N_("Recorded talks are on working days inside the talk window, before the meeting"),
    rationale="谈心谈话应在谈话阶段内、会议之前完成，为撰写发言提纲打基础。",
    source="《县以上党和国家机关党员领导干部民主生活会若干规定》（先谈心谈话，再撰写发言提纲）",
)
def talks_inside_window(ctx: RuleContext) -> Iterable[Hit]:
    prepared = ctx.prepared
    plan = ctx.plan
    calendar = calendar_of(prepared)
    window = talk_window(plan, calendar, prepared.milestones)
    talks_ms: ComputedMilestone | None = prepared.milestone(MilestoneKey.TALKS)
    end = talks_ms.due if talks_ms is not None else plan.meeting.date - dt.timedelta(days=1)
    start = end - dt.timedelta(days=plan.schedule.talk_window_days - 1)
    if window:
        start = min(start, window[0])
    for i, talk in enumerate(plan.talks):
        if talk.date is None:
            continue
        a, b = (plan.unit.person_name(p) for p in talk.parties)
        if talk.date >= plan.meeting.date or not start <= talk.date <= end:
            yield Hit(N_("The talk between {a} and {b} on {date} is outside the talk window {start} to {end}"),
                      {"a": a, "b": b, "date": _iso(talk.date), "start": _iso(start),
                       "end": _iso(end)}, ("talks", i, "date"))
        elif not calendar.is_working_day(talk.date):
            yield Hit(N_("The talk between {a} and {b} on {date} is not on a working day"),
                      {"a": a, "b": b, "date": _iso(talk.date)}, ("talks", i, "date"))


RULES: tuple[Rule, ...] = (
    preparation_order, lead_times_met, meeting_on_working_day, before_deadlines, after_deadlines,
    meeting_within_month, rectification_report, meeting_after_feedback, calendar_published,
    required_talks, talk_schedule_fits, talks_inside_window,
)
