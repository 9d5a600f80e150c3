"""Every bad input is a located exit 2: no traceback, no exit 3, file and line where there is one.

Each case here once ended in a traceback (RecursionError, OverflowError, TypeError,
ValueError, OSError), ran for minutes, or was silently accepted.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from conftest import SMALL_SPEC
from conftest import run_cli as run
from rectimeet import plugins
from rectimeet.spec import load_text
from rectimeet.testing import host_with

pytestmark = pytest.mark.usefixtures("core_only")




def spec_with(tmp_path: Path, old: str, new: str, name: str = "spec.yaml") -> Path:
    assert old in SMALL_SPEC
    path = tmp_path / name
    path.write_text(SMALL_SPEC.replace(old, new), "utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def exit_2_at(path: Path, needle: str, *commands: tuple[str, ...], code: str = "") -> None:
    """Each command exits 2 and names ``path:line`` of ``needle`` (and ``code``)."""
    where = f"{path}:{line_of(path, needle)}"
    for command in commands or (("check",), ("status",), ("schedule",), ("build", "-o")):
        args = [command[0], str(path)]
        if command[0] == "build":
            args += ["-o", str(path.parent / "out")]
        if command[0] == "export":
            args += ["--xlsx", str(path.parent / "out.xlsx")]
        status, out, err = run(*args)
        assert status == 2, (command, status, out, err)
        assert where in err and "Traceback" not in err, (command, err)
        if code:
            assert code in err


# ------------------------------------------------------------------ text stays as written


@pytest.mark.parametrize("written", ["0301", "3.10", "1e3", "2026.10", "1_000", "0o17", "-0"])
def test_a_number_in_a_text_field_keeps_its_source_text(written: str) -> None:
    text = SMALL_SPEC.replace("venue: 乡党委会议室", f"venue: {written}").replace(
        "study:", f"documents:\n  doc_number: {written}\nstudy:")
    plan = load_text(text).plan
    assert plan.meeting.venue == written
    assert plan.documents.doc_number == written


@pytest.mark.parametrize("written", ["830", "690", "8.5"])
def test_a_time_written_as_a_number_is_a_located_error(tmp_path: Path, written: str) -> None:
    path = spec_with(tmp_path, "  venue: 乡党委会议室",
                     f"  venue: 乡党委会议室\n  sessions:\n    - {{part: 上午, start: {written}}}")
    exit_2_at(path, "start:", code="meeting.sessions[0].start")


@pytest.mark.parametrize(("old", "new", "needle"), [
    ("date: 2026-11-27", "date: 9999-12-31", "date: 9999"),
    ("date: 2026-11-27", "date: 0001-01-01", "date: 0001"),
    ("feedback_date: 2026-10-30", "feedback_date: 9999-12-31", "feedback_date"),
    ("deadline: 2026-12-30", "deadline: 9999-12-31", "deadline: 9999"),
    ("submitted_on: 2026-11-18, reviewed_by", "submitted_on: 0001-01-01, reviewed_by", "0001"),
])
def test_out_of_range_dates_are_refused_at_load_by_every_command(
        tmp_path: Path, old: str, new: str, needle: str) -> None:
    path = spec_with(tmp_path, old, new)
    exit_2_at(path, needle, ("check",), ("status",), ("schedule",), ("build",), ("export",))
    code, _, err = run("import", str(path), "--xlsx", str(tmp_path / "x.xlsx"))
    assert code == 2 and f"{path}:{line_of(path, needle)}" in err


def test_a_milestone_offset_out_of_range_is_located(tmp_path: Path) -> None:
    path = spec_with(tmp_path, "checklist:", "schedule:\n  milestones:\n    - {key: report, "
                     "offset: -100000000}\nchecklist:")
    exit_2_at(path, "offset", code="offset")


def test_a_new_milestone_without_fields_is_located(tmp_path: Path) -> None:
    path = spec_with(tmp_path, "checklist:", "schedule:\n  milestones:\n    - key: extra\n"
                     "checklist:")
    exit_2_at(path, "key: extra", ("check",), ("schedule",), ("build",), code="T003")


def test_an_unknown_level_is_located(tmp_path: Path) -> None:
    path = spec_with(tmp_path, "level: test_level", "level: no_such_level")
    exit_2_at(path, "level: no_such_level", ("check",), ("schedule",), ("build",), code="L001")


def test_count_true_is_not_a_number(tmp_path: Path) -> None:
    path = spec_with(tmp_path, "{from: m1, to: m2, count: 2}", "{from: m1, to: m2, count: true}")
    exit_2_at(path, "count: true", ("check",), code="criticisms[0].count")


@pytest.mark.parametrize(("params", "expected"), [
    ("min_criticisms: three", "min_criticisms (rule CR101)"),
    ("min_criticismz: 3", "min_criticismz"),
    ("min_criticisms: -3", "-3"),
    ("immediate_max_days: 2.5", "immediate_max_days"),
])
def test_rule_parameters_are_validated_per_rule(tmp_path: Path, params: str, expected: str
                                                ) -> None:
    path = spec_with(tmp_path, "checklist:", f"rules:\n  params:\n    {params}\nchecklist:")
    exit_2_at(path, params.split(":")[0] + ":", ("check",), ("build",), code="P002")
    _, _, err = run("check", str(path), "--lang", "en")
    assert expected in err


def test_deep_nesting_is_exit_2_not_a_recursion_error(tmp_path: Path) -> None:
    for deep in ("[" * 1000 + "]" * 1000, "[a, " * 1000, "".join(f"\n{'  ' * i}k{i}:" for i in range(1, 100))
                 + " x"):
        path = tmp_path / "deep.yaml"
        path.write_text(SMALL_SPEC.replace("venue: 乡党委会议室", f"venue: {deep}"), "utf-8")
        code, _, err = run("check", str(path))
        assert code == 2 and "Y003" in err and "Traceback" not in err


def test_a_billion_laughs_spec_is_refused_at_once(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    path = tmp_path / "laughs.yaml"
    path.write_text(SMALL_SPEC + "\n".join(lines) + "\n", "utf-8")
    code, _, err = run("check", str(path))
    assert code == 2 and "Y004" in err


def test_an_oversized_spec_is_refused_before_parsing(tmp_path: Path) -> None:
    from rectimeet.spec.loader import MAX_SPEC_BYTES

    path = tmp_path / "big.yaml"
    path.write_text(SMALL_SPEC + "#" + "x" * MAX_SPEC_BYTES + "\n", "utf-8")
    for command in ("check", "status"):
        code, _, err = run(command, str(path))
        assert code == 2 and "Y005" in err


# ------------------------------------------------------------------ files and folders


def test_a_file_where_a_folder_should_be_is_exit_2(small_spec: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "existing_file"
    blocker.write_text("x", "utf-8")
    code, out, err = run("build", str(small_spec), "-o", str(blocker / "sub"))
    assert code == 2 and "existing_file" in out + err and "Traceback" not in out + err
    code, _, err = run("export", str(small_spec), "--xlsx", str(blocker / "x.xlsx"))
    assert code == 2 and "existing_file" in err and "Traceback" not in err


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EACCES, errno.EROFS])
def test_a_full_disk_or_read_only_folder_is_exit_2_and_leaves_nothing(
        small_spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int) -> None:
    out = tmp_path / "out"
    code, _, _ = run("build", str(small_spec), "-o", str(out))
    assert code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    xlsx = tmp_path / "台账.xlsx"
    assert run("export", str(small_spec), "--xlsx", str(xlsx))[0] == 0
    spec_before, xlsx_before = small_spec.read_bytes(), xlsx.read_bytes()

    def broken(*args: object) -> None:
        raise OSError(error, os.strerror(error))

    real_write = Path.write_bytes

    def write_fails_for_documents(self: Path, data: bytes) -> int:
        if self.suffix == ".docx":
            broken()
        return real_write(self, data)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "write_bytes", write_fails_for_documents)
        code, stdout, err = run("build", str(small_spec), "-o", str(out))
    assert code == 2 and "Traceback" not in stdout + err and "无法写入" in stdout + err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    monkeypatch.setattr(os, "fsync", broken)
    code, _, err = run("export", str(small_spec), "--xlsx", str(xlsx))
    assert code == 2 and "无法写入" in err and "Exception ignored" not in err
    assert xlsx.read_bytes() == xlsx_before
    wb_edit = tmp_path / "edit.xlsx"
    monkeypatch.undo()
    monkeypatch.setattr(plugins, "_HOST", host_with())
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    ws = wb.active
    assert ws is not None
    ws["N3"] = "备注"
    wb.save(wb_edit)
    monkeypatch.setattr(os, "fsync", broken)
    code, _, err = run("import", str(small_spec), "--xlsx", str(wb_edit), "--lang", "en")
    assert code == 2 and "cannot write" in err and "Traceback" not in err
    assert small_spec.read_bytes() == spec_before
    leftovers = [p.name for p in tmp_path.rglob("*") if re.search(r"\.part$|rectimeet-stage", p.name)]
    assert leftovers == []


def test_a_bad_parameter_in_rectimeet_toml_names_that_file(tmp_path: Path) -> None:
    (tmp_path / "rectimeet.toml").write_text("[rules]\nparams = { min_criticismz = 3 }\n",
                                             "utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text(SMALL_SPEC, "utf-8")
    code, _, err = run("check", str(spec))
    assert code == 2 and "rectimeet.toml" in err and "P002" in err and "spec.yaml" not in err
