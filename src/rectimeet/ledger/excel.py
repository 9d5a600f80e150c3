"""The ledger as an Excel workbook, and back (openpyxl).

Export writes the sheet a clerk keeps by hand (title row, frozen header, drop-down lists, real
dates, A4 landscape). Import reads the edited sheet, checks every cell, turns the differences
into lifecycle operations (so the history is recorded) and writes the spec only when every row is
valid: round-trip YAML, only the changed keys, atomically.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.header_footer import _HeaderFooterPart as _Text
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rectimeet import atomic
from rectimeet.errors import LedgerError
from rectimeet.i18n import N_, render
from rectimeet.ledger import lifecycle
from rectimeet.ledger.rows import checklist_row
from rectimeet.models.checklist import (
    Change,
    ChecklistItem,
    ChecklistKind,
    ChecklistSource,
    ChecklistStatus,
    Evidence,
)
from rectimeet.models.plan import Plan

SHEET_TITLE = "整改台账"
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
WHERE_MARK = "（存放："
"""Evidence is one line each: ``what`` or ``what（存放：where）``."""
FIRST_DATA_ROW = 3
"""Row 1 is the title, row 2 the header."""
VALIDATED_ROWS = 1000
"""Drop-down lists reach this far below the header, so that rows a clerk adds get them too."""


@dataclass(frozen=True)
class Column:
    header: str
    field: str | None
    """The ChecklistItem field it shows (None for 序号)."""
    width: int
    wrap: bool = False


COLUMNS = (
    Column("序号", None, 6),
    Column("编号", "id", 8),
    Column("问题", "issue", 36, wrap=True),
    Column("来源", "source", 10),
    Column("整改措施", "measure", 36, wrap=True),
    Column("责任领导", "lead", 10),
    Column("责任人", "responsible", 12, wrap=True),
    Column("整改类型", "kind", 10),
    Column("完成时限", "deadline", 15),
    Column("状态", "status", 9),
    Column("佐证材料", "evidence", 28, wrap=True),
    Column("销号审核人", "closed_by", 11),
    Column("销号日期", "closed_on", 15),
    Column("备注", "note", 18, wrap=True),
)
HEADERS = {c.header: c for c in COLUMNS}


def letter_of(header: str) -> str:
    """Column letter of a header in the exported layout (状态 → J)."""
    return get_column_letter([c.header for c in COLUMNS].index(header) + 1)


# ---------------------------------------------------------------- cell values, both directions


def evidence_cell(evidence: list[Evidence]) -> str:
    return "\n".join(f"{e.what}{WHERE_MARK}{e.where}）" if e.where else e.what for e in evidence)


def parse_evidence(text: str) -> list[Evidence]:
    out = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        cut = line.rfind(WHERE_MARK)
        if cut >= 0 and line.endswith("）"):
            out.append(Evidence(what=line[:cut], where=line[cut + len(WHERE_MARK):-1]))
        else:
            out.append(Evidence(what=line))
    return out


def cell_value(plan: Plan, item: ChecklistItem, column: Column, seq: int) -> object:
    """What the export writes in one cell: the item's row, evidence one per line (import reads it)."""
    if column.field is None:
        return seq
    if column.field == "evidence":
        return evidence_cell(item.evidence) or None
    value = getattr(checklist_row(plan.unit, item, seq), column.field)
    return None if value == "" else value


def row_values(plan: Plan, item: ChecklistItem, seq: int) -> list[object]:
    """Every cell of ``item``'s row, as :func:`cell_value` gives them, from one row build."""
    row = checklist_row(plan.unit, item, seq)
    values: list[object] = []
    for column in COLUMNS:
        if column.field is None:
            values.append(seq)
        elif column.field == "evidence":
            values.append(evidence_cell(item.evidence) or None)
        else:
            value = getattr(row, column.field)
            values.append(None if value == "" else value)
    return values


class CellError(Exception):
    """One unreadable cell (message id and params, for either language)."""

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params


def text_of(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_DATE_TEXT = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)


