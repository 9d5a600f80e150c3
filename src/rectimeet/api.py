"""The Python API: one pipeline from a spec to a prepared plan, and what works from it.

Everything here also backs the CLI; an OA system embedding rectimeet calls these directly::

    import rectimeet

    prepared = rectimeet.prepare("meeting.yaml")     # spec + rectimeet.toml + rules: applied
    findings = rectimeet.check(prepared)              # with file lines
    written = rectimeet.assemble(prepared, "out/")   # the document set

``prepare`` is the only place that reads a spec and the project configuration, so rules,
documents, the schedule and the ledger always see the same plan and the same rule parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rectimeet.errors import RectimeetError
from rectimeet.models.plan import Plan
from rectimeet.plugins import PluginHost, get_host
from rectimeet.preparation import resolve
from rectimeet.prepared import Prepared
from rectimeet.rules.engine import (
    Finding,
    Rule,
    SourceMap,
    collect_rules,
    format_finding,
    run_rules,
)
from rectimeet.spec import LoadedSpec

Source = Path | str | LoadedSpec | Plan | Prepared
"""What the pipeline starts from: a spec file's path, a loaded spec, a plan built in code, or an
already prepared plan (returned as it is)."""

if TYPE_CHECKING:
    from rectimeet.results import ScheduleResult, StatusResult


def prepare(source: Source, host: PluginHost | None = None, *, spec_dir: Path | None = None,
            project_config: bool = True) -> Prepared:
    """Load (when given a path), apply rule settings, and resolve the level's defaults, the
    timeline and the talk schedule.

    The nearest ``rectimeet.toml`` at or above the spec's folder (or ``spec_dir``) supplies
    project-wide rule settings; the spec's own ``rules:`` win. ``spec_dir`` is also where
    relative paths in the spec (calendar data files) are resolved from.
    """
    if isinstance(source, Prepared):
        return source
    from rectimeet.spec import load

    smap: SourceMap | None = None
    spec_path: Path | None = None
    if isinstance(source, str | Path):
        source = load(source)
    if isinstance(source, LoadedSpec):
        plan, smap, spec_path = source.plan, source.source_map, source.path
        if spec_dir is None and spec_path is not None:
            spec_dir = spec_path.parent
    else:
        plan = source
    host = host or get_host()
    if isinstance(source, LoadedSpec):
        from rectimeet.spec.loader import located

        # Errors found while working on a spec file (level, timeline, rule parameters) carry its
        # file and line.
        with located(source):
            return resolve(plan, host, smap, spec_path, spec_dir, project_config)
    return resolve(plan, host, smap, spec_path, spec_dir, project_config)


def rules(host: PluginHost | None = None) -> list[Rule]:
    """Every installed rule, built-in and from plugins, sorted by code."""
    return collect_rules(host or get_host())


def check(
    source: Source,
    *,
    host: PluginHost | None = None,
    source_map: SourceMap | None = None,
    spec_dir: Path | None = None,
    today: dt.date | None = None,
) -> list[Finding]:
    """Run every enabled rule; return all findings (errors, warnings, info), sorted.

    ``source`` is anything :func:`prepare` takes; findings carry file lines when it was read
    from a file (or when ``source_map`` is given).
    """
    prepared = prepare(source, host, spec_dir=spec_dir)
    return run_rules(prepared, collect_rules(prepared.plugins),
                     source_map=source_map or prepared.source_map, today=today)


def schedule(source: Source, *, host: PluginHost | None = None, lang: str = "zh") -> ScheduleResult:
    """The timeline and talk schedule, typed (``.model_dump(mode="json")`` gives ISO dates)."""
    from rectimeet.results import ScheduleResult

    return ScheduleResult.from_prepared(prepare(source, host), lang)


def status(source: Source, as_of: dt.date | None = None, *, host: PluginHost | None = None,
           spec_dir: Path | None = None) -> StatusResult:
    """The ledger as of ``as_of`` (default today): every item's days left and colour, overdue
    first, with the counts, on the plan's own calendar."""
    from rectimeet.ledger.status import summarize
    from rectimeet.results import StatusResult

    prepared = prepare(source, host, spec_dir=spec_dir)
    return StatusResult.from_summary(summarize(prepared, as_of or dt.date.today(), prepared.calendar))


def assemble(
    source: Source,
    out_dir: Path | str,
    documents: Sequence[str] | None = None,
    *,
    host: PluginHost | None = None,
    template_dirs: Iterable[Path] = (),
    as_of: dt.date | None = None,
) -> list[Path]:
    """Write the document set (or the named ``documents``) into ``out_dir``; return the paths.

    Unlike ``rectimeet build`` this does not refuse a plan with rule errors: call :func:`check`
    first when that matters.
    """
    from rectimeet.documents.assembly import assemble as _assemble

    prepared = prepare(source, host)
    return list(_assemble(prepared, Path(out_dir), documents=documents,
                          template_dirs=tuple(template_dirs), host=prepared.plugins, as_of=as_of))


def document_types(host: PluginHost | None = None) -> list[Any]:
    """Every installed document type (:class:`rectimeet.documents.registry.DocumentType`)."""
    from rectimeet.documents.assembly import document_types as _types

    return _types(host or get_host())


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
              template_dirs: Sequence[Path] = (), pdf: bool = False, lang: str = "zh",
              as_of: dt.date | None = None) -> SpecResult:
    """Prepare, check and (when it has no errors) build one spec. Never raises for a bad spec."""
    from rectimeet.documents.assembly import assemble as _assemble
    from rectimeet.rules.engine import Severity

    try:
        prepared = prepare(spec)
        findings = check(prepared)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if errors:
            return SpecResult(spec, "findings", messages=[format_finding(f, str(spec), lang) for f in errors])
        files = _assemble(prepared, out_dir, only, template_dirs, as_of=as_of, pdf=pdf)
        return SpecResult(spec, "built", files=files)
    except RectimeetError as exc:
        return SpecResult(spec, "unusable", messages=[exc.render(lang)])


def _build_job(args: tuple[Path, Path, tuple[str, ...], tuple[Path, ...], bool, str, dt.date | None]
               ) -> SpecResult:
    return build_one(*args)


def build_specs(paths: Sequence[Path], out_dir: Path, jobs: int = 1, only: Sequence[str] | None = None,
                pdf: bool = False, *, template_dirs: Sequence[Path] = (), lang: str = "zh",
                as_of: dt.date | None = None,
                progress: Callable[[SpecResult], None] | None = None) -> list[SpecResult]:
    """Build many specs, ``jobs`` processes at a time; each spec gets its own sub-directory
    (named after the spec file) when there is more than one. ``progress`` is called per spec."""
    if pdf:  # the PDF conversion (and subprocess) is imported only when PDFs are asked for
        from rectimeet.documents.assembly import PDF_HELP, PDF_INSTALL, soffice
        from rectimeet.errors import BuildError

        if soffice() is None:
            raise BuildError(PDF_HELP, {"command": PDF_INSTALL})
    many = len(paths) > 1
    tasks = [(p, out_dir / p.stem if many else out_dir, tuple(only or ()), tuple(template_dirs), pdf, lang,
              as_of) for p in paths]
    results: list[SpecResult] = []
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            results.append(_build_job(task))
            if progress:
                progress(results[-1])
        return results
    # Imported here: multiprocessing costs every `rectimeet check` 20 ms it never needs.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for result in pool.map(_build_job, tasks):
            results.append(result)
            if progress:
                progress(result)
    return results
