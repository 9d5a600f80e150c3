"""Rules only some levels have: a school consults its 教代会, a township follows up in its villages.

Plugin rules run on every plan, so each rule first checks that the plan is of its own level.
"""

from __future__ import annotations

from collections.abc import Iterable

from rectimeet.i18n import N_
from rectimeet.models.milestone import Milestone
from rectimeet.rules.engine import Hit, Rule, RuleContext, Severity, rule

STAFF_CONGRESS = ("教代会", "教职工代表大会")
BRANCH_MEETING = "branch_meeting"


def effective_milestones(ctx: RuleContext) -> dict[str, Milestone]:
    """The level's milestones with the spec's patches applied, enabled ones only, by key."""
    by_key = {m.key: m for m in ctx.prepared.defaults.milestones}
    for patch in ctx.plan.schedule.milestones:
        by_key[patch.key] = patch.apply(by_key.get(patch.key))
    return {key: m for key, m in by_key.items() if m.enabled}


@rule(
    "LV101",
    name="school-consults-staff-congress",
    family="level",
    severity=Severity.WARNING,
    summary=N_("A school consults the 教代会 (staff congress) representatives"),
    rationale="学校召开专题民主生活会前，要向党员群众和教代会代表征求对班子及成员的意见建议。",
    source="plan06（通过发放意见建议征求表，听取党员群众、教代会代表意见）",
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
    source="plan01（各村支部于xx月xx日前召开专题组织生活会）；民主生活会若干规定第三条（R24）",
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