def date_of(value: object) -> dt.date | None:
    """A cell as a date: a real Excel date, a date serial, or 2026-12-31 / 2026年12月31日."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        # A date whose cell format was lost (pasted as values) is still its serial number.
        return from_excel(value).date()  # type: ignore[no-any-return]
    if isinstance(value, str):
        text = value.strip()
        for pattern in _DATE_TEXT:
            match = pattern.match(text)
            if match:
                year, month, day = (int(g) for g in match.groups())
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    break
    raise CellError(N_("“{value}” is not a date"), value=text_of(value))


def choice_of(value: object, allowed: type[ChecklistKind | ChecklistSource | ChecklistStatus],
              what: str) -> Any:
    text = text_of(value).strip()
    if not text:
        raise CellError(N_("{what} is empty; choose one of {allowed}"), what=what,
                        allowed=[v.value for v in allowed])
    try:
        return allowed(text)
    except ValueError:
        raise CellError(N_("unknown {what} “{value}”; choose one of {allowed}"), what=what,
                        value=text, allowed=[v.value for v in allowed]) from None


# ---------------------------------------------------------------- export


def build_workbook(plan: Plan) -> Workbook:
    """The ledger as a workbook (not yet saved)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook always has its first sheet
    ws.title = SHEET_TITLE
    last_col = get_column_letter(len(COLUMNS))
    kind = "巡视" if plan.inspection.kind.value == "巡视" else "巡察"
    ws["A1"] = f"{plan.unit.party_org}{kind}反馈问题整改台账"
    ws["A1"].font = Font(name="方正小标宋简体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last_col}1")
    ws.row_dimensions[1].height = 30

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="D9D9D9")
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=2, column=index, value=column.header)
        cell.font = Font(name="黑体", bold=True)
        cell.fill = header_fill
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(index)].width = column.width

    # Named styles, registered once: per-cell style objects made the export several times slower.
    top = Alignment(vertical="top")
    styles = {
        "plain": NamedStyle("台账正文", border=border, alignment=top),
        "wrap": NamedStyle("台账正文换行", border=border,
                           alignment=Alignment(vertical="top", wrap_text=True)),
        "date": NamedStyle("台账日期", border=border, alignment=top, number_format=DATE_FORMAT),
    }
    for style in styles.values():
        wb.add_named_style(style)
    column_styles = [
        styles["date"].name if c.field in ("deadline", "closed_on")
        else styles["wrap" if c.wrap else "plain"].name
        for c in COLUMNS
    ]
    # Assigning a named style looks it up by name; copy the looked-up style array instead
    # (what openpyxl itself does when it copies a worksheet): a county ledger has 400,000 cells.
    style_arrays = []
    for index, name in enumerate(column_styles if plan.checklist else [], start=1):
        probe = ws.cell(row=FIRST_DATA_ROW, column=index)
        assert isinstance(probe, Cell)
        probe.style = name
        style_arrays.append(probe._style)  # type: ignore[attr-defined]
    for seq, item in enumerate(plan.checklist, start=1):
        row = FIRST_DATA_ROW + seq - 1
        for index, value in enumerate(row_values(plan, item, seq), start=1):
            data_cell = ws.cell(row=row, column=index)
            assert isinstance(data_cell, Cell)  # only row 1 is merged
            _write(data_cell, value)
            data_cell._style = copy(style_arrays[index - 1])  # type: ignore[attr-defined]

    _add_validation(ws)
    add_warning_colours(ws, plan)
    ws.auto_filter.ref = f"A2:{last_col}{FIRST_DATA_ROW + max(len(plan.checklist), 1) - 1}"
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.print_title_rows = "2:2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.oddFooter = HeaderFooterItem(center=_Text(text="第 &P 页，共 &N 页"))
    return wb


def _write(cell: Cell, value: Any) -> None:
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        # Text that looks like a formula stays text.
        cell.data_type = "s"


def _add_validation(ws: Worksheet) -> None:
    last = FIRST_DATA_ROW + VALIDATED_ROWS
    lists = (("状态", ChecklistStatus), ("整改类型", ChecklistKind), ("来源", ChecklistSource))
    for header, values in lists:
        letter = letter_of(header)
        dv = DataValidation(type="list", formula1='"' + ",".join(v.value for v in values) + '"',
                            allow_blank=False, showErrorMessage=True, errorTitle=header,
                            error=f"请从下拉列表中选择{header}")
        dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last}")
        ws.add_data_validation(dv)
    for header in ("完成时限", "销号日期"):
        letter = letter_of(header)
        dv = DataValidation(type="date", operator="greaterThan", formula1="1",
                            allow_blank=True, showErrorMessage=True, errorTitle=header,
                            error=f"{header}须为日期，如 2026-12-31")
        dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last}")
        ws.add_data_validation(dv)


