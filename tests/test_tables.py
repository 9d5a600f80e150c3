"""Large tables print as plain aligned lines with the same cells; small ones through rich."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from rectimeet.cli.tables import LARGE, print_table


def table(rows: int) -> Table:
    t = Table(title="台账")
    for header in ("编号", "问题", "状态"):
        t.add_column(header)
    for i in range(rows):
        t.add_row(f"Z{i + 1}", f"第{i + 1}个问题：制度执行不严格 [a]", "整改中", style="red" if i % 2 else None)
    return t


def printed(t: Table, width: int = 60, color: bool = False) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=color, color_system="standard" if color else None)
    print_table(console, t)
    return out.getvalue()


def test_a_large_table_keeps_every_row_and_cell_aligned() -> None:
    text = printed(table(LARGE + 5))
    lines = text.splitlines()
    assert lines[0].strip() == "台账"
    assert lines[1].split(" │ ")[0].strip() == "编号"
    body = lines[3:]
    assert len(body) == LARGE + 5  # every row on one line at this width
    assert body[-1].startswith(f"Z{LARGE + 5}")
    assert "[a]" not in body[0]  # console markup reads as rich would read it
    # Chinese characters count two columns: every separator sits in the same display column.
    from rich.cells import cell_len
    columns = {cell_len(line.split(" │ ")[0]) for line in body}
    assert len(columns) == 1


def test_a_narrow_console_folds_the_widest_column() -> None:
    text = printed(table(LARGE + 1), width=30)
    from rich.cells import cell_len
    assert all(cell_len(line) <= 30 for line in text.splitlines()[1:])
    assert text.count("度执行不严格") >= LARGE  # folded onto a second line, not cut


def test_row_styles_are_kept_on_a_colour_console() -> None:
    text = printed(table(LARGE + 1), color=True)
    assert "\x1b[31m" in text  # red rows


def test_a_small_table_is_left_to_rich() -> None:
    text = printed(table(3))
    assert "┏" in text or "┃" in text  # rich's box drawing
