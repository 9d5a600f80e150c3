"""``rectimeet check --watch``: check again whenever a watched file changes.

An editor that runs ``rectimeet check`` on every save pays for starting Python, importing the
models and loading the plugins each time. ``--watch`` pays that once: the process stays, and a
save costs only reading the spec and running the rules again.

Files are polled (their size and modification time, a few times a second) rather than watched
through the operating system's notifications: a handful of ``stat`` calls cost nothing, and
polling also sees saves on network drives and in WSL folders, where notifications are unreliable.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

Stamp = tuple[int, int] | None
"""A file's (modification time in ns, size), or ``None`` when it does not exist."""

INTERVAL = 0.3
"""Seconds between polls: fast enough to feel immediate after a save."""


@dataclass
class WatchState:
    """What ``check --watch`` keeps between checks."""

    watched: set[Path] = field(default_factory=set)
    """The files the last check depended on."""
    status: int = 0
    """The exit status of the last check printed (set before its outcome is printed, so that a
    Ctrl-C right after the output ends with that status)."""


def stamps(paths: Iterable[Path]) -> dict[Path, Stamp]:
    """The current stamp of each path (a folder's stamp changes when a file is added or removed)."""
    out: dict[Path, Stamp] = {}
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            out[path] = None
            continue
        out[path] = (st.st_mtime_ns, st.st_size)
    return out


def changes(watched: Callable[[], Iterable[Path]], *, interval: float = INTERVAL,
            sleep: Callable[[float], None] = time.sleep) -> Iterator[list[Path]]:
    """Yield the paths that changed, each time something among ``watched()`` changes.

    The files are stamped when this is called and again just before each yield, that is before
    the caller reads them: a save made while a check runs is seen by the next poll, never lost.
    ``watched`` is asked again after every change, so files a check brings in (a new spec in a
    watched folder, a calendar file the spec now names) are watched from then on.
    """
    before = stamps(watched())

    def poll() -> Iterator[list[Path]]:
        nonlocal before
        while True:
            before.update(stamps(set(watched()) - before.keys()))
            sleep(interval)
            now = stamps(before)
            changed = [path for path, stamp in now.items() if before.get(path) != stamp]
            if not changed:
                continue
            # Let an editor finish writing (some save in several steps), then stamp what the
            # caller is about to read.
            sleep(interval)
            before = stamps(before)
            yield changed

    return poll()


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def ends_on_term() -> Iterator[None]:
    """Within the block, Ctrl-C and SIGTERM (a task runner or an editor stopping the watch) both
    end it as Ctrl-C does, even when the process was started with SIGINT ignored (a background
    job of a script inherits that)."""
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, _interrupt)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

