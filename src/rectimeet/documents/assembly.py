"""Assembling the document set for one plan, and building many specs in parallel processes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rectimeet import atomic
from rectimeet.documents import pdf as pdf_mod
from rectimeet.documents.context import build_context
from rectimeet.documents.registry import DocumentType, select
from rectimeet.documents.render import render_document
from rectimeet.errors import BuildError, RectimeetError, TemplateError
from rectimeet.i18n import N_
from rectimeet.plugins import PluginHost, get_host
from rectimeet.prepared import Prepared

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
MAX_STEM = 80
"""Characters kept of a file name (CJK is 3 bytes each; most file systems allow 255 bytes)."""

PDF_HELP = pdf_mod.PDF_HELP
PDF_INSTALL = pdf_mod.PDF_INSTALL
soffice = pdf_mod.soffice


def safe_file_stem(text: str) -> str:
    """A file name from a title: path separators and control characters become ＿, length capped."""
    stem = _UNSAFE.sub("_", text).strip().strip(".") or "_"
    return stem[:MAX_STEM]


def template_search_path(prepared: Prepared, template_dirs: Iterable[Path] = (),
                         host: PluginHost | None = None) -> list[Path]:
    """Explicit directories, then plugins' ``rectimeet_template_dirs``, then the built-in ones."""
    host = host or get_host()
    plugin_dirs = host.template_dirs(prepared.plan.unit, prepared.plan)
    return [*map(Path, template_dirs), *plugin_dirs, BUILTIN_TEMPLATES]


def find_template(name: str, search_path: Sequence[Path]) -> Path:
    for directory in search_path:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    raise TemplateError(N_("template {name} not found in {folders}"),
                        {"name": name, "folders": [str(p) for p in search_path]})


def assemble(prepared: Prepared, out_dir: Path, documents: Sequence[str] | None = None,
             template_dirs: Iterable[Path] = (), *, host: PluginHost | None = None,
             as_of: dt.date | None = None) -> list[Path]:
    """Write the document set (or the ``documents`` named by id or Chinese name) into ``out_dir``.

    Every document is rendered in memory before anything is written, so a template error leaves
    no file behind; each file is then written atomically. Returns the paths written.
    """
    chosen = select(list(documents) if documents else None)
    search_path = template_search_path(prepared, template_dirs, host)
    ctx = build_context(prepared, as_of=as_of)
    rendered: list[tuple[Path, bytes]] = []
    for doc in chosen:
        template = find_template(doc.template, search_path)
        people = ctx["members"] if doc.per_member else [None]
        for person in people:
            doc_ctx = dict(ctx, person=person) if person is not None else dict(ctx)
            title = doc.title(ctx, person)
            doc_ctx["doc"] = {"id": doc.id, "name": doc.name, "title": title}
            data = render_document(template, doc_ctx, title=title, subject=ctx["meeting"]["title"],
                                   bold_headings=prepared.plan.documents.bold_headings)
            rendered.append((out_dir / f"{safe_file_stem(doc.file_stem(ctx, person))}.docx", data))
    names = [path.name for path, _ in rendered]
    if len(set(names)) != len(names):
        raise BuildError(N_("two documents would get the same file name; give members distinct "
                            "names"))
    return [atomic.write_bytes(path, data) for path, data in rendered]


def document_types() -> list[DocumentType]:
    return select(None)


# -- PDF ----------------------------------------------------------------------------------------


def convert_pdf(paths: Sequence[Path], out_dir: Path) -> list[Path]:
    """Convert .docx files to PDF with LibreOffice, as they are (one call for all of them)."""
    return pdf_mod.convert(paths, out_dir)


# -- many specs -----------------------------------------------------------------------------------


@dataclass
class SpecResult:
    """What happened to one spec of a batch."""

    spec: Path
    status: str
    """built, findings (rule errors: not built) or unusable (could not be read)."""
    files: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def build_one(spec: Path, out_dir: Path, only: Sequence[str] | None = None,
              template_dirs: Sequence[Path] = (), pdf: bool = False, lang: str = "zh") -> SpecResult:
    """Load, check and (when it has no errors) build one spec. Never raises for a bad spec."""
    from rectimeet import api
    from rectimeet import spec as spec_mod
    from rectimeet.cli_support import format_finding
    from rectimeet.rules.engine import Severity

    try:
        loaded = spec_mod.load(spec)
        # Checked from the plan (not a Prepared) so that rectimeet.toml applies, as in `check`.
        findings = api.check(loaded.plan, source_map=loaded.source_map, spec_dir=spec.parent)
        prepared = api.prepare(loaded.plan, spec_dir=spec.parent)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if errors:
            return SpecResult(spec, "findings", messages=[format_finding(f, str(spec), lang) for f in errors])
        files = assemble(prepared, out_dir, only, template_dirs)
        if pdf:
            files += convert_pdf(files, out_dir)
        return SpecResult(spec, "built", files=files)
    except RectimeetError as exc:
        return SpecResult(spec, "unusable", messages=[exc.render(lang)])


def _build_job(args: tuple[Path, Path, tuple[str, ...], tuple[Path, ...], bool, str]) -> SpecResult:
    return build_one(*args)


def build_specs(paths: Sequence[Path], out_dir: Path, jobs: int = 1, only: Sequence[str] | None = None,
                pdf: bool = False, *, template_dirs: Sequence[Path] = (), lang: str = "zh",
                progress: Callable[[SpecResult], None] | None = None) -> list[SpecResult]:
    """Build many specs, ``jobs`` processes at a time; each spec gets its own sub-directory
    (named after the spec file) when there is more than one. ``progress`` is called per spec."""
    if pdf and soffice() is None:
        raise BuildError(PDF_HELP, {"command": PDF_INSTALL})
    many = len(paths) > 1
    tasks = [(p, out_dir / p.stem if many else out_dir, tuple(only or ()), tuple(template_dirs), pdf, lang)
             for p in paths]
    results: list[SpecResult] = []
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            results.append(_build_job(task))
            if progress:
                progress(results[-1])
        return results
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for result in pool.map(_build_job, tasks):
            results.append(result)
            if progress:
                progress(result)
    return results
