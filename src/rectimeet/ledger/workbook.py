"""Reading an edited ledger workbook strictly, and within limits.

The import must never guess. The sheet it reads is the one the export marked (a hidden,
sheet-scoped defined name travels with the sheet when it is renamed; a copy made with another
tool has no marker, and a copy Excel makes carries it too and is refused as ambiguous). The
workbook is refused as a whole before any sheet is loaded when its parts would expand beyond
:data:`MAX_UNCOMPRESSED`, and a sheet is refused before its values are loaded when it reaches
beyond :data:`MAX_ROWS` rows or :data:`MAX_COLUMNS` columns (see
:mod:`rectimeet.ledger.xlsxread`). Merged cells, formulas and error values are reported per
cell: a merge hides the merged-away cells' values, and a formula's value is whatever a
spreadsheet last computed (or nothing at all).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rectimeet.errors import LedgerError
from rectimeet.i18n import N_
from rectimeet.ledger.xlsxread import (
    SheetScan,
    UnreadableWorkbook,
    Values,
    column_letter,
    range_bounds,
    scan_sheet,
    workbook_index,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

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
BASE_FORMAT = "rectimeet base 2"
"""Cell A1 of the base sheet since the base holds one row's values per cell (as JSON, from B on:
a cell per row instead of thirteen). Without it, the base sheet is the first layout: a row per
item, its values in column order from 编号 on, as workbooks exported before wrote it."""


def mark_sheet(ws: Worksheet) -> None:
    """Mark ``ws`` as the exported ledger sheet."""
    from openpyxl.workbook.defined_name import DefinedName

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
    """The marked sheet, with what was found before its rows are read."""

    path: Path
    title: str
    merged: list[str]
    """Merged ranges (A1 notation) that reach below the title row."""
    flagged: dict[tuple[int, int], tuple[str, str]]
    """``(row, column)`` → ``("f", formula)`` or ``("e", error value)``."""
    values: Values

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """``(row number, [value, …])`` for each row, at most :data:`MAX_ROWS`."""
        for number, row in enumerate(self.values.rows(self.title, MAX_COLUMNS), start=1):
            if number > MAX_ROWS:
                raise LedgerError(N_("{sheet}: more than {limit} rows; the ledger sheet holds at "
                                     "most {limit}"), {"sheet": self.title, "limit": MAX_ROWS})
            yield number, row

    def close(self) -> None:
        self.values.close()


def _refuse(path: Path | str, msgid: str, **params: Any) -> LedgerError:
    return LedgerError(msgid, {"path": str(path), **params})


def _open_archive(path: Path | str) -> zipfile.ZipFile:
    """The workbook's archive; refused when it is not one, or its parts expand too far."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise _refuse(path, N_("{path}: workbook not found")) from None
    except IsADirectoryError:
        raise _refuse(path, N_("{path}: this is a folder, not a workbook")) from None
    except PermissionError:
        raise UnreadableWorkbook(path, "PermissionError") from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableWorkbook(path, type(exc).__name__) from None
    infos = archive.infolist()
    total = sum(i.file_size for i in infos)
    if len(infos) > MAX_PARTS or total > MAX_UNCOMPRESSED:
        archive.close()
        raise _refuse(path, N_("{path}: the workbook expands to {size} bytes in {parts} parts; "
                               "at most {limit} bytes are read"),
                      size=total, parts=len(infos), limit=MAX_UNCOMPRESSED)
    return archive


def _scan(archive: zipfile.ZipFile, path: Path | str, part: str, title: str) -> SheetScan:
    """Scan a sheet part; refuse a sheet that declares or reaches beyond the limits."""
    # Read in pieces into one buffer: ZipFile.read holds the part twice for a moment, and a
    # county ledger's sheet is 25 MB of XML.
    data = bytearray()
    try:
        with archive.open(part) as fh:
            while piece := fh.read(1 << 20):
                data += piece
    except (KeyError, OSError, zipfile.BadZipFile, EOFError) as exc:
        raise UnreadableWorkbook(path, type(exc).__name__) from None
    scan = scan_sheet(data, path)
    del data
    refs = [scan.dimension] if scan.dimension else []
    if scan.max_row or scan.max_column:
        refs.append(f"A1:{column_letter(max(scan.max_column, 1))}{max(scan.max_row, 1)}")
    for ref in refs:
        _, _, max_col, max_row = _bounds(ref)
        if max_row > MAX_ROWS + 10 or max_col > MAX_COLUMNS:
            raise _refuse(path, N_("{path}: sheet {sheet} spans {ref}; the ledger sheet "
                                   "holds at most {limit} rows and {columns} columns"),
                          sheet=title, ref=ref, limit=MAX_ROWS, columns=MAX_COLUMNS)
    return scan


