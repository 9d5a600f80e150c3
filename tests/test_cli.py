"""The core CLI commands: exit codes, messages naming file/line/field, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli as run
from rectimeet import plugins
from rectimeet.testing import host_with


@pytest.fixture(autouse=True)
def with_test_level(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's process-wide host, with the installed plugins plus the test level."""
    monkeypatch.setattr(plugins, "_HOST", host_with(entry_points=True))



def test_check_clean_spec_exits_0(small_spec: Path) -> None:
    code, out, _ = run("check", str(small_spec))
    assert code == 0
    assert "错误 0 项" in out


def test_check_errors_exit_1_with_file_line_and_code(small_spec: Path) -> None:
    text = small_spec.read_text("utf-8").replace("host: m1", "host: m2")
    small_spec.write_text(text, "utf-8")
    code, out, _ = run("check", str(small_spec))
    assert code == 1
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.strip() == "host: m2")
    assert f"{small_spec}:{line}:" in out
    assert "MG101" in out and "主要负责同志" in out


def test_check_english_and_json(small_spec: Path) -> None:
    small_spec.write_text(small_spec.read_text("utf-8").replace("host: m1", "host: m2"), "utf-8")
    code, out, _ = run("check", str(small_spec), "--lang", "en", "--format", "json")
    assert code == 1
    data = json.loads(out)
    (f,) = [f for f in data["findings"] if f["code"] == "MG101"]
    assert f["severity"] == "error" and "principal leader" in f["message"]
    assert f["line"] is not None and f["path"] == "meeting.host"


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        ("unit: [unclosed\n", "Y001"),
        ("unit:\n  name: x\n", "M010"),
        ("- a\n", "Y002"),
    ],
)
def test_unusable_specs_exit_2_without_traceback(tmp_path: Path, content: str, expect: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, "utf-8")
    code, out, err = run("check", str(path))
    assert code == 2
    assert expect in err and str(path) in err
    assert "Traceback" not in out + err


def test_schema_violation_names_field_and_line(small_spec: Path) -> None:
    text = small_spec.read_text("utf-8").replace("venue: 乡党委会议室", "venue: 乡党委会议室\n  vneue: typo")
    small_spec.write_text(text, "utf-8")
    code, _, err = run("check", str(small_spec))
    assert code == 2
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "vneue" in ln)
    assert f"{small_spec}:{line}:" in err and "meeting.vneue" in err and "M011" in err


def test_missing_file_exits_2(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path / "nope.yaml"))
    assert code == 2 and "F001" in err


def test_schema_command_prints_json_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert {"unit", "meeting", "inspection"} <= set(schema["properties"])


def test_plugins_lists_core_and_levels() -> None:
    code, out, _ = run("plugins", "--format", "json")
    assert code == 0
    names = {p["name"] for p in json.loads(out)}
    assert "rectimeet.core_defaults" in names


def test_rules_lists_every_code() -> None:
    code, out, _ = run("rules", "--format", "json", "--lang", "en")
    assert code == 0
    codes = {r["code"] for r in json.loads(out)}
    assert {"CL101", "CR101", "MT101", "MG101", "CK101", "WD101"} <= codes


LEVELS = ["township", "county_bureau", "provincial_department", "school", "municipal_government"]


@pytest.mark.parametrize("level", LEVELS)
def test_new_then_check_then_build_for_every_level(tmp_path: Path, level: str) -> None:
    spec = tmp_path / f"{level}.yaml"
    code, _, err = run("new", "--level", level, "--meeting-date", "2026-12-18", "-o", str(spec))
    assert code == 0, err
    text = spec.read_text("utf-8")
    assert "meeting:" in text and "date: 2026-12-18" in text and "#" in text  # commented
    code, out, _ = run("check", str(spec), "--format", "json")
    assert code == 0 and json.loads(out)["errors"] == 0
    code, out, err = run("build", str(spec), "-o", str(tmp_path / "out"))
    assert code == 0, out + err
    written = {p.name for p in (tmp_path / "out").rglob("*.docx")}
    for kind in ("实施方案", "会议通知", "征求意见表", "谈心谈话安排表", "会议议程和主持词",
                 "整改清单", "情况报告", "报送及归档材料清单", "整改情况报告"):
        assert any(kind in name for name in written), kind
    assert sum("个人发言提纲" in name for name in written) >= 4


def test_new_refuses_unknown_level_and_existing_file(tmp_path: Path) -> None:
    code, _, err = run("new", "--level", "nowhere")
    assert code == 2 and "township" in err
    target = tmp_path / "x.yaml"
    target.write_text("keep", "utf-8")
    code, _, _ = run("new", "--level", "township", "-o", str(target))
    assert code != 0 and target.read_text("utf-8") == "keep"


def test_plugins_and_rules_as_text() -> None:
    code, out, _ = run("plugins")
    assert code == 0 and "township" in out and "插件" in out
    code, out, _ = run("rules", "--lang", "en")
    assert code == 0
    line = next(ln for ln in out.splitlines() if ln.startswith("MG101"))
    assert "error" in line and "principal leader" in line


def test_schema_to_file(tmp_path: Path) -> None:
    target = tmp_path / "rectimeet.schema.json"
    code, _, _ = run("schema", "-o", str(target))
    assert code == 0 and json.loads(target.read_text("utf-8"))["title"] == "rectimeet spec"


def test_new_prints_to_stdout() -> None:
    code, out, _ = run("new", "--level", "school", "--meeting-date", "2026-12-18")
    assert code == 0 and "level: school" in out and "date: 2026-12-18" in out


def test_internal_errors_are_a_message_not_a_traceback(small_spec: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from rectimeet import api

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(api, "check", broken)
    monkeypatch.delenv("RECTIMEET_DEBUG", raising=False)
    code, out, err = run("check", str(small_spec), "--lang", "en")
    assert code == 3
    assert "internal error: ZeroDivisionError: oops" in err and "Traceback" not in out + err


def test_build_of_a_directory_without_specs_exits_2(tmp_path: Path) -> None:
    code, _, err = run("build", str(tmp_path))
    assert code == 2 and "没有 .yaml 规格文件" in err
