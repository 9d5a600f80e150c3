"""Resolving a plan: rule parameters checked, ``rectimeet.toml`` applied, the level's defaults,
the timeline and the talk schedule computed. :func:`rectimeet.prepare` reads the spec and calls
:func:`resolve`; work below the API that needs a plan prepared (the ledger import checking an
edited checklist with the same rules as ``check``) calls it too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rectimeet.models.plan import Plan
from rectimeet.plugins import PluginHost
from rectimeet.prepared import Prepared
from rectimeet.rules.engine import (
    Finding,
    Rule,
    Severity,
    SourceMap,
    collect_rules,
    param_problems,
    run_rules,
)


def resolve(plan: Plan, host: PluginHost, smap: SourceMap | None, spec_path: Path | None,
             spec_dir: Path | None, project_config: bool) -> Prepared:
    from rectimeet.scheduling.calendar import calendar_for
    from rectimeet.scheduling.talks import plan_talks
    from rectimeet.scheduling.timeline import compute_timeline
    from rectimeet.spec.config import apply_project_config

    check_params(plan, host, smap, spec_dir if project_config else None)
    if project_config:
        plan = apply_project_config(plan, spec_dir)
    defaults = host.defaults(plan.unit, plan)
    calendar = calendar_for(host, plan, base_dir=spec_dir)
    milestones = compute_timeline(plan, defaults, calendar)
    talks, problem = plan_talks(plan, calendar, milestones)
    dates = [plan.meeting.date, plan.inspection.feedback_date, *(m.due for m in milestones)]
    notes = [str(y) for y in calendar.assumed_years(dates)]
    return Prepared(plan, defaults, milestones, talks, problem, notes, calendar=calendar, host=host,
                    source_map=smap, spec_path=spec_path, vocabulary=host.vocabulary())


def check_params(plan: Plan, host: PluginHost, smap: SourceMap | None, spec_dir: Path | None) -> None:
    """Rule parameters no rule takes, or of the wrong type or range, are a located SpecError
    (P002): the spec's own with their lines, rectimeet.toml's against that file."""
    from rectimeet.errors import SpecError
    from rectimeet.spec.config import apply_project_config, find_config
    from rectimeet.spec.loader import with_lines

    all_rules = collect_rules(host)
    own = plan.rules.params
    bad = param_problems(own, all_rules)
    if bad:
        raise with_lines(SpecError(bad), smap or {})
    if spec_dir is None:
        return
    inherited = {k: v for k, v in apply_project_config(plan, spec_dir).rules.params.items() if k not in own}
    bad = param_problems(inherited, all_rules)
    if bad:
        config = find_config(spec_dir)
        raise SpecError(bad, config or "rectimeet.toml")


def check_plan(plan: Plan, host: PluginHost, *, spec_dir: Path | None = None,
               only: Callable[[Rule, Severity], bool] | None = None) -> list[Finding]:
    """Every rule's findings for ``plan``, prepared as ``rectimeet.check`` prepares it (only
    the rules ``only`` picks, given each rule and its severity, when given)."""
    prepared = resolve(plan, host, None, None, spec_dir, True)
    return run_rules(prepared, collect_rules(host), only=only)
