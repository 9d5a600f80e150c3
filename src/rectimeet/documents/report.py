"""The context of the 整改情况报告 (rectification report): the ledger's actual state as numbers.

The document template is built against exactly these keys; the 情况报告 reads the same numbers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rectimeet.formatting import date_cn
from rectimeet.ledger.rows import deadline_text, evidence_text
from rectimeet.ledger.status import ItemStatus, summarize
from rectimeet.models.checklist import ChecklistKind, ChecklistStatus
from rectimeet.prepared import Prepared
from rectimeet.scheduling.workdays import WorkingDays

__all__ = ["deadline_text", "evidence_text", "report_context"]


def _row(status: ItemStatus) -> dict[str, Any]:
    return {**status.row.as_dict(), "days_left": status.days_left, "colour": status.colour.value,
            "colour_label": status.colour.label}


def report_context(prepared: Prepared, as_of: dt.date, calendar: WorkingDays | None = None
                   ) -> dict[str, Any]:
    """Numbers and rows for the 整改情况报告 as of ``as_of``.

    Keys: ``as_of`` (date), ``total``, ``closed``, ``done``, ``in_progress``, ``pending``,
    ``overdue`` (ints), ``by_kind`` (list of ``{kind, total, closed}`` in 立行立改 / 限期整改 /
    长期坚持 order), ``items`` (checklist order; each ``{seq, issue, owner, kind, deadline_text,
    status, days_left, colour, evidence}`` plus the other fields of
    :class:`~rectimeet.ledger.rows.ChecklistRow` and colour_label), ``overdue_items`` and ``long_term_items`` (the
    same rows, filtered).
    """
    summary = summarize(prepared, as_of, calendar)
    rows = [_row(s) for s in sorted(summary.items, key=lambda s: s.seq)]
    items = [s.item for s in sorted(summary.items, key=lambda s: s.seq)]

    def count(status: ChecklistStatus) -> int:
        return sum(1 for item in items if item.status is status)

    by_kind = [
        {
            "kind": kind.value,
            "total": sum(1 for item in items if item.kind is kind),
            "closed": sum(1 for item in items
                          if item.kind is kind and item.status is ChecklistStatus.CLOSED),
        }
        for kind in ChecklistKind
    ]
    overdue_seqs = {s.seq for s in summary.overdue}
    return {
        "as_of": as_of,
        "as_of_text": date_cn(as_of),
        "total": len(items),
        "closed": count(ChecklistStatus.CLOSED),
        "done": count(ChecklistStatus.DONE),
        "in_progress": count(ChecklistStatus.IN_PROGRESS),
        "pending": count(ChecklistStatus.PENDING),
        "overdue": len(overdue_seqs),
        "by_kind": by_kind,
        "items": rows,
        "overdue_items": [r for r in rows if r["seq"] in overdue_seqs],
        "long_term_items": [r for r in rows if r["kind"] == ChecklistKind.LONG_TERM.value],
    }
