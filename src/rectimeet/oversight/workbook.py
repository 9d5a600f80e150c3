"""The oversight workbook: a summary sheet (a row per unit) and every item with its unit.

Written as of one date (the counts are a snapshot, like a 整改进展统计表 sent upwards), with the
status colours as conditional formatting on the 预警 column, filters on both sheets, frozen
headers and A4 landscape print set-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule, Rule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from rectimeet import atomic
from rectimeet.formatting import date_cn
from rectimeet.ledger.excel import DATE_FORMAT, WARNING_FILLS, print_setup
from rectimeet.ledger.status import Colour
from rectimeet.oversight import Counts, Oversight

SUMMARY_TITLE = "汇总"
ITEMS_TITLE = "全部事项"
SUMMARY_HEADERS = (("单位", 28), ("台账事项", 9), ("已完成", 9), ("整改中", 9), ("待整改", 9),
                   ("逾期", 9), ("10日内到期", 11), ("20日内到期", 11), ("完成率", 9))
ITEM_HEADERS = (("单位", 22), ("编号", 8), ("问题", 40), ("责任领导", 10), ("责任人", 14),
                ("整改类型", 10), ("完成时限", 15), ("状态", 9), ("剩余天数", 9), ("预警", 8))
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _header(ws: Worksheet, title: str, headers: tuple[tuple[str, int], ...]) -> None:
    last = get_column_letter(len(headers))
    ws["A1"] = title
    ws["A1"].font = Font(name="方正小标宋简体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 30
    fill = PatternFill("solid", fgColor="D9D9D9")
    for index, (text, width) in enumerate(headers, start=1):
        cell = ws.cell(row=2, column=index, value=text)
        cell.font = Font(name="黑体", bold=True)
        cell.fill = fill
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(index)].width = width


def _finish(ws: Worksheet, columns: int, rows: int) -> None:
    last = get_column_letter(columns)
    ws.auto_filter.ref = f"A2:{last}{max(rows, 1) + 2}"
    ws.freeze_panes = "A3"
    print_setup(ws)


def _count_row(name: str, counts: Counts) -> list[Any]:
    return [name, counts.total, counts.done, counts.in_progress, counts.pending, counts.overdue,
            counts.due_within_10, counts.due_within_20, counts.done_percent / 100]


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", start_color=WARNING_FILLS[colour], end_color=WARNING_FILLS[colour])


def _positive(fill: PatternFill) -> Rule:
    rule: Rule = CellIsRule(operator="greaterThan", formula=["0"], fill=fill,  # type: ignore[no-untyped-call]
                            stopIfTrue=True)
    return rule


def _when(formula: str, fill: PatternFill) -> Rule:
    rule: Rule = FormulaRule(formula=[formula], fill=fill, stopIfTrue=True)  # type: ignore[no-untyped-call]
    return rule


def build_summary(oversight: Oversight) -> Workbook:
    """The workbook (not yet saved)."""
    wb = Workbook()
    summary = wb.active
    assert summary is not None  # a new workbook always has its first sheet
    summary.title = SUMMARY_TITLE
    as_of = date_cn(oversight.as_of)
    _header(summary, f"巡视巡察整改进展汇总（截至{as_of}）", SUMMARY_HEADERS)
    rows = [_count_row(u.unit, u.counts) for u in oversight.units]
    rows.append(_count_row("合计", oversight.overall))
    for r, values in enumerate(rows, start=3):
        for c, value in enumerate(values, start=1):
            cell = summary.cell(row=r, column=c, value=value)
            cell.border = _BORDER
            if c == len(values):
                cell.number_format = "0%"
    total_row = 2 + len(rows)
    for c in range(1, len(SUMMARY_HEADERS) + 1):
        summary.cell(row=total_row, column=c).font = Font(bold=True)
    last_unit = total_row - 1
    if oversight.units:
        # Units with overdue items red, with items due within 10 days yellow (as `status`).
        summary.conditional_formatting.add(
            f"F3:F{last_unit}", _positive(_fill("red")))
        summary.conditional_formatting.add(
            f"G3:G{last_unit}", _positive(_fill("yellow")))
        summary.conditional_formatting.add(
            f"H3:H{last_unit}", _positive(_fill("green")))
    _finish(summary, len(SUMMARY_HEADERS), len(oversight.units))
    # The total row stays below the filtered range: filtering units must not hide the sum.
    summary.auto_filter.ref = f"A2:{get_column_letter(len(SUMMARY_HEADERS))}{max(last_unit, 3)}"

    items = wb.create_sheet(ITEMS_TITLE)
    _header(items, f"巡视巡察整改台账（全部单位，截至{as_of}）", ITEM_HEADERS)
    row = 3
    for unit in oversight.units:
        for item in unit.status.items:
            item_values: list[Any] = [unit.unit, item.id, item.issue, item.lead, item.responsible,
                                    item.kind, item.deadline, item.status, item.days_left,
                                    Colour(item.colour).label]
            for c, value in enumerate(item_values, start=1):
                cell = items.cell(row=row, column=c, value=value)
                cell.border = _BORDER
                cell.alignment = Alignment(vertical="top", wrap_text=c in (1, 3, 5))
                if c == 7:
                    cell.number_format = DATE_FORMAT
            row += 1
    last = get_column_letter(len(ITEM_HEADERS))
    if row > 3:
        # Whole rows take the colour of their 预警 cell (红灯, 黄灯, 绿灯), as `status` shows them.
        for colour in ("red", "yellow", "green"):
            items.conditional_formatting.add(
                f"A3:{last}{row - 1}",
                _when(f'${last}3="{Colour(colour).label}"', _fill(colour)))
    _finish(items, len(ITEM_HEADERS), row - 3)
    return wb


def export_summary(oversight: Oversight, path: Path | str) -> Path:
    """Write the oversight workbook to ``path`` atomically."""
    wb = build_summary(oversight)

    def save(fh: IO[bytes]) -> None:
        wb.save(fh)

    return atomic.write_with(path, save)
