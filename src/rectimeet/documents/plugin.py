"""The core plugin that registers the built-in document set through ``rectimeet_documents``.

It is registered with the core fallback, before level and third-party plugins, so any of them
can replace a built-in document (``replaces=True``) or add their own. The records are imported
when the hook is called, so a host that never builds documents does not import them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rectimeet.hookspecs import hookimpl

if TYPE_CHECKING:
    from rectimeet.documents.registry import DocumentType


@hookimpl
def rectimeet_documents() -> list[DocumentType]:
    from rectimeet.documents.builtin import DOCUMENTS

    return list(DOCUMENTS)
