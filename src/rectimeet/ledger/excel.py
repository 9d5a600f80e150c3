"""The ledger as an Excel workbook, and back.

Export writes the sheet a clerk keeps by hand (title row, frozen header, drop-down lists, real
dates, A4 landscape): openpyxl lays it out, and the rows are streamed in
(:mod:`rectimeet.ledger.xlsxwrite`). Import reads the edited sheet (calamine and a scan of its
XML: :mod:`rectimeet.ledger.workbook`), checks every cell, turns the differences into lifecycle
operations (so the history is recorded) and writes the spec only when every row is valid:
round-trip YAML, only the changed keys, atomically.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rectimeet import atomic
from rectimeet.errors import LedgerError
from rectimeet.i18n import N_, render
from rectimeet.ledger import lifecycle
from rectimeet.ledger.rows import checklist_row
from rectimeet.ledger.workbook import (
    BASE_FORMAT,
    BASE_SHEET,
    BASE_TEXT_GROWTH,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    BaseRows,
    base_cells,
    base_rows,
    mark_sheet,
    merged_cells,
    open_ledger,
)
from rectimeet.ledger.xlsxread import column_letter as get_column_letter
from rectimeet.ledger.xlsxread import excel_date
from rectimeet.ledger.xlsxwrite import RowWriter, SheetRows, probe_styles, stream_workbook
from rectimeet.locking import spec_lock
from rectimeet.models.checklist import (
    Change,
    ChecklistItem,
    ChecklistKind,
    ChecklistSource,
    ChecklistStatus,
    Evidence,
)
from rectimeet.models.plan import Plan, structure_problems
from rectimeet.spec.messages import message_for

if TYPE_CHECKING:
    # openpyxl lays out the exported workbook; the import does not load it (20 MB, 0.1 s).
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from rectimeet.spec.loader import LoadedSpec
    from rectimeet.spec.writer import SpecText

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
        return excel_date(value)
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


def _frame(plan: Plan) -> Workbook:
    """Everything of the workbook but its data rows (see :mod:`rectimeet.ledger.xlsxwrite`):
    row :data:`FIRST_DATA_ROW` of the ledger sheet is a probe row whose empty cells carry each
    column's style; the data rows replace it."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

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

    top = Alignment(vertical="top")
    styles = {
        "plain": NamedStyle("台账正文", border=border, alignment=top),
        "wrap": NamedStyle("台账正文换行", border=border,
                           alignment=Alignment(vertical="top", wrap_text=True)),
        "date": NamedStyle("台账日期", border=border, alignment=top, number_format=DATE_FORMAT),
    }
    for style in styles.values():
        wb.add_named_style(style)
    for index, column in enumerate(COLUMNS if plan.checklist else (), start=1):
        probe = ws.cell(row=FIRST_DATA_ROW, column=index)
        assert isinstance(probe, Cell)
        probe.style = (styles["date"].name if column.field in ("deadline", "closed_on")
                       else styles["wrap" if column.wrap else "plain"].name)

    _add_validation(ws)
    add_warning_colours(ws, plan)
    ws.auto_filter.ref = f"A2:{last_col}{FIRST_DATA_ROW + max(len(plan.checklist), 1) - 1}"
    mark_sheet(ws)
    base = wb.create_sheet(BASE_SHEET)
    base.sheet_state = "veryHidden"
    base["A1"] = BASE_FORMAT
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    print_setup(ws)
    return wb


def _checked_rows(plan: Plan) -> tuple[list[list[object]], int]:
    """Every item's row (:func:`row_values`), and the most characters of text in one row; a
    text longer than an Excel cell holds is refused (Excel would cut it), naming the item and
    the column."""
    rows = []
    most = 0
    for seq, item in enumerate(plan.checklist, start=1):
        values = row_values(plan, item, seq)
        chars = 0
        for column, value in zip(COLUMNS, values, strict=True):
            if isinstance(value, str):
                chars += len(value)
                if len(value) > MAX_CELL_CHARS:
                    raise LedgerError(N_("item {id}, {header}: {count} characters; an Excel cell "
                                         "holds at most {limit}, so this ledger cannot be "
                                         "exported"),
                                      {"id": item.id, "header": column.header,
                                       "count": len(value), "limit": MAX_CELL_CHARS})
        most = max(most, chars)
        rows.append(values)
    return rows, most


