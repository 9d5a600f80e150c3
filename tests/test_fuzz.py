"""Fuzzing the inputs a clerk controls: spec files and edited workbooks.

Whatever goes in, a command exits 0, 1 or 2 — never 3 (an internal error) and never with a
traceback — and an import that fails leaves the spec byte for byte as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell

from conftest import SMALL_SPEC
from rectimeet.cli import main
from rectimeet.ledger.excel import COLUMNS, export_xlsx
from rectimeet.spec import load

pytestmark = pytest.mark.usefixtures("core_only")

FUZZ = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])



def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    output = result.stdout + result.stderr
    assert result.exit_code in (0, 1, 2), output
    assert "Traceback" not in output and "internal error" not in output
    return result.exit_code, output


# ------------------------------------------------------------------ spec files

LINES = SMALL_SPEC.splitlines()
SCALARS = st.one_of(
    st.text(max_size=12), st.integers(-10**12, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["0301", "3.10", "1e3", "830", "11:30", "9999-12-31", "0001-01-01",
                     "2026-02-30", "true", "null", "~", "[]", "{}", "&a x", "*a", "!!binary AA",
                     "'unclosed", '"\\x00"', "- item", "? key", "|", ">", "---", "...",
                     "[[[[[[[[[[", "!!python/object:os.system ls"]),
)


DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBER = re.compile(r"((?:count|days|offset): )[\d.]+")
EXTREME_DATES = st.sampled_from(["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01",
                                 "2026-02-30", "830", "-1"])


@st.composite
def mutated_specs(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["value", "delete", "duplicate", "indent", "insert",
                                     "date", "number"]))
        line = lines[index]
        if kind == "date":
            # Dates and counts are where overflow and type confusion hid.
            dated = [i for i, text in enumerate(lines) if DATE.search(text)]
            if dated:
                at = draw(st.sampled_from(dated))
                lines[at] = DATE.sub(draw(EXTREME_DATES), lines[at], count=1)
        elif kind == "number":
            counted = [i for i, text in enumerate(lines) if NUMBER.search(text)]
            if counted:
                at = draw(st.sampled_from(counted))
                lines[at] = NUMBER.sub(lambda m: m.group(1) + draw(SCALARS), lines[at], count=1)
        elif kind == "value" and ":" in line:
            lines[index] = line.split(":", 1)[0] + ": " + draw(SCALARS)
        elif kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "indent":
            lines[index] = " " * draw(st.integers(0, 6)) + line.lstrip()
        else:
            lines.insert(index, draw(st.text(max_size=30)))
        if not lines:
            lines = [""]
    return "\n".join(lines) + "\n"


@FUZZ
@given(text=mutated_specs())
# Inputs that once ended in a traceback (exit 3), always tried first.
@example(text=SMALL_SPEC.replace("feedback_date: 2026-10-30", "feedback_date: 9999-12-31"))
@example(text=SMALL_SPEC.replace("date: 2026-11-27", "date: 0001-01-01"))
@example(text=SMALL_SPEC.replace("venue: 乡党委会议室", "venue: x\n  sessions: [{start: 830}]"))
def test_a_mutated_spec_never_crashes_a_command(text: str, tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, "utf-8", errors="surrogatepass")
    run("check", str(spec))
    run("status", str(spec), "--as-of", "2026-12-01")


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash_the_loader(data: bytes, tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_bytes(data)
    code, _ = run("check", str(spec))
    assert code in (1, 2) or data.strip() == b""  # an empty file is no plan either


# ------------------------------------------------------------------ edited workbooks

CELL_VALUES = st.one_of(
    st.none(), st.text(max_size=20).filter(lambda t: not ILLEGAL_CHARACTERS_RE.search(t)), st.integers(-10**6, 10**9),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["=1+1", "=A1", "=cmd|' /C calc'!A0", "删除", "已销号", "整改中", "待整改",
                     "已完成", "限期整改", "自查", "张书记", "m9", "Z1", "Z2", "Z9", "", " ",
                     "x" * 40_000]),
)


@st.composite
def workbook_edits(draw: st.DrawFn) -> list[tuple[str, object]]:
    edits: list[tuple[str, object]] = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["cell", "cell", "cell", "merge", "title", "insert_row",
                                     "delete_col", "sheet"]))
        if kind == "cell":
            edits.append(("cell", (draw(st.integers(1, 6)), draw(st.integers(1, len(COLUMNS) + 2)),
                                   draw(CELL_VALUES))))
        elif kind == "merge":
            col = draw(st.integers(1, len(COLUMNS)))
            edits.append(("merge", (col, draw(st.integers(2, 4)))))
        else:
            edits.append((kind, draw(st.integers(1, 5))))
    return edits


def _apply(path: Path, edits: list[tuple[str, object]]) -> None:
    wb = load_workbook(path)
    ws = wb.active
    assert ws is not None
    for kind, arg in edits:
        if kind == "cell":
            row, col, value = arg  # type: ignore[misc]
            cell = ws.cell(row=row, column=col)
            if not isinstance(cell, MergedCell):  # what a spreadsheet lets a clerk type into
                cell.value = value
        elif kind == "merge":
            col, rows = arg  # type: ignore[misc]
            ws.merge_cells(start_row=3, end_row=3 + rows - 1, start_column=col, end_column=col)
        elif kind == "title":
            ws.title = f"台账{arg}"
        elif kind == "insert_row":
            ws.insert_rows(int(arg))  # type: ignore[call-overload]
        elif kind == "delete_col":
            ws.delete_cols(int(arg))  # type: ignore[call-overload]
        else:
            wb.create_sheet(f"附表{arg}")
    wb.save(path)


@FUZZ
@given(edits=workbook_edits())
def test_a_randomly_edited_workbook_imports_cleanly_or_changes_nothing(
        edits: list[tuple[str, object]], small_spec: Path, tmp_path: Path) -> None:
    small_spec.write_text(SMALL_SPEC, "utf-8")
    xlsx = export_xlsx(load(small_spec).plan, tmp_path / "台账.xlsx")
    _apply(xlsx, edits)
    before = small_spec.read_bytes()
    code, output = run("import", str(small_spec), "--xlsx", str(xlsx), "--on", "2026-12-01")
    if code != 0:
        assert small_spec.read_bytes() == before
    else:
        load(small_spec)  # what was written reads back
        assert run("check", str(small_spec), "--today", "2026-12-01")[0] == 0, output
