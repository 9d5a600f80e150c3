"""Reading an edited ledger workbook strictly, and within limits.

The import must never guess. The sheet it reads is the one the export marked (a hidden,
sheet-scoped defined name travels with the sheet when it is renamed; a copy made with another
tool has no marker, and a copy Excel makes carries it too and is refused as ambiguous). The
workbook is refused as a whole before openpyxl loads it when its parts would expand beyond
:data:`MAX_UNCOMPRESSED` or its sheet claims more than :data:`MAX_ROWS` rows, and it is then
read streaming (``read_only``). Merged cells and formulas are reported per cell: a merge hides
the merged-away cells' values, and a formula's value is whatever a spreadsheet last computed
(or nothing at all).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from rectimeet.errors import LedgerError
from rectimeet.i18n import N_

MARKER_NAME = "rectimeet_ledger"
"""The sheet-scoped defined name that marks the exported ledger sheet."""
MARKER_VALUE = '"rectimeet ledger 1"'
BASE_SHEET = "rectimeet_base"
"""A very hidden sheet with each item's row as exported: the base the edits are measured
against, so that a workbook exported before another import does not undo that import."""
MAX_UNCOMPRESSED = 192 * 1024 * 1024
"""Bytes a workbook's parts may hold once decompressed (a 1000-item ledger holds about 2 MiB, a
county's 30,000 items about 64 MiB)."""
MAX_PARTS = 2000
MAX_ROWS = 50_000
"""Rows the ledger sheet may have (a county aggregating 300 units has about 30,000 items)."""
MAX_COLUMNS = 64
"""Columns read per row; a value further right is refused as outside the ledger."""
MAX_CELL_CHARS = 32_767
"""Characters an Excel cell holds."""


def mark_sheet(ws: Worksheet) -> None:
    """Mark ``ws`` as the exported ledger sheet."""
    ws.defined_names[MARKER_NAME] = DefinedName(MARKER_NAME, attr_text=MARKER_VALUE, hidden=True)


@dataclass
class SheetProblem:
    """A problem found while reading (row and column 0 when it concerns the whole sheet)."""

    sheet: str
    row: int
    column: int
    msgid: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class LedgerSheet:
    """The marked sheet, open for streaming, with what was found before its rows are read."""

    workbook: Workbook
    ws: Worksheet
    title: str
    merged: list[str]
    """Merged ranges (A1 notation) that reach below the title row."""

    def rows(self) -> Iterator[tuple[int, list[tuple[Any, str]]]]:
        """``(row number, [(value, data type), …])`` for each row, at most :data:`MAX_ROWS`."""
        with warnings.catch_warnings():
            # openpyxl warns (and reads an error value) for a date serial out of Excel's range;
            # the cell is reported like any other bad value.
            warnings.simplefilter("ignore", UserWarning)
            yield from self._rows()

    def _rows(self) -> Iterator[tuple[int, list[tuple[Any, str]]]]:
        for count, row in enumerate(self.ws.iter_rows(max_col=MAX_COLUMNS), start=1):
            if count > MAX_ROWS:
                raise LedgerError(N_("{sheet}: more than {limit} rows; the ledger sheet holds at "
                                     "most {limit}"), {"sheet": self.title, "limit": MAX_ROWS})
            cells = [(getattr(c, "value", None), getattr(c, "data_type", "n")) for c in row]
            number = next((getattr(c, "row", None) for c in row if getattr(c, "row", None)), None)
            yield (number or count), cells

    def close(self) -> None:
        self.workbook.close()


def _refuse(path: Path | str, msgid: str, **params: Any) -> LedgerError:
    return LedgerError(msgid, {"path": str(path), **params})


