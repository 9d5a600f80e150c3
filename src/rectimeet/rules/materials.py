"""材料: outlines written by each member and reviewed by the principal leader in time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from rectimeet.i18n import N_
from rectimeet.models.material import MaterialKind
from rectimeet.rules.engine import Hit, RuleContext, Severity, rule
from rectimeet.vocabulary import MilestoneKey


def _review_deadline(ctx: RuleContext) -> dt.date:
    """When outlines must be reviewed: the materials_reviewed milestone, else the meeting day."""
    milestone = ctx.prepared.milestone(MilestoneKey.MATERIALS_REVIEWED)
    return milestone.due if milestone is not None else ctx.plan.meeting.date


@rule(
    "MT101",
    name="outline-reviewed-by-principal",
    family="materials",
    severity=Severity.ERROR,
    summary=N_("Every individual outline is reviewed by the principal leader before its deadline"),
    rationale="主要负责同志要对班子成员的发言提纲逐一审阅把关，并在规定时间前完成。",
    source="《县以上党和国家机关党员领导干部民主生活会若干规定》（主要负责人审阅把关发言提纲）",
)
def outline_reviewed(ctx: RuleContext) -> Iterable[Hit]:
    plan = ctx.plan
    principal = plan.unit.principal()
    due = _review_deadline(ctx)
    for i, mat in enumerate(plan.materials):
        if mat.kind is not MaterialKind.PERSONAL:
            continue
        author = plan.unit.person_name(mat.author)
        if (mat.reviewed_by is not None and principal is not None
                and mat.reviewed_by != principal.id and mat.author != principal.id):
            yield Hit(N_("The outline of {name} is reviewed by {reviewer}, not by the principal leader {principal}"),
                      {"name": author, "reviewer": plan.unit.person_name(mat.reviewed_by),
                       "principal": principal.name}, ("materials", i, "reviewed_by"))
        if mat.reviewed_on is not None and mat.reviewed_on > due:
            yield Hit(N_("The outline of {name} was reviewed on {date}, after the deadline {due}"),
                      {"name": author, "date": mat.reviewed_on.isoformat(), "due": due.isoformat()},
                      ("materials", i, "reviewed_on"))
        if mat.reviewed_on is not None and mat.submitted_on is not None and mat.reviewed_on < mat.submitted_on:
            yield Hit(N_("The outline of {name} was reviewed before it was submitted"),
                      {"name": author}, ("materials", i, "reviewed_on"))


@rule(
    "MT102",
    name="outline-tracked-for-each-member",
    family="materials",
    severity=Severity.WARNING,
    summary=N_("Each attending member has a tracked speech outline"),
    rationale="个人发言提纲由本人撰写；rectimeet 只跟踪其提交、审阅和签字状态。",
    source="《县以上党和国家机关党员领导干部民主生活会若干规定》（本人撰写发言提纲）",
)
def outline_tracked(ctx: RuleContext) -> Iterable[Hit]:
    plan = ctx.plan
    have = {m.author for m in plan.materials if m.kind is MaterialKind.PERSONAL}
    for i, member in enumerate(plan.unit.members):
        if member.party_member and member.id in plan.attendees() and member.id not in have:
            yield Hit(N_("No speech outline is tracked for {name}"), {"name": member.name},
                      ("unit", "members", i),
                      N_("Add a materials entry with kind 个人发言提纲 and author {id}"), {"id": member.id})


@rule(
    "MT103",
    name="outline-not-yet-reviewed",
    family="materials",
    severity=Severity.WARNING,
    summary=N_("An outline that has not been reviewed yet is flagged with its deadline"),
    rationale="未审阅的发言提纲要在审阅时限前完成审阅把关。",
    source="《县以上党和国家机关党员领导干部民主生活会若干规定》（主要负责人审阅把关发言提纲）",
)
def outline_not_reviewed(ctx: RuleContext) -> Iterable[Hit]:
    plan = ctx.plan
    principal = plan.unit.principal()
    due = _review_deadline(ctx)
    for i, mat in enumerate(plan.materials):
        if mat.kind is MaterialKind.PERSONAL and mat.reviewed_on is None:
            if principal is not None and mat.author == principal.id:
                continue  # the principal's own outline is reviewed by the superior, not by self
            yield Hit(N_("The outline of {name} has not been reviewed yet (due {due})"),
                      {"name": plan.unit.person_name(mat.author), "due": due.isoformat()},
                      ("materials", i))


@rule(
    "MT104",
    name="team-material-tracked",
    family="materials",
    severity=Severity.WARNING,
    summary=N_("The team's self-examination material is tracked"),
    rationale="班子对照检查材料由主要负责同志主持起草，经班子集体研究审定。",
    source="《县以上党和国家机关党员领导干部民主生活会若干规定》；各地实施方案的通行做法（班子对照检查材料经党委会集体研究审定）",
)
def team_material(ctx: RuleContext) -> Iterable[Hit]:
    if not any(m.kind is MaterialKind.TEAM for m in ctx.plan.materials):
        yield Hit(N_("The team's self-examination material (班子对照检查材料) is not tracked"), {},
                  ("materials",))


RULES = (outline_reviewed, outline_tracked, outline_not_reviewed, team_material)
