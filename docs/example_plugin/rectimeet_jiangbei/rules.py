"""江北省's own rule: the report must not be scheduled later than the province allows."""

from __future__ import annotations

from collections.abc import Iterable

from rectimeet.rules.engine import Hit, RuleContext, Severity, rule

# Message ids that rectimeet's catalogues do not know are shown as written, so a provincial
# plugin whose users read Chinese writes its messages in Chinese.
LATE_REPORT = "情况报告定于会后{days}天（{due}）报送，江北省要求会后{limit}天内报送"
LATE_REPORT_HINT = "把 schedule.milestones 中 report 的 offset 改为 {limit} 以内"


@rule(
    "JB101",
    name="jiangbei-report-within-limit",
    family="reporting",
    severity=Severity.ERROR,
    summary="情况报告和会议记录在会后规定天数内报送（江北省）",
    rationale="江北省要求民主生活会情况报告和会议记录在会后10日内报送上级纪委和组织部。",
    source="江北省委组织部通知（示例）",
    params={"report_max_days": 10},
)
def report_within_deadline(ctx: RuleContext) -> Iterable[Hit]:
    limit = int(ctx.param("report_max_days", 10))
    report = ctx.prepared.milestone("report")
    if report is None:
        return
    # A last day that fell on a rest day and was rolled forward still ends the period in time
    # (民法典 第二百零三条): measure the day counting gave, unless the spec wrote its own date.
    counted = report.moved_from if report.moved_from is not None and report.due == report.computed \
        else report.due
    days = (counted - ctx.plan.meeting.date).days
    if days > limit:
        yield Hit(
            LATE_REPORT,
            {"days": days, "due": report.due.isoformat(), "limit": limit},
            ("schedule", "milestones"),
            LATE_REPORT_HINT,
            {"limit": limit},
        )
