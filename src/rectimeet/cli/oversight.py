"""``rectimeet report``: the oversight page of many units as one self-contained HTML file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from rectimeet.cli.help import command
from rectimeet.cli.support import (
    EXIT_UNUSABLE,
    as_of_option,
    handle_errors,
    lang_option,
    spec_paths,
)
from rectimeet.i18n import N_, render


@command(
    help=N_("Write one self-contained HTML page (no network needed, readable on a phone) with a "
            "progress chart per unit and the overdue items of all units in SPECS (directories "
            "or spec files)."),
    examples=["rectimeet report specs/ --html report.html",
              "rectimeet report specs/ --html report.html --as-of 2026-12-31 --lang en"])
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help=N_("Write the page (.html) here."))
@as_of_option(help=N_("Date to count days left from (YYYY-MM-DD; default today)."))
@lang_option
@handle_errors
def report(specs: tuple[Path, ...], html_path: Path, as_of: dt.datetime | None, lang: str
           ) -> None:
    from rectimeet.oversight import collect
    from rectimeet.oversight.html import export_report

    oversight = collect(spec_paths(specs), as_of.date() if as_of else dt.date.today(), lang)
    export_report(oversight, html_path, lang)
    for failure in oversight.failures:
        click.echo(failure.message, err=True)
    click.echo(render(N_("wrote {path}"), {"path": str(html_path)}, lang), err=True)
    if oversight.failures:
        raise SystemExit(EXIT_UNUSABLE)
