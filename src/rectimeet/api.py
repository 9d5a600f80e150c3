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
from typing import Any

from rectimeet.models.plan import Plan
from rectimeet.plugins import PluginHost, get_host
from rectimeet.prepared import Prepared
from rectimeet.rules.engine import (
    Finding,
    Rule,
    SourceMap,
    collect_rules,
    param_problems,
    run_rules,
)


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
    settings (the spec's own ``rules:`` win). Rule parameters no rule takes, or of the wrong
    type or range, raise :class:`~rectimeet.errors.SpecError` (code P002).
    """
    from rectimeet.errors import SpecError

    host = host or get_host()
    all_rules = collect_rules(host)
    own = plan.plan.rules.params if isinstance(plan, Prepared) else plan.rules.params
    bad_params = param_problems(own, all_rules)
    if bad_params:
        from rectimeet.spec.loader import with_lines

        raise with_lines(SpecError(bad_params), source_map or {})
    if not isinstance(plan, Prepared):
        from rectimeet.spec.config import apply_project_config, find_config

        plan = apply_project_config(plan, spec_dir)
        inherited = {k: v for k, v in plan.rules.params.items() if k not in own}
        bad_params = param_problems(inherited, all_rules)
        if bad_params:
            # From rectimeet.toml, which has no line numbers to give.
            config = find_config(spec_dir) if spec_dir is not None else None
            raise SpecError(bad_params, config or "rectimeet.toml")
    prepared = plan if isinstance(plan, Prepared) else prepare(plan, host, spec_dir=spec_dir)
    prepared = replace(prepared, rule_codes=frozenset(r.code for r in all_rules))
    return run_rules(prepared, all_rules, source_map=source_map, today=today)


def schedule(plan: Plan | Prepared, *, host: PluginHost | None = None) -> dict[str, Any]:
    """The timeline and talk schedule as JSON-ready data (ISO dates)."""
    prepared = plan if isinstance(plan, Prepared) else prepare(plan, host)
    return {
        "meeting_date": prepared.plan.meeting.date.isoformat(),
        "milestones": [
            {
                "key": m.key,
                "title": m.title,
                "due": m.due.isoformat(),
                "due_text": m.due_text,
                "phase": m.phase.value,
                "anchor": m.anchor,
                "offset": m.offset,
                "unit": m.unit.value,
                "responsible": m.responsible,
                "deliverable": m.deliverable,
                "recipients": list(m.recipients),
                "source": m.source,
                "overridden": m.overridden,
            }
            for m in prepared.milestones
        ],
        "talks": [
            {
                "a": t.a,
                "b": t.b,
                "a_name": t.a_name,
                "b_name": t.b_name,
                "kind": t.kind,
                "date": t.date.isoformat() if t.date else None,
                "half_day": t.half_day,
                "held": t.held,
            }
            for t in prepared.talks
        ],
        "talk_problem": prepared.talk_problem,
        "assumed_calendar_years": prepared.calendar_notes,
    }


def assemble(
    plan: Plan | Prepared,
    out_dir: Path | str,
    documents: Sequence[str] | None = None,
    *,
    host: PluginHost | None = None,
    template_dirs: Iterable[Path] = (),
) -> list[Path]:
    """Write the document set (or the named ``documents``) into ``out_dir``; return the paths."""
    from rectimeet.documents import assemble as _assemble

    prepared = plan if isinstance(plan, Prepared) else prepare(plan, host)
    return list(_assemble(prepared, Path(out_dir), documents=documents,
                          template_dirs=tuple(template_dirs), host=host))
