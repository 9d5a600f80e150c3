"""Reading and writing spec files: the YAML loader with source lines, project configuration
(``rectimeet.toml``), the wording of validation errors, and the commented scaffold.

The loader's names are re-exported here, so ``rectimeet.spec.load`` keeps its place.
"""

from __future__ import annotations

from rectimeet.spec.loader import (
    LoadedSpec,
    dump_document,
    dump_plan,
    iter_spec_files,
    load,
    load_plan,
    load_text,
    locate,
    parse_yaml,
    plan_from_data,
    plan_to_data,
    problems_from_validation,
    source_map,
    to_plain,
    write_document,
)

__all__ = [
    "LoadedSpec",
    "dump_document",
    "dump_plan",
    "iter_spec_files",
    "load",
    "load_plan",
    "load_text",
    "locate",
    "parse_yaml",
    "plan_from_data",
    "plan_to_data",
    "problems_from_validation",
    "source_map",
    "to_plain",
    "write_document",
]
