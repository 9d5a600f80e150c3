"""The workbook as written and read fast: rows streamed into the frame, values read by calamine,
the sheet's shape found by a byte scan; and workbooks of the first release still import."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from conftest import SMALL_SPEC
from conftest import run_cli as run
from rectimeet.errors import LedgerError
from rectimeet.ledger.excel import (
    COLUMNS,
    WorkbookError,
    export_xlsx,
    import_xlsx,
    letter_of,
    read_changes,
    row_values,
)
from rectimeet.ledger.workbook import (
    BASE_FORMAT,
    BASE_SHEET,
    MAX_CELL_CHARS,
    MAX_ROWS,
    base_text,
)
from rectimeet.ledger.xlsxread import (
    Values,
    column_index,
    column_letter,
    excel_date,
    range_bounds,
    scan_sheet,
)
from rectimeet.ledger.xlsxwrite import excel_text
from rectimeet.models.checklist import ChecklistStatus, Evidence
from rectimeet.models.plan import Plan
from rectimeet.spec import load, load_text
from rectimeet.testing import clean_text

pytestmark = pytest.mark.usefixtures("core_only")

DAY = dt.date(2026, 12, 1)
FIRST_RELEASE = Path(__file__).parent / "data" / "ledger-0.1.0.xlsx"
"""SMALL_SPEC exported by rectimeet 0.1.0 (openpyxl; the base sheet a row of 13 cells per item)."""


def _rewrite_part(path: Path, title: str, change: Callable[[bytes], bytes]) -> Path:
    """Change the XML of sheet ``title`` (``xl/worksheets/sheetN.xml``) in place."""
    from rectimeet.ledger.xlsxwrite import sheet_parts

    with zipfile.ZipFile(path) as src:
        part = sheet_parts(src)[title]
        members = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in members:
            dst.writestr(info, change(data) if info.filename == part else data)
    return path


# ------------------------------------------------------------------ the first release's workbooks


def test_a_workbook_of_the_first_release_imports_unchanged_and_with_edits(
        small_spec: Path, tmp_path: Path) -> None:
    plan = load(small_spec).plan
    old = shutil.copy(FIRST_RELEASE, tmp_path / "old.xlsx")
    result = read_changes(plan, old, by="甲", on=DAY)
    assert result.changes == {} and result.checklist == plan.checklist

    wb = load_workbook(old)
    ws = wb["整改台账"]
    ws[f"{letter_of('状态')}3"] = "整改中"
    ws[f"{letter_of('备注')}4"] = "旧台账里的修改"
    wb.save(old)
    result = import_xlsx(small_spec, old, by="甲", on=DAY)
    assert result.written and sorted(result.changes) == ["Z1", "Z2"]
    z1, z2 = load(small_spec).plan.checklist
    assert z1.status is ChecklistStatus.IN_PROGRESS and z2.note == "旧台账里的修改"


def test_the_first_release_base_still_guards_against_undoing_another_import(
        small_spec: Path, tmp_path: Path) -> None:
    note = letter_of("备注")
    stale = shutil.copy(FIRST_RELEASE, tmp_path / "stale.xlsx")
    fresh = export_xlsx(load(small_spec).plan, tmp_path / "fresh.xlsx")
    wb = load_workbook(fresh)
    wb["整改台账"][f"{note}3"] = "新台账的备注"
    wb.save(fresh)
    assert import_xlsx(small_spec, fresh, by="甲", on=DAY).written
    # The old workbook still shows Z1's note as it was exported: not an edit.
    result = read_changes(load(small_spec).plan, stale, by="乙", on=DAY)
    assert result.changes == {}


# ------------------------------------------------------------------ what the export writes


def test_the_base_sheet_is_one_json_cell_per_item_and_very_hidden(tmp_path: Path) -> None:
    plan = load_text(SMALL_SPEC).plan
    wb = load_workbook(export_xlsx(plan, tmp_path / "x.xlsx"))
    base = wb[BASE_SHEET]
    assert base.sheet_state == "veryHidden"
    assert base["A1"].value == BASE_FORMAT
    assert [base.cell(row=r, column=1).value for r in (2, 3)] == ["Z1", "Z2"]
    assert str(base["B2"].value).startswith('["Z1",')
    assert base.max_column == 2 and base.max_row == 3


def _exported_with(plan: Plan, first_item: dict[str, object], path: Path
                   ) -> tuple[Plan, Path, list[object]]:
    """``plan`` with its first item updated, exported to ``path``, and the values of that item's
    row (row 3) as the import reads them."""
    item = plan.checklist[0].model_copy(update=first_item)
    plan = plan.model_copy(update={"checklist": [item, *plan.checklist[1:]]})
    export_xlsx(plan, path)
    values = Values(path)
    try:
        return plan, path, list(values.rows("整改台账", 64))[2]
    finally:
        values.close()


@pytest.mark.parametrize("text", ["_x0041_ 是字面的", "a & b <c> d", "  前后有空格  ",
                                  "换行\n第二行", "=SUM(A1:A3)", "引号\"与\\反斜杠"])
def test_any_text_reads_back_as_written_in_both_sheets(small_spec: Path, tmp_path: Path,
                                                       text: str) -> None:
    plan, path, row3 = _exported_with(load(small_spec).plan, {"note": text, "measure": text},
                                      tmp_path / "x.xlsx")
    assert row3[COLUMNS.index(next(c for c in COLUMNS if c.header == "备注"))] == text
    result = read_changes(plan, path, by="甲", on=DAY)
    assert result.changes == {} and result.checklist == plan.checklist
    # openpyxl (what a script or the tests edit with) reads the same text.
    ws = load_workbook(path)["整改台账"]
    shown = ws[f"{letter_of('备注')}3"].value
    assert shown == text or shown == text.replace("_x0041_", "_x005F_x0041_")


def test_excel_text_escapes_markup_and_literal_escape_codes() -> None:
    assert excel_text("a<b>&c") == "a&lt;b&gt;&amp;c"
    assert excel_text("_x000D_ and _xABCD_") == "_x005F_x000D_ and _x005F_xABCD_"
    assert excel_text("_x00 and x0041") == "_x00 and x0041"


def test_a_row_longer_than_one_cell_is_split_across_base_cells(small_spec: Path,
                                                              tmp_path: Path) -> None:
    plan = load(small_spec).plan
    long = "长" * (MAX_CELL_CHARS - 10)
    item = plan.checklist[0].model_copy(update={"issue": long, "measure": long, "note": long})
    plan = plan.model_copy(update={"checklist": [item, *plan.checklist[1:]]})
    path = export_xlsx(plan, tmp_path / "long.xlsx")
    base = load_workbook(path)[BASE_SHEET]
    chunks = -(-len(base_text(row_values(plan, item, 1)[1:])) // MAX_CELL_CHARS)
    assert chunks > 2
    assert [bool(base.cell(row=2, column=c).value) for c in range(1, chunks + 3)] == \
        [True] * (chunks + 1) + [False]
    assert all(c.isascii() for c in str(base["B2"].value))
    assert read_changes(plan, path, by="甲", on=DAY).changes == {}
    wb = load_workbook(path)
    wb["整改台账"][f"{letter_of('备注')}3"] = "短了"
    wb.save(path)
    result = read_changes(plan, path, by="甲", on=DAY)
    assert list(result.changes) == ["Z1"] and result.checklist[0].note == "短了"


def test_a_row_too_long_for_the_base_keeps_its_id_and_is_measured_against_the_spec(
        small_spec: Path, tmp_path: Path) -> None:
    plan = load(small_spec).plan
    huge = "𠀀" * 30_000  # 12 characters of JSON each: six such cells exceed 63 base cells
    item = plan.checklist[0].model_copy(update={
        "issue": huge, "measure": huge, "responsible": huge, "note": huge, "closed_by": huge,
        "evidence": [Evidence(what=huge)]})
    plan = plan.model_copy(update={"checklist": [item, *plan.checklist[1:]]})
    path = export_xlsx(plan, tmp_path / "huge.xlsx")
    base = load_workbook(path)[BASE_SHEET]
    assert base["A2"].value == "Z1" and base["B2"].value is None and base["B3"].value
    assert read_changes(plan, path, by="甲", on=DAY).changes == {}
    wb = load_workbook(path)
    wb["整改台账"][f"{letter_of('状态')}3"] = "整改中"
    wb.save(path)
    result = read_changes(plan, path, by="甲", on=DAY, validate=False)
    assert list(result.changes) == ["Z1"]
    assert result.checklist[0].status is ChecklistStatus.IN_PROGRESS


def test_an_empty_checklist_exports_a_workbook_that_imports(small_spec: Path,
                                                          tmp_path: Path) -> None:
    plan = load(small_spec).plan.model_copy(update={"checklist": []})
    path = export_xlsx(plan, tmp_path / "empty.xlsx")
    ws = load_workbook(path)["整改台账"]
    assert [c.value for c in ws[2]] == [c.header for c in COLUMNS] and ws.max_row == 2
    assert read_changes(plan, path, by="甲", on=DAY).checklist == []


def test_an_unreadable_base_row_is_read_as_if_it_had_no_base(small_spec: Path,
                                                            tmp_path: Path) -> None:
    plan = load(small_spec).plan
    path = export_xlsx(plan, tmp_path / "x.xlsx")
    wb = load_workbook(path)
    wb[BASE_SHEET]["B2"] = "[not json"
    wb["整改台账"][f"{letter_of('备注')}3"] = "改了"
    wb.save(path)
    result = read_changes(plan, path, by="甲", on=DAY)
    assert list(result.changes) == ["Z1"] and result.checklist[0].note == "改了"


# ------------------------------------------------------------------ what the scan finds


def test_cells_without_positions_are_placed_as_a_spreadsheet_places_them(
        small_spec: Path, tmp_path: Path) -> None:
    """Some writers leave out ``r=""``: the scan then parses the XML, and calamine agrees."""
    plan = load(small_spec).plan
    measure = letter_of("整改措施")
    path = export_xlsx(plan, tmp_path / "x.xlsx")
    wb = load_workbook(path)
    wb["整改台账"][f"{measure}4"] = "=1+1"
    wb.save(path)
    _rewrite_part(path, "整改台账", lambda data: re.sub(rb'<c r="[A-Z]+\d+"', b"<c", data))
    with zipfile.ZipFile(path) as z:
        assert b'<c r="' not in z.read("xl/worksheets/sheet1.xml")
    with pytest.raises(WorkbookError) as caught:
        read_changes(plan, path, by="甲", on=DAY)
    assert [(p.row, p.column) for p in caught.value.problems] == [(4, measure)]
    assert "a formula (=1+1)" in caught.value.problems[0].text("en")


def test_the_scan_finds_formulas_and_errors_but_not_text_that_looks_like_them() -> None:
    data = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<dimension ref="A1:C2"/><sheetData>'
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>t="e" &lt;f&gt;</t></is></c>'
            b'<c r="B1"><f>SUM(A1:A3)</f><v>6</v></c></row>'
            b'<row r="2"><c r="C2" t="e"><v>#DIV/0!</v></c><c r="A2" t="shared"><f t="shared" si="0"/></c>'
            b"</row></sheetData>"
            b'<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>')
    scan = scan_sheet(data, "x.xlsx")
    assert scan.flagged == {(1, 2): ("f", "=SUM(A1:A3)"), (2, 3): ("e", "#DIV/0!"),
                            (2, 1): ("f", "=")}
    assert scan.merged == ["A1:C1"] and scan.max_row == 2 and scan.dimension == "A1:C2"
    # An unusual writer's lower-case or implicit positions take the parsing road, same result.
    odd = data.replace(b'<c r="B1">', b'<c r="b1">').replace(b'<c r="A1" ', b"<c ")
    assert scan_sheet(odd, "x.xlsx").flagged == scan.flagged


def test_values_are_numbered_from_row_1_and_column_a(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["C3"] = "甲"
    ws["D5"] = 2
    wb.save(tmp_path / "offset.xlsx")
    values = Values(tmp_path / "offset.xlsx")
    try:
        rows = list(values.rows("Sheet", 64))
    finally:
        values.close()
    assert rows[2][2] == "甲" and rows[4][3] == 2 and len(rows) == 5
    assert rows[0] == [None] * 4


def test_a_sheet_that_reaches_beyond_the_limits_is_refused_before_loading(
        small_spec: Path, tmp_path: Path) -> None:
    plan = load(small_spec).plan
    far = tmp_path / "far.xlsx"
    shutil.copy(export_xlsx(plan, tmp_path / "x.xlsx"), far)
    # No <dimension> to tell: a row far below, and a cell far right.
    _rewrite_part(far, "整改台账", lambda data: re.sub(
        rb"<dimension [^>]*/>", b"", data).replace(
        b"</sheetData>", f'<row r="{MAX_ROWS + 100}"><c r="A{MAX_ROWS + 100}"><v>1</v></c>'
        f"</row></sheetData>".encode()))
    with pytest.raises(LedgerError, match="50000") as caught:
        read_changes(plan, far, by="甲", on=DAY)
    assert not isinstance(caught.value, WorkbookError)
    wide = tmp_path / "wide.xlsx"
    shutil.copy(export_xlsx(plan, tmp_path / "x.xlsx"), wide)
    _rewrite_part(wide, "整改台账", lambda data: re.sub(rb"<dimension [^>]*/>", b"", data).replace(
        b"</row></sheetData>", b'<c r="XFD4"><v>1</v></c></row></sheetData>'))
    code, _, err = run("import", str(small_spec), "--xlsx", str(wide), "--lang", "en")
    assert code == 2 and "64 columns" in err and "Traceback" not in err


def test_a_broken_sheet_is_a_clear_error(small_spec: Path, tmp_path: Path) -> None:
    path = export_xlsx(load(small_spec).plan, tmp_path / "x.xlsx")
    _rewrite_part(path, "整改台账", lambda data: data.replace(b'<c r="A3"', b"<c <", 1))
    code, _, err = run("import", str(small_spec), "--xlsx", str(path), "--lang", "en")
    assert code == 2 and "cannot read the workbook" in err and "Traceback" not in err


def _looks(path: Path) -> list[str]:
    """The ledger sheet as a spreadsheet shows it, as lines of text: every cell's value and
    style, the columns, the frozen header, the lists, the colours, the print set-up."""
    wb = load_workbook(path)
    ws = wb["整改台账"]
    out = [f"freeze {ws.freeze_panes}", f"filter {ws.auto_filter.ref}",
           f"print {ws.print_title_rows} {ws.page_setup.orientation} {ws.page_setup.paperSize} "
           f"{ws.page_setup.fitToWidth} {ws.page_setup.fitToHeight} {ws.oddFooter.center.text}",
           f"merged {sorted(str(r) for r in ws.merged_cells.ranges)}",
           f"sheets {[(s.title, s.sheet_state) for s in wb.worksheets]}"]
    out += [f"width {letter} {dim.width}" for letter, dim in sorted(ws.column_dimensions.items())]
    out += [f"row {n} height {d.height}" for n, d in sorted(ws.row_dimensions.items()) if d.height]
    for row in ws.iter_rows():
        for cell in row:
            out.append(f"{cell.coordinate} {cell.value!r} {cell.number_format} "
                       f"font={cell.font.name},{cell.font.sz},{cell.font.b} "
                       f"fill={cell.fill.fgColor.rgb} border={cell.border.left.style},"
                       f"{cell.border.top.style} align={cell.alignment.horizontal},"
                       f"{cell.alignment.vertical},{cell.alignment.wrap_text}")
    out += sorted(f"valid {dv.sqref} {dv.type} {dv.formula1} {dv.error}"
                  for dv in ws.data_validations.dataValidation)
    out += sorted(f"colour {cf.sqref} {rule.formula} {rule.dxf.fill.fgColor.rgb if rule.dxf else ''}"
                  for cf in ws.conditional_formatting for rule in cf.rules)
    return out


def test_the_ledger_sheet_looks_as_the_first_release_exported_it(tmp_path: Path) -> None:
    """``tests/data/ledger-0.1.0.xlsx`` is SMALL_SPEC exported by rectimeet 0.1.0."""
    new = export_xlsx(load_text(SMALL_SPEC).plan, tmp_path / "new.xlsx")
    assert _looks(new) == _looks(FIRST_RELEASE)


_TRICKY = st.sampled_from(["_x", "0041_", "_x000D_", "_x005F_", "&", "<", ">", "&amp;", " ", "\n",
                           "\t", "\"", "\\", "=", "台账", "𠀀"])


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(_TRICKY | clean_text(max_size=3), max_size=8).map("".join))
def test_any_text_the_model_accepts_round_trips_through_both_sheets(text: str,
                                                                    tmp_path: Path) -> None:
    plan, path, row3 = _exported_with(load_text(SMALL_SPEC).plan,
                                      {"note": text, "responsible": text}, tmp_path / "rt.xlsx")
    note = [c.header for c in COLUMNS].index("备注")
    assert row3[note] == (text or None)
    assert read_changes(plan, path, by="甲", on=DAY).changes == {}


@pytest.mark.parametrize("value", [0, False, "旁注"])
def test_a_value_right_of_an_unedited_row_is_refused_even_if_it_is_zero(
        small_spec: Path, tmp_path: Path, value: object) -> None:
    plan = load(small_spec).plan
    path = export_xlsx(plan, tmp_path / "x.xlsx")
    wb = load_workbook(path)
    wb["整改台账"].cell(row=4, column=len(COLUMNS) + 2, value=value)
    wb.save(path)
    with pytest.raises(WorkbookError) as caught:
        read_changes(plan, path, by="甲", on=DAY)
    assert [(p.row, p.column) for p in caught.value.problems] == [(4, "P")]
    assert "outside the ledger's columns" in caught.value.problems[0].text("en")


# ------------------------------------------------------------------ coordinates without openpyxl


@given(index=st.integers(min_value=1, max_value=16_384))
def test_column_letters_are_openpyxls(index: int) -> None:
    from openpyxl.utils import column_index_from_string, get_column_letter

    assert column_letter(index) == get_column_letter(index)
    assert column_index(get_column_letter(index)) == column_index_from_string(
        get_column_letter(index)) == index


@given(first=st.tuples(st.integers(1, 16_384), st.integers(1, 1_048_576)),
       last=st.tuples(st.integers(1, 16_384), st.integers(1, 1_048_576)), single=st.booleans())
def test_ranges_are_read_as_openpyxl_reads_them(first: tuple[int, int], last: tuple[int, int],
                                                single: bool) -> None:
    from openpyxl.utils import get_column_letter, range_boundaries

    ref = f"{get_column_letter(first[0])}{first[1]}"
    if not single:
        ref += f":{get_column_letter(last[0])}{last[1]}"
    assert range_bounds(ref) == range_boundaries(ref)
    assert range_bounds("A:C") == (1, 0, 3, 0) and range_bounds("不是") == (0, 0, 0, 0)


@given(serial=st.floats(min_value=1, max_value=2_958_465.99999, allow_nan=False)
       | st.integers(1, 2_958_465)
       | st.sampled_from([59, 59.9999999999, 60, 60.5, 61, 1.99999999999]))
def test_date_serials_are_read_as_openpyxl_reads_them(serial: float) -> None:
    from openpyxl.utils.datetime import from_excel

    assert excel_date(serial) == from_excel(serial).date()
