"""Document types as records: what a plugin returns from ``rectimeet_documents``.

The eleven built-in documents are registered by the ``documents`` plugin
(:mod:`rectimeet.documents.builtin`) through the same entry-point group and hook a third party
uses. A record names its template and a typed context function; :func:`collect` merges every
plugin's records, so ``--only``, ``rectimeet plugins`` and the docs all read the same list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rectimeet.errors import BuildError, PluginError
from rectimeet.i18n import N_

if TYPE_CHECKING:
    from rectimeet.documents.contexts import ContextModel, DocInfo, MemberRow
    from rectimeet.documents.facts import PlanFacts
    from rectimeet.plugins import PluginHost

ContextFunction = Callable[["PlanFacts", "DocInfo", "MemberRow | None"], "ContextModel"]
"""``(facts, doc, person) -> context``: ``person`` is the member for per-member documents."""


@dataclass(frozen=True)
class DocumentType:
    """One document of the set, as a plugin declares it."""

    id: str
    """Stable id, used by ``--only`` and ``assemble(documents=…)``."""
    name: str
    """Chinese name; the file is 〈meeting title〉〈name〉.docx (〈name〉（member）for per-member ones)."""
    template: str | Path
    """A template file name looked up in the template directories, or a path to the file."""
    context: ContextFunction
    """Builds the document's typed context from the plan's facts."""
    title: str
    """The title inside the document, a pattern over ``meeting_title``, ``org``, ``unit``,
    ``group``, ``kind`` and (per member) ``name``: ``"关于召开{meeting_title}的通知"``."""
    per_member: bool = False
    """One file per attending member."""
    description: str = ""
    """One line for listings and the docs."""
    replaces: bool = False
    """Set to replace a document of the same id declared by a plugin of lower precedence
    (a built-in one, say); without it a second record with the same id is an error."""

    def file_stem(self, meeting_title: str, person: str | None = None) -> str:
        stem = f"{meeting_title}{self.name}"
        return f"{stem}（{person}）" if person is not None else stem

    def template_path(self, search_path: Sequence[Path]) -> Path:
        """The template file: the record's own path, or the first match in ``search_path``."""
        from rectimeet.errors import TemplateError

        if isinstance(self.template, Path):
            if self.template.is_file():
                return self.template
            raise TemplateError(N_("template {name} not found in {folders}"),
                                {"name": str(self.template), "folders": [str(self.template.parent)]})
        for directory in search_path:
            candidate = directory / self.template
            if candidate.is_file():
                return candidate
        raise TemplateError(N_("template {name} not found in {folders}"),
                            {"name": self.template, "folders": [str(p) for p in search_path]})


@dataclass(frozen=True)
class RegisteredDocument:
    """A document type with the plugin that declared it."""

    type: DocumentType
    plugin: str


def collect(host: PluginHost) -> list[RegisteredDocument]:
    """Every plugin's document types, in set order; replacements applied.

    Plugins are asked from lowest precedence (the built-ins) up, so a record with ``replaces``
    from a third party takes the built-in's place and keeps its position in the set.
    """
    found: dict[str, RegisteredDocument] = {}
    for plugin, records in host.document_records():
        for record in records:
            previous = found.get(record.id)
            if previous is not None and not record.replaces:
                dist, _ = host.origin(plugin)
                raise PluginError(plugin, dist, N_("document {document} is already provided by plugin "
                                                   "{other}; set replaces=True to replace it"),
                                  {"document": record.id, "other": previous.plugin})
            if previous is None and record.replaces:
                dist, _ = host.origin(plugin)
                raise PluginError(plugin, dist, N_("document {document} replaces nothing: no plugin "
                                                   "provides it"), {"document": record.id})
            found[record.id] = RegisteredDocument(record, plugin)
    return list(found.values())


def select(available: Sequence[DocumentType], names: Sequence[str] | None) -> list[DocumentType]:
    """The documents named by id or Chinese name (all when ``names`` is empty or None)."""
    if not names:
        return list(available)
    by_key = {d.id: d for d in available} | {d.name: d for d in available}
    unknown = [n for n in names if n not in by_key]
    if unknown:
        raise BuildError(N_("unknown document {names}; known: {known}"),
                         {"names": unknown, "known": [f"{d.id}（{d.name}）" for d in available]})
    chosen = {by_key[n].id for n in names}
    return [d for d in available if d.id in chosen]
