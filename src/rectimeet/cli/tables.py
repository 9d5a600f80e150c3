"""Print a table of any size: rich's own layout for a screenful, plain aligned lines beyond.

rich measures and renders every cell through several layers of renderables, about a
millisecond a row: fine for a meeting's timeline, half a minute for a county's 30,000-item
ledger or the 5,000 talk pairs of a 100-member team. :func:`print_table` keeps rich's layout up
to :data:`LARGE` rows; a longer table is laid out once (column widths from the cells' display
width, Chinese characters counting two) and written line by line, with the same row styles.
"""

from __future__ import annotations

from rich.cells import cell_len, chop_cells, set_cell_size
from rich.color import ColorSystem
from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

LARGE = 300
"""Rows above which a table is written as plain aligned lines."""

_MIN_WIDTH = 6
# Console.color_system names the system; Style.render takes the enum.
_COLOR_SYSTEMS = {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT,
                  "truecolor": ColorSystem.TRUECOLOR, "windows": ColorSystem.WINDOWS}
_GAP = " │ "


def print_table(console: Console, table: Table) -> None:
    """Print ``table`` on ``console``; see the module docstring."""
    if table.row_count <= LARGE:
        console.print(table)
        return
    console.file.write("".join(_lines(console, table)))


def _plain(cell: object) -> str:
    if isinstance(cell, Text):
        return cell.plain
    text = str(cell)
    # Cells are console markup (rich would read it); only a "[" can make it differ from plain.
    return Text.from_markup(text).plain if "[" in text else text


def _width(text: str) -> int:
    """Display width of one line (ASCII needs no lookup)."""
    return len(text) if text.isascii() else cell_len(text)


def _measure(cell: str) -> int:
    return max(_width(line) for line in cell.split("\n")) if "\n" in cell else _width(cell)


def _widths(console: Console, headers: list[str], lengths: list[list[int]]) -> list[int]:
    widths = [max(_measure(h), *column) if column else _measure(h)
              for h, column in zip(headers, lengths, strict=True)]
    room = console.width - cell_len(_GAP) * (len(widths) - 1)
    # Narrow the widest column a step at a time until the table fits; its cells then fold.
    while sum(widths) > room and max(widths) > _MIN_WIDTH:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return widths


def _row_lines(cells: list[str], lengths: list[int], widths: list[int]) -> list[str]:
    if all(n <= w and "\n" not in c for c, n, w in zip(cells, lengths, widths, strict=True)):
        # The common case: the row fits on one line; pad by the lengths already measured.
        return [_GAP.join(c + " " * (w - n) for c, n, w in
                          zip(cells, lengths, widths, strict=True)).rstrip()]
    parts = [[piece for line in cell.split("\n")
              for piece in ([line] if _width(line) <= width else chop_cells(line, width))]
             for cell, width in zip(cells, widths, strict=True)]
    height = max(len(p) for p in parts)
    return [_GAP.join(set_cell_size(p[i] if i < len(p) else "", w) for p, w in
                      zip(parts, widths, strict=True)).rstrip()
            for i in range(height)]


def _styled(console: Console, line: str, style: Style | str | None) -> str:
    if not style or console.color_system is None:
        return line + "\n"
    parsed = style if isinstance(style, Style) else Style.parse(style)
    return parsed.render(line, color_system=_COLOR_SYSTEMS.get(console.color_system)) + "\n"


def _lines(console: Console, table: Table) -> list[str]:
    headers = [_plain(c.header) for c in table.columns]
    columns = [[_plain(cell) for cell in c.cells] for c in table.columns]
    lengths = [[_measure(cell) for cell in column] for column in columns]
    widths = _widths(console, headers, lengths)
    out: list[str] = []
    if table.title is not None:
        title = _plain(table.title)
        out.append(_styled(console, title if table.title_justify == "left" else
                           title.center(max(0, sum(widths) + 3 * (len(widths) - 1) - cell_len(title)
                                            + len(title))), "italic"))
    for line in _row_lines(headers, [_measure(h) for h in headers], widths):
        out.append(_styled(console, line, "bold"))
    out.append("─┼─".join("─" * w for w in widths) + "\n")
    for i, row in enumerate(table.rows):
        for line in _row_lines([c[i] for c in columns], [n[i] for n in lengths], widths):
            out.append(_styled(console, line, row.style))
    return out
