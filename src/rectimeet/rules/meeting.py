"""会议: host, attendance, and the right kind of meeting for the organisation."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from rectimeet.i18n import N_
from rectimeet.models.meeting import MeetingKind
from rectimeet.models.unit import OrgType
from rectimeet.rules.engine import Hit, RuleContext, Severity, rule


@rule(
    "MG101",
    name="host-is-principal",
    family="meeting",
    severity=Severity.ERROR,
    summary=N_("The meeting is hosted by the principal leader"),
    rationale="专题民主生活会由主要负责同志主持，并代表班子作对照检查。",
    source="各地实施方案的通行做法（主要负责同志主持会议）",
)
def host_is_principal(ctx: RuleContext) -> Iterable[Hit]:
    unit = ctx.plan.unit
    principal = unit.principal()
    if principal is None:
        yield Hit(N_("No member is marked as the principal leader (主要负责同志)"), {},
                  ("unit", "members"), N_("Set role: 主要负责同志 on the principal leader"))
        return
    host = ctx.plan.meeting.host
    if host is not None and host != principal.id:
        yield Hit(N_("The meeting is hosted by {host}, not by the principal leader {principal}"),
                  {"host": unit.person_name(host), "principal": principal.name}, ("meeting", "host"))


@rule(
    "MG102",
    name="attendance-quorum",
    family="meeting",
    severity=Severity.ERROR,
    summary=N_("At least two thirds of those due attend"),
    rationale="到会人数必须达到应到会人数的三分之二以上。",
    source="《县以上党和国家机关党员领导干部民主生活会若干规定》（到会人数达到应到会人数的三分之二以上）",
    params={"attendance_ratio": 2 / 3},
)
def attendance_quorum(ctx: RuleContext) -> Iterable[Hit]:
    due = ctx.plan.attendees()
    absent = {a.member for a in ctx.plan.meeting.absent} & set(due)
    present = len(due) - len(absent)
    # 0.6667 written in a spec means two thirds: compare as a small fraction, in integers,
    # so that exactly two thirds (4 of 6) passes.
    ratio = Fraction(float(ctx.param("attendance_ratio", 2 / 3))).limit_denominator(100)
    if due and present * ratio.denominator < len(due) * ratio.numerator:
        yield Hit(N_("Only {present} of {due} members attend; at least two thirds are required"),
                  {"present": present, "due": len(due)}, ("meeting", "absent"))


@rule(
    "MG103",
    name="meeting-kind-fits-organisation",
    family="meeting",
    severity=Severity.WARNING,
    summary=N_("A party branch holds an organisational life meeting, not a democratic life meeting"),
    rationale="党支部召开组织生活会；民主生活会适用于党委（党组）领导班子，乡镇、学校参照执行。",
    source="《中国共产党支部工作条例（试行）》；《县以上党和国家机关党员领导干部民主生活会若干规定》",
)
def meeting_kind_fits(ctx: RuleContext) -> Iterable[Hit]:
    unit = ctx.plan.unit
    if unit.org_type is OrgType.BRANCH and ctx.prepared.meeting_kind is MeetingKind.DEMOCRATIC_LIFE:
        yield Hit(N_("{org} is a party branch: its meeting is a 专题组织生活会"), {"org": unit.party_org},
                  ("meeting", "kind"), N_("Set meeting.kind: 专题组织生活会"))


RULES = (host_is_principal, attendance_quorum, meeting_kind_fits)
