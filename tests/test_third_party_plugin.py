"""Installing and uninstalling a third-party plugin distribution changes what rectimeet does.

The example plugin in docs/example_plugin is built into a wheel in a temporary directory (offline,
with the hatchling already installed next to rectimeet), installed into this interpreter with
pip, and observed the way a user would: ``rectimeet plugins --format json`` and ``rectimeet
build`` run as separate processes. Then it is uninstalled and both effects must be gone. The
uninstall also runs in ``finally`` so a failed assertion never leaves the plugin installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from ruamel.yaml import YAML

from test_documents_support import seen

ROOT = Path(__file__).resolve().parents[1]
PLUGIN_SOURCE = ROOT / "docs" / "example_plugin"
DISTRIBUTION = "rectimeet-jiangbei"
ENTRY_POINT = "jiangbei"
PROVINCIAL_ITEM = "《江北省党员领导干部民主生活会实施办法》"
# plan04 meets on 2026-06-11: the level's report is due 15 days later, the province's 10.
LEVEL_REPORT_DUE = "2026年6月26日"
PROVINCIAL_REPORT_DUE = "2026年6月22日"  # 会后10日 is Sunday 6-21 (端午), rolled forward

ENV = {**os.environ, "PIP_NO_INPUT": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, capture_output=True, text=True, env=ENV, timeout=180, check=False)
    assert result.returncode == 0, f"{' '.join(args)}\n{result.stdout}\n{result.stderr}"
    return result


def _pip(*args: str) -> subprocess.CompletedProcess[str]:
    return _run(sys.executable, "-m", "pip", *args)


def _rectimeet(*args: str) -> subprocess.CompletedProcess[str]:
    return _run(sys.executable, "-c", "from rectimeet.cli import main; main()", *args)


def _installed() -> bool:
    result = subprocess.run([sys.executable, "-m", "pip", "show", "-q", DISTRIBUTION],
                            capture_output=True, text=True, env=ENV, timeout=60, check=False)
    return result.returncode == 0


def _uninstall() -> None:
    if _installed():
        _pip("uninstall", "-y", DISTRIBUTION)


def _plugins() -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = json.loads(_rectimeet("plugins", "--format", "json").stdout)
    return listed


def _plan_text(spec: Path, out: Path) -> str:
    _rectimeet("build", str(spec), "-o", str(out), "--only", "plan")
    (path,) = out.glob("*实施方案*.docx")
    return "\n".join(seen(p.text) for p in Document(str(path)).paragraphs)


@pytest.fixture
def spec_without_study_list(tmp_path: Path) -> Path:
    # A spec that lists its own study items replaces the defaults whole; without a list the
    # level's defaults (and whatever plugins add to them) are used.
    yaml = YAML()
    data = yaml.load((ROOT / "examples" / "plan04.yaml").read_text("utf-8"))
    del data["study"]["items"]
    spec = tmp_path / "plan04.yaml"
    with spec.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    return spec


@pytest.fixture
def wheel(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    shutil.copytree(PLUGIN_SOURCE, source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    dist = tmp_path / "dist"
    _pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist), str(source))
    (built,) = dist.glob("rectimeet_jiangbei-*.whl")
    return built


@pytest.fixture
def clean_environment() -> Iterator[None]:
    _uninstall()  # a crashed earlier run must not decide this one
    try:
        yield
    finally:
        _uninstall()


@pytest.mark.usefixtures("clean_environment")
def test_install_and_uninstall_change_plugins_and_builds(
    wheel: Path, spec_without_study_list: Path, tmp_path: Path
) -> None:
    _pip("install", "--no-deps", "--no-index", str(wheel))

    listed = {p["name"]: p for p in _plugins()}
    assert ENTRY_POINT in listed
    assert listed[ENTRY_POINT]["distribution"] == DISTRIBUTION
    assert listed[ENTRY_POINT]["version"] == "0.1.0"
    assert listed[ENTRY_POINT]["builtin"] is False
    assert "rectimeet_adjust_defaults" in listed[ENTRY_POINT]["hooks"]
    assert "rectimeet_rules" in listed[ENTRY_POINT]["hooks"]
    assert [d["id"] for d in listed[ENTRY_POINT]["documents"]] == ["notice", "minutes"]  # set order

    documents = tmp_path / "documents"
    _rectimeet("build", str(spec_without_study_list), "-o", str(documents))
    (minutes,) = documents.glob("*会议记录.docx")
    minutes_text = "\n".join(p.text for p in Document(str(minutes)).paragraphs)
    assert "记 录 人：" in minutes_text and "主持人签字" in minutes_text
    (notice,) = documents.glob("*会议通知.docx")
    assert "联系电话" in "\n".join(p.text for p in Document(str(notice)).paragraphs)

    with_plugin = _plan_text(spec_without_study_list, tmp_path / "with")
    assert PROVINCIAL_ITEM in with_plugin
    assert PROVINCIAL_REPORT_DUE in with_plugin

    _pip("uninstall", "-y", DISTRIBUTION)

    assert ENTRY_POINT not in {p["name"] for p in _plugins()}
    plain = tmp_path / "plain"
    _rectimeet("build", str(spec_without_study_list), "-o", str(plain))
    assert not list(plain.glob("*会议记录.docx"))
    (notice,) = plain.glob("*会议通知.docx")
    assert "联系电话" not in "\n".join(p.text for p in Document(str(notice)).paragraphs)
    without_plugin = _plan_text(spec_without_study_list, tmp_path / "without")
    assert PROVINCIAL_ITEM not in without_plugin
    assert PROVINCIAL_REPORT_DUE not in without_plugin
    assert LEVEL_REPORT_DUE in without_plugin


# -- a third-party level: a YAML file, a scaffold and one line of Python ------------------------

LEVEL_SOURCE = ROOT / "docs" / "example_level"
LEVEL_DISTRIBUTION = "rectimeet-soe"
LEVEL = "state_enterprise"


def _build_wheel(source_dir: Path, tmp_path: Path, pattern: str) -> Path:
    source = tmp_path / "level-src"
    shutil.copytree(source_dir, source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    dist = tmp_path / "level-dist"
    _pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist), str(source))
    (built,) = dist.glob(pattern)
    return built


def _uninstall_level() -> None:
    result = subprocess.run([sys.executable, "-m", "pip", "show", "-q", LEVEL_DISTRIBUTION],
                            capture_output=True, text=True, env=ENV, timeout=60, check=False)
    if result.returncode == 0:
        _pip("uninstall", "-y", LEVEL_DISTRIBUTION)


@pytest.fixture
def clean_level_environment() -> Iterator[None]:
    _uninstall_level()
    try:
        yield
    finally:
        _uninstall_level()


@pytest.mark.usefixtures("clean_level_environment")
def test_a_level_as_data_installs_scaffolds_and_builds(tmp_path: Path) -> None:
    wheel = _build_wheel(LEVEL_SOURCE, tmp_path, "rectimeet_soe-*.whl")
    _pip("install", "--no-deps", "--no-index", str(wheel))

    listed = {p["name"]: p for p in _plugins()}
    assert listed[LEVEL]["distribution"] == LEVEL_DISTRIBUTION
    assert listed[LEVEL]["levels"] == [LEVEL]
    assert "rectimeet_vocabulary" in listed[LEVEL]["hooks"]

    spec = tmp_path / "soe.yaml"
    _rectimeet("new", "--level", LEVEL, "--meeting-date", "2026-09-17", "-o", str(spec))
    checked = json.loads(_rectimeet("check", str(spec), "--format", "json").stdout)
    assert [f["code"] for f in checked["findings"] if f["severity"] != "info"] == []  # VC103 knows workers_report

    out = tmp_path / "out"
    _rectimeet("build", str(spec), "-o", str(out))
    built = {p.name for p in out.glob("*.docx")}
    assert len(built) >= 10, built  # the whole set, the per-member outlines included
    (plan,) = out.glob("*实施方案*.docx")
    text = "\n".join(p.text for p in Document(str(plan)).paragraphs)
    assert "市国资委党委" in text                      # the level's own data
    assert "每位班子成员至少向其他班子成员提出3条" in text  # a core default the data left out

    _pip("uninstall", "-y", LEVEL_DISTRIBUTION)
    gone = subprocess.run([sys.executable, "-c", "from rectimeet.cli import main; main()", "check",
                           str(spec)], capture_output=True, text=True, env=ENV, timeout=180, check=False)
    assert gone.returncode == 2 and LEVEL in gone.stdout + gone.stderr
