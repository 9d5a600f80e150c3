"""Oversight across units: the ledgers of many specs counted together as of one date.

A county's 巡察办 or 整改办 follows 20–40 units; :func:`collect` reads every unit's spec and
gives per-unit and overall counts — done, in progress, due within the yellow and green windows
(10 and 20 days by default, as ``rectimeet status`` colours them), overdue — and the overdue
items of all units, most overdue first. A spec that cannot be read is reported with its problems
and does not stop the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import Field

from rectimeet.coreschema import new_list
from rectimeet.errors import Problem, RectimeetError, SpecError
from rectimeet.results import ItemResult, Result, StatusResult


class Counts(Result):
    """How many ledger items are where; ``done + in_progress + pending == total`` and
    ``overdue + due_within_10 + due_within_20 + later == in_progress + pending``."""

    total: int = 0
    done: int = 0
    """已完成 or 已销号."""
    in_progress: int = 0
    """整改中."""
    pending: int = 0
    """待整改."""
    overdue: int = 0
    """Open and past the deadline (red)."""
    due_within_10: int = 0
    """Open, at most ``ledger_yellow_days`` (10) days left (yellow)."""
    due_within_20: int = 0
    """Open, more than the yellow window and at most ``ledger_green_days`` (20) days left (green)."""
    later: int = 0
    """Open with more time left, or with no deadline (长期坚持)."""

    @property
    def done_percent(self) -> int:
        """Share of items done, rounded down (100 for an empty ledger: nothing is left)."""
        return 100 if self.total == 0 else self.done * 100 // self.total

    @classmethod
    def of(cls, items: Iterable[ItemResult]) -> Counts:
        items = list(items)
        colours = [i.colour for i in items]
        return cls(
            total=len(items),
            done=sum(1 for i in items if i.status in ("已完成", "已销号")),
            in_progress=sum(1 for i in items if i.status == "整改中"),
            pending=sum(1 for i in items if i.status == "待整改"),
            overdue=colours.count("red"),
            due_within_10=colours.count("yellow"),
            due_within_20=colours.count("green"),
            later=colours.count("none"),
        )

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{name: getattr(self, name) + getattr(other, name)
                         for name in Counts.model_fields})


class UnitStatus(Result):
    """One unit's ledger: its counts and items (overdue first)."""

    spec: str
    """The spec file, as given."""
    unit: str
    """The unit's name (``unit.name``)."""
    party_org: str
    """The party organisation whose ledger it is."""
    counts: Counts
    status: StatusResult


class ProblemResult(Result):
    """One problem of a spec that could not be read."""

    code: str
    path: str
    line: int | None
    column: int | None
    message: str

    @classmethod
    def of(cls, problem: Problem, lang: str) -> ProblemResult:
        return cls(code=problem.code, path=problem.dotted_path, line=problem.line,
                   column=problem.column, message=problem.text(lang))


class SpecFailure(Result):
    """A spec left out of the counts because it could not be read."""

    spec: str
    message: str
    problems: list[ProblemResult] = Field(default_factory=new_list)


class OverdueItem(Result):
    """An overdue item with its unit."""

    unit: str
    spec: str
    item: ItemResult


class Oversight(Result):
    """Every unit's ledger as of one date, units with overdue items first."""

    as_of: dt.date
    units: list[UnitStatus]
    overall: Counts
    overdue: list[OverdueItem]
    """Overdue items of every unit, most overdue first."""
    failures: list[SpecFailure] = Field(default_factory=new_list)


def _unit_key(unit: UnitStatus) -> tuple[int, int, int, str]:
    c = unit.counts
    return -c.overdue, -c.due_within_10, -c.due_within_20, unit.unit


def collect(paths: Sequence[Path], as_of: dt.date, lang: str = "zh") -> Oversight:
    """Read every spec in ``paths`` (files, as given) and count its ledger as of ``as_of``."""
    from rectimeet import api
    from rectimeet.spec import load

    units: list[UnitStatus] = []
    failures: list[SpecFailure] = []
    for path in paths:
        try:
            plan = load(path).plan
            status = api.status(plan, as_of, spec_dir=path.parent)
        except SpecError as exc:
            failures.append(SpecFailure(spec=str(path), message=exc.render(lang),
                                        problems=[ProblemResult.of(p, lang) for p in exc.problems]))
            continue
        except RectimeetError as exc:
            failures.append(SpecFailure(spec=str(path), message=exc.render(lang)))
            continue
        units.append(UnitStatus(spec=str(path), unit=plan.unit.name, party_org=plan.unit.party_org,
                                counts=Counts.of(status.items), status=status))
    units.sort(key=_unit_key)
    overall = sum((u.counts for u in units), Counts())
    overdue = [OverdueItem(unit=u.unit, spec=u.spec, item=i)
               for u in units for i in u.status.items if i.overdue]
    overdue.sort(key=lambda o: (o.item.days_left or 0, o.unit, o.item.seq))
    return Oversight(as_of=as_of, units=units, overall=overall, overdue=overdue, failures=failures)