WARNING_FILLS = {"red": "FFC7CE", "yellow": "FFEB9C", "green": "C6EFCE"}
"""Fill colours of the warning lights (Excel's own light red, yellow and green)."""


def _row_ranges(rows: list[int], last_col: str) -> str:
    """``A3:N5 A8:N8``: consecutive rows joined into ranges."""
    ranges: list[str] = []
    for _, group in itertools.groupby(enumerate(rows), key=lambda pair: pair[1] - pair[0]):
        block = [row for _, row in group]
        ranges.append(f"A{block[0]}:{last_col}{block[-1]}")
    return " ".join(ranges)


def warning_formulas(row: int, working: bool, yellow: int, green: int) -> dict[str, str]:
    """Formulas (for ``row``) that light a row as ``rectimeet status`` does, on TODAY().

    ``working`` counts working days left with NETWORKDAYS (Monday to Friday: Excel knows no
    statutory holidays or make-up workdays, so near a holiday `rectimeet status` is exact and
    the workbook approximate).
    """
    deadline, status = f"${letter_of('完成时限')}{row}", f"${letter_of('状态')}{row}"
    open_ = f'OR({status}="{ChecklistStatus.PENDING.value}",{status}="{ChecklistStatus.IN_PROGRESS.value}")'
    left = f"MAX(0,NETWORKDAYS(TODAY()+1,{deadline}))" if working else f"{deadline}-TODAY()"
    dated = f"ISNUMBER({deadline})"
    return {
        "red": f"AND({open_},{dated},{deadline}<TODAY())",
        "yellow": f"AND({open_},{dated},{deadline}>=TODAY(),{left}<={yellow})",
        "green": f"AND({open_},{dated},{deadline}>=TODAY(),{left}>{yellow},{left}<={green})",
    }


def add_warning_colours(ws: Worksheet, plan: Plan) -> None:
    """Conditional formatting: overdue rows red, due within the yellow window (10 days) yellow,
    within the green window (20 days) green — the thresholds of ``rectimeet status``."""
    from openpyxl.formatting.rule import FormulaRule

    from rectimeet.ledger.status import thresholds_for
    from rectimeet.models.milestone import DateUnit

    thresholds = thresholds_for(plan)
    last_col = get_column_letter(len(COLUMNS))
    last_row = FIRST_DATA_ROW + VALIDATED_ROWS
    working_rows = [FIRST_DATA_ROW + i for i, item in enumerate(plan.checklist)
                    if item.deadline_unit is DateUnit.WORKING_DAYS]
    calendar_rows = [r for r in range(FIRST_DATA_ROW, last_row + 1) if r not in working_rows]
    for working, rows in ((True, working_rows), (False, calendar_rows)):
        if not rows:
            continue
        # Relative row references are read from the top-left cell of the first range.
        formulas = warning_formulas(rows[0], working, thresholds.yellow_days,
                                    thresholds.green_days)
        where = _row_ranges(rows, last_col)
        for colour, formula in formulas.items():
            fill = PatternFill("solid", start_color=WARNING_FILLS[colour],
                               end_color=WARNING_FILLS[colour])
            rule = FormulaRule(formula=[formula], fill=fill, stopIfTrue=True)  # type: ignore[no-untyped-call]
            ws.conditional_formatting.add(where, rule)


def export_xlsx(plan: Plan, path: Path | str) -> Path:
    """Write the ledger workbook to ``path`` atomically."""
    wb = build_workbook(plan)

    def save(fh: IO[bytes]) -> None:
        wb.save(fh)

    return atomic.write_with(path, save)


# ---------------------------------------------------------------- import


Reason = tuple[str, Mapping[str, Any]]
RowProblem = tuple[str, str, Mapping[str, Any], Reason | None]
"""(header, message id, params, nested reason)."""


@dataclass(frozen=True)
class CellProblem:
    """One invalid cell (or row), located as a clerk sees it: row number and column letter."""

    row: int
    column: str
    header: str
    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)
    reason: Reason | None = None
    """A nested message (id, params) filled in as ``{reason}``, in the same language."""

    def text(self, lang: str = "zh") -> str:
        params = dict(self.params)
        if self.reason is not None:
            params["reason"] = render(*self.reason, lang=lang)
        message = render(self.msgid, params, lang)
        return render(N_("row {row}, column {column} ({header}): {message}"),
                      {"row": self.row, "column": self.column, "header": self.header,
                       "message": message}, lang)


