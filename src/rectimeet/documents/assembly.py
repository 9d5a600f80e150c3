"""Assembling the document set for one plan, and building many specs in parallel processes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rectimeet.documents.context import build_context
from rectimeet.documents.registry import DocumentType, select
from rectimeet.documents.render import render_document
from rectimeet.errors import BuildError, RectimeetError, TemplateError
from rectimeet.i18n import N_
from rectimeet.plugins import PluginHost, get_host
from rectimeet.prepared import Prepared
from rectimeet.staging import staged

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
MAX_NAME_BYTES = 240
"""Bytes a document's file name may take with its extension (most file systems allow 255; the
set is staged in a folder, so no temporary suffix is added to a name)."""
_EXTENSION_BYTES = 5

PDF_HELP = N_("--pdf needs LibreOffice (soffice), which is not installed. On Debian/Ubuntu: "
              "{command}")
PDF_INSTALL = "sudo apt-get install --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk"


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
             as_of: dt.date | None = None, pdf: bool = False) -> list[Path]:
    """Write the document set (or the ``documents`` named by id or Chinese name) into ``out_dir``.

    Every document is rendered in memory before anything is written, so a template error leaves
    no file behind; the set (with its PDFs when ``pdf``) is then staged in ``out_dir`` and moved
    into place in one step (see :mod:`rectimeet.staging`). Returns the paths written.
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
    if pdf and soffice() is None:
        raise BuildError(PDF_HELP, {"command": PDF_INSTALL})
    with staged(out_dir) as stage:
        for path, data in rendered:
            stage.add(path.name, data)
        if pdf:
            for made in _convert_into(list(stage.directory / n for n in names), stage.directory):
                stage.adopt(made.name)
    return stage.paths


def document_types() -> list[DocumentType]:
    return select(None)


# -- PDF ----------------------------------------------------------------------------------------


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _for_libreoffice(data: bytes) -> bytes:
    """A copy LibreOffice lays out with 28 characters a line.

    LibreOffice (7.x) misreads a negative ``w:charSpace`` (it lays out 13–16 characters a line),
    and the 28-character grid needs one (15.79 pt pitch under a 16 pt font). The copy uses a
    lines-only grid and condenses the default character spacing by 0.25 pt instead; Word and WPS
    users get the original file.
    """
    from lxml import etree  # type: ignore[import-untyped]

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(part)
                for grid in root.iter(f"{{{_W}}}docGrid"):
                    grid.set(f"{{{_W}}}type", "lines")
                    grid.attrib.pop(f"{{{_W}}}charSpace", None)
                part = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif info.filename == "word/styles.xml":
                root = etree.fromstring(part)
                rpr = root.find(f"{{{_W}}}docDefaults/{{{_W}}}rPrDefault/{{{_W}}}rPr")
                size = rpr.find(f"{{{_W}}}sz") if rpr is not None else None
                if size is not None:
                    spacing = etree.Element(f"{{{_W}}}spacing")
                    spacing.set(f"{{{_W}}}val", "-5")  # twentieths of a point
                    size.addprevious(spacing)
                part = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, part)
    return out.getvalue()


PDF_TIMEOUT = 600
"""Seconds one LibreOffice run may take before the conversion is given up."""


def convert_pdf(paths: Sequence[Path], out_dir: Path) -> list[Path]:
    """Convert .docx files to PDF with LibreOffice (one call for all of them), staged like the
    documents: either every PDF appears in ``out_dir`` or none does."""
    if soffice() is None:
        raise BuildError(PDF_HELP, {"command": PDF_INSTALL})
    if not paths:
        return []
    with staged(out_dir) as stage:
        for made in _convert_into(paths, stage.directory):
            stage.adopt(made.name)
    return stage.paths


def _convert_into(paths: Sequence[Path], out_dir: Path) -> list[Path]:
    """Convert into ``out_dir``; every document must come out, or :class:`BuildError`.

    Each run gets its own LibreOffice profile: runs sharing one (parallel builds) fail at
    random, and LibreOffice may still exit 0.
    """
    exe = soffice()
    if exe is None:
        raise BuildError(PDF_HELP, {"command": PDF_INSTALL})
    with tempfile.TemporaryDirectory(prefix="rectimeet-") as work:
        copies = []
        sources = Path(work) / "docx"
        sources.mkdir()
        for path in paths:
            copy = sources / path.name
            copy.write_bytes(_for_libreoffice(path.read_bytes()))
            copies.append(copy)
        profile = (Path(work) / "profile").as_uri()
        try:
            result = subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless",
                                     "--norestore", "--convert-to", "pdf", "--outdir", str(out_dir),
                                     *map(str, copies)], capture_output=True, text=True,
                                    check=False, timeout=PDF_TIMEOUT, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise BuildError(N_("LibreOffice could not convert the documents: {output}"),
                             {"output": f"timeout after {PDF_TIMEOUT} s"}) from None
    pdfs = [out_dir / f"{p.stem}.pdf" for p in paths]
    missing = [p.name for p in pdfs if not p.is_file() or p.stat().st_size == 0]
    if result.returncode != 0 or missing:
        # LibreOffice's own output (English) is passed on as it is.
        if missing:
            raise BuildError(N_("LibreOffice could not convert {files}: {output}"),
                             {"files": missing, "output": result.stderr.strip()})
        raise BuildError(N_("LibreOffice could not convert the documents: {output}"),
                         {"output": result.stderr.strip()})
    return pdfs


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
    from rectimeet.cli.support import format_finding
    from rectimeet.rules.engine import Severity

    try:
        loaded = spec_mod.load(spec)
        # Checked from the plan (not a Prepared) so that rectimeet.toml applies, as in `check`.
        with spec_mod.located(loaded):
            findings = api.check(loaded.plan, source_map=loaded.source_map, spec_dir=spec.parent)
            prepared = api.prepare(loaded.plan, spec_dir=spec.parent)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if errors:
            return SpecResult(spec, "findings", messages=[format_finding(f, str(spec), lang) for f in errors])
        files = assemble(prepared, out_dir, only, template_dirs, pdf=pdf)
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
