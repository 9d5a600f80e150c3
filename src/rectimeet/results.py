"""Typed results of the Python API: the schedule and the ledger status of one plan.

They are pydantic models, so an integrator gets attribute access and type checking, and
``model_dump(mode="json")`` / ``model_dump_json()`` give the JSON the CLI prints with
``--format json``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from rectimeet.ledger.status import ItemStatus, LedgerSummary
    from rectimeet.prepared import Prepared


class Result(BaseModel):
    """Base of the result models: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class MilestoneResult(Result):
    """One computed milestone of the timeline."""

    key: str
    title: str
    due: dt.date
    due_text: str
    """The date as the plan says it (``12月上旬`` for an imprecise one)."""
    phase: str
    """``before``, ``meeting`` or ``after``."""
    anchor: str
    offset: int
    unit: str
    """``days`` or ``working_days``."""
    responsible: str
    deliverable: str
    recipients: list[str]
    source: str
    overridden: bool
    date_kind: str = "counted"
    """counted, day, range, part or relative: how the date came about."""
    imprecise: bool = False
    """``due_text`` names a span or a phrase; ``due`` is its last day."""
    moved_from: dt.date | None = None
    """The counted day, when it fell on a rest day and was moved."""


class TalkResult(Result):
    """One talk of the talk schedule (``date`` is None when it could not be placed)."""

    a: str
    b: str
    a_name: str
    b_name: str
    kind: str
    date: dt.date | None
    half_day: str
    held: bool


class ScheduleResult(Result):
    """What :func:`rectimeet.schedule` returns: the timeline and the talk schedule."""

    meeting_date: dt.date
    milestones: list[MilestoneResult]
    talks: list[TalkResult]
    talk_problem: str | None
    """Why some talks could not be placed, in the language asked for; None when all fit."""
    assumed_calendar_years: list[str]
    """Years whose holiday schedule is not published yet (weekends and fixed holidays assumed)."""

    @classmethod
    def from_prepared(cls, prepared: Prepared, lang: str = "zh") -> ScheduleResult:
        problem = prepared.talk_problem
        render = getattr(problem, "render", None)
        text = str(render(lang)) if callable(render) else problem
        return cls(
            meeting_date=prepared.plan.meeting.date,
            milestones=[MilestoneResult(
                key=m.key, title=m.title, due=m.due, due_text=m.due_text, phase=m.phase.value,
                anchor=m.anchor, offset=m.offset, unit=m.unit.value, responsible=m.responsible,
                deliverable=m.deliverable, recipients=list(m.recipients), source=m.source,
                overridden=m.overridden, date_kind=m.date_kind.value, imprecise=m.imprecise,
                moved_from=m.moved_from) for m in prepared.milestones],
            talks=[TalkResult(a=t.a, b=t.b, a_name=t.a_name, b_name=t.b_name, kind=t.kind,
                              date=t.date, half_day=t.half_day, held=t.held)
                   for t in prepared.talks],
            talk_problem=text,
            assumed_calendar_years=list(prepared.calendar_notes),
        )


class ItemResult(Result):
    """One ledger item as of the status date."""

    seq: int
    """1-based position in the checklist (序号)."""
    id: str
    issue: str
    source: str
    owner: str
    lead: str
    responsible: str
    kind: str
    deadline: dt.date | None
    deadline_unit: str
    status: str
    days_left: int | None
    """In the item's own unit; negative when overdue; None without a deadline."""
    colour: str
    """``red`` (overdue), ``yellow``, ``green``, ``none`` or ``grey`` (finished)."""
    overdue: bool

    @classmethod
    def from_status(cls, s: ItemStatus) -> ItemResult:
        item = s.item
        return cls(seq=s.seq, id=item.id, issue=item.issue, source=item.source.value,
                   owner=s.owner_name, lead=s.lead_name, responsible=item.responsible,
                   kind=item.kind.value, deadline=item.deadline,
                   deadline_unit=item.deadline_unit.value, status=item.status.value,
                   days_left=s.days_left, colour=s.colour.value, overdue=s.overdue)


class Thresholds(Result):
    """When the lights change, in days left."""

    green_days: int
    yellow_days: int


class StatusResult(Result):
    """What :func:`rectimeet.status` returns: one plan's ledger as of a date, overdue first."""

    as_of: dt.date
    thresholds: Thresholds
    total: int
    overdue: int
    by_status: dict[str, int]
    by_kind: dict[str, int]
    by_owner: dict[str, int]
    by_source: dict[str, int]
    by_colour: dict[str, int]
    items: list[ItemResult]

    @classmethod
    def from_summary(cls, summary: LedgerSummary) -> StatusResult:
        return cls(
            as_of=summary.as_of,
            thresholds=Thresholds(green_days=summary.thresholds.green_days,
                                  yellow_days=summary.thresholds.yellow_days),
            total=summary.total, overdue=len(summary.overdue), by_status=summary.by_status,
            by_kind=summary.by_kind, by_owner=summary.by_owner, by_source=summary.by_source,
            by_colour=summary.by_colour, items=[ItemResult.from_status(s) for s in summary.items])