def _check_archive(path: Path | str) -> dict[str, str]:
    """Refuse a file that is not a workbook, or whose parts expand too far; return the sheet
    titles' part names."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise _refuse(path, N_("{path}: workbook not found")) from None
    except IsADirectoryError:
        raise _refuse(path, N_("{path}: this is a folder, not a workbook")) from None
    except PermissionError:
        raise _refuse(path, N_("{path}: cannot read the workbook ({error})"),
                      error="PermissionError") from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(path, N_("{path}: cannot read the workbook ({error})"),
                      error=type(exc).__name__) from None
    with archive:
        infos = archive.infolist()
        total = sum(i.file_size for i in infos)
        if len(infos) > MAX_PARTS or total > MAX_UNCOMPRESSED:
            raise _refuse(path, N_("{path}: the workbook expands to {size} bytes in {parts} parts; "
                                   "at most {limit} bytes are read"),
                          size=total, parts=len(infos), limit=MAX_UNCOMPRESSED)
        return _sheet_parts(archive, path)


_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _sheet_parts(archive: zipfile.ZipFile, path: Path | str) -> dict[str, str]:
    """Sheet title → part name (``xl/worksheets/sheet1.xml``), from the workbook's own index."""
    try:
        rels: dict[str, str] = {}
        with archive.open("xl/_rels/workbook.xml.rels") as fh:
            for _, elem in iterparse(fh):
                if elem.tag.endswith("Relationship"):
                    target = elem.get("Target", "")
                    target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                    rels[elem.get("Id", "")] = target
        out: dict[str, str] = {}
        with archive.open("xl/workbook.xml") as fh:
            for _, elem in iterparse(fh):
                if elem.tag == f"{_MAIN_NS}sheet":
                    out[elem.get("name", "")] = rels.get(elem.get(f"{_REL_NS}id", ""), "")
        return out
    except (KeyError, SyntaxError, ValueError) as exc:
        raise _refuse(path, N_("{path}: cannot read the workbook ({error})"),
                      error=type(exc).__name__) from None


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([^"]*)"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([^"]*)"')


def _scan_sheet(path: Path | str, part: str, title: str) -> list[str]:
    """The sheet's merged ranges; refuses a sheet whose declared size exceeds the limits.

    A byte scan, not an XML parse: the part is bounded by :data:`MAX_UNCOMPRESSED`, and
    parsing it twice (here and in openpyxl) doubled the import time.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read(part)
    except (KeyError, OSError, zipfile.BadZipFile) as exc:
        raise _refuse(path, N_("{path}: cannot read the workbook ({error})"),
                      error=type(exc).__name__) from None
    dimension = _DIMENSION.search(data, 0, 4096)
    if dimension is not None:
        ref = dimension.group(1).decode("ascii", "replace")
        _, _, max_col, max_row = _bounds(ref)
        if max_row > MAX_ROWS + 10 or max_col > MAX_COLUMNS:
            raise _refuse(path, N_("{path}: sheet {sheet} spans {ref}; the ledger sheet "
                                   "holds at most {limit} rows and {columns} columns"),
                          sheet=title, ref=ref, limit=MAX_ROWS, columns=MAX_COLUMNS)
    return [m.group(1).decode("ascii", "replace") for m in _MERGE.finditer(data)]


def open_ledger(path: Path | str) -> tuple[LedgerSheet | None, list[SheetProblem]]:
    """The marked ledger sheet, or the problems that make the workbook unusable."""
    parts = _check_archive(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise _refuse(path, N_("{path}: cannot read the workbook ({error})"),
                      error=type(exc).__name__) from None
    marked = [ws for ws in wb.worksheets if MARKER_NAME in getattr(ws, "defined_names", {})
              and ws.title != BASE_SHEET]
    problems: list[SheetProblem] = []
    if not marked:
        wb.close()
        raise _refuse(path, N_("{path}: this workbook was not exported by rectimeet (its ledger "
                               "sheet's marker is missing); export the ledger again and copy the "
                               "edits into the new workbook"))
    if len(marked) > 1:
        titles = [ws.title for ws in marked]
        wb.close()
        raise _refuse(path, N_("{path}: sheets {sheets} all claim to be the exported ledger (a "
                               "copied sheet); delete the copies"), sheets=titles)
    ws = marked[0]
    for other in wb.sheetnames:
        if other not in (ws.title, BASE_SHEET):
            problems.append(SheetProblem(other, 0, 0, N_("unexpected sheet {sheet}; the import reads "
                                                         "only the exported sheet {ledger}, so "
                                                         "delete it or move it to another workbook"),
                                         {"sheet": other, "ledger": ws.title}))
    merged = [ref for ref in _scan_sheet(path, parts.get(ws.title, ""), ws.title)
              if _bounds(ref)[3] > 1]
    if BASE_SHEET not in wb.sheetnames:
        wb.close()
        raise _refuse(path, N_("{path}: the hidden sheet {sheet} that the export wrote is "
                               "missing; export the ledger again"), sheet=BASE_SHEET)
    _scan_sheet(path, parts.get(BASE_SHEET, ""), BASE_SHEET)
    return LedgerSheet(wb, ws, ws.title, merged), problems


def base_rows(sheet: LedgerSheet) -> dict[str, list[Any]]:
    """The exported rows by item id (values in column order from 编号 on)."""
    out: dict[str, list[Any]] = {}
    base = sheet.workbook[BASE_SHEET]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        for count, row in enumerate(base.iter_rows(max_col=MAX_COLUMNS, values_only=True)):
            if count > MAX_ROWS:
                break
            values = list(row)
            if values and isinstance(values[0], str) and values[0]:
                out[values[0]] = values
    return out


def is_error_value(data_type: str) -> bool:
    """A cell holding a spreadsheet error (#REF!, #VALUE!, a date out of range)."""
    return data_type == "e"


def is_formula(value: object, data_type: str) -> bool:
    return data_type == "f" or (not isinstance(value, str | int | float | bool | dt.date | dt.time
                                               | dt.timedelta | type(None)))


def _bounds(ref: str) -> tuple[int, int, int, int]:
    """``(min_col, min_row, max_col, max_row)`` of an A1 range; all 0 for one that is not."""
    try:
        bounds = range_boundaries(ref)
    except (ValueError, TypeError):
        return 0, 0, 0, 0
    a, b, c, d = (x or 0 for x in bounds)
    return a, b, c, d


def merged_cells(sheet: LedgerSheet) -> Iterator[tuple[int, int, str]]:
    """``(row, column, range)`` of every cell a merge hides or spans."""
    for ref in sheet.merged:
        min_col, min_row, max_col, max_row = _bounds(ref)
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                yield r, c, ref


def column_letter(index: int) -> str:
    return get_column_letter(index)


