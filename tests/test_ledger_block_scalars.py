"""A ledger import next to text that keeps its trailing blank lines (``|+``): an item nobody
edited must keep its value, and an edit to such an item must be written, not refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import SMALL_SPEC
from rectimeet.ledger.excel import export_xlsx, import_xlsx, letter_of
from rectimeet.spec import load

pytestmark = pytest.mark.usefixtures("core_only")

# The shared small spec, its checklist written one block item per entry, the first item's note
# a text that keeps its trailing blank line.
SPEC = SMALL_SPEC[:SMALL_SPEC.index("checklist:")] + """\
checklist:
- id: Z1
  issue: 制度执行不严格
  lead: m1
  measure: 修订管理办法
  deadline: 2026-12-01
  note: |+
    按季度报告

- id: Z2
  issue: 监督检查流于形式
  lead: m2
  measure: 开展专项检查
  deadline: 2026-12-02

- id: Z3
  issue: 长效机制缺失
  lead: m2
  measure: 建立长效机制
  deadline: 2026-12-03
"""


def _edited(tmp_path: Path, column: str, row: int, value: str) -> tuple[Path, Path]:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, "utf-8")
    book = tmp_path / "ledger.xlsx"
    export_xlsx(load(spec).plan, book)
    workbook = load_workbook(book)
    workbook.active[f"{letter_of(column)}{row}"] = value
    workbook.save(book)
    return spec, book


def test_deleting_the_next_item_leaves_a_keep_block_unchanged(tmp_path: Path) -> None:
    spec, book = _edited(tmp_path, "序号", 4, "删除")  # Z2
    before = load(spec).plan.checklist[0]
    assert before.note == "按季度报告\n\n"
    import_xlsx(spec, book, by="办公室", on=dt.date(2026, 11, 1))
    after = load(spec).plan
    assert [i.id for i in after.checklist] == ["Z1", "Z3"]
    assert after.checklist[0] == before


def test_an_edit_to_an_item_holding_a_keep_block_is_written(tmp_path: Path) -> None:
    spec, book = _edited(tmp_path, "整改措施", 3, "修订管理办法并公布")  # Z1
    import_xlsx(spec, book, by="办公室", on=dt.date(2026, 11, 1))
    after = load(spec).plan.checklist[0]
    assert after.measure == "修订管理办法并公布"
    assert after.note == "按季度报告\n\n"


def test_an_import_that_would_outgrow_the_spec_limit_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A spec past the size limit could not be read again (Y005): the import is refused first.
    from rectimeet.errors import LedgerError
    from rectimeet.spec import loader

    spec, book = _edited(tmp_path, "整改措施", 3, "修订管理办法并公布")
    before = spec.read_bytes()
    monkeypatch.setattr(loader, "MAX_SPEC_BYTES", len(before) + 10)
    with pytest.raises(LedgerError, match="字节"):
        import_xlsx(spec, book, by="办公室", on=dt.date(2026, 11, 1))
    assert spec.read_bytes() == before
