"""认领: every feedback issue is claimed by the team or a member (对号入座)."""

from __future__ import annotations

from collections.abc import Iterable

from rectimeet.i18n import N_
from rectimeet.models.base import TEAM
from rectimeet.rules.engine import Hit, RuleContext, Severity, rule


@rule(
    "CL101",
    name="feedback-issue-claimed",
    family="claims",
    severity=Severity.ERROR,
    summary=N_("Every feedback issue is claimed by the team or a member"),
    rationale="反馈问题要逐一认领、对号入座，班子和个人都要把自己摆进去。",
    source="各地实施方案的通行做法（逐一认领反馈问题、对号入座）",
)
def feedback_issue_claimed(ctx: RuleContext) -> Iterable[Hit]:
    for i, issue in enumerate(ctx.plan.inspection.issues):
        if not issue.claimed_by:
            yield Hit(N_("Feedback issue {id} ({text}) is claimed by nobody"),
                      {"id": issue.id, "text": issue.text[:30]}, ("inspection", "issues", i, "claimed_by"),
                      N_("Add 班子 or the ids of the members who claim it to claimed_by"))


@rule(
    "CL102",
    name="member-claims-an-issue",
    family="claims",
    severity=Severity.WARNING,
    summary=N_("Every member claims at least one feedback issue"),
    rationale="班子成员要把自己摆进去，至少认领一项反馈问题，防止以班子代替个人。",
    source="各地实施方案的通行做法（防止以班子代替个人）",
)
def member_claims_an_issue(ctx: RuleContext) -> Iterable[Hit]:
    issues = ctx.plan.inspection.issues
    if not issues:
        return
    claimed = {who for issue in issues for who in issue.claimed_by if who != TEAM}
    for i, member in enumerate(ctx.plan.unit.members):
        if member.party_member and member.id not in claimed:
            yield Hit(N_("{name} has not claimed any feedback issue"), {"name": member.name},
                      ("unit", "members", i), N_("Add this member's id to claimed_by of the issues they answer for"))


RULES = (feedback_issue_claimed, member_claims_an_issue)
