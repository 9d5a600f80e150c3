"""The ledger as the 整改情况报告 (rectification report) states it: numbers and rows on a day."""

from __future__ import annotations

import datetime as dt

from rectimeet.documents.contexts import LedgerInfo, LedgerKindRow, LedgerRow
from rectimeet.formatting import date_cn, heading_number
from rectimeet.ledger.rows import deadline_text, evidence_text
from rectimeet.ledger.status import ItemStatus, summarize
from rectimeet.models.checklist import ChecklistKind, ChecklistStatus
from rectimeet.prepared import Prepared
from rectimeet.vocabulary import MilestoneKey

__all__ = ["deadline_text", "evidence_text", "ledger_info"]


def _row(status: ItemStatus) -> LedgerRow:
    row = status.row
    return LedgerRow(
        seq=row.seq, id=row.id, issue=row.issue, source=row.source, owner=row.owner, lead=row.lead,
        responsible=row.responsible, measure=row.measure, kind=row.kind, deadline_text=row.deadline_text,
        status=row.status, days_left=status.days_left, colour=status.colour.value,
        colour_label=status.colour.label, evidence=row.evidence, closed_by=row.closed_by,
        closed_on=row.closed_on.isoformat() if row.closed_on else "", note=row.note,
    )


def report_day(prepared: Prepared) -> dt.date:
    """The day the 整改情况报告 is written for when no as-of date is given: its milestone's due
    date (else the meeting day). Never the system clock, so a rebuild says the same."""
    milestone = prepared.milestone(MilestoneKey.RECTIFICATION_REPORT)
    return milestone.due if milestone is not None else prepared.plan.meeting.date


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
