"""``rectimeet build`` and ``rectimeet demo`` from a user's point of view."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from rectimeet.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_demo_builds_the_whole_set_and_says_what_it_wrote(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert len(written) == 16
    for name in written:
        assert name in result.output
    assert "中共云溪县白沙镇委员会巡察整改专题民主生活会实施方案.docx" in written


def test_build_one_spec_with_only(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(EXAMPLES / "plan11.yaml"), "-o", str(tmp_path),
                                       "--only", "实施方案", "--only", "notice"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "中共青溪县石门乡委员会巡察整改专题民主生活会会议通知.docx",
        "中共青溪县石门乡委员会巡察整改专题民主生活会实施方案.docx",
    ]


def test_build_a_directory_in_two_processes(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    for name in ("plan09.yaml", "plan11.yaml"):
        shutil.copy(EXAMPLES / name, specs / name)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(specs), "-o", str(out), "--jobs", "2",
                                       "--only", "checklist"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["plan09", "plan11"]
    assert len(list((out / "plan11").glob("*整改清单.docx"))) == 1


def test_spec_with_rule_errors_is_reported_and_not_built(tmp_path: Path) -> None:
    text = (EXAMPLES / "plan11.yaml").read_text("utf-8").replace("claimed_by: [班子, he, xu]", "claimed_by: []")
    spec = tmp_path / "bad.yaml"
    spec.write_text(text, "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(spec), "-o", str(out)])
    assert result.exit_code == 1
    assert "CL101" in result.output and "bad.yaml:" in result.output
    assert "bad.yaml：未生成" in result.output
    assert not out.exists() or not any(out.iterdir())
    english = CliRunner().invoke(main, ["build", str(spec), "-o", str(out), "--lang", "en"])
    assert english.exit_code == 1 and "bad.yaml: not built (errors above" in english.output


def test_unusable_spec_exits_2_with_file_and_line(tmp_path: Path) -> None:
    spec = tmp_path / "broken.yaml"
    spec.write_text("unit:\n  name: 某乡\n  members: [\n", "utf-8")
    result = CliRunner().invoke(main, ["build", str(spec), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "broken.yaml:" in result.output
    assert "Traceback" not in result.output


def test_unknown_only_name_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(EXAMPLES / "plan11.yaml"), "-o", str(tmp_path),
                                       "--only", "不存在的文书"])
    assert result.exit_code == 2
    assert "未知的文书：不存在的文书" in result.output
    english = CliRunner().invoke(main, ["build", str(EXAMPLES / "plan11.yaml"), "-o", str(tmp_path),
                                        "--only", "不存在的文书", "--lang", "en"])
    assert english.exit_code == 2 and "unknown document 不存在的文书; known: plan" in english.output


def test_project_rule_parameters_reach_check_and_documents(tmp_path: Path) -> None:
    """One pipeline: rectimeet.toml's min_criticisms is what the plan says and what check asks."""
    import json
    import re

    import docx

    spec = tmp_path / "plan11.yaml"
    shutil.copy(EXAMPLES / "plan11.yaml", spec)
    (tmp_path / "rectimeet.toml").write_text("[rules]\nparams = { min_criticisms = 4 }\n", "utf-8")
    out = tmp_path / "out"
    built = CliRunner().invoke(main, ["build", str(spec), "-o", str(out), "--only", "plan"])
    assert built.exit_code == 0, built.output
    text = "\n".join(p.text for p in docx.Document(str(next(out.glob("*实施方案.docx")))).paragraphs)
    assert "至少向其他班子成员提出4条有质量的批评意见" in text
    assert "提出3条" not in text

    # zhou now gives 3 criticisms: enough for the default 3, not for the project's 4.
    lines = spec.read_text("utf-8").splitlines(keepends=True)
    zhou = [i for i, line in enumerate(lines) if re.search(r"\{from: zhou, to: \w+, count: 3\}", line)]
    spec.write_text("".join(line for i, line in enumerate(lines) if i not in zhou[1:]), "utf-8")
    checked = CliRunner().invoke(main, ["check", str(spec), "--format", "json"])
    cr101 = [f for f in json.loads(checked.output)["findings"] if f["code"] == "CR101"]
    assert len(cr101) == 1 and "4" in cr101[0]["message"] and "3" in cr101[0]["message"]
