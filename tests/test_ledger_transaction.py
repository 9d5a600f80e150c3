"""The import as a transaction: what it refuses, what it adds and deletes, how it writes.

Each case here once lost data with exit 0 (merged cells, formulas, a renamed sheet and its
copy, cleared required fields, two imports at once) or changed bytes it had no business
changing (line endings, BOM, blank lines, quoting).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import SMALL_SPEC
from conftest import run_cli as run
from rectimeet import plugins
from rectimeet.errors import LedgerError
from rectimeet.ledger import excel
from rectimeet.ledger.excel import export_xlsx, import_xlsx, letter_of
from rectimeet.ledger.workbook import MAX_UNCOMPRESSED
from rectimeet.models.checklist import ChecklistStatus
from rectimeet.spec import load
from rectimeet.testing import host_with

pytestmark = pytest.mark.usefixtures("core_only")

DAY = dt.date(2026, 12, 1)




def exported(spec: Path, tmp_path: Path, edit: Callable[[Worksheet], None] | None = None) -> Path:
    path = export_xlsx(load(spec).plan, tmp_path / "台账.xlsx")
    if edit is not None:
        wb = load_workbook(path)
        ws = wb.active
        assert ws is not None
        edit(ws)
        wb.save(path)
    return path


def refused(spec: Path, xlsx: Path) -> str:
    """Import through the CLI; it must fail, name no traceback, and leave the spec as it was."""
    before = spec.read_bytes()
    code, out, err = run("import", str(spec), "--xlsx", str(xlsx), "--lang", "en")
    assert code in (1, 2), (code, out, err)
    assert "Traceback" not in err and "wrote" not in err
    assert spec.read_bytes() == before
    return err


# ------------------------------------------------------------------ strict reading


def test_a_vertical_merge_is_refused_not_read_as_an_empty_cell(small_spec: Path,
                                                               tmp_path: Path) -> None:
    for header in ("整改措施", "责任人", "备注", "完成时限"):
        letter = letter_of(header)
        xlsx = exported(small_spec, tmp_path, lambda ws, c=letter: ws.merge_cells(f"{c}3:{c}4"))
        err = refused(small_spec, xlsx)
        assert f"row 4, column {letter} ({header}): merged cells ({letter}3:{letter}4)" in err


@pytest.mark.parametrize("formula", ["=1+1", "=cmd|' /C calc'!A0", "=A1"])
def test_a_formula_is_refused_with_or_without_a_cached_value(small_spec: Path, tmp_path: Path,
                                                             formula: str) -> None:
    measure, issue = letter_of("整改措施"), letter_of("问题")

    def edit(ws: Worksheet) -> None:
        ws[f"{measure}3"] = formula
        ws[f"{issue}4"] = formula

    xlsx = exported(small_spec, tmp_path, edit)
    err = refused(small_spec, xlsx)
    assert f"row 3, column {measure} (整改措施): a formula" in err
    assert f"row 4, column {issue} (问题): a formula" in err

    # The same workbook after a spreadsheet computed the formulas (cached values present).
    cached = tmp_path / "cached.xlsx"
    with zipfile.ZipFile(xlsx) as src, zipfile.ZipFile(cached, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"(<f>[^<]*</f>)(<v\s*/>|<v></v>)?", rb"\1<v>2</v>", data)
            dst.writestr(info, data)
    err = refused(small_spec, cached)
    assert f"row 3, column {measure} (整改措施): a formula" in err


def test_text_that_looks_like_a_formula_still_round_trips(small_spec: Path, tmp_path: Path
                                                          ) -> None:
    note = letter_of("备注")
    xlsx = exported(small_spec, tmp_path)
    # Exported text starting with = is a text cell, not a formula.
    spec_text = small_spec.read_text("utf-8").replace("measure: 建立责任清单",
                                                      "measure: '=建立责任清单'")
    small_spec.write_text(spec_text, "utf-8")
    xlsx = exported(small_spec, tmp_path, lambda ws: ws.__setitem__(f"{note}3", "备注"))
    result = import_xlsx(small_spec, xlsx, by="甲", on=DAY)
    assert result.written and load(small_spec).plan.checklist[1].measure == "=建立责任清单"


def test_the_sheet_is_found_by_its_marker_not_its_name(small_spec: Path, tmp_path: Path) -> None:
    status = letter_of("状态")

    def rename_and_copy(ws: Worksheet) -> None:
        ws[f"{status}3"] = "整改中"
        ws.title = "整改台账（已改）"
        assert ws.parent is not None
        copy = ws.parent.copy_worksheet(ws)
        copy.title = "整改台账"
        copy[f"{status}3"] = "待整改"

    err = refused(small_spec, exported(small_spec, tmp_path, rename_and_copy))
    assert "sheet 整改台账: unexpected sheet 整改台账" in err and "no changes" not in err

    # Renamed alone, the sheet is still the ledger.
    def rename(ws: Worksheet) -> None:
        ws[f"{status}3"] = "整改中"
        ws.title = "我的台账"

    result = import_xlsx(small_spec, exported(small_spec, tmp_path, rename), by="甲", on=DAY)
    assert result.written and load(small_spec).plan.checklist[0].status is ChecklistStatus.IN_PROGRESS


def test_a_workbook_rectimeet_did_not_export_is_unusable(small_spec: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "整改台账"
    ws.append(["整改台账"])
    ws.append([c.header for c in excel.COLUMNS])
    ws.append([1, "Z1", "问题"])
    wb.save(tmp_path / "hand.xlsx")
    before = small_spec.read_bytes()
    code, _, err = run("import", str(small_spec), "--xlsx", str(tmp_path / "hand.xlsx"))
    assert code == 2 and "不是 rectimeet 导出的" in err and "Traceback" not in err
    assert small_spec.read_bytes() == before


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda ws: ws.delete_cols(5), "here belongs “整改措施”"),
        (lambda ws: ws.insert_cols(3), "row 2, column C"),
        (lambda ws: ws.cell(row=2, column=15, value="附件"), "extra column “附件”"),
        (lambda ws: ws.cell(row=3, column=16, value="旁注"), "row 3, column P"),
        (lambda ws: (ws.cell(row=2, column=3, value="来源"), ws.cell(row=2, column=4, value="问题")),
         "column “来源” is out of place; here belongs “问题”"),
        (lambda ws: ws.__setitem__("N2", None), "column “备注” is missing"),
    ],
)
def test_missing_extra_and_reordered_columns_are_refused(
        small_spec: Path, tmp_path: Path, edit: Callable[[Worksheet], None], expected: str) -> None:
    assert expected in refused(small_spec, exported(small_spec, tmp_path, edit))


@pytest.mark.parametrize("header", ["问题", "整改措施", "完成时限"])
def test_clearing_a_required_field_is_refused_by_the_check_rules(
        small_spec: Path, tmp_path: Path, header: str) -> None:
    letter = letter_of(header)
    err = refused(small_spec, exported(small_spec, tmp_path,
                                       lambda ws: ws.__setitem__(f"{letter}3", None)))
    assert f"row 3, column {letter} ({header}): CK1" in err


def test_an_edit_that_adds_a_rule_error_is_refused_one_that_fixes_one_is_not(
        small_spec: Path, tmp_path: Path) -> None:
    deadline = letter_of("完成时限")
    # Before the meeting: CK102, the same error `check` reports.
    err = refused(small_spec, exported(small_spec, tmp_path,
                                       lambda ws: ws.__setitem__(f"{deadline}3", "2026-01-01")))
    assert "CK102" in err and "the same rule as `rectimeet check`" in err


# ------------------------------------------------------------------ adding and deleting


def test_a_row_without_id_adds_an_item_with_history(small_spec: Path, tmp_path: Path) -> None:
    def add(ws: Worksheet) -> None:
        ws.append([3, None, "新发现的问题", "自查", "建立新制度", "李乡长", "党政办", "限期整改",
                   dt.datetime(2026, 12, 31), "待整改", None, None, None, "会后补充"])

    result = import_xlsx(small_spec, exported(small_spec, tmp_path, add), by="党政办", on=DAY)
    assert result.added == ["Z3"] and result.written
    z3 = load(small_spec).plan.checklist[2]
    assert (z3.id, z3.issue, z3.measure, z3.lead, z3.deadline) == (
        "Z3", "新发现的问题", "建立新制度", "m2", dt.date(2026, 12, 31))
    assert z3.history[0].by == "党政办" and z3.history[0].field == "item"
    code, _, _ = run("check", str(small_spec), "--today", "2026-12-01")
    assert code == 0


def test_the_delete_mark_deletes_an_item_but_not_a_closed_one(small_spec: Path,
                                                              tmp_path: Path) -> None:
    xlsx = exported(small_spec, tmp_path, lambda ws: ws.__setitem__("A4", "删除"))
    result = import_xlsx(small_spec, xlsx, by="甲", on=DAY)
    assert result.removed == ["Z2"] and result.written
    assert [i.id for i in load(small_spec).plan.checklist] == ["Z1"]
    text = small_spec.read_text("utf-8")
    assert "Z2" not in text and text.startswith("# 一个最小的完整规格（测试用）\n")


def test_a_cell_longer_than_excel_holds_is_refused_on_export(small_spec: Path,
                                                             tmp_path: Path) -> None:
    long = "措" * (32_767 + 100)
    small_spec.write_text(SMALL_SPEC.replace("measure: 建立责任清单", f"measure: {long}"), "utf-8")
    code, _, err = run("export", str(small_spec), "--xlsx", str(tmp_path / "x.xlsx"))
    assert code == 2 and "Z2" in err and "32767" in err and "Traceback" not in err
    assert not (tmp_path / "x.xlsx").exists()


# ------------------------------------------------------------------ one writer at a time


def _import_in_process(spec: str, xlsx: str, by: str) -> None:
    plugins._HOST = host_with()
    import_xlsx(spec, xlsx, by=by, on=DAY)


def test_concurrent_imports_both_land(small_spec: Path, tmp_path: Path) -> None:
    status, note = letter_of("状态"), letter_of("备注")
    first = exported(small_spec, tmp_path, lambda ws: ws.__setitem__(f"{status}3", "整改中"))
    second = first.with_name("second.xlsx")
    first.rename(tmp_path / "first.xlsx")
    first = tmp_path / "first.xlsx"
    exported(small_spec, tmp_path, lambda ws: ws.__setitem__(f"{note}4", "第二人的备注")
             ).rename(second)
    context = multiprocessing.get_context("fork")
    for _ in range(3):
        small_spec.write_text(SMALL_SPEC, "utf-8")
        procs = [context.Process(target=_import_in_process, args=(str(small_spec), str(x), by))
                 for x, by in ((first, "甲"), (second, "乙"))]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
            assert p.exitcode == 0
        z1, z2 = load(small_spec).plan.checklist
        assert z1.status is ChecklistStatus.IN_PROGRESS and z2.note == "第二人的备注"


def test_a_second_writer_waits_then_gives_up_with_exit_2(small_spec: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import rectimeet.locking as locking
    from rectimeet.locking import spec_lock

    status = letter_of("状态")
    xlsx = exported(small_spec, tmp_path, lambda ws: ws.__setitem__(f"{status}3", "整改中"))
    original = locking.spec_lock
    monkeypatch.setattr(excel, "spec_lock", lambda path: original(path, timeout=0.2))
    context = multiprocessing.get_context("fork")
    ready, release = context.Event(), context.Event()

    def hold() -> None:
        with spec_lock(small_spec):
            ready.set()
            release.wait(30)

    holder = context.Process(target=hold)
    holder.start()
    try:
        assert ready.wait(30)
        before = small_spec.read_bytes()
        code, _, err = run("import", str(small_spec), "--xlsx", str(xlsx))
        assert code == 2 and "另一个 rectimeet 命令正在修改" in err
        assert small_spec.read_bytes() == before
    finally:
        release.set()
        holder.join(30)


def test_a_spec_changed_since_it_was_read_is_not_overwritten(
        small_spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rectimeet.errors import SpecChangedError

    status = letter_of("状态")
    xlsx = exported(small_spec, tmp_path, lambda ws: ws.__setitem__(f"{status}3", "整改中"))
    edited_by_hand = SMALL_SPEC.replace("venue: 乡党委会议室", "venue: 乡政府会议室")
    real = excel.read_changes

    def editor_saves_meanwhile(*args: object, **kwargs: object) -> excel.ImportResult:
        small_spec.write_text(edited_by_hand, "utf-8")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(excel, "read_changes", editor_saves_meanwhile)
    with pytest.raises(SpecChangedError):
        import_xlsx(small_spec, xlsx, by="甲", on=DAY)
    assert small_spec.read_text("utf-8") == edited_by_hand
    assert not [p for p in small_spec.parent.iterdir() if p.name.endswith(".part")]


# ------------------------------------------------------------------ the spec file itself


def test_write_back_keeps_crlf_bom_blank_lines_and_quoting(small_spec: Path, tmp_path: Path
                                                           ) -> None:
    text = SMALL_SPEC.replace("venue: 乡党委会议室", "venue: \"乡党委会议室\"\n\n\n")
    text = text.replace("inspection:", "\n\ninspection:").replace("checklist:", "\n# 清单\nchecklist:")
    text = text.replace("group: 县委第一巡察组", "group: '县委第一巡察组'")
    # The edited item (Z2) keeps its own quoting and numbers as written, too.
    text = text.replace("measure: 建立责任清单,", "measure: '建立责任清单', responsible: 0301,")
    raw = ("\ufeff" + text).replace("\n", "\r\n").encode("utf-8")
    small_spec.write_bytes(raw)
    status = letter_of("状态")
    xlsx = exported(small_spec, tmp_path, lambda ws: ws.__setitem__(f"{status}4", "整改中"))
    assert import_xlsx(small_spec, xlsx, by="甲", on=DAY).written
    after = small_spec.read_bytes()
    assert after.startswith("\ufeff".encode())
    assert after.count(b"\n") == after.count(b"\r\n")
    # Everything up to the edited item is byte for byte the same.
    head = raw.split(b"  - {id: Z2")[0]
    assert after.startswith(head)
    assert b"venue: \"\xe4\xb9\xa1\xe5\x85\x9a\xe5\xa7\x94\xe4\xbc\x9a\xe8\xae\xae\xe5\xae\xa4\"" in after
    assert load(small_spec).plan.checklist[1].status is ChecklistStatus.IN_PROGRESS
    assert "measure: '建立责任清单'" in after.decode() and "responsible: 0301" in after.decode()
    assert load(small_spec).plan.checklist[1].responsible == "0301"


def test_import_of_a_missing_gbk_or_utf16_spec_exits_2(small_spec: Path, tmp_path: Path) -> None:
    xlsx = exported(small_spec, tmp_path)
    code, _, err = run("import", str(tmp_path / "nope.yaml"), "--xlsx", str(xlsx))
    assert code == 2 and "F001" in err and "Traceback" not in err
    for encoding in ("gbk", "utf-16"):
        spec = tmp_path / f"{encoding}.yaml"
        spec.write_bytes(SMALL_SPEC.encode(encoding))
        code, _, err = run("import", str(spec), "--xlsx", str(xlsx))
        assert code == 2 and "F003" in err and "Traceback" not in err, err


def test_an_unusable_workbook_is_exit_2(small_spec: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (MAX_UNCOMPRESSED + 1024 * 1024) + b">")
    assert bomb.stat().st_size < 1024 * 1024
    code, _, err = run("import", str(small_spec), "--xlsx", str(bomb), "--lang", "en")
    assert code == 2 and "expands to" in err and "Traceback" not in err
    with pytest.raises(LedgerError):
        import_xlsx(small_spec, tmp_path)


def test_a_stale_workbook_does_not_undo_another_import_and_conflicts_are_refused(
        small_spec: Path, tmp_path: Path) -> None:
    note = letter_of("备注")
    first = exported(small_spec, tmp_path, lambda ws: ws.__setitem__(f"{note}3", "甲的备注"))
    first = first.rename(tmp_path / "first.xlsx")
    stale = exported(small_spec, tmp_path, lambda ws: ws.__setitem__(f"{note}4", "乙的备注"))
    assert import_xlsx(small_spec, first, by="甲", on=DAY).written
    # The stale workbook still shows Z1's old note: that is not an edit.
    assert import_xlsx(small_spec, stale, by="乙", on=DAY).written
    z1, z2 = load(small_spec).plan.checklist
    assert (z1.note, z2.note) == ("甲的备注", "乙的备注")

    conflicting = exported(small_spec, tmp_path, None)
    wb = load_workbook(first)
    ws = wb.active
    assert ws is not None
    ws[f"{note}3"] = "丙的备注"
    wb.save(conflicting)
    err = refused(small_spec, conflicting)
    assert f"row 3, column {note} (备注): changed in the spec since this workbook was exported" in err


# Milestone patches (plan01), rules settings (plan03), another level (plan14).
@pytest.mark.parametrize("example", ["plan01.yaml", "plan03.yaml", "plan14.yaml"])
def test_every_example_takes_an_edit_and_changes_only_that_item(
        example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import EXAMPLES

    monkeypatch.setattr(plugins, "_HOST", None)  # the installed levels the examples use
    spec = tmp_path / example
    spec.write_bytes((EXAMPLES / example).read_bytes())
    plan = load(spec).plan
    if not plan.checklist:
        return
    note = letter_of("备注")
    xlsx = exported(spec, tmp_path, lambda ws: ws.__setitem__(f"{note}3", "导入的备注"))
    result = import_xlsx(spec, xlsx, by="甲", on=DAY)
    assert result.written and list(result.changes) == [plan.checklist[0].id]
    after = load(spec).plan
    assert after.checklist[0].note == "导入的备注"
    assert after.model_copy(update={"checklist": plan.checklist}) == plan
    # Only the edited item's lines changed.
    old_lines = (EXAMPLES / example).read_text("utf-8").splitlines()
    new_lines = spec.read_text("utf-8").splitlines()
    first = next(i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b)
    assert plan.checklist[0].id in old_lines[first]
    assert old_lines[first + 1:][-10:] == new_lines[-10:]


def test_a_date_serial_beyond_excel_and_an_error_value_are_cell_problems(
        small_spec: Path, tmp_path: Path) -> None:
    deadline, note = letter_of("完成时限"), letter_of("备注")

    def edit(ws: Worksheet) -> None:
        ws[f"{deadline}3"] = 2958466.0  # one day after 9999-12-31, in a date-formatted cell
        ws[f"{note}4"] = "#REF!"
        ws[f"{note}4"].data_type = "e"

    err = refused(small_spec, exported(small_spec, tmp_path, edit))
    assert f"row 3, column {deadline} (完成时限)" in err and "Traceback" not in err
    assert f"row 4, column {note} (备注): an error value (#REF!)" in err


def test_the_cli_lists_added_and_deleted_items(small_spec: Path, tmp_path: Path) -> None:
    def edit(ws: Worksheet) -> None:
        ws["A4"] = "删除"
        ws.append([3, None, "新问题", "自查", "新措施", "张书记", "党政办", "限期整改",
                   dt.datetime(2026, 12, 31), "待整改"])

    xlsx = exported(small_spec, tmp_path, edit)
    before = small_spec.read_bytes()
    code, out, err = run("import", str(small_spec), "--xlsx", str(xlsx), "--dry-run", "--lang", "en")
    assert code == 0 and "Z3  added" in out and "Z2  deleted" in out and "would change" in err
    assert small_spec.read_bytes() == before
    code, out, _ = run("import", str(small_spec), "--xlsx", str(xlsx))
    assert code == 0 and "Z3  新增" in out and "Z2  已删除" in out
    assert [i.id for i in load(small_spec).plan.checklist] == ["Z1", "Z3"]
