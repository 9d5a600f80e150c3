"""Document assembly: the whole document set from one plan, with docxtpl, to GB/T 9704-2012.

``assemble``, ``build_context``, ``build_specs`` and ``DOCUMENTS`` are loaded on first use, so
``import rectimeet.documents`` reads no template and imports no docxtpl.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rectimeet.documents.assembly import assemble, build_specs
    from rectimeet.documents.context import build_context
    from rectimeet.documents.registry import DOCUMENTS

_LAZY = {
    "assemble": "rectimeet.documents.assembly",
    "build_specs": "rectimeet.documents.assembly",
    "build_context": "rectimeet.documents.context",
    "DOCUMENTS": "rectimeet.documents.registry",
}

__all__ = ["DOCUMENTS", "assemble", "build_context", "build_specs"]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'rectimeet.documents' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
