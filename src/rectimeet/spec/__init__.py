"""Reading and writing spec files: the YAML loader with source lines, project configuration
(``rectimeet.toml``), the wording of validation errors, and the commented scaffold.

The loader's names are re-exported here, so ``rectimeet.spec.load`` keeps its place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rectimeet.spec.loader import (
    LoadedSpec,
    dump_document,
    dump_plan,
    iter_spec_files,
    load,
    load_bytes,
    load_plan,
    load_text,
    locate,
    located,
    parse_yaml,
    plan_from_data,
    plan_to_data,
    problems_from_validation,
    read_spec_bytes,
    source_map,
    to_plain,
    with_lines,
)

if TYPE_CHECKING:
    from rectimeet.spec.writer import SpecText, edit_sequence, write_document

_WRITER = frozenset({"SpecText", "edit_sequence", "write_document"})

__all__ = [
    "LoadedSpec",
    "SpecText",
    "dump_document",
    "dump_plan",
    "edit_sequence",
    "iter_spec_files",
    "load",
    "load_bytes",
    "load_plan",
    "load_text",
    "locate",
    "located",
    "parse_yaml",
    "plan_from_data",
    "plan_to_data",
    "problems_from_validation",
    "read_spec_bytes",
    "source_map",
    "to_plain",
    "with_lines",
    "write_document",
]


def __getattr__(name: str) -> Any:
    # The writer is imported when first asked for: reading a spec (every check) never writes.
    if name in _WRITER:
        from rectimeet.spec import writer

        return getattr(writer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
