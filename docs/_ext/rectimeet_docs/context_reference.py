"""The document and template-field reference, generated from the document records and the
typed context models (:mod:`rectimeet.documents.contexts`)."""

from __future__ import annotations

from typing import Any

from rectimeet.documents.contexts import DocumentContext
from rectimeet.documents.fields import context_fields, context_model
from rectimeet.plugins import make_host


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(fields: dict[str, str]) -> list[str]:
    lines = ["| field | meaning |", "|---|---|"]
    for path, doc in fields.items():
        if path.endswith("[]") and path[:-2] in fields:
            continue  # the list itself is listed; its elements follow as path[].field
        lines.append(f"| `{path}` | {_cell(doc)} |")
    return [*lines, ""]


def document_reference(warn: Any = None) -> str:
    from rectimeet.api import document_types

    host = make_host(entry_points=False)
    documents = document_types(host)
    lines = ["<!-- Generated from the document records and rectimeet.documents.contexts by "
             "docs/_ext/rectimeet_docs; do not edit. -->", "",
             "| id | document | template | one per member | context model |", "|---|---|---|---|---|"]
    for d in documents:
        lines.append(f"| `{d.id}` | {d.name} | `{d.template}` | {'yes' if d.per_member else ''} | "
                     f"`{context_model(d).__name__}` |")
    return "\n".join([*lines, ""])


def context_reference(warn: Any = None) -> str:
    from rectimeet.api import document_types

    host = make_host(entry_points=False)
    base = context_fields(DocumentContext)
    lines = ["<!-- Generated from rectimeet.documents.contexts by docs/_ext/rectimeet_docs; "
             "do not edit. -->", "", "### Every document (`DocumentContext`)", "", *_table(base)]
    for d in document_types(host):
        model = context_model(d)
        own = {k: v for k, v in context_fields(model).items() if k.split(".")[0].split("[")[0]
               not in DocumentContext.model_fields}
        lines += [f"### {d.name} (`{d.id}`, `{d.template}`, `{model.__name__}`)", ""]
        lines += _table(own) if own else ["Only the fields every document has.", ""]
    return "\n".join(lines)