def _write_workbook(plan: Plan, fh: IO[bytes]) -> None:
    rows, most = _checked_rows(plan)
    buf = io.BytesIO()
    _frame(plan).save(buf)
    frame = buf.getvalue()
    writer = RowWriter(probe_styles(frame, SHEET_TITLE, FIRST_DATA_ROW))
    last_row = FIRST_DATA_ROW + len(rows) - 1
    sheet = SheetRows(FIRST_DATA_ROW,
                      (writer.row(number, values)
                       for number, values in enumerate(rows, start=FIRST_DATA_ROW)),
                      f"{get_column_letter(len(COLUMNS))}{max(last_row, FIRST_DATA_ROW - 1)}")
    # The base's <dimension> precedes its rows: a bound of its widest row.
    widest = 1 + -(-(BASE_TEXT_GROWTH * most + 20 * len(COLUMNS)) // MAX_CELL_CHARS)
    base_writer = RowWriter([None] * MAX_COLUMNS)
    base = SheetRows(2, (base_writer.row(number, base_cells(values[1:]))
                         for number, values in enumerate(rows, start=2)),
                     f"{get_column_letter(min(widest, MAX_COLUMNS))}{len(rows) + 1}")
    stream_workbook(frame, {SHEET_TITLE: sheet, BASE_SHEET: base}, fh)


def build_workbook(plan: Plan) -> Workbook:
    """The exported workbook, opened with openpyxl (to edit it as a clerk would, in tests and
    scripts); :func:`export_xlsx` writes the same workbook without this detour."""
    from openpyxl import load_workbook

    buf = io.BytesIO()
    _write_workbook(plan, buf)
    buf.seek(0)
    return load_workbook(buf)


def print_setup(ws: Worksheet) -> None:
    """A4 landscape, one page wide, the header row repeated, centred, "第 N 页，共 M 页"."""
    from openpyxl.worksheet.header_footer import HeaderFooterItem
    from openpyxl.worksheet.header_footer import _HeaderFooterPart as _Text
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.print_title_rows = "2:2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.oddFooter = HeaderFooterItem(center=_Text(text="第 &P 页，共 &N 页"))


def write_cell(cell: Cell, value: Any) -> None:
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        # Text that looks like a formula stays text.
        cell.data_type = "s"


def _add_validation(ws: Worksheet) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

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
    from openpyxl.styles import PatternFill

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
    """Write the ledger workbook to ``path`` atomically.

    A text longer than an Excel cell holds is refused (Excel would cut it), naming the item
    and the column; nothing is written then.
    """
    return atomic.write_with(path, lambda fh: _write_workbook(plan, fh))


# ---------------------------------------------------------------- import


DELETE_MARK = "删除"
"""Written in a row's 序号 cell, it deletes that item from the checklist."""
NEW_ITEM_NOTE = "Excel导入"

Reason = tuple[str, Mapping[str, Any]]
RowProblem = tuple[str, str, Mapping[str, Any], Reason | None]
"""(header, message id, params, nested reason)."""


@dataclass(frozen=True)
class CellProblem:
    """One invalid cell (or row), located as a clerk sees it: row number and column letter.

    Row 0 is a problem of a whole sheet (``column`` then names the sheet)."""

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
        if self.row == 0:
            return render(N_("sheet {sheet}: {message}"), {"sheet": self.column,
                                                            "message": message}, lang)
        return render(N_("row {row}, column {column} ({header}): {message}"),
                      {"row": self.row, "column": self.column, "header": self.header,
                       "message": message}, lang)


class WorkbookError(LedgerError):
    """The workbook has invalid rows; nothing was written. ``problems`` lists every cell."""

    def __init__(self, problems: list[CellProblem], source: Path | str | None = None,
                 sheet: str | None = None) -> None:
        self.problems = problems
        self.source = str(source) if source is not None else None
        self.sheet = sheet
        where = self.source or "<workbook>"
        if sheet:
            where = f"{where} [{sheet}]"
        super().__init__(N_("{source}: {count} invalid cell(s); the spec was not changed"),
                         {"source": where, "count": len(problems)})

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
    """New history entries by item id (only items that changed or were added)."""
    written: bool = False
    added: list[str] = field(default_factory=list)
    """Ids of items the workbook added."""
    removed: list[str] = field(default_factory=list)
    """Ids of items the workbook deleted."""

    @property
    def changed_items(self) -> int:
        return len(set(self.changes) | set(self.removed))


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


_HEADER_ROWS = 10
"""The header row is looked for among the sheet's first rows (a clerk may add a line above)."""


@dataclass
class _Row:
    number: int
    values: dict[str, object]
    unedited: bool = False
    """The row is its item's exported row, cell for cell (``values`` then holds only 序号 and
    编号)."""


class _BaseByHeader(Mapping[str, dict[str, object]]):
    """:class:`~rectimeet.ledger.workbook.BaseRows` with each row by header."""

    def __init__(self, rows: BaseRows) -> None:
        self._rows = rows

    def __getitem__(self, key: str) -> dict[str, object]:
        return dict(zip([c.header for c in COLUMNS[1:]], self._rows[key], strict=False))

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def _read_rows(plan: Plan, path: Path | str
               ) -> tuple[str, list[_Row], list[CellProblem], Mapping[str, dict[str, object]]]:
    """Every data row of the marked sheet, strictly: the problems of the sheet's shape (other
    sheets, headers, merges, formulas, error values, overlong text) are collected, not skipped.

    A row that is its item's exported row cell for cell is kept as its 序号 and 编号 only (most
    rows of a county ledger are)."""
    sheet, sheet_problems = open_ledger(path)
    assert sheet is not None
    ids = {item.id for item in plan.checklist}
    problems = [CellProblem(0, p.sheet, "", p.msgid, p.params) for p in sheet_problems]
    expected = [c.header for c in COLUMNS]
    width = len(expected)
    rows: list[_Row] = []
    header_row: int | None = None
    hidden = {(r, c): ref for r, c, ref in merged_cells(sheet)}
    # Rows with a merged, formula or error cell take the careful path; the others the quick one.
    special = {r for r, _ in hidden} | {r for r, _ in sheet.flagged}
    try:
        base = base_rows(sheet)
        for number, cells in sheet.rows():
            if header_row is None:
                texts = [text_of(v).strip() for v in cells]
                if number <= _HEADER_ROWS and ("编号" in texts or "序号" in texts):
                    header_row = number
                    wrong = _header_problems(texts, number, expected)
                    if wrong:
                        # Cells under the wrong headers would be read into the wrong fields.
                        problems.extend(wrong)
                        break
                elif number > _HEADER_ROWS:
                    problems.append(CellProblem(1, "A", "", N_("no header row (序号, 编号, …) in "
                                                               "the first {count} rows"),
                                                {"count": _HEADER_ROWS}))
                    break
                continue
            if number not in special and len(cells) > 1 and cells[1] in ids \
                    and all(v is None for v in cells[width:]) \
                    and text_of(cells[0]).strip() != DELETE_MARK:
                exported = cells[1:width]
                exported += [None] * (width - 1 - len(exported))
                if base.unchanged(exported):
                    rows.append(_Row(number, {"序号": cells[0], "编号": cells[1]}, unedited=True))
                    continue
            values: dict[str, object] = {}
            empty = True
            for index, value in enumerate(cells, start=1):
                if number in special:
                    flag = sheet.flagged.get((number, index))
                    if (number, index) in hidden and index <= width:
                        problems.append(CellProblem(number, get_column_letter(index),
                                                    expected[index - 1], N_(
                            "merged cells ({range}); unmerge them and give every row its own "
                            "value"), {"range": hidden[(number, index)]}))
                        empty = False
                        continue
                    if flag is not None:
                        empty = False
                        header = expected[index - 1] if index <= width else ""
                        if flag[0] == "e":
                            problems.append(CellProblem(number, get_column_letter(index), header,
                                                        N_("an error value ({value}); type the "
                                                           "value itself"),
                                                        {"value": flag[1][:40]}))
                        else:
                            problems.append(CellProblem(number, get_column_letter(index), header,
                                                        N_("a formula ({formula}); type the value "
                                                           "itself"),
                                                        {"formula": flag[1][:40]}))
                        continue
                if value is None:
                    continue
                if empty and not (isinstance(value, str) and not value.strip()):
                    empty = False
                if index > width:
                    problems.append(CellProblem(number, get_column_letter(index), "", N_(
                        "a value outside the ledger's columns; the import would ignore it")))
                    continue
                if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                    problems.append(CellProblem(number, get_column_letter(index),
                                                expected[index - 1], N_(
                        "{count} characters; a cell holds at most {limit}"),
                        {"count": len(value), "limit": MAX_CELL_CHARS}))
                    continue
                values[expected[index - 1]] = value
            if not empty:
                rows.append(_Row(number, values))
        base.fetch({text_of(r.values.get("编号")).strip() for r in rows if not r.unedited})
    finally:
        sheet.close()
    if header_row is None and not any(p.row == 1 for p in problems):
        problems.append(CellProblem(1, "A", "", N_("no header row (序号, 编号, …) in the first "
                                                   "{count} rows"), {"count": _HEADER_ROWS}))
    return sheet.title, rows, problems, _BaseByHeader(base)


def _header_problems(found: list[str], row: int, expected: list[str]) -> list[CellProblem]:
    while found and not found[-1]:
        found.pop()
    out = []
    for index in range(max(len(found), len(expected))):
        have = found[index] if index < len(found) else ""
        want = expected[index] if index < len(expected) else ""
        if have == want:
            continue
        letter = get_column_letter(index + 1)
        if not want:
            msgid = N_("extra column “{found}”; the ledger has exactly the exported columns")
        elif have in expected:
            msgid = N_("column “{found}” is out of place; here belongs “{expected}” (columns must "
                       "stay in the exported order)")
        elif not have:
            msgid = N_("column “{expected}” is missing")
        else:
            msgid = N_("unknown column “{found}”; here belongs “{expected}”")
        out.append(CellProblem(row, letter, want or have, msgid,
                               {"found": have, "expected": want}))
    return out


def _next_ids(existing: list[str], count: int) -> list[str]:
    """Fresh ids in the style of the existing ones (Z7 after Z6; Z1 for an empty list)."""
    pattern = re.compile(r"^(.*?)(\d+)$")
    prefixes: dict[str, int] = {}
    for item_id in existing:
        match = pattern.match(item_id)
        if match:
            prefix, number = match.group(1), int(match.group(2))
            prefixes[prefix] = max(prefixes.get(prefix, 0), number)
    prefix = max(prefixes, key=lambda p: (sum(1 for i in existing if i.startswith(p)), p),
                 default="Z")
    start = prefixes.get(prefix, 0)
    taken = set(existing)
    out: list[str] = []
    n = start
    while len(out) < count:
        n += 1
        candidate = f"{prefix}{n}"
        if candidate not in taken:
            out.append(candidate)
    return out


def read_changes(plan: Plan, path: Path | str, *, by: str, on: dt.date,
                 spec_dir: Path | None = None, validate: bool = True) -> ImportResult:
    """Compare the workbook with ``plan`` and apply the differences as lifecycle operations.

    Raises :class:`WorkbookError` listing every invalid cell, and every rule error the edits
    would introduce (the same rules as ``check``); returns the new checklist and the recorded
    changes otherwise (``validate=False`` skips the rules: cells and transitions only). Rows of
    items missing from the workbook stay as they are; a row with an
    empty 编号 adds an item, and :data:`DELETE_MARK` in a row's 序号 deletes its item.
    """
    sheet_title, rows, problems, base = _read_rows(plan, path)
    items = {item.id: item for item in plan.checklist}
    updated: dict[str, ChecklistItem] = {}
    added: list[tuple[int, ChecklistItem]] = []
    removed: dict[str, int] = {}
    seen: dict[str, int] = {}
    bad_rows = {p.row for p in problems}

    def problem(row: int, header: str, msgid: str, reason: Reason | None = None,
                **params: Any) -> None:
        letter = letter_of(header) if header in HEADERS else "?"
        problems.append(CellProblem(row, letter, header, msgid, params, reason))

    new_rows = [r for r in rows if not text_of(r.values.get("编号")).strip()]
    new_ids = iter(_next_ids(list(items), len(new_rows)))
    for entry in rows:
        row, values = entry.number, entry.values
        if row in bad_rows:
            continue
        item_id = text_of(values.get("编号")).strip()
        deleting = text_of(values.get("序号")).strip() == DELETE_MARK
        if not item_id:
            if deleting:
                problem(row, "编号", N_("a row marked 删除 needs the 编号 of the item to delete"))
                continue
            new = _new_item(plan, next(new_ids), values, row, problem, by=by, on=on)
            if new is not None:
                added.append((row, new))
            continue
        if item_id not in items:
            if item_id in base and _unedited(plan, values, base[item_id]):
                continue  # deleted by another import since the export, and not edited here
            problem(row, "编号", N_("no checklist item has the id “{id}”"), id=item_id)
            continue
        if item_id in seen:
            problem(row, "编号", N_("id “{id}” is already used in row {first}"), id=item_id,
                    first=seen[item_id])
            continue
        seen[item_id] = row
        if entry.unedited:
            continue
        if not deleting and item_id in base and _same_cells(values, base[item_id]):
            continue  # not edited since the export (the common case: no parsing needed)
        if deleting:
            if items[item_id].status is ChecklistStatus.CLOSED:
                problem(row, "序号", N_("item {id} is closed (已销号); a closed item stays in the "
                                      "ledger"), id=item_id)
            else:
                removed[item_id] = row
            continue
        wanted = _wanted(plan, values, row, problem)
        if wanted is None:
            continue
        if item_id in base:
            wanted = _edits_since_export(plan, items[item_id], wanted, base[item_id], row,
                                         problem)
            if wanted is None:
                continue
        new, row_problems = _apply_row(items[item_id], wanted, by=by, on=on)
        for header, msgid, params, reason in row_problems:
            problem(row, header, msgid, reason, **params)
        if new is not None and new is not items[item_id]:
            updated[item_id] = new

    checklist = [updated.get(item.id, item) for item in plan.checklist
                 if item.id not in removed] + [item for _, item in added]
    if validate and not problems and (updated or added or removed):
        rows_of = {**seen, **{item.id: row for row, item in added}}
        problems.extend(_rule_problems(plan, checklist, rows_of, spec_dir))
    if problems:
        raise WorkbookError(problems, path, sheet_title)
    changes = {item_id: new.history[len(items[item_id].history):]
               for item_id, new in updated.items()}
    changes.update({item.id: item.history for _, item in added})
    return ImportResult(checklist, changes, added=[item.id for _, item in added],
                        removed=list(removed))


_ProblemFn = Callable[..., None]


def _same_cells(values: Mapping[str, object], base: Mapping[str, object]) -> bool:
    for header in HEADERS:
        if header == "序号":
            continue
        a, b = values.get(header), base.get(header)
        if a == b or (a in (None, "") and b in (None, "")):
            continue
        if isinstance(a, dt.date) and isinstance(b, dt.date) and date_of(a) == date_of(b):
            continue
        return False
    return True


def _quiet(*args: object, **kwargs: object) -> None:
    return None


def _unedited(plan: Plan, values: Mapping[str, object], base: Mapping[str, object]) -> bool:
    wanted = _wanted(plan, values, 0, _quiet)
    exported = _wanted(plan, base, 0, _quiet)
    return wanted is not None and wanted == exported


def _edits_since_export(plan: Plan, item: ChecklistItem, wanted: dict[str, Any],
                        base: Mapping[str, object], row: int, problem: _ProblemFn
                        ) -> dict[str, Any] | None:
    """Only the cells the clerk changed since the export; a cell changed both here and in the
    spec (by another import) to different values is a conflict."""
    exported = _wanted(plan, base, row, _quiet)
    if exported is None:
        return wanted
    edits: dict[str, Any] = {}
    conflict = False
    for name, value in wanted.items():
        if value == exported.get(name):
            continue
        current = getattr(item, name)
        if current != exported.get(name) and current != value:
            problem(row, _FIELD_HEADER[name], N_("changed in the spec since this workbook was "
                                                 "exported (now “{current}”); export again and "
                                                 "redo this edit"),
                    current=lifecycle.value_text(current))
            conflict = True
        edits[name] = value
    return None if conflict else edits


def _wanted(plan: Plan, values: Mapping[str, object], row: int, problem: _ProblemFn
            ) -> dict[str, Any] | None:
    wanted: dict[str, Any] = {}
    row_ok = True
    for header, column in HEADERS.items():
        if column.field in (None, "id"):
            continue
        raw = values.get(header)
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
    return wanted if row_ok else None


def _new_item(plan: Plan, item_id: str, values: Mapping[str, object], row: int,
              problem: _ProblemFn, *, by: str, on: dt.date) -> ChecklistItem | None:
    wanted = _wanted(plan, values, row, problem)
    if wanted is None:
        return None
    status = wanted.pop("status", ChecklistStatus.PENDING)
    data = {k: v for k, v in wanted.items() if v not in ("", None, [])}
    data["status"] = status
    data["history"] = [Change(on=on, by=by, field="item", old="", new=item_id,
                              note=NEW_ITEM_NOTE)]
    try:
        return ChecklistItem.model_validate({"id": item_id, **data})
    except ValidationError as err:
        for e in err.errors(include_url=False):
            where = str(e["loc"][0]) if e["loc"] else "issue"
            msgid, params = message_for(e)
            problem(row, _FIELD_HEADER.get(where, "问题"), msgid, **params)
        return None


def _rule_problems(plan: Plan, checklist: list[ChecklistItem], rows_of: Mapping[str, int],
                   spec_dir: Path | None) -> list[CellProblem]:
    """Errors the edited checklist would bring that the spec did not have: located on the row
    (and the column of the field) they concern."""
    from rectimeet.plugins import get_host
    from rectimeet.preparation import check_plan
    from rectimeet.rules.engine import Rule, Severity

    # The rest of the plan was validated when the spec was read, and so were the unchanged
    # items: only the changed and new items are validated again, then the plan's cross-checks
    # (unique ids, references) run over the whole edited checklist. (Validating a county's
    # whole plan again cost more than a second of every import.)
    old_items = {i.id: i for i in plan.checklist}
    out = []
    for item in checklist:
        if old_items.get(item.id) is item:
            continue
        try:
            ChecklistItem.model_validate(item.model_dump())
        except ValidationError as err:
            for e in err.errors(include_url=False):
                loc = [p for p in e["loc"] if not str(p).startswith("function-")]
                header = _FIELD_HEADER.get(str(loc[0]), "编号") if loc else "编号"
                msgid, params = message_for(e)
                out.append(CellProblem(rows_of.get(item.id, 0) or 1, letter_of(header), header,
                                       msgid, params))
    new_plan = plan.model_copy(update={"checklist": checklist})
    for p in structure_problems(new_plan):
        path = p.path
        item_id = checklist[path[1]].id if len(path) > 1 and path[0] == "checklist" \
            and isinstance(path[1], int) and path[1] < len(checklist) else ""
        header = _FIELD_HEADER.get(str(path[2]), "编号") if len(path) > 2 else "编号"
        out.append(CellProblem(rows_of.get(item_id, 0) or 1, letter_of(header), header,
                               p.message, dict(p.params)))
    if out:
        return out

    def keyed(p: Plan, codes: set[str] | None = None) -> dict[tuple[str, tuple[str | int, ...]], Any]:
        # Only errors refuse an import: rules that report warnings in this plan do not run.
        def wanted(rule: Rule, severity: Severity) -> bool:
            return severity is Severity.ERROR and (codes is None or rule.code in codes)

        findings = check_plan(p, get_host(), spec_dir=spec_dir, only=wanted)
        out = {}
        for f in findings:
            if f.severity is not Severity.ERROR:
                continue
            path = f.path
            if len(path) > 1 and path[0] == "checklist" and isinstance(path[1], int) \
                    and path[1] < len(p.checklist):
                path = ("checklist", p.checklist[path[1]].id, *path[2:])
            out[(f.code, path)] = f
        return out

    after = keyed(new_plan)
    if not after:  # a clean edit: nothing to locate
        return []
    # The spec's own errors matter only to tell the new ones apart, so only the rules that
    # found errors after the edit run over the unedited plan.
    before = keyed(plan, {code for code, _ in after})
    old_items = {i.id: i for i in plan.checklist}
    new_items = {i.id: i for i in checklist}

    def changed(item_id: str) -> list[str]:
        # Worked out for the items a finding names only (not for a county's every item).
        item = new_items.get(item_id)
        if item is None:
            return []
        old = old_items.get(item_id)
        return [f for f in _FIELD_HEADER if old is None or getattr(item, f) != getattr(old, f)]

    problems = []
    for key, finding in after.items():
        if key in before:
            continue
        path = key[1]
        item_id = str(path[1]) if len(path) > 1 and path[0] == "checklist" else ""
        header = _FIELD_HEADER.get(str(path[2]), "编号") if len(path) > 2 else \
            _column_named(finding, changed(item_id))
        row = rows_of.get(item_id, 0)
        if not row:
            row = 1
            header = "编号"
        problems.append(CellProblem(row, letter_of(header), header,
                                    N_("{code} {reason} (the same rule as `rectimeet check`)"),
                                    {"code": finding.code},
                                    (finding.message_id, dict(finding.params))))
    return sorted(problems, key=lambda p: (p.row, p.column))


_FIELD_HEADER = {c.field: c.header for c in COLUMNS if c.field}


def _column_named(finding: Any, fields: list[str]) -> str:
    """The column of a changed field the finding's message names (CK101 lists them), else of
    the first changed field, else 编号."""
    text = finding.message("zh")
    for name in fields:
        if _FIELD_HEADER[name] in text:
            return _FIELD_HEADER[name]
    return _FIELD_HEADER[fields[0]] if fields else "编号"


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
    if isinstance(value, dt.date):
        # A fresh object per value: the YAML writer would turn shared objects into anchors.
        return dt.date.fromordinal(value.toordinal())
    return value


def _change_map(change: Change) -> CommentedMap:
    out = CommentedMap(on=dt.date.fromordinal(change.on.toordinal()))
    for key in ("by", "field", "old", "new", "note"):
        value = getattr(change, key)
        if value or key == "field":
            out[key] = value
    return out


def _new_node(item: ChecklistItem) -> CommentedMap:
    node = CommentedMap(id=item.id)
    defaults = {name: f.get_default(call_default_factory=True)
                for name, f in ChecklistItem.model_fields.items()}
    for name in ChecklistItem.model_fields:
        if name in ("id", "history"):
            continue
        value = getattr(item, name)
        if value != defaults[name] or name == "issue":
            node[name] = _yaml_value(name, value)
    node["history"] = CommentedSeq(_change_map(c) for c in item.history)
    return node


def changed_items(plan: Plan, result: ImportResult) -> list[int]:
    """Indexes (in the spec as loaded) of the checklist items the import changes."""
    new_by_id = {item.id: item for item in result.checklist}
    return [index for index, old in enumerate(plan.checklist)
            if (new := new_by_id.get(old.id)) is not None and new is not old]


def update_document(rows: Any, plan: Plan, result: ImportResult
                    ) -> tuple[dict[int, Any], set[int], list[Any]]:
    """Edit the checklist's round-trip nodes in place: only the changed keys of changed items.

    ``rows`` is the document's ``checklist`` sequence, or a mapping from the index of each
    changed item (:func:`changed_items`) to its node. Returns ``(replaced nodes by index,
    removed indexes, added nodes)`` for :func:`rectimeet.spec.writer.edit_items`.
    """
    defaults = {name: f.get_default(call_default_factory=True)
                for name, f in ChecklistItem.model_fields.items()}
    new_by_id = {item.id: item for item in result.checklist}
    replaced: dict[int, Any] = {}
    removed: set[int] = set()
    for index, old in enumerate(plan.checklist):
        new = new_by_id.get(old.id)
        if new is None:
            removed.add(index)
            continue
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
        replaced[index] = node
    added = [_new_node(new_by_id[item_id]) for item_id in result.added]
    return replaced, removed, added


def import_xlsx(spec_path: Path | str, xlsx_path: Path | str, *, by: str = "",
                on: dt.date | None = None, dry_run: bool = False) -> ImportResult:
    """Read an edited ledger workbook into the spec file, as one transaction.

    Under the spec's write lock: the spec is read once; every row is checked, then the edited
    plan is checked with the same rules as ``check``; any problem raises
    :class:`WorkbookError` and the spec is not touched. Otherwise only the changed items' lines
    are rewritten (everything else byte for byte), the new text is read back and compared with
    what was computed, and the file is replaced atomically, unless it changed since it was
    read (then :class:`~rectimeet.errors.SpecChangedError`) or ``dry_run``.
    """
    from rectimeet.spec.loader import MAX_SPEC_BYTES, load_bytes, located, read_spec_bytes
    from rectimeet.spec.writer import BOM, SpecText, item_places

    spec_path = Path(spec_path)
    day = on or dt.date.today()
    if dry_run:
        loaded = load_bytes(read_spec_bytes(spec_path), spec_path)
        with located(loaded):
            return read_changes(loaded.plan, xlsx_path, by=by, on=day, spec_dir=spec_path.parent)
    with spec_lock(spec_path):
        raw = read_spec_bytes(spec_path)
        loaded = load_bytes(raw, spec_path)
        with located(loaded):
            result = read_changes(loaded.plan, xlsx_path, by=by, on=day,
                                  spec_dir=spec_path.parent)
        if not result.changes and not result.removed:
            return result
        # The loader's text is the file's without its BOM: one copy of a county's spec, not two.
        if loaded.text is None or loaded.text.startswith(BOM):
            spec = SpecText.of(raw.decode("utf-8"))
        else:
            spec = SpecText.of(loaded.text)._replace(bom=raw.startswith(codecs.BOM_UTF8))
        # Where the items are is all the edit needs of the source map: a county's map (a
        # quarter of a million entries, some 50 MB) is let go before the new text is made.
        places = item_places(loaded.source_map, "checklist", len(loaded.plan.checklist))
        loaded.source_map = {}
        edited = _edit_text(spec, loaded, places, result)
        data = spec.encode(edited.text)
        if len(data) > MAX_SPEC_BYTES:
            # The next command would refuse to read it (Y005): keep the spec as it is.
            raise LedgerError(N_("{path}: with these changes the spec would be {size} bytes, more "
                                 "than the {limit} bytes a spec may have; nothing was written"),
                              {"path": str(spec_path), "size": len(data), "limit": MAX_SPEC_BYTES})
        # Re-read what would be written: it must say exactly what the import computed.
        expected = loaded.plan.model_copy(update={"checklist": result.checklist})
        if not _reads_back_edit(data, edited, loaded, expected):
            old_text = spec.text.replace("\r\n", "\n")
            written = data.decode("utf-8-sig").replace("\r\n", "\n")
            if not _reads_back(written, loaded, expected, spec_path, old_text, edited.spans):
                raise LedgerError(N_("{path}: the updated spec does not read back as computed; "
                                     "nothing was written"), {"path": str(spec_path)})
        del edited
        atomic.write_bytes(spec_path, data, expect=raw)
    result.written = True
    return result


@dataclass
class _EditedText:
    """The spec's new text (LF line ends) and, when only the changed items' lines were
    rewritten, the old and new lines and the old items' spans (for :func:`_reads_back_edit`)."""

    text: str
    old_lines: list[str] | None = None
    new_lines: list[str] | None = None
    spans: Sequence[tuple[int, int, int]] | None = None


def _reads_back_edit(data: bytes, edited: _EditedText, loaded: LoadedSpec, expected: Plan) -> bool:
    """Whether the bytes to write provably read as ``expected``, shown from the lines
    (:func:`rectimeet.spec.readback.reads_back_by_lines`) without parsing the whole new text;
    False when that does not show it (the caller then reads the whole text)."""
    from rectimeet.spec.readback import reads_back_by_lines

    if edited.old_lines is None or edited.new_lines is None or edited.spans is None:
        return False
    # The lines judged are the lines written: the bytes decode to exactly these lines joined.
    written = data.decode("utf-8-sig").replace("\r\n", "\n")
    if written != edited.text or written.count("\n") != len(edited.new_lines) - 1:
        return False
    del written
    old_items = loaded.plan.checklist
    index_of = {item.id: index for index, item in enumerate(old_items)}
    items = expected.checklist

    def kept(i: int) -> int | None:
        old = index_of.get(items[i].id)
        return old if old is not None and old_items[old] is items[i] else None

    def reads_as(i: int, read: Any) -> bool:
        try:
            return ChecklistItem.model_validate(read) == items[i]
        except ValidationError:
            return False

    return reads_back_by_lines(edited.old_lines, edited.spans, edited.new_lines, len(items),
                               kept, reads_as)


def _edit_text(spec: SpecText, loaded: LoadedSpec, places: Sequence[tuple[int, int]] | None,
               result: ImportResult) -> _EditedText:
    """The spec's text (LF line ends) with the import's changes; with the old and new lines
    and the checklist items' spans in the old text when only the changed items' lines were
    rewritten (none when the whole document was dumped instead).

    Those items alone are parsed with the round-trip loader (to keep their comments), found by
    the fast reader's positions; the whole spec is parsed that way only when the checklist is
    not written one ``- item`` per block (a county's 30,000 items take the round-trip loader
    about half a minute, and an import usually changes a few dozen). Only the spans of the
    changed items and of the last one are worked out (:class:`~rectimeet.spec.writer.ItemSpans`).
    """
    from rectimeet.spec import writer
    from rectimeet.spec.readback import lines_tell

    text = spec.text.replace("\r\n", "\n")
    plan = loaded.plan
    lines = text.split("\n")
    spans = writer.item_spans_of(lines, places) if places is not None else None
    nodes = writer.item_nodes(lines, spans, changed_items(plan, result)) \
        if spans is not None else None
    if spans is not None and nodes is not None:
        replaced, removed, added = update_document(nodes, plan, result)
        if len(removed) < len(spans) or added:
            new_lines = writer.edit_lines(lines, spans, replaced, removed, added)
            if not lines_tell(text):  # the lines cannot show the read-back: read it whole
                return _EditedText("\n".join(new_lines), spans=spans)
            return _EditedText("\n".join(new_lines), lines, new_lines, spans)
        # Every item deleted: the key must become an empty list, which takes the whole dump.
    del lines
    document = loaded.document
    rows = document["checklist"] if "checklist" in document else CommentedSeq()
    replaced, removed, added = update_document(rows, plan, result)
    return _EditedText(writer.edit_sequence(spec, document, "checklist", replaced, removed,
                                            added))


def _reads_back(text: str, loaded: LoadedSpec, expected: Plan, spec_path: Path, old_text: str,
                old_spans: Sequence[tuple[int, int, int]] | None) -> bool:
    """Whether the spec's new ``text`` reads as ``expected``.

    ``old_spans`` (the items' lines in ``old_text``, the spec's text with LF line ends) are
    given when only the changed items' lines were rewritten and new items appended, every
    other line copied. Then the whole new text is parsed again (an edit that broke the file's
    structure shows there; only the changed and added items are built), every untouched item
    must be the very same lines as before (so it says what it said), the lines before and after
    the checklist too, and the changed and added items must validate to exactly what was
    computed. Validating a county's thirty thousand untouched items again would add a second to
    every import and prove nothing more. Otherwise, and for text the fast reader leaves alone,
    the new text is read and compared whole.
    """
    from rectimeet.spec import fastload
    from rectimeet.spec.loader import load_text
    from rectimeet.spec.writer import item_spans

    old_items = loaded.plan.checklist
    index_of = {item.id: index for index, item in enumerate(old_items)}
    # Only the changed and added items are built from the new text; the others are compared
    # as lines.
    touched = frozenset(i for i, item in enumerate(expected.checklist)
                        if item.id not in index_of or old_items[index_of[item.id]] is not item)
    fast = fastload.read_items(text, "checklist", touched) if old_spans is not None else None
    if fast is None or old_spans is None:
        return load_text(text, spec_path).plan == expected
    data, source_map = fast
    items = data.get("checklist") if isinstance(data, dict) else None
    if not isinstance(items, list) or len(items) != len(expected.checklist):
        return False
    if not items:  # every item deleted: nothing to compare line by line
        return load_text(text, spec_path).plan == expected
    new_spans = item_spans(text, source_map, "checklist", len(items))
    if new_spans is None:
        return False
    old_lines, new_lines = old_text.split("\n"), text.split("\n")
    if old_lines[:old_spans[0][0]] != new_lines[:new_spans[0][0]] or \
            old_lines[old_spans[-1][1]:] != new_lines[new_spans[-1][1]:]:
        return False
    for (first, end, _), written, item in zip(new_spans, items, expected.checklist, strict=True):
        old = index_of.get(item.id)
        if old is not None and old_items[old] is item:
            was_first, was_end, _ = old_spans[old]
            if old_lines[was_first:was_end] != new_lines[first:end]:
                return False
            continue
        try:
            if ChecklistItem.model_validate(written) != item:
                return False
        except ValidationError:
            return False
    return True

