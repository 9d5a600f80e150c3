"""Atomic writes: all or nothing, and the file mode an ordinary write would give."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rectimeet import atomic


def test_failure_leaves_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic.atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = atomic.write_text(tmp_path / "new.yaml", "x")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_replacing_keeps_the_existing_mode(tmp_path: Path) -> None:
    target = tmp_path / "spec.yaml"
    target.write_text("a", "utf-8")
    target.chmod(0o640)
    atomic.write_text(target, "b")
    assert target.read_text("utf-8") == "b"
    assert target.stat().st_mode & 0o777 == 0o640
