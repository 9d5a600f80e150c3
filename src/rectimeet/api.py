"""The Python API: prepare, check, schedule and assemble a plan.

Everything here also backs the CLI; an OA system embedding rectimeet calls these directly::

    import rectimeet
    loaded = rectimeet.spec.load("meeting.yaml")          # or build a Plan in code
    findings = rectimeet.check(loaded.plan, source_map=loaded.source_map)
    written = rectimeet.assemble(loaded.plan, "out/")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rectimeet.models.plan import Plan
from rectimeet.plugins import PluginHost, get_host
from rectimeet.prepared import Prepared
from rectimeet.rules.engine import Finding, Rule, SourceMap, collect_rules, run_rules

if TYPE_CHECKING:
    from rectimeet.results import ScheduleResult, StatusResult


def prepare(plan: Plan, host: PluginHost | None = None, *, spec_dir: Path | None = None) -> Prepared:
    """Resolve the level's defaults, the timeline and the talk schedule for ``plan``.

    ``spec_dir`` is where relative paths in the spec (calendar data files) are resolved from.
    """
    from rectimeet.scheduling.calendar import calendar_for
    from rectimeet.scheduling.talks import plan_talks
    from rectimeet.scheduling.timeline import compute_timeline

    host = host or get_host()
    defaults = host.defaults(plan.unit, plan)
    calendar = calendar_for(host, plan, base_dir=spec_dir)
    milestones = compute_timeline(plan, defaults, calendar)
    talks, problem = plan_talks(plan, defaults, calendar, milestones)
    dates = [plan.meeting.date, plan.inspection.feedback_date, *(m.due for m in milestones)]
    notes = [str(y) for y in calendar.assumed_years(dates)]
    return Prepared(plan, defaults, milestones, talks, problem, notes, calendar=calendar)


def rules(host: PluginHost | None = None) -> list[Rule]:
    """Every installed rule, built-in and from plugins, sorted by code."""
    return collect_rules(host or get_host())


def check(
    plan: Plan | Prepared,
    *,
    host: PluginHost | None = None,
    source_map: SourceMap | None = None,
    spec_dir: Path | None = None,
    today: dt.date | None = None,
) -> list[Finding]:
    """Run every enabled rule; return all findings (errors, warnings, info), sorted.

    With ``spec_dir``, the nearest ``rectimeet.toml`` at or above it supplies project-wide rule
    settings (the spec's own ``rules:`` win).
    """
    host = host or get_host()
    if not isinstance(plan, Prepared):
        from rectimeet.spec.config import apply_project_config

        plan = apply_project_config(plan, spec_dir)
    prepared = plan if isinstance(plan, Prepared) else prepare(plan, host, spec_dir=spec_dir)
    all_rules = collect_rules(host)
    prepared = replace(prepared, rule_codes=frozenset(r.code for r in all_rules))
    return run_rules(prepared, all_rules, source_map=source_map, today=today)


def schedule(plan: Plan | Prepared, *, host: PluginHost | None = None, lang: str = "zh"
             ) -> ScheduleResult:
    """The timeline and talk schedule, typed (``.model_dump(mode="json")`` gives ISO dates)."""
    from rectimeet.results import ScheduleResult

    prepared = plan if isinstance(plan, Prepared) else prepare(plan, host)
    return ScheduleResult.from_prepared(prepared, lang)


def status(plan: Plan | Prepared, as_of: dt.date | None = None, *,
           spec_dir: Path | None = None) -> StatusResult:
    """The ledger as of ``as_of`` (default today): every item's days left and colour, overdue
    first, with the counts. ``spec_dir`` resolves the plan's own calendar files."""
    from rectimeet.ledger.status import summarize
    from rectimeet.models.milestone import DateUnit
    from rectimeet.results import StatusResult
    from rectimeet.scheduling.workdays import default_calendar

    source = plan.plan if isinstance(plan, Prepared) else plan
    working = any(i.deadline_unit is DateUnit.WORKING_DAYS for i in source.checklist)
    calendar = default_calendar(source, spec_dir) if working else None
    return StatusResult.from_summary(summarize(plan, as_of or dt.date.today(), calendar))


def assemble(
    plan: Plan | Prepared,
    out_dir: Path | str,
    documents: Sequence[str] | None = None,
    *,
    host: PluginHost | None = None,
    template_dirs: Iterable[Path] = (),
    as_of: dt.date | None = None,
) -> list[Path]:
    """Write the document set (or the named ``documents``) into ``out_dir``; return the paths.

    ``as_of`` is the day the 整改情况报告 counts the ledger on (default: today). Unlike
    ``rectimeet build``, this does not run the rules first: call :func:`check` and stop on
    errors when the documents must only be written for a clean plan.
    """
    from rectimeet.documents import assemble as _assemble

    prepared = plan if isinstance(plan, Prepared) else prepare(plan, host)
    return list(_assemble(prepared, Path(out_dir), documents=documents,
                          template_dirs=tuple(template_dirs), host=host, as_of=as_of))