def open_ledger(path: Path | str) -> tuple[LedgerSheet | None, list[SheetProblem]]:
    """The marked ledger sheet, or the problems that make the workbook unusable."""
    with _open_archive(path) as archive:
        sheets = workbook_index(archive, path)
        marked = [s for s in sheets if MARKER_NAME in s.local_names and s.title != BASE_SHEET]
        if not marked:
            raise _refuse(path, N_("{path}: this workbook was not exported by rectimeet (its "
                                   "ledger sheet's marker is missing); export the ledger again "
                                   "and copy the edits into the new workbook"))
        if len(marked) > 1:
            raise _refuse(path, N_("{path}: sheets {sheets} all claim to be the exported ledger "
                                   "(a copied sheet); delete the copies"),
                          sheets=[s.title for s in marked])
        ledger = marked[0]
        problems = [SheetProblem(s.title, 0, 0, N_("unexpected sheet {sheet}; the import reads "
                                                   "only the exported sheet {ledger}, so delete "
                                                   "it or move it to another workbook"),
                                 {"sheet": s.title, "ledger": ledger.title})
                    for s in sheets if s.title not in (ledger.title, BASE_SHEET)]
        scan = _scan(archive, path, ledger.part, ledger.title)
        base = next((s for s in sheets if s.title == BASE_SHEET), None)
        if base is None:
            raise _refuse(path, N_("{path}: the hidden sheet {sheet} that the export wrote is "
                                   "missing; export the ledger again"), sheet=BASE_SHEET)
        _scan(archive, path, base.part, BASE_SHEET)
    merged = [ref for ref in scan.merged if _bounds(ref)[3] > 1]
    return LedgerSheet(Path(path), ledger.title, merged, scan.flagged, Values(path)), problems


_BASE_JSON = json.JSONEncoder(separators=(",", ":"))
"""``json.dumps(…, separators=…)`` builds this encoder anew on every call (30,000 rows a county)."""


def base_text(values: Sequence[object]) -> str:
    """Exported values (from 编号 on) as the base sheet keeps them: JSON, dates as ``{"d": …}``.

    ASCII only (``\\u`` escapes): a spreadsheet that saves the workbook again (LibreOffice) splits
    a text that mixes Chinese and Latin letters into runs, one per script, each with its font,
    which made the base sheet four times its size."""
    return _BASE_JSON.encode([{"d": v.isoformat()} if isinstance(v, dt.date) else v
                              for v in values])


BASE_TEXT_GROWTH = 12
"""At most this many characters of :func:`base_text` per character of text (a character beyond
the Basic Multilingual Plane is two ``\\uXXXX`` escapes)."""


def base_cells(values: Sequence[object]) -> list[object]:
    """A row of the base sheet (:data:`BASE_FORMAT`): the item id, then :func:`base_text` cut
    into cells of at most :data:`MAX_CELL_CHARS` characters. A row too long for the columns a
    sheet may have (hundreds of thousands of characters) keeps its id alone, and its edits are
    measured against the spec."""
    text = base_text(values)
    if len(text) > (MAX_COLUMNS - 1) * MAX_CELL_CHARS:
        return [values[0]]
    return [values[0], *(text[i:i + MAX_CELL_CHARS] for i in range(0, len(text), MAX_CELL_CHARS))]


