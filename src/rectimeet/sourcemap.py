"""Where a value sits in a spec file: the map from spec paths to (line, column), and its lookup."""

from __future__ import annotations

from collections.abc import Mapping

SpecPath = tuple[str | int, ...]
"""A path into the spec: ``("checklist", 2, "deadline")``."""

SourceMap = Mapping[SpecPath, tuple[int, int]]
"""Spec path → 1-based (line, column) of its node in the file."""


def locate(path: SpecPath, smap: SourceMap | None) -> tuple[int | None, int | None]:
    """The line and column of ``path``, else of its nearest ancestor in the file; ``None`` if unknown.

    A finding about a field the file leaves out (a default) points at the section that would
    hold it.
    """
    if not smap:
        return None, None
    for end in range(len(path), -1, -1):
        hit = smap.get(path[:end])
        if hit is not None:
            return hit
    return None, None
