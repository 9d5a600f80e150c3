"""Rules only some levels have: a school consults its 教代会, a township follows up in its villages.

Plugin rules run on every plan, so each rule first checks that the plan is of its own level.
"""

from __future__ import annotations

from collections.abc import Iterable

from rectimeet.i18n import N_
from rectimeet.models.milestone import Milestone
from rectimeet.rules.engine import Hit, Rule, RuleContext, Severity, rule
from rectimeet.scheduling.timeline import declared_milestones
from rectimeet.vocabulary import MilestoneKey

STAFF_CONGRESS = ("教代会", "教职工代表大会")
BRANCH_MEETING = MilestoneKey.BRANCH_MEETING.value


def effective_milestones(ctx: RuleContext) -> dict[str, Milestone]:
    """The level's milestones with the spec's patches applied, enabled ones only, by key."""
    return {m.key: m for m, _path in declared_milestones(ctx.plan, ctx.prepared.defaults)}


@rule(
    "LV101",
    name="school-consults-staff-congress",
    family="level",
    severity=Severity.WARNING,
    summary=N_("A school consults the 教代会 (staff congress) representatives"),
    rationale="学校召开专题民主生活会前，要向党员群众和教代会代表征求对班子及成员的意见建议。",
    source="学校党组织专题民主生活会实施方案的通行做法（发放意见建议征求表，听取党员群众、教代会代表意见）",
)
def school_consults_staff_congress(ctx: RuleContext) -> Iterable[Hit]:
    if ctx.plan.unit.level != "school":
        return
    if not any(word in op.source for op in ctx.plan.opinions for word in STAFF_CONGRESS):
        yield Hit(N_("No opinion is recorded from the 教代会 (staff congress) representatives"),
                  {}, ("opinions",),
                  N_("Record their opinions with a source that names the 教代会"))


@rule(
    "LV201",
    name="township-branch-follow-up",
    family="level",
    severity=Severity.WARNING,
    summary=N_("A township schedules the village branches' follow-up 专题组织生活会"),
    rationale="乡镇班子会后要指导各村（居）党支部召开专题组织生活会，班子成员以普通党员身份参加，"
              "过好双重组织生活。",
    source="乡镇实施方案的通行做法（各村支部于会后限期召开专题组织生活会）；"
           "《县以上党和国家机关党员领导干部民主生活会若干规定》第三条（双重组织生活）",
)
def township_branch_follow_up(ctx: RuleContext) -> Iterable[Hit]:
    if ctx.plan.unit.level != "township":
        return
    if BRANCH_MEETING not in effective_milestones(ctx):
        yield Hit(N_("No follow-up 专题组织生活会 of the village party branches is scheduled "
                     "(milestone {key})"), {"key": BRANCH_MEETING}, ("schedule", "milestones"),
                  N_("Keep the {key} milestone enabled, with the date the branches must meet by"),
                  {"key": BRANCH_MEETING})


def school_rules() -> list[Rule]:
    return [school_consults_staff_congress]


def township_rules() -> list[Rule]:
    return [township_branch_follow_up]
