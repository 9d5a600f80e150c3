"""A command's start-up is kept out of the garbage collector, and handed back when it ends."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from rectimeet.cli import startup


@pytest.fixture(autouse=True)
def _collector_as_found() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_start_up_pauses_the_collector_then_freezes_what_it_made() -> None:
    gc.enable()
    with startup.start_up():
        assert not gc.isenabled()
        made = [[n] for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(made)
    startup.release()
    assert gc.get_freeze_count() == 0


def test_start_up_leaves_a_paused_collector_paused() -> None:
    gc.disable()
    with startup.start_up():
        pass
    assert not gc.isenabled()


def test_start_up_that_fails_still_resumes_the_collector() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), startup.start_up():
        raise RuntimeError("an import failed")
    assert gc.isenabled()


@pytest.mark.parametrize(("command", "code"), [
    (["build", str(EXAMPLES / "plan11.yaml"), "--only", "plan"], 0),
    (["build", str(EXAMPLES / "plan11.yaml"), "--only", "no-such-document"], 2),
    (["demo"], 0),
])
def test_a_command_hands_everything_back_to_the_collector(tmp_path: Path, command: list[str],
                                                          code: int) -> None:
    gc.enable()
    exit_code, _out, err = run_cli(*command, "-o", str(tmp_path))
    assert exit_code == code, err
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_one_shot_command_runs_with_the_collector_paused_throughout() -> None:
    seen: list[bool] = []

    @startup.collector_paused
    def command() -> None:
        seen.append(gc.isenabled())
        raise SystemExit(1)

    gc.enable()
    with pytest.raises(SystemExit):
        command()
    assert seen == [False]
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.parametrize(("command", "code"), [
    (["check", str(EXAMPLES / "plan11.yaml")], 0),
    (["check", str(EXAMPLES / "no-such-spec.yaml")], 2),
    (["schedule", str(EXAMPLES / "plan11.yaml")], 0),
    (["status", str(EXAMPLES / "plan11.yaml")], 0),
])
def test_checking_commands_hand_the_collector_back(command: list[str], code: int) -> None:
    gc.enable()
    exit_code, _out, err = run_cli(*command)
    assert exit_code == code, err
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