class WorkbookError(LedgerError):
    """The workbook has invalid rows; nothing was written. ``problems`` lists every cell."""

    def __init__(self, problems: list[CellProblem], source: Path | str | None = None) -> None:
        self.problems = problems
        self.source = str(source) if source is not None else None
        super().__init__(N_("{source}: {count} invalid cell(s); the spec was not changed"),
                         {"source": self.source or "<workbook>", "count": len(problems)})

    def render(self, lang: str = "zh") -> str:
        """The heading line, then one line per invalid cell."""
        return "\n".join([super().render(lang), *(p.text(lang) for p in self.problems)])

    def text(self, lang: str = "zh") -> str:
        """Same as :meth:`render`."""
        return self.render(lang)


@dataclass
class ImportResult:
    """What an import changed (or would change, in a dry run)."""

    checklist: list[ChecklistItem]
    """The whole checklist after the import."""
    changes: dict[str, list[Change]] = field(default_factory=dict)
    """New history entries by item id (only items that changed)."""
    written: bool = False

    @property
    def changed_items(self) -> int:
        return len(self.changes)


@dataclass
class _Sheet:
    ws: Worksheet
    header_row: int
    columns: dict[str, int]
    """Header → 1-based column index, as found in the edited sheet."""

    def rows(self) -> Iterator[tuple[int, dict[str, object]]]:
        for row in self.ws.iter_rows(min_row=self.header_row + 1):
            values: dict[str, object] = {h: row[i - 1].value if i - 1 < len(row) else None
                      for h, i in self.columns.items()}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
                continue
            yield int(row[0].row or 0), values


def _find_sheet(path: Path | str) -> _Sheet:
    try:
        wb = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise LedgerError(N_("{path}: workbook not found"), {"path": str(path)}) from None
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise LedgerError(N_("{path}: cannot read the workbook ({error})"),
                          {"path": str(path), "error": type(exc).__name__}) from None
    sheets = [wb[SHEET_TITLE]] if SHEET_TITLE in wb.sheetnames else list(wb.worksheets)
    for ws in sheets:
        for row in ws.iter_rows(min_row=1, max_row=10):
            found = {str(c.value).strip(): c.column for c in row
                     if isinstance(c.value, str) and str(c.value).strip() in HEADERS}
            if "编号" in found and "状态" in found:
                return _Sheet(ws, int(row[0].row or 0), {h: int(i) for h, i in found.items()})
    raise LedgerError(N_("{path}: no sheet with the 编号 and 状态 header columns"),
                      {"path": str(path)})


_READERS: dict[str, Callable[[object], Any]] = {
    "source": lambda v: choice_of(v, ChecklistSource, "来源"),
    "kind": lambda v: choice_of(v, ChecklistKind, "整改类型"),
    "status": lambda v: choice_of(v, ChecklistStatus, "状态"),
    "deadline": date_of,
    "closed_on": date_of,
    "evidence": lambda v: parse_evidence(text_of(v)),
}


def _lead_of(plan: Plan, value: object) -> str | None:
    text = text_of(value).strip()
    if not text:
        return None
    for member in plan.unit.members:
        if text in (member.name, member.id):
            return member.id
    raise CellError(N_("“{value}” is not a member of the leadership team"), value=text)


