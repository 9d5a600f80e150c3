"""A command's start-up, kept out of Python's cyclic garbage collector.

What a command imports and sets up (modules, pydantic validators, plugin hooks, compiled
templates) lives as long as the process, yet the collector walks all of it again every time its
generations fill up while the start-up allocates: a tenth of a second of a one-plan ``build``
went to collections that found nothing to free. :func:`start_up` runs the start-up with the
collector paused and then moves everything it made to the collector's permanent generation
(:func:`gc.freeze`), so later collections only look at the objects the command's own work
makes; :func:`release` hands them back (for a command run inside a longer-lived process, such as
the tests' runner).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def start_up() -> Iterator[None]:
    """Run the block with the collector paused; then freeze what exists and resume it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def release() -> None:
    """Give the frozen objects back to the collector."""
    gc.unfreeze()


def collector_paused(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a one-shot command (``check``, ``status``, ``export``, ``import``, ``schedule``) with
    the collector paused from start to end.

    What such a command loads (a county's 30,000 items) lives until it exits, and it makes
    almost no reference cycles for a collection to free; yet the collector walked the growing
    heap again and again while the plan was read and checked: a fifth of a county's
    ``status`` or ``check``, for a few MB saved.
    """

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            with start_up():
                return fn(*args, **kwargs)
        finally:
            release()

    return wrapper
