"""Writing a large workbook fast: openpyxl lays out the frame, the rows are streamed in.

openpyxl (or XlsxWriter, even in its ``constant_memory`` mode) spends about 5 µs of Python per
cell; a county ledger has 420,000 cells, so the library alone would take longer than the whole
export may. The workbook is therefore built in two steps: openpyxl writes everything but the
data rows (styles, column widths, drop-down lists, warning colours, frozen header, print set-up,
markers, hidden sheets) into a *frame*, with one probe row whose cells carry each column's
style; then the frame's parts are copied into the target zip unchanged, except that each
sheet's probe row is replaced by the data rows, written here as plain ``<row>`` elements
(numbers, inline strings, date serials) with the probe's style indexes, straight into the
deflating stream. Nothing but the rows' own text is held in memory.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO

from rectimeet.ledger.xlsxread import column_letter, workbook_index

_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()
_ESCAPED_CODE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
COMPRESS_LEVEL = 1
"""zlib level of the streamed sheets: level 6 (openpyxl's) took three times as long for a file
about a third smaller; a county ledger is still a few megabytes."""


def excel_text(text: str) -> str:
    """``text`` as XML character data of a cell: ``&<>`` escaped, and a literal ``_xHHHH_``
    written as ``_x005F_xHHHH_`` so that a spreadsheet (which reads ``_xHHHH_`` as an escaped
    character) shows it as typed."""
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "_x" in text:
        text = _ESCAPED_CODE.sub(r"_x005F_\1", text)
    return text


def date_serial(day: dt.date) -> int:
    """Excel's serial number of ``day`` (1900 date system)."""
    return day.toordinal() - _EXCEL_EPOCH


class RowWriter:
    """``<row>`` elements of one sheet: each column's cell style from the frame's probe row."""

    def __init__(self, styles: Sequence[int | None]) -> None:
        self._columns = [(column_letter(i), f' s="{s}"' if s else "")
                         for i, s in enumerate(styles, start=1)]
        self._width = len(styles)

    def row(self, number: int, values: Sequence[object]) -> str:
        if len(values) > self._width:
            raise ValueError(f"row {number} has {len(values)} cells; the sheet has {self._width}")
        out = [f'<row r="{number}">']
        add = out.append
        for (letter, style), value in zip(self._columns, values, strict=False):
            if isinstance(value, str):
                space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() \
                    else ""
                add(f'<c r="{letter}{number}"{style} t="inlineStr"><is><t{space}>'
                    f"{excel_text(value)}</t></is></c>")
            elif value is None:
                if style:
                    add(f'<c r="{letter}{number}"{style}/>')
            elif isinstance(value, bool):
                add(f'<c r="{letter}{number}"{style} t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, dt.date):
                add(f'<c r="{letter}{number}"{style}><v>{date_serial(value)}</v></c>')
            elif isinstance(value, int | float):
                add(f'<c r="{letter}{number}"{style}><v>{value!r}</v></c>')
            else:
                raise TypeError(f"a cell cannot hold {type(value).__name__}")
        for letter, style in self._columns[len(values):]:
            if style:
                add(f'<c r="{letter}{number}"{style}/>')
        add("</row>")
        return "".join(out)


@dataclass
class SheetRows:
    """The rows streamed into one sheet of the frame, from its probe row on."""

    first_row: int
    """The frame's probe row: the rows replace it and everything below it."""
    rows: Iterable[str]
    """``<row>`` elements, in order, numbered from ``first_row``."""
    last_cell: str
    """Bottom-right cell of the finished sheet (its ``<dimension>``)."""


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → part name (``xl/worksheets/sheet1.xml``)."""
    return {sheet.title: sheet.part for sheet in workbook_index(archive, "<frame>")}


def probe_styles(frame: bytes, title: str, row: int) -> list[int | None]:
    """The style index of each cell of ``row`` in sheet ``title`` of the saved ``frame``."""
    with zipfile.ZipFile(io.BytesIO(frame)) as archive:
        data = archive.read(sheet_parts(archive)[title])
    start = data.find(f'<row r="{row}"'.encode())
    if start < 0:
        return []
    end = data.index(b"</row>", start)
    styles: list[int | None] = []
    for match in re.finditer(rb'<c r="([A-Z]+)\d+"(?: s="(\d+)")?', data[start:end]):
        styles.append(int(match.group(2)) if match.group(2) else None)
    return styles


_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')


def _streamed_part(data: bytes, fill: SheetRows) -> Iterator[bytes]:
    head_end = data.find(f'<row r="{fill.first_row}"'.encode())
    if head_end < 0:
        head_end = data.find(b"</sheetData>")
        if head_end < 0:  # an empty sheet: <sheetData/>
            data = data.replace(b"<sheetData/>", b"<sheetData></sheetData>", 1)
            head_end = data.index(b"</sheetData>")
    tail_start = data.index(b"</sheetData>", head_end)
    head = _DIMENSION.sub(f'<dimension ref="A1:{fill.last_cell}"/>'.encode(), data[:head_end], 1)
    yield head
    chunk: list[str] = []
    for row in fill.rows:
        chunk.append(row)
        if len(chunk) >= 500:
            yield "".join(chunk).encode("utf-8")
            chunk.clear()
    yield "".join(chunk).encode("utf-8")
    yield data[tail_start:]


def stream_workbook(frame: bytes, sheets: Mapping[str, SheetRows], out: IO[bytes]) -> None:
    """Write ``frame`` to ``out`` with each named sheet's rows streamed in (see the module)."""
    with zipfile.ZipFile(io.BytesIO(frame)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as target:
        parts = sheet_parts(source)
        filled = {parts[title]: fill for title, fill in sheets.items()}
        for info in source.infolist():
            data = source.read(info.filename)
            fill = filled.get(info.filename)
            if fill is None:
                target.writestr(info, data, compress_type=info.compress_type)
                continue
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with target.open(entry, "w") as fh:
                for piece in _streamed_part(data, fill):
                    fh.write(piece)
