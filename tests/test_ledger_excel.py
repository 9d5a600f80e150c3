"""Excel round trip: the exported workbook, reading it back, and refusing bad edits."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import SMALL_SPEC
from rectimeet.errors import LedgerError
from rectimeet.ledger.excel import (
    COLUMNS,
    WHERE_MARK,
    CellProblem,
    WorkbookError,
    build_workbook,
    cell_value,
    export_xlsx,
    import_xlsx,
    letter_of,
    read_changes,
    write_cell,
)
from rectimeet.ledger.lifecycle import state_problems
from rectimeet.models.checklist import (
    ChecklistItem,
    ChecklistKind,
    ChecklistSource,
    ChecklistStatus,
    Evidence,
)
from rectimeet.models.plan import Plan
from rectimeet.spec import load, load_text
from rectimeet.testing import clean_text

pytestmark = pytest.mark.usefixtures("core_only")

DAY = dt.date(2026, 12, 1)

HEADERS = [c.header for c in COLUMNS]


def export(plan: Plan, tmp_path: Path, name: str = "ledger.xlsx") -> Path:
    return export_xlsx(plan, tmp_path / name)


def edit_sheet(path: Path, edit: Callable[[Worksheet], None]) -> Path:
    wb = load_workbook(path)
    ws = wb.active
    assert ws is not None
    edit(ws)
    wb.save(path)
    return path


def test_the_workbook_is_what_a_clerk_expects(tmp_path: Path) -> None:
    plan = load_text(SMALL_SPEC).plan
    wb = load_workbook(export(plan, tmp_path))
    ws = wb.active
    assert ws is not None
    assert "整改台账" in str(ws["A1"].value)
    assert [c.value for c in ws[2]] == HEADERS
    assert letter_of("状态") == "J"
    assert ws.freeze_panes == "A3"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$2:$2"
    deadline = ws[f"{letter_of('完成时限')}3"]
    assert deadline.is_date and deadline.value.date() == plan.checklist[0].deadline
    assert ws[f"{letter_of('责任领导')}3"].value == "张书记"
    lists = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation
             if dv.type == "list"}
    assert lists[letter_of("状态")] == '"待整改,整改中,已完成,已销号"'
    assert lists[letter_of("整改类型")] == '"立行立改,限期整改,长期坚持"'


def test_an_unedited_workbook_changes_nothing(tmp_path: Path) -> None:
    plan = load_text(SMALL_SPEC).plan
    result = read_changes(plan, export(plan, tmp_path), by="甲", on=DAY)
    assert result.changes == {} and result.checklist == plan.checklist


# ------------------------------------------------------------- lossless for every field

single_line = clean_text(max_size=12).filter(lambda s: "\n" not in s)
names = clean_text(min_size=1, max_size=12).filter(lambda s: "\n" not in s and WHERE_MARK not in s)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))
evidence = st.builds(Evidence, what=names, where=single_line)


@st.composite
def items(draw: st.DrawFn, item_id: str) -> ChecklistItem:
    status = draw(st.sampled_from(ChecklistStatus))
    closed = status is ChecklistStatus.CLOSED
    proof = draw(st.lists(evidence.filter(lambda e: e.where.strip()) if closed else evidence,
                          min_size=1 if closed else 0, max_size=3))
    return ChecklistItem(
        id=item_id,
        issue=draw(clean_text(min_size=1, max_size=30)),
        source=draw(st.sampled_from(ChecklistSource)),
        lead=draw(st.sampled_from([None, "m1", "m2", "m3"])),
        responsible=draw(clean_text(max_size=10)),
        measure=draw(clean_text(max_size=30)),
        kind=draw(st.sampled_from(ChecklistKind)),
        deadline=draw(st.none() | dates),
        status=status,
        evidence=proof,
        closed_by=draw(names) if closed else "",
        closed_on=draw(dates) if closed else None,
        note=draw(clean_text(max_size=20)),
    )


def small_plan(*checklist: ChecklistItem) -> Plan:
    return load_text(SMALL_SPEC).plan.model_copy(update={"checklist": list(checklist)})


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=items("Z1"), second=items("Z2"))
def test_round_trip_is_lossless_for_every_field(first: ChecklistItem, second: ChecklistItem,
                                                tmp_path: Path) -> None:
    plan = small_plan(first, second)
    buf = io.BytesIO()
    build_workbook(plan).save(buf)
    path = tmp_path / "rt.xlsx"
    path.write_bytes(buf.getvalue())
    result = read_changes(plan, path, by="甲", on=DAY)
    assert result.changes == {}
    assert result.checklist == plan.checklist


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=items("Z1"), after=items("Z1"))
def test_every_edited_cell_reaches_the_item_with_history(before: ChecklistItem,
                                                         after: ChecklistItem,
                                                         tmp_path: Path) -> None:
    reachable = not (after.status is ChecklistStatus.PENDING
                     and before.status is not ChecklistStatus.PENDING)
    source = small_plan(before)
    path = tmp_path / "edit.xlsx"
    buf = io.BytesIO()
    # Exported from the spec, then every cell of the row typed over with the edited item's.
    wb = build_workbook(source)
    ws = wb["整改台账"]
    edited = small_plan(after)
    for index, column in enumerate(COLUMNS, start=1):
        write_cell(ws.cell(row=3, column=index), cell_value(edited, after, column, 1))
    wb.save(buf)
    path.write_bytes(buf.getvalue())
    # Cells and transitions only: whether the edited plan passes the rules is tested apart.
    if not reachable:
        with pytest.raises(WorkbookError, match="状态"):
            read_changes(source, path, by="甲", on=DAY, validate=False)
        return
    result = read_changes(source, path, by="甲", on=DAY, validate=False)
    (new,) = result.checklist
    fields = set(ChecklistItem.model_fields) - {"history", "source_ref", "owner", "deadline_unit"}
    if after.status is not ChecklistStatus.CLOSED and before.status is ChecklistStatus.CLOSED:
        # Reopening clears the closing fields; the sheet's empty cells say the same.
        assert (new.closed_by, new.closed_on) == ("", None)
    for name in fields:
        assert getattr(new, name) == getattr(after, name), name
    assert new.history[:len(before.history)] == before.history
    assert state_problems(new) == []
    changed = {n for n in fields if getattr(before, n) != getattr(after, n)}
    assert changed <= {c.field for c in new.history[len(before.history):]}


# ------------------------------------------------------------- invalid workbooks


def _set(cell: str, value: object) -> Callable[[Worksheet], None]:
    def edit(ws: Worksheet) -> None:
        ws[cell] = value
    return edit


def _close_without_evidence(ws: Worksheet) -> None:
    ws[f"{letter_of('状态')}3"] = "已销号"
    ws[f"{letter_of('销号审核人')}3"] = "王主任"
    ws[f"{letter_of('销号日期')}3"] = DAY


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_set("J4", "完成了"), "第4行 J列（状态）: 未知的状态“完成了”"),
        (_set("I3", "下个月"), "第3行 I列（完成时限）: “下个月”不是日期"),
        (_close_without_evidence, "第3行 K列（佐证材料）: 销号须有佐证材料"),
        (_set("B4", "Z9"), "第4行 B列（编号）: 整改清单中没有编号为“Z9”的事项"),
        (_set("B4", "Z1"), "第4行 B列（编号）: 编号“Z1”已在第3行使用"),
        (_set("F3", "不认识"), "第3行 F列（责任领导）: “不认识”不是班子成员"),
        (_set("L3", "王主任"), "第3行 L列（销号审核人）: 只有已销号的事项才填写销号审核人"),
        (_set("M3", "昨天"), "第3行 M列（销号日期）: “昨天”不是日期"),
    ],
)
def test_invalid_workbooks_leave_the_spec_byte_identical(
        small_spec: Path, tmp_path: Path, edit: Callable[[Worksheet], None], expected: str) -> None:
    before = small_spec.read_bytes()
    path = edit_sheet(export(load(small_spec).plan, tmp_path), edit)
    # A valid edit in another row must not be written either.
    edit_sheet(path, _set(f"{letter_of('备注')}4", "合法的修改"))
    with pytest.raises(WorkbookError) as caught:
        import_xlsx(small_spec, path, by="甲", on=DAY)
    assert expected in str(caught.value)
    english = caught.value.render("en")
    assert english == caught.value.text("en") and "invalid cell(s); the spec was not changed" in english
    assert "row" in english and "第" not in english
    assert small_spec.read_bytes() == before


def test_a_nested_reason_is_rendered_in_the_problem_language() -> None:
    problem = CellProblem(3, "J", "状态", "item {id} cannot be closed: {reason}", {"id": "Z1"},
                          ("closing needs a reviewer (销号审核人)", {}))
    assert problem.text("en") == ("row 3, column J (状态): item Z1 cannot be closed: "
                                  "closing needs a reviewer (销号审核人)")
    assert "Z1" in problem.text("zh") and "closing" not in problem.text("zh")


def test_every_problem_is_listed_not_only_the_first(small_spec: Path, tmp_path: Path) -> None:
    path = export(load(small_spec).plan, tmp_path)
    edit_sheet(path, _set("J3", "坏"))
    edit_sheet(path, _set("I4", "坏日期"))
    with pytest.raises(WorkbookError) as caught:
        import_xlsx(small_spec, path, by="甲", on=DAY)
    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "J"), (4, "I")]


def test_a_file_that_is_not_a_workbook_is_a_ledger_error(small_spec: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.xlsx"
    bogus.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(Exception, match="无法读取工作簿") as caught:
        import_xlsx(small_spec, bogus)
    assert not isinstance(caught.value, WorkbookError)


# ------------------------------------------------------------- writing the spec back


def test_import_closes_an_item_keeping_comments_order_and_history(small_spec: Path,
                                                                  tmp_path: Path) -> None:
    path = export(load(small_spec).plan, tmp_path)

    def close_first(ws: Worksheet) -> None:
        ws[f"{letter_of('状态')}3"] = "已销号"
        ws[f"{letter_of('佐证材料')}3"] = f"整顿工作台账{WHERE_MARK}党政办档案柜）"
        ws[f"{letter_of('销号审核人')}3"] = "县委第一巡察组"
        ws[f"{letter_of('销号日期')}3"] = "2026年12月20日"

    edit_sheet(path, close_first)
    text_before = small_spec.read_text(encoding="utf-8")
    result = import_xlsx(small_spec, path, by="党政办", on=DAY)
    assert result.written and list(result.changes) == ["Z1"]
    text_after = small_spec.read_text(encoding="utf-8")
    assert text_after.startswith("# 一个最小的完整规格（测试用）\n")
    # Everything before the checklist is untouched, byte for byte.
    head = text_before.split("checklist:")[0]
    assert text_after.split("checklist:")[0] == head
    plan = load(small_spec).plan
    z1, z2 = plan.checklist
    assert z1.status is ChecklistStatus.CLOSED
    assert z1.evidence == [Evidence(what="整顿工作台账", where="党政办档案柜")]
    assert (z1.closed_by, z1.closed_on) == ("县委第一巡察组", dt.date(2026, 12, 20))
    assert [c.new for c in z1.history if c.field == "status"] == ["整改中", "已完成", "已销号"]
    assert all(c.by == "党政办" and c.on == DAY for c in z1.history)
    assert z2 == load_text(SMALL_SPEC).plan.checklist[1]

    # Importing the same workbook again changes nothing and writes nothing.
    again = import_xlsx(small_spec, path, by="党政办", on=DAY)
    assert again.changes == {} and not again.written
    assert small_spec.read_text(encoding="utf-8") == text_after


def test_dry_run_writes_nothing(small_spec: Path, tmp_path: Path) -> None:
    path = edit_sheet(export(load(small_spec).plan, tmp_path), _set("J3", "整改中"))
    before = small_spec.read_bytes()
    result = import_xlsx(small_spec, path, by="甲", on=DAY, dry_run=True)
    assert list(result.changes) == ["Z1"] and not result.written
    assert small_spec.read_bytes() == before


def test_an_import_parses_only_the_items_it_changes(small_spec: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # A county spec holds tens of thousands of items; the round-trip parse of all of them took
    # half a minute. Only the changed item is parsed that way; its comment and the other items'
    # lines stay as they were.
    from rectimeet.spec import loader

    text = small_spec.read_text("utf-8").replace(
        "  - {id: Z1,", "  # 第一项：整顿\n  - {id: Z1,").replace(
        "measure: 建立责任清单, kind: 立行立改, deadline: 2026-12-11}",
        "measure: 建立责任清单, kind: 立行立改, deadline: 2026-12-11}  # 第二项")
    assert "# 第一项" in text and "# 第二项" in text
    small_spec.write_text(text, "utf-8")
    path = edit_sheet(export(load(small_spec).plan, tmp_path), _set(f"{letter_of('备注')}3", "已约谈"))

    def whole_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the whole spec was parsed with the round-trip loader")

    monkeypatch.setattr(loader, "parse_yaml", whole_parse)
    result = import_xlsx(small_spec, path, by="党政办", on=DAY)
    assert result.written and list(result.changes) == ["Z1"]
    after = small_spec.read_text("utf-8")
    assert "# 第一项：整顿\n" in after
    z2_lines = [line for line in text.splitlines() if "Z2" in line or "建立责任清单" in line]
    assert all(line in after.splitlines() for line in z2_lines)
    monkeypatch.undo()
    plan = load(small_spec).plan
    assert plan.checklist[0].note == "已约谈"
    assert plan.checklist[1] == load_text(SMALL_SPEC).plan.checklist[1]


def test_a_checklist_written_as_one_flow_list_is_still_imported(small_spec: Path,
                                                                tmp_path: Path) -> None:
    # No "- item" lines to edit one by one: the whole document is written instead.
    plan = load(small_spec).plan
    data = small_spec.read_text("utf-8")
    head, _ = data.split("checklist:")
    items = ", ".join(f"{{id: {c.id}, issue: {c.issue}, source: 巡察反馈, source_ref: {c.source_ref}, "
                      f"owner: {c.owner}, lead: {c.lead}, measure: {c.measure}, "
                      f"kind: {c.kind.value}, deadline: {c.deadline}}}" for c in plan.checklist)
    small_spec.write_text(head + f"checklist: [{items}]\n", "utf-8")
    assert load(small_spec).plan.checklist == plan.checklist
    path = edit_sheet(export(plan, tmp_path), _set(f"{letter_of('备注')}4", "已约谈"))
    result = import_xlsx(small_spec, path, by="党政办", on=DAY)
    assert result.written and list(result.changes) == ["Z2"]
    assert load(small_spec).plan.checklist[1].note == "已约谈"


@pytest.mark.parametrize("spoil", [
    pytest.param(lambda text: text.replace("已约谈", "已约淡"), id="the-changed-item-says-otherwise"),
    pytest.param(lambda text: text.replace("建立责任清单", "建立责任制度"), id="an-untouched-item-changed"),
    pytest.param(lambda text: text.replace("  - {id: Z2,", "  - {id: Z9,"), id="an-item-lost"),
    pytest.param(lambda text: text.replace("\nchecklist:", "\nchecklist_:"), id="the-structure-broke"),
])
def test_a_spec_that_would_not_read_back_as_computed_is_not_written(
        small_spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        spoil: Callable[[str], str]) -> None:
    # The last guard against losing data: whatever the writer produced is read back first.
    from rectimeet.spec import writer

    real = writer.edit_lines
    monkeypatch.setattr(writer, "edit_lines",
                        lambda *args: spoil("\n".join(real(*args))).split("\n"))
    path = edit_sheet(export(load(small_spec).plan, tmp_path), _set(f"{letter_of('备注')}3", "已约谈"))
    before = small_spec.read_bytes()
    with pytest.raises(LedgerError) as refused:
        import_xlsx(small_spec, path, by="党政办", on=DAY)
    assert "read back" in refused.value.message_id
    assert small_spec.read_bytes() == before


def test_deleting_every_item_is_written(small_spec: Path, tmp_path: Path) -> None:
    def delete_both(ws: Worksheet) -> None:
        ws[f"{letter_of('序号')}3"] = "删除"
        ws[f"{letter_of('序号')}4"] = "删除"

    path = edit_sheet(export(load(small_spec).plan, tmp_path), delete_both)
    result = import_xlsx(small_spec, path, by="党政办", on=DAY)
    assert result.written
    assert load(small_spec).plan.checklist == []


_BLOCK_ITEMS = """checklist:
  # 整改台账（按反馈问题逐条）
  - id: Z1
    issue: 基层党组织建设薄弱
    source: 巡察反馈
    source_ref: F1
    owner: 班子
    lead: m1
    measure: 开展软弱涣散党组织整顿  # 一季度完成
    kind: 限期整改
    deadline: 2026-12-30
  - {id: Z2, issue: 落实主体责任不到位, source: 巡察反馈, source_ref: F2, owner: m3, lead: m3,
     measure: 建立责任清单, kind: 立行立改, deadline: 2026-12-11}

  - id: Z3
    issue: "制度执行不严格"
    source: 巡察反馈
    source_ref: F2
    owner: m3
    lead: m3
    measure: |
      修订制度
      逐项落实
    kind: 长期坚持
    deadline: 2027-06-30
    note: 第三项
