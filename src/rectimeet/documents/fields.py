"""Which fields a template uses, and which fields a context model offers.

Both sides are dotted paths, with ``[]`` for "each element of a list": a template's
``{%tr for it in checklist.team_rows %}{{ it.issue }}`` uses ``checklist.team_rows[].issue``, and
:class:`~rectimeet.documents.contexts.ChecklistContext` offers it. Tests compare the two for every
document type; the template reference in the docs is generated from :func:`context_fields`.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

if typing.TYPE_CHECKING:
    from rectimeet.documents.registry import DocumentType


def context_fields(model: type[BaseModel], prefix: str = "") -> dict[str, str]:
    """Every path a template may use in ``model``, with its field docstring."""
    from rectimeet.documents.contexts import ContextModel
    from rectimeet.models.base import Model
    from rectimeet.models.fielddocs import attach_field_docs

    # Field docstrings are read on demand (see rectimeet.models.fielddocs), not at import.
    Model.field_docs()
    attach_field_docs(ContextModel)
    out: dict[str, str] = {}
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        out[path] = (info.description or "").strip()
        inner, is_list = _unwrap(info.annotation)
        if is_list:
            path += "[]"
            out[path] = out[f"{prefix}{name}"]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            out.update(context_fields(inner, f"{path}."))
    return out


def context_model(document: DocumentType) -> type[BaseModel]:
    """The context model a document type's context function declares it returns."""
    hints = typing.get_type_hints(document.context)
    model = hints.get("return")
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise TypeError(f"the context function of {document.id} declares no context model")
    return model


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The element type of ``list[X]`` / ``X | None``, and whether it was a list."""
    origin = typing.get_origin(annotation)
    if origin is list:
        return typing.get_args(annotation)[0], True
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
    return annotation, False


def template_fields(template: Path) -> set[str]:
    """The context paths a .docx template reads (body, headers and footers)."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment, nodes

    doc = DocxTemplate(str(template))
    doc.init_docx()
    sources = [doc.patch_xml(doc.get_xml())]
    for _rel, part in [*doc.get_headers_footers(doc.HEADER_URI), *doc.get_headers_footers(doc.FOOTER_URI)]:
        sources.append(doc.patch_xml(doc.get_part_xml(part)))
    found: set[str] = set()
    env = Environment()

    def path_of(node: nodes.Node, scope: dict[str, str]) -> str | None:
        parts: list[str] = []
        while isinstance(node, nodes.Getattr | nodes.Getitem):
            if isinstance(node, nodes.Getattr):
                parts.append(node.attr)
            elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                parts.append(node.arg.value)
            else:
                parts.append("[]")
            node = node.node
        if not isinstance(node, nodes.Name):
            return None
        root = scope.get(node.name, node.name)
        return ".".join([root, *reversed(parts)]).replace(".[]", "[]")

    def walk(node: nodes.Node, scope: dict[str, str]) -> None:
        if isinstance(node, nodes.For):
            iterated = path_of(node.iter, scope)
            walk(node.iter, scope)
            inner = dict(scope)
            if iterated is not None and isinstance(node.target, nodes.Name):
                inner[node.target.name] = f"{iterated}[]"
            for child in (*node.body, *node.else_, *([node.test] if node.test else [])):
                walk(child, inner)
            return
        if isinstance(node, nodes.Getattr | nodes.Getitem | nodes.Name):
            if isinstance(node, nodes.Name) and node.ctx != "load":
                return
            path = path_of(node, scope)
            if path is not None and path not in ("loop", "range"):
                found.add(path)
                return
        for child in node.iter_child_nodes():
            walk(child, scope)

    for source in sources:
        walk(env.parse(source), {})
    # A path used whole (``{{ meeting.venue }}``) also uses its parents; keep the leaves only.
    return {p for p in found if not any(q.startswith((f"{p}.", f"{p}[]")) for q in found)}
