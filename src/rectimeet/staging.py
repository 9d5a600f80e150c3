"""Writing a set of files as one step: staged beside the target, then moved into place.

A build writes a dozen documents; a kill half-way used to leave some from the new spec and
some from the old. Now every file is written into a hidden staging folder inside the output
folder (same file system, so a move is a rename), the folder is marked complete by a manifest,
and only then are the files moved into place. The moves take microseconds; a run killed
during them leaves a complete, marked stage, and the next build into that folder (or
:func:`recover`) finishes the moves before doing anything else. A stage without a manifest
(killed while writing) is removed. Files appear whole or not at all: each move is a rename.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from rectimeet.atomic import TEMP_SUFFIX, make_dirs, write_error
from rectimeet.errors import WriteError

STAGE_PREFIX = ".rectimeet-stage-"
MANIFEST = ".complete"
STALE_PART_SECONDS = 600
"""A temporary ``.part`` file older than this is a killed run's leftover."""


class Stage:
    """A staging folder being filled; see :func:`staged`."""

    def __init__(self, directory: Path, target: Path) -> None:
        self.directory = directory
        self.target = target
        self.names: list[str] = []

    def add(self, name: str, data: bytes) -> Path:
        path = self.directory / name
        try:
            # No fsync: the set can be rebuilt, and a batch of hundreds of plans would wait on
            # the disk for every file. A kill cannot lose what was written; a power cut can.
            path.write_bytes(data)
        except OSError as exc:
            raise write_error(self.target / name, exc) from None
        self.names.append(name)
        return path

    def adopt(self, name: str) -> None:
        """Count a file something else (LibreOffice) wrote into the stage as part of the set."""
        self.names.append(name)

    @property
    def paths(self) -> list[Path]:
        return [self.target / name for name in self.names]


def _pid_of(stage: Path) -> int | None:
    rest = stage.name.removeprefix(STAGE_PREFIX)
    head = rest.split("-", 1)[0]
    return int(head) if head.isdigit() else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _move_in(stage: Path, target: Path) -> None:
    manifest = stage / MANIFEST
    names = [n for n in manifest.read_text("utf-8").split("\n") if n]
    for name in names:
        source = stage / name
        if source.exists():
            os.replace(source, target / name)
    manifest.unlink()
    shutil.rmtree(stage, ignore_errors=True)


def recover(target: Path) -> None:
    """Finish or remove what killed runs left in ``target``: a complete stage is moved into
    place, an incomplete one removed, and old temporary files deleted. Stages of runs still
    going are left alone."""
    try:
        entries = list(target.iterdir())
    except OSError:
        return
    now = time.time()
    for entry in entries:
        name = entry.name
        with contextlib.suppress(OSError):
            if name.startswith(STAGE_PREFIX) and entry.is_dir():
                pid = _pid_of(entry)
                if pid is not None and _alive(pid):
                    continue
                if (entry / MANIFEST).is_file():
                    _move_in(entry, target)
                else:
                    shutil.rmtree(entry, ignore_errors=True)
            elif name.startswith(".") and name.endswith(TEMP_SUFFIX) and entry.is_file() \
                    and now - entry.stat().st_mtime > STALE_PART_SECONDS:
                # Also the ``.<name>.<random>.part`` files of versions before TEMP_PREFIX.
                entry.unlink()


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Stage]:
    """A stage inside ``target``; on a normal exit its files replace those in ``target``,
    on an exception the stage is removed and ``target`` is untouched."""
    make_dirs(target)
    recover(target)
    try:
        directory = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-", dir=target))
    except OSError as exc:
        raise write_error(target, exc) from None
    stage = Stage(directory, target)
    try:
        yield stage
        manifest = directory / (MANIFEST + TEMP_SUFFIX)
        manifest.write_text("\n".join(stage.names) + "\n", "utf-8")
        os.replace(manifest, directory / MANIFEST)
    except WriteError:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(directory, ignore_errors=True)
        raise write_error(target, exc) from None
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    try:
        _move_in(directory, target)
    except OSError as exc:
        raise write_error(target, exc) from None
