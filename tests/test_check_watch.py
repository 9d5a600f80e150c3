"""``rectimeet check --watch``: a save is checked again without starting a new process."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rectimeet.cli.watch import changes, stamps

ROOT = Path(__file__).resolve().parent.parent


def test_changes_yields_what_changed_and_follows_new_files(tmp_path: Path) -> None:
    spec, extra = tmp_path / "a.yaml", tmp_path / "b.yaml"
    spec.write_text("one", "utf-8")
    watched = {spec}
    edits = iter([
        lambda: None,                                     # a quiet poll: nothing to report
        lambda: spec.write_text("two, longer", "utf-8"),  # a save
        lambda: None,                                     # the settle pause after a change
        lambda: extra.write_text("new", "utf-8"),         # b.yaml appears: a change
        lambda: None,
    ])

    def sleep(_seconds: float) -> None:
        next(edits)()

    seen = changes(lambda: set(watched), sleep=sleep)
    assert next(seen) == [spec]
    watched.add(extra)  # the check that ran after the save now depends on b.yaml (absent yet)
    assert next(seen) == [extra]


def test_a_missing_file_has_no_stamp(tmp_path: Path) -> None:
    assert stamps([tmp_path / "nothing.yaml"]) == {tmp_path / "nothing.yaml": None}


class _Lines:
    """The process's output lines as they come (read by a thread, so nothing waits on a pipe's
    buffer)."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.queue: queue.Queue[str] = queue.Queue()
        assert proc.stdout is not None
        stdout = proc.stdout
        threading.Thread(target=lambda: [self.queue.put(line) for line in stdout], daemon=True).start()

    def until(self, wanted: Callable[[dict[str, Any]], bool], timeout: float = 60) -> dict[str, Any]:
        """The first JSON line ``wanted`` accepts (a check between, after a partial save, is
        skipped). The bound only stops a broken test from hanging; nothing here is timed."""
        seen: list[str] = []
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.queue.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                raise AssertionError(f"no such check printed; saw {seen}") from None
            seen.append(line)
            document: dict[str, Any] = json.loads(line)
            if wanted(document):
                return document


def test_watch_checks_each_save_and_ends_on_ctrl_c(tmp_path: Path) -> None:
    spec = tmp_path / "plan.yaml"
    text = (ROOT / "examples" / "plan11.yaml").read_text("utf-8")
    spec.write_text(text, "utf-8")
    env = {**os.environ, "RECTIMEET_LANG": "en"}
    with subprocess.Popen(
        [sys.executable, "-c", "from rectimeet.cli import main; main()", "check", str(spec),
         "--watch", "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        # As a background job of a script starts: with SIGINT ignored. Ctrl-C must still work.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    ) as proc:
        lines = _Lines(proc)
        try:
            assert lines.until(lambda d: True)["errors"] == 0
            # A save that breaks the YAML is reported, and the watch goes on.
            spec.write_text(text + "\nbroken: [\n", "utf-8")
            broken = lines.until(lambda d: "error" in d)
            assert broken["ok"] is False and broken["error"]["code"] == "Y001"
            # A rectimeet.toml created beside the spec counts too: a stricter rule setting.
            spec.write_text(text, "utf-8")
            lines.until(lambda d: d.get("errors") == 0)
            (tmp_path / "rectimeet.toml").write_text(
                "[rules]\nparams = { min_criticisms = 50 }\n", "utf-8")
            stricter = lines.until(lambda d: d.get("errors", 0) > 0)
            assert {f["code"] for f in stricter["findings"]} & {"CR101", "CR102", "CR103"}
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()  # never leave the test hanging on a watch that did not stop
                raise
            assert proc.stderr is not None
            err = proc.stderr.read()
    assert proc.returncode == 1, err  # the last check printed had errors
    assert "Traceback" not in err


def test_sigterm_ends_the_watch_like_ctrl_c(tmp_path: Path) -> None:
    spec = tmp_path / "plan.yaml"
    spec.write_text((ROOT / "examples" / "plan11.yaml").read_text("utf-8"), "utf-8")
    with subprocess.Popen(
        [sys.executable, "-c", "from rectimeet.cli import main; main()", "check", str(spec),
         "--watch", "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) as proc:
        lines = _Lines(proc)
        try:
            assert lines.until(lambda d: True)["errors"] == 0
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise
            assert proc.stderr is not None
            err = proc.stderr.read()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