"""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(st.one_of(st.none(), clean_text(1, 30)), min_size=3, max_size=3))
def test_an_import_rewrites_exactly_the_edited_items(tmp_path: Path,
                                                      notes: list[str | None]) -> None:
    # Items written in block style, flow style and with a block scalar, with comments: any set
    # of edited rows reads back as computed, and the other items' lines stay as they were.
    spec = tmp_path / f"spec-{abs(hash(tuple(notes)))}.yaml"
    text = SMALL_SPEC.split("checklist:")[0] + _BLOCK_ITEMS
    spec.write_text(text, "utf-8")
    plan = load(spec).plan
    edits = {row: note for row, note in enumerate(notes, start=3) if note is not None}

    def edit(ws: Worksheet) -> None:
        for row, note in edits.items():
            cell = ws[f"{letter_of('备注')}{row}"]
            cell.value = note
            cell.data_type = "s"  # typed in as text ("=0" too), not as a formula

    path = edit_sheet(export(plan, tmp_path, f"{spec.stem}.xlsx"), edit)
    result = import_xlsx(spec, path, by="党政办", on=DAY)
    after = load(spec).plan
    assert after.checklist == result.checklist
    edited = {plan.checklist[row - 3].id for row, note in edits.items()
              if note.strip() != plan.checklist[row - 3].note}
    assert set(result.changes) == edited
    for old, new in zip(plan.checklist, after.checklist, strict=True):
        if old.id not in edited:
            assert new == old
    new_text = spec.read_text("utf-8")
    assert new_text.startswith(text.split("checklist:")[0] + "checklist:\n  # 整改台账（按反馈问题逐条）\n")
    if "Z2" not in edited:
        assert "  - {id: Z2, issue: 落实主体责任不到位" in new_text
    if "Z1" not in edited:
        assert "    measure: 开展软弱涣散党组织整顿  # 一季度完成\n" in new_text


@pytest.mark.parametrize(("edit", "changed"), [
    pytest.param(_set(f"{letter_of('备注')}3", "已约谈"), ["Z1"], id="first-item"),
    pytest.param(_set(f"{letter_of('备注')}5", "已约谈"), ["Z3"], id="last-item"),
    pytest.param(_set(f"{letter_of('序号')}4", "删除"), [], id="deleted-item"),
])
def test_an_import_reads_back_only_the_items_it_rewrote(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Callable[[Worksheet], None],
        changed: list[str]) -> None:
    # A county's import must not parse its whole spec again to check what it wrote: the
    # untouched items are compared as lines and only the rewritten ones are read.
    from rectimeet.ledger import excel
    from rectimeet.spec import fastload

    spec = tmp_path / "spec.yaml"
    spec.write_text(SMALL_SPEC.split("checklist:")[0] + _BLOCK_ITEMS, "utf-8")
    plan = load(spec).plan
    path = edit_sheet(export(plan, tmp_path), edit)

    def whole_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("the whole new text was read back")

    monkeypatch.setattr(excel, "_reads_back", whole_read)
    monkeypatch.setattr(fastload, "read_items", whole_read)
    result = import_xlsx(spec, path, by="党政办", on=DAY)
    monkeypatch.undo()
    assert result.written and list(result.changes) == changed
    assert load(spec).plan.checklist == result.checklist


@pytest.mark.parametrize("value", [10**12, -(10**12)])  # calamine overflows; calamine panics
def test_a_time_beyond_any_clock_is_refused_and_changes_nothing(small_spec: Path, tmp_path: Path,
                                                                 value: int) -> None:
    def far_off(ws: Worksheet) -> None:
        cell = ws[f"{letter_of('完成时限')}3"]
        cell.value = value  # a number no clock reaches, in a cell formatted as a duration
        cell.number_format = "[h]:mm"

    path = edit_sheet(export(load(small_spec).plan, tmp_path), far_off)
    before = small_spec.read_bytes()
    with pytest.raises(LedgerError) as refused:
        import_xlsx(small_spec, path, by="党政办", on=DAY)
    assert "no calendar has" in refused.value.message_id
    assert small_spec.read_bytes() == before
