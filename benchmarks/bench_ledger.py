"""Ledger Excel export/import of a 500-item ledger against bare openpyxl on the same cells.

Run: ``python benchmarks/bench_ledger.py [N]``. Prints best-of-5 times, the ratios to a bare
openpyxl write/read of the same cell values in the same run, and the process's peak RSS.
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import tempfile
from pathlib import Path

from bench_core import best
from openpyxl import Workbook, load_workbook

from rectimeet.ledger.excel import COLUMNS, cell_value, export_xlsx, import_xlsx, read_changes
from rectimeet.models.checklist import ChecklistItem, ChecklistStatus, Evidence
from rectimeet.models.plan import Plan
from rectimeet.spec import dump_plan, load_text

BASE = """\
unit:
  name: 基准乡
  level: township
  members:
    - {id: m1, name: 张书记, role: 主要负责同志}
    - {id: m2, name: 李乡长}
inspection:
  group: 县委第一巡察组
  feedback_date: 2026-09-01
meeting:
  date: 2026-10-15
"""


def ledger(n: int) -> Plan:
    plan = load_text(BASE).plan
    statuses = list(ChecklistStatus)
    items = []
    for i in range(n):
        status = statuses[i % 4]
        closed = status is ChecklistStatus.CLOSED
        items.append(ChecklistItem(
            id=f"Z{i + 1}", issue=f"第{i + 1}个问题：制度执行不严格，监督检查流于形式", lead="m1" if i % 2 else "m2",
            responsible="党政办", measure="修订管理办法，开展专项检查，建立长效机制",
            deadline=dt.date(2026, 12, 1) + dt.timedelta(days=i % 90), status=status,
            evidence=[Evidence(what="《管理办法》", where="档案室")] if closed else [],
            closed_by="王主任" if closed else "", closed_on=dt.date(2026, 11, 30) if closed else None,
            note="" if i % 3 else "按季度报告进展"))
    return plan.model_copy(update={"checklist": items})




def main(n: int) -> None:
    plan = ledger(n)
    rows = [[cell_value(plan, item, c, seq) for c in COLUMNS]
            for seq, item in enumerate(plan.checklist, start=1)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours, bare = folder / "ours.xlsx", folder / "bare.xlsx"
        spec = folder / "spec.yaml"
        spec.write_text(dump_plan(plan), encoding="utf-8")

        def bare_write() -> None:
            wb = Workbook()
            ws = wb.active
            assert ws is not None
            ws.append([c.header for c in COLUMNS])
            for row in rows:
                ws.append(row)
            wb.save(bare)

        def bare_read() -> None:
            ws = load_workbook(bare, data_only=True).active
            assert ws is not None
            for _ in ws.iter_rows(values_only=True):
                pass

        t_export = best(lambda: export_xlsx(plan, ours))
        t_bare_write = best(bare_write)
        t_read = best(lambda: read_changes(plan, ours, by="基准", on=dt.date(2026, 12, 1)))
        t_bare_read = best(bare_read)
        t_import = best(lambda: import_xlsx(spec, ours, by="基准", on=dt.date(2026, 12, 1)))

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"items: {n}")
    print(f"export      {t_export * 1000:8.1f} ms   bare write {t_bare_write * 1000:8.1f} ms   "
          f"ratio {t_export / t_bare_write:5.2f}")
    print(f"read+check  {t_read * 1000:8.1f} ms   bare read  {t_bare_read * 1000:8.1f} ms   "
          f"ratio {t_read / t_bare_read:5.2f}")
    print(f"import (spec load + read + check, nothing to write) {t_import * 1000:8.1f} ms")
    print(f"peak RSS    {rss_mb:8.1f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
