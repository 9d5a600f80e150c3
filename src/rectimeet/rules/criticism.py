"""批评意见: each member gives enough criticism, to every other member."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rectimeet.i18n import N_
from rectimeet.rules.engine import Hit, RuleContext, Severity, rule


@rule(
    "CR101",
    name="criticisms-per-member",
    family="criticism",
    severity=Severity.ERROR,
    summary=N_("Each member gives at least the required number of criticisms"),
    rationale="每位班子成员至少要向其他班子成员提出若干条批评意见（各方案均为“xx条以上”，数量由上级通知确定）。",
    source="各地实施方案的通行做法（每人至少提出xx条批评意见）",
    params={"min_criticisms": 3},
)
def criticisms_per_member(ctx: RuleContext) -> Iterable[Hit]:
    needed = int(ctx.param("min_criticisms", 3))
    given: dict[str, int] = defaultdict(int)
    for c in ctx.plan.criticisms:
        given[c.from_] += c.count
    attending = set(ctx.plan.attendees()) - {a.member for a in ctx.plan.meeting.absent}
    for i, member in enumerate(ctx.plan.unit.members):
        if member.id not in attending or not member.party_member:
            continue
        if given[member.id] < needed:
            yield Hit(N_("{name} gives {count} criticisms; at least {needed} are required"),
                      {"name": member.name, "count": given[member.id], "needed": needed},
                      ("unit", "members", i),
                      N_("Record this member's criticisms under criticisms (from/to/count)"))


@rule(
    "CR102",
    name="criticism-to-each-member",
    family="criticism",
    severity=Severity.WARNING,
    summary=N_("Each member criticises every other member (逐一批评)"),
    rationale="会上其他成员要逐一提出批评意见，一个一个过。",
    source="各地实施方案的通行做法（先开展自我批评、再逐一开展批评，一个一个过）",
)
def criticism_to_each_member(ctx: RuleContext) -> Iterable[Hit]:
    if not ctx.plan.criticisms:
        return  # CR101 already reports members who gave none
    pairs = {(c.from_, c.to) for c in ctx.plan.criticisms if c.count > 0}
    givers = {c.from_ for c in ctx.plan.criticisms}
    unit = ctx.plan.unit
    attendees = set(ctx.plan.attendees())
    members = [m for m in unit.members if m.party_member and m.id in attendees]
    for giver in members:
        if giver.id not in givers:
            continue
        missing = [m.name for m in members if m.id != giver.id and (giver.id, m.id) not in pairs]
        if missing:
            yield Hit(N_("{name} has given no criticism to: {missing}"),
                      {"name": giver.name, "missing": missing}, ("criticisms",))


RULES = (criticisms_per_member, criticism_to_each_member)
