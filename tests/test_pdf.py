"""PDF conversion (the .docx as it is, one soffice call, a profile of its own) and the font report."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from rectimeet.documents import pdf as pdf_mod
from rectimeet.errors import BuildError

FAKE_SOFFICE = """#!/bin/sh
# Records its arguments and writes an empty PDF for each .docx, as soffice --convert-to does.
printf '%s\\n' "$@" > "$RECORD"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift 2; continue ;;
    *.docx) name=$(basename "$1" .docx); [ -n "$FAIL" ] || : > "$out/$name.pdf" ;;
  esac
  shift
done
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    exe = bin_dir / "soffice"
    exe.write_text(FAKE_SOFFICE)
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    record = tmp_path / "args.txt"
    monkeypatch.setenv("RECORD", str(record))
    return record


def test_the_docx_is_converted_as_it_is_with_a_profile_of_its_own(fake_soffice: Path,
                                                                  tmp_path: Path) -> None:
    docs = []
    for name in ("实施方案", "会议通知"):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(b"docx bytes")
        docs.append(path)
    pdfs = pdf_mod.convert(docs, tmp_path / "out")
    assert [p.name for p in pdfs] == ["实施方案.pdf", "会议通知.pdf"]
    args = fake_soffice.read_text().splitlines()
    assert [a for a in args if a.endswith(".docx")] == [str(p) for p in docs]  # no patched copy
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file://"))
    assert not Path(profile.split("file://", 1)[1]).exists()  # removed afterwards
    assert args.count("--headless") == 1


def test_a_pdf_that_was_not_written_is_an_error(fake_soffice: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAIL", "1")
    path = tmp_path / "x.docx"
    path.write_bytes(b"")
    with pytest.raises(BuildError, match=r"x\.pdf"):
        pdf_mod.convert([path], tmp_path)


def test_nothing_to_convert_is_nothing(fake_soffice: Path, tmp_path: Path) -> None:
    assert pdf_mod.convert([], tmp_path) == []


def _fake_fc_match(found: set[str]) -> object:
    def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        name = args[-1].split(":")[0]  # asked for Chinese text: "黑体:lang=zh-cn"
        family = f"{name},Other" if name in found else "Noto Serif CJK SC,Noto Serif CJK"
        return subprocess.CompletedProcess(args, 0, stdout=family, stderr="")
    return run


def test_font_report_says_which_fonts_were_found_and_substituted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_mod.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(pdf_mod.subprocess, "run", _fake_fc_match({"黑体"}))
    statuses = {s.name: s for s in pdf_mod.font_report()}
    assert set(statuses) == {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"}
    assert statuses["黑体"].found and statuses["黑体"].used == "黑体"
    assert not statuses["仿宋_GB2312"].found and statuses["仿宋_GB2312"].used == "Noto Serif CJK SC"
    lines = pdf_mod.describe_fonts(list(statuses.values()), "zh")
    assert any("黑体" in line and "已安装" in line for line in lines)
    assert any("仿宋_GB2312" in line and "Noto Serif CJK SC" in line for line in lines)
    english = pdf_mod.describe_fonts(list(statuses.values()), "en")
    assert "font 仿宋_GB2312 (body and third-level headings): not installed, substituted by " \
           "Noto Serif CJK SC" in english
    assert "fontconfig" in english[-1]


def test_without_fontconfig_the_report_says_it_cannot_tell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_mod.shutil, "which", lambda name: None)
    statuses = pdf_mod.font_report()
    assert all(s.used is None and not s.found for s in statuses)
    assert "fc-match" in pdf_mod.describe_fonts(statuses, "en")[0]


def test_all_fonts_found_needs_no_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_mod.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(pdf_mod.subprocess, "run", _fake_fc_match({n for n, _ in pdf_mod.GB_FONTS}))
    lines = pdf_mod.describe_fonts(pdf_mod.font_report(), "en")
    assert len(lines) == len(pdf_mod.GB_FONTS) and all(line.endswith("found") for line in lines)


def test_demo_pdf_converts_and_reports_the_fonts(fake_soffice: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from rectimeet.cli import main

    monkeypatch.setattr(pdf_mod, "font_report", lambda: [
        pdf_mod.FontStatus("仿宋_GB2312", "body and third-level headings", "Noto Serif CJK SC")])
    result = CliRunner().invoke(main, ["demo", "--out", str(tmp_path / "demo"), "--pdf"])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "demo").glob("*.pdf"))) == 16
    assert "字体仿宋_GB2312（正文和三级标题）：未安装，以Noto Serif CJK SC代替" in result.output
    converted = [a for a in fake_soffice.read_text().splitlines() if a.endswith(".docx")]
    # The set is converted as written, in its staging folder inside the output folder, before
    # the documents and PDFs are moved into place together.
    assert len(converted) == 16
    assert all(Path(a).parent.parent == tmp_path / "demo" and Path(a).parent.name.startswith(
        ".rectimeet-stage-") for a in converted)
    assert {Path(a).name for a in converted} == {p.name for p in (tmp_path / "demo").glob("*.docx")}
