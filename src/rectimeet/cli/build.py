"""``rectimeet build`` and ``rectimeet demo``: the document set from specs."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rectimeet.cli.support import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNUSABLE,
    current_lang,
    handle_errors,
    lang_option,
    spec_paths,
)
from rectimeet.i18n import N_, render

if TYPE_CHECKING:
    from rectimeet.documents.assembly import SpecResult


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


@click.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Output directory (one sub-directory per spec when several).")
@click.option("--only", multiple=True, metavar="NAME",
              help="Build only this document (id such as plan, or Chinese name such as 实施方案); repeatable.")
@click.option("--pdf", is_flag=True, help="Also convert to PDF with LibreOffice (soffice).")
@click.option("--templates", "template_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Directory of .docx templates that override the built-in ones by file name.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Parallel processes (default: number of CPUs, at most the number of specs).")
@lang_option
@handle_errors
def build(specs: tuple[Path, ...], out_dir: Path, only: tuple[str, ...], pdf: bool,
          template_dir: Path | None, jobs: int | None, lang: str) -> None:
    """Build the document set for each SPEC (a directory builds every spec in it).

    Specs with rule errors are reported and not built (exit 1); specs that cannot be read exit 2.
    """
    from rich.progress import Progress

    from rectimeet.documents.assembly import build_specs
    from rectimeet.documents.registry import select

    select(list(only))  # an unknown --only name is a usage error before any work starts
    paths = spec_paths(specs)
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    dirs = (template_dir,) if template_dir else ()
    with Progress(transient=True, disable=len(paths) < 2) as progress:
        task = progress.add_task(render(N_("building"), None, lang), total=len(paths))
        results = build_specs(paths, out_dir, workers, list(only), pdf, template_dirs=dirs, lang=lang,
                              progress=lambda _result: progress.advance(task))
    raise SystemExit(_print_results(results, lang))


@click.command()
@click.option("--out", "-o", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("rectimeet-demo"), show_default=True, help="Output directory.")
@click.option("--pdf", is_flag=True, help="Also convert to PDF with LibreOffice (soffice).")
@handle_errors
def demo(out_dir: Path, pdf: bool) -> None:
    """Build the whole document set for the embedded example (a township meeting)."""
    from rectimeet import api
    from rectimeet import spec as spec_mod
    from rectimeet.documents.assembly import assemble

    text = (resources.files("rectimeet") / "data" / "demo.yaml").read_text("utf-8")
    loaded = spec_mod.load_text(text, source="demo.yaml")
    prepared = api.prepare(loaded.plan)
    files = assemble(prepared, out_dir, pdf=pdf)
    click.echo(render(N_("{title}: {count} files in {folder}"),
                      {"title": prepared.meeting_title, "count": len(files),
                       "folder": str(out_dir)}, current_lang()))
    for path in files:
        click.echo(f"  {path.name}")
