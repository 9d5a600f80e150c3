"""``rectimeet build`` and ``rectimeet demo``: the document set from specs."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rectimeet.cli.help import command
from rectimeet.cli.startup import release, start_up
from rectimeet.cli.support import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNUSABLE,
    as_of_option,
    handle_errors,
    lang_option,
    spec_paths,
)
from rectimeet.i18n import N_, render

if TYPE_CHECKING:
    from rectimeet.api import SpecResult


def _print_results(results: list[SpecResult], lang: str) -> int:
    status = EXIT_OK
    for result in results:
        if result.status == "built":
            click.echo(render(N_("{spec}: {count} files"),
                              {"spec": str(result.spec), "count": len(result.files)}, lang))
            for path in result.files:
                click.echo(f"  {path}")
        else:
            for message in result.messages:
                click.echo(message, err=True)
            if result.status == "findings":
                click.echo(render(N_("{spec}: not built (errors above; see `rectimeet check`)"),
                                  {"spec": str(result.spec)}, lang), err=True)
                status = max(status, EXIT_FINDINGS)
            else:
                status = max(status, EXIT_UNUSABLE)
    return status


@command(
    help=N_("Build the document set for each SPEC (a directory builds every spec in it). Specs "
            "with rule errors are reported and not built (exit 1); specs that cannot be read "
            "exit 2."),
    examples=["rectimeet build meeting.yaml -o out/", "rectimeet build specs/ -o out/ --pdf -j 4",
              "rectimeet build meeting.yaml --only 整改情况报告 --as-of 2027-01-31"])
@click.argument("specs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help=N_("Output directory (one sub-directory per spec when several)."))
@click.option("--only", multiple=True, metavar="NAME",
              help=N_("Build only this document (id such as plan, or Chinese name such as 实施方案); repeatable."))
@click.option("--pdf", is_flag=True, help=N_("Also convert to PDF with LibreOffice (soffice)."))
@click.option("--templates", "template_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help=N_("Directory of .docx templates that override the built-in ones by file name."))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help=N_("Parallel processes (default: number of CPUs, at most the number of specs)."))
@as_of_option(help=N_("Date the 整改情况报告 counts the ledger on (YYYY-MM-DD; default today)."))
@lang_option
@handle_errors
def build(specs: tuple[Path, ...], out_dir: Path, only: tuple[str, ...], pdf: bool,
          template_dir: Path | None, jobs: int | None, as_of: dt.datetime | None,
          lang: str) -> None:
    try:
        with start_up():
            import importlib

            from rectimeet.api import build_specs, document_types
            from rectimeet.documents.registry import select

            # Part of the start-up, rather than of the first plan's build.
            importlib.import_module("rectimeet.documents.assembly")
            select(document_types(), list(only))  # an unknown --only name fails before any work
        paths = spec_paths(specs)
        workers = min(jobs or os.cpu_count() or 1, len(paths))
        dirs = (template_dir,) if template_dir else ()

        def run(progress: Callable[[SpecResult], None] | None) -> list[SpecResult]:
            return build_specs(paths, out_dir, workers, list(only), pdf, template_dirs=dirs,
                               lang=lang, progress=progress, as_of=as_of.date() if as_of else None)

        if len(paths) < 2:
            # One spec shows no progress bar: rich is not even imported.
            results = run(None)
        else:
            from rich.progress import Progress

            with Progress(transient=True) as progress:
                task = progress.add_task(render(N_("building"), None, lang), total=len(paths))
                results = run(lambda _result: progress.advance(task))
        status = _print_results(results, lang)
        if pdf:
            _print_fonts(lang)
    finally:
        release()
    raise SystemExit(status)


def _print_fonts(lang: str) -> None:
    """Which GB/T 9704 fonts the PDFs got, and which were substituted."""
    from rectimeet.documents.pdf import describe_fonts, font_report

    for line in describe_fonts(font_report(), lang):
        click.echo(line, err=True)


@command(
    help=N_("Build the whole document set for the embedded example (a township meeting)."),
    examples=["rectimeet demo --out rectimeet-demo"])
@click.option("--out", "-o", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("rectimeet-demo"), show_default=True, help=N_("Output directory."))
@click.option("--pdf", is_flag=True, help=N_("Also convert to PDF with LibreOffice (soffice)."))
@lang_option
@handle_errors
def demo(out_dir: Path, pdf: bool, lang: str) -> None:
    try:
        with start_up():
            from rectimeet import api
            from rectimeet import spec as spec_mod
            from rectimeet.documents.assembly import assemble

        text = (resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8")
        loaded = spec_mod.load_text(text, source="demo.yaml")
        prepared = api.prepare(loaded)
        files = assemble(prepared, out_dir, pdf=pdf)
    finally:
        release()
    click.echo(render(N_("{title}: {count} files in {folder}"),
                      {"title": prepared.meeting_title, "count": len(files),
                       "folder": str(out_dir)}, lang))
    for path in files:
        click.echo(f"  {path.name}")
    if pdf:
        _print_fonts(lang)
