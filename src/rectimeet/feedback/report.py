"""``rectimeet import --feedback`` on the command line: run the import, show what it changes."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from rectimeet.feedback.importer import ADDED, CHANGED, REMOVED, FeedbackImportResult
from rectimeet.i18n import N_, render

_ACTIONS = {ADDED: N_("added"), REMOVED: N_("removed"), CHANGED: N_("changed")}


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], lang: str) -> None:
    """A table on stdout (rich); piped output gets a wide fixed width instead of 80 columns."""
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for n, header in enumerate(headers):
        table.add_column(render(header, None, lang), overflow="fold",
                         ratio=3 if n == len(headers) - 1 else None)
    for row in rows:
        table.add_row(*row)
    Console(width=None if sys.stdout.isatty() else 160).print(table)


def change_rows(result: FeedbackImportResult, lang: str) -> list[tuple[str, str, str, str]]:
    rows = []
    for c in result.changes:
        text = c.text
        if c.old:
            text = f"{c.old} → {c.text}"
        elif c.action == CHANGED and c.fields:
            text = f"{c.text}（{'、'.join(c.fields)}）"
        rows.append((render(_ACTIONS[c.action], None, lang), c.id, c.position, text))
    return rows


def run_import(spec: Path, source: Path, *, allow_drop: bool, dry_run: bool, by: str,
               on: dt.date | None, lang: str) -> None:
    from rectimeet.cli.support import EXIT_FINDINGS
    from rectimeet.feedback.errors import FeedbackImportError
    from rectimeet.feedback.importer import import_feedback

    try:
        result = import_feedback(spec, source, allow_drop=allow_drop, dry_run=dry_run, by=by,
                                 on=on)
    except FeedbackImportError as exc:
        click.echo(exc.render(lang), err=True)
        raise SystemExit(EXIT_FINDINGS) from None
    if result.changes:
        print_table([N_("Change"), N_("ID"), N_("Position"), N_("Problem")],
                    change_rows(result, lang), lang)
    counts = {a: sum(1 for c in result.changes if c.action == a) for a in _ACTIONS}
    doc = result.document
    click.echo(render(N_("{source}: {problems} problem(s) in {areas} area(s), {suggestions} "
                         "suggestion(s)"),
                      {"source": str(source), "problems": len(doc.problems),
                       "areas": len(doc.areas), "suggestions": len(doc.suggestions)}, lang),
               err=True)
    if result.kept:
        click.echo(render(N_("kept, typed by hand and not in the document: {ids}"),
                          {"ids": result.kept}, lang), err=True)
    if result.unlinked:
        click.echo(render(N_("checklist items no longer linked to a problem: {ids}"),
                          {"ids": result.unlinked}, lang), err=True)
    params = {"added": counts[ADDED], "removed": counts[REMOVED], "changed": counts[CHANGED],
              "path": str(spec)}
    if result.written:
        message = N_("{added} added, {removed} removed, {changed} changed; wrote {path}")
    elif dry_run and result.changes:
        message = N_("{added} added, {removed} removed, {changed} changed "
                     "(dry run, nothing written)")
    else:
        message = N_("no changes")
    click.echo(render(message, params, lang), err=True)
