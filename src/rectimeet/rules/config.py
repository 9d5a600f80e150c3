"""Checks on the rule configuration itself (a misspelled code must not pass silently)."""

from __future__ import annotations

from collections.abc import Iterable

from rectimeet.i18n import N_
from rectimeet.rules.engine import Hit, RuleContext, Severity, rule


@rule(
    "RL101",
    name="known-rule-codes",
    family="configuration",
    severity=Severity.WARNING,
    summary=N_("Rule codes in rules.disable and rules.severity exist"),
    rationale="拼错的规则代码会让配置静默失效。",
    source="rectimeet",
)
def known_rule_codes(ctx: RuleContext) -> Iterable[Hit]:
    settings = ctx.plan.rules
    if not settings.disable and not settings.severity:
        return
    codes = ctx.rule_codes
    for i, code in enumerate(settings.disable):
        if code not in codes:
            yield Hit(N_("Unknown rule code {code}"), {"code": code}, ("rules", "disable", i))
    for code in settings.severity:
        if code not in codes:
            yield Hit(N_("Unknown rule code {code}"), {"code": code}, ("rules", "severity", code))


RULES = (known_rule_codes,)
