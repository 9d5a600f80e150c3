"""Golden tests: the text (not the bytes) of every document the demo builds.

After an intended change, regenerate with ``RECTIMEET_REGEN_GOLDEN=1 pytest tests/test_documents_golden.py``
and review the diff of ``tests/golden/demo/``.
"""

from __future__ import annotations

import datetime as dt
import os
from importlib import resources
from pathlib import Path

import pytest

from rectimeet import api
from rectimeet import spec as spec_mod
from rectimeet.documents.assembly import assemble
from test_documents_support import body_lines, header_footer_text, open_docx

GOLDEN = Path(__file__).parent / "golden" / "demo"
AS_OF = dt.date(2027, 1, 13)  # the demo's 整改情况报告 deadline
REGEN = os.environ.get("RECTIMEET_REGEN_GOLDEN") == "1"


def _demo_text() -> str:
    return (resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8")


@pytest.fixture(scope="module")
def demo_documents(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    prepared = api.prepare(spec_mod.load_text(_demo_text(), source="demo.yaml").plan)
    return assemble(prepared, tmp_path_factory.mktemp("demo"), as_of=AS_OF)


def _text(path: Path) -> str:
    doc = open_docx(path)
    lines = [f"# title: {doc.core_properties.title}", *body_lines(doc), "# footer:",
             header_footer_text(path)]
    return "\n".join(lines) + "\n"


def test_demo_builds_the_whole_set(demo_documents: list[Path]) -> None:
    assert len(demo_documents) == 10 + 6  # ten documents, six members' outlines


def test_demo_documents_match_golden_text(demo_documents: list[Path]) -> None:
    if REGEN:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.glob("*.txt"):
            old.unlink()
        for path in demo_documents:
            (GOLDEN / f"{path.stem}.txt").write_text(_text(path), "utf-8")
    expected = sorted(p.name for p in GOLDEN.glob("*.txt"))
    assert expected == sorted(f"{p.stem}.txt" for p in demo_documents)
    for path in demo_documents:
        golden = (GOLDEN / f"{path.stem}.txt").read_text("utf-8")
        assert _text(path) == golden, f"{path.name} differs from its golden text"


def test_demo_spec_has_no_rule_errors() -> None:
    loaded = spec_mod.load_text(_demo_text(), source="demo.yaml")
    errors = [f for f in api.check(loaded.plan, source_map=loaded.source_map) if f.severity.value == "error"]
    assert errors == []
