"""Dates that agree: what the documents print about time never contradicts itself.

A clerk checks that no document asks for something by a day before its own 成文日期, that a
step's sessions fall inside the step, that the meeting is on the day the plan writes, and that a
day written in the spec on a rest day was meant. Codes SC109–SC112 (family ``schedule``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from rectimeet.i18n import N_
from rectimeet.models.plan import Plan
from rectimeet.models.study import StudySession
from rectimeet.prepared import ComputedMilestone, Prepared
from rectimeet.rules.engine import Hit, Rule, RuleContext, Severity, rule
from rectimeet.rules.schedule import calendar_of, milestone_path
from rectimeet.scheduling.deadlines import DateTextError, compact
from rectimeet.scheduling.phrases import read_date_text

MEETING = "meeting"
PLAN_DATE_FROM = "plan_to_superior"
"""The 实施方案 is dated ``documents.issued_on``, else this milestone's day, else the meeting's."""


def _iso(day: dt.date) -> str:
    return day.isoformat()


class DatedDocument(NamedTuple):
    """A document's 成文日期, and the milestones whose deadlines it prints."""

    name: str
    """The document as a clerk calls it (实施方案, 会议通知)."""
    date: dt.date
    asks: tuple[ComputedMilestone, ...]
    path: tuple[str | int, ...]
    """Where the spec sets the date."""


def plan_date(prepared: Prepared) -> tuple[dt.date, tuple[str | int, ...]]:
    """The 实施方案's 成文日期 and where the spec sets it."""
    plan = prepared.plan
    if plan.documents.issued_on is not None:
        return plan.documents.issued_on, ("documents", "issued_on")
    first = prepared.milestone(PLAN_DATE_FROM)
    if first is not None:
        return first.due, milestone_path(plan, PLAN_DATE_FROM)
    return plan.meeting.date, ("meeting", "date")


def dated_documents(prepared: Prepared) -> list[DatedDocument]:
    """The documents with a 成文日期 that print other steps' deadlines.

    * the 实施方案 lists every step with its 完成时限;
    * the 会议通知 (dated on the ``notice`` milestone) asks the members to hand in their
      发言提纲 by the ``materials_reviewed`` deadline.
    """
    plan = prepared.plan
    day, path = plan_date(prepared)
    docs = [DatedDocument("实施方案", day, tuple(m for m in prepared.milestones if m.key != MEETING),
                          path)]
    notice = prepared.milestone("notice")
    reviewed = prepared.milestone("materials_reviewed")
    if notice is not None and reviewed is not None:
        docs.append(DatedDocument("会议通知", notice.due, (reviewed,),
                                  milestone_path(plan, "notice")))
    return docs


@rule(
    "SC110",
    name="no-deadline-before-document-date",
    family="schedule",
    severity=Severity.ERROR,
    summary=N_("No document asks for something by a day before its own date (成文日期)"),
    rationale="文书不能要求在其成文日期之前完成某事：实施方案所列各步骤的完成时限不早于方案的成文日期，"
              "会议通知要求交发言提纲的时限不早于通知的成文日期。",
    source="GB/T 9704-2012 7.3.5.4（成文日期）；《县以上党和国家机关党员领导干部民主生活会若干规定》（会前准备）",
)
def no_deadline_before_document_date(ctx: RuleContext) -> Iterable[Hit]:
    for doc in dated_documents(ctx.prepared):
        for m in doc.asks:
            if m.due < doc.date:
                yield Hit(N_("The {document} is dated {date} but asks for {title} by {due}"),
                          {"document": doc.name, "date": _iso(doc.date), "title": m.title,
                           "due": _iso(m.due)},
                          milestone_path(ctx.plan, m.key),
                          N_("Date the {document} earlier or move {title} later"),
                          {"document": doc.name, "title": m.title})


def meeting_day_study(plan: Plan) -> bool:
    """Whether the meeting day itself has a study part (会期一天：上午理论学习), so that a
    study session on that day belongs to the meeting, not to the study step before it."""
    return (any("学习" in s.content for s in plan.meeting.sessions)
            or any(item.kind == "study" for item in plan.meeting.agenda))


def sessions_outside_study(prepared: Prepared) -> list[tuple[int, StudySession]]:
    """Study sessions outside the study step's window: before the feedback, or after the step's
    deadline (a session on the meeting day is the meeting's own when the meeting has a study
    part). Documents list only the other sessions under the step."""
    plan = prepared.plan
    study = prepared.milestone("study")
    start = plan.inspection.feedback_date
    out = []
    for i, s in enumerate(plan.study.sessions):
        if s.date == plan.meeting.date and meeting_day_study(plan):
            continue
        if s.date < start or (study is not None and s.date > study.due):
            out.append((i, s))
    return out


