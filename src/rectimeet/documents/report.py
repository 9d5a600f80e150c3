"""The ledger as the 整改情况报告 (rectification report) states it: numbers and rows on a day."""

from __future__ import annotations

import datetime as dt

from rectimeet.documents.contexts import LedgerInfo, LedgerKindRow, LedgerRow
from rectimeet.formatting import date_cn, heading_number
from rectimeet.ledger.status import ItemStatus, summarize
from rectimeet.models.checklist import ChecklistItem, ChecklistKind, ChecklistStatus, Evidence
from rectimeet.prepared import Prepared


def evidence_text(evidence: list[Evidence]) -> str:
    """佐证材料 as one line: 《办法》（档案室 2026-卷12）；会议纪要."""
    return "；".join(f"{e.what}（{e.where}）" if e.where else e.what for e in evidence)


def deadline_text(item: ChecklistItem) -> str:
    """完成时限 as a document shows it: the date, or the kind when there is no date."""
    if item.deadline is not None:
        return date_cn(item.deadline)
    return "长期坚持" if item.kind is ChecklistKind.LONG_TERM else "立行立改"


def _row(status: ItemStatus) -> LedgerRow:
    item = status.item
    return LedgerRow(
        seq=status.seq,
        id=item.id,
        issue=item.issue,
        source=item.source.value,
        owner=status.owner_name,
        lead=status.lead_name,
        responsible=item.responsible,
        measure=item.measure,
        kind=item.kind.value,
        deadline_text=deadline_text(item),
        status=item.status.value,
        days_left=status.days_left,
        colour=status.colour.value,
        colour_label=status.colour.label,
        evidence=evidence_text(item.evidence),
        closed_by=item.closed_by,
        closed_on=item.closed_on.isoformat() if item.closed_on else "",
        note=item.note,
    )


def ledger_info(prepared: Prepared, as_of: dt.date) -> LedgerInfo:
    """The ledger's numbers and rows as of ``as_of``, for the 整改情况报告 (and the 情况报告).

    Working-day deadlines are counted on the prepared plan's own calendar.
    """
    summary = summarize(prepared, as_of, prepared.calendar)
    ordered = sorted(summary.items, key=lambda s: s.seq)
    rows = [_row(s) for s in ordered]
    items = [s.item for s in ordered]

    def count(status: ChecklistStatus) -> int:
        return sum(1 for item in items if item.status is status)

    by_kind = [
        LedgerKindRow(
            number=heading_number(3, n),
            kind=kind.value,
            total=sum(1 for item in items if item.kind is kind),
            closed=sum(1 for item in items if item.kind is kind and item.status is ChecklistStatus.CLOSED),
        )
        for n, kind in enumerate(ChecklistKind, 1)
    ]
    overdue_seqs = {s.seq for s in summary.overdue}
    return LedgerInfo(
        as_of_text=date_cn(as_of),
        total=len(items),
        closed=count(ChecklistStatus.CLOSED),
        done=count(ChecklistStatus.DONE),
        in_progress=count(ChecklistStatus.IN_PROGRESS),
        pending=count(ChecklistStatus.PENDING),
        overdue=len(overdue_seqs),
        by_kind=by_kind,
        rows=rows,
        overdue_items=[r for r in rows if r.seq in overdue_seqs],
        long_term_items=[r for r in rows if r.kind == ChecklistKind.LONG_TERM.value],
    )
