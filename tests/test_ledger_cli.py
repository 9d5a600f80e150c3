"""``rectimeet export`` / ``import`` / ``status``: files written, exit codes, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from conftest import run_cli as run

pytestmark = pytest.mark.usefixtures("core_only")




def test_export_writes_workbook_and_calendar(small_spec: Path, tmp_path: Path) -> None:
    xlsx, ics = tmp_path / "台账.xlsx", tmp_path / "日程.ics"
    code, _, err = run("export", str(small_spec), "--xlsx", str(xlsx), "--ics", str(ics))
    assert code == 0, err
    ws = load_workbook(xlsx).active
    assert ws is not None and ws["B3"].value == "Z1"
    deadlines = [e for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
                 if str(e["summary"]).startswith("整改期限：")]
    assert len(deadlines) == 2


def test_export_needs_a_target(small_spec: Path) -> None:
    code, _, err = run("export", str(small_spec))
    assert code == 2 and "--xlsx" in err


def test_import_round_trip_and_invalid_rows(small_spec: Path, tmp_path: Path) -> None:
    xlsx = tmp_path / "台账.xlsx"
    run("export", str(small_spec), "--xlsx", str(xlsx))
    wb = load_workbook(xlsx)
    ws = wb.active
    assert ws is not None
    ws["J3"] = "整改中"
    ws["J4"] = "办完了"
    wb.save(xlsx)
    before = small_spec.read_bytes()
    code, _, err = run("import", str(small_spec), "--xlsx", str(xlsx))
    assert code == 1
    assert "第4行 J列（状态）" in err and "Traceback" not in err
    assert small_spec.read_bytes() == before
    code, _, err = run("import", str(small_spec), "--xlsx", str(xlsx), "--lang", "en")
    assert code == 1 and "row 4, column J (状态)" in err

    ws["J4"] = "待整改"
    wb.save(xlsx)
    code, out, _ = run("import", str(small_spec), "--xlsx", str(xlsx), "--by", "党政办",
                       "--dry-run")
    assert code == 0
    row = next(line for line in out.splitlines() if " Z1 " in line)
    assert [cell.strip() for cell in row.strip("│ ").split("│")] == ["Z1", "status", "待整改", "整改中"]
    assert small_spec.read_bytes() == before
    code, _, err = run("import", str(small_spec), "--xlsx", str(xlsx), "--by", "党政办",
                       "--on", "2026-12-01")
    assert code == 0 and "已更新1项" in err
    assert "by: 党政办" in small_spec.read_text("utf-8")


def test_status_text_and_json(small_spec: Path) -> None:
    code, out, _ = run("status", str(small_spec), "--as-of", "2026-12-20", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["as_of"] == "2026-12-20" and data["total"] == 2
    assert data["items"][0]["id"] == "Z2" and data["items"][0]["colour"] == "red"
    code, out, _ = run("status", str(small_spec), "--as-of", "2026-12-20")
    assert code == 0 and "红灯" in out and "逾期1项" in out and "逾期9天" in out


def test_a_missing_spec_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    code, _, err = run("status", str(tmp_path / "nope.yaml"))
    assert code == 2 and "F001" in err and "nope.yaml" in err and "Traceback" not in err
