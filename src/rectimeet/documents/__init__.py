"""Document assembly: the whole document set from one prepared plan, with docxtpl, to GB/T 9704-2012.

Document types are plugin records (:class:`~rectimeet.documents.registry.DocumentType`); their
contexts are typed models (:mod:`rectimeet.documents.contexts`) built from
:class:`~rectimeet.documents.facts.PlanFacts`. Names are loaded on first use, so
``import rectimeet.documents`` reads no template and imports no docxtpl.

This package works from a prepared plan only: it never reads a spec or a project configuration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rectimeet.documents.assembly import assemble, document_types
    from rectimeet.documents.builtin import DOCUMENTS
    from rectimeet.documents.facts import PlanFacts
    from rectimeet.documents.registry import DocumentType

_LAZY = {
    "assemble": "rectimeet.documents.assembly",
    "document_types": "rectimeet.documents.assembly",
    "DOCUMENTS": "rectimeet.documents.builtin",
    "PlanFacts": "rectimeet.documents.facts",
    "DocumentType": "rectimeet.documents.registry",
}

__all__ = ["DOCUMENTS", "DocumentType", "PlanFacts", "assemble", "document_types"]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'rectimeet.documents' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
