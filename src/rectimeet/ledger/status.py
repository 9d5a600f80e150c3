"""Ledger status as of a date: days left, warning colours, counts (the 预警 view)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rectimeet.models.base import TEAM
from rectimeet.models.checklist import (
    ChecklistItem,
    ChecklistKind,
    ChecklistSource,
    ChecklistStatus,
)
from rectimeet.models.milestone import DateUnit
from rectimeet.models.plan import Plan
from rectimeet.prepared import Prepared
from rectimeet.scheduling.workdays import WeekendsOnly, WorkingDays, days_left, default_calendar

GREEN_DAYS = 20
"""Default of ``ledger_green_days``: an open item this close to its deadline shows green."""
YELLOW_DAYS = 10
"""Default of ``ledger_yellow_days``: this close, yellow."""

OPEN = (ChecklistStatus.PENDING, ChecklistStatus.IN_PROGRESS)


class Colour(StrEnum):
    """Warning light of one item."""

    RED = "red"
    """Open and past its deadline (逾期)."""
    YELLOW = "yellow"
    """Open, at most ``ledger_yellow_days`` left."""
    GREEN = "green"
    """Open, at most ``ledger_green_days`` left."""
    NONE = "none"
    """Open with more time left, or no deadline (长期坚持)."""
    GREY = "grey"
    """Finished (已完成, awaiting 销号) or closed (已销号)."""

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Colour.RED: "红灯",
    Colour.YELLOW: "黄灯",
    Colour.GREEN: "绿灯",
    Colour.NONE: "正常",
    Colour.GREY: "完成",
}


@dataclass(frozen=True)
class Thresholds:
    """When the lights change, in days left (counted in each item's own unit)."""

    green_days: int = GREEN_DAYS
    yellow_days: int = YELLOW_DAYS

    def colour(self, status: ChecklistStatus, left: int | None) -> Colour:
        if status not in OPEN:
            return Colour.GREY
        if left is None:
            return Colour.NONE
        if left < 0:
            return Colour.RED
        if left <= self.yellow_days:
            return Colour.YELLOW
        if left <= self.green_days:
            return Colour.GREEN
        return Colour.NONE


@dataclass(frozen=True)
class ItemStatus:
    """One item as of the date."""

    seq: int
    """1-based position in the checklist (序号)."""
    item: ChecklistItem
    owner_name: str
    """班子, or the owning member's name."""
    lead_name: str
    """The responsible leader's name, or ""."""
    days_left: int | None
    """In the item's unit (working or calendar days); None without a deadline."""
    colour: Colour

    @property
    def overdue(self) -> bool:
        return self.colour is Colour.RED

    def as_json(self) -> dict[str, Any]:
        item = self.item
        return {
            "seq": self.seq,
            "id": item.id,
            "issue": item.issue,
            "source": item.source.value,
            "owner": self.owner_name,
            "lead": self.lead_name,
            "responsible": item.responsible,
            "kind": item.kind.value,
            "deadline": item.deadline.isoformat() if item.deadline else None,
            "deadline_unit": item.deadline_unit.value,
            "status": item.status.value,
            "days_left": self.days_left,
            "colour": self.colour.value,
            "overdue": self.overdue,
        }


@dataclass(frozen=True)
class LedgerSummary:
    """The ledger as of a date: items overdue first, then by urgency, and the counts."""

    as_of: dt.date
    thresholds: Thresholds
    items: list[ItemStatus]
    by_status: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    by_owner: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    by_colour: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def overdue(self) -> list[ItemStatus]:
        return [s for s in self.items if s.overdue]

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "thresholds": {"green_days": self.thresholds.green_days,
                           "yellow_days": self.thresholds.yellow_days},
            "total": self.total,
            "overdue": len(self.overdue),
            "by_status": self.by_status,
            "by_kind": self.by_kind,
            "by_owner": self.by_owner,
            "by_source": self.by_source,
            "by_colour": self.by_colour,
            "items": [s.as_json() for s in self.items],
        }


def _int_param(source: Prepared | Plan, name: str, default: int) -> int:
    if isinstance(source, Prepared):
        value = source.param(name, default)
    else:
        value = source.rules.params.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return default
    try:
        return int(value)
    except ValueError:
        return default


def thresholds_for(source: Prepared | Plan) -> Thresholds:
    """Thresholds from ``rules.params`` (then the level's params), else 20 / 10."""
    return Thresholds(
        green_days=_int_param(source, "ledger_green_days", GREEN_DAYS),
        yellow_days=_int_param(source, "ledger_yellow_days", YELLOW_DAYS),
    )


def item_days_left(item: ChecklistItem, as_of: dt.date, calendar: WorkingDays | None) -> int | None:
    """Days left to the item's deadline in its own unit (working days or calendar days)."""
    if item.deadline is None:
        return None
    if item.deadline_unit is DateUnit.WORKING_DAYS:
        return days_left(as_of, item.deadline, calendar or WeekendsOnly())
    return days_left(as_of, item.deadline, None)


def _sort_key(status: ItemStatus) -> tuple[int, int, int]:
    rank = {Colour.RED: 0, Colour.YELLOW: 1, Colour.GREEN: 2, Colour.NONE: 3, Colour.GREY: 4}
    left = status.days_left if status.days_left is not None else 10**6
    return rank[status.colour], left, status.seq


def _ordered_counts(values: list[str], order: list[str]) -> dict[str, int]:
    counts = Counter(values)
    out = {key: counts[key] for key in order}
    out.update({key: n for key, n in counts.items() if key not in out})
    return out


def summarize(source: Prepared | Plan, as_of: dt.date, calendar: WorkingDays | None = None
              ) -> LedgerSummary:
    """Every checklist item's days left and colour as of ``as_of``, overdue first, with counts.

    ``calendar`` counts the items whose ``deadline_unit`` is working days; without one the
    project's mainland-China calendar is used (weekends only if it is unavailable).
    """
    plan = source.plan if isinstance(source, Prepared) else source
    working = any(i.deadline_unit is DateUnit.WORKING_DAYS for i in plan.checklist)
    # The holiday calendar (plugins, data files) is only loaded when an item needs it.
    cal = calendar if calendar is not None or not working else default_calendar(plan)
    thresholds = thresholds_for(source)
    statuses = []
    for seq, item in enumerate(plan.checklist, start=1):
        left = item_days_left(item, as_of, cal)
        statuses.append(ItemStatus(
            seq=seq,
            item=item,
            owner_name=owner_name(plan, item),
            lead_name=plan.unit.person_name(item.lead) if item.lead else "",
            days_left=left,
            colour=thresholds.colour(item.status, left),
        ))
    statuses.sort(key=_sort_key)
    return LedgerSummary(
        as_of=as_of,
        thresholds=thresholds,
        items=statuses,
        by_status=_ordered_counts([s.item.status.value for s in statuses],
                                  [v.value for v in ChecklistStatus]),
        by_kind=_ordered_counts([s.item.kind.value for s in statuses],
                                [v.value for v in ChecklistKind]),
        by_owner=_ordered_counts([s.owner_name for s in statuses], [TEAM]),
        by_source=_ordered_counts([s.item.source.value for s in statuses],
                                  [v.value for v in ChecklistSource]),
        by_colour=_ordered_counts([s.colour.value for s in statuses], [c.value for c in Colour]),
    )


def owner_name(plan: Plan, item: ChecklistItem) -> str:
    """``班子`` for the team list, else the owning member's name."""
    return TEAM if item.owner == TEAM else plan.unit.person_name(item.owner)