def read_changes(plan: Plan, path: Path | str, *, by: str, on: dt.date) -> ImportResult:
    """Compare the workbook with ``plan`` and apply the differences as lifecycle operations.

    Raises :class:`WorkbookError` listing every invalid cell; returns the new checklist and the
    recorded changes otherwise. Rows of items missing from the workbook stay as they are.
    """
    sheet = _find_sheet(path)
    problems: list[CellProblem] = []
    items = {item.id: item for item in plan.checklist}
    updated: dict[str, ChecklistItem] = {}
    seen: dict[str, int] = {}

    def problem(row: int, header: str, msgid: str, reason: Reason | None = None,
                **params: Any) -> None:
        letter = get_column_letter(sheet.columns[header]) if header in sheet.columns else "?"
        problems.append(CellProblem(row, letter, header, msgid, params, reason))

    for row, values in sheet.rows():
        item_id = text_of(values.get("编号")).strip()
        if not item_id:
            problem(row, "编号", N_("the id is empty; every row needs the 编号 it was exported "
                                  "with"))
            continue
        if item_id not in items:
            problem(row, "编号", N_("no checklist item has the id “{id}”"), id=item_id)
            continue
        if item_id in seen:
            problem(row, "编号", N_("id “{id}” is already used in row {first}"), id=item_id,
                    first=seen[item_id])
            continue
        seen[item_id] = row
        wanted: dict[str, Any] = {}
        row_ok = True
        for header, column in HEADERS.items():
            if column.field in (None, "id") or header not in values:
                continue
            raw = values[header]
            try:
                if column.field == "lead":
                    wanted["lead"] = _lead_of(plan, raw)
                elif column.field in _READERS:
                    wanted[column.field] = _READERS[column.field](raw)
                else:
                    wanted[column.field] = text_of(raw)
            except CellError as err:
                problem(row, header, err.msgid, **err.params)
                row_ok = False
            except ValidationError as err:
                problem(row, header, N_("invalid value: {error}"),
                        error=err.errors(include_url=False)[0]["msg"])
                row_ok = False
        if not row_ok:
            continue
        new, row_problems = _apply_row(items[item_id], wanted, by=by, on=on)
        for header, msgid, params, reason in row_problems:
            problem(row, header, msgid, reason, **params)
        if new is not None and new is not items[item_id]:
            updated[item_id] = new

    if problems:
        raise WorkbookError(problems, path)
    checklist = [updated.get(item.id, item) for item in plan.checklist]
    changes = {item_id: new.history[len(items[item_id].history):]
               for item_id, new in updated.items()}
    return ImportResult(checklist, changes)


_FIELD_HEADER = {c.field: c.header for c in COLUMNS if c.field}


def _apply_row(item: ChecklistItem, wanted: dict[str, Any], *, by: str, on: dt.date
               ) -> tuple[ChecklistItem | None, list[RowProblem]]:
    """The item after the row's edits, or the problems that refuse them."""
    target: ChecklistStatus = wanted.pop("status", item.status)
    reviewer = wanted.pop("closed_by", item.closed_by)
    closed_on = wanted.pop("closed_on", item.closed_on)
    edits = {k: v for k, v in wanted.items() if getattr(item, k) != v}
    problems: list[RowProblem] = []

    if target is ChecklistStatus.CLOSED:
        evidence = edits.get("evidence", item.evidence)
        for fld, msgid, params in lifecycle.closing_problems(evidence, reviewer, closed_on):
            problems.append((_FIELD_HEADER[fld], msgid, params, None))
    else:
        # Reopening clears the reviewer and date, so the old values may stay in the cells.
        if reviewer and reviewer != item.closed_by:
            problems.append(("销号审核人", N_("only a closed (已销号) item has a reviewer"), {},
                             None))
        if closed_on is not None and closed_on != item.closed_on:
            problems.append(("销号日期", N_("only a closed (已销号) item has a closing date"), {},
                             None))
    try:
        steps = lifecycle.path_to(item.status, target)
    except lifecycle.LifecycleError as err:
        problems.append(("状态", err.message_id, err.params, err.reason))
    if problems:
        return None, problems

    note = "Excel导入"
    try:
        going_back = bool(steps) and steps[0] is ChecklistStatus.IN_PROGRESS \
            and item.status in (ChecklistStatus.DONE, ChecklistStatus.CLOSED)
        if going_back:
            item = lifecycle.move_to(item, ChecklistStatus.IN_PROGRESS, by=by, on=on, note=note)
        for name, value in edits.items():
            item = lifecycle.edit(item, name, value, by=by, on=on, note=note)
        if target is ChecklistStatus.CLOSED and item.status is ChecklistStatus.CLOSED:
            for name, value in (("closed_by", reviewer), ("closed_on", closed_on)):
                item = lifecycle.edit(item, name, value, by=by, on=on, note=note)
        item = lifecycle.move_to(item, target, by=by, on=on, reviewer=reviewer,
                                 closed_on=closed_on, note=note)
    except lifecycle.LifecycleError as err:
        return None, [("状态", err.message_id, err.params, err.reason)]
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        where = str(first["loc"][0]) if first["loc"] else "status"
        # pydantic's own wording (English) is kept as the detail.
        return None, [(_FIELD_HEADER.get(where, "状态"), N_("invalid value: {error}"),
                       {"error": first["msg"]}, None)]
    return item, []


