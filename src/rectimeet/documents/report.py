"""The context of the 整改情况报告 (rectification report): the ledger's actual state as numbers.

The document template is built against exactly these keys; the 情况报告 reads the same numbers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rectimeet.formatting import date_cn
from rectimeet.ledger.status import ItemStatus, summarize
from rectimeet.models.checklist import ChecklistItem, ChecklistKind, ChecklistStatus, Evidence
from rectimeet.prepared import Prepared
from rectimeet.scheduling.workdays import WorkingDays


def evidence_text(evidence: list[Evidence]) -> str:
    """佐证材料 as one line: 《办法》（档案室 2026-卷12）；会议纪要."""
    return "；".join(f"{e.what}（{e.where}）" if e.where else e.what for e in evidence)


def deadline_text(item: ChecklistItem) -> str:
    """完成时限 as a document shows it: the date, or the kind when there is no date."""
    if item.deadline is not None:
        return date_cn(item.deadline)
    return "长期坚持" if item.kind is ChecklistKind.LONG_TERM else "立行立改"


def _row(status: ItemStatus) -> dict[str, Any]:
    item = status.item
    return {
        "seq": status.seq,
        "id": item.id,
        "issue": item.issue,
        "source": item.source.value,
        "owner": status.owner_name,
        "lead": status.lead_name,
        "responsible": item.responsible,
        "measure": item.measure,
        "kind": item.kind.value,
        "deadline": item.deadline,
        "deadline_text": deadline_text(item),
        "status": item.status.value,
        "days_left": status.days_left,
        "colour": status.colour.value,
        "colour_label": status.colour.label,
        "evidence": evidence_text(item.evidence),
        "closed_by": item.closed_by,
        "closed_on": item.closed_on,
        "note": item.note,
    }


def report_context(prepared: Prepared, as_of: dt.date, calendar: WorkingDays | None = None
                   ) -> dict[str, Any]:
    """Numbers and rows for the 整改情况报告 as of ``as_of``.

    Keys: ``as_of`` (date), ``total``, ``closed``, ``done``, ``in_progress``, ``pending``,
    ``overdue`` (ints), ``by_kind`` (list of ``{kind, total, closed}`` in 立行立改 / 限期整改 /
    长期坚持 order), ``items`` (checklist order; each ``{seq, issue, owner, kind, deadline_text,
    status, days_left, colour, evidence}`` plus id, source, lead, responsible, measure, deadline,
    colour_label, closed_by, closed_on, note), ``overdue_items`` and ``long_term_items`` (the
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
