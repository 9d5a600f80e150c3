"""One checklist item as a row: the values every table of the ledger shows, worked out once.

The 整改清单 and 整改情况报告 documents, ``rectimeet status --format json``, the Excel export and the
.ics reminders all show the same row; each takes what it needs from :func:`checklist_row` instead
of reading the item's fields and names itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from rectimeet.formatting import date_cn
from rectimeet.models.base import TEAM
from rectimeet.models.checklist import ChecklistItem, ChecklistKind, Evidence
from rectimeet.models.unit import Unit


def evidence_text(evidence: list[Evidence]) -> str:
    """佐证材料 as one line: 《办法》（档案室 2026-卷12）；会议纪要."""
    return "；".join(f"{e.what}（{e.where}）" if e.where else e.what for e in evidence)


def deadline_text(item: ChecklistItem) -> str:
    """完成时限 as a document shows it: the date, or the kind when there is no date."""
    if item.deadline is not None:
        return date_cn(item.deadline)
    return "长期坚持" if item.kind is ChecklistKind.LONG_TERM else "立行立改"


def owner_name(unit: Unit, item: ChecklistItem) -> str:
    """``班子`` for the team list, else the owning member's name."""
    return TEAM if item.owner == TEAM else unit.person_name(item.owner)


@dataclass(frozen=True)
class ChecklistRow:
    """One item with names resolved and enumerations as their Chinese values."""

    seq: int
    """1-based position in the checklist (序号)."""
    id: str
    issue: str
    source: str
    """巡察反馈, 征求意见, 会上批评 or 自查."""
    source_ref: str | None
    owner: str
    """班子, or the owning member's name."""
    lead: str
    """The responsible leader's name, or ""."""
    responsible: str
    """责任人/责任单位 as written in the item."""
    accountable: str
    """Who answers for it, as the 整改清单 prints 责任人: the responsible, else the lead, else the owner."""
    measure: str
    kind: str
    deadline: dt.date | None
    deadline_unit: str
    deadline_text: str
    """The deadline in Chinese, or 长期坚持 / 立行立改 without one."""
    status: str
    evidence: str
    """佐证材料 on one line (see :func:`evidence_text`)."""
    closed_by: str
    closed_on: dt.date | None
    note: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def checklist_row(unit: Unit, item: ChecklistItem, seq: int) -> ChecklistRow:
    """The row of ``item``, the ``seq``-th of the checklist, with the unit's names."""
    owner = owner_name(unit, item)
    lead = unit.person_name(item.lead) if item.lead else ""
    return ChecklistRow(
        seq=seq, id=item.id, issue=item.issue, source=item.source.value, source_ref=item.source_ref,
        owner=owner, lead=lead, responsible=item.responsible,
        accountable=item.responsible or lead or unit.person_name(item.owner), measure=item.measure,
        kind=item.kind.value, deadline=item.deadline, deadline_unit=item.deadline_unit.value,
        deadline_text=deadline_text(item), status=item.status.value,
        evidence=evidence_text(item.evidence), closed_by=item.closed_by, closed_on=item.closed_on,
        note=item.note,
    )