# ---------------------------------------------------------------- writing the spec back


def _yaml_value(name: str, value: Any) -> Any:
    if isinstance(value, ChecklistKind | ChecklistSource | ChecklistStatus):
        return value.value
    if name == "evidence":
        seq = CommentedSeq()
        for e in value:
            entry = CommentedMap(what=e.what)
            if e.where:
                entry["where"] = e.where
            seq.append(entry)
        return seq
    return value


def _change_map(change: Change) -> CommentedMap:
    # A fresh date object per entry: the YAML writer would turn shared objects into anchors.
    out = CommentedMap(on=dt.date.fromordinal(change.on.toordinal()))
    for key in ("by", "field", "old", "new", "note"):
        value = getattr(change, key)
        if value or key == "field":
            out[key] = value
    return out


def update_document(document: Any, plan: Plan, result: ImportResult) -> None:
    """Edit ``document`` (round-trip YAML) in place: only the changed keys of changed items."""
    rows = document["checklist"]
    defaults = {name: f.get_default(call_default_factory=True)
                for name, f in ChecklistItem.model_fields.items()}
    for index, (old, new) in enumerate(zip(plan.checklist, result.checklist, strict=True)):
        if old is new:
            continue
        node = rows[index]
        for name in ChecklistItem.model_fields:
            if name == "history":
                continue
            value = getattr(new, name)
            if value == getattr(old, name):
                continue
            if value == defaults[name]:
                node.pop(name, None)
            else:
                node[name] = _yaml_value(name, value)
        if node.fa.flow_style():
            # A one-line item with a growing history reads better as a block.
            node.fa.set_block_style()
        history = node.get("history")
        if history is None:
            history = node["history"] = CommentedSeq()
        for change in new.history[len(old.history):]:
            history.append(_change_map(change))


_KEY_LINE = re.compile(r"^( *)[^\s#-][^#]*:\s*(#.*)?$")
_NEXT_LINE = re.compile(r"^( *)(- )?\S")


def guess_indent(text: str) -> tuple[int, int, int]:
    """``(mapping, sequence, offset)`` indentation of a YAML text, from its first block mapping
    and block sequence under a key (ruamel's defaults 2, 2, 0 for what is not found).

    A text scan: parsing the spec again only to learn its indentation doubled the import time.
    """
    mapping = sequence = offset = None
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for above, below in itertools.pairwise(lines):
        key = _KEY_LINE.match(above)
        nxt = _NEXT_LINE.match(below)
        if key is None or nxt is None:
            continue
        step = len(nxt.group(1)) - len(key.group(1))
        if nxt.group(2):
            if sequence is None and step >= 0:
                offset, sequence = step, step + 2
        elif mapping is None and step > 0:
            mapping = step
        if mapping is not None and sequence is not None:
            break
    return mapping or 2, sequence or 2, offset or 0


def dump_like(document: Any, original: str) -> str:
    """``document`` as YAML text indented the way ``original`` was (so a diff shows only the
    edited keys)."""
    mapping, sequence, offset = guess_indent(original)
    y = YAML(typ="rt")
    y.width = 4096
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    buf = io.StringIO()
    y.dump(document, buf)
    return buf.getvalue()


def import_xlsx(spec_path: Path | str, xlsx_path: Path | str, *, by: str = "",
                on: dt.date | None = None, dry_run: bool = False) -> ImportResult:
    """Read an edited ledger workbook into the spec file.

    Every row is checked first; any invalid cell raises :class:`WorkbookError` and the spec is
    not touched. Otherwise the changed items are written back (comments and order kept,
    atomically), unless ``dry_run``.
    """
    from rectimeet.spec import load, load_text

    original = Path(spec_path).read_bytes().decode("utf-8-sig")
    loaded = load(spec_path)
    day = on or dt.date.today()
    result = read_changes(loaded.plan, xlsx_path, by=by, on=day)
    if not result.changes or dry_run:
        return result
    update_document(loaded.document, loaded.plan, result)
    # Re-read what would be written: it must say exactly what the import computed.
    text = dump_like(loaded.document, original)
    reread = load_text(text, spec_path).plan
    if reread.checklist != result.checklist:
        raise LedgerError(N_("{path}: the updated spec does not read back as computed; "
                             "nothing was written"), {"path": str(spec_path)})
    atomic.write_text(spec_path, text)
    result.written = True
    return result
