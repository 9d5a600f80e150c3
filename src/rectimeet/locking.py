"""One writer at a time: an advisory lock around every read–modify–write of a spec.

Two imports into one spec used to both read the old file and both write, and one change was
lost. Every rectimeet command that rewrites a spec holds :func:`spec_lock` from before it reads
the file until the new file is in place; a second writer waits up to ``timeout`` seconds and
then stops with exit 2. Editors do not take the lock, so the writer also refuses to replace a
file whose bytes changed since it was read (see :func:`rectimeet.atomic.atomic_path`).

The lock is an OS file lock (``filelock``) on a hidden ``.<spec name>.lock`` beside the spec;
the OS releases it when the process ends, even on a kill, so a stale lock never blocks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from rectimeet.atomic import write_error
from rectimeet.errors import SpecChangedError
from rectimeet.i18n import N_

LOCK_TIMEOUT = 30.0
"""Seconds a second writer waits for the first before giving up."""
_MAX_NAME_BYTES = 200


def lock_path(spec: Path) -> Path:
    """The lock file of ``spec`` (hashed when the spec's own name is already long)."""
    name = f".{spec.name}.lock"
    if len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        name = f".rectimeet-{hashlib.sha256(spec.name.encode('utf-8')).hexdigest()[:16]}.lock"
    return spec.parent / name


@contextmanager
def spec_lock(spec: Path | str, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the write lock of ``spec`` for the duration of the block."""
    spec = Path(spec)
    lock = FileLock(str(lock_path(spec)), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise SpecChangedError(N_("{path} is being changed by another rectimeet command; "
                                  "try again when it has finished"), {"path": str(spec)}) from None
    except OSError as exc:
        raise write_error(lock_path(spec), exc) from None
    try:
        yield
    finally:
        lock.release()
