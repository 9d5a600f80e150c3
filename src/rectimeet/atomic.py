"""Atomic file writes: a failure leaves no half-written file, and the old file stays intact.

Temporary files are named ``.rectimeet-<random>.part`` beside the target, whatever the target's
name: a long target name must not make the temporary name too long for the file system, and a
run that was killed leaves files that are recognisably its own.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from rectimeet.errors import SpecChangedError, WriteError
from rectimeet.i18n import N_

TEMP_PREFIX = ".rectimeet-"
TEMP_SUFFIX = ".part"


def write_error(path: Path | str, exc: OSError) -> WriteError:
    """An OS error on ``path`` as a clear message (no traceback)."""
    reason = {
        errno.ENOSPC: N_("the disk is full"),
        errno.EDQUOT: N_("the disk quota is used up"),
        errno.EACCES: N_("permission denied"),
        errno.EPERM: N_("permission denied"),
        errno.EROFS: N_("the file system is read-only"),
        errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
        errno.EEXIST: N_("a file is in the way of a folder"),
        errno.EISDIR: N_("this is a folder"),
        errno.ENAMETOOLONG: N_("the file name is too long"),
    }.get(exc.errno or 0)
    if reason is None:
        return WriteError(N_("{path}: cannot write: {reason}"),
                          {"path": str(path), "reason": exc.strerror or type(exc).__name__})
    return WriteError(N_("{path}: cannot write: {reason}"), {"path": str(path), "reason": reason})


def make_dirs(directory: Path) -> None:
    """``mkdir -p`` whose failures are :class:`WriteError`."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise write_error(directory, OSError(errno.EEXIST, exc.strerror)) from None
    except OSError as exc:
        raise write_error(directory, exc) from None
    if not directory.is_dir():
        raise write_error(directory, OSError(errno.ENOTDIR, "not a directory"))


@contextmanager
def atomic_path(target: Path | str, *, expect: bytes | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` in one step.

    On any exception the temporary file is removed and ``target`` is untouched. With
    ``expect``, ``target`` is replaced only if it still holds exactly those bytes (it was not
    changed since it was read); otherwise :class:`SpecChangedError`.
    """
    target = Path(target)
    make_dirs(target.parent)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise write_error(target, exc) from None
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp makes the file private (0600); a clerk's documents keep the mode an ordinary
    # new file would get, or the mode of the file they replace.
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        mode = 0o666 & ~_umask()
    try:
        os.chmod(tmp, mode)
        yield tmp
        if expect is not None and _current(target) != expect:
            raise SpecChangedError(N_("{path} was changed by someone else after it was read; "
                                      "nothing was written, run the command again"),
                                   {"path": str(target)})
        os.replace(tmp, target)
    except WriteError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise write_error(target, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_bytes(target: Path | str, data: bytes, *, expect: bytes | None = None) -> Path:
    with atomic_path(target, expect=expect) as tmp, tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return Path(target)


def write_text(target: Path | str, text: str) -> Path:
    return write_bytes(target, text.encode("utf-8"))


def write_with(target: Path | str, writer: Callable[[IO[bytes]], object]) -> Path:
    """Call ``writer`` with a binary file object; commit only if it returns normally.

    The writer writes to memory first: a library that fails half-way (a full disk) must not be
    left holding a closed file it later tries to finish.
    """
    import io

    buf = io.BytesIO()
    writer(buf)
    return write_bytes(target, buf.getvalue())
