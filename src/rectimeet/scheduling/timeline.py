"""The meeting's timeline: every milestone's date, counted from its anchor on the work calendar.

Milestones come from the level's defaults, changed or extended by ``schedule.milestones`` patches
(by key). Anchors are ``meeting``, ``feedback`` or another milestone's key, resolved in
dependency order, so the order milestones are declared in never changes a date.
"""

from __future__ import annotations

import datetime as dt
from graphlib import CycleError, TopologicalSorter

from pydantic import ValidationError

from rectimeet.errors import Problem, SpecError
from rectimeet.i18n import N_
from rectimeet.models.level import LevelDefaults
from rectimeet.models.milestone import DateKind, Milestone, Phase
from rectimeet.models.plan import Plan
from rectimeet.models.unit import SuperiorRole
from rectimeet.prepared import ComputedMilestone
from rectimeet.scheduling.calendar import WorkCalendar
from rectimeet.scheduling.deadlines import DateTextError, count_offset, settle_by
from rectimeet.scheduling.phrases import Anchors, read_date_text
from rectimeet.vocabulary import MilestoneKey

MEETING = MilestoneKey.MEETING.value
FEEDBACK = "feedback"
"""The other anchor besides the meeting: the date the inspection feedback was given."""
Path = tuple[str | int, ...]


def declared_milestones(plan: Plan, defaults: LevelDefaults) -> list[tuple[Milestone, Path]]:
    """The level's milestones with the spec's patches applied, disabled ones dropped.

    Each comes with the spec path of the patch that last touched it (``()`` if none).
    """
    by_key: dict[str, tuple[Milestone, Path]] = {m.key: (m, ()) for m in defaults.milestones}
    problems: list[Problem] = []
    for i, patch in enumerate(plan.schedule.milestones):
        path: Path = ("schedule", "milestones", i)
        base = by_key.get(patch.key)
        try:
            by_key[patch.key] = (patch.apply(base[0] if base else None), path)
        except ValidationError as exc:
            fields = [str(e["loc"][0]) for e in exc.errors(include_url=False) if e["loc"]]
            if fields:
                problems.append(Problem("T003", path, N_("milestone {key} is new and needs {fields}"),
                                        params={"key": patch.key, "fields": fields}))
            else:
                problems.append(Problem("T003", path, N_("milestone {key} is new and needs valid "
                                                         "fields"), params={"key": patch.key}))
    if problems:
        raise SpecError(problems)
    return [(m, path) for m, path in by_key.values() if m.enabled]


def _order(items: list[tuple[Milestone, Path]]) -> list[str]:
    keys = {m.key for m, _ in items}
    graph: dict[str, set[str]] = {}
    for m, path in items:
        if m.key == MEETING:
            graph[m.key] = set()
            continue
        if m.anchor not in keys and m.anchor not in (MEETING, FEEDBACK):
            raise SpecError([Problem("T002", (*path, "anchor") if path else path,
                                     N_("milestone {key} is anchored to {anchor}, which is not "
                                        "meeting, feedback or an enabled milestone"),
                                     params={"key": m.key, "anchor": m.anchor})])
        graph[m.key] = {m.anchor} if m.anchor in keys and m.anchor != MEETING else set()
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        cycle = [str(k) for k in exc.args[1]]
        where = next((p for m, p in items if m.key in cycle and p), ())
        raise SpecError([Problem("T001", where, N_("milestone anchors form a cycle: {cycle}"),
                                 params={"cycle": " → ".join(cycle)})]) from None


def resolve_recipients(recipients: list[str], plan: Plan,
                       defaults: LevelDefaults) -> tuple[str, ...]:
    """Superior-role keys → the unit's (or else the level's) body names; literal names kept."""
    out: list[str] = []
    for r in recipients:
        try:
            role = SuperiorRole(r)
        except ValueError:
            out.append(r)
            continue
        out.append(plan.unit.superiors.get(role) or defaults.superiors.get(role) or r)
    return tuple(out)


def compute_timeline(plan: Plan, defaults: LevelDefaults,
                     calendar: WorkCalendar) -> list[ComputedMilestone]:
    """Every enabled milestone with its due date, sorted by (due, declaration order)."""
    items = declared_milestones(plan, defaults)
    position = {m.key: i for i, (m, _) in enumerate(items)}
    by_key = {m.key: (m, path) for m, path in items}
    meeting = plan.meeting.date
    dates: dict[str, dt.date] = {MEETING: meeting, FEEDBACK: plan.inspection.feedback_date}
    result: list[ComputedMilestone] = []
    policy = plan.schedule.rest_days
    for key in _order(items):
        if key not in by_key:
            continue
        m, path = by_key[key]
        if key == MEETING:
            raw = computed = meeting
            phase = Phase.MEETING
        else:
            raw = count_offset(dates[m.anchor], m.offset, m.unit, calendar)
            phase = m.phase or (Phase.BEFORE if raw < meeting else
                                Phase.AFTER if raw > meeting else Phase.MEETING)
            computed = settle_by(raw, phase, calendar, policy, meeting)
        due, text, kind = computed, "", DateKind.COUNTED
        if m.due_text:
            anchors = Anchors(meeting=meeting, calendar=calendar, policy=policy,
                              feedback=plan.inspection.feedback_date, counted=computed)
            try:
                approx = read_date_text(m.due_text, computed, anchors)
            except DateTextError as exc:
                raise SpecError([Problem("T005", (*path, "due_text") if path else path,
                                         exc.message_id, params=exc.params)]) from None
            due, text, kind = approx.check_date, str(approx), approx.kind
        if m.due is not None:
            due = m.due
            if not text:
                kind = DateKind.DAY
        if key == MEETING:
            # The meeting milestone shows how the plan writes the day; the day is meeting.date.
            due = meeting
        dates[key] = due
        result.append(ComputedMilestone(
            key=key, title=m.title, phase=phase, due=due, computed=computed,
            anchor=m.anchor if key != MEETING else MEETING,
            offset=m.offset, unit=m.unit, responsible=m.responsible, deliverable=m.deliverable,
            recipients=resolve_recipients(m.recipients, plan, defaults), source=m.source,
            after=tuple(m.after), overridden=m.due is not None or bool(m.due_text),
            moved_from=raw if raw != computed else None, imprecise=kind.imprecise,
            written=text, date_kind=kind, body=tuple(m.body)))
    return sorted(result, key=lambda c: (c.due, position[c.key]))
