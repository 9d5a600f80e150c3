"""``rectimeet schedule SPEC``: the computed timeline and talk schedule, as a table or JSON."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from rectimeet.cli.help import command
from rectimeet.cli.startup import collector_paused
from rectimeet.cli.support import echo_json, format_option, handle_errors, lang_option
from rectimeet.cli.tables import print_table
from rectimeet.formatting import date_weekday_cn, month_day_cn
from rectimeet.i18n import N_, render
from rectimeet.prepared import Prepared
from rectimeet.scheduling.talks import TalkProblem

PHASE_LABELS = {"before": N_("before the meeting"), "meeting": N_("meeting day"),
                "after": N_("after the meeting")}
KIND_LABELS = {
    "principal_member": N_("principal with each member"),
    "member_member": N_("members with each other"),
    "member_head": N_("member with the heads of the departments they oversee"),
    "member_branch": N_("member with party-member representatives of their branch"),
    "other": N_("other talk"),
}


def _milestone_table(prepared: Prepared, lang: str) -> Table:
    table = Table(title=escape(render(N_("{title}: timeline"),
                                      {"title": prepared.meeting_title}, lang)),
                  title_justify="left")
    for column in (N_("Date"), N_("Phase"), N_("Task"), N_("Responsible"), N_("Submitted to")):
        table.add_column(render(column, None, lang))
    for m in prepared.milestones:
        when = m.due_text if m.imprecise else date_weekday_cn(m.due)
        if m.moved_from is not None:
            moved = (N_("(moved earlier from {date})") if m.moved_from > m.due else
                     N_("(moved later from {date})"))
            when += "\n" + render(moved, {"date": month_day_cn(m.moved_from)}, lang)
        table.add_row(*(escape(cell) for cell in (
            when, render(PHASE_LABELS[m.phase.value], None, lang), m.title, m.responsible,
            "、".join(m.recipients))))
    return table


def _talk_table(prepared: Prepared, lang: str) -> Table:
    table = Table(title=render(N_("Talk schedule"), None, lang), title_justify="left")
    for column in (N_("Date"), N_("Half-day"), N_("Parties"), N_("Kind of talk"), N_("Status")):
        table.add_column(render(column, None, lang))
    for t in sorted(prepared.talks, key=lambda t: (t.date is None, t.date, t.half_day != "上午")):
        kind = KIND_LABELS.get(t.kind)
        table.add_row(*(escape(cell) for cell in (
            date_weekday_cn(t.date) if t.date else render(N_("not scheduled"), None, lang),
            t.half_day, f"{t.a_name} — {t.b_name}",
            render(kind, None, lang) if kind else t.kind,
            render(N_("held") if t.held else N_("planned"), None, lang))))
    return table


def render_text(prepared: Prepared, console: Console, lang: str = "zh") -> None:
    """Print the timeline, the talk schedule and any calendar or talk problems."""
    console.print(render(N_("Meeting date: {date}"),
                         {"date": date_weekday_cn(prepared.plan.meeting.date)}, lang))
    console.print(_milestone_table(prepared, lang))
    print_table(console, _talk_table(prepared, lang))
    problem = prepared.talk_problem
    if problem:
        text = problem.render(lang) if isinstance(problem, TalkProblem) else problem
        console.print(escape(text), style="bold red")
    for year in prepared.calendar_notes:
        console.print(render(N_("Note: the holiday schedule of {year} is not published yet; "
                                "weekends and the fixed statutory holidays are assumed (without "
                                "make-up workdays)."), {"year": year}, lang), style="yellow")


@command(help=N_("Show the timeline and talk schedule computed for SPEC."),
         examples=["rectimeet schedule meeting.yaml", "rectimeet schedule meeting.yaml --format json"])
@click.argument("spec", type=click.Path(path_type=Path))
@format_option(N_("A readable table, or JSON with ISO dates."))
@lang_option
@handle_errors
@collector_paused
def schedule(spec: Path, fmt: str, lang: str) -> None:
    from rectimeet import api

    prepared = api.prepare(spec)
    if fmt == "json":
        echo_json(api.schedule(prepared, lang=lang).model_dump(mode="json"))
        return
    render_text(prepared, Console(width=160, soft_wrap=False, highlight=False), lang)
