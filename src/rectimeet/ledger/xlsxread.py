"""Reading a large workbook fast: cell values from calamine, the sheet's shape from a byte scan.

openpyxl, even streaming (``read_only``), spends about 25 µs of Python per cell; a county ledger
with its base sheet has 800,000. The values are read by calamine (python-calamine, a Rust
reader); what calamine does not tell (which cells hold a formula or an error value, and how
far the sheet really reaches, so that nothing is loaded that the limits refuse) is found by
scanning the sheet part's bytes. The scan takes the fast road when every ``<row>`` and ``<c>``
names its position first (as Excel, WPS, LibreOffice, openpyxl and XlsxWriter write them) and
parses the part as XML otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from rectimeet.errors import LedgerError
from rectimeet.i18n import N_

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


# Spreadsheet coordinates, without openpyxl: importing it costs a ledger import 20 MB and 0.1 s.


def column_index(letters: str) -> int:
    """``A`` → 1, ``N`` → 14, ``AA`` → 27."""
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index


def column_letter(index: int) -> str:
    """1 → ``A``, 14 → ``N``, 27 → ``AA``."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_RANGE = re.compile(r"^\$?([A-Z]{1,3})?\$?(\d+)?(?::\$?([A-Z]{1,3})?\$?(\d+)?)?$")


def range_bounds(ref: str) -> tuple[int, int, int, int]:
    """``(min_col, min_row, max_col, max_row)`` of an A1 range (``A1:N1``, ``B3``, ``A:C``);
    0 for a part it does not give, all 0 for text that is not a range."""
    match = _RANGE.match(ref)
    if match is None or not any(match.groups()):
        return 0, 0, 0, 0
    first_col, first_row, last_col, last_row = match.groups()
    if ref.find(":") < 0:
        last_col, last_row = first_col, first_row
    return (column_index(first_col or ""), int(first_row or 0),
            column_index(last_col or ""), int(last_row or 0))


_EPOCH = dt.date(1899, 12, 30)
_MS_PER_DAY = 86_400_000


def excel_date(serial: float) -> dt.date:
    """The day of an Excel date serial (1900 system, with its phantom 29 February 1900), as
    openpyxl reads it: the time of day rounded to the millisecond."""
    day, fraction = divmod(serial, 1)
    if round(fraction * _MS_PER_DAY) >= _MS_PER_DAY:
        day += 1
    if 0 < serial < 60:
        day += 1
    return _EPOCH + dt.timedelta(days=int(day))


class UnreadableWorkbook(LedgerError):
    """The workbook's structure cannot be read (``error`` names the failure)."""

    def __init__(self, source: Path | str, error: str) -> None:
        super().__init__(N_("{path}: cannot read the workbook ({error})"),
                         {"path": str(source), "error": error})


@dataclass(frozen=True)
class SheetEntry:
    title: str
    part: str
    """The sheet's part in the archive (``xl/worksheets/sheet1.xml``)."""
    state: str
    """``visible``, ``hidden`` or ``veryHidden``."""
    local_names: frozenset[str]
    """The defined names scoped to this sheet."""


def workbook_index(archive: zipfile.ZipFile, source: Path | str) -> list[SheetEntry]:
    """The sheets in workbook order, with their parts and sheet-scoped defined names."""
    try:
        rels: dict[str, str] = {}
        with archive.open("xl/_rels/workbook.xml.rels") as fh:
            for _, elem in iterparse(fh):
                if elem.tag.endswith("Relationship"):
                    target = elem.get("Target", "")
                    target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                    rels[elem.get("Id", "")] = target
        sheets: list[tuple[str, str, str]] = []
        names: dict[int, set[str]] = {}
        with archive.open("xl/workbook.xml") as fh:
            for _, elem in iterparse(fh):
                if elem.tag == f"{_MAIN_NS}sheet":
                    sheets.append((elem.get("name", ""), rels.get(elem.get(f"{_REL_NS}id", ""), ""),
                                   elem.get("state", "visible")))
                elif elem.tag == f"{_MAIN_NS}definedName" and elem.get("localSheetId") is not None:
                    local = elem.get("localSheetId", "")
                    if local.isdigit():
                        names.setdefault(int(local), set()).add(elem.get("name", ""))
    except (KeyError, ParseError, ValueError) as exc:
        raise UnreadableWorkbook(source, type(exc).__name__) from None
    return [SheetEntry(title, part, state, frozenset(names.get(index, ())))
            for index, (title, part, state) in enumerate(sheets)]


