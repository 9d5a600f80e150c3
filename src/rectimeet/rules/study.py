"""学习研讨: at least half a day of collective study, at the latest on the meeting day."""

from __future__ import annotations

from collections.abc import Iterable

from rectimeet.i18n import N_
from rectimeet.models.study import StudyMode
from rectimeet.rules.engine import Hit, RuleContext, Severity, rule


@rule(
    "ST101",
    name="collective-study-half-day",
    family="study",
    severity=Severity.WARNING,
    summary=N_("At least half a day of collective study (集中学习) before the meeting"),
    rationale="会前要开展学习研讨，其中集中学习时间不少于半天。",
    source="各地实施方案的通行做法（集中学习时间不少于半天）",
    params={"min_collective_days": 0.5},
)
def collective_study(ctx: RuleContext) -> Iterable[Hit]:
    needed = float(ctx.param("min_collective_days", 0.5))
    meeting = ctx.plan.meeting.date
    sessions = ctx.plan.study.sessions
    held = sum(s.days for s in sessions if s.mode is StudyMode.COLLECTIVE and s.date <= meeting)
    if held < needed:
        yield Hit(N_("Collective study before the meeting adds up to {days} days; at least half a day is required"),
                  {"days": held}, ("study", "sessions"),
                  N_("Add a study.sessions entry with mode 集中学习 before the meeting"))
    for i, s in enumerate(sessions):
        # The township's full-day form studies on the morning of the meeting day (examples/plan11.yaml).
        if s.date > meeting:
            yield Hit(N_("Study session on {date} is after the meeting"), {"date": s.date.isoformat()},
                      ("study", "sessions", i, "date"))


RULES = (collective_study,)
