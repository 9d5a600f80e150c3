"""One entry for every kind of spec source: a file path, YAML text or a mapping."""

from __future__ import annotations

from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import Any

from rectimeet.spec.loader import LoadedSpec, load_text, plan_from_data, to_plain

SpecSource = str | PathLike[str] | Mapping[str, Any]
"""What :func:`load` accepts."""


def looks_like_text(source: str) -> bool:
    """A string is YAML text when it spans lines or is a one-line flow mapping, else a path."""
    stripped = source.strip()
    return "\n" in stripped or stripped.startswith("{")


def load(source: SpecSource) -> LoadedSpec:
    """Load a spec from a path, from YAML text or from a mapping (already parsed data).

    A :class:`str` is YAML text when it contains a line break or starts with ``{``, else a path;
    pass a :class:`~pathlib.Path` to leave no doubt. Whatever the source, an invalid spec raises
    :class:`~rectimeet.errors.SpecError` with one problem per violation, each with its path in
    the spec and, for a file or text, its line and column.
    """
    from rectimeet.spec.loader import load as load_file

    if isinstance(source, Mapping):
        return LoadedSpec(plan_from_data(to_plain(dict(source))), None)
    if isinstance(source, str) and looks_like_text(source):
        return load_text(source)
    return load_file(Path(source))