@rule(
    "SC111",
    name="sessions-inside-their-step",
    family="schedule",
    severity=Severity.ERROR,
    summary=N_("Study sessions fall inside the study step: after the feedback, by its deadline"),
    rationale="实施方案在学习研讨步骤下列出的学习安排应在该步骤的完成时限之内、反馈之后；"
              "会议当天上午的理论学习属于会议本身。",
    source="《县以上党和国家机关党员领导干部民主生活会若干规定》（会前学习研讨）",
)
def sessions_inside_their_step(ctx: RuleContext) -> Iterable[Hit]:
    prepared = ctx.prepared
    study = prepared.milestone("study")
    for i, s in sessions_outside_study(prepared):
        if s.date < ctx.plan.inspection.feedback_date:
            yield Hit(N_("Study session on {date} is before the feedback ({feedback})"),
                      {"date": _iso(s.date), "feedback": _iso(ctx.plan.inspection.feedback_date)},
                      ("study", "sessions", i, "date"))
        elif study is not None:
            yield Hit(N_("Study session on {date} is after the deadline of {title} ({due})"),
                      {"date": _iso(s.date), "title": study.title, "due": _iso(study.due)},
                      ("study", "sessions", i, "date"),
                      N_("Move the session to {due} or earlier, or set the study milestone's due"),
                      {"due": _iso(study.due)})


@rule(
    "SC109",
    name="written-date-on-working-day",
    family="schedule",
    severity=Severity.WARNING,
    summary=N_("A day written in the spec for a step falls on a working day"),
    rationale="计算出的期限遇休息日会按 rest_day_policy 移到工作日；规格里写明的日期原样保留，"
              "但落在周末或节假日时提醒核对。",
    source="国务院办公厅关于部分节假日安排的通知（放假和调休）；《民法典》第二百零三条（类推）",
)
def written_date_on_working_day(ctx: RuleContext) -> Iterable[Hit]:
    calendar = calendar_of(ctx.prepared)
    for m in ctx.prepared.milestones:
        if m.key != MEETING and m.written_day and not calendar.is_working_day(m.due):
            yield Hit(N_("{title} is set to {due}, which is not a working day"),
                      {"title": m.title, "due": _iso(m.due)}, milestone_path(ctx.plan, m.key),
                      N_("Check the date: the previous working day is {earlier}, the next {later}"),
                      {"earlier": _iso(calendar.previous_working_day(m.due)),
                       "later": _iso(calendar.next_working_day(m.due))})


def _outside(text: str, day: dt.date, near: dt.date) -> bool | None:
    """Whether ``day`` lies outside what ``text`` allows (None: not a readable absolute date).
    A text ending in 前 allows every day up to its last one."""
    try:
        approx = read_date_text(text, near)
    except DateTextError:
        return None
    by = compact(text).endswith("前")
    return day > approx.latest or (not by and day < approx.earliest)


@rule(
    "SC112",
    name="meeting-day-as-written",
    family="schedule",
    severity=Severity.WARNING,
    summary=N_("The meeting date lies within the date the plan writes for it"),
    rationale="会议日期以 meeting.date 为准；meeting.date_text 和会议里程碑的 due_text 是方案的写法"
              "（7月上旬、8月28日前），应包含该日期，会议里程碑也不能另设日期。",
    source="GB/T 9704-2012 7.3.5.4；各单位实施方案（xx月xx日前召开）",
)
def meeting_day_as_written(ctx: RuleContext) -> Iterable[Hit]:
    plan = ctx.plan
    day = plan.meeting.date
    if plan.meeting.date_text and _outside(plan.meeting.date_text, day, day):
        yield Hit(N_("The meeting date {date} is not within {text}, as the plan writes it"),
                  {"date": _iso(day), "text": plan.meeting.date_text}, ("meeting", "date_text"))
    for i, patch in enumerate(plan.schedule.milestones):
        if patch.key != MEETING:
            continue
        if patch.due_text and _outside(patch.due_text, day, day):
            yield Hit(N_("The meeting date {date} is not within {text}, as the plan writes it"),
                      {"date": _iso(day), "text": patch.due_text},
                      ("schedule", "milestones", i, "due_text"))
        if patch.due is not None and patch.due != day:
            yield Hit(N_("The meeting milestone is set to {due}, but the meeting is on {date}; "
                         "the meeting date wins"), {"due": _iso(patch.due), "date": _iso(day)},
                      ("schedule", "milestones", i, "due"),
                      N_("Set meeting.date and drop the meeting milestone's due"))


RULES: tuple[Rule, ...] = (written_date_on_working_day, no_deadline_before_document_date,
                           sessions_inside_their_step, meeting_day_as_written)
