"""``rectimeet export`` / ``import`` / ``status``: the rectification ledger on the command line."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from rectimeet.cli.support import EXIT_FINDINGS, current_lang, echo_json, handle_errors, lang_option
from rectimeet.i18n import N_, render

_SPEC = click.argument("spec", type=click.Path(exists=False, dir_okay=False, path_type=Path))
_COLOURS = {"red": "bold red", "yellow": "yellow", "green": "green", "none": "", "grey": "dim"}


@click.command()
@_SPEC
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the ledger workbook (.xlsx) here.")
@click.option("--ics", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write milestones, talks and deadlines as a calendar (.ics) here.")
@handle_errors
def export(spec: Path, xlsx: Path | None, ics: Path | None) -> None:
    """Export the ledger of SPEC to Excel and/or the dates to a calendar file."""
    from rectimeet.spec import load

    lang = current_lang()
    if xlsx is None and ics is None:
        raise click.UsageError(render(N_("give --xlsx FILE, --ics FILE or both"), None, lang))
    loaded = load(spec)
    if xlsx is not None:
        from rectimeet.ledger.excel import export_xlsx

        export_xlsx(loaded.plan, xlsx)
        click.echo(render(N_("wrote {path}"), {"path": str(xlsx)}, lang), err=True)
    if ics is not None:
        from rectimeet.api import prepare
        from rectimeet.ledger.ics import export_ics
        from rectimeet.spec import located

        with located(loaded):
            prepared = prepare(loaded.plan, spec_dir=spec.parent)
        export_ics(prepared, ics)
        click.echo(render(N_("wrote {path}"), {"path": str(ics)}, lang), err=True)


@click.command("import")
@_SPEC
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The edited ledger workbook.")
@click.option("--by", default="", help="Who made the changes (recorded in each item's history).")
@click.option("--on", "on_", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Date recorded for the changes (YYYY-MM-DD; default today).")
@click.option("--dry-run", is_flag=True, help="Check and list the changes; write nothing.")
@lang_option
@handle_errors
def import_(spec: Path, xlsx: Path, by: str, on_: dt.datetime | None, dry_run: bool,
            lang: str) -> None:
    """Read an edited ledger workbook back into SPEC (only if every row is valid)."""
    from rectimeet.ledger.excel import WorkbookError, import_xlsx

    try:
        result = import_xlsx(spec, xlsx, by=by, on=on_.date() if on_ else None, dry_run=dry_run)
    except WorkbookError as exc:
        click.echo(exc.render(lang), err=True)
        raise SystemExit(EXIT_FINDINGS) from None
    for item_id, changes in result.changes.items():
        if item_id in result.added:
            click.echo(f"{item_id}  {render(N_('added'), None, lang)}")
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


@click.command()
@_SPEC
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Date to count days left from (YYYY-MM-DD; default today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="A colour table, or JSON for other programs.")
@handle_errors
def status(spec: Path, as_of: dt.datetime | None, fmt: str) -> None:
    """Show the ledger of SPEC as of a date: overdue first, with warning colours and counts."""
    from rectimeet.ledger.status import summarize
    from rectimeet.models.milestone import DateUnit
    from rectimeet.scheduling.workdays import default_calendar
    from rectimeet.spec import load, located

    loaded = load(spec)
    plan = loaded.plan
    day = as_of.date() if as_of else dt.date.today()
    # The holiday calendar (plugins, data files) is loaded only when an item counts working days.
    working = any(i.deadline_unit is DateUnit.WORKING_DAYS for i in plan.checklist)
    with located(loaded):
        summary = summarize(plan, day, default_calendar(plan, spec.parent) if working else None)
    if fmt == "json":
        echo_json(summary.as_json())
        return
    from rich.console import Console
    from rich.table import Table

    lang = current_lang()
    table = Table(title=render(N_("Rectification ledger {date} ({total} items, {overdue} overdue)"),
                               {"date": day.isoformat(), "total": summary.total,
                                "overdue": len(summary.overdue)}, lang))
    wide = (N_("Issue"), N_("Responsible person"))
    for header in (N_("No."), N_("ID"), N_("Issue"), N_("Responsible leader"),
                   N_("Responsible person"), N_("Kind of rectification"), N_("Deadline"),
                   N_("Status"), N_("Time left"), N_("Warning")):
        is_wide = header in wide
        table.add_column(render(header, None, lang), overflow="fold", no_wrap=not is_wide,
                         ratio=3 if is_wide else None, min_width=10 if is_wide else None)
    for s in summary.items:
        item = s.item
        table.add_row(str(s.seq), item.id, item.issue, s.lead_name, item.responsible,
                      item.kind.value, item.deadline.isoformat() if item.deadline else "",
                      item.status.value, _time_left(s.days_left, item.deadline_unit.value, lang),
                      s.colour.label, style=_COLOURS[s.colour.value])
    # Piped into a file or another program, rich would assume 80 columns and squeeze the
    # problem texts away; a terminal keeps its own width.
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(table)
    counts = [(N_("By status: {counts}"), summary.by_status),
              (N_("By kind: {counts}"), summary.by_kind),
              (N_("By source: {counts}"), summary.by_source),
              (N_("By owner: {counts}"), summary.by_owner)]
    for msgid, values in counts:
        console.print(render(msgid, {"counts": [f"{k} {n}" for k, n in values.items()]}, lang),
                      highlight=False)


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
