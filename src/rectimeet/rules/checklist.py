"""整改清单: every item complete, deadlines consistent with their kind, closures evidenced."""

from __future__ import annotations

from collections.abc import Iterable

from rectimeet.i18n import N_
from rectimeet.models.checklist import ChecklistKind, ChecklistSource, ChecklistStatus
from rectimeet.rules.engine import Hit, RuleContext, Severity, rule

_FIELD_NAMES = {"measure": "整改措施", "issue": "问题", "deadline": "完成时限"}


@rule(
    "CK101",
    name="checklist-item-complete",
    family="checklist",
    severity=Severity.ERROR,
    summary=N_("Every checklist item states the problem, the measure and (unless long-term) a deadline"),
    rationale="整改清单要明确整改事项、整改措施、整改时限和整改责任主体。",
    source="各地实施方案的通行做法（问题清单、整改清单、责任清单）",
)
def item_complete(ctx: RuleContext) -> Iterable[Hit]:
    for i, item in enumerate(ctx.plan.checklist):
        missing = [label for field, label in _FIELD_NAMES.items()
                   if field != "deadline" and not str(getattr(item, field)).strip()]
        if item.deadline is None and item.kind is not ChecklistKind.LONG_TERM:
            missing.append(_FIELD_NAMES["deadline"])
        if missing:
            yield Hit(N_("Checklist item {id} lacks: {missing}"), {"id": item.id, "missing": missing},
                      ("checklist", i))


@rule(
    "CK102",
    name="checklist-deadline-after-meeting",
    family="checklist",
    severity=Severity.ERROR,
    summary=N_("Checklist deadlines fall after the meeting"),
    rationale="整改清单在会后制定，完成时限应在会议之后。",
    source="各地实施方案的通行做法（立行立改、限期整改、长期坚持）",
)
def deadline_after_meeting(ctx: RuleContext) -> Iterable[Hit]:
    meeting = ctx.plan.meeting.date
    for i, item in enumerate(ctx.plan.checklist):
        if item.deadline is not None and item.deadline <= meeting:
            yield Hit(N_("Checklist item {id} is due on {deadline}, not after the meeting ({meeting})"),
                      {"id": item.id, "deadline": item.deadline.isoformat(), "meeting": meeting.isoformat()},
                      ("checklist", i, "deadline"))


@rule(
    "CK103",
    name="checklist-deadline-fits-kind",
    family="checklist",
    severity=Severity.WARNING,
    summary=N_("A 立行立改 item is due soon after the meeting; a 限期整改 item has a deadline"),
    rationale="能立即解决的立行立改；需要一段时间的规定完成时限；长期坚持的持续推进。",
    source="各地实施方案的通行做法（立行立改事项即知即改）",
    params={"immediate_max_days": 30},
)
def deadline_fits_kind(ctx: RuleContext) -> Iterable[Hit]:
    limit = int(ctx.param("immediate_max_days", 30))
    meeting = ctx.plan.meeting.date
    for i, item in enumerate(ctx.plan.checklist):
        if (item.kind is ChecklistKind.IMMEDIATE and item.deadline is not None
                and (item.deadline - meeting).days > limit):
            yield Hit(N_("Checklist item {id} is 立行立改 but due {days} days after the meeting (more than {limit})"),
                      {"id": item.id, "days": (item.deadline - meeting).days, "limit": limit},
                      ("checklist", i, "kind"), N_("Make it 限期整改, or bring the deadline forward"))


@rule(
    "CK104",
    name="closed-item-evidenced",
    family="checklist",
    severity=Severity.ERROR,
    summary=N_("A closed (已销号) item has evidence, a reviewer and a closing date"),
    rationale="销号须有佐证材料，并经审核后销号。",
    source="各地实施方案的通行做法（对账销号）",
)
def closed_item_evidenced(ctx: RuleContext) -> Iterable[Hit]:
    for i, item in enumerate(ctx.plan.checklist):
        if item.status is not ChecklistStatus.CLOSED:
            continue
        missing = []
        if not item.evidence:
            missing.append("佐证材料")
        if not item.closed_by.strip():
            missing.append("销号审核人")
        if item.closed_on is None:
            missing.append("销号日期")
        if missing:
            yield Hit(N_("Checklist item {id} is closed but lacks: {missing}"),
                      {"id": item.id, "missing": missing}, ("checklist", i, "status"))


@rule(
    "CK105",
    name="feedback-issue-has-measure",
    family="checklist",
    severity=Severity.WARNING,
    summary=N_("Every feedback issue has at least one checklist item"),
    rationale="巡察反馈问题要逐条建立整改措施，做到清仓见底。",
    source="各地实施方案的通行做法（清单式管理、滚动式销号）",
)
def feedback_issue_has_measure(ctx: RuleContext) -> Iterable[Hit]:
    if not ctx.plan.checklist:
        return
    answered = {item.source_ref for item in ctx.plan.checklist if item.source is ChecklistSource.FEEDBACK}
    for i, issue in enumerate(ctx.plan.inspection.issues):
        if issue.id not in answered:
            yield Hit(N_("Feedback issue {id} has no checklist item"), {"id": issue.id},
                      ("inspection", "issues", i), N_("Add a checklist item with source_ref: {id}"),
                      {"id": issue.id})


RULES = (item_complete, deadline_after_meeting, deadline_fits_kind, closed_item_evidenced,
         feedback_issue_has_measure)
