"""Assembling the document set of one prepared plan, and converting it to PDF."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rectimeet.documents.contexts import ContextModel, DocInfo, MemberRow
from rectimeet.documents.facts import PlanFacts
from rectimeet.documents.registry import DocumentType, collect, select
from rectimeet.documents.render import render_document
from rectimeet.documents.report import report_day
from rectimeet.errors import BuildError, RectimeetError
from rectimeet.i18n import N_
from rectimeet.plugins import PluginHost
from rectimeet.prepared import Prepared
from rectimeet.staging import staged

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
MAX_NAME_BYTES = 240
"""Bytes a document's file name may take with its extension (most file systems allow 255; the
set is staged in a folder, so no temporary suffix is added to a name)."""
_EXTENSION_BYTES = 5

if TYPE_CHECKING:
    from types import ModuleType

    from rectimeet.documents.pdf import PDF_HELP as PDF_HELP
    from rectimeet.documents.pdf import PDF_INSTALL as PDF_INSTALL


def _pdf() -> ModuleType:
    # The PDF conversion (and subprocess) is imported only when PDFs are asked for.
    from rectimeet.documents import pdf

    return pdf


def __getattr__(name: str) -> Any:
    if name in ("PDF_HELP", "PDF_INSTALL"):
        return getattr(_pdf(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def soffice() -> str | None:
    """LibreOffice's ``soffice``, or ``None`` when it is not installed (see
    :func:`rectimeet.documents.pdf.soffice`)."""
    found: str | None = _pdf().soffice()
    return found


def safe_file_stem(text: str, limit: int = MAX_NAME_BYTES - _EXTENSION_BYTES) -> str:
    """A file name from a title: path separators and control characters become ＿, and the
    name is capped at ``limit`` UTF-8 bytes.

    A long name keeps its beginning and its end (where a member's name is), joined by ``…``,
    plus a short digest of the whole, so two long titles never cap to the same name.
    """
    stem = _UNSAFE.sub("_", text).strip().strip(".") or "_"
    if len(stem.encode("utf-8")) <= limit:
        return stem
    digest = "-" + hashlib.sha256(stem.encode("utf-8")).hexdigest()[:8]
    room = limit - len(digest.encode("utf-8")) - len("…".encode())
    head = _cut(stem, room // 2)
    tail = _cut(stem[::-1], room - len(head.encode("utf-8")))[::-1]
    return f"{head}…{tail}{digest}"


def _cut(text: str, limit: int) -> str:
    """The longest prefix of ``text`` within ``limit`` UTF-8 bytes."""
    return text.encode("utf-8")[:max(limit, 0)].decode("utf-8", "ignore")


def template_search_path(prepared: Prepared, template_dirs: Iterable[Path] = (),
                         host: PluginHost | None = None) -> list[Path]:
    """Explicit directories, then plugins' ``rectimeet_template_dirs``, then the built-in ones."""
    host = host or prepared.plugins
    plugin_dirs = host.template_dirs(prepared.plan.unit, prepared.plan)
    return [*map(Path, template_dirs), *plugin_dirs, BUILTIN_TEMPLATES]


def document_types(host: PluginHost) -> list[DocumentType]:
    """Every installed document type, in set order."""
    return [registered.type for registered in collect(host)]


@dataclass(frozen=True)
class DocumentContextOf:
    """One file of the set before rendering: its type, title, member and typed context."""

    type: DocumentType
    title: str
    stem: str
    """The file name without ``.docx`` (not yet made safe for the file system)."""
    context: ContextModel


def contexts(prepared: Prepared, chosen: Sequence[DocumentType], as_of: dt.date) -> Iterator[DocumentContextOf]:
    """The typed context of every file of ``chosen`` (one per member for per-member types)."""
    facts = PlanFacts(prepared, as_of)
    for doc in chosen:
        people: list[MemberRow | None] = list(facts.members) if doc.per_member else [None]
        for person in people:
            title = doc.title.format(**facts.title_fields(person))
            info = DocInfo(id=doc.id, name=doc.name, title=title)
            try:
                context = doc.context(facts, info, person)
            except RectimeetError:
                raise
            except Exception as exc:  # a plugin's context function: name the document
                raise BuildError(N_("the context of document {document} could not be built: {kind}: "
                                    "{error}"), {"document": doc.id, "kind": type(exc).__name__,
                                                 "error": str(exc)}) from exc
            stem = doc.file_stem(facts.title, person.name if person is not None else None)
            yield DocumentContextOf(doc, title, stem, context)


def assemble(prepared: Prepared, out_dir: Path, documents: Sequence[str] | None = None,
             template_dirs: Iterable[Path] = (), *, host: PluginHost | None = None,
             as_of: dt.date | None = None, pdf: bool = False) -> list[Path]:
    """Write the document set (or the ``documents`` named by id or Chinese name) into ``out_dir``.

    Every document is rendered in memory before anything is written, so a template error leaves
    no file behind; the set (with its PDFs when ``pdf``) is then staged in ``out_dir`` and moved
    into place in one step (see :mod:`rectimeet.staging`). Returns the paths written. ``as_of`` is
    the day the 整改情况报告 counts the ledger on (default: its own due date, never today).
    """
    host = host or prepared.plugins
    chosen = select(document_types(host), list(documents) if documents else None)
    search_path = template_search_path(prepared, template_dirs, host)
    rendered: list[tuple[Path, bytes]] = []
    for item in contexts(prepared, chosen, as_of or report_day(prepared)):
        data = render_document(item.type.template_path(search_path), item.context.model_dump(),
                               title=item.title, subject=prepared.meeting_title,
                               bold_headings=prepared.plan.documents.bold_headings)
        rendered.append((out_dir / f"{safe_file_stem(item.stem)}.docx", data))
    names = [path.name for path, _ in rendered]
    if len(set(names)) != len(names):
        raise BuildError(N_("two documents would get the same file name; give members distinct "
                            "names"))
    if pdf and soffice() is None:
        raise BuildError(_pdf().PDF_HELP, {"command": _pdf().PDF_INSTALL})
    with staged(out_dir) as stage:
        for path, data in rendered:
            stage.add(path.name, data)
        if pdf:
            for made in _convert_into(list(stage.directory / n for n in names), stage.directory):
                stage.adopt(made.name)
    return stage.paths


# -- PDF ----------------------------------------------------------------------------------------


def convert_pdf(paths: Sequence[Path], out_dir: Path) -> list[Path]:
    """Convert .docx files to PDF with LibreOffice, as they are (one call for all of them), staged
    like the documents: either every PDF appears in ``out_dir`` or none does. Each call runs
    LibreOffice with a private profile (parallel builds sharing one fail at random)."""
    if soffice() is None:
        raise BuildError(_pdf().PDF_HELP, {"command": _pdf().PDF_INSTALL})
    if not paths:
        return []
    with staged(out_dir) as stage:
        for made in _convert_into(paths, stage.directory):
            stage.adopt(made.name)
    return stage.paths


def _convert_into(paths: Sequence[Path], out_dir: Path) -> list[Path]:
    """Convert into ``out_dir``; every document must come out, or BuildError."""
    converted: list[Path] = _pdf().convert(paths, out_dir)
    return converted