def _date_of(obj: dict[str, Any]) -> object:
    text = obj["d"]
    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class BaseRows(Mapping[str, list[Any]]):
    """The exported rows by item id (values in column order from 编号 on).

    A county ledger's base is 30,000 rows: it is read once keeping only a digest of each row's
    :func:`base_text`, which tells an unedited row (:meth:`unchanged`); the rows the import
    needs in full are read again (:meth:`fetch`) and decoded when asked for. A row that does not
    decode is as if it had no base. Rows of the first layout are compared as :func:`base_text`
    too, without trailing empty cells (which that layout did not always keep); one holding a
    value JSON cannot say is kept as it was read."""

    def __init__(self, values: Values) -> None:
        self._values = values
        self._digests: dict[str, bytes] = {}
        self._lists: dict[str, list[Any]] = {}
        self._raw: dict[str, str | list[Any]] = {}
        self._decoded: dict[str, list[Any] | None] = {}
        self._trimmed = False
        for key, raw in self._entries():
            if isinstance(raw, str):
                self._digests[key] = _digest(raw)
                self._lists.pop(key, None)
            else:
                self._lists[key] = raw
                self._digests.pop(key, None)

    def _entries(self, only: set[str] | None = None) -> Iterator[tuple[str, str | list[Any]]]:
        """Each row's key and text (list, for a value JSON cannot say); with ``only``, just the
        rows of those keys (the others are not joined or encoded)."""
        rows = self._values.rows(BASE_SHEET, MAX_COLUMNS)
        first = next(rows, None)
        if first is not None and first[:1] == [BASE_FORMAT]:
            for count, cells in enumerate(rows):
                if count >= MAX_ROWS:
                    break
                if cells and isinstance(cells[0], str) and cells[0] \
                        and (only is None or cells[0] in only):
                    yield cells[0], "".join(c for c in cells[1:] if isinstance(c, str))
            return
        self._trimmed = True
        for count, values in enumerate(rows if first is None else _chain(first, rows)):
            if count > MAX_ROWS:
                break
            if values and isinstance(values[0], str) and values[0] \
                    and (only is None or values[0] in only):
                try:
                    yield values[0], base_text(_trim(values))
                except (TypeError, ValueError):
                    yield values[0], values

    def unchanged(self, values: Sequence[object]) -> bool:
        """Whether ``values`` (from 编号 on) are exactly the exported row of their item."""
        key = values[0]
        if not isinstance(key, str):
            return False
        if key in self._lists:
            raw = self._lists[key]
            return list(values) == raw[:len(values)] and all(v is None for v in raw[len(values):])
        digest = self._digests.get(key)
        if digest is None:
            return False
        try:
            text = base_text(_trim(values) if self._trimmed else values)
        except (TypeError, ValueError):  # a value JSON cannot say (a time of day): compare slowly
            return False
        return _digest(text) == digest

    def fetch(self, keys: set[str]) -> None:
        """Read the rows of ``keys`` in full (one more pass over the base sheet, if any)."""
        keys = {k for k in keys if k in self._digests or k in self._lists} - set(self._raw)
        if not keys:
            return
        for key, raw in self._entries(keys):
            self._raw[key] = raw

    def _decode(self, key: str) -> list[Any] | None:
        if key not in self._decoded:
            raw = self._raw.get(key)
            if isinstance(raw, str):
                try:
                    value = json.loads(raw, object_hook=_date_of)
                except (ValueError, KeyError, TypeError):
                    value = None
                if not (isinstance(value, list) and value and value[0] == key):
                    value = None
                self._decoded[key] = value
            else:
                self._decoded[key] = raw
        return self._decoded[key]

    def __getitem__(self, key: str) -> list[Any]:
        value = self._decode(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._decode(key) is not None

    def __iter__(self) -> Iterator[str]:
        return (key for key in self._raw if key in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _trim(values: Sequence[object]) -> list[object]:
    out = list(values)
    while out and out[-1] is None:
        out.pop()
    return out


def base_rows(sheet: LedgerSheet) -> BaseRows:
    """The exported rows of the base sheet, either layout (see :data:`BASE_FORMAT`); only the
    rows passed to :meth:`BaseRows.fetch` are there in full."""
    return BaseRows(sheet.values)


def _chain(first: list[Any], rest: Iterator[list[Any]]) -> Iterator[list[Any]]:
    yield first
    yield from rest


def _bounds(ref: str) -> tuple[int, int, int, int]:
    """``(min_col, min_row, max_col, max_row)`` of an A1 range; all 0 for one that is not."""
    return range_bounds(ref)


def merged_cells(sheet: LedgerSheet) -> Iterator[tuple[int, int, str]]:
    """``(row, column, range)`` of every cell a merge hides or spans."""
    for ref in sheet.merged:
        min_col, min_row, max_col, max_row = _bounds(ref)
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                yield r, c, ref


