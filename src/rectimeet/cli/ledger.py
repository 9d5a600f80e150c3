"""``rectimeet export`` / ``import`` / ``status``: the rectification ledger on the command line."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rectimeet.cli.help import AliasedOption, command
from rectimeet.cli.startup import collector_paused
from rectimeet.cli.support import (
    EXIT_FINDINGS,
    EXIT_UNUSABLE,
    as_of_option,
    echo_json,
    format_option,
    handle_errors,
    lang_option,
    spec_paths,
)
from rectimeet.cli.tables import print_table
from rectimeet.i18n import N_, render
from rectimeet.ledger.status import Colour

if TYPE_CHECKING:
    from rich.console import Console

    from rectimeet.oversight import Counts, SpecFailure

_SPEC = click.argument("spec", type=click.Path(exists=False, dir_okay=False, path_type=Path))
_SPECS = click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
_COLOURS = {"red": "bold red", "yellow": "yellow", "green": "green", "none": "", "grey": "dim"}


@command(
    help=N_("Export the ledger of SPEC to Excel and/or its dates to a calendar file. With a "
            "directory or several specs, --xlsx writes a summary workbook (a row per unit and "
            "every item with its unit) and --ics one calendar for all units."),
    examples=["rectimeet export meeting.yaml --xlsx 台账.xlsx --ics 日程.ics",
              "rectimeet export specs/ --xlsx summary.xlsx --as-of 2026-12-31"])
@_SPECS
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=N_("Write the ledger workbook (.xlsx) here."))
@click.option("--ics", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=N_("Write milestones, talks and deadlines as a calendar (.ics) here."))
@as_of_option(help=N_("Date the summary workbook counts days left from (YYYY-MM-DD; default "
                      "today)."))
@lang_option
@handle_errors
@collector_paused
def export(specs: tuple[Path, ...], xlsx: Path | None, ics: Path | None,
           as_of: dt.datetime | None, lang: str) -> None:
    from rectimeet.api import prepare

    if xlsx is None and ics is None:
        raise click.UsageError(render(N_("give --xlsx FILE, --ics FILE or both"), None, lang))
    paths = spec_paths(specs)
    if len(paths) > 1 or any(p.is_dir() for p in specs):
        _export_many(paths, xlsx, ics, as_of.date() if as_of else dt.date.today(), lang)
        return
    spec = paths[0]
    prepared = prepare(spec)
    if xlsx is not None:
        from rectimeet.ledger.excel import export_xlsx

        export_xlsx(prepared.plan, xlsx)
        click.echo(render(N_("wrote {path}"), {"path": str(xlsx)}, lang), err=True)
    if ics is not None:
        from rectimeet.ledger.ics import export_ics

        export_ics(prepared, ics)
        click.echo(render(N_("wrote {path}"), {"path": str(ics)}, lang), err=True)


def _export_many(paths: list[Path], xlsx: Path | None, ics: Path | None, as_of: dt.date,
                 lang: str) -> None:
    from rectimeet.oversight import collect

    oversight = collect(paths, as_of, lang)
    _report_failures(oversight.failures, lang)
    if xlsx is not None:
        from rectimeet.oversight.workbook import export_summary

        export_summary(oversight, xlsx)
        click.echo(render(N_("wrote {path}"), {"path": str(xlsx)}, lang), err=True)
    if ics is not None:
        from rectimeet.api import prepare
        from rectimeet.ledger.ics import export_many_ics
        from rectimeet.spec import load

        good = [Path(u.spec) for u in oversight.units]
        export_many_ics([prepare(load(p).plan, spec_dir=p.parent) for p in good], ics)
        click.echo(render(N_("wrote {path}"), {"path": str(ics)}, lang), err=True)
    if oversight.failures:
        raise SystemExit(EXIT_UNUSABLE)


def _report_failures(failures: list[SpecFailure], lang: str) -> None:
    for failure in failures:
        click.echo(failure.message, err=True)
    if failures:
        click.echo(render(N_("{count} spec(s) could not be read and are left out"),
                          {"count": len(failures)}, lang), err=True)


@command("import",
         help=N_("Read an edited ledger workbook back into SPEC (only if every row is valid)."),
         examples=["rectimeet import meeting.yaml --xlsx 台账.xlsx --by 张三 --dry-run"])
@_SPEC
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=N_("The edited ledger workbook."))
@click.option("--feedback", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=N_("The inspection group's feedback document (反馈意见, .docx or .txt): its "
                      "problems become the spec's feedback issues."))
@click.option("--allow-drop", is_flag=True,
              help=N_("With --feedback: drop problems no longer in the document even when members "
                      "claimed them or checklist items answer them."))
@click.option("--by", default="",
              help=N_("Who made the changes (recorded in each item's history)."))
@click.option("--as-of", "--on", "on_", cls=AliasedOption, hidden_aliases=("--on",),
              type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help=N_("Date recorded for the changes (YYYY-MM-DD; default today)."))
@click.option("--dry-run", is_flag=True, help=N_("Check and show the table of changes; write nothing."))
@lang_option
@handle_errors
@collector_paused
def import_(spec: Path, xlsx: Path | None, feedback: Path | None, allow_drop: bool, by: str,
            on_: dt.datetime | None, dry_run: bool, lang: str) -> None:
    """Read an edited ledger workbook (--xlsx) or a feedback document (--feedback) into SPEC.

    Nothing is written unless everything checks.
    """
    if (xlsx is None) == (feedback is None):
        raise click.UsageError(render(N_("give either --xlsx FILE or --feedback FILE"), None, lang))
    day = on_.date() if on_ else None
    if feedback is not None:
        from rectimeet.feedback.report import run_import

        run_import(spec, feedback, allow_drop=allow_drop, dry_run=dry_run, by=by, on=day,
                   lang=lang)
        return
    assert xlsx is not None
    from rectimeet.ledger.excel import WorkbookError, import_xlsx

    try:
        result = import_xlsx(spec, xlsx, by=by, on=day, dry_run=dry_run)
    except WorkbookError as exc:
        click.echo(exc.render(lang), err=True)
        raise SystemExit(EXIT_FINDINGS) from None
    for item_id in result.added:
        click.echo(f"{item_id}  {render(N_('added'), None, lang)}")
    if dry_run:
        from rectimeet.feedback.report import print_table

        print_table([N_("ID"), N_("Field"), N_("Old value"), N_("New value")],
                    [(item_id, c.field, c.old or "—", c.new or "—")
                     for item_id, changes in result.changes.items() if item_id not in result.added
                     for c in changes], lang)
    else:
        for item_id, changes in result.changes.items():
            if item_id in result.added:
                continue
            for c in changes:
                click.echo(f"{item_id}  {c.field}: {c.old or '—'} → {c.new or '—'}")
    for item_id in result.removed:
        click.echo(f"{item_id}  {render(N_('deleted'), None, lang)}")
    if result.written:
        message = render("{count} item(s) changed; wrote {path}",
                         {"count": result.changed_items, "path": str(spec)}, lang)
    elif dry_run and (result.changes or result.removed):
        message = render("{count} item(s) would change (dry run, nothing written)",
                         {"count": result.changed_items}, lang)
    else:
        message = render("no changes", None, lang)
    click.echo(message, err=True)


@command(
    help=N_("Show the ledger of SPEC as of a date: overdue first, with warning colours and "
            "counts. With a directory or several specs: per-unit and overall counts (done, in "
            "progress, due within 10 and 20 days, overdue) and the overdue items of all units."),
    examples=["rectimeet status meeting.yaml --as-of 2026-12-31",
              "rectimeet status specs/ --format json"])
@_SPECS
@as_of_option(help=N_("Date to count days left from (YYYY-MM-DD; default today)."))
@format_option(N_("A colour table, or JSON for other programs."))
@lang_option
@handle_errors
@collector_paused
def status(specs: tuple[Path, ...], as_of: dt.datetime | None, fmt: str, lang: str) -> None:
    from rectimeet import api

    day = as_of.date() if as_of else dt.date.today()
    paths = spec_paths(specs)
    if len(paths) > 1 or any(p.is_dir() for p in specs):
        _status_many(paths, day, fmt, lang)
        return
    spec = paths[0]
    result = api.status(spec, day)
    if fmt == "json":
        echo_json(result.model_dump(mode="json"))
        return
    from rich.table import Table

    table = Table(title=render(N_("Rectification ledger {date} ({total} items, {overdue} overdue)"),
                               {"date": day.isoformat(), "total": result.total,
                                "overdue": result.overdue}, lang))
    wide = (N_("Issue"), N_("Responsible person"))
    for header in (N_("No."), N_("ID"), N_("Issue"), N_("Responsible leader"),
                   N_("Responsible person"), N_("Kind of rectification"), N_("Deadline"),
                   N_("Status"), N_("Time left"), N_("Warning")):
        is_wide = header in wide
        table.add_column(render(header, None, lang), overflow="fold", no_wrap=not is_wide,
                         ratio=3 if is_wide else None, min_width=10 if is_wide else None)
    for item in result.items:
        table.add_row(str(item.seq), item.id, item.issue, item.lead, item.responsible,
                      item.kind, item.deadline.isoformat() if item.deadline else "",
                      item.status, _time_left(item.days_left, item.deadline_unit, lang),
                      Colour(item.colour).label, style=_COLOURS[item.colour])
    console = _console()
    print_table(console, table)
    counts = [(N_("By status: {counts}"), result.by_status),
              (N_("By kind: {counts}"), result.by_kind),
              (N_("By source: {counts}"), result.by_source),
              (N_("By owner: {counts}"), result.by_owner)]
    for msgid, values in counts:
        console.print(render(msgid, {"counts": [f"{k} {n}" for k, n in values.items()]}, lang),
                      highlight=False)


def _console() -> Console:
    from rich.console import Console

    # Piped into a file or another program, rich would assume 80 columns and squeeze the
    # problem texts away; a terminal keeps its own width.
    return Console(width=None if sys.stdout.isatty() else 160)


_COUNT_HEADERS = (N_("Unit"), N_("Items"), N_("Done"), N_("In progress"), N_("Pending"),
                  N_("Overdue"), N_("Due within 10 days"), N_("Due within 20 days"), N_("Done %"))


def _count_cells(counts: Counts) -> list[str]:
    return [str(n) for n in (counts.total, counts.done, counts.in_progress, counts.pending,
                             counts.overdue, counts.due_within_10, counts.due_within_20)] + [
        f"{counts.done_percent}%"]


def _status_many(paths: list[Path], day: dt.date, fmt: str, lang: str) -> None:
    from rich.table import Table

    from rectimeet.oversight import collect

    oversight = collect(paths, day, lang)
    if fmt == "json":
        echo_json(oversight.model_dump(mode="json"))
    else:
        console = _console()
        table = Table(title=render(N_("Rectification ledgers of {units} units as of {date}"),
                                   {"units": len(oversight.units), "date": day.isoformat()}, lang))
        for header in _COUNT_HEADERS:
            table.add_column(render(header, None, lang), justify="left" if header == "Unit"
                             else "right")
        for unit in oversight.units:
            style = ("bold red" if unit.counts.overdue else
                     "yellow" if unit.counts.due_within_10 else "")
            table.add_row(unit.unit, *_count_cells(unit.counts), style=style)
        table.add_section()
        table.add_row(render(N_("All units"), None, lang), *_count_cells(oversight.overall),
                      style="bold")
        console.print(table)
        if oversight.overdue:
            overdue = Table(title=render(N_("Overdue items ({count})"),
                                         {"count": len(oversight.overdue)}, lang))
            for header in (N_("Unit"), N_("ID"), N_("Issue"), N_("Responsible person"),
                           N_("Deadline"), N_("Status"), N_("Time left")):
                overdue.add_column(render(header, None, lang), overflow="fold")
            for o in oversight.overdue:
                item = o.item
                overdue.add_row(o.unit, item.id, item.issue, item.responsible,
                                item.deadline.isoformat() if item.deadline else "", item.status,
                                _time_left(item.days_left, item.deadline_unit, lang),
                                style="bold red")
            print_table(console, overdue)
    _report_failures(oversight.failures, lang)
    if oversight.failures:
        raise SystemExit(EXIT_UNUSABLE)


def _time_left(days: int | None, unit: str, lang: str) -> str:
    """``3个工作日`` / ``逾期9天``: days left in the item's own unit."""
    if days is None:
        return ""
    working = unit == "working_days"
    if days < 0:
        msgid = N_("{days} working days overdue") if working else N_("{days} days overdue")
    else:
        msgid = N_("{days} working days") if working else N_("{days} days")
    return render(msgid, {"days": abs(days)}, lang)