@dataclass
class SheetScan:
    """What a sheet part holds besides its values."""

    max_row: int = 0
    max_column: int = 0
    """The furthest row and column any ``<row>`` or ``<c>`` reaches (1-based; 0 when empty)."""
    dimension: str | None = None
    """The ``<dimension ref>`` the part declares, if any."""
    merged: list[str] = field(default_factory=list)
    """Merged ranges in A1 notation."""
    flagged: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    """``(row, column)`` → ``("f", formula)`` for a formula, ``("e", value)`` for an error value."""


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([^"]*)"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([^"]*)"')
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
_WIDE_CELL = re.compile(rb'<c r="((?:[A-Z]{3,}|[C-Z][A-Z]|B[M-Z])\d+)"')
"""A cell right of column BL (64)."""
_CELL_REF = re.compile(rb'<c r="([A-Z]+)(\d+)"')
_UNPLACED_CELL = re.compile(rb'<c(?! r=")[\s>/]')
_ODD_REF = re.compile(rb'<c r="(?![A-Z]{1,3}[1-9][0-9]{0,6}")')
_UNPLACED_ROW = re.compile(rb'<row(?! r=")[\s>/]')
_FORMULA_TEXT = re.compile(rb"<f(?:\s[^>]*)?>([^<]*)</f>")
_VALUE_TEXT = re.compile(rb"<v>([^<]*)</v>")
_FORMULA_START = re.compile(rb"<f[>\s/]")
"""Where a formula element may start (``<f>``, ``<f …>``, ``<f/>``): a superset of the searches."""
_ERROR_TYPE = re.compile(rb' t="e"')


def _finds(data: bytes | bytearray, needle: bytes) -> Iterator[int]:
    pos = data.find(needle)
    while pos >= 0:
        yield pos
        pos = data.find(needle, pos + 1)


def scan_sheet(data: bytes | bytearray, source: Path | str) -> SheetScan:
    """Scan a worksheet part (see the module)."""
    scan = SheetScan()
    dimension = _DIMENSION.search(data, 0, 4096)
    if dimension is not None:
        scan.dimension = dimension.group(1).decode("ascii", "replace")
    merges = data.find(b"mergeCell")
    if merges >= 0:
        scan.merged = [m.group(1).decode("ascii", "replace")
                       for m in _MERGE.finditer(data, max(merges - 64, 0))]
    prefixed = re.search(rb"<\w+:worksheet\b", data[:4096]) is not None
    if prefixed or _UNPLACED_CELL.search(data) or _UNPLACED_ROW.search(data) \
            or _ODD_REF.search(data):
        _parse_sheet(data, scan, source)
        return scan
    scan.max_row = max((int(n) for n in _ROW_NUMBER.findall(data)), default=0)
    # A row's cells are in column order, so its last cell is its widest; a cell out of order
    # far to the right is still found by its letters.
    widest = [column_index(m.group(1).rstrip(b"0123456789").decode())
              for m in _WIDE_CELL.finditer(data)]
    previous = 0
    for end in _finds(data, b"</row>"):
        last = _CELL_REF.match(data, max(data.rfind(b'<c r="', previous, end), 0))
        if last is not None:
            widest.append(column_index(last.group(1).decode()))
        previous = end
    scan.max_column = max(widest, default=0)
    # Most sheets hold neither: two searches with a literal prefix rule both out in a third of
    # the time of the four exact searches below (a county's sheet is 36 MB of XML).
    if _FORMULA_START.search(data) is None and _ERROR_TYPE.search(data) is None:
        return scan
    for needle in (b"<f>", b"<f ", b"<f/>"):
        for pos in _finds(data, needle):
            start, position = _cell_at(data, pos)
            if position is not None:
                match = _FORMULA_TEXT.match(data, pos)
                text = unescape(match.group(1).decode("utf-8", "replace")) if match else ""
                scan.flagged[position] = ("f", f"={text}")
    for pos in _finds(data, b' t="e"'):
        start, position = _cell_at(data, pos)
        if position is not None and data.find(b">", start) > pos:
            value = _VALUE_TEXT.search(data, pos, data.find(b"</c>", pos))
            scan.flagged.setdefault(position, ("e", value.group(1).decode("utf-8", "replace")
                                               if value else "#N/A"))
    return scan


def _cell_at(data: bytes | bytearray, pos: int) -> tuple[int, tuple[int, int] | None]:
    """The start and position of the cell element that holds byte ``pos``."""
    start = data.rfind(b'<c r="', 0, pos + 1)
    if start < 0 or data.rfind(b"</c>", start, pos) >= 0:
        return start, None
    match = _CELL_REF.match(data, start)
    if match is None:
        return start, None
    return start, (int(match.group(2)), column_index(match.group(1).decode()))


def _parse_sheet(data: bytes | bytearray, scan: SheetScan, source: Path | str) -> None:
    """The exact scan: positions as a spreadsheet reads them, including implicit ones."""
    row = col = 0
    try:
        for event, elem in iterparse(BytesIO(data), events=("start", "end")):
            tag = elem.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "row":
                    ref = elem.get("r")
                    row = int(ref) if ref and ref.isdigit() else row + 1
                    col = 0
                    scan.max_row = max(scan.max_row, row)
                elif tag == "c":
                    ref = (elem.get("r") or "").upper()
                    if ref:
                        letters = ref.rstrip("0123456789")
                        col = column_index(letters) if letters else col + 1
                    else:
                        col += 1
                    scan.max_column = max(scan.max_column, col)
                continue
            if tag == "c":
                formula = next((c for c in elem if c.tag.rsplit("}", 1)[-1] == "f"), None)
                if formula is not None:
                    scan.flagged[(row, col)] = ("f", f"={formula.text or ''}")
                elif elem.get("t") == "e":
                    value = next((c for c in elem if c.tag.rsplit("}", 1)[-1] == "v"), None)
                    scan.flagged[(row, col)] = ("e", (value.text if value is not None else None)
                                                or "#N/A")
                elem.clear()
            elif tag == "row":
                elem.clear()
    except (ParseError, ValueError) as exc:
        raise UnreadableWorkbook(source, type(exc).__name__) from None


class Values:
    """Cell values of a workbook's sheets (calamine), row by row from row 1."""

    def __init__(self, path: Path | str) -> None:
        from python_calamine import CalamineError, CalamineWorkbook

        self._source = path
        self._errors: tuple[type[Exception], ...] = (CalamineError, ValueError, OSError)
        try:
            self._book = CalamineWorkbook.from_path(str(path))
        except self._errors as exc:
            raise UnreadableWorkbook(path, type(exc).__name__) from None

    def rows(self, title: str, max_columns: int) -> Iterator[list[Any]]:
        """Each row's values (``None`` for an empty cell), at most ``max_columns`` of them;
        empty rows above the first value are included, so the n-th row is row n."""
        try:
            sheet = self._book.get_sheet_by_name(title)
            start = sheet.start
        except self._errors as exc:
            raise UnreadableWorkbook(self._source, type(exc).__name__) from None
        if start is None:
            return
        pad: list[Any] = [None] * min(start[1], max_columns)
        try:
            for row in sheet.iter_rows():
                # calamine counts rows from the top of the sheet and columns from the first
                # used. An empty cell is "" in calamine; the import reads None (as openpyxl gave).
                yield (pad + [None if v == "" else v for v in row])[:max_columns]
        except BaseException as exc:
            # A time or duration beyond what Python holds (a huge number in a cell formatted
            # as a time) overflows in calamine, or makes its Rust code panic, which Python sees
            # as a BaseException.
            if not isinstance(exc, ArithmeticError) and type(exc).__name__ != "PanicException":
                raise
            raise LedgerError(N_("{path}: a cell holds a date or time no calendar has (a number "
                                 "far too large in a date cell?); correct it and import again"),
                              {"path": str(self._source)}) from None

    def close(self) -> None:
        self._book.close()
